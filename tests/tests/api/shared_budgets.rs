//! Cost budgets shared across instances through Redis (`HUB_REDIS_URL`): two instances charge one budget, a client
//! refused on one is refused on the other, and Redis dying mid-run fails no request (the instances fall back to
//! budgets of their own, say so in `/metrics`, and share again once Redis is back).

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use hub::http::AppState;
use hub_tests::redis::RedisProcess;
use hub_tests::{TestApp, send_to};
use serde_json::json;
use std::time::Duration;

/// 10,000 points at once, refilled at one a second: the figures barely move while a test runs.
fn budgets(redis_url: Option<String>) -> impl FnOnce(&mut hub::config::Config) {
    move |config| {
        config.redis_url = redis_url;
        config.cost_per_minute = 60;
        config.cost_burst = 10_000;
    }
}

/// 75 aliased searches with counts and facets: 9,310 points, more than half the burst.
fn expensive() -> String {
    let searches: String = (0..75)
        .map(|n| format!(r#"s{n}: search(query: "m", first: 1) {{ totalCount facets {{ field }} }} "#))
        .collect();
    format!("{{ {searches} }}")
}

/// Sends `query` as the token's bearer to an instance: the status and the budget left.
async fn charge(instance: &AppState, token: &str, query: &str) -> (StatusCode, Option<u64>) {
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {token}")))
        .set_json(json!({ "query": query }));
    let (status, body, headers) = send_to(instance, request).await;
    assert!(matches!(status, StatusCode::OK | StatusCode::TOO_MANY_REQUESTS), "{status}: {body}");
    if status == StatusCode::TOO_MANY_REQUESTS {
        assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    }
    let remaining = headers.get("ratelimit-remaining").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    (status, remaining)
}

/// A subject no other run of this suite uses, so that runs sharing one Redis never share a budget.
fn subject() -> String {
    format!("budget-{}", uuid::Uuid::new_v4().simple())
}

/// Whether `second` is `first` less one cheap request (10 points), give or take the point refilled meanwhile.
fn same_budget(first: u64, second: u64) -> bool {
    (i128::from(first) - i128::from(second) - 10).abs() <= 1
}

const CHEAP: &str = "{ __typename }";

#[actix_web::test]
async fn two_instances_on_one_redis_charge_one_budget() {
    let Some(url) = hub_tests::redis::machine() else { return };
    let app = TestApp::with(budgets(Some(url))).await.unwrap();
    let other = app.another_instance().await.unwrap();
    let token = app.token(&subject(), "contributor");

    let (_, Some(first)) = charge(&app.state, &token, CHEAP).await else { panic!("no budget header") };
    let (_, Some(second)) = charge(&other, &token, CHEAP).await else { panic!("no budget header") };
    assert!(same_budget(first, second), "the other instance charged the same budget: {first} then {second}");

    // Most of the budget spent on one instance; the same again is refused on the other, and on the first.
    assert_eq!(charge(&app.state, &token, &expensive()).await.0, StatusCode::OK);
    let (status, remaining) = charge(&other, &token, &expensive()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "refused on the other instance too");
    assert_eq!(remaining, Some(0));
    assert_eq!(charge(&app.state, &token, &expensive()).await.0, StatusCode::TOO_MANY_REQUESTS);
    let (status, remaining) = charge(&other, &token, CHEAP).await;
    assert_eq!(status, StatusCode::OK, "what is left still pays for a cheap request");
    assert!(remaining.unwrap() < 10_000 - 9_310, "{remaining:?}");
    assert_eq!(app.metric("hub_budget_redis_up").await, 1);
    assert_eq!(app.metric("hub_budget_redis_fallbacks_total").await, 0);

    // Without Redis, each instance has a budget of its own (the default, and the contrast).
    let apart = TestApp::with(budgets(None)).await.unwrap();
    let other = apart.another_instance().await.unwrap();
    let token = apart.token(&subject(), "contributor");
    assert_eq!(charge(&apart.state, &token, &expensive()).await.0, StatusCode::OK);
    assert_eq!(charge(&other, &token, &expensive()).await.0, StatusCode::OK, "per-instance budgets");
    assert!(!apart.metrics().await.contains("hub_budget_redis"), "no Redis figures without Redis");
}

#[actix_web::test]
async fn redis_killed_mid_run_fails_no_request() {
    let Some(mut redis) = RedisProcess::start() else { return };
    let app = TestApp::with(budgets(Some(redis.url()))).await.unwrap();
    let other = app.another_instance().await.unwrap();
    let token = app.token(&subject(), "contributor");
    assert_eq!(charge(&app.state, &token, CHEAP).await.0, StatusCode::OK);
    assert_eq!(app.metric("hub_budget_redis_up").await, 1);

    redis.kill();
    for _ in 0..20 {
        let (status, remaining) = charge(&app.state, &token, CHEAP).await;
        assert_eq!(status, StatusCode::OK, "Redis being down fails no request");
        assert!(remaining.is_some(), "the instance's own budget answers");
    }
    assert_eq!(app.metric("hub_budget_redis_up").await, 0);
    assert!(app.metric("hub_budget_redis_fallbacks_total").await >= 20);
    // The fallback still limits: the instance's own budget refuses a client that overspends it.
    assert_eq!(charge(&app.state, &token, &expensive()).await.0, StatusCode::OK);
    assert_eq!(charge(&app.state, &token, &expensive()).await.0, StatusCode::TOO_MANY_REQUESTS);

    // Back: after the pause, both instances share one budget again (Redis lost its state: a full budget).
    assert!(redis.restart(), "redis-server restarts on its port");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut shared = None;
    for _ in 0..50 {
        let (status, Some(first)) = charge(&app.state, &token, CHEAP).await else { panic!("no budget header") };
        assert_eq!(status, StatusCode::OK);
        if app.metric("hub_budget_redis_up").await == 1 {
            shared = Some(first);
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let first = shared.expect("the instance uses Redis again once it is back");
    let (_, Some(second)) = charge(&other, &token, CHEAP).await else { panic!("no budget header") };
    assert!(same_budget(first, second), "shared again: {first} then {second}");
    assert!(first > 10_000 - 9_310, "Redis's budget, not the instance's spent one: {first}");
}

#[actix_web::test]
async fn an_unusable_redis_url_stops_the_start() {
    let error = TestApp::with(budgets(Some("postgres://127.0.0.1/nope".into()))).await.err().expect("refused");
    assert!(format!("{error:#}").contains("HUB_REDIS_URL"), "{error:#}");
}
