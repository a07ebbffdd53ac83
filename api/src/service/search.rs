//! Searching: full text across practices, guidance tools and peer exchanges through the configured engine, paged
//! with the same cursors and limits as the lists, the filter checked like theirs, and the hits re-read from the
//! database (so a hit is never shown in a state the database no longer has).

use crate::domain::filter::ContentFilter;
use crate::error::{AppError, AppResult};
use crate::index::language::{self, Highlighter, PREFERABLE};
use crate::index::{self, Facet, Highlight, SearchEngine, SearchQuery, SearchSort, documents};
use crate::service::acronyms;
use crate::service::gate::Gate;
use crate::service::page::{self, DEFAULT_PAGE_SIZE};
use crate::service::validate;
use hub_entity::content;
use hub_entity::enums::Status;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The longest query text accepted.
const MAX_TEXT: usize = 500;
/// How deep paging goes (Meilisearch's `maxTotalHits` is set to the same).
pub const MAX_OFFSET: usize = 10_000;
/// The list search cursors belong to.
const CURSOR_LIST: &str = "search";

/// One search as the caller asked it.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub text: String,
    pub filter: ContentFilter,
    pub sort: SearchSort,
    pub first: Option<i32>,
    pub after: Option<String>,
    /// The reader's language, a BCP 47 tag: ranks its records first and stems the text with its stemmer.
    pub preferred_language: Option<String>,
    /// One hit per translation group; totals and facets count groups.
    pub collapse: bool,
    /// Whether the hits' snippets are marked (`FoundHit::highlights`): only when the caller reads them, since marking
    /// was a fifth of the hub's CPU in a search that did not.
    pub highlights: bool,
    /// Whether the facets are counted (`Found::facets`): only when the caller reads them.
    pub facets: bool,
}

/// One hit: its cursor, the record, and the matched snippets (none unless `Search::highlights`).
pub struct FoundHit {
    pub cursor: String,
    pub row: content::Model,
    pub highlights: Vec<Highlight>,
}

/// One page of hits, in rank order, with the facets of the whole result set.
pub struct Found {
    pub total: u64,
    /// Whether `total` is exact (else a lower bound: see `index::SearchResults::exact`).
    pub total_is_exact: bool,
    pub hits: Vec<FoundHit>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub facets: Vec<Facet>,
}

/// The engine's query for a search's text, filter and preferences, reading `limit` hits from `offset`: its words
/// analyzed with the acronyms the records define.
async fn engine_query<C: ConnectionTrait>(
    db: &C,
    search: &Search,
    offset: usize,
    limit: usize,
) -> AppResult<SearchQuery> {
    if search.text.chars().count() > MAX_TEXT {
        return Err(AppError::bad_input("query", format!("`query` takes at most {MAX_TEXT} characters")));
    }
    validate::language(search.preferred_language.as_deref(), "preferredLanguage")?;
    let preferred = search.preferred_language.as_deref().map(language::primary);
    let learned = acronyms::of_query(db, &search.text).await?;
    Ok(SearchQuery {
        text: language::analyze_with(&search.text, search.preferred_language.as_deref(), &learned),
        filter: search.filter.clone().validated()?,
        sort: search.sort,
        preferred_language: preferred.and_then(|code| PREFERABLE.iter().copied().find(|p| *p == code)),
        collapse: search.collapse,
        offset,
        limit,
        without_facets: !search.facets,
    })
}

/// Every hit of a search as far as the engine ranks (`MAX_OFFSET` deep), by id in rank order, and how many records
/// match in all (more than the ids when the depth cut the result set). Paging arguments are ignored.
pub async fn ranked_ids<C: ConnectionTrait>(
    db: &C,
    engine: &dyn SearchEngine,
    search: &Search,
) -> AppResult<(Vec<i64>, u64)> {
    let query = engine_query(db, search, 0, MAX_OFFSET).await?;
    let results = index::search(engine, &query).await.map_err(|error| unavailable(engine, &error))?;
    Ok((results.hits.iter().map(|hit| hit.id).collect(), results.total))
}

