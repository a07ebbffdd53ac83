//! The embedded engine: tantivy, in `<data dir>/search/<schema version>`, for `cargo run` and CI without any other
//! service. The same semantics as Meilisearch with the hub's settings: records matching more of the query's words
//! first (one is enough), then the reader's language, then typos (one for words of 5+ letters, two for 9+), proximity
//! and title over summary over the rest; the last word matched as a prefix (search-as-you-type); stems and synonyms
//! from `language`; facets over the whole result set.
//!
//! tantivy allows one writer per index directory, so an index lives in a generation directory named by the
//! `CURRENT` file: a rebuild fills a new generation and swaps `CURRENT` atomically (write, then rename), and every
//! engine instance (the server's, a `hub reindex` process's) follows it on its next call.

mod docsets;
mod facets;
mod query;
mod rank;
mod schema;
mod stats;
mod turns;

use facets::{FacetCounter, Tables};
use query::{Unknown, filter_queries, match_query};
use schema::{Fields, schema};
use stats::Statistics;
use turns::{Refused, Turns};

use super::language::{self};
use super::{
    EngineError, EngineResult, FacetField, Hit, Ranked, Rebuild, SearchDocument, SearchEngine, SearchQuery,
    SearchResults, SearchSort,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term, doc};

/// A search's queries (`Inner::plan`).
struct Plan {
    /// The list filters alone.
    filters: BooleanQuery,
    /// The typed words no text of the index holds (misspellings, or words of no record).
    unknown: Unknown,
    /// The filters and the text: every hit, unscored.
    matching: BooleanQuery,
}

const TOKENIZER: &str = "hub";
const WRITER_MEMORY: usize = 50_000_000;
/// The schema's version: a generation written with another one is not opened (the engine starts an empty one, and
/// the server rebuilds it from the database).
const SCHEMA_VERSION: &str = "v3";

fn failed(error: impl std::fmt::Display) -> EngineError {
    EngineError::Failed(format!("embedded search: {error}"))
}

/// One opened generation.
struct Generation {
    name: String,
    index: Index,
    reader: IndexReader,
    /// Opened on first write: searching never takes the directory's writer lock.
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    /// The facet values of its segments, read once per segment.
    tables: Tables,
    /// What the leaves of searches' words matched in its segments.
    remembered: docsets::Remembered,
}

impl Generation {
    fn open(dir: &Path, name: &str) -> EngineResult<Generation> {
        let path = dir.join(name);
        std::fs::create_dir_all(&path).map_err(failed)?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(&path).map_err(failed)?;
        let index = Index::open_or_create(directory, schema).map_err(failed)?;
        index.tokenizers().register(TOKENIZER, language::analyzer());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(failed)?;
        Ok(Generation {
            name: name.to_string(),
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            tables: Tables::default(),
            remembered: docsets::Remembered::default(),
        })
    }

