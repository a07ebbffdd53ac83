//! The embedded engine: tantivy, in `<data dir>/search`, for `cargo run` and CI without any other service. The same
//! semantics as Meilisearch: typos forgiven (one for words of 5+ letters, two for 9+), the last word matched as a
//! prefix (search-as-you-type), title over summary over the rest, facets over the whole result set, highlights.
//!
//! tantivy allows one writer per index directory, so an index lives in a generation directory named by the
//! `CURRENT` file: a rebuild fills a new generation and swaps `CURRENT` atomically (write, then rename), and every
//! engine instance (the server's, a `hub reindex` process's) follows it on its next call.

use super::{
    EngineError, EngineResult, Facet, FacetField, Highlight, Hit, Rebuild, SearchDocument, SearchEngine, SearchQuery,
    SearchResults, SearchSort,
};
use crate::domain::kind::names;
use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term, doc,
};

const TOKENIZER: &str = "hub";
const WRITER_MEMORY: usize = 50_000_000;

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    summary: Field,
    body: Field,
    language: Field,
    year: Field,
    objectives: Field,
    principles: Field,
    regions: Field,
    countries: Field,
    themes: Field,
    organizations: Field,
    published_at: Field,
    updated_at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored { options.set_stored() } else { options }
    };
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | FAST | STORED),
        kind: builder.add_text_field("kind", STRING | FAST),
        title: builder.add_text_field("title", text(true)),
        summary: builder.add_text_field("summary", text(true)),
        body: builder.add_text_field("body", text(false)),
        language: builder.add_text_field("language", STRING | FAST),
        year: builder.add_i64_field("year", INDEXED | FAST),
        objectives: builder.add_u64_field("objectives", INDEXED | FAST),
        principles: builder.add_text_field("principles", STRING | FAST),
        regions: builder.add_text_field("regions", STRING | FAST),
        countries: builder.add_text_field("countries", STRING | FAST),
        themes: builder.add_text_field("themes", STRING | FAST),
        organizations: builder.add_u64_field("organizations", INDEXED),
        published_at: builder.add_i64_field("published_at", INDEXED | FAST),
        updated_at: builder.add_i64_field("updated_at", INDEXED | FAST),
    };
    (builder.build(), fields)
}

fn failed(error: impl std::fmt::Display) -> EngineError {
    EngineError(format!("embedded search: {error}"))
}

/// One opened generation.
struct Generation {
    name: String,
    index: Index,
    reader: IndexReader,
    /// Opened on first write: searching never takes the directory's writer lock.
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
}

impl Generation {
    fn open(dir: &Path, name: &str) -> EngineResult<Generation> {
        let path = dir.join(name);
        std::fs::create_dir_all(&path).map_err(failed)?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(&path).map_err(failed)?;
        let index = Index::open_or_create(directory, schema).map_err(failed)?;
        index.tokenizers().register(TOKENIZER, analyzer());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(failed)?;
        Ok(Generation { name: name.to_string(), index, reader, writer: Mutex::new(None), fields })
    }

