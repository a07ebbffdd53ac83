//! The production engine: Meilisearch through meilisearch-sdk. Settings (searchable, filterable and sortable
//! attributes, faceting and pagination limits, typo tolerance, ranking rules) are applied at start and on every
//! rebuild; every call is bounded by a timeout so `search` fails fast when the engine is away; writes wait for their
//! task to succeed. Filter strings are built from an allowlist of attributes and values that are checked, quoted
//! and escaped: user input never reaches a filter unescaped.

use super::{
    EngineError, EngineResult, Facet, FacetField, Highlight, Hit, Rebuild, SearchDocument, SearchEngine, SearchQuery,
    SearchResults, SearchSort,
};
use crate::domain::kind::names;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::Selectors;
use meilisearch_sdk::settings::{FacetingSettings, PaginationSetting, Settings};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::time::Duration;

/// Marks around matches in Meilisearch's output: private-use characters no text of ours contains, replaced by
/// `<em>` once the rest is HTML-escaped.
const PRE: &str = "\u{E000}";
const POST: &str = "\u{E001}";
/// How deep results go; `discovery::MAX_OFFSET` pages no further.
const MAX_TOTAL_HITS: usize = 10_000;
/// More than the 249 countries, so no facet is cut short.
const MAX_VALUES_PER_FACET: usize = 500;

pub struct Meili {
    client: Client,
    index: String,
    timeout: Duration,
}

fn failed(error: impl std::fmt::Display) -> EngineError {
    EngineError(format!("meilisearch: {error}"))
}

/// A value as a quoted filter literal: backslashes and quotes escaped.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Only plain keys (letters, digits, `-`, `_`) can name anything in the index; other values match nothing.
fn plain(value: &str) -> bool {
    !value.is_empty() && value.len() <= 64 && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `attribute IN [..]` over the plain values; a list with none matches nothing.
fn any_of(attribute: &'static str, values: impl IntoIterator<Item = String>) -> String {
    let values: Vec<String> = values.into_iter().filter(|v| plain(v)).map(|v| quoted(&v)).collect();
    if values.is_empty() { "id = -1".to_string() } else { format!("{attribute} IN [{}]", values.join(", ")) }
}

fn filter(query: &SearchQuery) -> Option<String> {
    let f = &query.filter;
    let mut clauses = Vec::new();
    if let Some(kinds) = &f.kinds {
        clauses.push(any_of("kind", kinds.iter().map(|k| names(*k).key.to_string())));
    }
    if let Some(values) = &f.objectives {
        clauses.push(any_of("objectives", values.iter().map(i32::to_string)));
    }
    if let Some(values) = &f.organizations {
        clauses.push(any_of("organizations", values.iter().map(i64::to_string)));
    }
    for (attribute, values) in [
        ("principles", &f.principles),
        ("regions", &f.regions),
        ("countries", &f.countries),
        ("themes", &f.themes),
        ("language", &f.languages),
    ] {
        if let Some(values) = values {
            clauses.push(any_of(attribute, values.iter().cloned()));
        }
    }
    if let Some(from) = f.year_from {
        clauses.push(format!("year >= {from}"));
    }
    if let Some(to) = f.year_to {
        clauses.push(format!("year <= {to}"));
    }
    if let Some(since) = f.updated_since {
        clauses.push(format!("updated_at >= {}", since.timestamp()));
    }
    (!clauses.is_empty()).then(|| clauses.iter().map(|c| format!("({c})")).collect::<Vec<_>>().join(" AND "))
}

/// Meilisearch's highlighted text as our snippet: escaped, matches in `<em>`; `None` without a match.
fn snippet(formatted: &str) -> Option<String> {
    if !formatted.contains(PRE) {
        return None;
    }
    let escaped = formatted.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    Some(escaped.replace(PRE, "<em>").replace(POST, "</em>"))
}

fn settings() -> Settings {
    Settings::new()
        .with_searchable_attributes(["title", "summary", "body"])
        .with_filterable_attributes([
            "kind",
            "objectives",
            "principles",
            "regions",
            "countries",
            "themes",
            "organizations",
            "language",
            "year",
            "updated_at",
            "id",
        ])
        .with_sortable_attributes(["published_at"])
        .with_displayed_attributes(["id", "title", "summary"])
        .with_ranking_rules(["words", "typo", "proximity", "attribute", "sort", "exactness"])
        .with_faceting(FacetingSettings { max_values_per_facet: MAX_VALUES_PER_FACET, sort_facet_values_by: None })
        .with_pagination(PaginationSetting { max_total_hits: MAX_TOTAL_HITS })
}

#[derive(Deserialize)]
struct HitId {
    id: i64,
}

impl Meili {
    /// Connects (no request is made: an engine that is away at start only degrades search).
    pub fn new(url: &str, api_key: Option<&str>, index: &str, timeout: Duration) -> EngineResult<Meili> {
        let client = Client::new(url, api_key).map_err(failed)?;
        Ok(Meili { client, index: index.to_string(), timeout })
    }

    async fn bounded<T, E: std::fmt::Display>(&self, call: impl Future<Output = Result<T, E>>) -> EngineResult<T> {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(result) => result.map_err(failed),
            Err(_) => Err(failed(format!("no answer within {:?}", self.timeout))),
        }
    }

    /// Waits for a task to finish, and fails unless it succeeded.
    async fn settle(&self, task: TaskInfo) -> EngineResult<()> {
        self.settle_within(task, self.timeout * 6).await
    }

    /// Waits for a task to succeed, up to `limit`.
    async fn settle_within(&self, task: TaskInfo, limit: Duration) -> EngineResult<()> {
        let waited = task.wait_for_completion(&self.client, Some(Duration::from_millis(20)), Some(limit));
        match waited.await.map_err(failed)? {
            Task::Succeeded { .. } => Ok(()),
            Task::Failed { content } => Err(failed(format!("task failed: {}", content.error))),
            other => Err(failed(format!("task did not finish: {other:?}"))),
        }
    }

    /// Applies the settings to an index (creating it if needed).
    async fn configure(&self, uid: &str) -> EngineResult<()> {
        let task = self.bounded(self.client.index(uid).set_settings(&settings())).await?;
        self.settle(task).await
    }

    fn live(&self) -> Index {
        self.client.index(&self.index)
    }
}

