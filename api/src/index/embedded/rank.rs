//! A text search's hits, their count and facets, and its ranked page, at a cost that follows the page rather than
//! the hits.
//!
//! A record ranks by the query's words it matches, then by the reader's language, then by its text score
//! (`query::rank_query`), which never reaches a language's worth. So records come in tiers (words matched, then
//! language), and a page is the best tiers whole plus the best of the one tier it ends in:
//!
//! 1. One unscored pass per word (slot) reads its postings straight into a bit set per segment (`query::Matcher`);
//!    the filters give another. Their union is the hits: counted exactly, with their facets (`facets::Tables`).
//! 2. A hit's tier is read from the bit sets. Only the tier the page ends in is ranked by text; the tiers above it
//!    hold fewer records than the page and are scored one by one.
//! 3. When the text score is a sum of terms (`query::flat_terms`: one-word forms, known words; proximity, where it
//!    counts, is added on top), the page's tier is summed term by term over its own records, or, when it is most of
//!    the hits, ranked by block-max WAND: blocks of postings that cannot beat the page's last score are skipped.
//!    Otherwise its records are scored one by one with the whole text score.
//!
//! The order is the one scoring every hit with the whole query gives (the reference `tests` compares with): ties go
//! to the earlier document.

use super::docsets::{Bits, Remembered};
use super::facets::SegmentValues;
use super::query::{Matcher, Unknown, flat_terms, language_query, proximity_part, rank_query, slot_matcher};
use super::stats::Statistics;
use super::{Fields, Generation};
use crate::index::{FacetField, SearchQuery};
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentReader, TERMINATED};

/// The documents of a segment a query matches (alive ones only).
fn matching(weight: &dyn Weight, segment: &SegmentReader) -> tantivy::Result<Bits> {
    let mut bits = Bits::new(segment.max_doc());
    weight.for_each_no_score(segment, &mut |docs| docs.iter().for_each(|doc| bits.insert(*doc)))?;
    if let Some(alive) = segment.alive_bitset() {
        let dead: Vec<DocId> = bits.iter().filter(|doc| !alive.is_alive(*doc)).collect();
        dead.into_iter().for_each(|doc| bits.remove(doc));
    }
    Ok(bits)
}

/// Adds to `bits` the segment's documents a matcher matches (deleted ones too: the hits leave them out), each leaf
/// as `remembered` holds it or reads it.
fn add(matcher: &Matcher, segment: &SegmentReader, remembered: &Remembered, bits: &mut Bits) -> tantivy::Result<()> {
    match matcher {
        Matcher::Leaf(leaf) => remembered.add(leaf, segment, bits),
        Matcher::Any(children) => children.iter().try_for_each(|child| add(child, segment, remembered, bits)),
        Matcher::All(children) => {
            let mut both: Option<Bits> = None;
            for child in children {
                let mut mine = Bits::new(segment.max_doc());
                add(child, segment, remembered, &mut mine)?;
                both = Some(match both {
                    Some(mut both) => {
                        both.intersect(&mine);
                        both
                    }
                    None => mine,
                });
            }
            if let Some(both) = both {
                bits.union(&both);
            }
            Ok(())
        }
    }
}

/// One segment's hits and their tiers.
struct Segment<'a> {
    reader: &'a SegmentReader,
    /// The hits, in document order.
    hits: Vec<DocId>,
    /// Per document: 0 for no hit, else the hit's tier plus one.
    tiers: Vec<u8>,
}

