//! Exports: every published record that matches a filter (and a text, through the search engine), read in batches
//! of constant size so that memory does not grow with the export. What an export will hold is decided and counted
//! before its first row is read, so that it can be priced before anything is sent.

use super::query::{Tagged, published, with_tags};
use crate::db::tags::ContentTags;
use crate::domain::filter::ContentFilter;
use crate::error::AppResult;
use crate::index::SearchEngine;
use crate::service::relations;
use crate::service::search::{self, Search};
use futures_util::Stream;
use hub_entity::enums::Status;
use hub_entity::{content, content_organization, organization};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Rows read per statement.
pub const BATCH: usize = 500;

/// One exported record: the row, its tags and the names of its organizations (implementers, partners, publisher,
/// co-hosts) in their order.
#[derive(Debug, Clone)]
pub struct ExportRecord {
    pub row: content::Model,
    pub tags: ContentTags,
    pub organizations: Vec<String>,
}

/// An export, planned: where its rows come from, how many there are at most, and whether the engine's depth cut
/// it.
#[derive(Debug, Clone)]
pub struct Plan {
    source: Source,
    /// How many rows it holds (at most: a record unpublished meanwhile is left out).
    pub rows: u64,
    /// The text matched more records than the engine ranks (`search::MAX_OFFSET`): the export holds the best.
    pub truncated: bool,
}

#[derive(Debug, Clone)]
enum Source {
    /// Without text: the database, by id.
    Database(Box<ContentFilter>),
    /// With text: the engine's hits, in rank order.
    Ranked(Vec<i64>),
}

/// Decides what an export of `search` holds: with no text, every published record matching the filter, read from
/// the database; with text, the engine's hits as deep as it ranks.
pub async fn plan<C: ConnectionTrait>(db: &C, engine: &dyn SearchEngine, search: &Search) -> AppResult<Plan> {
    if search.text.trim().is_empty() {
        let filter = search.filter.clone().validated()?;
        let rows = published(&filter).count(db).await?;
        return Ok(Plan { source: Source::Database(Box::new(filter)), rows, truncated: false });
    }
    let (ids, total) = search::ranked_ids(db, engine, search).await?;
    let rows = u64::try_from(ids.len()).unwrap_or(u64::MAX);
    Ok(Plan { truncated: total > rows, rows, source: Source::Ranked(ids) })
}

impl Plan {
    /// The records, a batch at a time (each batch two statements), in id order or rank order.
    pub fn batches(self, db: DatabaseConnection) -> impl Stream<Item = AppResult<Vec<ExportRecord>>> {
        futures_util::stream::try_unfold((self.source, db, 0_usize, 0_i64), |(source, db, done, last)| async move {
            let rows = match &source {
                Source::Database(filter) => {
                    let select = with_tags(published(filter))
                        .filter(content::Column::Id.gt(last))
                        .order_by_asc(content::Column::Id)
                        .limit(BATCH as u64);
                    select.into_model::<Tagged>().all(&db).await?
                }
                Source::Ranked(ids) => ranked(&db, ids.iter().skip(done).take(BATCH)).await?,
            };
            let read = match &source {
                Source::Database(_) => rows.len(),
                Source::Ranked(ids) => ids.len().saturating_sub(done).min(BATCH),
            };
            if read == 0 {
                return Ok(None);
            }
            let last = rows.last().map_or(last, |tagged| tagged.row.id);
            let records = with_organizations(&db, rows).await?;
            Ok(Some((records, (source, db, done + read, last))))
        })
    }
}

/// The published rows of `ids`, in that order, with their tags.
async fn ranked<'a, C: ConnectionTrait>(db: &C, ids: impl Iterator<Item = &'a i64>) -> AppResult<Vec<Tagged>> {
    let ids: Vec<i64> = ids.copied().collect();
    let mut rows: HashMap<i64, Tagged> = with_tags(content::Entity::find())
        .filter(content::Column::Id.is_in(ids.iter().copied()))
        .filter(content::Column::Status.eq(Status::Published))
        .into_model::<Tagged>()
        .all(db)
        .await?
        .into_iter()
        .map(|tagged| (tagged.row.id, tagged))
        .collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// Adds each row's organization names (two statements for the batch).
async fn with_organizations<C: ConnectionTrait>(db: &C, rows: Vec<Tagged>) -> AppResult<Vec<ExportRecord>> {
    let ids: Vec<i64> = rows.iter().map(|tagged| tagged.row.id).collect();
    let links = content_organization::Entity::find()
        .filter(content_organization::Column::ContentId.is_in(ids))
        .order_by_asc(content_organization::Column::ContentId)
        .order_by_asc(content_organization::Column::Role)
        .order_by_asc(content_organization::Column::Position)
        .all(db)
        .await?;
    let keys: Vec<i64> = links.iter().map(|link| link.organization_id).collect();
    let organizations =
        relations::by_keys::<organization::Entity, _, _>(db, organization::Column::Id, &keys, |o| o.id).await?;
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for link in links {
        let entry = names.entry(link.content_id).or_default();
        if let Some(organization) = organizations.get(&link.organization_id).filter(|o| !entry.contains(&o.name)) {
            entry.push(organization.name.clone());
        }
    }
    Ok(rows
        .into_iter()
        .map(|tagged| ExportRecord {
            organizations: names.remove(&tagged.row.id).unwrap_or_default(),
            tags: tagged.tags.unwrap_or_default(),
            row: tagged.row,
        })
        .collect())
}
