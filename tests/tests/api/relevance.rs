//! Relevance cannot silently regress: the judged queries of `tests/relevance/judgments.json`, run through the real
//! `search` query on the demo corpus, must keep the embedded engine's mean NDCG@10 and recall@20 at their measured
//! values minus 0.02, every query with an answer must return something, and `related` must keep its precision@5
//! (`cargo bench -p hub-tests --bench relevance` prints them per query and for Meilisearch).

use hub_tests::relevance;

/// Measured with `cargo bench -p hub-tests --bench relevance` (0.911, 0.938 and 0.800), minus 0.02.
const NDCG_FLOOR: f64 = 0.891;
const RECALL_FLOOR: f64 = 0.918;
const RELATED_FLOOR: f64 = 0.780;

#[actix_web::test]
async fn the_embedded_engine_keeps_its_relevance() {
    let legs = hub_tests::search_legs();
    let leg = legs.iter().find(|leg| leg.name == "embedded").unwrap();
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
            eprintln!("{kind}: {} queries, NDCG@10 {:.3}, recall@20 {:.3}", s.answered, s.ndcg, s.recall);
        }
        eprintln!(
            "all: NDCG@10 {:.3}, recall@20 {:.3}; related precision@5 {:.3}",
            summary.ndcg,
            summary.recall,
            relevance::related_precision(&related)
        );
    }
    assert!(
        summary.ndcg >= NDCG_FLOOR,
        "mean NDCG@10 {:.3} fell below {NDCG_FLOOR}; weakest queries: {worst:#?}",
        summary.ndcg
    );
    assert!(summary.recall >= RECALL_FLOOR, "mean recall@20 {:.3} fell below {RECALL_FLOOR}", summary.recall);
    assert_eq!(summary.answered_empty, 0, "a query with an answer returned nothing: {worst:#?}");
    let precision = relevance::related_precision(&related);
    assert!(precision >= RELATED_FLOOR, "related precision@5 {precision:.3} fell below {RELATED_FLOOR}: {related:#?}");
}