#[async_trait::async_trait]
impl SearchEngine for Meili {
    fn name(&self) -> &'static str {
        "meilisearch"
    }

    /// Applies the settings to the live index (creating it); at start, a failure only leaves search degraded.
    async fn prepare(&self) -> EngineResult<()> {
        self.configure(&self.index).await
    }

    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        let index = self.live();
        let filter = filter(query);
        let facets: Vec<&str> = FacetField::ALL.iter().map(|f| f.attribute()).collect();
        let sort = ["published_at:desc"];
        let sort_asc = ["published_at:asc"];
        let crop = [("summary", Some(30))];
        let mut request = index.search();
        request
            .with_query(&query.text)
            .with_facets(Selectors::Some(&facets))
            .with_attributes_to_retrieve(Selectors::Some(&["id"]))
            .with_attributes_to_highlight(Selectors::Some(&["title", "summary"]))
            .with_attributes_to_crop(Selectors::Some(&crop))
            .with_crop_marker("…")
            .with_highlight_pre_tag(PRE)
            .with_highlight_post_tag(POST);
        // Page mode counts hits exactly; offsets that are not a multiple of the page size fall back to offset mode
        // (the count then comes from a second, hits-free page-mode request).
        let aligned = query.limit > 0 && query.offset.is_multiple_of(query.limit);
        if aligned {
            request.with_page(query.offset / query.limit + 1).with_hits_per_page(query.limit);
        } else {
            request.with_offset(query.offset).with_limit(query.limit);
        }
        if let Some(filter) = &filter {
            request.with_filter(filter);
        }
        match (query.sort, query.text.trim().is_empty()) {
            (SearchSort::PublishedAtAsc, _) => {
                request.with_sort(&sort_asc);
            }
            (SearchSort::PublishedAtDesc, _) | (SearchSort::Relevance, true) => {
                request.with_sort(&sort);
            }
            (SearchSort::Relevance, false) => {}
        }
        let results = self.bounded(request.execute::<HitId>()).await?;
        let total = match results.total_hits {
            Some(total) => total,
            None => {
                let mut count = index.search();
                count.with_query(&query.text).with_page(1).with_hits_per_page(0);
                if let Some(filter) = &filter {
                    count.with_filter(filter);
                }
                self.bounded(count.execute::<HitId>()).await?.total_hits.unwrap_or_default()
            }
        };
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                let formatted = hit.formatted_result.unwrap_or_default();
                let highlights = ["title", "summary"]
                    .into_iter()
                    .filter_map(|field| {
                        let text = formatted.get(field)?.as_str()?;
                        snippet(text).map(|snippet| Highlight { field, snippet })
                    })
                    .collect();
                Hit { id: hit.result.id, highlights }
            })
            .collect();
        let distribution = results.facet_distribution.unwrap_or_default();
        let facets = FacetField::ALL
            .into_iter()
            .map(|field| {
                let counts: HashMap<String, usize> = distribution.get(field.attribute()).cloned().unwrap_or_default();
                let mut values: Vec<(String, u64)> =
                    counts.into_iter().filter(|(_, c)| *c > 0).map(|(v, c)| (v, c as u64)).collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                Facet { field, values }
            })
            .collect();
        Ok(SearchResults { total: total as u64, hits, facets })
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        let task = self.bounded(self.live().add_or_replace(&documents, Some("id"))).await?;
        self.settle(task).await
    }

    async fn delete(&self, ids: Vec<i64>) -> EngineResult<()> {
        let task = self.bounded(self.live().delete_documents(&ids)).await?;
        self.settle(task).await
    }

    async fn healthy(&self) -> bool {
        self.bounded(self.client.health()).await.is_ok()
    }

    async fn rebuild(&self) -> EngineResult<Box<dyn Rebuild>> {
        let uid = format!("{}_rebuild_{}", self.index, chrono::Utc::now().timestamp_millis());
        self.configure(&uid).await?;
        Ok(Box::new(MeiliRebuild { engine: self.clone_handle(), uid, pending: VecDeque::new() }))
    }
}

