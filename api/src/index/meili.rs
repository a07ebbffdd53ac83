//! The production engine: Meilisearch through meilisearch-sdk. Settings (searchable, filterable and sortable
//! attributes, faceting and pagination limits, ranking rules, the stemmed synonyms of `language`) are applied at start
//! and on every rebuild; queries are sent as their stems (the documents carry stem fields), with matching strategy
//! `last`; every call is bounded by a timeout so `search` fails fast when the engine is away; writes wait for their
//! task to succeed. Filter strings are built from an allowlist of attributes and values that are checked, quoted
//! and escaped: user input never reaches a filter unescaped.

use super::language::{self, PREFERABLE};
use super::meili_http::Http;
use super::{
    EngineError, EngineResult, FacetField, Hit, Ranked, Rebuild, SearchDocument, SearchEngine, SearchQuery,
    SearchResults, SearchSort,
};
use crate::domain::kind::names;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, SearchQuery as Request, SearchResults as Answer, Selectors};
use meilisearch_sdk::settings::{FacetingSettings, PaginationSetting, Settings};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::time::Duration;

/// How deep results go; `discovery::MAX_OFFSET` pages no further.
const MAX_TOTAL_HITS: usize = 10_000;
/// More than the 249 countries, so no facet is cut short.
const MAX_VALUES_PER_FACET: usize = 500;

/// How long a query word some record holds is remembered as known (see `Meili::known_text`).
const KNOWN_FOR: Duration = Duration::from_secs(600);
/// How many known words are remembered.
const KNOWN_WORDS: u64 = 20_000;

pub struct Meili {
    client: Client<Http>,
    index: String,
    timeout: Duration,
    /// Query words (stems, as asked) that some record held when last counted. Shared by the handles of one engine.
    known: moka::sync::Cache<String, ()>,
}

fn failed(error: impl std::fmt::Display) -> EngineError {
    EngineError::Failed(format!("meilisearch: {error}"))
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
        ("calls", &f.calls),
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

/// The attribute `preferredLanguage` sorts by: `lang_fr` is 1 on French records.
fn preference(code: &str) -> String {
    format!("lang_{code}")
}

/// A document as Meilisearch stores it: the search document and its language flag.
#[derive(Serialize)]
struct Stored<'a> {
    #[serde(flatten)]
    document: &'a SearchDocument,
    #[serde(flatten)]
    flags: HashMap<String, u8>,
}

fn stored(documents: &[SearchDocument]) -> Vec<Stored<'_>> {
    documents
        .iter()
        .map(|document| {
            let code = language::primary(&document.language);
            let flags = PREFERABLE.iter().filter(|p| **p == code).map(|p| (preference(p), 1)).collect();
            Stored { document, flags }
        })
        .collect()
}

fn settings() -> Settings {
    let mut sortable = vec!["published_at".to_string()];
    sortable.extend(PREFERABLE.iter().map(|code| preference(code)));
    Settings::new()
        // Stems rank just below the words as written; the group's titles last.
        .with_searchable_attributes([
            "title",
            "title_stems",
            "summary",
            "summary_stems",
            "body",
            "body_stems",
            "group_stems",
        ])
        .with_filterable_attributes([
            "kind",
            "objectives",
            "principles",
            "regions",
            "countries",
            "themes",
            "calls",
            "organizations",
            "language",
            "year",
            "updated_at",
            "id",
            "group",
        ])
        .with_sortable_attributes(sortable)
        // What collapsing reads of a hit: its id, group and facet values.
        .with_displayed_attributes(
            ["id", "group"].into_iter().chain(FacetField::ALL.iter().map(|field| field.attribute())),
        )
        // `sort` right after `words`: the reader's language ranks first among records matching as many words.
        .with_ranking_rules(["words", "sort", "typo", "proximity", "attribute", "exactness"])
        .with_synonyms(language::synonym_table())
        .with_faceting(FacetingSettings { max_values_per_facet: MAX_VALUES_PER_FACET, sort_facet_values_by: None })
        .with_pagination(PaginationSetting { max_total_hits: MAX_TOTAL_HITS })
}

