//! The tiered ranking (`rank`) against the reference, scoring every hit with the whole query (`query::text_query`):
//! the same hits, count and facets, and pages in the reference's order, on a corpus built to tie and to straddle
//! tiers.

use super::query::{Unknown, language_query, rank_query, slot_match};
use super::{FacetCounter, Generation, Inner, SearchQuery};
use crate::domain::filter::ContentFilter;
use crate::index::language::analyze;
use crate::index::{SearchDocument, SearchSort};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

const TITLES: &[&str] = &[
    "Alternatives to detention for children",
    "Community case management for children on the move",
    "Firewalls between health services and immigration enforcement",
    "Skills recognition for migrant workers",
    "Consular assistance hotlines for migrant workers",
    "Détention des enfants migrants",
    "Alternativas a la detención de niños",
    "Reintegration grants for returnees",
    "Ethical recruitment monitoring",
];
const SUMMARIES: &[&str] = &[
    "Children in detention were released to family-based care.",
    "Health care without reporting to immigration.",
    "Recruitment costs paid by workers fell sharply.",
    "Des enfants ont quitté la détention.",
    "Los trabajadores migrantes recibieron asistencia.",
    "Participants obtained documents within weeks.",
];

fn corpus() -> Vec<SearchDocument> {
    let mut rng = StdRng::seed_from_u64(25);
    (0..2_500)
        .map(|i| {
            let title = TITLES.choose(&mut rng).copied().unwrap_or_default();
            let summary = SUMMARIES.choose(&mut rng).copied().unwrap_or_default();
            let language = ["en", "en", "fr", "es"].choose(&mut rng).copied().unwrap_or("en");
            SearchDocument {
                id: i,
                kind: "PRACTICE".into(),
                group: format!("g{}", i / 2),
                title: title.into(),
                summary: summary.into(),
                body: String::new(),
                title_stems: crate::index::language::stems(title),
                summary_stems: crate::index::language::stems(summary),
                body_stems: String::new(),
                group_stems: String::new(),
                language: language.into(),
                year: Some(rng.random_range(2015..2024)),
                objectives: vec![rng.random_range(1..24), rng.random_range(1..24)],
                principles: vec![],
                regions: vec![["africa", "europe", "lac"].choose(&mut rng).copied().unwrap_or("africa").into()],
                countries: vec![],
                themes: vec![],
                calls: vec![],
                organizations: vec![],
                published_at: i,
                updated_at: i,
            }
        })
        .collect()
}

/// Ranking, as Meilisearch's rules, in one score: each matched query word (or phrase) is worth `WORD`, the
/// reader's language `PREFERRED` (less than a word), and the text score, always far below, orders the rest.
const WORD: f32 = 10_000.0;
const PREFERRED: f32 = 5_000.0;

/// The reference: every hit scored with the whole query.
fn reference(generation: &Generation, query: &SearchQuery, unknown: &Unknown) -> BooleanQuery {
    let f = &generation.fields;
    let slots: Vec<(Occur, Box<dyn Query>)> = query
        .text
        .slots
        .iter()
        .map(|slot| {
            (Occur::Should, Box::new(ConstScoreQuery::new(slot_match(f, unknown, slot), WORD)) as Box<dyn Query>)
        })
        .collect();
    // The slots decide the hits; the text score only ranks them (it also reads the words of alternative phrases).
    let text: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(slots))), (Occur::Should, rank_query(f, unknown, &query.text))];
    let mut clauses = super::filter_queries(f, query);
    clauses.push((Occur::Must, Box::new(BooleanQuery::new(text))));
    if let Some(code) = query.preferred_language {
        clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(language_query(f, code), PREFERRED))));
    }
    BooleanQuery::new(clauses)
}

#[test]
fn tiers_rank_as_scoring_every_hit_does() {
    let dir = std::env::temp_dir().join(format!("hub-rank-{}", std::process::id()));
    let generation = Generation::open(&dir, "g0").unwrap();
    // Two writes: two segments, and a deleted document.
    let documents = corpus();
    generation.upsert(&documents[..1_200]).unwrap();
    generation.upsert(&documents[1_200..]).unwrap();
    generation.delete(&[3, 1_500]).unwrap();
    let searcher = generation.reader.searcher();
    let mut cases = 0;
    for text in [
        "detention children",
        "children",
        "migrant workers",
        "health immigration",
        "détention enfants",
        "chidlren",
        "recruit",
        "alternatives to detention",
        "ATD",
        "workers children returnees",
    ] {
        for preferred in [None, Some("fr")] {
            for objectives in [None, Some(vec![5, 13])] {
                for (offset, limit) in [(0, 20), (37, 10), (0, 700)] {
                    let query = SearchQuery {
                        text: analyze(text, preferred),
                        filter: ContentFilter { objectives: objectives.clone(), ..ContentFilter::default() },
                        sort: SearchSort::Relevance,
                        preferred_language: preferred,
                        offset,
                        limit,
                        ..SearchQuery::default()
                    };
                    check(&searcher, &generation, &query);
                    cases += 1;
                }
            }
        }
    }
    assert_eq!(cases, 120);
    assert!(generation.remembered.len() > 0, "the words' leaves are remembered");
    drop(generation);
    let _ = std::fs::remove_dir_all(dir);
}

fn check(searcher: &Searcher, generation: &Generation, query: &SearchQuery) {
    let f = &generation.fields;
    let plan = Inner::plan(&super::Statistics::new(searcher, &generation.remembered), f, query);
    let found = Inner::found(searcher, generation, query, (query.offset, query.limit), true).unwrap();
    // Again, with every leaf remembered from the first: the same hits, count and facets.
    let again = Inner::found(searcher, generation, query, (query.offset, query.limit), true).unwrap();
    assert_eq!((again.total, &again.page, &again.facets), (found.total, &found.page, &found.facets));
    let full = reference(generation, query, &plan.unknown);
    let (total, facets) = searcher.search(&full, &(Count, FacetCounter(&generation.tables))).unwrap();
    let name = format!(
        "{:?} {:?} {:?} {}+{}",
        query.text.slots.len(),
        query.preferred_language,
        query.filter.objectives,
        query.offset,
        query.limit
    );
    assert!(total > 0, "{name}: no hit");
    assert_eq!(found.total, total as u64, "{name}: the count");
    assert_eq!(found.facets, facets, "{name}: the facets");
    // The reference's scores sum constants of 10,000 in f32 (a few thousandths apart are ties there); the tiers
    // keep the text score apart. So: the same page, up to such near-ties, in the reference's order.
    let depth = query.offset + query.limit;
    let all = searcher.search(&full, &TopDocs::with_limit(total.max(1)).order_by_score()).unwrap();
    let scores: std::collections::HashMap<DocAddress, f32> =
        all.iter().map(|(score, address)| (*address, *score)).collect();
    let score = |address: DocAddress| scores.get(&address).copied().unwrap_or(f32::MIN);
    let expected: Vec<(f32, DocAddress)> = all.into_iter().take(depth).skip(query.offset).collect();
    assert_eq!(found.page.len(), expected.len(), "{name}: the page's length");
    const NEAR: f32 = 0.01;
    for (i, (address, (want, _))) in found.page.iter().zip(&expected).enumerate() {
        let got = score(*address);
        assert!((got - want).abs() <= NEAR, "{name}: hit {i} scores {got}, the reference's {want}");
    }
}
