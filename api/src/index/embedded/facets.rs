//! Facet counts over every matching document, from the fast fields, in one pass.

use super::FacetField;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts facet values over every matching document, from the fast fields.
pub(super) struct FacetCounter;

pub(super) struct SegmentFacets {
    kind: Option<StrColumn>,
    language: Option<StrColumn>,
    principles: Option<StrColumn>,
    regions: Option<StrColumn>,
    countries: Option<StrColumn>,
    themes: Option<StrColumn>,
    calls: Option<StrColumn>,
    objectives: Column<u64>,
    year: Column<i64>,
    /// Term ordinals per string facet, resolved to strings at harvest.
    ords: HashMap<(FacetField, u64), u64>,
    numbers: HashMap<(FacetField, i64), u64>,
}

pub(super) type FacetCounts = HashMap<(FacetField, String), u64>;

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
            calls: fast.str("calls")?,
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
            (FacetField::Call, &self.calls),
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
                FacetField::Call => &self.calls,
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
