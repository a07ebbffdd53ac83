//! The outbox, written in the same transaction as the change it announces (with the change feed's rows): a content record (or something
//! its search document shows: an organization's or a theme's name) changed, so its document must be brought up to
//! date. The relay worker (`search::relay`) applies the rows; nothing is lost if the engine or the server is down.

use crate::domain::clock;
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use hub_entity::{content_organization, content_theme, search_outbox};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Rows per insert statement.
const BATCH: usize = 1000;

/// Announces that these content records changed: to the search relay, to the partners' change feed (what the
/// change means publicly, `service::changes`), and to caches (the public epoch moves on).
pub async fn enqueue<C: ConnectionTrait>(db: &C, content_ids: &[i64]) -> AppResult<()> {
    crate::service::epoch::bump(db).await?;
    crate::service::changes::record(db, content_ids).await?;
    let now = clock::now();
    for chunk in content_ids.chunks(BATCH) {
        let rows = chunk.iter().map(|id| search_outbox::ActiveModel {
            content_id: Set(*id),
            enqueued_at: Set(now),
            processed_at: Set(None),
            ..Default::default()
        });
        search_outbox::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Announces every record that names an organization (its name is in their documents).
pub async fn enqueue_organization<C: ConnectionTrait>(db: &C, organization_id: i64) -> AppResult<()> {
    let ids: Vec<i64> = content_organization::Entity::find()
        .select_only()
        .column(content_organization::Column::ContentId)
        .filter(content_organization::Column::OrganizationId.eq(organization_id))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    enqueue(db, &ids).await
}

/// Announces every record tagged with a theme (its name is in their documents).
pub async fn enqueue_theme<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<()> {
    let ids: Vec<i64> = content_theme::Entity::find()
        .select_only()
        .column(content_theme::Column::ContentId)
        .filter(content_theme::Column::ThemeKey.eq(key))
        .into_tuple()
        .all(db)
        .await?;
    enqueue(db, &ids).await
}

/// How far behind the index is: pending rows and when the oldest was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    pub pending: u64,
    pub oldest: Option<DateTime<Utc>>,
}

pub async fn backlog<C: ConnectionTrait>(db: &C) -> AppResult<Backlog> {
    let pending = search_outbox::Entity::find().filter(search_outbox::Column::ProcessedAt.is_null());
    let count = pending.clone().count(db).await?;
    let oldest = pending.order_by_asc(search_outbox::Column::Id).one(db).await?.map(|row| row.enqueued_at);
    Ok(Backlog { pending: count, oldest })
}

/// The newest row id (0 when empty): `hub reindex` replays what comes after it.
pub async fn high_water_mark<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    let newest = search_outbox::Entity::find().order_by_desc(search_outbox::Column::Id).one(db).await?;
    Ok(newest.map_or(0, |row| row.id))
}

/// Makes every row after `after` pending again, so the relay applies them (to a freshly swapped-in index).
pub async fn requeue_after<C: ConnectionTrait>(db: &C, after: i64) -> AppResult<u64> {
    let result = search_outbox::Entity::update_many()
        .col_expr(search_outbox::Column::ProcessedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(search_outbox::Column::Id.gt(after))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Drops processed rows older than `before` (they are only kept for reindex replays).
pub async fn purge_processed<C: ConnectionTrait>(db: &C, before: DateTime<Utc>) -> AppResult<u64> {
    let result =
        search_outbox::Entity::delete_many().filter(search_outbox::Column::ProcessedAt.lt(before)).exec(db).await?;
    Ok(result.rows_affected)
}
