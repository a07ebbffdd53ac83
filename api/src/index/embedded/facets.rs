//! Facet counts over every matching document. Each segment's facet values are read once from its fast fields into
//! flat arrays (the value ids of each document, one after the other): counting a hit is then a few array
//! increments, instead of a column lookup and a hash-map update per value. A value that many documents hold (a
//! kind, a language, a principle) is also kept as a bit set of its documents: when a search's hits are many, such a
//! value is counted by one pass over two bit sets instead of an increment per hit, and only the rarer values are
//! counted hit by hit.

use super::FacetField;
use super::docsets::Bits;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The string facets and their fast fields.
const TEXTS: [(FacetField, &str); 7] = [
    (FacetField::Type, "kind"),
    (FacetField::Language, "language"),
    (FacetField::Principle, "principles"),
    (FacetField::Region, "regions"),
    (FacetField::Country, "countries"),
    (FacetField::Theme, "themes"),
    (FacetField::Call, "calls"),
];

/// A value is dense when at least one in `DENSE` of a segment's documents holds it: its bit set then takes no more
/// memory than its entries in the documents' lists.
const DENSE: usize = 32;
/// Hits are many when at least one in `MANY` of the segment's documents is one: a dense value's count is then
/// cheaper from its bit set (a pass over the segment's words) than from the hits' lists (an increment per hit).
const MANY: u64 = 8;

