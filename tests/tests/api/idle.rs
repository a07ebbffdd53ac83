//! Background loops at rest: a hub serving nothing must not keep its database busy. Each loop the server starts
//! (the search relay with its purges, the webhook worker) runs for a second with nothing to do, and the SQL
//! statements it runs in that second are counted and bounded. At a 250 ms idle poll a loop needs a handful; a loop
//! that spins runs thousands.

use hub_tests::TestApp;
use serde_json::json;
use std::future::Future;
use std::time::Duration;

/// Statements one idle loop may run in a second: four polls of a few statements each, with room to spare.
const IDLE_BUDGET: usize = 40;

/// Runs `worker` for a short warm-up (its start-up work is not idle work), then counts its statements over one
/// second, and stops it.
async fn idle_statements(app: &TestApp, worker: impl Future<Output = ()> + Send + 'static) -> usize {
    let task = tokio::spawn(worker);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = app.statement_count();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let counted = app.statement_count() - before;
    task.abort();
    counted
}

#[tokio::test]
async fn the_webhook_worker_waits_when_there_is_nothing_to_send() {
    let app = TestApp::with(|config| config.webhook_allow_private_networks = true).await.unwrap();
    let settings: hub::jobs::webhooks::Settings = (&*app.state.config).into();
    let counted = idle_statements(&app, hub::jobs::webhooks::run(app.db().clone(), settings.clone())).await;
    assert!(counted <= IDLE_BUDGET, "without endpoints: {counted} statements in an idle second");

    // With an endpoint that has seen every change: the common case of a hub with partners.
    let admin = app.token("admin-1", "admin");
    let created = app
        .graphql_as(
            Some(&admin),
            "mutation($url: String!) { createWebhook(input: { url: $url }) { secret } }",
            json!({ "url": "http://127.0.0.1:9/hook" }),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let counted = idle_statements(&app, hub::jobs::webhooks::run(app.db().clone(), settings)).await;
    assert!(counted <= IDLE_BUDGET, "with an endpoint at the head: {counted} statements in an idle second");
}

#[tokio::test]
async fn the_search_relay_and_its_purges_wait_when_the_outbox_is_empty() {
    let app = TestApp::demo().await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let counted = idle_statements(&app, hub::jobs::relay::run(app.db().clone(), app.state.search.clone())).await;
    assert!(counted <= IDLE_BUDGET, "{counted} statements in an idle second");
}
