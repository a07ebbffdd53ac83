//! The search index, below the services: one engine trait and two engines (`meili`: Meilisearch; `embedded`:
//! tantivy in the data directory) and the documents they index (`documents`). Only published records are ever
//! indexed. The services search through it (`service::search`); the jobs above them keep it in step with the
//! database (`jobs::relay`) and rebuild it (`jobs::reindex`).

pub mod documents;
pub mod embedded;
pub mod language;
pub mod meili;
mod meili_http;
mod traced;

use crate::config::Config;
use crate::domain::filter::ContentFilter;
use language::Analyzed;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The configured engine: Meilisearch when `MEILISEARCH_URL` is set, otherwise the embedded one in
/// `<data dir>/search`; each call a trace span.
pub fn engine(config: &Config) -> anyhow::Result<Arc<dyn SearchEngine>> {
    Ok(Arc::new(traced::Traced(untraced(config)?)))
}

fn untraced(config: &Config) -> anyhow::Result<Arc<dyn SearchEngine>> {
    if let Some(url) = &config.meilisearch_url {
        let key = config.meilisearch_api_key.as_ref().map(|k| k.expose());
        let timeout = std::time::Duration::from_millis(config.search_timeout_ms);
        let engine = meili::Meili::new(url, key, &config.meilisearch_index, timeout)
            .map_err(|error| anyhow::anyhow!("cannot use Meilisearch at {url}: {error}"))?;
        return Ok(Arc::new(engine));
    }
    let root = config.data_dir.join("search");
    let threads = config.expensive_turns();
    let wait = std::time::Duration::from_millis(config.busy_wait_ms);
    let engine = embedded::Embedded::open(&root, threads, wait)
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
    /// The translation group (records that are translations of each other share it).
    pub group: String,
    pub title: String,
    pub summary: String,
    /// Everything else worth matching: the type's long texts, organization, theme and country names.
    pub body: String,
    /// `title`, `summary` and `body` as stems (`language::stems`), so that word forms meet.
    pub title_stems: String,
    pub summary_stems: String,
    pub body_stems: String,
    /// The titles and summaries of the group's other published records, as stems: a query in one language reaches
    /// the others.
    pub group_stems: String,
    pub language: String,
    pub year: Option<i32>,
    pub objectives: Vec<i32>,
    pub principles: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    /// The slug of the call for practices a practice answers (at most one).
    #[serde(default)]
    pub calls: Vec<String>,
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
    /// The query text as analyzed for the engines (`language::analyze`); no slots: everything.
    pub text: Analyzed,
    /// Its `statuses` are ignored: only published records are indexed.
    pub filter: ContentFilter,
    pub sort: SearchSort,
    /// The reader's language (a member of `language::PREFERABLE`): among records matching as many query words, its
    /// records rank first.
    pub preferred_language: Option<&'static str>,
    /// One hit per translation group (the preferred language's record where the group has one), counted by group.
    pub collapse: bool,
    pub offset: usize,
    pub limit: usize,
    /// Leave the facets out (the caller does not read them): the engine does not count them.
    pub without_facets: bool,
}

impl SearchQuery {
    /// A query for this text, everything else by default.
    pub fn text(text: &str) -> SearchQuery {
        SearchQuery { text: language::analyze(text, None), ..SearchQuery::default() }
    }
}

/// How deep a collapsed search looks: groups are formed from the best hits up to here (the paging depth).
pub const COLLAPSE_DEPTH: usize = 10_000;

/// A hit of a search with what collapsing needs: its group, language and facet values.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: i64,
    pub group: String,
    pub language: String,
    pub values: Vec<(FacetField, String)>,
}

/// Searches, collapsing translation groups when the query asks for it: the engines rank, this groups.
pub async fn search(engine: &dyn SearchEngine, query: &SearchQuery) -> EngineResult<SearchResults> {
    if !query.collapse {
        return engine.search(query).await;
    }
    let ranked = engine.ranked(query, COLLAPSE_DEPTH).await?;
    Ok(collapse(ranked, query))
}

/// One hit per group, in the order of each group's best hit; the group shows its record in the preferred language
/// when it has one. Facets count groups: a group counts once for each value any of its matching records has.
fn collapse(ranked: Vec<Ranked>, query: &SearchQuery) -> SearchResults {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&Ranked>> = HashMap::new();
    for hit in &ranked {
        let members = groups.entry(hit.group.as_str()).or_default();
        if members.is_empty() {
            order.push(hit.group.as_str());
        }
        members.push(hit);
    }
    let mut counts: HashMap<(FacetField, &str), u64> = HashMap::new();
    for members in groups.values() {
        let values: HashSet<(FacetField, &str)> =
            members.iter().flat_map(|m| m.values.iter().map(|(f, v)| (*f, v.as_str()))).collect();
        for value in values {
            *counts.entry(value).or_default() += 1;
        }
    }
    let facets = facets(counts.into_iter().map(|((field, value), count)| (field, value.to_string(), count)));
    let hits = order
        .iter()
        .skip(query.offset)
        .take(query.limit)
        .filter_map(|group| {
            let members = groups.get(group)?;
            let preferred = query
                .preferred_language
                .and_then(|code| members.iter().find(|m| language::primary(&m.language) == code));
            preferred.or(members.first()).map(|m| Hit { id: m.id })
        })
        .collect();
    // Groups are formed from the first `COLLAPSE_DEPTH` hits: past it, there may be more.
    let exact = ranked.len() < COLLAPSE_DEPTH;
    SearchResults { total: order.len() as u64, exact, hits, facets }
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
    /// The call for practices a practice answers.
    Call,
    Year,
    Language,
}

