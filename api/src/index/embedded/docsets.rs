//! Sets of a segment's documents: the bit sets a search's words are read into, and the sets each leaf of them (a
//! term, or the terms a typo or prefix automaton accepts) matches, remembered across searches as Lucene's query cache
//! remembers filters per segment.
//!
//! A segment never changes (deletions are kept apart, and the hits leave them out), so what a leaf matches in it holds
//! as long as the segment does: nothing is ever stale, and no epoch is needed. Searches repeat words far more often
//! than whole queries, and a leaf not remembered is most of a search's cost: walking a two-typo automaton over a term
//! dictionary, or reading every posting of a common word. The most used leaves are kept within `BYTES` (moka's
//! TinyLFU: a leaf seen once does not push out one seen often), each as a list of documents when it holds few and a
//! bit set when it holds many; a segment merged away takes its leaves with it. So are the counts of the documents
//! holding a term, which a search reads for every word and alternative it weighs.

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, InvertedIndexReader, SegmentReader, Term};

/// The memory the remembered leaves may take, per index generation.
const BYTES: u64 = 32 << 20;
/// The terms whose counts are remembered, per index generation (each a few dozen bytes).
const TERMS: u64 = 100_000;

/// A set of a segment's documents.
#[derive(Clone)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn new(max_doc: u32) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    pub(super) fn insert(&mut self, doc: DocId) {
        self.0[doc as usize / 64] |= 1 << (doc % 64);
    }

    pub(super) fn remove(&mut self, doc: DocId) {
        self.0[doc as usize / 64] &= !(1 << (doc % 64));
    }

    pub(super) fn contains(&self, doc: DocId) -> bool {
        self.0.get(doc as usize / 64).is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// Adds every document of `other` (a set of the same segment).
    pub(super) fn union(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(word, other)| *word |= other);
    }

    /// Keeps only the documents `other` holds too.
    pub(super) fn intersect(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(word, other)| *word &= other);
    }

    pub(super) fn len(&self) -> u64 {
        self.0.iter().map(|word| u64::from(word.count_ones())).sum()
    }

    /// How many documents both sets hold (`other` of the same segment).
    pub(super) fn common(&self, other: &Bits) -> u64 {
        self.0.iter().zip(&other.0).map(|(word, other)| u64::from((word & other).count_ones())).sum()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, word)| {
            let base = u32::try_from(i * 64).unwrap_or(u32::MAX);
            let mut rest = *word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    base + bit
                })
            })
        })
    }
}

/// A term in a field, or the terms an automaton accepts there; equal leaves match the same documents of a segment.
#[derive(PartialEq, Eq, Hash)]
pub(super) enum Leaf {
    Term(Term),
    Automaton(Field, Arc<Automaton>),
}

impl Leaf {
    /// The same leaf, without its automaton built (to be remembered by).
    fn bare(&self) -> Leaf {
        match self {
            Leaf::Term(term) => Leaf::Term(term.clone()),
            Leaf::Automaton(field, automaton) => {
                Leaf::Automaton(*field, Arc::new(Automaton::new(&automaton.word, automaton.distance, automaton.prefix)))
            }
        }
    }
}

/// The words within `distance` typos of `word` (or starting so, as a `prefix`); its Levenshtein automaton over a term
/// dictionary (as tantivy's `FuzzyTermQuery` builds it: transpositions cost one) is built on first use.
pub(super) struct Automaton {
    word: String,
    distance: u8,
    prefix: bool,
    dfa: OnceLock<Dfa>,
}

impl Automaton {
    pub(super) fn new(word: &str, distance: u8, prefix: bool) -> Automaton {
        Automaton { word: word.to_string(), distance: distance.min(2), prefix, dfa: OnceLock::new() }
    }

    fn dfa(&self) -> &Dfa {
        self.dfa.get_or_init(|| {
            static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
                [OnceLock::new(), OnceLock::new(), OnceLock::new()];
            let builder = BUILDERS[usize::from(self.distance)]
                .get_or_init(|| LevenshteinAutomatonBuilder::new(self.distance, true));
            Dfa(if self.prefix { builder.build_prefix_dfa(&self.word) } else { builder.build_dfa(&self.word) })
        })
    }
}

impl PartialEq for Automaton {
    fn eq(&self, other: &Self) -> bool {
        (&self.word, self.distance, self.prefix) == (&other.word, other.distance, other.prefix)
    }
}

impl Eq for Automaton {}

impl std::hash::Hash for Automaton {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.word, self.distance, self.prefix).hash(state);
    }
}

/// A Levenshtein automaton over a term dictionary.
struct Dfa(DFA);

impl tantivy_fst::Automaton for Dfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// What a leaf matches in a segment, as remembered: a list when it is smaller than the segment's bit set.
enum Docs {
    Few(Vec<DocId>),
    Many(Bits),
}

impl Docs {
    fn of(bits: Bits) -> Docs {
        // A document costs 32 bits in a list; the bit set costs one bit per document of the segment.
        let few = bits.len() * 32 < bits.0.len() as u64 * 64;
        if few { Docs::Few(bits.iter().collect()) } else { Docs::Many(bits) }
    }

