//! `hub copy --from … --to …`: moves a whole hub from one database to another, typically from the embedded SQLite
//! default to PostgreSQL when a team grows. Every table is copied row for row through the entities (so each value
//! takes the target's own type: SQLite's text timestamps become `timestamptz`, its integers booleans), ids
//! included, so global ids, change-feed cursors, webhook secrets, the audit trail and the public epoch all carry over.
//!
//! The rules that keep it safe:
//! - both databases must be at exactly this binary's migrations (a new target, with none, is migrated first);
//! - the target must be empty: nothing in it but what `hub migrate` puts there (the reference lists, which the
//!   source's own, possibly reworded, replace);
//! - everything is written in one transaction on the target, and the row counts are compared before it commits: a
//!   copy either lands whole or leaves the target as it was;
//! - PostgreSQL's id sequences are moved past the copied ids, so new records do not collide.
//!
//! The search index is not copied: run `hub reindex` against the target afterwards.

use crate::progress::Progress;
use anyhow::Context as _;
use futures_util::TryStreamExt as _;
use futures_util::future::LocalBoxFuture;
use hub_entity as entity;
use hub_migration::{Migrator, MigratorTrait};
use sea_orm::{
    AccessMode, ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    IntoActiveModel, IsolationLevel, Iterable, PaginatorTrait, PrimaryKeyToColumn, PrimaryKeyTrait, Statement,
    TransactionTrait,
};

/// Rows per insert (the widest table has about 30 columns: well under PostgreSQL's 65,535 parameters).
const BATCH: usize = 500;

/// What one table can do in a copy.
struct Table {
    name: &'static str,
    count: for<'a> fn(&'a DatabaseTransaction) -> LocalBoxFuture<'a, Result<u64, sea_orm::DbErr>>,
    clear: for<'a> fn(&'a DatabaseTransaction) -> LocalBoxFuture<'a, Result<(), sea_orm::DbErr>>,
    copy: for<'a> fn(
        &'a DatabaseTransaction,
        &'a DatabaseTransaction,
        &'a dyn Progress,
    ) -> LocalBoxFuture<'a, anyhow::Result<u64>>,
    /// Its single auto-increment key column, whose PostgreSQL sequence must move past the copied ids.
    serial: Option<&'static str>,
}

fn count<E: EntityTrait<Model: Sync>>(db: &DatabaseTransaction) -> LocalBoxFuture<'_, Result<u64, sea_orm::DbErr>> {
    Box::pin(E::find().count(db))
}

fn clear<E: EntityTrait>(db: &DatabaseTransaction) -> LocalBoxFuture<'_, Result<(), sea_orm::DbErr>> {
    Box::pin(async move { E::delete_many().exec(db).await.map(|_| ()) })
}

fn copy<'a, E>(
    from: &'a DatabaseTransaction,
    to: &'a DatabaseTransaction,
    progress: &'a dyn Progress,
) -> LocalBoxFuture<'a, anyhow::Result<u64>>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    Box::pin(async move {
        let mut rows = E::find().stream(from).await?;
        let mut batch = Vec::with_capacity(BATCH);
        let mut copied = 0u64;
        loop {
            let row = rows.try_next().await?;
            let last = row.is_none();
            if let Some(row) = row {
                batch.push(row.into_active_model());
            }
            if batch.len() == BATCH || (last && !batch.is_empty()) {
                let size = batch.len() as u64;
                E::insert_many(std::mem::take(&mut batch)).exec_without_returning(to).await?;
                copied += size;
                progress.advance(size);
            }
            if last {
                return Ok(copied);
            }
        }
    })
}

fn table<E>() -> Table
where
    E: EntityTrait + Default,
    E::Model: IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let keys: Vec<_> = E::PrimaryKey::iter().map(PrimaryKeyToColumn::into_column).collect();
    let serial = match keys.as_slice() {
        [key] if <E::PrimaryKey as PrimaryKeyTrait>::auto_increment() => Some(sea_orm::IdenStatic::as_str(key)),
        _ => None,
    };
    Table { name: E::default().table_name(), count: count::<E>, clear: clear::<E>, copy: copy::<E>, serial }
}

/// Every table, parents before children (the order the foreign keys need).
fn tables() -> Vec<Table> {
    use entity::*;
    vec![
        table::<region::Entity>(),
        table::<country::Entity>(),
        table::<objective::Entity>(),
        table::<principle::Entity>(),
        table::<theme::Entity>(),
        table::<label::Entity>(),
        table::<organization::Entity>(),
        table::<regional_review::Entity>(),
        table::<content::Entity>(),
        table::<practice::Entity>(),
        table::<guidance_tool::Entity>(),
        table::<peer_exchange::Entity>(),
        table::<call_for_practices::Entity>(),
        table::<collection::Entity>(),
        table::<content_country::Entity>(),
        table::<content_objective::Entity>(),
        table::<content_organization::Entity>(),
        table::<content_principle::Entity>(),
        table::<content_region::Entity>(),
        table::<content_theme::Entity>(),
        table::<practice_resource::Entity>(),
        table::<collection_item::Entity>(),
        table::<practice_review::Entity>(),
        table::<practice_review_assessment::Entity>(),
        table::<guidance_tool_link::Entity>(),
        table::<exchange_cohost_country::Entity>(),
        table::<exchange_related::Entity>(),
        table::<review_submission::Entity>(),
        table::<learned_acronym::Entity>(),
        table::<objective_report::Entity>(),
        table::<audit_event::Entity>(),
        table::<public_change::Entity>(),
        table::<change_feed::Entity>(),
        table::<public_epoch::Entity>(),
        table::<search_outbox::Entity>(),
        table::<webhook::Entity>(),
        table::<webhook_delivery::Entity>(),
        table::<person::Entity>(),
        table::<review_subscription::Entity>(),
        table::<notification::Entity>(),
    ]
}

