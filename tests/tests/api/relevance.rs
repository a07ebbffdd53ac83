//! Relevance cannot silently regress: the judged queries of `tests/relevance/judgments.json`, run through the real
//! `search` query on the demo corpus, must keep each engine's mean NDCG@10 and recall@20 at their measured values
//! minus 0.02, every query with an answer must return something, and `related` must keep its precision@5
//! (`cargo bench -p hub-tests --bench relevance` prints them per query). Meilisearch's floors hold where it runs (see
//! `hub_tests::search_legs`).

use hub_tests::relevance;

/// An engine's measured figures minus 0.02: mean NDCG@10, mean recall@20, `related` precision@5.
struct Floors {
    ndcg: f64,
    recall: f64,
    related: f64,
}

/// Measured with `cargo bench -p hub-tests --bench relevance` (0.911, 0.938 and 0.800), minus 0.02.
const EMBEDDED: Floors = Floors { ndcg: 0.891, recall: 0.918, related: 0.780 };
/// Meilisearch 1.50, measured the same way (0.855, 0.859 and 0.725), minus 0.02.
const MEILISEARCH: Floors = Floors { ndcg: 0.835, recall: 0.839, related: 0.705 };

#[actix_web::test]
async fn the_embedded_engine_keeps_its_relevance() {
    keeps_its_relevance("embedded", &EMBEDDED).await;
}

#[actix_web::test]
async fn meilisearch_keeps_its_relevance() {
    keeps_its_relevance("meilisearch", &MEILISEARCH).await;
}

async fn keeps_its_relevance(engine: &str, floors: &Floors) {
    let legs = hub_tests::search_legs();
    let Some(leg) = legs.iter().find(|leg| leg.name == engine) else {
        eprintln!("\n*** SKIPPED: {engine}'s relevance floors: no {engine} leg in this run (see above). ***\n");
        return;
    };
    let app = relevance::demo_hub(leg).await;
    let scored = relevance::evaluate(&app).await;
    let summary = relevance::summary(&scored);
    let worst: Vec<String> = scored
        .iter()
        .filter(|s| s.ndcg.is_some_and(|n| n < 0.5))
        .map(|s| format!("{} {:.2} ({})", s.id, s.ndcg.unwrap_or_default(), s.query))
        .collect();
    let related = relevance::evaluate_related(&app).await;
    // `HUB_RELEVANCE_REPORT=1 cargo nextest run -E 'test(keeps_its_relevance)' --no-capture`: the figures at a glance,
    // without the release build the bench needs.
    if std::env::var_os("HUB_RELEVANCE_REPORT").is_some() {
        for s in &scored {
            eprintln!(
                "{:10} {:>5} {:>3} hits  {}",
                s.id,
                s.ndcg.map_or("–".into(), |n| format!("{n:.3}")),
                s.total,
                s.query
            );
        }
        for (kind, prefixes) in relevance::KINDS {
            let of_kind: Vec<_> =
                scored.iter().filter(|s| prefixes.iter().any(|p| s.id.starts_with(p))).cloned().collect();
            let s = relevance::summary(&of_kind);
            eprintln!("{engine}, {kind}: {} queries, NDCG@10 {:.3}, recall@20 {:.3}", s.answered, s.ndcg, s.recall);
        }
        eprintln!(
            "{engine}, all: NDCG@10 {:.3}, recall@20 {:.3}; related precision@5 {:.3}",
            summary.ndcg,
            summary.recall,
            relevance::related_precision(&related)
        );
    }
    assert!(
        summary.ndcg >= floors.ndcg,
        "{engine}: mean NDCG@10 {:.3} fell below {}; weakest queries: {worst:#?}",
        summary.ndcg,
        floors.ndcg
    );
    assert!(
        summary.recall >= floors.recall,
        "{engine}: mean recall@20 {:.3} fell below {}",
        summary.recall,
        floors.recall
    );
    assert_eq!(summary.answered_empty, 0, "{engine}: a query with an answer returned nothing: {worst:#?}");
    let precision = relevance::related_precision(&related);
    assert!(
        precision >= floors.related,
        "{engine}: related precision@5 {precision:.3} fell below {}: {related:#?}",
        floors.related
    );
}
