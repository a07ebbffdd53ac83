//! Relevance evaluation: the judged queries of `tests/relevance/judgments.json` run through the real `search` query
//! (GraphQL over the in-process HTTP stack) on a demo hub, scored with NDCG@10 and recall@20. Used by the
//! `relevance` bench (scores per query, side by side for each engine) and by the floor test.

use crate::{SearchLeg, TestApp};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

const JUDGMENTS: &str = include_str!("../relevance/judgments.json");
/// The depth NDCG is measured at, and the depth of recall.
pub const NDCG_AT: usize = 10;
pub const RECALL_AT: usize = 20;

#[derive(Debug, Deserialize)]
pub struct Judged {
    pub id: String,
    pub query: String,
    /// Record slug → grade (1 to 3); unlisted records are 0.
    pub grades: HashMap<String, u8>,
}

/// A record judged for `related`: the records a reader of it would want next.
#[derive(Debug, Deserialize)]
pub struct JudgedRelated {
    pub slug: String,
    pub related: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    queries: Vec<Judged>,
    related: Vec<JudgedRelated>,
}

fn file() -> File {
    serde_json::from_str::<File>(JUDGMENTS).expect("tests/relevance/judgments.json parses")
}

/// The judged queries.
pub fn judged() -> Vec<Judged> {
    file().queries
}

/// The records judged for `related`.
pub fn judged_related() -> Vec<JudgedRelated> {
    file().related
}

/// The depth `related` is judged at.
pub const RELATED_AT: usize = 5;

/// How one query did.
#[derive(Debug, Clone)]
pub struct Scored {
    pub id: String,
    pub query: String,
    /// `None` for a query no record answers.
    pub ndcg: Option<f64>,
    pub recall: Option<f64>,
    /// How many records the engine returned (all pages).
    pub total: i64,
    /// The first slugs returned, best first, with their grades.
    pub ranking: Vec<(String, u8)>,
}

/// The means over the queries that have answers, and how many queries without one returned nothing.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub ndcg: f64,
    pub recall: f64,
    pub answered: usize,
    pub unanswerable: usize,
    pub unanswerable_empty: usize,
    /// Queries with an answer that returned nothing at all.
    pub answered_empty: usize,
}

/// The kinds of judged query, by id prefix, for reports.
pub const KINDS: [(&str, &[&str]); 4] =
    [("keywords", &["en-", "fr-", "es-"]), ("questions", &["q-"]), ("other language", &["x-"]), ("acronyms", &["a-"])];

fn dcg(grades: &[u8]) -> f64 {
    grades.iter().enumerate().map(|(i, g)| (2f64.powi(i32::from(*g)) - 1.0) / ((i + 2) as f64).log2()).sum()
}

/// NDCG@k of a ranking (slugs, best first) against the grades; `None` when nothing is relevant.
pub fn ndcg(ranking: &[String], grades: &HashMap<String, u8>, k: usize) -> Option<f64> {
    let mut ideal: Vec<u8> = grades.values().copied().filter(|g| *g > 0).collect();
    if ideal.is_empty() {
        return None;
    }
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(k);
    let got: Vec<u8> = ranking.iter().take(k).map(|slug| grades.get(slug).copied().unwrap_or(0)).collect();
    Some(dcg(&got) / dcg(&ideal))
}

/// The share of the relevant records (grade 1 or more) in the first `k`; `None` when nothing is relevant.
pub fn recall(ranking: &[String], grades: &HashMap<String, u8>, k: usize) -> Option<f64> {
    let relevant = grades.values().filter(|g| **g > 0).count();
    if relevant == 0 {
        return None;
    }
    let found = ranking.iter().take(k).filter(|slug| grades.get(*slug).is_some_and(|g| *g > 0)).count();
    Some(found as f64 / relevant as f64)
}

const SEARCH: &str = r#"query($q: String!, $first: Int) { search(query: $q, first: $first) { totalCount
    nodes { ... on Practice { slug } ... on GuidanceTool { slug } ... on PeerExchange { slug } ... on ReviewSubmission { slug } } } }"#;

/// A demo hub on this leg's engine, its index up to date.
pub async fn demo_hub(leg: &SearchLeg) -> TestApp {
    let app = TestApp::with(|config| {
        leg.configure(config);
        // The evaluation sends many queries in a row: no budget gets in its way.
        config.cost_per_minute = 0;
    })
    .await
    .unwrap();
    app.state.search.prepare().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    app
}

/// Runs every judged query on the hub and scores it.
pub async fn evaluate(app: &TestApp) -> Vec<Scored> {
    let mut scored = Vec::new();
    for judged in judged() {
        let body = app.graphql(SEARCH, json!({ "q": judged.query, "first": RECALL_AT })).await;
        assert!(body.get("errors").is_none(), "{}: {body}", judged.id);
        let search = &body["data"]["search"];
        let ranking: Vec<String> = search["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|node| node["slug"].as_str().map(str::to_string))
            .collect();
        scored.push(Scored {
            ndcg: ndcg(&ranking, &judged.grades, NDCG_AT),
            recall: recall(&ranking, &judged.grades, RECALL_AT),
            total: search["totalCount"].as_i64().unwrap_or_default(),
            ranking: ranking.iter().map(|slug| (slug.clone(), judged.grades.get(slug).copied().unwrap_or(0))).collect(),
            id: judged.id,
            query: judged.query,
        });
    }
    scored
}

/// How `related` did for one judged record: its first records and the share of them judged related.
#[derive(Debug, Clone)]
pub struct RelatedScored {
    pub slug: String,
    pub precision: f64,
    pub returned: Vec<(String, bool)>,
}

const RELATED: &str = r#"query($slug: String!, $first: Int) {
    practice(slug: $slug) { related(first: $first) { ...slug } }
    guidanceTool(slug: $slug) { related(first: $first) { ...slug } }
    peerExchange(slug: $slug) { related(first: $first) { ...slug } } }
    fragment slug on SearchNode { ... on Practice { slug } ... on GuidanceTool { slug } ... on PeerExchange { slug }
    ... on ReviewSubmission { slug } }"#;

