//! The tantivy queries of a search: the words (with typos, prefixes, stems and synonyms) ranked as Meilisearch ranks
//! them, and the filters.

use super::SearchQuery;
use super::docsets::{Automaton, Leaf};
use super::language::{self, Analyzed, Form, Slot, typos};
use super::schema::Fields;
use super::stats::Statistics;
use crate::domain::kind::names;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::query::Bm25Weight;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// Field weights, as Meilisearch's `attribute` rule ranks: a match in the title over one in the summary over one in
/// the other texts; the group's titles (other languages) least.
const TITLE: f32 = 6.0;
const SUMMARY: f32 = 3.0;
const GROUP: f32 = 0.5;
/// A synonym counts as the word but ranks a little below it.
const SYNONYM: f32 = 0.8;

/// The texts as typed and as stems, with their weights.
fn text_fields(f: &Fields) -> [(Field, f32); 3] {
    [(f.title, TITLE), (f.summary, SUMMARY), (f.body, 1.0)]
}

fn stem_fields(f: &Fields) -> [(Field, f32); 4] {
    [(f.title_stems, TITLE), (f.summary_stems, SUMMARY), (f.body_stems, 1.0), (f.group_stems, GROUP)]
}

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
    let (texts, stems) = (text_fields(f), stem_fields(f));
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

/// What matches a slot (unscored: which records hold the word, or one of its forms).
#[cfg(test)]
pub(super) fn slot_match(f: &Fields, unknown: &Unknown, slot: &Slot) -> Box<dyn Query> {
    slot_query(f, unknown, slot, Purpose::Match)
}

/// What matches a slot, unscored, as a tree `rank` evaluates into bit sets: the slot matches when one of its forms
/// does, a form when every word of it does, a word when one field holds it, exactly as `slot_query` matches. Each
/// field asks one leaf, the widest of what `word_query` asks there: a prefix automaton holds the word's typos and the
/// word itself, a typo automaton the word itself. An automaton is built once per word, shared by its fields, and only
/// when a segment has not remembered what it matches (`docsets::Remembered`).
pub(super) enum Matcher {
    Any(Vec<Matcher>),
    All(Vec<Matcher>),
    Leaf(Arc<Leaf>),
}

pub(super) fn slot_matcher(f: &Fields, unknown: &Unknown, slot: &Slot) -> Matcher {
    let mut automata: HashMap<(String, u8, bool), Arc<Automaton>> = HashMap::new();
    let mut leaf = |field: Field, word: &str, last: bool, typos: u8, purpose: Purpose| -> Matcher {
        let mut automaton = |distance: u8, prefix: bool| {
            let shared = automata.entry((word.to_string(), distance, prefix));
            Leaf::Automaton(field, shared.or_insert_with(|| Arc::new(Automaton::new(word, distance, prefix))).clone())
        };
        Matcher::Leaf(Arc::new(match purpose {
            Purpose::Match if last => automaton(language::typos(word), true),
            Purpose::Match if typos > 0 => automaton(typos, false),
            Purpose::Rank if typos > 0 => automaton(1, false),
            _ => Leaf::Term(Term::from_field_text(field, word)),
        }))
    };
    fn pairs(form: &Form) -> impl Iterator<Item = (&String, &String)> {
        form.words.iter().zip(&form.stems)
    }
    let mut forms = Vec::with_capacity(slot.forms.len());
    for (i, form) in slot.forms.iter().enumerate() {
        // An alternative holding every word of another form of the slot matches no record that one does not
        // ("immigration detention" beside `detention`; each word is matched the same way, or more widely when the
        // other form is what was typed): the slot matches the same records without it.
        let subsumed = i > 0
            && slot.forms.iter().enumerate().any(|(j, other)| {
                j != i
                    && other.words.len() < form.words.len()
                    && pairs(other).all(|pair| pairs(form).any(|mine| mine == pair))
            });
        if subsumed {
            continue;
        }
        // Synonyms match as they are or one typo away; prefixes and second typos are for what was typed.
        let (purpose, last) = if i == 0 { (Purpose::Match, slot.last) } else { (Purpose::Rank, false) };
        let mut words = Vec::with_capacity(form.words.len());
        for (word, stem) in form.words.iter().zip(&form.stems) {
            let forgiven = match purpose {
                Purpose::Match => typos(word),
                Purpose::Rank => u8::from(unknown.contains(word) && typos(word) > 0),
            };
            let mut fields: Vec<Matcher> =
                text_fields(f).map(|(field, _)| leaf(field, word, last, forgiven, purpose)).into();
            fields.extend(stem_fields(f).map(|(field, _)| leaf(field, stem, last, 0, purpose)));
            words.push(Matcher::Any(fields));
        }
        forms.push(Matcher::All(words));
    }
    Matcher::Any(forms)
}

/// The words of a slot's form as they add to a record's text score, each with its share of the form's weight: a
/// phrase among the alternatives ("immigration detention" for `detention`) scores as its words, each at an equal share
/// of a synonym's weight. Whether the record holds the whole phrase decided that it matches the slot; scoring the
/// phrase as a conjunction would keep the ranking of the page's tier off the term-by-term paths (`flat_terms`) for
/// most queries once the glossary gives their words such phrases.
fn scored_parts(i: usize, form: &Form) -> Vec<(Form, f32)> {
    if i == 0 {
        return vec![(form.clone(), 1.0)];
    }
    let share = SYNONYM / form.words.len() as f32;
    form.words
        .iter()
        .zip(&form.stems)
        .map(|(w, s)| (Form { words: vec![w.clone()], stems: vec![s.clone()] }, share))
        .collect()
}

