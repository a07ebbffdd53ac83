//! The lists the Global Compact fixes (23 objectives, 10 guiding principles, 5 review regions): admins correct their
//! wording; nobody adds or removes entries.

use crate::domain::kind::RecordType;
use crate::domain::viewer::{Role, Viewer};
use crate::error::AppResult;
use crate::service::audit::Subject;
use crate::service::validate;
use crate::service::versioned::{self, Changes, Edit, Reindex};
use hub_entity::{objective, principle, region};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection};

fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string())
}

/// Rewords an objective (admins).
pub async fn update_objective(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: i32,
    version: i32,
    title: Option<String>,
    short_label: Option<String>,
) -> AppResult<objective::Model> {
    viewer.require(Role::Admin)?;
    validate::text(title.as_deref(), "title", 10, 300)?;
    validate::text(short_label.as_deref(), "shortLabel", 2, 80)?;
    let edit = Edit::<objective::Entity> {
        what: "objective",
        subject: Subject::Key(RecordType::GcmObjective, number.to_string()),
        row: Condition::all().add(objective::Column::Number.eq(number)),
        version_column: objective::Column::Version,
        version,
        changes: Changes::default()
            .set(objective::Column::Title, trimmed(title))
            .set(objective::Column::ShortLabel, trimmed(short_label)),
        reindex: Reindex::Nothing,
    };
    versioned::edit(db, viewer, edit).await
}

/// Renames a guiding principle (admins).
pub async fn update_principle(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    version: i32,
    name: Option<String>,
) -> AppResult<principle::Model> {
    viewer.require(Role::Admin)?;
    validate::text(name.as_deref(), "name", 2, 200)?;
    let edit = Edit::<principle::Entity> {
        what: "principle",
        subject: Subject::Key(RecordType::GuidingPrinciple, key.to_string()),
        row: Condition::all().add(principle::Column::Key.eq(key)),
        version_column: principle::Column::Version,
        version,
        changes: Changes::default().set(principle::Column::Name, trimmed(name)),
        reindex: Reindex::Nothing,
    };
    versioned::edit(db, viewer, edit).await
}

/// Renames a review region or its convening commission (admins).
pub async fn update_region(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    version: i32,
    name: Option<String>,
    commission: Option<String>,
) -> AppResult<region::Model> {
    viewer.require(Role::Admin)?;
    validate::text(name.as_deref(), "name", 2, 200)?;
    validate::text(commission.as_deref(), "commission", 2, 40)?;
    let edit = Edit::<region::Entity> {
        what: "region",
        subject: Subject::Key(RecordType::Region, key.to_string()),
        row: Condition::all().add(region::Column::Key.eq(key)),
        version_column: region::Column::Version,
        version,
        changes: Changes::default()
            .set(region::Column::Name, trimmed(name))
            .set(region::Column::Commission, trimmed(commission)),
        reindex: Reindex::Nothing,
    };
    versioned::edit(db, viewer, edit).await
}
