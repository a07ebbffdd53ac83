//! The relay: applies the search outbox to the engine. One worker at a time (a transaction-level advisory lock on
//! PostgreSQL; on SQLite the write lock of `BEGIN IMMEDIATE`) claims a batch, collapses duplicates, re-reads the
//! current rows, upserts or deletes, and marks the rows processed in the same transaction only once the engine has
//! applied the change, moving the index epoch on in that transaction (cached answers that read the index follow it).
//! A crash or an engine failure rolls the claim back: the rows stay pending, nothing is lost.

use crate::domain::clock;
use crate::error::AppResult;
use crate::index::{EngineError, SearchEngine, documents};
use crate::service::outbox;
use chrono::{Duration as Age, Utc};
use hub_entity::search_outbox;
use rand::Rng;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};
use std::sync::Arc;
use std::time::Duration;

/// Rows claimed per batch.
pub const BATCH: u64 = 500;
/// Key of the PostgreSQL advisory lock held by the working relay.
const RELAY_LOCK: i64 = 0x4855_425f_5345_4152; // "HUB_SEAR"
/// How long processed rows are kept for `hub reindex` to replay.
const KEEP_PROCESSED: Age = Age::hours(24);

/// What one pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Rows applied (0: nothing was pending, or another relay holds the lock).
    Applied(usize),
    /// The engine failed; the rows stay pending.
    EngineDown,
}

/// Applies one batch of pending rows.
pub async fn pass(db: &DatabaseConnection, engine: &dyn SearchEngine) -> AppResult<Pass> {
    // An idle poll only reads: the write transaction (the write lock, on SQLite) is taken when there is work. By id,
    // like the claim, so that both read the index of pending rows alone (`idx_search_outbox_waiting`) whatever the
    // planner's statistics say.
    let pending = search_outbox::Entity::find()
        .filter(search_outbox::Column::ProcessedAt.is_null())
        .order_by_asc(search_outbox::Column::Id)
        .one(db)
        .await?;
    if pending.is_none() {
        return Ok(Pass::Applied(0));
    }
    let txn = crate::db::write_transaction(db).await?;
    let postgres = txn.get_database_backend() == DbBackend::Postgres;
    if postgres {
        let lock = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_try_advisory_xact_lock($1) AS locked",
            [RELAY_LOCK.into()],
        );
        let locked = txn.query_one_raw(lock).await?.map(|row| row.try_get::<bool>("", "locked")).transpose()?;
        if locked != Some(true) {
            return Ok(Pass::Applied(0));
        }
    }
    let mut claim = search_outbox::Entity::find()
        .filter(search_outbox::Column::ProcessedAt.is_null())
        .order_by_asc(search_outbox::Column::Id)
        .limit(BATCH);
    if postgres {
        claim = claim.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = claim.all(&txn).await?;
    if rows.is_empty() {
        return Ok(Pass::Applied(0));
    }
    let mut ids: Vec<i64> = rows.iter().map(|r| r.content_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let (documents, gone) = documents::current(&txn, &ids).await?;
    // What the records define is learned in this transaction: it commits with the batch, or not at all.
    crate::service::acronyms::learn(&txn, &documents, &gone).await?;
    let applied = async {
        if !documents.is_empty() {
            engine.upsert(documents).await?;
        }
        if !gone.is_empty() {
            engine.delete(gone).await?;
        }
        Ok::<(), EngineError>(())
    };
    if let Err(error) = applied.await {
        tracing::warn!(%error, engine = engine.name(), "search engine refused a batch; will retry");
        return Ok(Pass::EngineDown);
    }
    search_outbox::Entity::update_many()
        .col_expr(search_outbox::Column::ProcessedAt, Expr::value(clock::now()))
        .filter(search_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await?;
    // The index answers differently now: cached answers that read it must not be served again.
    crate::service::epoch::bump_index(&txn).await?;
    txn.commit().await?;
    Ok(Pass::Applied(rows.len()))
}

/// Applies every pending row now (for tests and tools); stops at the first engine failure. While another relay
/// holds the lock (or a killed one's connection is still rolling back), it waits for it, up to about 10 s.
pub async fn drain(db: &DatabaseConnection, engine: &dyn SearchEngine) -> AppResult<Pass> {
    let mut total = 0;
    let mut waits = 0;
    loop {
        match pass(db, engine).await? {
            Pass::Applied(0) => {
                if waits >= 400 || outbox::backlog(db).await?.pending == 0 {
                    return Ok(Pass::Applied(total));
                }
                waits += 1;
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            Pass::Applied(n) => total += n,
            Pass::EngineDown => return Ok(Pass::EngineDown),
        }
    }
}

/// The worker: passes while rows are pending, polls when idle, and backs off exponentially (with jitter) while the
/// engine or the database fails.
pub async fn run(db: DatabaseConnection, engine: Arc<dyn SearchEngine>) {
    const IDLE: Duration = Duration::from_millis(250);
    const MAX_BACKOFF: Duration = Duration::from_secs(30);
    let mut backoff = Duration::from_millis(200);
    let mut last_purge = Utc::now();
    while let Err(error) = engine.prepare().await {
        tracing::warn!(%error, engine = engine.name(), "search engine not ready; search is degraded until it is");
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
    // A new index (a first start, or the embedded engine after a change of its schema) is filled from the database.
    match super::reindex::if_empty(&db, engine.as_ref()).await {
        Ok(Some(indexed)) => tracing::info!(indexed, engine = engine.name(), "empty search index filled"),
        Ok(None) => {}
        Err(error) => tracing::warn!(error = ?error, "could not fill the empty search index; run `hub reindex`"),
    }
    loop {
        let outcome = pass(&db, engine.as_ref()).await;
        let wait = match outcome {
            Ok(Pass::Applied(0)) => {
                backoff = Duration::from_millis(200);
                IDLE
            }
            Ok(Pass::Applied(_)) => continue,
            Ok(Pass::EngineDown) | Err(_) => {
                if let Err(error) = &outcome {
                    tracing::warn!(error = ?error, "search relay failed; will retry");
                }
                let jitter = rand::rng().random_range(0..=backoff.as_millis() as u64 / 2);
                let wait = backoff + Duration::from_millis(jitter);
                backoff = (backoff * 2).min(MAX_BACKOFF);
                wait
            }
        };
        if Utc::now() - last_purge > Age::minutes(10) {
            last_purge = Utc::now();
            if let Err(error) = outbox::purge_processed(&db, Utc::now() - KEEP_PROCESSED).await {
                tracing::warn!(error = ?error, "could not purge processed outbox rows");
            }
            if let Err(error) = crate::service::changes::purge(&db, Utc::now()).await {
                tracing::warn!(error = ?error, "could not purge the change feed past its retention");
            }
        }
        tokio::time::sleep(wait).await;
    }
}
