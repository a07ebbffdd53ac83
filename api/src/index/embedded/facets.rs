//! Facet counts over every matching document. Each segment's facet values are read once from its fast fields into
//! flat arrays (the value ids of each document, one after the other): counting a hit is then a few array
//! increments, instead of a column lookup and a hash-map update per value.

use super::FacetField;
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

/// One segment's facet values per document: `ids[starts[doc]..starts[doc + 1]]` are the document's values, each an
/// index into `names`.
pub(super) struct SegmentValues {
    starts: Vec<u32>,
    ids: Vec<u32>,
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
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ids = Vec::new();
        let mut number = |field: FacetField, value: i64, names: &mut Vec<(FacetField, String)>| {
            *numbers.entry((field, value)).or_insert_with(|| {
                names.push((field, value.to_string()));
                u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
            })
        };
        for doc in 0..max_doc {
            starts.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
            for (base, column) in &texts {
                ids.extend(column.term_ords(doc).map(|ord| base + u32::try_from(ord).unwrap_or(u32::MAX)));
            }
            for value in objectives.values_for_doc(doc) {
                ids.push(number(FacetField::Objective, i64::try_from(value).unwrap_or_default(), &mut names));
            }
            for value in years.values_for_doc(doc) {
                ids.push(number(FacetField::Year, value, &mut names));
            }
        }
        starts.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
        Ok(SegmentValues { starts, ids, names })
    }

    fn of(&self, doc: DocId) -> &[u32] {
        let at = doc as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }

    /// How many distinct values the segment has.
    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Counts a document's values into `counts` (`len()` long).
    pub(super) fn count(&self, doc: DocId, counts: &mut [u32]) {
        for id in self.of(doc) {
            counts[*id as usize] += 1;
        }
    }

    /// The values counted, with their counts.
    pub(super) fn named<'a>(&'a self, counts: &'a [u32]) -> impl Iterator<Item = ((FacetField, String), u32)> + 'a {
        counts.iter().zip(&self.names).filter(|(count, _)| **count > 0).map(|(count, name)| (name.clone(), *count))
    }

    /// A document's facet values.
    pub(super) fn values(&self, doc: DocId) -> Vec<(FacetField, String)> {
        self.of(doc).iter().map(|id| self.names[*id as usize].clone()).collect()
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
