//! Start-up: connect to the database, migrate it (one instance at a time), and build the app state that the
//! server and the tests share.

use crate::auth::Verifier;
use crate::config::Config;
use crate::graphql::{self, HubSchema};
use crate::http::rate_limit::RateLimiter;
use crate::search::{self, SearchEngine};
use anyhow::Context as _;
use hub_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, TransactionTrait};
use std::sync::Arc;
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

/// Everything a request handler needs, built once.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: DatabaseConnection,
    pub schema: HubSchema,
    pub verifier: Arc<Verifier>,
    pub rate_limiter: Arc<RateLimiter>,
    pub search: Arc<dyn SearchEngine>,
}

impl AppState {
    /// The one builder of the app, used by `hub serve` and by the tests. Fails on an unusable token
    /// configuration (a secret under 32 bytes, an unreadable key), so a misconfigured server never starts.
    pub fn new(config: Config, db: DatabaseConnection) -> anyhow::Result<Self> {
        let verifier = Arc::new(Verifier::new(&config)?);
        let rate_limiter = Arc::new(RateLimiter::new(config.rate_limit_per_minute, config.rate_limit_burst));
        let search = search::engine(&config)?;
        let schema = graphql::schema(&config, db.clone(), search.clone());
        Ok(AppState { config: Arc::new(config), db, schema, verifier, rate_limiter, search })
    }
}

/// Connects, migrates and builds the state.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    let db = connect(&config).await?;
    migrate(&db).await?;
    AppState::new(config, db)
}

/// Runs the HTTP server until SIGTERM or Ctrl-C, then drains in-flight requests.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let bind = state.config.bind;
    tokio::spawn(search::relay::run(state.db.clone(), state.search.clone()));
    let limiter = state.rate_limiter.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        loop {
            every.tick().await;
            limiter.forget_idle();
        }
    });
    let server = actix_web::HttpServer::new(move || crate::http::app(state.clone()))
        .shutdown_timeout(30)
        .bind(bind)
        .with_context(|| format!("cannot listen on {bind}"))?;
    for address in server.addrs() {
        tracing::info!(%address, "Migration Network Hub API listening; GraphQL at /graphql");
    }
    server.run().await.context("server failed")
}