impl FacetField {
    pub const ALL: [FacetField; 9] = [
        FacetField::Type,
        FacetField::Objective,
        FacetField::Principle,
        FacetField::Region,
        FacetField::Country,
        FacetField::Theme,
        FacetField::Call,
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
            FacetField::Call => "calls",
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

/// Every facet field with its counted values (zero counts left out), most frequent first, then by value: how both
/// engines and collapsing report facets.
pub fn facets(counts: impl IntoIterator<Item = (FacetField, String, u64)>) -> Vec<Facet> {
    let mut by_field: HashMap<FacetField, Vec<(String, u64)>> = HashMap::new();
    for (field, value, count) in counts.into_iter().filter(|(_, _, count)| *count > 0) {
        by_field.entry(field).or_default().push((value, count));
    }
    FacetField::ALL
        .into_iter()
        .map(|field| {
            let mut values = by_field.remove(&field).unwrap_or_default();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Facet { field, values }
        })
        .collect()
}

/// A matched snippet of a field: the text with matches wrapped in `<em>`…`</em>`, everything else HTML-escaped
/// (`language::Highlighter`, the same for both engines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub field: &'static str,
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub total: u64,
    /// Whether `total` is the exact count; otherwise it is a lower bound (an engine's cap on counting, or the
    /// collapsing depth).
    pub exact: bool,
    pub hits: Vec<Hit>,
    pub facets: Vec<Facet>,
}

/// Why an engine did not answer.
#[derive(Debug)]
pub enum EngineError {
    /// Unreachable, timed out, refused or broken. Callers see `SEARCH_UNAVAILABLE`.
    Failed(String),
    /// Every turn of the engine's own was taken for longer than the wait (the embedded engine's search threads).
    /// Callers see `SERVICE_BUSY`, retriable, as at the gate.
    Busy,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Failed(message) => f.write_str(message),
            EngineError::Busy => f.write_str("every search turn was taken"),
        }
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
    /// One page of hits in rank order, the total and the facets of the whole result set (`collapse` is ignored:
    /// see [`search`]).
    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults>;
    /// The first `depth` hits in rank order, with what collapsing needs.
    async fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>>;
    /// Published records like this one (shared objectives, themes, countries and words), best first; never the
    /// record itself nor its translations.
    async fn related(&self, document: &SearchDocument, first: usize) -> EngineResult<Vec<i64>>;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i64, group: &str, language: &str, objective: &str) -> Ranked {
        let values = vec![
            (FacetField::Type, "PRACTICE".to_string()),
            (FacetField::Language, language.to_string()),
            (FacetField::Objective, objective.to_string()),
        ];
        Ranked { id, group: group.to_string(), language: language.to_string(), values }
    }

    fn counts(results: &SearchResults, field: FacetField) -> Vec<(String, u64)> {
        results.facets.iter().find(|f| f.field == field).map(|f| f.values.clone()).unwrap_or_default()
    }

    #[test]
    fn collapsing_keeps_each_groups_best_rank_and_counts_groups() {
        let ranked = vec![
            hit(1, "a", "en", "13"),
            hit(2, "b", "en", "5"),
            hit(3, "a", "fr-BE", "7"),
            hit(4, "c", "fr", "13"),
            hit(5, "b", "es", "5"),
        ];
        let query = SearchQuery { preferred_language: Some("fr"), collapse: true, limit: 10, ..SearchQuery::default() };
        let results = collapse(ranked.clone(), &query);
        assert_eq!(results.total, 3, "three groups");
        assert!(results.exact, "every hit was grouped");
        let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, [3, 2, 4], "groups in the order of their best hit, each shown in French where it has one");
        assert_eq!(counts(&results, FacetField::Type), [("PRACTICE".to_string(), 3)], "facets count groups");
        // A group counts once for each value any of its records has.
        assert_eq!(
            counts(&results, FacetField::Objective),
            [("13".to_string(), 2), ("5".to_string(), 1), ("7".to_string(), 1)]
        );
        let second_page = SearchQuery { offset: 2, limit: 2, ..query.clone() };
        assert_eq!(collapse(ranked.clone(), &second_page).hits, [Hit { id: 4 }]);
        let no_preference = SearchQuery { preferred_language: None, ..query };
        assert_eq!(collapse(ranked, &no_preference).hits.first(), Some(&Hit { id: 1 }), "the best-ranked record");
    }
}
