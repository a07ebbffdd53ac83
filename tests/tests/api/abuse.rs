//! Holding up under abuse: every request is priced by the cost model and paid from its client's budget (cached
//! answers included), and under two bounded attacks a cheap client keeps getting its answers while expensive work
//! is shed with 503 `SERVICE_BUSY`, never `INTERNAL`. `bench/abuse.py` measures the cheap client's latency.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use hub_tests::{TestApp, error_code as code};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The most expensive document the default limits allow in the probe's shape: 75 aliased searches, each with a
/// count and facets (9,310 points of the 10,000 one request may cost).
fn expensive_document() -> String {
    let searches: String = (0..75)
        .map(|n| format!(r#"s{n}: search(query: "m", first: 1) {{ totalCount facets {{ field }} }} "#))
        .collect();
    format!("{{ {searches} }}")
}

const CHEAP: &str = "{ practices(first: 5) { nodes { title } } }";

fn header(headers: &actix_web::http::header::HeaderMap, name: &str) -> u64 {
    headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name}"))
}

#[actix_web::test]
async fn every_answer_reports_its_cost_and_the_budget_left() {
    let app = TestApp::with(|config| {
        // A slow refill (10 points a second), so that the figures below barely move while the test runs.
        config.cost_per_minute = 600;
        config.cost_burst = 10_000;
    })
    .await
    .unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    let query = "{ practices(first: 100) { totalCount nodes { title countries { name } } } }";
    let post = |token: Option<&str>| {
        let mut request = TestRequest::post()
            .uri("/graphql")
            .peer_addr("192.0.2.7:5000".parse().unwrap())
            .set_json(json!({ "query": query }));
        if let Some(token) = token {
            request = request.insert_header(("authorization", format!("Bearer {token}")));
        }
        request
    };
    let (status, body, headers) = app.send(post(None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cost = &body["extensions"]["cost"];
    let returned = body["data"]["practices"]["nodes"].as_array().unwrap().len() as u64;
    // 10 a request; practices 1, totalCount 1 + 20, nodes 1 + 100 × (title 1 + countries 1 + name 1).
    assert_eq!(cost["requested"], 10 + 1 + 21 + 1 + 100 * 3, "{body}");
    assert_eq!(cost["actual"], 10 + 1 + 21 + 1 + returned * 3, "{body}");
    assert!(returned < 100, "{returned}");
    assert_eq!(header(&headers, "ratelimit-limit"), 10_000);
    let first = header(&headers, "ratelimit-remaining");
    assert!((9_600..=10_000 - 333).contains(&first), "{first}");
    assert!(header(&headers, "ratelimit-reset") >= 1);

    // A cached answer costs its caller the same, and reads the same: the body is shared, the budget is not.
    let (_, again, headers) = app.send(post(None)).await;
    assert_eq!(again, body, "the same body for every caller");
    let second = header(&headers, "ratelimit-remaining");
    // 333 points, less what the budget regained meanwhile (10 a second).
    assert!((300..=333).contains(&(first - second)), "{first} then {second}");
    let token = app.token("partner", "contributor");
    let (_, signed_in, headers) = app.send(post(Some(&token))).await;
    assert_eq!(signed_in["extensions"]["cost"], body["extensions"]["cost"]);
    assert!(header(&headers, "ratelimit-remaining") > second, "the partner has a budget of its own");

    // A client whose budget cannot pay is refused before anything runs.
    let expensive = expensive_document();
    let request = TestRequest::post()
        .uri("/graphql")
        .peer_addr("192.0.2.8:5000".parse().unwrap())
        .set_json(json!({ "query": expensive }));
    let (status, body, _) = app.send(request).await;
    assert_eq!(status, StatusCode::OK, "the first fits the burst: {body}");
    assert_eq!(body["extensions"]["cost"]["requested"], 9_310);
    let request = TestRequest::post()
        .uri("/graphql")
        .peer_addr("192.0.2.8:5000".parse().unwrap())
        .set_json(json!({ "query": expensive }));
    let (status, body, headers) = app.send(request).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    assert!(header(&headers, "retry-after") >= 60, "9,310 points at 600 a minute");
    assert_eq!(header(&headers, "ratelimit-remaining"), 0);
}

#[actix_web::test]
async fn no_database_connection_free_is_503_service_busy() {
    let app = TestApp::with(|config| config.db_pool_size = 1).await.unwrap();
    // The only connection is held by a transaction: the request waits for the pool's acquire timeout.
    let held = sea_orm::TransactionTrait::begin(app.db()).await.unwrap();
    let request = TestRequest::post().uri("/graphql").set_json(json!({ "query": CHEAP }));
    let (status, body, headers) = app.send(request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "SERVICE_BUSY", "{body}");
    assert_eq!(header(&headers, "retry-after"), 1);
    held.rollback().await.unwrap();
    let (status, body, _) = app.send(TestRequest::post().uri("/graphql").set_json(json!({ "query": CHEAP }))).await;
    assert_eq!(status, StatusCode::OK, "served again once a connection is free: {body}");
}

/// What a client saw: statuses and codes of every answer, and the cheap client's latencies.
#[derive(Default)]
struct Seen {
    statuses: Vec<(u16, String)>,
}

async fn send(client: &reqwest::Client, url: &str, token: Option<&str>, query: &str) -> (u16, Value) {
    let mut request = client.post(url).json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            (status, response.json().await.unwrap_or(Value::Null))
        }
        Err(error) => panic!("the server did not answer: {error}"),
    }
}

/// Sends `query` in a loop from `connections` tasks until `stop`, as `token` (anonymous when `None`).
fn attacker(url: String, token: Option<String>, query: String, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<Seen> {
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        let mut seen = Seen::default();
        while !stop.load(Ordering::Relaxed) {
            let (status, body) = send(&client, &url, token.as_deref(), &query).await;
            seen.statuses.push((status, code(&body).to_string()));
        }
        seen
    })
}