    fn add_to(&self, bits: &mut Bits) {
        match self {
            Docs::Few(docs) => docs.iter().for_each(|doc| bits.insert(*doc)),
            Docs::Many(many) => bits.union(many),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Docs::Few(docs) => docs.len() * 4,
            Docs::Many(bits) => bits.0.len() * 8,
        }
    }
}

/// The caches' hasher: a search looks up hundreds of terms, and SipHash's cost showed in its profile; foldhash is
/// seeded per cache, so crafted words cannot aim at one bucket.
type Hasher = foldhash::fast::RandomState;

/// What one index generation's segments answered: the documents of leaves, and how many documents hold a term.
pub(super) struct Remembered {
    leaves: moka::sync::Cache<(SegmentId, Arc<Leaf>), Arc<Docs>, Hasher>,
    doc_freqs: moka::sync::Cache<(SegmentId, Term), u32, Hasher>,
    /// The segments searched last, to forget once what was remembered of those merged away.
    segments: Mutex<Vec<SegmentId>>,
}

impl Default for Remembered {
    fn default() -> Remembered {
        let leaves = moka::sync::Cache::builder()
            .max_capacity(BYTES)
            .weigher(|_, docs: &Arc<Docs>| u32::try_from(docs.bytes() + 64).unwrap_or(u32::MAX))
            .support_invalidation_closures()
            .build_with_hasher(Hasher::default());
        let doc_freqs = moka::sync::Cache::builder()
            .max_capacity(TERMS)
            .support_invalidation_closures()
            .build_with_hasher(Hasher::default());
        Remembered { leaves, doc_freqs, segments: Mutex::new(Vec::new()) }
    }
}

impl Remembered {
    /// Adds to `bits` the segment's documents a leaf matches (deleted ones too: the hits leave them out).
    pub(super) fn add(&self, leaf: &Arc<Leaf>, segment: &SegmentReader, bits: &mut Bits) -> tantivy::Result<()> {
        let key = (segment.segment_id(), leaf.clone());
        if let Some(docs) = self.leaves.get(&key) {
            docs.add_to(bits);
            return Ok(());
        }
        let mut own = Bits::new(segment.max_doc());
        read_leaf(leaf, segment, &mut own)?;
        let docs = Docs::of(own);
        docs.add_to(bits);
        // Remembered under a key without the automaton built: the bound counts documents, not automata.
        self.leaves.insert((key.0, Arc::new(leaf.bare())), Arc::new(docs));
        Ok(())
    }

    /// How many of the segment's documents hold `term` (deleted ones included, as tantivy counts).
    pub(super) fn doc_freq(&self, segment: &SegmentReader, term: &Term) -> tantivy::Result<u32> {
        let key = (segment.segment_id(), term.clone());
        if let Some(count) = self.doc_freqs.get(&key) {
            return Ok(count);
        }
        let count = segment.inverted_index(term.field())?.doc_freq(term)?;
        self.doc_freqs.insert(key, count);
        Ok(count)
    }

    /// Forgets what was remembered of segments the searcher no longer has (merged away), once per change of
    /// segments.
    pub(super) fn keep(&self, searcher: &tantivy::Searcher) {
        let live: Vec<SegmentId> = searcher.segment_readers().iter().map(SegmentReader::segment_id).collect();
        let Ok(mut known) = self.segments.lock() else { return };
        if *known == live {
            return;
        }
        let gone: Arc<Vec<SegmentId>> = Arc::new(known.iter().filter(|id| !live.contains(id)).copied().collect());
        *known = live;
        if !gone.is_empty() {
            // Only fails when invalidation closures are not enabled, which the builders do.
            let of_gone = gone.clone();
            let _ = self.leaves.invalidate_entries_if(move |(segment, _), _| of_gone.contains(segment));
            let _ = self.doc_freqs.invalidate_entries_if(move |(segment, _), _| gone.contains(segment));
        }
    }

    /// How many leaves are remembered (after pending work settles).
    #[cfg(test)]
    pub(super) fn len(&self) -> u64 {
        self.leaves.run_pending_tasks();
        self.leaves.entry_count()
    }
}

/// Reads the segment's documents a leaf matches into `bits`: each term's postings, without frequencies, straight
/// into the set (no scorer, no union to merge them).
fn read_leaf(leaf: &Leaf, segment: &SegmentReader, bits: &mut Bits) -> tantivy::Result<()> {
    match leaf {
        Leaf::Term(term) => {
            let index = segment.inverted_index(term.field())?;
            if let Some(info) = index.get_term_info(term)? {
                read(&index, &info, bits)?;
            }
        }
        Leaf::Automaton(field, automaton) => {
            let index = segment.inverted_index(*field)?;
            let mut terms = index.terms().search(automaton.dfa()).into_stream()?;
            while terms.advance() {
                read(&index, terms.value(), bits)?;
            }
        }
    }
    Ok(())
}

fn read(index: &InvertedIndexReader, info: &TermInfo, bits: &mut Bits) -> tantivy::Result<()> {
    let mut postings = index.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    loop {
        let docs = postings.docs();
        if docs.is_empty() {
            return Ok(());
        }
        docs.iter().for_each(|doc| bits.insert(*doc));
        postings.advance();
    }
}