    /// Forgets what it read of segments the searcher no longer has (merged away).
    fn keep(&self, searcher: &tantivy::Searcher) {
        self.tables.keep(searcher);
        self.remembered.keep(searcher);
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
            f.group => d.group.as_str(),
            f.title => d.title.as_str(),
            f.summary => d.summary.as_str(),
            f.body => d.body.as_str(),
            f.title_stems => d.title_stems.as_str(),
            f.summary_stems => d.summary_stems.as_str(),
            f.body_stems => d.body_stems.as_str(),
            f.group_stems => d.group_stems.as_str(),
            f.language => d.language.as_str(),
            f.primary_language => language::primary(&d.language),
            f.published_at => d.published_at,
            f.updated_at => d.updated_at,
        );
        if let Some(year) = d.year {
            document.add_i64(f.year, i64::from(year));
        }
        for n in &d.objectives {
            document.add_u64(f.objectives, u64::try_from(*n).unwrap_or_default());
        }
        for (field, values) in [
            (f.principles, &d.principles),
            (f.regions, &d.regions),
            (f.countries, &d.countries),
            (f.themes, &d.themes),
            (f.calls, &d.calls),
        ] {
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

/// The embedded engine, over `<data dir>/search`.
pub struct Embedded {
    inner: Arc<Inner>,
    /// Searches are CPU-bound: they run on a few threads of their own (`turns`), one at a time each, so that however
    /// many arrive, only that many hold their memory (32 concurrent searches held over 400 MB in the load
    /// benchmark) and the cores left serve cheap requests.
    turns: Turns,
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

    /// A search's queries: the list filters, the words no text of the index holds, and what matches.
    fn plan(stats: &Statistics, f: &Fields, query: &SearchQuery) -> Plan {
        let filters = BooleanQuery::new(filter_queries(f, query));
        let held = |word: &String| {
            [f.title, f.summary, f.body].iter().any(|field| stats.holds(&Term::from_field_text(*field, word)))
        };
        let unknown: Unknown =
            query.text.slots.iter().flat_map(|slot| &slot.typed().words).filter(|w| !held(w)).cloned().collect();
        let text: Box<dyn Query> =
            if query.text.slots.is_empty() { Box::new(AllQuery) } else { match_query(f, &unknown, &query.text) };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            filters.clauses().iter().map(|(occur, clause)| (*occur, clause.box_clone())).collect();
        clauses.push((Occur::Must, text));
        Plan { matching: BooleanQuery::new(clauses), filters, unknown }
    }

    /// The query without the one-word alternatives (synonyms, translations) that no field of the index holds: they
    /// match nothing and score nothing, and the glossary gives most words several in other languages. What was typed
    /// stays (its typos and prefix may still match).
    fn without_absent(stats: &Statistics, f: &Fields, query: &SearchQuery) -> SearchQuery {
        let typed: Vec<&String> = query.text.slots.iter().flat_map(|slot| &slot.typed().words).collect();
        let held =
            |fields: &[Field], text: &str| fields.iter().any(|field| stats.holds(&Term::from_field_text(*field, text)));
        let texts = [f.title, f.summary, f.body];
        let stems = [f.title_stems, f.summary_stems, f.body_stems, f.group_stems];
        let mut pruned = query.clone();
        for slot in &mut pruned.text.slots {
            let kept: Vec<_> = slot
                .forms
                .iter()
                .enumerate()
                .filter(|(i, form)| match (form.words.as_slice(), form.stems.as_slice()) {
                    ([word], [stem]) if *i > 0 && !typed.contains(&word) => held(&texts, word) || held(&stems, stem),
                    _ => true,
                })
                .map(|(_, form)| form.clone())
                .collect();
            slot.forms = kept;
        }
        pruned
    }

    /// One page of hits in rank order, their count and, with `facets`, their facets. A text ranked by relevance
    /// ranks by tiers (`rank`); any other order is a fast field's, in one unscored pass.
    fn found(
        searcher: &tantivy::Searcher,
        generation: &Generation,
        query: &SearchQuery,
        (offset, limit): (usize, usize),
        facets: bool,
    ) -> EngineResult<rank::Found> {
        let f = &generation.fields;
        let stats = Statistics::new(searcher, &generation.remembered);
        let query = &Self::without_absent(&stats, f, query);
        let plan = Self::plan(&stats, f, query);
        if query.sort == SearchSort::Relevance && !query.text.slots.is_empty() {
            return rank::search(&stats, generation, &plan.unknown, query, &plan.filters, (offset, limit), facets)
                .map_err(failed);
        }
        let tables = facets.then_some(&generation.tables);
        let order = if query.sort == SearchSort::PublishedAtAsc { Order::Asc } else { Order::Desc };
        let page =
            TopDocs::with_limit(limit.max(1)).and_offset(offset).order_by_fast_field::<i64>("published_at", order);
        let (top, (total, facets)) = match tables {
            Some(tables) => searcher.search(&plan.matching, &(page, (Count, FacetCounter(tables)))),
            None => {
                searcher.search(&plan.matching, &(page, Count)).map(|(top, total)| (top, (total, Default::default())))
            }
        }
        .map_err(failed)?;
        let page = top.into_iter().map(|(_, address)| address).take(limit).collect();
        Ok(rank::Found { total: u64::try_from(total).unwrap_or_default(), facets, page })
    }

    /// The hits with their record ids, from the `id` fast field (not the document store, which decompresses a
    /// block per hit), each segment's column opened once.
    fn ids(searcher: &tantivy::Searcher, addresses: Vec<DocAddress>) -> EngineResult<Vec<(DocAddress, i64)>> {
        let mut columns = std::collections::HashMap::new();
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(column) => column.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let segment = searcher.segment_reader(address.segment_ord);
                    entry.insert(segment.fast_fields().u64("id").map_err(failed)?)
                }
            };
            ids.extend(column.first(address.doc_id).and_then(|id| i64::try_from(id).ok()).map(|id| (address, id)));
        }
        Ok(ids)
    }

    fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        let generation = self.live()?;
        let searcher = generation.reader.searcher();
        generation.keep(&searcher);
        let window = (query.offset, query.limit);
        let found = Self::found(&searcher, &generation, query, window, !query.without_facets)?;
        // The hits are counted exactly, whatever their number: from bit sets, not by scoring them.
        Ok(SearchResults {
            total: found.total,
            exact: true,
            hits: Self::ids(&searcher, found.page)?.into_iter().map(|(_, id)| Hit { id }).collect(),
            facets: super::facets(found.facets.into_iter().map(|((field, value), count)| (field, value, count))),
        })
    }

    fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>> {
        let generation = self.live()?;
        let searcher = generation.reader.searcher();
        generation.keep(&searcher);
        let addresses = Self::found(&searcher, &generation, query, (0, depth), false)?.page;
        let mut ranked = Vec::with_capacity(addresses.len());
        for (address, id) in Self::ids(&searcher, addresses)? {
            let segment = searcher.segment_reader(address.segment_ord);
            let values = generation.tables.of(segment).map_err(failed)?.values(address.doc_id);
            let fast = searcher.segment_reader(address.segment_ord).fast_fields();
            let text = |name: &str| -> EngineResult<String> {
                let mut value = String::new();
                if let Some(column) = fast.str(name).map_err(failed)?
                    && let Some(ord) = column.term_ords(address.doc_id).next()
                {
                    column.ord_to_str(ord, &mut value).map_err(failed)?;
                }
                Ok(value)
            };
            ranked.push(Ranked { id, group: text("group")?, language: text("language")?, values });
        }
        Ok(ranked)
    }

    /// More like this: the record's stems (terms frequent in it and rare in the index), its objectives, themes and
    /// countries; never its own group, nor the kinds suggested beside their own kind only.
    fn related(&self, d: &SearchDocument, first: usize) -> EngineResult<Vec<i64>> {
        let generation = self.live()?;
        let f = generation.fields;
        let text = |field: Field, value: &str| (field, vec![OwnedValue::Str(value.to_string())]);
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(25)
            .with_stop_words(language::stop_words())
            .with_document_fields(vec![
                text(f.title_stems, &d.title_stems),
                text(f.summary_stems, &d.summary_stems),
                text(f.body_stems, &d.body_stems),
            ]);
        let mut should: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(like))];
        let tags = d
            .objectives
            .iter()
            .map(|n| Term::from_field_u64(f.objectives, u64::try_from(*n).unwrap_or_default()))
            .chain(d.themes.iter().map(|t| Term::from_field_text(f.themes, t)))
            .chain(d.countries.iter().map(|c| Term::from_field_text(f.countries, c)));
        for term in tags {
            let shared = ConstScoreQuery::new(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), 2.0);
            should.push((Occur::Should, Box::new(shared)));
        }
        let similar: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        let own = TermQuery::new(Term::from_field_text(f.group, &d.group), IndexRecordOption::Basic);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, similar), (Occur::MustNot, Box::new(own))];
        for kind in crate::domain::kind::unsuggested_beside(&d.kind) {
            let kind = TermQuery::new(Term::from_field_text(f.kind, kind), IndexRecordOption::Basic);
            clauses.push((Occur::MustNot, Box::new(kind)));
        }
        let full = BooleanQuery::new(clauses);
        let searcher = generation.reader.searcher();
        let top = searcher.search(&full, &TopDocs::with_limit(first.max(1)).order_by_score()).map_err(failed)?;
        let addresses: Vec<DocAddress> = top.into_iter().map(|(_, address)| address).collect();
        Ok(Self::ids(&searcher, addresses)?.into_iter().map(|(_, id)| id).filter(|id| *id != d.id).collect())
    }
}

