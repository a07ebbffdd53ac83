//! Search benchmark, side by side in one process, reported as ratios to a baseline run in the same process:
//! the engine queried directly (baseline) against the full `search` GraphQL request over the in-process HTTP stack
//! (parse, validate, engine, re-read of the hits, facet labels), and the equivalent filtered SQL list query.
//!
//! `cargo bench -p hub-tests --bench search` (embedded engine, SQLite); add `-- 20000` for the number of synthetic
//! practices (default 10,000), and `TEST_MEILISEARCH_URL`/`TEST_MEILISEARCH_API_KEY` to bench Meilisearch instead. The shared
//! response cache is off: every request does its work (the load benchmark measures the cache).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use hub::domain::filter::ContentFilter;
use hub::index::SearchQuery;
use hub::jobs::relay;
use hub_tests::TestApp;
use serde_json::json;
use std::time::{Duration, Instant};

const ROUNDS: usize = 41;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

async fn time<F, Fut>(mut run: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    run().await; // warm-up
    let mut samples = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        run().await;
        samples.push(started.elapsed());
    }
    median(samples)
}

#[actix_web::main]
async fn main() {
    let count: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let app = TestApp::with(|config| {
        config.response_cache_mb = 0;
        config.cost_per_minute = 0;
        if let Ok(url) = std::env::var("TEST_MEILISEARCH_URL") {
            config.meilisearch_url = Some(url);
            config.meilisearch_index = "hub_bench".into();
            config.meilisearch_api_key = std::env::var("TEST_MEILISEARCH_API_KEY").ok().map(|key| key.parse().unwrap());
        }
    })
    .await
    .unwrap();
    app.state.search.prepare().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::seed::synthetic::generate(app.db(), count, 7, &hub::progress::Silent).await.unwrap();
    let indexing = Instant::now();
    relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    eprintln!(
        "indexed {count} synthetic practices + the demo corpus in {:.1?} ({})",
        indexing.elapsed(),
        app.state.search.name()
    );

    let engine = app.state.search.clone();
    let cases = [
        ("text", "detention children", None),
        ("typo", "detension", None),
        ("text + objective filter", "migrants", Some(13)),
        ("empty query (facets over everything)", "", None),
    ];
    println!("| case | engine direct (baseline) | GraphQL `search` over HTTP | ratio | SQL list query (same filter) |");
    println!("|---|---|---|---|---|");
    for (name, text, objective) in cases {
        let filter = ContentFilter { objectives: objective.map(|o| vec![o]), ..ContentFilter::default() };
        let query = SearchQuery { filter, limit: 20, ..SearchQuery::text(text) };
        let direct = time(|| {
            let (engine, query) = (engine.clone(), query.clone());
            async move {
                engine.search(&query).await.unwrap();
            }
        })
        .await;
        let graphql = "query($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, first: 20) { totalCount edges { highlights { field snippet } node { ... on Practice { id title } } } facets { field values { value label count } } } }";
        let variables = json!({ "q": text, "f": { "objectives": objective.map(|o| vec![o]) } });
        let over_http = time(|| async {
            let body = app.graphql(graphql, variables.clone()).await;
            assert!(body.get("errors").is_none(), "{body}");
        })
        .await;
        let list = "query($f: PracticeFilter) { practices(first: 20, filter: $f) { totalCount nodes { id title } } }";
        let list_variables = json!({ "f": { "objectives": objective.map(|o| vec![o]) } });
        let sql = time(|| async {
            app.graphql(list, list_variables.clone()).await;
        })
        .await;
        println!(
            "| {name} | {direct:.2?} | {over_http:.2?} | {:.2}x | {sql:.2?} |",
            over_http.as_secs_f64() / direct.as_secs_f64()
        );
    }
}
