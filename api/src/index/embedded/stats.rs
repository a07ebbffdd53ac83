//! The index statistics one search reads, over and over, to weigh its terms (BM25) and to tell which of its words
//! and alternatives the index holds: the documents holding a term (each segment's count remembered across searches,
//! `docsets::Remembered`), and the tokens of a field and the documents of the index (read once per search). The
//! values are the searcher's own, so scores are exactly what tantivy's statistics give.

use super::docsets::Remembered;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use tantivy::query::{Bm25StatisticsProvider, EnableScoring};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

pub(super) struct Statistics<'a> {
    searcher: &'a Searcher,
    remembered: &'a Remembered,
    tokens: RefCell<HashMap<Field, u64>>,
    documents: Cell<Option<u64>>,
}

impl<'a> Statistics<'a> {
    pub(super) fn new(searcher: &'a Searcher, remembered: &'a Remembered) -> Statistics<'a> {
        Statistics { searcher, remembered, tokens: RefCell::default(), documents: Cell::new(None) }
    }

    pub(super) fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// Scoring with these statistics.
    pub(super) fn scoring(&'a self) -> EnableScoring<'a> {
        EnableScoring::enabled_from_statistics_provider(self, self.searcher)
    }

    /// Whether any document of the index holds `term` (deleted ones included, as tantivy's counts do).
    pub(super) fn holds(&self, term: &Term) -> bool {
        self.doc_freq(term).is_ok_and(|n| n > 0)
    }
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(tokens) = self.tokens.borrow().get(&field) {
            return Ok(*tokens);
        }
        let tokens = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().insert(field, tokens);
        Ok(tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(documents) = self.documents.get() {
            return Ok(documents);
        }
        let documents = self.searcher.total_num_docs()?;
        self.documents.set(Some(documents));
        Ok(documents)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut total = 0;
        for segment in self.searcher.segment_readers() {
            total += u64::from(self.remembered.doc_freq(segment, term)?);
        }
        Ok(total)
    }
}