/// Asks `related(first: 5)` of every judged record: precision@5 is the share of the five judged related (fewer than
/// five returned count as misses).
pub async fn evaluate_related(app: &TestApp) -> Vec<RelatedScored> {
    let mut scored = Vec::new();
    for judged in judged_related() {
        let body = app.graphql(RELATED, json!({ "slug": judged.slug, "first": RELATED_AT })).await;
        assert!(body.get("errors").is_none(), "{}: {body}", judged.slug);
        let record = ["practice", "guidanceTool", "peerExchange"]
            .iter()
            .find_map(|field| body["data"][*field].as_object())
            .unwrap_or_else(|| panic!("{} is no published record", judged.slug));
        let returned: Vec<(String, bool)> = record["related"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|node| node["slug"].as_str())
            .map(|slug| (slug.to_string(), judged.related.iter().any(|r| r == slug)))
            .collect();
        let hits = returned.iter().filter(|(_, related)| *related).count();
        scored.push(RelatedScored { precision: hits as f64 / RELATED_AT as f64, returned, slug: judged.slug });
    }
    scored
}

/// The mean precision@5 of `related`.
pub fn related_precision(scored: &[RelatedScored]) -> f64 {
    scored.iter().map(|s| s.precision).sum::<f64>() / scored.len().max(1) as f64
}

pub fn summary(scored: &[Scored]) -> Summary {
    let answered: Vec<&Scored> = scored.iter().filter(|s| s.ndcg.is_some()).collect();
    let mean = |value: fn(&Scored) -> Option<f64>| {
        answered.iter().filter_map(|s| value(s)).sum::<f64>() / answered.len().max(1) as f64
    };
    let unanswerable: Vec<&Scored> = scored.iter().filter(|s| s.ndcg.is_none()).collect();
    Summary {
        ndcg: mean(|s| s.ndcg),
        recall: mean(|s| s.recall),
        answered: answered.len(),
        unanswerable: unanswerable.len(),
        unanswerable_empty: unanswerable.iter().filter(|s| s.total == 0).count(),
        answered_empty: answered.iter().filter(|s| s.total == 0).count(),
    }
}

/// Scores as JSON, for a report.
pub fn as_json(scored: &[Scored]) -> Value {
    json!(scored.iter().map(|s| json!({ "id": s.id, "ndcg": s.ndcg, "recall": s.recall })).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_and_recall_follow_their_definitions() {
        let grades: HashMap<String, u8> = [("a".to_string(), 3), ("b".to_string(), 1)].into();
        let ranking = |slugs: &[&str]| slugs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(ndcg(&ranking(&["a", "b"]), &grades, 10), Some(1.0));
        let swapped = ndcg(&ranking(&["b", "a"]), &grades, 10).unwrap();
        assert!((swapped - (1.0 + 7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2())).abs() < 1e-9);
        assert_eq!(ndcg(&ranking(&["x"]), &grades, 10), Some(0.0));
        assert_eq!(recall(&ranking(&["x", "b"]), &grades, 20), Some(0.5));
        assert_eq!(ndcg(&ranking(&["x"]), &HashMap::new(), 10), None);
    }

    #[test]
    fn the_judged_set_is_large_enough_and_names_real_records() {
        let queries = judged();
        assert!(queries.len() >= 40);
        let demo: Value = serde_json::from_str(include_str!("../../api/src/seed/demo.json")).unwrap();
        let published: Vec<&str> = ["practices", "guidance_tools", "peer_exchanges"]
            .iter()
            .flat_map(|kind| demo[*kind].as_array().unwrap())
            .filter(|record| record["status"] == "PUBLISHED")
            .map(|record| record["slug"].as_str().unwrap())
            .collect();
        for query in &queries {
            for (slug, grade) in &query.grades {
                assert!(published.contains(&slug.as_str()), "{}: {slug} is not a published demo record", query.id);
                assert!((1..=3).contains(grade), "{}: grades are 1 to 3", query.id);
            }
        }
        for language in ["en-", "fr-", "es-"] {
            assert!(queries.iter().any(|q| q.id.starts_with(language)));
        }
        assert!(queries.iter().any(|q| q.grades.is_empty()), "some queries have no answer");
        let mut ids: Vec<&str> = queries.iter().map(|q| q.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), queries.len(), "query ids are unique");
        let related = judged_related();
        assert!(related.len() >= 6);
        for judged in &related {
            assert!(published.contains(&judged.slug.as_str()), "{} is not a published demo record", judged.slug);
            assert!(judged.related.len() >= RELATED_AT, "{}: precision@5 needs five related records", judged.slug);
            for slug in &judged.related {
                assert!(published.contains(&slug.as_str()), "{}: {slug} is not a published demo record", judged.slug);
                assert_ne!(slug, &judged.slug);
            }
        }
    }
}
