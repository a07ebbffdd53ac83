//! Admin changes to the country list: GCM Champion status.

use crate::domain::kind::RecordType;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use chrono::NaiveDate;
use hub_entity::country;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

/// Marks a country as a GCM Champion since a date, or removes the status (admins).
pub async fn set_champion(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso3: &str,
    champion: bool,
    since: Option<NaiveDate>,
) -> AppResult<country::Model> {
    viewer.require_signed_in()?;
    if viewer.role < Role::Admin {
        return Err(AppError::Forbidden);
    }
    if champion && since.is_none() {
        return Err(AppError::bad_input("since", "a champion needs the date it became one"));
    }
    let code = iso3.trim().to_ascii_uppercase();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(AppError::bad_input("iso3", format!("`{iso3}` is not an ISO 3166-1 alpha-3 code")));
    }
    let txn = crate::db::write_transaction(db).await?;
    let found = country::Entity::find_by_id(code.clone()).one(&txn).await?.ok_or(AppError::NotFound("country"))?;
    let mut row: country::ActiveModel = found.into();
    row.is_champion = Set(champion);
    row.champion_since = Set(since.filter(|_| champion));
    let updated = row.update(&txn).await?;
    let note = if champion {
        format!("{code} champion since {}", since.unwrap_or_default())
    } else {
        format!("{code} no longer a champion")
    };
    audit::record(&txn, viewer, Verb::SetChampion, Subject::Key(RecordType::Country, code), Some(note)).await?;
    txn.commit().await?;
    Ok(updated)
}
