//! Schema migrations of the Migration Network Hub and the reference data they seed.
//!
//! Every migration runs unchanged on SQLite and PostgreSQL and has a working `down`.

pub use sea_orm_migration::prelude::*;

/// One migration, named after its file, with its `up` and `down` bodies: the boilerplate of `MigrationName` and
/// `MigrationTrait` written once. Each runs all or nothing, on SQLite too (sea-orm-migration wraps only PostgreSQL
/// by default).
macro_rules! migration {
    (async fn up($up_manager:ident) $up:block async fn down($down_manager:ident) $down:block) => {
        pub struct Migration;

        impl sea_orm_migration::MigrationName for Migration {
            fn name(&self) -> &str {
                module_path!().rsplit("::").next().unwrap_or_default()
            }
        }

        #[async_trait::async_trait]
        impl sea_orm_migration::MigrationTrait for Migration {
            fn use_transaction(&self) -> Option<bool> {
                Some(true)
            }

            async fn up(
                &self,
                $up_manager: &sea_orm_migration::SchemaManager,
            ) -> Result<(), sea_orm_migration::DbErr> $up

            async fn down(
                &self,
                $down_manager: &sea_orm_migration::SchemaManager,
            ) -> Result<(), sea_orm_migration::DbErr> $down
        }
    };
}

mod m20261128_000001_schema;
mod m20261128_000002_reference_data;
mod m20261128_000003_audit;
mod m20261128_000004_editing;
mod m20261128_000005_search_outbox;
mod m20261128_000006_public_epoch;
mod m20261128_000007_list_any_status;
mod m20261128_000008_public_changes;
mod m20261128_000009_webhooks;
mod m20261206_000010_index_epoch;
mod m20261206_000011_practice_reviews;
mod m20261206_000012_notifications;
mod m20261206_000013_notification_mail;
mod m20261207_000014_calls_for_practices;
mod m20261207_000015_collections;
mod m20261207_000016_review_subscriptions;
mod m20261208_000017_review_submission_records;
mod m20261209_000018_labels;
mod m20261210_000019_learned_acronyms;
mod m20261211_000020_pending_outbox;
pub mod reference;

/// Links practices whose free-text call names a call's title (idempotent); the service runs it again when a call is
/// created or retitled, so that answers typed before the call existed find it.
pub use m20261207_000014_calls_for_practices::link_answers as link_call_answers;

/// Inserts `rows` into `table`, in batches that keep each statement under SQLite's bound-parameter limit.
async fn insert_rows(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: &[&'static str],
    rows: Vec<Vec<SimpleExpr>>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(100) {
        let mut statement = Query::insert();
        statement.into_table(table).columns(columns.iter().copied());
        for row in chunk {
            statement.values(row.clone()).map_err(|error| DbErr::Migration(error.to_string()))?;
        }
        manager.exec_stmt(statement).await?;
    }
    Ok(())
}

/// Creates plain indexes on `table`: `(name, columns)` each.
async fn create_indexes(
    manager: &SchemaManager<'_>,
    table: &'static str,
    indexes: &[(&str, &[&'static str])],
) -> Result<(), DbErr> {
    for (name, columns) in indexes {
        let mut index = Index::create();
        index.name(*name).table(table);
        for column in *columns {
            index.col(*column);
        }
        manager.create_index(index).await?;
    }
    Ok(())
}

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_schema::Migration),
            Box::new(m20261128_000002_reference_data::Migration),
            Box::new(m20261128_000003_audit::Migration),
            Box::new(m20261128_000004_editing::Migration),
            Box::new(m20261128_000005_search_outbox::Migration),
            Box::new(m20261128_000006_public_epoch::Migration),
            Box::new(m20261128_000007_list_any_status::Migration),
            Box::new(m20261128_000008_public_changes::Migration),
            Box::new(m20261128_000009_webhooks::Migration),
            Box::new(m20261206_000010_index_epoch::Migration),
            Box::new(m20261206_000011_practice_reviews::Migration),
            Box::new(m20261206_000012_notifications::Migration),
            Box::new(m20261206_000013_notification_mail::Migration),
            Box::new(m20261207_000014_calls_for_practices::Migration),
            Box::new(m20261207_000015_collections::Migration),
            Box::new(m20261207_000016_review_subscriptions::Migration),
            Box::new(m20261208_000017_review_submission_records::Migration),
            Box::new(m20261209_000018_labels::Migration),
            Box::new(m20261210_000019_learned_acronyms::Migration),
            Box::new(m20261211_000020_pending_outbox::Migration),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_those_stored_in_seaql_migrations() {
        let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_string()).collect();
        assert_eq!(
            names,
            [
                "m20261128_000001_schema",
                "m20261128_000002_reference_data",
                "m20261128_000003_audit",
                "m20261128_000004_editing",
                "m20261128_000005_search_outbox",
                "m20261128_000006_public_epoch",
                "m20261128_000007_list_any_status",
                "m20261128_000008_public_changes",
                "m20261128_000009_webhooks",
                "m20261206_000010_index_epoch",
                "m20261206_000011_practice_reviews",
                "m20261206_000012_notifications",
                "m20261206_000013_notification_mail",
                "m20261207_000014_calls_for_practices",
                "m20261207_000015_collections",
                "m20261207_000016_review_subscriptions",
                "m20261208_000017_review_submission_records",
                "m20261209_000018_labels",
                "m20261210_000019_learned_acronyms",
                "m20261211_000020_pending_outbox",
            ]
        );
    }
}
