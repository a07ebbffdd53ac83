//! Caches of public answers: the shared response cache (anonymous queries only), `ETag` revalidation, the process's
//! reference lists, and automatic persisted queries. Nothing is ever served stale once a write has committed, on
//! this instance or on another one sharing the database.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use hub_tests::{TestApp, send_to};
use serde_json::{Value, json};

const LIST: &str = "{ practices(first: 3) { nodes { id title countries { iso3 name } objectives { number title } } } }";
const OBJECTIVE: &str = "{ objectives { number title } }";

/// Percent-encodes a query-string value (also used by `languages`).
pub(crate) fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn get(query: &str) -> TestRequest {
    let encoded: String = url_encode(query);
    TestRequest::get().uri(&format!("/graphql?query={encoded}"))
}

/// A response header as text (empty when missing).
pub(crate) fn header(headers: &actix_web::http::header::HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

async fn hits_and_misses(app: &TestApp) -> (u64, u64) {
    (app.metric("hub_response_cache_hits_total").await, app.metric("hub_response_cache_misses_total").await)
}

#[actix_web::test]
async fn anonymous_answers_are_cached_revalidated_and_never_stale_after_a_write() {
    let app = TestApp::demo().await.unwrap();
    let (status, first, headers) = app.send(get(LIST)).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let etag = header(&headers, "etag");
    assert!(etag.starts_with('"') && etag.len() > 4, "a strong ETag: {etag}");
    assert_eq!(header(&headers, "cache-control"), "public, no-cache");
    let (_, second, headers) = app.send(get(LIST)).await;
    assert_eq!(second, first);
    assert_eq!(header(&headers, "etag"), etag, "the same bytes, the same tag");
    assert_eq!(hits_and_misses(&app).await, (1, 1), "the second request was answered from the cache");

    // A client holding those bytes revalidates: 304, no body.
    let (status, body, _) = app.send(get(LIST).insert_header(("if-none-match", etag.clone()))).await;
    assert_eq!((status, body), (StatusCode::NOT_MODIFIED, Value::Null));

    // An editor renames the first practice: the very next anonymous read shows it, and the old tag no longer matches.
    let practice = first["data"]["practices"]["nodes"][0].clone();
    let editor = app.token("eve", "editor");
    let version = app
        .data(&format!(r#"{{ practice(id: "{}") {{ version }} }}"#, practice["id"].as_str().unwrap()), json!({}))
        .await["practice"]["version"]
        .clone();
    let body = app
        .graphql_as(
            Some(&editor),
            r#"mutation($id: ID!, $v: Int!) { updatePractice(id: $id, version: $v, input: { title: "Renamed while cached" }) { practice { title } } }"#,
            json!({ "id": practice["id"], "v": version }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (status, fresh, headers) = app.send(get(LIST).insert_header(("if-none-match", etag.clone()))).await;
    assert_eq!(status, StatusCode::OK, "the tag is stale once the write committed");
    assert_ne!(header(&headers, "etag"), etag);
    let titles: Vec<&str> =
        fresh["data"]["practices"]["nodes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Renamed while cached"), "{titles:?}");
}

#[actix_web::test]
async fn another_instance_sees_a_commit_at_once_reference_lists_included() {
    let app = TestApp::demo().await.unwrap();
    let other = app.another_instance().await.unwrap();
    // Both instances have the objectives in their caches (response and reference lists).
    for _ in 0..2 {
        let (_, body, _) = send_to(&other, get(OBJECTIVE)).await;
        assert_eq!(body["data"]["objectives"][0]["number"], 1, "{body}");
        let (_, body, _) = send_to(&other, get(LIST)).await;
        assert!(body["data"]["practices"]["nodes"][0]["objectives"].is_array(), "{body}");
        app.send(get(OBJECTIVE)).await;
    }
    // An admin rewords objective 1 through the first instance.
    let admin = app.token("ada", "admin");
    let version = app.data("{ objectives { number version } }", json!({})).await["objectives"][0]["version"].clone();
    let body = app
        .graphql_as(
            Some(&admin),
            r#"mutation($v: Int!) { updateObjective(number: 1, version: $v, input: { title: "Collect and utilize accurate and disaggregated data (reworded)" }) { objective { title } } }"#,
            json!({ "v": version }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    // The other instance answers with the new wording, in the list and inside records.
    let (_, body, _) = send_to(&other, get(OBJECTIVE)).await;
    assert_eq!(
        body["data"]["objectives"][0]["title"],
        "Collect and utilize accurate and disaggregated data (reworded)"
    );
    let (_, body, _) = send_to(
        &other,
        get("{ practices(first: 100, filter: { objectives: [1] }) { nodes { objectives { number title } } } }"),
    )
    .await;
    let titles: Vec<&Value> = body["data"]["practices"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["objectives"].as_array().unwrap())
        .filter(|o| o["number"] == 1)
        .map(|o| &o["title"])
        .collect();
    assert!(!titles.is_empty() && titles.iter().all(|t| t.as_str().unwrap().ends_with("(reworded)")), "{body}");
    // Champion flags too: they write no outbox row, and still move the epoch on.
    let (_, before, _) = send_to(&other, get("{ countries(championsOnly: true) { iso3 } }")).await;
    let body = app
        .graphql_as(
            Some(&admin),
            r#"mutation { setCountryChampion(iso3: "ISL", isChampion: true, since: "2024-05-01") { country { isChampion } } }"#,
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, after, _) = send_to(&other, get("{ countries(championsOnly: true) { iso3 } }")).await;
    let count = |v: &Value| v["data"]["countries"].as_array().unwrap().len();
    assert_eq!(count(&after), count(&before) + 1, "{after}");
}

#[actix_web::test]
async fn signed_in_callers_never_touch_the_shared_cache() {
    let app = TestApp::demo().await.unwrap();
    let editor = app.token("eve", "editor");
    let drafts = r#"{ practices(first: 100, filter: { statuses: [DRAFT] }) { nodes { status } } }"#;
    // An editor's view first (drafts), then an anonymous caller asks the same document.
    let as_editor = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {editor}")))
        .set_json(json!({ "query": drafts }));
    let (_, body, headers) = app.send(as_editor).await;
    let statuses = body["data"]["practices"]["nodes"].as_array().unwrap();
    assert!(!statuses.is_empty() && statuses.iter().all(|n| n["status"] == "DRAFT"), "the demo has drafts: {body}");
    assert_eq!(header(&headers, "cache-control"), "private, no-store");
    assert!(headers.get("etag").is_none());
    let (_, body, _) = app.send(get(drafts)).await;
    let statuses = body["data"]["practices"]["nodes"].as_array().unwrap();
    assert!(statuses.iter().all(|n| n["status"] == "PUBLISHED"), "anonymous callers see no draft: {body}");
    // And the other way round: an anonymous answer in the cache is never an editor's.
    let as_editor = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {editor}")))
        .set_json(json!({ "query": drafts }));
    let (_, body, _) = app.send(as_editor).await;
    let statuses = body["data"]["practices"]["nodes"].as_array().unwrap();
    assert!(!statuses.is_empty() && statuses.iter().all(|n| n["status"] == "DRAFT"), "{body}");
    // Mutations are never stored either.
    let body = app
        .graphql_as(
            Some(&editor),
            r#"mutation { createTheme(input: { key: "cache_probe", name: "Cache probe" }) { theme { key } } }"#,
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

#[actix_web::test]
async fn the_cache_can_be_turned_off_and_a_max_age_set() {
    let app = TestApp::with(|config| {
        config.response_cache_mb = 0;
        config.cache_max_age_secs = 60;
    })
    .await
    .unwrap();
    for _ in 0..3 {
        let (status, _, headers) = app.send(get(OBJECTIVE)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, "cache-control"), "public, max-age=60");
        assert!(headers.get("etag").is_some(), "revalidation works without the server-side cache");
    }
    assert_eq!(hits_and_misses(&app).await, (0, 0));
}

#[actix_web::test]
async fn persisted_queries_are_registered_then_sent_by_hash() {
    use sha2::Digest;
    let app = TestApp::demo().await.unwrap();
    let hash: String = sha2::Sha256::digest(OBJECTIVE.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } }).to_string();
    let by_hash = || TestRequest::get().uri(&format!("/graphql?extensions={}", url_encode(&extensions)));
    let (status, body, _) = app.send(by_hash()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND", "{body}");
    // The client sends the document with its hash once...
    let register = TestRequest::post().uri("/graphql").set_json(
        json!({ "query": OBJECTIVE, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }),
    );
    let (_, body, _) = app.send(register).await;
    assert_eq!(body["data"]["objectives"][0]["number"], 1, "{body}");
    // ...then the hash alone is enough, over GET.
    let (status, body, headers) = app.send(by_hash()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["objectives"].as_array().unwrap().len(), 23, "{body}");
    assert!(headers.get("etag").is_some());
    // A document that does not match its hash is refused, and a persisted mutation never runs over GET.
    let forged = TestRequest::post().uri("/graphql").set_json(json!({
        "query": "{ themes { key } }", "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }));
    assert_eq!(app.send(forged).await.0, StatusCode::BAD_REQUEST);
    let mutation = r#"mutation { createTheme(input: { key: "apq_probe", name: "APQ probe" }) { theme { key } } }"#;
    let mutation_hash: String = sha2::Sha256::digest(mutation.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let editor = app.token("eve", "editor");
    let register = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {editor}")))
        .set_json(json!({ "query": mutation, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": mutation_hash } } }));
    assert!(app.send(register).await.1.get("errors").is_none());
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": mutation_hash } }).to_string();
    let over_get = TestRequest::get()
        .uri(&format!("/graphql?extensions={}", url_encode(&extensions)))
        .insert_header(("authorization", format!("Bearer {editor}")));
    assert_eq!(app.send(over_get).await.0, StatusCode::METHOD_NOT_ALLOWED);
}

/// A document that reads no data (`{ __typename }`, introspection) costs no statement: no epoch is read for it and it
/// takes no cache entry. A query that reads data still reads the epochs first, so it is never served stale.
#[actix_web::test]
async fn a_document_that_reads_no_data_runs_no_statement_and_fills_no_cache() {
    let app = TestApp::new().await.unwrap();
    let (hits, misses) = hits_and_misses(&app).await;
    let before = app.statement_count();
    for query in ["{ __typename }", "query Ping { __typename }", "{ __schema { queryType { name } } }"] {
        for _ in 0..3 {
            let body = app.graphql(query, json!({})).await;
            assert!(body.get("errors").is_none(), "{query}: {body}");
        }
    }
    assert_eq!(app.statements_since(before), Vec::<String>::new());
    assert_eq!(hits_and_misses(&app).await, (hits, misses), "nothing asked of the cache");
    // The same with a data field beside it reads the epochs, then the data.
    let before = app.statement_count();
    app.data("{ __typename practices(first: 1) { totalCount } }", json!({})).await;
    assert!(app.statements_since(before).iter().any(|sql| sql.contains("public_epoch")), "the epochs are read");
}
