//! The records editors and admins manage outside content (organizations, themes, reviews, submissions, the fixed
//! lists): creating them, and updating them with optimistic concurrency (an update names the version it edits, and
//! lands only if the row is still at that version). Each change is recorded in the audit trail in the same
//! transaction.

use crate::domain::viewer::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::outbox;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter,
};

/// Inserts a new record in `txn`, records its creation (`describe` names the subject and an audit note), and
/// commits.
pub async fn create<A>(
    txn: DatabaseTransaction,
    viewer: &Viewer,
    row: A,
    describe: impl FnOnce(&<A::Entity as EntityTrait>::Model) -> (Subject, Option<String>),
) -> AppResult<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let row = row.insert(&txn).await?;
    let (subject, note) = describe(&row);
    audit::record(&txn, viewer, Verb::Create, subject, note).await?;
    txn.commit().await?;
    Ok(row)
}

/// The changes of an update: each given value sets its column.
pub struct Changes<C>(Vec<(C, SimpleExpr)>);

impl<C> Default for Changes<C> {
    fn default() -> Self {
        Changes(Vec::new())
    }
}

impl<C> Changes<C> {
    pub fn set<V: Into<sea_orm::Value>>(mut self, column: C, value: Option<V>) -> Self {
        if let Some(value) = value {
            self.0.push((column, Expr::value(value)));
        }
        self
    }
}

/// Which search documents an update touches besides its own record.
#[derive(Debug, Clone)]
pub enum Reindex {
    Nothing,
    Organization(i64),
    Theme(String),
}

/// One versioned update of one row.
pub struct Edit<E: EntityTrait> {
    /// How the record is named in errors, e.g. `theme`.
    pub what: &'static str,
    pub subject: Subject,
    /// Selects the row.
    pub row: Condition,
    pub version_column: E::Column,
    /// The version the caller read.
    pub version: i32,
    pub changes: Changes<E::Column>,
    /// Search documents that show this record (an organization's or theme's name) and must follow the change.
    pub reindex: Reindex,
}

/// Applies an edit if the row is still at the caller's version, bumps the version, records it, and returns the row.
/// A row that moved on is `CONFLICT`; a row that does not exist is `NOT_FOUND`.
pub async fn edit<E>(db: &DatabaseConnection, viewer: &Viewer, edit: Edit<E>) -> AppResult<E::Model>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let txn = crate::db::write_transaction(db).await?;
    let mut update = E::update_many()
        .col_expr(edit.version_column, Expr::value(edit.version + 1))
        .filter(edit.row.clone())
        .filter(edit.version_column.eq(edit.version));
    for (column, value) in edit.changes.0 {
        update = update.col_expr(column, value);
    }
    let updated = update.exec(&txn).await?.rows_affected > 0;
    let row = E::find().filter(edit.row).one(&txn).await?.ok_or(AppError::NotFound(edit.what))?;
    if !updated {
        return Err(AppError::stale(edit.what, edit.version));
    }
    let note = Some(format!("version {}", edit.version + 1));
    audit::record(&txn, viewer, Verb::Update, edit.subject, note).await?;
    match edit.reindex {
        Reindex::Nothing => {}
        Reindex::Organization(id) => outbox::enqueue_organization(&txn, id).await?,
        Reindex::Theme(key) => outbox::enqueue_theme(&txn, &key).await?,
    }
    txn.commit().await?;
    Ok(row)
}
