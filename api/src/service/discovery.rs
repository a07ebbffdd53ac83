//! Discovery: full-text search across practices, guidance tools and peer exchanges through the configured engine,
//! with the hits re-read from the database (so a hit is never shown in a state the database no longer has).

use crate::error::{AppError, AppResult};
use crate::search::{Facet, Highlight, SearchEngine, SearchQuery};
use crate::service::validate;
use hub_entity::content;
use hub_entity::enums::Status;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The longest query text accepted.
const MAX_TEXT: usize = 500;
/// How deep paging goes (Meilisearch's `maxTotalHits` is set to the same).
pub const MAX_OFFSET: usize = 10_000;

/// One page of hits, in rank order, with the facets of the whole result set.
pub struct Found {
    pub total: u64,
    pub hits: Vec<(content::Model, Vec<Highlight>)>,
    pub facets: Vec<Facet>,
}

pub async fn search<C: ConnectionTrait>(db: &C, engine: &dyn SearchEngine, query: SearchQuery) -> AppResult<Found> {
    if query.text.chars().count() > MAX_TEXT {
        return Err(AppError::bad_input("query", format!("`query` takes at most {MAX_TEXT} characters")));
    }
    let filter = &query.filter;
    validate::list(filter.objectives.as_deref(), "objectives")?;
    validate::list(filter.principles.as_deref(), "principles")?;
    validate::list(filter.regions.as_deref(), "regions")?;
    validate::list(filter.countries.as_deref(), "countries")?;
    validate::list(filter.themes.as_deref(), "themes")?;
    validate::list(filter.organizations.as_deref(), "organizations")?;
    validate::list(filter.languages.as_deref(), "languages")?;
    if query.offset + query.limit > MAX_OFFSET {
        return Err(AppError::bad_input("after", format!("search results go {MAX_OFFSET} deep; narrow the query")));
    }
    let results = engine.search(&query).await.map_err(|error| {
        tracing::warn!(%error, engine = engine.name(), "search failed");
        AppError::SearchUnavailable
    })?;
    let ids: Vec<i64> = results.hits.iter().map(|hit| hit.id).collect();
    let mut rows: HashMap<i64, content::Model> = content::Entity::find()
        .filter(content::Column::Id.is_in(ids))
        .filter(content::Column::Status.eq(Status::Published))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let hits =
        results.hits.into_iter().filter_map(|hit| rows.remove(&hit.id).map(|row| (row, hit.highlights))).collect();
    Ok(Found { total: results.total, hits, facets: results.facets })
}