    fn write(&self, change: impl FnOnce(&IndexWriter, &Fields) -> EngineResult<()>) -> EngineResult<()> {
        let mut guard = self.writer.lock().map_err(|_| failed("writer lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(self.index.writer(WRITER_MEMORY).map_err(failed)?);
        }
        let writer = guard.as_mut().ok_or_else(|| failed("no writer"))?;
        if let Err(error) = change(writer, &self.fields) {
            writer.rollback().map_err(failed)?;
            return Err(error);
        }
        writer.commit().map_err(failed)?;
        self.reader.reload().map_err(failed)
    }

    fn document(&self, d: &SearchDocument) -> TantivyDocument {
        let f = &self.fields;
        let mut document = doc!(
            f.id => u64::try_from(d.id).unwrap_or_default(),
            f.kind => d.kind.as_str(),
            f.title => d.title.as_str(),
            f.summary => d.summary.as_str(),
            f.body => d.body.as_str(),
            f.language => d.language.as_str(),
            f.published_at => d.published_at,
            f.updated_at => d.updated_at,
        );
        if let Some(year) = d.year {
            document.add_i64(f.year, i64::from(year));
        }
        for n in &d.objectives {
            document.add_u64(f.objectives, u64::try_from(*n).unwrap_or_default());
        }
        for (field, values) in
            [(f.principles, &d.principles), (f.regions, &d.regions), (f.countries, &d.countries), (f.themes, &d.themes)]
        {
            for value in values {
                document.add_text(field, value);
            }
        }
        for o in &d.organizations {
            document.add_u64(f.organizations, u64::try_from(*o).unwrap_or_default());
        }
        document
    }

    fn upsert(&self, documents: &[SearchDocument]) -> EngineResult<()> {
        self.write(|writer, f| {
            for d in documents {
                writer.delete_term(Term::from_field_u64(f.id, u64::try_from(d.id).unwrap_or_default()));
                writer.add_document(self.document(d)).map_err(failed)?;
            }
            Ok(())
        })
    }

    fn delete(&self, ids: &[i64]) -> EngineResult<()> {
        self.write(|writer, f| {
            for id in ids {
                writer.delete_term(Term::from_field_u64(f.id, u64::try_from(*id).unwrap_or_default()));
            }
            Ok(())
        })
    }
}

/// The query words as the index saw them (lowercased, accents folded).
fn words(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// Typos forgiven for a word, as Meilisearch does by default.
fn typos(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether an indexed word matches a query word: exactly, within its typos, or (the last word) as a prefix.
fn matches(token: &str, word: &str, last: bool) -> bool {
    if token == word || usize::from(typos(word)) >= strsim::osa_distance(token, word) {
        return true;
    }
    // A prefix within the word's typos: a prefix of the token as long as the word, give or take those typos.
    let length = word.chars().count();
    let allowed = usize::from(typos(word));
    last && (length.saturating_sub(allowed)..=length + allowed).any(|n| {
        let end = token.char_indices().nth(n).map_or(token.len(), |(end, _)| end);
        (n <= token.chars().count()) && strsim::osa_distance(&token[..end], word) <= allowed
    })
}

fn text_query(f: &Fields, words: &[String]) -> Box<dyn Query> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in [(f.title, 3.0), (f.summary, 2.0), (f.body, 1.0)] {
            let term = Term::from_field_text(field, word);
            let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), weight))));
            if typos(word) > 0 {
                let fuzzy = FuzzyTermQuery::new(term.clone(), typos(word), true);
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(fuzzy), weight * 0.5))));
            }
            if last {
                let prefix = FuzzyTermQuery::new_prefix(term, typos(word), true);
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(prefix), weight * 0.4))));
            }
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
    }
    Box::new(BooleanQuery::new(must))
}

fn filter_queries(f: &Fields, query: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
    let filter = &query.filter;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut any_of =
        |terms: Vec<Term>| clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms)) as Box<dyn Query>));
    let texts = |field: Field, values: &[String]| values.iter().map(|v| Term::from_field_text(field, v)).collect();
    let numbers = |field: Field, values: &mut dyn Iterator<Item = i64>| {
        values.map(|v| Term::from_field_u64(field, u64::try_from(v).unwrap_or(u64::MAX))).collect()
    };
    if let Some(kinds) = &filter.kinds {
        any_of(kinds.iter().map(|k| Term::from_field_text(f.kind, names(*k).key)).collect());
    }
    if let Some(values) = &filter.objectives {
        any_of(numbers(f.objectives, &mut values.iter().map(|v| i64::from(*v))));
    }
    if let Some(values) = &filter.organizations {
        any_of(numbers(f.organizations, &mut values.iter().copied()));
    }
    for (field, values) in [
        (f.principles, &filter.principles),
        (f.regions, &filter.regions),
        (f.countries, &filter.countries),
        (f.themes, &filter.themes),
        (f.language, &filter.languages),
    ] {
        if let Some(values) = values {
            any_of(texts(field, values));
        }
    }
    let range = |field: Field, from: Option<i64>, to: Option<i64>| {
        let bound =
            |value: Option<i64>| value.map_or(Bound::Unbounded, |v| Bound::Included(Term::from_field_i64(field, v)));
        (Occur::Must, Box::new(RangeQuery::new(bound(from), bound(to))) as Box<dyn Query>)
    };
    if filter.year_from.is_some() || filter.year_to.is_some() {
        clauses.push(range(f.year, filter.year_from.map(i64::from), filter.year_to.map(i64::from)));
    }
    if filter.updated_since.is_some() {
        clauses.push(range(f.updated_at, filter.updated_since.map(|t| t.timestamp()), None));
    }
    clauses
}

