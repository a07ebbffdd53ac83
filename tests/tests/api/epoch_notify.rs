//! Following the epochs by `LISTEN`/`NOTIFY` (PostgreSQL, `HUB_EPOCH_NOTIFY=true`): a request that reads data reads
//! no epoch, a commit on one instance reaches another within the notification's delivery (measured and printed),
//! and a lost listening connection is caught up by the read that follows its reconnection.

use actix_web::test::TestRequest;
use hub_tests::{TestApp, send_to};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use std::time::{Duration, Instant};

/// Waits up to `limit` for `done`; how long it took.
async fn within(limit: Duration, what: &str, mut done: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "{what} within {limit:?}");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    started.elapsed()
}

#[actix_web::test]
async fn followed_epochs_reach_every_instance_without_a_read_per_request() {
    if hub_tests::backend() != "postgres" {
        eprintln!("SKIPPED: LISTEN/NOTIFY needs PostgreSQL (set TEST_DATABASE_URL)");
        return;
    }
    let app = TestApp::with(|config| config.epoch_notify = true).await.unwrap();
    let other = app.another_instance().await.unwrap();
    let listening = Duration::from_secs(10);
    within(listening, "both instances follow the epochs", || app.state.epochs.followed() && other.epochs.followed())
        .await;

    // Requests that read data read no epoch (a 5-second safety read may fall among them, once).
    let before = app.statement_count();
    for _ in 0..10 {
        app.data("{ themes { key name } }", json!({})).await;
    }
    let epoch_reads = app.statements_since(before).iter().filter(|sql| sql.contains("public_epoch")).count();
    assert!(epoch_reads <= 1, "{epoch_reads} epoch reads for 10 requests");

    // A commit on the other instance reaches this one: its cached answer follows.
    let editor = app.token("editor-1", "editor");
    let rename = |name: &str, version: i64| {
        TestRequest::post().uri("/graphql").insert_header(("authorization", format!("Bearer {editor}"))).set_json(
            json!({ "query": "mutation($v: Int!, $n: String!) { updateTheme(key: \"gender\", version: $v, input: { name: $n }) { theme { version } } }",
                    "variables": { "v": version, "n": name } }),
        )
    };
    let version = |body: &serde_json::Value| body["data"]["updateTheme"]["theme"]["version"].as_i64().unwrap();
    let gender = |body: &serde_json::Value| -> String {
        let themes = body["themes"].as_array().unwrap();
        themes.iter().find(|t| t["key"] == "gender").unwrap()["name"].as_str().unwrap().to_string()
    };
    assert_eq!(gender(&app.data("{ themes { key name } }", json!({})).await), "Gender and migration");
    let seen = app.state.epochs.last_read().public;
    let (_, renamed, _) = send_to(&other, rename("Gender, migration and equality", 1)).await;
    assert!(renamed.get("errors").is_none(), "{renamed}");
    let delivered =
        within(Duration::from_secs(1), "the move announced", || app.state.epochs.last_read().public > seen).await;
    eprintln!("a commit on one instance reached the other in {delivered:?}");
    assert_eq!(gender(&app.data("{ themes { key name } }", json!({})).await), "Gender, migration and equality");

    // The listening connection dies; a move made meanwhile is caught by the read after the reconnection.
    let db = app.db();
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    ))
    .await
    .unwrap();
    let seen = app.state.epochs.last_read().public;
    let (_, again, _) = send_to(&other, rename("Gender and migration", version(&renamed))).await;
    assert!(again.get("errors").is_none(), "{again}");
    let caught = within(Duration::from_secs(8), "the move caught after the reconnection", || {
        app.state.epochs.last_read().public > seen
    })
    .await;
    within(listening, "following again", || app.state.epochs.followed()).await;
    eprintln!("after the listening connection was killed, a move was caught in {caught:?}");
    assert_eq!(gender(&app.data("{ themes { key name } }", json!({})).await), "Gender and migration");
}