/// The settings whose lists are in an order that ranks; Meilisearch may return the others in any order.
const ORDERED_SETTINGS: [&str; 2] = ["searchableAttributes", "rankingRules"];

/// Whether `current` (an index's settings, as JSON) holds every setting `wanted` sets: what `wanted` leaves unset
/// (null) may be anything, and lists are compared as sets unless `ordered`.
fn holds(current: &serde_json::Value, wanted: &serde_json::Value, ordered: bool) -> bool {
    use serde_json::Value;
    match (current, wanted) {
        (_, Value::Null) => true,
        (Value::Object(current), Value::Object(wanted)) => wanted.iter().all(|(key, wanted)| {
            holds(current.get(key).unwrap_or(&Value::Null), wanted, ORDERED_SETTINGS.contains(&key.as_str()))
        }),
        (Value::Array(current), Value::Array(wanted)) if !ordered => {
            let sorted = |list: &[Value]| {
                let mut items: Vec<String> = list.iter().map(Value::to_string).collect();
                items.sort_unstable();
                items
            };
            sorted(current) == sorted(wanted)
        }
        _ => current == wanted,
    }
}

#[derive(Deserialize)]
struct HitId {
    id: i64,
}

/// Key terms of a record `related` asks for, one request each in one multi-search (the embedded engine's
/// more-like-this reads up to 25 from the stems; 12 was the first value tried, and reached the judged target).
const RELATED_TERMS: usize = 12;
/// Candidates read per key term: a term held by more records than this says little about a record anyway.
const RELATED_CANDIDATES: usize = 40;
/// What sharing one objective, theme or country adds to a candidate's score (the embedded engine's weight).
const RELATED_TAG_BONUS: f64 = 2.0;

/// A candidate for `related`: its id and the tags it may share with the record.
#[derive(Deserialize)]
struct Neighbour {
    id: i64,
    #[serde(default)]
    objectives: Vec<i32>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
}

impl Neighbour {
    /// How many objectives, themes and countries it shares with `document`.
    fn shared_tags(&self, document: &SearchDocument) -> usize {
        self.objectives.iter().filter(|n| document.objectives.contains(n)).count()
            + self.themes.iter().filter(|t| document.themes.contains(t)).count()
            + self.countries.iter().filter(|c| document.countries.contains(c)).count()
    }
}

/// A hit with what collapsing needs.
#[derive(Deserialize)]
struct HitValues {
    id: i64,
    /// Missing on documents written before translation groups were indexed (until `hub reindex`): the record is
    /// then its own group.
    #[serde(default)]
    group: String,
    language: String,
    kind: String,
    #[serde(default)]
    objectives: Vec<i32>,
    #[serde(default)]
    principles: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    calls: Vec<String>,
    year: Option<i32>,
}

impl HitValues {
    fn ranked(self) -> Ranked {
        let mut values = vec![(FacetField::Type, self.kind), (FacetField::Language, self.language.clone())];
        values.extend(self.objectives.iter().map(|n| (FacetField::Objective, n.to_string())));
        values.extend(self.year.map(|y| (FacetField::Year, y.to_string())));
        for (field, list) in [
            (FacetField::Principle, self.principles),
            (FacetField::Region, self.regions),
            (FacetField::Country, self.countries),
            (FacetField::Theme, self.themes),
            (FacetField::Call, self.calls),
        ] {
            values.extend(list.into_iter().map(|v| (field, v)));
        }
        let group = if self.group.is_empty() { format!("id:{}", self.id) } else { self.group };
        Ranked { id: self.id, group, language: self.language, values }
    }
}

/// The sort of a search: explicit dates, the reader's language for a text ranked by relevance, dates for no text.
fn sort_of(query: &SearchQuery) -> Vec<String> {
    let text = !query.text.slots.is_empty();
    match (query.sort, text, query.preferred_language) {
        (SearchSort::PublishedAtAsc, _, _) => vec!["published_at:asc".into()],
        (SearchSort::PublishedAtDesc, _, _) | (SearchSort::Relevance, false, _) => vec!["published_at:desc".into()],
        (SearchSort::Relevance, true, Some(code)) => vec![format!("{}:desc", preference(code))],
        (SearchSort::Relevance, true, None) => Vec::new(),
    }
}