impl Embedded {
    /// Opens (or creates) the engine's directory; searches run on `threads` threads, and one that waits longer than
    /// `wait` for its turn is shed (`EngineError::Busy`).
    pub fn open(root: &Path, threads: usize, wait: Duration) -> EngineResult<Embedded> {
        let root = &root.join(SCHEMA_VERSION);
        std::fs::create_dir_all(root).map_err(failed)?;
        let inner = Arc::new(Inner { root: root.to_path_buf(), live: Mutex::new(None) });
        inner.live()?;
        Ok(Embedded { inner, turns: Turns::new(threads, wait).map_err(failed)? })
    }

    /// A search's work, in its turn on a search thread.
    async fn searching<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Inner) -> EngineResult<T> + Send + 'static,
    ) -> EngineResult<T> {
        let inner = self.inner.clone();
        match self.turns.run(move || work(&inner)).await {
            Ok(result) => result,
            Err(Refused::Busy) => Err(EngineError::Busy),
            Err(Refused::Failed(why)) => Err(failed(why)),
        }
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
        self.searching(move |inner| inner.search(&query)).await
    }

    async fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>> {
        let query = query.clone();
        self.searching(move |inner| inner.ranked(&query, depth)).await
    }

    async fn related(&self, document: &SearchDocument, first: usize) -> EngineResult<Vec<i64>> {
        let document = document.clone();
        self.searching(move |inner| inner.related(&document, first)).await
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
mod tests;
