//! The tantivy queries of a search: the words (with typos, prefixes, stems and synonyms) ranked as Meilisearch ranks
//! them, and the filters.

use super::SearchQuery;
use super::language::{self, Analyzed, Form, Slot, typos};
use super::schema::Fields;
use crate::domain::kind::names;
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// Ranking, as Meilisearch's rules: each matched query word (or phrase) is worth `WORD`, the reader's language
/// `PREFERRED` (less than a word), and the field-weighted text score, always far below, orders the rest.
const WORD: f32 = 10_000.0;
const PREFERRED: f32 = 5_000.0;
/// Field weights, as Meilisearch's `attribute` rule ranks: a match in the title over one in the summary over one in
/// the other texts; the group's titles (other languages) least.
const TITLE: f32 = 6.0;
const SUMMARY: f32 = 3.0;
const GROUP: f32 = 0.5;

/// What a query on words is for: finding the records that match (typos forgiven, the last word as a prefix), or
/// ranking the records found, as Meilisearch's `typo` rule ranks: exact words first; for a word the index does not
/// hold (a misspelling), words one typo away. What matched only through two typos or a prefix ranks by the other
/// words, and the costly automata run once.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    Match,
    Rank,
}

/// The typed words no text of the index holds (misspellings, or words of no record).
pub(super) type Unknown = HashSet<String>;

/// A query on one word in some fields: exactly, within `typos`, and (when matching the last word) as a prefix
/// within the word's own typos.
pub(super) fn word_query(
    fields: &[(Field, f32)],
    word: &str,
    last: bool,
    typos: u8,
    purpose: Purpose,
) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, weight) in fields {
        let term = Term::from_field_text(*field, word);
        let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
        should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), *weight))));
        match purpose {
            Purpose::Rank if typos > 0 => {
                let near = FuzzyTermQuery::new(term, 1, true);
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(near), weight * 0.5))));
            }
            Purpose::Rank => {}
            Purpose::Match => {
                if typos > 0 {
                    should.push((Occur::Should, Box::new(FuzzyTermQuery::new(term.clone(), typos, true))));
                }
                if last {
                    let prefix = FuzzyTermQuery::new_prefix(term, language::typos(word), true);
                    should.push((Occur::Should, Box::new(prefix)));
                }
            }
        }
    }
    Box::new(BooleanQuery::new(should))
}

/// One form of a slot: every word of it, each as typed (in the texts) or as its stem (in the stems). Typos are
/// forgiven on the texts only: fuzzy matching over the four stem fields as well doubled the cost of a search and
/// changed almost nothing (NDCG@10 0.912 with it, 0.910 without).
fn form_query(f: &Fields, unknown: &Unknown, form: &Form, last: bool, purpose: Purpose) -> Box<dyn Query> {
    let texts = [(f.title, TITLE), (f.summary, SUMMARY), (f.body, 1.0)];
    let stems = [(f.title_stems, TITLE), (f.summary_stems, SUMMARY), (f.body_stems, 1.0), (f.group_stems, GROUP)];
    let must = form
        .words
        .iter()
        .zip(&form.stems)
        .map(|(word, stem)| {
            let forgiven = match purpose {
                Purpose::Match => typos(word),
                Purpose::Rank => u8::from(unknown.contains(word) && typos(word) > 0),
            };
            let either = BooleanQuery::new(vec![
                (Occur::Should, word_query(&texts, word, last, forgiven, purpose)),
                (Occur::Should, word_query(&stems, stem, last, 0, purpose)),
            ]);
            (Occur::Must, Box::new(either) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(must))
}

/// A slot: any of its forms (a synonym counts as the word but ranks a little below it).
fn slot_query(f: &Fields, unknown: &Unknown, slot: &Slot, purpose: Purpose) -> Box<dyn Query> {
    let forms = slot
        .forms
        .iter()
        .enumerate()
        .map(|(i, form)| {
            // Synonyms match as they are or one typo away; prefixes and second typos are for what was typed.
            let (weight, purpose) = if i == 0 { (1.0, purpose) } else { (0.8, Purpose::Rank) };
            let query = form_query(f, unknown, form, slot.last && i == 0, purpose);
            (Occur::Should, Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(forms))
}

/// The text part of a search, as Meilisearch's `last` matching strategy ranks: records matching more of the query's
/// words (or synonym phrases) first, the reader's language next, then the field-weighted score. A record needs one
/// word to match.
pub(super) fn text_query(f: &Fields, unknown: &Unknown, query: &Analyzed, preferred: Option<&str>) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for slot in &query.slots {
        let matched = slot_query(f, unknown, slot, Purpose::Match);
        should.push((Occur::Should, Box::new(ConstScoreQuery::new(matched, WORD))));
        should.push((Occur::Should, slot_query(f, unknown, slot, Purpose::Rank)));
    }
    // Proximity, as Meilisearch's rule: the typed words close together in the title or summary score more.
    let typed: Vec<&String> = query.slots.iter().flat_map(|slot| &slot.typed().stems).collect();
    if typed.len() >= 2 {
        for (field, weight) in [(f.title_stems, TITLE), (f.summary_stems, SUMMARY)] {
            let terms = typed.iter().map(|stem| Term::from_field_text(field, stem)).collect();
            let mut near = PhraseQuery::new(terms);
            // Each word stands for up to four stems in place, so words a few positions apart are neighbours.
            near.set_slop(u32::try_from(typed.len() * 4).unwrap_or(u32::MAX));
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(near), weight))));
        }
    }
    let matched: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    let Some(code) = preferred else { return matched };
    let language = TermQuery::new(Term::from_field_text(f.primary_language, code), IndexRecordOption::Basic);
    let bonus: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(language), PREFERRED));
    Box::new(BooleanQuery::new(vec![(Occur::Must, matched), (Occur::Should, bonus)]))
}

pub(super) fn filter_queries(f: &Fields, query: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
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
        (f.calls, &filter.calls),
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