/// Lists of value ids per document: `ids[starts[doc]..starts[doc + 1]]` are the document's values, each an index
/// into `SegmentValues::names`.
#[derive(Default)]
struct Lists {
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl Lists {
    fn push(&mut self, ids: impl Iterator<Item = u32>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.ids.extend(ids);
        self.starts.push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
    }

    fn of(&self, doc: DocId) -> &[u32] {
        let at = doc as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// One segment's facet values per document: every value (`all`), and apart the rarer values (`rare`) and the dense
/// ones' bit sets (`dense`).
pub(super) struct SegmentValues {
    all: Lists,
    rare: Lists,
    dense: Vec<(u32, Bits)>,
    max_doc: u32,
    names: Vec<(FacetField, String)>,
}

impl SegmentValues {
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentValues> {
        let fast = segment.fast_fields();
        let mut names: Vec<(FacetField, String)> = Vec::new();
        // String columns: a value's id is its column's base plus its term ordinal.
        let mut texts = Vec::new();
        for (field, name) in TEXTS {
            let Some(column) = fast.str(name)? else { continue };
            let base = u32::try_from(names.len()).unwrap_or(u32::MAX);
            let mut value = String::new();
            for ord in 0..column.num_terms() as u64 {
                value.clear();
                column.ord_to_str(ord, &mut value)?;
                names.push((field, value.clone()));
            }
            texts.push((base, column));
        }
        let objectives = fast.u64("objectives")?;
        let years = fast.i64("year")?;
        let mut numbers: HashMap<(FacetField, i64), u32> = HashMap::new();
        let max_doc = segment.max_doc();
        let mut all = Lists::default();
        let mut ids = Vec::new();
        let mut number = |field: FacetField, value: i64, names: &mut Vec<(FacetField, String)>| {
            *numbers.entry((field, value)).or_insert_with(|| {
                names.push((field, value.to_string()));
                u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
            })
        };
        for doc in 0..max_doc {
            ids.clear();
            for (base, column) in &texts {
                ids.extend(column.term_ords(doc).map(|ord| base + u32::try_from(ord).unwrap_or(u32::MAX)));
            }
            for value in objectives.values_for_doc(doc) {
                ids.push(number(FacetField::Objective, i64::try_from(value).unwrap_or_default(), &mut names));
            }
            for value in years.values_for_doc(doc) {
                ids.push(number(FacetField::Year, value, &mut names));
            }
            // A facet counts documents: a value listed twice in a document (an objective reached two ways) once.
            ids.sort_unstable();
            ids.dedup();
            all.push(ids.iter().copied());
        }
        let mut held = vec![0usize; names.len()];
        all.ids.iter().for_each(|id| held[*id as usize] += 1);
        // Each dense value's place in `dense`.
        let mut at: Vec<Option<usize>> = vec![None; names.len()];
        let mut dense: Vec<(u32, Bits)> = Vec::new();
        for (id, count) in held.iter().enumerate() {
            if *count > 0 && *count * DENSE >= max_doc as usize {
                at[id] = Some(dense.len());
                dense.push((u32::try_from(id).unwrap_or(u32::MAX), Bits::new(max_doc)));
            }
        }
        let mut rare = Lists::default();
        for doc in 0..max_doc {
            let values = all.of(doc);
            rare.push(values.iter().copied().filter(|id| at[*id as usize].is_none()));
            for place in values.iter().filter_map(|id| at[*id as usize]) {
                dense[place].1.insert(doc);
            }
        }
        Ok(SegmentValues { all, rare, dense, max_doc, names })
    }

    /// How many distinct values the segment has.
    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Counts a document's values into `counts` (`len()` long).
    pub(super) fn count(&self, doc: DocId, counts: &mut [u32]) {
        for id in self.all.of(doc) {
            counts[*id as usize] += 1;
        }
    }

    /// Counts the values of every document of `hits` (`hits_len` of them) into `counts` (`len()` long).
    pub(super) fn count_all(&self, hits: &Bits, hits_len: u64, counts: &mut [u32]) {
        if hits_len * MANY < u64::from(self.max_doc) {
            hits.iter().for_each(|doc| self.count(doc, counts));
            return;
        }
        for doc in hits.iter() {
            for id in self.rare.of(doc) {
                counts[*id as usize] += 1;
            }
        }
        for (id, bits) in &self.dense {
            counts[*id as usize] += u32::try_from(bits.common(hits)).unwrap_or(u32::MAX);
        }
    }

    /// The values counted, with their counts.
    pub(super) fn named<'a>(&'a self, counts: &'a [u32]) -> impl Iterator<Item = ((FacetField, String), u32)> + 'a {
        counts.iter().zip(&self.names).filter(|(count, _)| **count > 0).map(|(count, name)| (name.clone(), *count))
    }

    /// A document's facet values.
    pub(super) fn values(&self, doc: DocId) -> Vec<(FacetField, String)> {
        self.all.of(doc).iter().map(|id| self.names[*id as usize].clone()).collect()
    }
}

/// The facet values of the segments searched, read once per segment (segments never change; deletions are kept
/// apart) and dropped with their segment.
#[derive(Default)]
pub(super) struct Tables(Mutex<HashMap<SegmentId, Arc<SegmentValues>>>);

impl Tables {
    pub(super) fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentValues>> {
        let id = segment.segment_id();
        if let Some(values) = self.0.lock().ok().and_then(|tables| tables.get(&id).cloned()) {
            return Ok(values);
        }
        // Read outside the lock: two searches may both read a new segment once; neither waits for the other.
        let values = Arc::new(SegmentValues::read(segment)?);
        if let Ok(mut tables) = self.0.lock() {
            tables.insert(id, values.clone());
        }
        Ok(values)
    }

    /// Forgets the segments the searcher no longer has (merged away, or deleted with a generation).
    pub(super) fn keep(&self, searcher: &tantivy::Searcher) {
        let live: Vec<SegmentId> = searcher.segment_readers().iter().map(SegmentReader::segment_id).collect();
        if let Ok(mut tables) = self.0.lock()
            && tables.len() > live.len()
        {
            tables.retain(|id, _| live.contains(id));
        }
    }
}

/// Counts facet values over every matching document.
pub(super) struct FacetCounter<'a>(pub(super) &'a Tables);

pub(super) struct SegmentFacets {
    values: Arc<SegmentValues>,
    counts: Vec<u32>,
}

pub(super) type FacetCounts = HashMap<(FacetField, String), u64>;

impl Collector for FacetCounter<'_> {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let values = self.0.of(segment)?;
        let counts = vec![0; values.len()];
        Ok(SegmentFacets { values, counts })
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
        self.values.count(doc, &mut self.counts);
    }

    fn harvest(self) -> FacetCounts {
        self.values.named(&self.counts).map(|(name, count)| (name, u64::from(count))).collect()
    }
}
