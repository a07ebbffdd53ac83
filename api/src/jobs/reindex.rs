//! `hub reindex`: rebuilds the index from the published rows into a fresh one, swaps it in atomically (the live
//! index serves until then), moves the index epoch on (cached answers that read the old index are not served again),
//! and replays the changes made during the rebuild.

use crate::error::{AppError, AppResult};
use crate::index::{EngineError, SearchEngine, documents};
use crate::progress::Progress;
use crate::service::outbox;
use hub_entity::content;
use hub_entity::enums::Status;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

const PAGE: u64 = 1000;

fn engine_error(error: EngineError) -> AppError {
    tracing::error!(%error, "reindex failed");
    AppError::SearchUnavailable
}

/// Rebuilds and swaps; returns how many documents the new index holds. Each page written is reported to `progress`.
pub async fn reindex(db: &DatabaseConnection, engine: &dyn SearchEngine, progress: &dyn Progress) -> AppResult<u64> {
    // Changes committed before this mark are in the rows the rebuild reads; later ones are replayed after the swap.
    let mark = outbox::high_water_mark(db).await?;
    let total = published(db).await?;
    progress.start("indexing", total);
    let mut rebuild = engine.rebuild().await.map_err(engine_error)?;
    let mut written = 0;
    let mut page = documents::published_after(db, 0, PAGE).await?;
    // A page is read while the one before it is learned from and handed to the engine: the database, the hub and
    // the engine work at once instead of taking turns.
    while let Some(after) = page.last().map(|last| last.id) {
        written += page.len() as u64;
        progress.advance(page.len() as u64);
        let (next, learned, added) = tokio::join!(
            documents::published_after(db, after, PAGE),
            crate::service::acronyms::learn(db, &page, &[]),
            rebuild.add(page.clone()),
        );
        learned?;
        added.map_err(engine_error)?;
        page = next?;
    }
    rebuild.swap().await.map_err(engine_error)?;
    // Every instance's cached answers that read the old index go with it.
    crate::service::epoch::bump_index(db).await?;
    let replayed = outbox::requeue_after(db, mark).await?;
    progress.finish(&format!("swapped in; {replayed} changes made meanwhile replayed"));
    Ok(written)
}

/// Rebuilds the index when it holds nothing while published records exist; returns how many it indexed then.
pub async fn if_empty(db: &DatabaseConnection, engine: &dyn SearchEngine) -> AppResult<Option<u64>> {
    let probe = crate::index::SearchQuery { limit: 1, ..Default::default() };
    let indexed = engine.search(&probe).await.map_err(engine_error)?.total;
    let published = published(db).await?;
    if indexed > 0 || published == 0 {
        return Ok(None);
    }
    reindex(db, engine, &crate::progress::Silent).await.map(Some)
}

/// How many published records the index should hold.
async fn published(db: &DatabaseConnection) -> AppResult<u64> {
    let indexed = content::Entity::find()
        .filter(content::Column::Status.eq(Status::Published))
        .filter(documents::indexed_kinds());
    Ok(indexed.count(db).await?)
}