/// Counts facet values over every matching document, from the fast fields.
struct FacetCounter;

struct SegmentFacets {
    kind: Option<StrColumn>,
    language: Option<StrColumn>,
    principles: Option<StrColumn>,
    regions: Option<StrColumn>,
    countries: Option<StrColumn>,
    themes: Option<StrColumn>,
    objectives: Column<u64>,
    year: Column<i64>,
    /// Term ordinals per string facet, resolved to strings at harvest.
    ords: HashMap<(FacetField, u64), u64>,
    numbers: HashMap<(FacetField, i64), u64>,
}

type FacetCounts = HashMap<(FacetField, String), u64>;

impl Collector for FacetCounter {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        Ok(SegmentFacets {
            kind: fast.str("kind")?,
            language: fast.str("language")?,
            principles: fast.str("principles")?,
            regions: fast.str("regions")?,
            countries: fast.str("countries")?,
            themes: fast.str("themes")?,
            objectives: fast.u64("objectives")?,
            year: fast.i64("year")?,
            ords: HashMap::new(),
            numbers: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut total = FacetCounts::new();
        for fruit in fruits {
            for (key, count) in fruit {
                *total.entry(key).or_default() += count;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (field, column) in [
            (FacetField::Type, &self.kind),
            (FacetField::Language, &self.language),
            (FacetField::Principle, &self.principles),
            (FacetField::Region, &self.regions),
            (FacetField::Country, &self.countries),
            (FacetField::Theme, &self.themes),
        ] {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    *self.ords.entry((field, ord)).or_default() += 1;
                }
            }
        }
        for value in self.objectives.values_for_doc(doc) {
            *self.numbers.entry((FacetField::Objective, i64::try_from(value).unwrap_or_default())).or_default() += 1;
        }
        for value in self.year.values_for_doc(doc) {
            *self.numbers.entry((FacetField::Year, value)).or_default() += 1;
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut counts = FacetCounts::new();
        for ((field, ord), count) in self.ords {
            let column = match field {
                FacetField::Type => &self.kind,
                FacetField::Language => &self.language,
                FacetField::Principle => &self.principles,
                FacetField::Region => &self.regions,
                FacetField::Country => &self.countries,
                _ => &self.themes,
            };
            let mut value = String::new();
            if let Some(column) = column
                && column.ord_to_str(ord, &mut value).unwrap_or(false)
            {
                *counts.entry((field, value)).or_default() += count;
            }
        }
        for ((field, number), count) in self.numbers {
            *counts.entry((field, number.to_string())).or_default() += count;
        }
        counts
    }
}

fn facets(counts: FacetCounts) -> Vec<Facet> {
    FacetField::ALL
        .into_iter()
        .map(|field| {
            let mut values: Vec<(String, u64)> =
                counts.iter().filter(|((f, _), _)| *f == field).map(|((_, v), c)| (v.clone(), *c)).collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Facet { field, values }
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `text` with the words that match the query wrapped in `<em>`, cropped to about `words_around` words around the
/// first match; `None` when nothing matches.
pub fn highlight(text: &str, query: &[String], words_around: usize) -> Option<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut spans = Vec::new();
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
        tokens.push((token.offset_from, token.offset_to));
        let hit = query.iter().enumerate().any(|(i, word)| matches(&token.text, word, i + 1 == query.len()));
        if hit {
            spans.push((tokens.len() - 1, token.offset_from, token.offset_to));
        }
    }
    let first = spans.first()?.0;
    let start_token = first.saturating_sub(words_around / 3);
    let end_token = (start_token + words_around).min(tokens.len());
    let start = if start_token == 0 { 0 } else { tokens[start_token].0 };
    let end = if end_token >= tokens.len() { text.len() } else { tokens[end_token - 1].1 };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut cursor = start;
    for (_, from, to) in spans.iter().filter(|(_, from, to)| *from >= start && *to <= end) {
        out.push_str(&escape(&text[cursor..*from]));
        out.push_str("<em>");
        out.push_str(&escape(&text[*from..*to]));
        out.push_str("</em>");
        cursor = *to;
    }
    out.push_str(&escape(&text[cursor..end]));
    if end < text.len() {
        out.push('…');
    }
    Some(out)
}

/// The embedded engine, over `<data dir>/search`.
pub struct Embedded {
    inner: Arc<Inner>,
    /// Searches are CPU-bound: running more at once than there are cores only queues them on the cores while each
    /// holds its memory (32 concurrent searches held over 400 MB in the load benchmark).
    searching: Arc<tokio::sync::Semaphore>,
}

struct Inner {
    root: PathBuf,
    live: Mutex<Option<Arc<Generation>>>,
}

const CURRENT: &str = "CURRENT";

impl Inner {
    fn current_name(&self) -> String {
        std::fs::read_to_string(self.root.join(CURRENT)).map(|s| s.trim().to_string()).unwrap_or_else(|_| "g0".into())
    }

    /// The live generation, reopened when `CURRENT` names another one (a rebuild swapped it in).
    fn live(&self) -> EngineResult<Arc<Generation>> {
        let name = self.current_name();
        let mut live = self.live.lock().map_err(|_| failed("lock poisoned"))?;
        if let Some(generation) = live.as_ref().filter(|g| g.name == name) {
            return Ok(generation.clone());
        }
        // Dropping the old generation releases its writer lock before the new one is opened.
        *live = None;
        let generation = Arc::new(Generation::open(&self.root, &name)?);
        *live = Some(generation.clone());
        Ok(generation)
    }

    fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        let generation = self.live()?;
        let f = generation.fields;
        let words = words(&query.text);
        let mut clauses = filter_queries(&f, query);
        let text = !words.is_empty();
        clauses.push((Occur::Must, if text { text_query(&f, &words) } else { Box::new(AllQuery) }));
        let full = BooleanQuery::new(clauses);
        let searcher = generation.reader.searcher();
        let page = TopDocs::with_limit(query.limit.max(1)).and_offset(query.offset);
        let addresses: Vec<DocAddress> = match (query.sort, text) {
            (SearchSort::Relevance, true) => {
                let (top, _) = searcher.search(&full, &(page.order_by_score(), Count)).map_err(failed)?;
                top.into_iter().map(|(_, address)| address).collect()
            }
            (sort, _) => {
                let order = if sort == SearchSort::PublishedAtAsc { Order::Asc } else { Order::Desc };
                let top =
                    searcher.search(&full, &page.order_by_fast_field::<i64>("published_at", order)).map_err(failed)?;
                top.into_iter().map(|(_, address)| address).collect()
            }
        };
        let (total, counts) = searcher.search(&full, &(Count, FacetCounter)).map_err(failed)?;
        let mut hits = Vec::with_capacity(addresses.len());
        for address in addresses.into_iter().take(query.limit) {
            let stored: TantivyDocument = searcher.doc(address).map_err(failed)?;
            let id = stored.get_first(f.id).and_then(|v| v.as_u64()).and_then(|v| i64::try_from(v).ok());
            let Some(id) = id else { continue };
            let mut highlights = Vec::new();
            if text {
                for (field, name, around) in [(f.title, "title", 60), (f.summary, "summary", 30)] {
                    let value = stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
                    if let Some(snippet) = highlight(value, &words, around) {
                        highlights.push(Highlight { field: name, snippet });
                    }
                }
            }
            hits.push(Hit { id, highlights });
        }
        Ok(SearchResults { total: u64::try_from(total).unwrap_or_default(), hits, facets: facets(counts) })
    }
}

impl Embedded {
    /// Opens (or creates) the engine's directory.
    pub fn open(root: &Path) -> EngineResult<Embedded> {
        std::fs::create_dir_all(root).map_err(failed)?;
        let inner = Arc::new(Inner { root: root.to_path_buf(), live: Mutex::new(None) });
        inner.live()?;
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Ok(Embedded { inner, searching: Arc::new(tokio::sync::Semaphore::new(cores)) })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Inner) -> EngineResult<T> + Send + 'static,
    ) -> EngineResult<T> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || work(&inner)).await.map_err(failed)?
    }
}

