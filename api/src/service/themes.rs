//! The hub's themes, managed by editors: added, renamed, reordered, and removed while no record is tagged with them.

use crate::domain::kind::RecordType;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::validate;
use crate::service::versioned::{self, Changes, Edit, Reindex};
use hub_entity::{content_theme, theme};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};

const NAME: &str = "theme";

/// A key as used in filters and inputs: 2 to 40 lowercase letters, digits, hyphens or underscores.
pub fn check_key(key: &str, field: &str) -> AppResult<()> {
    let valid = (2..=40).contains(&key.len())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(AppError::bad_input(field, "a key is 2 to 40 lowercase letters, digits, hyphens or underscores"))
    }
}

/// Adds a theme (editors); without a position it goes last.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    name: &str,
    position: Option<i32>,
) -> AppResult<theme::Model> {
    viewer.require(Role::Editor)?;
    check_key(key, "key")?;
    validate::text(Some(name), "name", 2, 200)?;
    let txn = crate::db::write_transaction(db).await?;
    if theme::Entity::find_by_id(key).one(&txn).await?.is_some() {
        return Err(AppError::Conflict(format!("a theme `{key}` exists already")));
    }
    let last: Option<i32> = theme::Entity::find()
        .select_only()
        .column_as(theme::Column::Position.max(), "max")
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let row = theme::ActiveModel {
        key: Set(key.to_string()),
        name: Set(name.trim().to_string()),
        position: Set(position.unwrap_or(last.unwrap_or(0) + 1)),
        version: Set(1),
    };
    versioned::create(txn, viewer, row, |row| {
        (Subject::Key(RecordType::Theme, row.key.clone()), Some(row.name.clone()))
    })
    .await
}

/// Renames or moves a theme at the version the caller read (editors).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    version: i32,
    name: Option<String>,
    position: Option<i32>,
) -> AppResult<theme::Model> {
    viewer.require(Role::Editor)?;
    validate::text(name.as_deref(), "name", 2, 200)?;
    let edit = Edit::<theme::Entity> {
        what: NAME,
        subject: Subject::Key(RecordType::Theme, key.to_string()),
        row: Condition::all().add(theme::Column::Key.eq(key)),
        version_column: theme::Column::Version,
        version,
        changes: Changes::default()
            .set(theme::Column::Name, name.map(|n| n.trim().to_string()))
            .set(theme::Column::Position, position),
        reindex: Reindex::Theme(key.to_string()),
    };
    versioned::edit(db, viewer, edit).await
}

/// Removes a theme no record is tagged with (editors); one in use is `CONFLICT`, never a silent untagging.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, key: &str) -> AppResult<String> {
    viewer.require(Role::Editor)?;
    let txn = crate::db::write_transaction(db).await?;
    let row = theme::Entity::find_by_id(key).one(&txn).await?.ok_or(AppError::NotFound(NAME))?;
    let tagged = content_theme::Entity::find().filter(content_theme::Column::ThemeKey.eq(key)).count(&txn).await?;
    if tagged > 0 {
        return Err(AppError::Conflict(format!("{tagged} records are tagged with this theme; retag them first")));
    }
    theme::Entity::delete_by_id(key).exec(&txn).await?;
    crate::service::labels::delete_theme_labels(&txn, key).await?;
    audit::record(&txn, viewer, Verb::Delete, Subject::Key(RecordType::Theme, key.to_string()), Some(row.name)).await?;
    txn.commit().await?;
    Ok(row.key)
}
