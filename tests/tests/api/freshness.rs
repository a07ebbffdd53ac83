//! Cached answers that read the search index follow the index, on every engine and on every instance sharing the
//! database: a search answered while the relay lags is cached, and once the relay (or a reindex, or the start-up
//! fill) has changed the index, the next anonymous search, over POST, GET or on another instance, answers from the
//! index as it is now. Archived and taken-down records disappear from cached answers; the explorer and exports,
//! which read the index without the cache, agree.

use actix_web::test::TestRequest;
use hub::http::AppState;
use hub::jobs::reindex;
use hub::jobs::relay::{self, Pass};
use hub_tests::{SearchLeg, TestApp, send_to};
use serde_json::{Value, json};

const SEARCH: &str = r#"query($q: String!) { search(query: $q, first: 50) { totalCount nodes { __typename ... on GuidanceTool { id title } } } }"#;
const CREATE: &str = r#"mutation($title: String!) { createGuidanceTool(input: {
    title: $title, summary: "A zyxwvut handbook on labour mobility partnerships.", toolKind: HANDBOOK }) { guidanceTool { id } } }"#;

async fn hub(leg: &SearchLeg) -> TestApp {
    let app = TestApp::with(|config| leg.configure(config)).await.unwrap();
    app.state.search.prepare().await.unwrap();
    app
}

async fn drain(app: &TestApp) {
    assert!(matches!(relay::drain(app.db(), app.state.search.as_ref()).await.unwrap(), Pass::Applied(_)));
}

/// `totalCount` of an anonymous search on `state`, over POST (`get == false`) or GET.
async fn hits(state: &AppState, query: &str, get: bool) -> i64 {
    let variables = json!({ "q": query });
    let request = if get {
        let encode = |text: &str| -> String {
            text.bytes()
                .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect()
        };
        TestRequest::get().uri(&format!(
            "/graphql?query={}&variables={}",
            encode(SEARCH),
            encode(&variables.to_string())
        ))
    } else {
        TestRequest::post().uri("/graphql").set_json(json!({ "query": SEARCH, "variables": variables }))
    };
    let (_, body, _) = send_to(state, request).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["search"]["totalCount"].as_i64().unwrap()
}

/// What every anonymous way in answers: POST and GET here, POST on the other instance.
async fn everywhere(app: &TestApp, other: &AppState, query: &str) -> [i64; 3] {
    [hits(&app.state, query, false).await, hits(&app.state, query, true).await, hits(other, query, false).await]
}

/// A second instance on the same database and engine, with caches of its own.
async fn second(app: &TestApp) -> AppState {
    app.another_instance_on_this_engine().await.unwrap()
}

async fn create_and_publish(app: &TestApp, editor: &str, title: &str) -> Value {
    let created = app.graphql_as(Some(editor), CREATE, json!({ "title": title })).await;
    let id = created["data"]["createGuidanceTool"]["guidanceTool"]["id"].clone();
    assert!(id.is_string(), "{created}");
    let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
    let body = app.graphql_as(Some(editor), publish, json!({ "id": id })).await;
    assert!(body.get("errors").is_none(), "{body}");
    id
}

#[actix_web::test]
async fn cached_searches_follow_the_relay_through_publish_archive_and_takedown() {
    for leg in &hub_tests::search_legs() {
        let engine = leg.name;
        let app = hub(leg).await;
        let other = second(&app).await;
        let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));

        // Published, not yet indexed: searches during the lag are answered (and cached) without it.
        let id = create_and_publish(&app, &editor, "Handbook on mobility").await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [0; 3], "{engine}: during the lag");
        drain(&app).await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [1; 3], "{engine}: once indexed, on every way in");
        let (_, explorer, _) = app.get_text("/?q=zyxwvut").await;
        assert!(explorer.contains("Handbook on mobility"), "{engine}: the explorer shows it");

        // Archived: the cached answers that held it are not served once the relay has removed it.
        let archive = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }";
        let body = app.graphql_as(Some(&editor), archive, json!({ "id": id })).await;
        assert!(body.get("errors").is_none(), "{body}");
        everywhere(&app, &other, "zyxwvut").await;
        drain(&app).await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [0; 3], "{engine}: archived");
        let (_, explorer, _) = app.get_text("/?q=zyxwvut").await;
        assert!(!explorer.contains("Handbook on mobility"), "{engine}: the explorer no longer shows it");
        let (_, csv, _) = app.get_text("/export.csv?q=zyxwvut").await;
        assert_eq!(csv.lines().count(), 1, "{engine}: the export holds its header only: {csv}");

        // Taken down by an admin: gone from cached answers, title and all.
        let id = create_and_publish(&app, &editor, "Toolkit soon taken down").await;
        drain(&app).await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [1; 3], "{engine}: the second one is found");
        let take_down = "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }";
        let body = app.graphql_as(Some(&admin), take_down, json!({ "id": id })).await;
        assert!(body.get("errors").is_none(), "{body}");
        drain(&app).await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [0; 3], "{engine}: taken down");
        let (status, body, _) = app
            .send(
                TestRequest::post()
                    .uri("/graphql")
                    .set_json(json!({ "query": SEARCH, "variables": { "q": "taken down" } })),
            )
            .await;
        assert!(status.is_success() && !body.to_string().contains("Toolkit soon taken down"), "{engine}: {body}");
    }
}

#[actix_web::test]
async fn cached_searches_follow_a_reindex_and_the_start_up_fill() {
    for leg in &hub_tests::search_legs() {
        let engine = leg.name;
        let app = hub(leg).await;
        let other = second(&app).await;
        hub::seed::demo::load(app.db()).await.unwrap();

        // The start-up fill: an empty index, searched (and cached) before it is filled.
        assert_eq!(everywhere(&app, &other, "").await, [0; 3], "{engine}: before the fill");
        let filled = reindex::if_empty(app.db(), app.state.search.as_ref()).await.unwrap().unwrap();
        assert!(filled > 0);
        assert_eq!(everywhere(&app, &other, "").await, [filled as i64; 3], "{engine}: after the fill");
        drain(&app).await;

        // A reindex picks up a record the relay has not applied yet: answers cached before the swap are not served.
        let editor = app.token("eve", "editor");
        create_and_publish(&app, &editor, "Handbook on mobility").await;
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [0; 3], "{engine}: before the reindex");
        reindex::reindex(app.db(), app.state.search.as_ref(), &hub::progress::Silent).await.unwrap();
        assert_eq!(everywhere(&app, &other, "zyxwvut").await, [1; 3], "{engine}: after the swap");
    }
}