#[async_trait::async_trait]
impl SearchEngine for Embedded {
    fn name(&self) -> &'static str {
        "embedded"
    }

    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        let query = query.clone();
        let _turn = self.searching.acquire().await.map_err(failed)?;
        self.blocking(move |inner| inner.search(&query)).await
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        self.blocking(move |inner| inner.live()?.upsert(&documents)).await
    }

    async fn delete(&self, ids: Vec<i64>) -> EngineResult<()> {
        self.blocking(move |inner| inner.live()?.delete(&ids)).await
    }

    async fn healthy(&self) -> bool {
        self.inner.live().is_ok()
    }

    async fn rebuild(&self) -> EngineResult<Box<dyn Rebuild>> {
        let name = format!("g{}", chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default());
        let root = self.inner.root.clone();
        let generation =
            tokio::task::spawn_blocking(move || Generation::open(&root, &name)).await.map_err(failed)??;
        Ok(Box::new(EmbeddedRebuild { root: self.inner.root.clone(), generation: Arc::new(generation) }))
    }
}

struct EmbeddedRebuild {
    root: PathBuf,
    generation: Arc<Generation>,
}

#[async_trait::async_trait]
impl Rebuild for EmbeddedRebuild {
    async fn add(&mut self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        let generation = self.generation.clone();
        tokio::task::spawn_blocking(move || generation.upsert(&documents)).await.map_err(failed)?
    }

