//! Business rules: who may read what, filters, ordering, pagination, batch reads, writes and the workflow.

pub mod audit;
pub mod content;
pub mod countries;
pub mod discovery;
pub mod editing;
pub mod fixed_lists;
pub mod guidance_tools;
pub mod organization;
pub mod outbox;
pub mod page;
pub mod peer_exchanges;
pub mod practices;
pub mod reference;
pub mod regional_reviews;
pub mod relations;
pub mod tags;
pub mod themes;
pub mod validate;
pub mod versioned;
pub mod viewer;
pub mod workflow;

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Begins a transaction that will write. On SQLite it takes the write lock at `BEGIN IMMEDIATE`, so concurrent
/// writers queue on the busy timeout instead of failing when a deferred reader upgrades; PostgreSQL ignores the mode.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