impl<'a> Segment<'a> {
    /// A hit's tier is twice the words (slots) it matches, plus one in the reader's language.
    fn new(reader: &'a SegmentReader, hits: &Bits, slots: &[Bits], language: Option<&Bits>) -> Segment<'a> {
        let mut tiers = vec![0u8; reader.max_doc() as usize];
        let hits: Vec<DocId> = hits.iter().collect();
        for doc in &hits {
            let words = slots.iter().filter(|bits| bits.contains(*doc)).count();
            let tier = 2 * words + usize::from(language.is_some_and(|bits| bits.contains(*doc)));
            tiers[*doc as usize] = u8::try_from(tier + 1).unwrap_or(u8::MAX);
        }
        Segment { reader, hits, tiers }
    }

    /// A hit's tier (`None`: not a hit).
    fn tier(&self, doc: DocId) -> Option<usize> {
        self.tiers.get(doc as usize).and_then(|tier| usize::from(*tier).checked_sub(1))
    }

    /// The hits of one tier, or of the tiers above it.
    fn hits_where(&self, keep: impl Fn(usize) -> bool) -> Vec<DocId> {
        self.hits.iter().copied().filter(|doc| self.tier(*doc).is_some_and(&keep)).collect()
    }
}

/// The hits of a text search: their count, their facets, and the addresses of a page of them in rank order.
pub(super) struct Found {
    pub(super) total: u64,
    pub(super) facets: HashMap<(FacetField, String), u64>,
    pub(super) page: Vec<DocAddress>,
}

/// A candidate of the page: its tier, its text score, and where it is (earlier documents win ties).
#[derive(PartialEq)]
struct Candidate {
    tier: usize,
    score: Score,
    address: DocAddress,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    /// Better first: a higher tier, a higher score, an earlier document.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .tier
            .cmp(&self.tier)
            .then_with(|| other.score.total_cmp(&self.score))
            .then_with(|| self.address.cmp(&other.address))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Searches a generation's text ranked by relevance: `filters` (the list filters, with no text) narrow the hits;
/// `(offset, limit)` is the page; with `facets`, the facets of every hit are counted. What the words' leaves match
/// is read from (and taught to) the generation's `Remembered`.
pub(super) fn search(
    stats: &Statistics,
    generation: &Generation,
    unknown: &Unknown,
    query: &SearchQuery,
    filters: &BooleanQuery,
    (offset, limit): (usize, usize),
    facets: bool,
) -> tantivy::Result<Found> {
    let (searcher, f, remembered) = (stats.searcher(), &generation.fields, &generation.remembered);
    let facets = facets.then_some(&generation.tables);
    let unscored = EnableScoring::disabled_from_searcher(searcher);
    let slots: Vec<Matcher> = query.text.slots.iter().map(|slot| slot_matcher(f, unknown, slot)).collect();
    let filtered = (!filters.clauses().is_empty()).then(|| filters.weight(unscored)).transpose()?;
    let language = query.preferred_language.map(|code| language_query(f, code).weight(unscored)).transpose()?;
    // 1. The hits, their count and their facets.
    let mut segments = Vec::with_capacity(searcher.segment_readers().len());
    let mut total = 0u64;
    let mut counts: Vec<(Arc<SegmentValues>, Vec<u32>)> = Vec::new();
    for reader in searcher.segment_readers() {
        let mut words = Vec::with_capacity(slots.len());
        let mut hits = Bits::new(reader.max_doc());
        for slot in &slots {
            let mut bits = Bits::new(reader.max_doc());
            add(slot, reader, remembered, &mut bits)?;
            hits.union(&bits);
            words.push(bits);
        }
        // The filters, and only documents alive.
        match &filtered {
            Some(weight) => {
                hits.intersect(&matching(weight.as_ref(), reader)?);
            }
            None => {
                if let Some(alive) = reader.alive_bitset() {
                    let dead: Vec<DocId> = hits.iter().filter(|doc| !alive.is_alive(*doc)).collect();
                    dead.into_iter().for_each(|doc| hits.remove(doc));
                }
            }
        }
        let hits_len = hits.len();
        total += hits_len;
        if let Some(tables) = facets {
            let values = tables.of(reader)?;
            let mut counted = vec![0u32; values.len()];
            values.count_all(&hits, hits_len, &mut counted);
            counts.push((values, counted));
        }
        let language = language.as_ref().map(|w| matching(w.as_ref(), reader)).transpose()?;
        segments.push(Segment::new(reader, &hits, &words, language.as_ref()));
    }
    let facets = counts.iter().fold(HashMap::new(), |mut all, (values, counted)| {
        for (name, count) in values.named(counted) {
            *all.entry(name).or_default() += u64::from(count);
        }
        all
    });
    let page = page(stats, f, unknown, query, &segments, offset + limit)?;
    Ok(Found { total, facets, page: page.into_iter().skip(offset).take(limit).collect() })
}

/// The first `depth` hits in rank order.
fn page(
    stats: &Statistics,
    f: &Fields,
    unknown: &Unknown,
    query: &SearchQuery,
    segments: &[Segment],
    depth: usize,
) -> tantivy::Result<Vec<DocAddress>> {
    // 2. The tier the page ends in: the best tiers hold fewer hits than the page.
    let mut sizes: Vec<usize> = Vec::new();
    for segment in segments {
        for tier in segment.hits.iter().filter_map(|doc| segment.tier(*doc)) {
            if sizes.len() <= tier {
                sizes.resize(tier + 1, 0);
            }
            sizes[tier] += 1;
        }
    }
    let mut last = 0;
    let mut above = 0;
    for (tier, size) in sizes.iter().enumerate().rev() {
        last = tier;
        if above + size >= depth {
            break;
        }
        above += size;
    }
    let wanted = depth - above.min(depth);
    let scoring = stats.scoring();
    // The whole text's weight, built only when some hits are scored by it (building weighs every term and
    // alternative): most pages end in the best tier, and a flat text scores its page's tier term by term.
    let whole: std::cell::OnceCell<Box<dyn Weight>> = std::cell::OnceCell::new();
    let rank = || -> tantivy::Result<&dyn Weight> {
        match whole.get() {
            Some(weight) => Ok(weight.as_ref()),
            None => {
                let weight = rank_query(f, unknown, &query.text).weight(scoring)?;
                Ok(whole.get_or_init(|| weight).as_ref())
            }
        }
    };
    let mut candidates: Vec<Candidate> = Vec::with_capacity(depth);
    // The tiers above, scored one by one.
    for (ord, segment) in segments.iter().enumerate() {
        let above = segment.hits_where(|tier| tier > last);
        if !above.is_empty() {
            candidates.extend(scored(rank()?, segment, ord, &above)?);
        }
    }
    // 3. The page's tier.
    // Proximity counts only where a record holds every word: in the top tier.
    let proximity = if last / 2 == query.text.slots.len() { proximity_part(stats, f, &query.text)? } else { None };
    // Block-max WAND walks every record holding a term, in all tiers, skipping blocks: it pays when the page's tier
    // is most of the hits (as for a query of one word). A smaller tier is cheaper summed term by term over its own
    // records.
    let most = sizes.get(last).is_some_and(|size| size * 2 > sizes.iter().sum::<usize>());
    let flat = flat_terms(f, unknown, &query.text);
    tracing::debug!(tier = last, size = sizes.get(last), above, flat = flat.is_some(), most, "the page's tier");
    let proximity = proximity.map(|(query, bound)| query.weight(scoring).map(|weight| (weight, bound))).transpose()?;
    let extra = proximity.as_ref().map(|(weight, bound)| (weight.as_ref(), *bound));
    match flat {
        Some(terms) => {
            let ending = Ending { stats, segments, terms: &terms, extra, tier: last, wanted };
            candidates.extend(if most { wand(ending)? } else { summed(ending)? });
        }
        None => {
            let mut best = BinaryHeap::with_capacity(wanted + 1);
            for (ord, segment) in segments.iter().enumerate() {
                for candidate in scored(rank()?, segment, ord, &segment.hits_where(|tier| tier == last))? {
                    best.push(candidate);
                    if best.len() > wanted {
                        best.pop();
                    }
                }
            }
            candidates.extend(best);
        }
    }
    candidates.sort();
    Ok(candidates.into_iter().take(depth).map(|c| c.address).collect())
}

/// The text scores of some of a segment's hits (in document order), through the scorer's seeks.
fn scored(rank: &dyn Weight, segment: &Segment, ord: usize, docs: &[DocId]) -> tantivy::Result<Vec<Candidate>> {
    let mut scorer = rank.scorer(segment.reader, 1.0)?;
    let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs.iter().copied() {
        let at = if scorer.doc() < doc { scorer.seek(doc) } else { scorer.doc() };
        let score = if at == doc && at != TERMINATED { scorer.score() } else { 0.0 };
        let tier = segment.tier(doc).unwrap_or_default();
        out.push(Candidate { tier, score, address: DocAddress::new(segment_ord, doc) });
    }
    Ok(out)
}

/// The tier a page ends in when its text score is a sum of terms: the `wanted` best of its hits complete the page.
#[derive(Clone, Copy)]
struct Ending<'a> {
    stats: &'a Statistics<'a>,
    segments: &'a [Segment<'a>],
    terms: &'a [(tantivy::Term, f32)],
    /// A query scored on top of the terms (proximity), and the most it adds to a score.
    extra: Option<(&'a dyn Weight, Score)>,
    tier: usize,
    wanted: usize,
}

/// The best `wanted` hits of a tier whose text score is the sum of `terms` and `extra` (a query), term by term: each
/// term's scorer visits the tier's records only.
fn summed(ending: Ending) -> tantivy::Result<Vec<Candidate>> {
    let Ending { stats, segments, terms, extra, tier, wanted } = ending;
    let scoring = stats.scoring();
    let weights: Vec<Box<dyn Weight>> = terms
        .iter()
        .map(|(term, boost)| {
            let term = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            BoostQuery::new(Box::new(term), *boost).weight(scoring)
        })
        .collect::<tantivy::Result<_>>()?;
    let mut best: BinaryHeap<Candidate> = BinaryHeap::with_capacity(wanted + 1);
    for (ord, segment) in segments.iter().enumerate() {
        let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let docs = segment.hits_where(|t| t == tier);
        let mut sums = vec![0.0f32; docs.len()];
        // Each term's scorer seeks the tier's records in order (skipping the blocks between them), and scores only
        // those.
        for weight in weights.iter().map(|w| w.as_ref()).chain(extra.map(|(w, _)| w)) {
            let mut scorer = weight.scorer(segment.reader, 1.0)?;
            for (sum, doc) in sums.iter_mut().zip(&docs) {
                let at = if scorer.doc() < *doc { scorer.seek(*doc) } else { scorer.doc() };
                if at == TERMINATED {
                    break;
                }
                if at == *doc {
                    *sum += scorer.score();
                }
            }
        }
        for (score, doc) in sums.into_iter().zip(docs) {
            best.push(Candidate { tier, score, address: DocAddress::new(segment_ord, doc) });
            if best.len() > wanted {
                best.pop();
            }
        }
    }
    Ok(best.into_vec())
}

/// The best `wanted` hits of a tier whose text score is the sum of `terms` and `extra` (a query, and the most it adds
/// to a score), by block-max WAND over the terms' postings: a record is looked at only when its terms' score could
/// beat the page's last with the most `extra` adds. Hits of the tier no term scores (matched by a typo or a prefix
/// only; they hold no phrase either) score 0, and fill the rest in document order.
fn wand(ending: Ending) -> tantivy::Result<Vec<Candidate>> {
    let Ending { stats, segments, terms, extra, tier, wanted } = ending;
    if wanted == 0 {
        return Ok(Vec::new());
    }
    let clauses = terms
        .iter()
        .map(|(term, boost)| {
            let term = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(term), *boost)) as Box<dyn Query>)
        })
        .collect();
    let weight = BooleanQuery::new(clauses).weight(stats.scoring())?;
    let mut best: BinaryHeap<Candidate> = BinaryHeap::with_capacity(wanted + 1);
    let mut threshold = Score::MIN;
    // A little over the bound, so that rounding never prunes a record that could make the page.
    let slack = extra.map_or(0.0, |(_, bound)| bound * 1.001);
    for (ord, segment) in segments.iter().enumerate() {
        let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let mut extra = extra.map(|(weight, _)| weight.scorer(segment.reader, 1.0)).transpose()?;
        // Documents come in increasing order: the extra scorer only moves forward.
        let mut extra_score = |doc: DocId| {
            let Some(scorer) = extra.as_mut() else { return 0.0 };
            let at = if scorer.doc() < doc { scorer.seek(doc) } else { scorer.doc() };
            if at == doc { scorer.score() } else { 0.0 }
        };
        weight.for_each_pruning(threshold, segment.reader, &mut |doc, score| {
            if segment.tier(doc) == Some(tier) {
                let score = score + extra_score(doc);
                best.push(Candidate { tier, score, address: DocAddress::new(segment_ord, doc) });
                if best.len() > wanted {
                    best.pop();
                }
                if best.len() == wanted
                    && let Some(worst) = best.peek()
                {
                    threshold = worst.score - slack;
                }
            }
            threshold
        })?;
    }
    if best.len() < wanted {
        let found: std::collections::HashSet<DocAddress> = best.iter().map(|c| c.address).collect();
        'fill: for (ord, segment) in segments.iter().enumerate() {
            let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
            for doc in segment.hits_where(|t| t == tier) {
                let address = DocAddress::new(segment_ord, doc);
                if !found.contains(&address) {
                    best.push(Candidate { tier, score: 0.0, address });
                    if best.len() >= wanted {
                        break 'fill;
                    }
                }
            }
        }
    }
    Ok(best.into_vec())
}