    async fn swap(self: Box<Self>) -> EngineResult<()> {
        let EmbeddedRebuild { root, generation } = *self;
        let name = generation.name.clone();
        // Release the new generation's writer before anybody else opens it.
        drop(generation);
        tokio::task::spawn_blocking(move || {
            let previous = std::fs::read_to_string(root.join(CURRENT)).ok();
            let staged = root.join(format!("{CURRENT}.next"));
            std::fs::write(&staged, &name).map_err(failed)?;
            std::fs::rename(&staged, root.join(CURRENT)).map_err(failed)?;
            // The old generation is no longer named; open readers keep their mapped files until they let go.
            if let Some(previous) = previous.map(|p| p.trim().to_string()).filter(|p| *p != name && !p.is_empty()) {
                let _ = std::fs::remove_dir_all(root.join(previous));
            }
            Ok(())
        })
        .await
        .map_err(failed)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_prefixes_match_like_meilisearch() {
        assert!(matches("detention", "detension", false), "one typo in a long word");
        assert!(!matches("cat", "car", false), "no typo in a short word");
        assert!(matches("migrants", "migr", true), "prefix of the last word");
        assert!(!matches("migrants", "migr", false), "only the last word is a prefix");
        assert!(matches("reintegration", "reintefr", true), "a typo inside the prefix");
        assert!(!matches("reintegration", "reintefr", false), "but not as a whole word");
    }

    #[test]
    fn highlights_escape_and_crop() {
        let text = "Alternatives to <detention> for children & families";
        let words = vec!["detension".to_string()];
        assert_eq!(
            highlight(text, &words, 60).as_deref(),
            Some("Alternatives to &lt;<em>detention</em>&gt; for children &amp; families")
        );
        assert_eq!(highlight(text, &["nothing".into()], 60), None);
        let long = "word ".repeat(100) + "detention " + &"word ".repeat(100);
        let snippet = highlight(&long, &words, 30).unwrap();
        assert!(snippet.starts_with('…') && snippet.ends_with('…') && snippet.contains("<em>detention</em>"));
    }
}
