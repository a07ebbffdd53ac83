//! Only the test harness reads the shell, and only its own `TEST_` settings: the server's settings in the caller's
//! environment (`MEILISEARCH_URL` included) never reach the app under test, which starts from `Config::defaults()`,
//! nor choose the search legs.

use hub::config::Config;
use hub_tests::TestApp;
use serde_json::json;

/// A secret the shell offers; a token signed with it must be refused by the app under test.
const SHELL_SECRET: &str = "a-secret-from-the-shell-that-the-app-must-ignore-0123456789";

#[test]
fn settings_in_the_environment_do_not_reach_the_app_under_test() {
    // The probe below runs in a child process of this test binary, with hostile settings in its environment
    // (setting them in this process would need `unsafe`, which the workspace forbids).
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "configuration::probe_the_environment", "--ignored", "--nocapture", "--test-threads", "1"])
        .env("MEILISEARCH_URL", "http://127.0.0.1:9")
        .env("HUB_JWT_SECRET", SHELL_SECRET)
        .env("HUB_PRODUCTION", "true")
        .env("HUB_MAX_DEPTH", "2")
        .env("HUB_COST_PER_MINUTE", "1")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:9/nothing")
        .env("HUB_DATA_DIR", "/nonexistent/hub-data")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the probe failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the probe did not run:\n{stdout}\n{stderr}");
}

#[actix_web::test]
#[ignore = "run in a child process by settings_in_the_environment_do_not_reach_the_app_under_test"]
async fn probe_the_environment() {
    assert_eq!(std::env::var("HUB_JWT_SECRET").as_deref(), Ok(SHELL_SECRET), "run through its parent test");
    let app = TestApp::new().await.unwrap();
    let config = &app.state.config;
    assert_eq!(app.state.search.name(), "embedded", "MEILISEARCH_URL stayed in the shell");
    let legs = hub_tests::search_legs();
    assert!(
        legs.iter().all(|leg| leg.url() != Some("http://127.0.0.1:9")),
        "the server's MEILISEARCH_URL chose no leg"
    );
    assert!(!config.production && config.jwt_secret.is_none() && config.max_depth == 15, "{config:?}");
    // Introspection answers (production mode would refuse it), and deeper than the shell's depth of 2.
    let data = app.data("{ __schema { queryType { fields { name } } } }", json!({})).await;
    assert!(data["__schema"]["queryType"]["fields"].as_array().is_some_and(|fields| !fields.is_empty()));
    // Many requests pass: the shell's rate limit of one a minute is not applied.
    for _ in 0..5 {
        app.data("{ objectives { number } }", json!({})).await;
    }
    // A token signed with the shell's secret is not one of this app's.
    let mut shell = Config::defaults().unwrap();
    shell.jwt_secret = Some(SHELL_SECRET.parse().unwrap());
    let forged = hub::auth::mint(&shell, "mallory", "admin", None, std::time::Duration::from_secs(600)).unwrap();
    let request = actix_web::test::TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {forged}")))
        .set_json(json!({ "query": "{ me { subject } }" }));
    let (status, body, _) = app.send(request).await;
    assert_eq!(status, 401, "{body}");
}