/// A slot: any of its forms (a synonym counts as the word but ranks a little below it). To rank, the score of each
/// of its forms' scored parts (`scored_parts`).
fn slot_query(f: &Fields, unknown: &Unknown, slot: &Slot, purpose: Purpose) -> Box<dyn Query> {
    let mut forms: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (i, form) in slot.forms.iter().enumerate() {
        // Synonyms match as they are or one typo away; prefixes and second typos are for what was typed.
        let last = slot.last && i == 0;
        let parts = match purpose {
            Purpose::Match => vec![(form.clone(), if i == 0 { 1.0 } else { SYNONYM })],
            Purpose::Rank => scored_parts(i, form),
        };
        for (part, weight) in parts {
            let purpose = if i == 0 { purpose } else { Purpose::Rank };
            let query = form_query(f, unknown, &part, last, purpose);
            forms.push((Occur::Should, Box::new(BoostQuery::new(query, weight))));
        }
    }
    Box::new(BooleanQuery::new(forms))
}

/// What a text matches, unscored (the count and the facets): the records matching any of its words (or phrases),
/// exactly the records `text_query` ranks.
pub(super) fn match_query(f: &Fields, unknown: &Unknown, query: &Analyzed) -> Box<dyn Query> {
    let slots = query.slots.iter().map(|slot| (Occur::Should, slot_query(f, unknown, slot, Purpose::Match))).collect();
    Box::new(BooleanQuery::new(slots))
}

/// A record's text score, below the words it matches and its language: the field-weighted score of each word (exact
/// words first; for a word the index does not hold, words one typo away) and proximity. It never reaches
/// a language's worth (`rank`).
pub(super) fn rank_query(f: &Fields, unknown: &Unknown, query: &Analyzed) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> =
        query.slots.iter().map(|slot| (Occur::Should, slot_query(f, unknown, slot, Purpose::Rank))).collect();
    // Proximity, as Meilisearch's rule: the typed words close together in the title or summary score more.
    should.extend(proximity(f, query).into_iter().map(|(phrase, weight)| phrase_clause(phrase, weight)));
    Box::new(BooleanQuery::new(should))
}

/// The phrases of proximity, with their weights: the typed words' stems within a few positions of each other.
fn proximity(f: &Fields, query: &Analyzed) -> Vec<(Vec<Term>, f32)> {
    let typed: Vec<&String> = query.slots.iter().flat_map(|slot| &slot.typed().stems).collect();
    if typed.len() < 2 {
        return Vec::new();
    }
    [(f.title_stems, TITLE), (f.summary_stems, SUMMARY)]
        .into_iter()
        .map(|(field, weight)| (typed.iter().map(|stem| Term::from_field_text(field, stem)).collect(), weight))
        .collect()
}

fn phrase_clause(terms: Vec<Term>, weight: f32) -> (Occur, Box<dyn Query>) {
    let slop = u32::try_from(terms.len() * 4).unwrap_or(u32::MAX);
    let mut near = PhraseQuery::new(terms);
    // Each word stands for up to four stems in place, so words a few positions apart are neighbours.
    near.set_slop(slop);
    (Occur::Should, Box::new(BoostQuery::new(Box::new(near), weight)))
}

/// The proximity part of the text score, with the most it can add to a record's (each phrase's BM25 weight: its
/// terms' idf, times `k1 + 1`, boosted), or `None` for a query of one word. Only records holding every typed word
/// can score it.
pub(super) fn proximity_part(
    stats: &Statistics,
    f: &Fields,
    query: &Analyzed,
) -> tantivy::Result<Option<(Box<dyn Query>, Score)>> {
    let phrases = proximity(f, query);
    if phrases.is_empty() {
        return Ok(None);
    }
    let mut bound = 0.0;
    for (terms, weight) in &phrases {
        bound += Bm25Weight::for_terms(stats, terms)?.boost_by(*weight).max_score();
    }
    let clauses = phrases.into_iter().map(|(terms, weight)| phrase_clause(terms, weight)).collect();
    Ok(Some((Box::new(BooleanQuery::new(clauses)), bound)))
}

/// `rank_query` less proximity as a plain sum of boosted terms, when it is one: every form of every slot a single
/// word, and no typo forgiven in ranking (every word known to the index). Such a sum is what block-max WAND prunes.
pub(super) fn flat_terms(f: &Fields, unknown: &Unknown, query: &Analyzed) -> Option<Vec<(Term, f32)>> {
    let mut terms = Vec::new();
    for slot in &query.slots {
        for (i, form) in slot.forms.iter().enumerate() {
            for (part, boost) in scored_parts(i, form) {
                let ([word], [stem]) = (part.words.as_slice(), part.stems.as_slice()) else { return None };
                if unknown.contains(word) && typos(word) > 0 {
                    return None;
                }
                terms
                    .extend(text_fields(f).map(|(field, weight)| (Term::from_field_text(field, word), weight * boost)));
                terms
                    .extend(stem_fields(f).map(|(field, weight)| (Term::from_field_text(field, stem), weight * boost)));
            }
        }
    }
    Some(terms)
}

/// The language bonus's query: records in the reader's language.
pub(super) fn language_query(f: &Fields, code: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(f.primary_language, code), IndexRecordOption::Basic))
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