/// One page of a search. A collapsing search's ranking takes a turn at `gate` (the expensive work); reading the
/// page's rows does not.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    engine: &dyn SearchEngine,
    gate: &Gate,
    search: Search,
) -> AppResult<Found> {
    let limit = page::page_size(search.first, "first")?.unwrap_or(DEFAULT_PAGE_SIZE);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let offset = search.after.as_deref().map(|cursor| page::after_position(cursor, CURSOR_LIST)).transpose()?;
    let offset = offset.unwrap_or(0);
    if offset.saturating_add(limit) > MAX_OFFSET {
        return Err(AppError::bad_input("after", format!("search results go {MAX_OFFSET} deep; narrow the query")));
    }
    let query = engine_query(db, &search, offset, limit).await?;
    let results = {
        // The gate bounds work on this process's cores that nothing else bounds: the embedded engine runs its
        // searches on threads of its own, in turns, and a search on an engine elsewhere only waits (one turn at a
        // time made 32 clients' Meilisearch searches queue here). Collapsing ranks here, on either.
        let _turn = if query.collapse { Some(gate.turn().await?) } else { None };
        index::search(engine, &query).await.map_err(|error| unavailable(engine, &error))?
    };
    let ids: Vec<i64> = results.hits.iter().map(|hit| hit.id).collect();
    let mut rows: HashMap<i64, content::Model> = content::Entity::find()
        .filter(content::Column::Id.is_in(ids))
        .filter(content::Column::Status.eq(Status::Published))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut highlighter = search.highlights.then(|| Highlighter::new(&query.text));
    let hits = results
        .hits
        .into_iter()
        .enumerate()
        .filter_map(|(rank, hit)| {
            let row = rows.remove(&hit.id)?;
            Some(FoundHit {
                cursor: page::position_cursor(CURSOR_LIST, offset + rank),
                highlights: highlighter.as_mut().map(|h| highlights(&row, h)).unwrap_or_default(),
                row,
            })
        })
        .collect();
    let total = usize::try_from(results.total).unwrap_or(usize::MAX);
    Ok(Found {
        total: results.total,
        total_is_exact: results.exact,
        hits,
        has_next_page: offset + limit < total.min(MAX_OFFSET),
        has_previous_page: offset > 0,
        facets: results.facets,
    })
}

fn unavailable(engine: &dyn SearchEngine, error: &index::EngineError) -> AppError {
    if let index::EngineError::Busy = error {
        return AppError::ServiceBusy;
    }
    tracing::warn!(%error, engine = engine.name(), "search failed");
    AppError::SearchUnavailable
}

/// The matched snippets of a hit's title and summary (the same on both engines).
fn highlights(row: &content::Model, highlighter: &mut Highlighter) -> Vec<Highlight> {
    [("title", row.title.as_str(), 60), ("summary", row.summary.as_str(), 30)]
        .into_iter()
        .filter_map(|(field, value, around)| {
            highlighter.highlight(value, around).map(|snippet| Highlight { field, snippet })
        })
        .collect()
}

/// How many related records a record shows unless asked, and at most.
const RELATED_DEFAULT: i32 = 5;
const RELATED_MAX: i32 = 20;

/// Published records like this one, best first: never the record itself nor its translations.
pub async fn related<C: ConnectionTrait>(
    db: &C,
    engine: &dyn SearchEngine,
    row: content::Model,
    first: Option<i32>,
) -> AppResult<Vec<content::Model>> {
    let first = first.unwrap_or(RELATED_DEFAULT);
    if !(1..=RELATED_MAX).contains(&first) {
        return Err(AppError::bad_input("first", format!("`first` takes 1 to {RELATED_MAX}")));
    }
    let document = documents::of(db, row).await?;
    let limit = usize::try_from(first).unwrap_or(1);
    let ids = engine.related(&document, limit).await.map_err(|error| unavailable(engine, &error))?;
    let mut rows: HashMap<i64, content::Model> = content::Entity::find()
        .filter(content::Column::Id.is_in(ids.iter().copied()))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(content::Column::TranslationKey.ne(document.group.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(ids.into_iter().filter_map(|id| rows.remove(&id)).collect())
}