impl Meili {
    /// Connects (no request is made: an engine that is away at start only degrades search).
    pub fn new(url: &str, api_key: Option<&str>, index: &str, timeout: Duration) -> EngineResult<Meili> {
        let client = Client::new_with_client(url, api_key, Http::new(api_key).map_err(failed)?);
        let known = moka::sync::Cache::builder().max_capacity(KNOWN_WORDS).time_to_live(KNOWN_FOR).build();
        Ok(Meili { client, index: index.to_string(), timeout, known })
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

    /// Gives the index `uid` the hub's settings (creating it), unless it already has them: Meilisearch reprocesses
    /// every document on a settings update, even one that changes nothing (9 s for 85,000 documents, on every start
    /// of every instance, with searches slowed meanwhile).
    async fn configure(&self, uid: &str) -> EngineResult<()> {
        let index = self.client.index(uid);
        let wanted = settings();
        if let Ok(current) = self.bounded(index.get_settings()).await
            && let (Ok(wanted), Ok(current)) = (serde_json::to_value(&wanted), serde_json::to_value(&current))
            && holds(&current, &wanted, false)
        {
            return Ok(());
        }
        let task = self.bounded(index.set_settings(&wanted)).await?;
        self.settle(task).await
    }

    fn live(&self) -> Index<Http> {
        self.client.index(&self.index)
    }

    /// One page of a search for `text` (the query's words as Meilisearch is asked for them), with its facets, and
    /// the filter it was asked with.
    async fn page(&self, query: &SearchQuery, text: &str) -> EngineResult<(Answer<HitId>, Option<String>)> {
        let index = self.live();
        let filter = filter(query);
        let facets: Vec<&str> = FacetField::ALL.iter().map(|f| f.attribute()).collect();
        let sort = sort_of(query);
        let sort: Vec<&str> = sort.iter().map(String::as_str).collect();
        let mut request = index.search();
        request
            .with_query(text)
            .with_matching_strategy(MatchingStrategies::LAST)
            .with_attributes_to_retrieve(Selectors::Some(&["id"]));
        if !query.without_facets {
            request.with_facets(Selectors::Some(&facets));
        }
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
        if !sort.is_empty() {
            request.with_sort(&sort);
        }
        let results = self.bounded(request.execute::<HitId>()).await?;
        Ok((results, filter))
    }

    /// The query's words as Meilisearch is asked for them (`Analyzed::asked`), without those no record holds: its
    /// `last` strategy drops words from the end but always keeps the first, so a query whose first word is in no
    /// record ("reconocimiento de títulos de enfermeras" over English records) would find nothing, and one with such a
    /// word in the middle would drop every word after it before dropping that one. Words are counted concurrently in
    /// one multi-search, unfiltered; a word found in some record is remembered for `KNOWN_FOR` (most searches repeat
    /// words, and then cost no count), a word found in none is counted again next time, so a word is never dropped
    /// once a record holds it. All the words are kept when none is known.
    async fn known_text(&self, analyzed: &language::Analyzed) -> EngineResult<String> {
        let words = analyzed.asked();
        let unknown: Vec<&String> = words.iter().filter(|word| !self.known.contains_key(*word)).collect();
        if words.len() < 2 || unknown.is_empty() {
            return Ok(words.join(" "));
        }
        let index = self.live();
        let mut multi = self.client.multi_search();
        for word in &unknown {
            let mut count: Request<'_, _> = index.search();
            count.with_query(word).with_matching_strategy(MatchingStrategies::ALL).with_limit(0);
            multi.with_search_query(count);
        }
        let answers = self.bounded(multi.execute::<HitId>()).await?.results;
        for (word, answer) in unknown.into_iter().zip(answers) {
            if answer.estimated_total_hits.or(answer.total_hits).unwrap_or_default() > 0 {
                self.known.insert(word.clone(), ());
            }
        }
        let known: Vec<&str> = words.iter().filter(|word| self.known.contains_key(*word)).map(String::as_str).collect();
        Ok(if known.is_empty() { words.join(" ") } else { known.join(" ") })
    }

    /// The first `depth` hits of a search for `text`, with the values collapsing needs.
    async fn ranked_for(&self, query: &SearchQuery, text: &str, depth: usize) -> EngineResult<Vec<Ranked>> {
        let index = self.live();
        let filter = filter(query);
        let sort = sort_of(query);
        let sort: Vec<&str> = sort.iter().map(String::as_str).collect();
        let mut request = index.search();
        request.with_query(text).with_matching_strategy(MatchingStrategies::LAST).with_offset(0).with_limit(depth);
        if let Some(filter) = &filter {
            request.with_filter(filter);
        }
        if !sort.is_empty() {
            request.with_sort(&sort);
        }
        let results = self.bounded(request.execute::<HitValues>()).await?;
        Ok(results.hits.into_iter().map(|hit| hit.result.ranked()).collect())
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
        let text = self.known_text(&query.text).await?;
        let (results, filter) = self.page(query, &text).await?;
        let total = match results.total_hits {
            Some(total) => total,
            None => {
                let index = self.live();
                let mut count = index.search();
                count
                    .with_query(&text)
                    .with_matching_strategy(MatchingStrategies::LAST)
                    .with_page(1)
                    .with_hits_per_page(0);
                if let Some(filter) = &filter {
                    count.with_filter(filter);
                }
                self.bounded(count.execute::<HitId>()).await?.total_hits.unwrap_or_default()
            }
        };
        let hits = results.hits.into_iter().map(|hit| Hit { id: hit.result.id }).collect();
        let distribution = results.facet_distribution.unwrap_or_default();
        let facets = super::facets(FacetField::ALL.into_iter().flat_map(|field| {
            let counts = distribution.get(field.attribute()).cloned().unwrap_or_default();
            counts.into_iter().map(move |(value, count)| (field, value, count as u64))
        }));
        // Meilisearch counts exactly up to `maxTotalHits`, and no further.
        Ok(SearchResults { total: total as u64, exact: total < MAX_TOTAL_HITS, hits, facets })
    }

    async fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>> {
        let text = self.known_text(&query.text).await?;
        self.ranked_for(query, &text, depth).await
    }

    /// More like this, as the embedded engine ranks it: one request per key term of the record (a multi-search, so
    /// one round trip), each candidate scored by the inverse document frequency of the terms it holds plus a bonus
    /// for each objective, theme or country it shares; never the record's group, nor kinds not suggested beside its
    /// kind. Filled up with the newest records sharing a tag when too few share a term.
    async fn related(&self, document: &SearchDocument, first: usize) -> EngineResult<Vec<i64>> {
        let index = self.live();
        let mut filter = format!("group != {}", quoted(&document.group));
        for kind in crate::domain::kind::unsuggested_beside(&document.kind) {
            filter = format!("{filter} AND kind != {}", quoted(kind));
        }
        let terms = language::key_terms(document, RELATED_TERMS);
        let retrieved = ["id", "objectives", "themes", "countries"];
        // The first request counts the records that may be suggested (the `N` of the frequencies).
        let asked = std::iter::once(("", 0)).chain(terms.iter().map(|term| (term.as_str(), RELATED_CANDIDATES)));
        let mut multi = self.client.multi_search();
        for (text, limit) in asked {
            let mut request: Request<'_, _> = index.search();
            request
                .with_query(text)
                .with_matching_strategy(MatchingStrategies::ALL)
                .with_filter(&filter)
                .with_attributes_to_retrieve(Selectors::Some(&retrieved))
                .with_limit(limit);
            multi.with_search_query(request);
        }
        let answers = self.bounded(multi.execute::<Neighbour>()).await?.results;
        let count = |answer: &Answer<Neighbour>| answer.estimated_total_hits.or(answer.total_hits).unwrap_or_default();
        let records = answers.first().map(count).unwrap_or_default() as f64;
        // Each candidate's score, and when it was first found (ties keep that order).
        let mut scores: HashMap<i64, (f64, usize)> = HashMap::new();
        for answer in answers.iter().skip(1) {
            let holding = count(answer) as f64;
            let rarity = (1.0 + (records - holding + 0.5).max(0.0) / (holding + 0.5)).ln();
            for hit in &answer.hits {
                let found = scores.len();
                let neighbour = &hit.result;
                let (score, _) = scores
                    .entry(neighbour.id)
                    .or_insert_with(|| (RELATED_TAG_BONUS * neighbour.shared_tags(document) as f64, found));
                *score += rarity;
            }
        }
        let mut ranked: Vec<(i64, (f64, usize))> = scores.into_iter().filter(|(id, _)| *id != document.id).collect();
        ranked.sort_by(|(_, a), (_, b)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut ids: Vec<i64> = ranked.into_iter().map(|(id, _)| id).take(first).collect();
        if ids.len() < first {
            let newest = self.newest_sharing_tags(document, &filter, first * 2).await?;
            ids.extend(
                newest.into_iter().filter(|id| *id != document.id).filter(|id| !ids.contains(id)).collect::<Vec<_>>(),
            );
            ids.truncate(first);
        }
        Ok(ids)
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        let task = self.bounded(self.live().add_or_replace(&stored(&documents), Some("id"))).await?;
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
    /// The newest records sharing an objective, theme or country with `document`, under `filter`.
    async fn newest_sharing_tags(
        &self,
        document: &SearchDocument,
        filter: &str,
        limit: usize,
    ) -> EngineResult<Vec<i64>> {
        let mut shared = Vec::new();
        if !document.objectives.is_empty() {
            shared.push(any_of("objectives", document.objectives.iter().map(i32::to_string)));
        }
        for (attribute, values) in [("themes", &document.themes), ("countries", &document.countries)] {
            if !values.is_empty() {
                shared.push(any_of(attribute, values.iter().cloned()));
            }
        }
        if shared.is_empty() {
            return Ok(Vec::new());
        }
        let filter = format!("{filter} AND ({})", shared.join(" OR "));
        let index = self.live();
        let mut request: Request<'_, _> = index.search();
        request
            .with_filter(&filter)
            .with_sort(&["published_at:desc"])
            .with_attributes_to_retrieve(Selectors::Some(&["id"]))
            .with_limit(limit);
        let results = self.bounded(request.execute::<HitId>()).await?;
        Ok(results.hits.into_iter().map(|hit| hit.result.id).collect())
    }

    fn clone_handle(&self) -> Meili {
        Meili {
            client: self.client.clone(),
            index: self.index.clone(),
            timeout: self.timeout,
            known: self.known.clone(),
        }
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
        let task = self.engine.bounded(index.add_or_replace(&stored(&documents), Some("id"))).await?;
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
        // The live index must exist to be swapped; configuring it creates it. An existing one is left as it is:
        // applying the settings again to the index about to be dropped made Meilisearch reprocess every document
        // of it (9 s of a 65 s reindex of 85,000 documents).
        if engine.bounded(engine.client.get_index(&engine.index)).await.is_err() {
            engine.configure(&engine.index).await?;
        }
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
    fn settings_already_held_are_not_applied_again() {
        let wanted = serde_json::to_value(settings()).unwrap();
        assert!(holds(&wanted, &wanted, false));
        // Meilisearch may list filterable attributes and synonyms in another order, and fill what we leave unset.
        let mut current = wanted.clone();
        current["filterableAttributes"].as_array_mut().unwrap().reverse();
        for values in current["synonyms"].as_object_mut().unwrap().values_mut() {
            values.as_array_mut().unwrap().reverse();
        }
        current["faceting"]["sortFacetValuesBy"] = serde_json::json!({ "*": "alpha" });
        current["stopWords"] = serde_json::json!([]);
        assert!(holds(&current, &wanted, false));
        // The order of the searchable attributes and of the ranking rules ranks.
        let mut reordered = wanted.clone();
        reordered["rankingRules"].as_array_mut().unwrap().reverse();
        assert!(!holds(&reordered, &wanted, false));
        // A synonym less, a facet limit changed: applied again.
        let mut fewer = wanted.clone();
        let first = fewer["synonyms"].as_object().unwrap().keys().next().unwrap().clone();
        fewer["synonyms"].as_object_mut().unwrap().remove(&first);
        assert!(!holds(&fewer, &wanted, false));
        let mut limit = wanted.clone();
        limit["faceting"]["maxValuesPerFacet"] = serde_json::json!(100);
        assert!(!holds(&limit, &wanted, false));
    }

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
}
