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

/// What a country's published review submissions report on one objective: `(objective, progress, challenge,
/// priority)` submission counts, by objective (one statement).
pub async fn objectives_reported<C: sea_orm::ConnectionTrait>(
    db: &C,
    iso3: &str,
) -> AppResult<Vec<(i32, u64, u64, u64)>> {
    let reports = crate::service::priorities::reports(db).await?;
    let mut counts: std::collections::BTreeMap<i32, [std::collections::BTreeSet<i64>; 3]> = Default::default();
    for (objective, stance, submission, country, _) in reports {
        if country.as_deref() != Some(iso3) {
            continue;
        }
        let slot = match stance {
            hub_entity::enums::Stance::Progress => 0,
            hub_entity::enums::Stance::Challenge => 1,
            hub_entity::enums::Stance::Priority => 2,
        };
        counts.entry(objective).or_default()[slot].insert(submission);
    }
    Ok(counts
        .into_iter()
        .map(|(objective, [progress, challenge, priority])| {
            (objective, progress.len() as u64, challenge.len() as u64, priority.len() as u64)
        })
        .collect())
}

/// The published records (of the searchable kinds) naming a country, per objective: `(objective, count)`, by
/// objective (one statement).
pub async fn coverage<C: sea_orm::ConnectionTrait>(db: &C, iso3: &str) -> AppResult<Vec<(i32, u64)>> {
    let filter = crate::domain::filter::ContentFilter { countries: Some(vec![iso3.to_string()]), ..Default::default() };
    crate::service::content::query::per_objective(db, filter).await
}