/// Tables `hub migrate` fills: an empty target may hold rows in these (the source's replace them).
const FILLED_BY_MIGRATIONS: [&str; 9] = [
    "regions",
    "countries",
    "objectives",
    "principles",
    "themes",
    "labels",
    "regional_reviews",
    "change_feed",
    "public_epoch",
];

/// The migrations applied to a database (none for a new one).
async fn applied(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let models = Migrator::get_applied_migrations(db).await?;
    Ok(models.iter().map(|migration| migration.name().to_string()).collect())
}

/// The tables a database holds, but the migration table.
async fn table_names(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let mut names = Vec::new();
    for row in db.query_all_raw(Statement::from_string(backend, sql)).await? {
        let name: String = row.try_get("", "name")?;
        if name != "seaql_migrations" {
            names.push(name);
        }
    }
    Ok(names)
}

/// What a copy moved.
#[derive(Debug, Default)]
pub struct Copied {
    pub tables: usize,
    pub rows: u64,
}

/// Copies every table of `from` into `to` (see the module's rules).
pub async fn copy_all(
    from: &DatabaseConnection,
    to: &DatabaseConnection,
    progress: &dyn Progress,
) -> anyhow::Result<Copied> {
    let expected: Vec<String> = Migrator::migrations().iter().map(|migration| migration.name().to_string()).collect();
    let source = applied(from).await.context("cannot read the source's schema version")?;
    anyhow::ensure!(
        source == expected,
        "the source's schema version ({}) is not this hub's ({}): run `hub migrate` against the source first",
        source.last().map_or("none", String::as_str),
        expected.last().map_or("none", String::as_str),
    );
    if applied(to).await.context("cannot read the target's schema version")?.is_empty() {
        crate::db::migrate(to).await.context("cannot migrate the new target")?;
    }
    let target = applied(to).await?;
    anyhow::ensure!(
        target == expected,
        "the target's schema version ({}) is not the source's ({}): copy only between hubs at the same version",
        target.last().map_or("none", String::as_str),
        expected.last().map_or("none", String::as_str),
    );

    let tables = tables();
    // A table the copy does not know would be left behind without a word: refuse instead.
    for name in table_names(from).await? {
        anyhow::ensure!(
            tables.iter().any(|table| table.name == name),
            "the source holds a table this copy does not know ({name}): nothing was copied"
        );
    }
    // One snapshot of the source (PostgreSQL: repeatable read; SQLite: a read transaction), so that what is counted
    // is what is read even if the source is written to meanwhile.
    let source = match from.get_database_backend() {
        DbBackend::Postgres => {
            from.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        _ => from.begin().await?,
    };
    let txn = to.begin().await?;
    for table in &tables {
        let rows = (table.count)(&txn).await?;
        anyhow::ensure!(
            rows == 0 || FILLED_BY_MIGRATIONS.contains(&table.name),
            "the target is not empty: {} holds {rows} rows (copy into a new database)",
            table.name
        );
    }
    let mut total = 0;
    let mut counts = Vec::with_capacity(tables.len());
    for table in &tables {
        let rows = (table.count)(&source).await?;
        counts.push(rows);
        total += rows;
    }
    for table in tables.iter().rev() {
        (table.clear)(&txn).await.with_context(|| format!("cannot clear {} on the target", table.name))?;
    }
    progress.start("copying", total);
    for (table, expected) in tables.iter().zip(&counts) {
        let copied = (table.copy)(&source, &txn, progress).await.with_context(|| format!("copying {}", table.name))?;
        let landed = (table.count)(&txn).await?;
        anyhow::ensure!(
            copied == *expected && landed == *expected,
            "{}: {expected} rows in the source, {copied} read and {landed} written: nothing was committed",
            table.name
        );
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        for table in &tables {
            let Some(column) = table.serial else { continue };
            let name = table.name;
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), \
                 MAX(\"{column}\") IS NOT NULL) FROM \"{name}\""
            );
            txn.execute_raw(Statement::from_string(DbBackend::Postgres, sql)).await?;
        }
    }
    txn.commit().await.context("cannot commit the copy on the target")?;
    source.rollback().await?;
    crate::db::settle(to).await.context("copied, but cannot vacuum and analyze the target")?;
    progress.finish("copied");
    Ok(Copied { tables: tables.len(), rows: total })
}
