//! The search index, below the services: one engine trait and two engines (`meili`: Meilisearch; `embedded`:
//! tantivy in the data directory) and the documents they index (`documents`). Only published records are ever
//! indexed. The services search through it (`service::search`); the jobs above them keep it in step with the
//! database (`jobs::relay`) and rebuild it (`jobs::reindex`).

pub mod documents;
pub mod embedded;
pub mod meili;

use crate::config::Config;
use crate::domain::filter::ContentFilter;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The configured engine: Meilisearch when `MEILISEARCH_URL` is set, otherwise the embedded one in
/// `<data dir>/search`.
pub fn engine(config: &Config) -> anyhow::Result<Arc<dyn SearchEngine>> {
    if let Some(url) = &config.meilisearch_url {
        let key = config.meilisearch_api_key.as_ref().map(|k| k.expose());
        let timeout = std::time::Duration::from_millis(config.search_timeout_ms);
        let engine = meili::Meili::new(url, key, &config.meilisearch_index, timeout)
            .map_err(|error| anyhow::anyhow!("cannot use Meilisearch at {url}: {error}"))?;
        return Ok(Arc::new(engine));
    }
    let root = config.data_dir.join("search");
    let engine = embedded::Embedded::open(&root)
        .map_err(|error| anyhow::anyhow!("cannot open the search index in {}: {error}", root.display()))?;
    Ok(Arc::new(engine))
}

/// What the index holds for one published record. Tags are plain keys; labels are resolved at query time from the
/// reference tables, so rewording an objective does not touch the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    /// The content row id.
    pub id: i64,
    /// The kind's key (`domain::kind`): `PRACTICE`, `GUIDANCE_TOOL` or `PEER_EXCHANGE`.
    pub kind: String,
    pub title: String,
    pub summary: String,
    /// Everything else worth matching: the type's long texts, organization, theme and country names.
    pub body: String,
    pub language: String,
    pub year: Option<i32>,
    pub objectives: Vec<i32>,
    pub principles: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub organizations: Vec<i64>,
    /// Unix seconds.
    pub published_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchSort {
    /// Best match first (for an empty query: newest first).
    #[default]
    Relevance,
    PublishedAtDesc,
    PublishedAtAsc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchQuery {
    pub text: String,
    /// Its `statuses` are ignored: only published records are indexed.
    pub filter: ContentFilter,
    pub sort: SearchSort,
    pub offset: usize,
    pub limit: usize,
}

/// The fields facets are counted on, over the whole result set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetField {
    Type,
    Objective,
    Principle,
    Region,
    Country,
    Theme,
    Year,
    Language,
}

impl FacetField {
    pub const ALL: [FacetField; 8] = [
        FacetField::Type,
        FacetField::Objective,
        FacetField::Principle,
        FacetField::Region,
        FacetField::Country,
        FacetField::Theme,
        FacetField::Year,
        FacetField::Language,
    ];

    /// The document attribute behind the facet (an allowlist: no other name reaches an engine).
    pub fn attribute(self) -> &'static str {
        match self {
            FacetField::Type => "kind",
            FacetField::Objective => "objectives",
            FacetField::Principle => "principles",
            FacetField::Region => "regions",
            FacetField::Country => "countries",
            FacetField::Theme => "themes",
            FacetField::Year => "year",
            FacetField::Language => "language",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub field: FacetField,
    /// `(value, count)`, most frequent first, then by value.
    pub values: Vec<(String, u64)>,
}

/// A matched snippet of a field: the text with matches wrapped in `<em>`…`</em>`, everything else HTML-escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub field: &'static str,
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub highlights: Vec<Highlight>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Vec<Facet>,
}

/// An engine failure: unreachable, timed out, or refused. Callers see `SEARCH_UNAVAILABLE`.
#[derive(Debug)]
pub struct EngineError(pub String);

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EngineError {}

pub type EngineResult<T> = Result<T, EngineError>;

/// A search engine. Writes return once the engine has applied them (a Meilisearch task succeeded; a tantivy commit
/// is durable), so the relay marks outbox rows processed only after that.
#[async_trait::async_trait]
pub trait SearchEngine: Send + Sync {
    fn name(&self) -> &'static str;
    /// Gets the engine ready (Meilisearch: applies the index settings); safe to repeat.
    async fn prepare(&self) -> EngineResult<()> {
        Ok(())
    }
    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults>;
    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()>;
    async fn delete(&self, ids: Vec<i64>) -> EngineResult<()>;
    /// Whether the engine answers now.
    async fn healthy(&self) -> bool;
    /// Starts a rebuild into a fresh index that goes live on `Rebuild::swap`.
    async fn rebuild(&self) -> EngineResult<Box<dyn Rebuild>>;
}

/// A fresh index being filled; the live one keeps serving until `swap`.
#[async_trait::async_trait]
pub trait Rebuild: Send {
    async fn add(&mut self, documents: Vec<SearchDocument>) -> EngineResult<()>;
    /// Makes the new index the live one, atomically, and drops the old.
    async fn swap(self: Box<Self>) -> EngineResult<()>;
}