impl Meili {
    fn clone_handle(&self) -> Meili {
        Meili { client: self.client.clone(), index: self.index.clone(), timeout: self.timeout }
    }
}

/// Document batches a rebuild sends ahead of the ones Meilisearch has finished: consecutive additions waiting in
/// its queue are indexed together (its auto-batching), which is most of the speed of a bulk load; more than this
/// waiting, the rebuild waits for the oldest.
const REBUILD_AHEAD: usize = 64;
/// How long a rebuild waits for one of its batches (a batch may wait behind all those sent ahead of it).
const REBUILD_WAIT: Duration = Duration::from_secs(600);

struct MeiliRebuild {
    engine: Meili,
    uid: String,
    /// Batches sent and not yet seen to succeed, oldest first.
    pending: VecDeque<TaskInfo>,
}

#[async_trait::async_trait]
impl Rebuild for MeiliRebuild {
    async fn add(&mut self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        let index = self.engine.client.index(&self.uid);
        let task = self.engine.bounded(index.add_or_replace(&documents, Some("id"))).await?;
        self.pending.push_back(task);
        while self.pending.len() > REBUILD_AHEAD {
            if let Some(oldest) = self.pending.pop_front() {
                self.engine.settle_within(oldest, REBUILD_WAIT).await?;
            }
        }
        Ok(())
    }

    async fn swap(mut self: Box<Self>) -> EngineResult<()> {
        // Every batch must have succeeded before the new index goes live.
        while let Some(task) = self.pending.pop_front() {
            self.engine.settle_within(task, REBUILD_WAIT).await?;
        }
        let engine = &self.engine;
        // The live index must exist to be swapped; configuring it creates it.
        engine.configure(&engine.index).await?;
        let swap = SwapIndexes { indexes: (engine.index.clone(), self.uid.clone()), rename: None };
        let task = engine.bounded(engine.client.swap_indexes([&swap])).await?;
        engine.settle(task).await?;
        // The rebuild's name now holds the old documents.
        let task = engine.bounded(engine.client.index(&self.uid).delete()).await?;
        engine.settle(task).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::ContentFilter as SearchFilter;

    #[test]
    fn filters_quote_escape_and_drop_what_cannot_be_a_key() {
        let query = SearchQuery {
            filter: SearchFilter {
                countries: Some(vec!["MEX".into(), r#"x" OR status = "DRAFT"#.into()]),
                themes: Some(vec![r#"\" OR 1=1"#.into()]),
                objectives: Some(vec![13]),
                year_from: Some(2020),
                ..SearchFilter::default()
            },
            ..SearchQuery::default()
        };
        assert_eq!(
            filter(&query).unwrap(),
            r#"(objectives IN ["13"]) AND (countries IN ["MEX"]) AND (id = -1) AND (year >= 2020)"#
        );
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn snippets_escape_and_mark() {
        assert_eq!(snippet("a <b> \u{E000}detention\u{E001}").as_deref(), Some("a &lt;b&gt; <em>detention</em>"));
        assert_eq!(snippet("no match"), None);
    }
}
