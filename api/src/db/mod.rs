//! The database: connecting (SQLite gets WAL, a busy timeout and foreign keys), migrating (one instance at a time),
//! and beginning write transactions; reading records' tags in one statement (`tags`).

pub mod copy;
pub mod tags;

use crate::config::Config;
use anyhow::Context as _;
use hub_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::time::Duration;

/// Key of the PostgreSQL advisory lock that serialises migrations across instances.
const MIGRATION_LOCK: i64 = 0x4855_425f_4d49_4752; // "HUB_MIGR"

/// Opens the connection pool. The embedded SQLite file gets WAL, a busy timeout and foreign keys.
pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let url = config.database_url();
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create the data directory {}", config.data_dir.display()))?;
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(config.db_pool_size)
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Database::connect(options).await.context("cannot connect to the database")
}

/// Serialises migrations within this process (SQLite has no advisory locks; the embedded default is one instance).
static MIGRATING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Applies pending migrations. On PostgreSQL they run in one transaction holding an advisory lock, so
/// instances starting together migrate one after the other and never half-way.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let _one_at_a_time = MIGRATING.lock().await;
    if db.get_database_backend() == DbBackend::Postgres {
        let txn = db.begin().await?;
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).await?;
        Migrator::up(&txn, None).await.context("migration failed")?;
        txn.commit().await?;
    } else {
        Migrator::up(db, None).await.context("migration failed")?;
    }
    Ok(())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at `BEGIN IMMEDIATE`, so concurrent
/// writers queue on the busy timeout instead of failing when a deferred reader upgrades; PostgreSQL ignores the mode.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Settles the database after a bulk load (a synthetic seed, a copy). On PostgreSQL, `VACUUM (ANALYZE)`: the
/// planner gets statistics for the new rows, and the visibility map lets the link tables' two-column indexes answer a
/// filter alone (index-only scans) at once, rather than after autovacuum's next pass. Before it, a list filtered by
/// an objective and a country read about a thousand heap pages per request (see docs/performance.md, "A database
/// fresh from a bulk load"). SQLite is left as it is: it has no visibility map, and its planner does not need
/// statistics for these statements.
pub async fn settle(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Outside any transaction (VACUUM refuses to run in one): a pool connection in autocommit.
        db.execute_unprepared("VACUUM (ANALYZE)").await?;
    }
    Ok(())
}

/// Takes a transaction-level advisory lock on PostgreSQL (held until the caller's transaction ends); SQLite
/// serialises writers anyway, so nothing is taken there.
pub async fn lock_until_commit<C: ConnectionTrait>(db: &C, key: i64) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let lock = sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        );
        db.execute_raw(lock).await?;
    }
    Ok(())
}