/// The cheap client: `CHEAP_ANSWERS` queries 50 ms apart, each of which must be a clean 200; then it raises `stop`.
/// Counting answers rather than watching a clock keeps the check the same on a loaded machine, where each answer
/// takes longer but must still come.
fn cheap_client(url: String, token: String, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<Vec<Duration>> {
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        let mut latencies = Vec::new();
        while latencies.len() < CHEAP_ANSWERS {
            let started = Instant::now();
            let (status, body) = send(&client, &url, Some(&token), CHEAP).await;
            latencies.push(started.elapsed());
            assert_eq!(status, 200, "the cheap client was refused: {body}");
            assert!(body.get("errors").is_none(), "the cheap client got errors: {body}");
            assert_eq!(body["data"]["practices"]["nodes"].as_array().map(Vec::len), Some(5), "{body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        stop.store(true, Ordering::Relaxed);
        latencies
    })
}

/// How many answers the cheap client needs during each attack.
const CHEAP_ANSWERS: usize = 40;

/// Runs one attack while the cheap client gets its answers (it asserts on each and stops the attack after the last):
/// a connection per token (anonymous for `None`) sending `query` in a loop. What the attackers saw.
async fn under_attack(app: &TestApp, url: &str, tokens: Vec<Option<String>>, query: &str) -> Seen {
    let stop = Arc::new(AtomicBool::new(false));
    let attackers: Vec<_> =
        tokens.into_iter().map(|token| attacker(url.to_string(), token, query.to_string(), stop.clone())).collect();
    let cheap = cheap_client(url.to_string(), app.token("cheap", "contributor"), stop.clone());
    let latencies = tokio::time::timeout(Duration::from_secs(120), cheap)
        .await
        .expect("the cheap client got its answers within two minutes")
        .unwrap();
    let mut seen = Seen::default();
    for attacker in attackers {
        seen.statuses.extend(attacker.await.unwrap().statuses);
    }
    let mut sorted = latencies.clone();
    sorted.sort();
    eprintln!("the cheap client: {} answers, median {:?}", sorted.len(), sorted[sorted.len() / 2]);
    seen
}

/// Nothing anywhere is `INTERNAL`, and the only 5xx is 503 `SERVICE_BUSY`.
fn assert_no_internal(seen: &Seen, who: &str) {
    for (status, code) in &seen.statuses {
        assert_ne!(code, "INTERNAL", "{who} got INTERNAL");
        if *status >= 500 {
            assert_eq!((*status, code.as_str()), (503, "SERVICE_BUSY"), "{who}");
        }
    }
}

#[actix_web::test]
async fn a_cheap_client_keeps_its_answers_under_two_attacks() {
    // Default budgets and limits; a smaller corpus and shorter attacks than the benchmark's (CI's time).
    let app = TestApp::with(|config| {
        let defaults = hub::config::Config::defaults().unwrap();
        config.cost_per_minute = defaults.cost_per_minute;
        config.cost_burst = defaults.cost_burst;
    })
    .await
    .unwrap();
    hub::seed::synthetic::generate(app.db(), 2_000, 2020, &hub::progress::Silent).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let (address, handle) = app.serve();
    let url = format!("http://{address}/graphql");
    let expensive = expensive_document();

    // 1. One anonymous client (one address) sending the most expensive document from sixteen connections.
    let anonymous = vec![None; 16];
    let first = under_attack(&app, &url, anonymous, &expensive).await;
    assert_no_internal(&first, "the anonymous attacker");
    assert!(first.statuses.iter().any(|(status, _)| *status == 429), "the attacker is soon refused");

    // 2. Sixteen signed-in subjects, each within its own budget, sending that document at once.
    let subjects = (0..16).map(|n| Some(app.token(&format!("subject-{n}"), "contributor"))).collect();
    let second = under_attack(&app, &url, subjects, &expensive).await;
    assert_no_internal(&second, "the signed-in attackers");
    let count = |seen: &Seen, status: u16| seen.statuses.iter().filter(|(s, _)| *s == status).count();
    eprintln!(
        "attack 1: {} answers ({} refused with 429); attack 2: {} answers ({} shed with 503, {} refused with 429)",
        first.statuses.len(),
        count(&first, 429),
        second.statuses.len(),
        count(&second, 503),
        count(&second, 429)
    );
    handle.stop(true).await;
}

#[actix_web::test]
async fn lists_sized_by_the_caller_are_priced_by_their_size_whatever_the_field() {
    let app = TestApp::demo().await;
    let app = app.unwrap();
    let ids: Vec<Value> = app.data("{ practices(first: 100) { nodes { id } } }", json!({})).await["practices"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["id"].clone())
        .collect();
    let nested = "... on Practice { related(first: 20) { ... on Practice { related(first: 20) { title } } } }";
    // The outside probe's document, anonymous: refused before it runs, as its twin under `practices` is.
    for document in [
        format!("query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {nested} }} }}"),
        format!("{{ practices(first: 100) {{ nodes {{ {nested} }} }} }}"),
    ] {
        let body = app.graphql(&document, json!({ "ids": ids })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "COST_LIMIT_EXCEEDED", "{document}: {body}");
        assert!(body["data"].is_null());
    }
    // A few ids with one level of related records are affordable, and priced by how many ids there are.
    let few = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Practice { related(first: 3) { __typename } } } }";
    let cost = |body: &Value| body["extensions"]["cost"]["requested"].as_u64().unwrap();
    let two = app.graphql(few, json!({ "ids": ids[..2] })).await;
    let four = app.graphql(few, json!({ "ids": ids[..4] })).await;
    assert!(two.get("errors").is_none(), "{two}");
    assert_eq!(cost(&four) - cost(&two), cost(&two) - 11, "each id costs the same: {two} {four}");
}
