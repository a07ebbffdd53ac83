//! GraphQL over HTTP: content types, methods, body limits, batches, stable error codes, no leaked internals,
//! GraphiQL and the probes.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::test::TestRequest;
use hub_tests::{TestApp, error_code as code};
use serde_json::{Value, json};

/// No response may show SQL, driver or Rust internals.
fn assert_clean(body: &Value) {
    let text = body.to_string().to_lowercase();
    for needle in
        ["select ", "sqlx", "sqlite", "postgres", "syntax error", "panicked", "database error", "sea_orm", "dberr"]
    {
        assert!(!text.contains(needle), "response leaks `{needle}`: {body}");
    }
}

#[actix_web::test]
async fn content_types_methods_and_bodies() {
    let app = TestApp::new().await.unwrap();
    let query = json!({ "query": "{ objectives { number } }" });

    let (status, body, _) = app.send(TestRequest::post().uri("/graphql").set_json(&query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["objectives"].as_array().unwrap().len(), 23);

    let with_charset = TestRequest::post()
        .uri("/graphql")
        .insert_header((header::CONTENT_TYPE, "application/json; charset=utf-8"))
        .set_payload(query.to_string());
    assert_eq!(app.send(with_charset).await.0, StatusCode::OK);

    for content_type in
        ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/graphql"]
    {
        let request = TestRequest::post()
            .uri("/graphql")
            .insert_header((header::CONTENT_TYPE, content_type))
            .set_payload(query.to_string());
        let (status, body, _) = app.send(request).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        assert_eq!(code(&body), "BAD_USER_INPUT");
    }
    let missing = TestRequest::post().uri("/graphql").set_payload(query.to_string());
    assert_eq!(app.send(missing).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    for payload in ["{not json", "", "42", r#"{"variables": {}}"#, r#"{"query": 7}"#] {
        let request = TestRequest::post()
            .uri("/graphql")
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(payload);
        let (status, body, _) = app.send(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{payload}");
        assert_eq!(code(&body), "BAD_USER_INPUT");
    }

    let batch = TestRequest::post().uri("/graphql").set_json(json!([query, query]));
    let (status, body, _) = app.send(batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("batched"));

    let huge = format!(
        r#"{{"query": "{{ objectives {{ number }} }}", "variables": {{ "pad": "{}" }} }}"#,
        "x".repeat(100 * 1024)
    );
    let request =
        TestRequest::post().uri("/graphql").insert_header((header::CONTENT_TYPE, "application/json")).set_payload(huge);
    assert_eq!(app.send(request).await.0, StatusCode::PAYLOAD_TOO_LARGE);

    for method in [TestRequest::put(), TestRequest::delete(), TestRequest::patch()] {
        let (status, _, headers) = app.send(method.uri("/graphql")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(headers.get(header::ALLOW).is_some());
    }
}

#[actix_web::test]
async fn get_runs_queries_only() {
    let app = TestApp::new().await.unwrap();
    let (status, body, _) =
        app.send(TestRequest::get().uri("/graphql?query=%7B%20regions%20%7B%20key%20%7D%20%7D")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["regions"].as_array().unwrap().len(), 5);

    let (status, _, headers) = app.send(TestRequest::get().uri("/graphql?query=mutation%20%7B%20x%20%7D")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers.get(header::ALLOW).unwrap(), "POST");

    // Parameters that are not UTF-8 are refused, never answered with U+FFFD in their place.
    for uri in [
        "/graphql?query=%7B%20regions%20%7B%20key%20%7D%20%7D%FF",
        "/graphql?query=%7B%20regions%20%7B%20key%20%7D%20%7D&variables=%7B%22q%22%3A%22%C0%80%22%7D",
        "/graphql?query=%7B%20regions%20%7B%20key%20%7D%20%7D&operationName=%ED%A0%80",
    ] {
        let (status, body, _) = app.send(TestRequest::get().uri(uri)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{uri}");
    }
    let (status, _, _) = app.send(TestRequest::get().uri("/graphql?variables=%7B")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, _, headers) =
        app.send(TestRequest::get().uri("/graphql").insert_header((header::ACCEPT, "text/html"))).await;
    assert_eq!(status, StatusCode::OK, "GraphiQL");
    assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
    let (status, _, _) = app.send(TestRequest::get().uri("/graphql")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn production_mode_turns_off_graphiql_introspection_and_suggestions() {
    let app = TestApp::with(|config| config.production = true).await.unwrap();
    let (status, _, _) =
        app.send(TestRequest::get().uri("/graphql").insert_header((header::ACCEPT, "text/html"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let body = app.graphql("{ __schema { types { name } } }", json!({})).await;
    assert!(body["data"]["__schema"].is_null() || body.get("errors").is_some(), "{body}");
    let body = app.graphql("{ objectivs { number } }", json!({})).await;
    assert!(!body.to_string().contains("Did you mean"), "{body}");

    let dev = TestApp::new().await.unwrap();
    let body = dev.graphql("{ objectivs { number } }", json!({})).await;
    assert!(body.to_string().contains("Did you mean"), "{body}");
}

#[actix_web::test]
async fn async_graphql_own_errors_carry_bad_user_input() {
    let app = TestApp::new().await.unwrap();
    for (query, variables) in [
        ("{ practices(first: \"five\") { totalCount } }", json!({})),
        ("{ practices(orderBy: { field: POPULARITY }) { totalCount } }", json!({})),
        ("query($n: Int) { practices(first: $n) { totalCount } }", json!({ "n": "x" })),
        ("{ nosuchfield }", json!({})),
        ("{ practices { totalCount ", json!({})),
        (
            "query($f: PracticeFilter) { practices(filter: $f) { totalCount } }",
            json!({ "f": { "updatedSince": "yesterday" } }),
        ),
        (
            "query($f: PracticeFilter) { practices(filter: $f) { totalCount } }",
            json!({ "f": { "objectives": ["one"] } }),
        ),
    ] {
        let body = app.graphql(query, variables).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{query}: {body}");
        assert_clean(&body);
    }
}

#[actix_web::test]
async fn limits_on_depth_and_cost() {
    let app = TestApp::new().await.unwrap();
    // Deeper than the depth limit (20 levels).
    let mut deep = String::from("{ __typename }");
    for _ in 0..20 {
        deep = format!("{{ __schema {{ types {{ fields {{ type {deep} }} }} }} }}");
    }
    let body = app.graphql(&deep, json!({})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");

    // Aliases and repeated fields are counted in the document.
    let aliases: String = (0..101).map(|i| format!("a{i}: __typename ")).collect();
    let body = app.graphql(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "101 aliases: {body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("aliases"));
    let aliases: String = (0..100).map(|i| format!("a{i}: __typename ")).collect();
    assert!(app.graphql(&format!("{{ {aliases} }}"), json!({})).await.get("errors").is_none(), "100 aliases pass");
    let repeated = "number ".repeat(500);
    let body = app.graphql(&format!("{{ objectives {{ {repeated} }} }}"), json!({})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "500 repeated fields: {body}");
    let mut nested = String::from("{ __typename }");
    for _ in 0..20 {
        nested = format!("{{ practices(first: 1) {{ nodes {{ translations {nested} }} }} }}");
    }
    assert_eq!(code(&app.graphql(&nested, json!({})).await), "BAD_USER_INPUT", "20 levels deep");

    // Aliases count towards the cost, and pages once per record they may hold: five pages of 100 with 25 fields
    // each cost more than one request may.
    let fields = "id slug title summary language status year publishedAt createdAt updatedAt version description \
        implementation results lessonsLearned enablingFactors challenges replicability submitterKind geographicLevel \
        startDate endDate completion callForPractices";
    let pages: String = (0..5).map(|i| format!("p{i}: practices(first: 100) {{ nodes {{ {fields} }} }} ")).collect();
    let body = app.graphql(&format!("{{ {pages} }}"), json!({})).await;
    assert_eq!(code(&body), "COST_LIMIT_EXCEEDED", "cost: {body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("12020 points"), "{body}");
    let one = app.graphql(&format!("{{ practices(first: 100) {{ nodes {{ {fields} }} }} }}"), json!({})).await;
    assert!(one.get("errors").is_none(), "one such page is fine: {one}");

    // GraphiQL's introspection query fits within the limits.
    let introspection = include_str!("introspection.graphql");
    let body = app.graphql(introspection, json!({})).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(body["data"]["__schema"]["types"].as_array().unwrap().len() > 30);
}

#[actix_web::test]
async fn internal_errors_are_generic_with_a_request_id() {
    let app = TestApp::demo().await.unwrap();
    // Break the database under the running app: every query now fails inside the driver.
    app.db().clone().close().await.unwrap();
    let (status, body, headers) = app
        .send(
            TestRequest::post()
                .uri("/graphql")
                .set_json(json!({ "query": "{ practices(first: 3) { totalCount nodes { title } } }" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(code(&body), "INTERNAL", "{body}");
    let request_id = headers.get("x-request-id").unwrap().to_str().unwrap().to_string();
    assert!(body["errors"][0]["message"].as_str().unwrap().contains(&request_id));
    assert_eq!(body["errors"][0]["extensions"]["requestId"], request_id.as_str());
    assert_clean(&body);

    // The readiness probe reports the database as unreachable; liveness is unaffected.
    let (status, body, _) = app.send(TestRequest::get().uri("/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["database"], "unreachable");
    let (status, _, _) = app.send(TestRequest::get().uri("/metrics").peer_addr("127.0.0.1:9".parse().unwrap())).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "no made-up backlog figures");
    let (status, _, _) = app.send(TestRequest::get().uri("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
}

#[actix_web::test]
async fn probes_when_healthy_and_cors() {
    let app = TestApp::new().await.unwrap();
    let (status, body, _) = app.send(TestRequest::get().uri("/readyz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "status": "ready",
            "database": "ok",
            "search": { "engine": "embedded", "state": "ok", "backlog": { "pending": 0, "oldestAgeSeconds": null } },
        })
    );
    let (status, body, _) = app.send(TestRequest::get().uri("/healthz")).await;
    assert_eq!((status, body), (StatusCode::OK, json!({ "status": "ok" })));

    let preflight = TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/graphql")
        .insert_header((header::ORIGIN, "https://hub.example.org"))
        .insert_header((header::ACCESS_CONTROL_REQUEST_METHOD, "POST"))
        .insert_header((header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type, authorization"));
    let (status, _, headers) = app.send(preflight).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");

    let strict = TestApp::with(|config| config.cors_origins = vec!["https://hub.example.org".into()]).await.unwrap();
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header((header::ORIGIN, "https://evil.example.com"))
        .set_json(json!({ "query": "{ regions { key } }" }));
    let (status, _, headers) = strict.send(request).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none() || status.is_client_error());
}

#[actix_web::test]
async fn clients_over_their_budget_get_429_with_rate_limited() {
    // `{ objectives { number } }` costs 12 points (10 a request, 1 a field): a burst of 36 pays for three, and at
    // 720 a minute the next 12 points take a second.
    let app = TestApp::with(|config| {
        config.cost_per_minute = 720;
        config.cost_burst = 36;
        config.max_cost = 36;
    })
    .await
    .unwrap();
    let query = json!({ "query": "{ objectives { number } }" });
    let post = |token: Option<&str>, address: &str| {
        let mut request = TestRequest::post()
            .uri("/graphql")
            .peer_addr(format!("{address}:40000").parse().unwrap())
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_json(&query);
        if let Some(token) = token {
            request = request.insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        }
        request
    };
    let alice = app.token("alice", "contributor");
    for _ in 0..3 {
        assert_eq!(app.send(post(Some(&alice), "127.0.0.2")).await.0, StatusCode::OK);
    }
    let (status, body, headers) = app.send(post(Some(&alice), "127.0.0.3")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "counted by subject, wherever it comes from");
    assert_eq!(code(&body), "RATE_LIMITED");
    let retry: u64 = headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    // Another subject, and anonymous callers (counted by address), keep their own allowance.
    let bob = app.token("bob", "contributor");
    assert_eq!(app.send(post(Some(&bob), "127.0.0.2")).await.0, StatusCode::OK);
    for _ in 0..3 {
        assert_eq!(app.send(post(None, "127.0.0.2")).await.0, StatusCode::OK);
    }
    assert_eq!(app.send(post(None, "127.0.0.2")).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.send(post(None, "127.0.0.4")).await.0, StatusCode::OK);
    // Refused tokens count against their address, so guessing tokens is throttled too.
    for _ in 0..2 {
        assert_eq!(app.send(post(Some("not.a.token"), "127.0.0.4")).await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, body, _) = app.send(post(Some("not.a.token"), "127.0.0.4")).await;
    assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED"));
    // Probes are never limited.
    for _ in 0..5 {
        assert_eq!(app.send(TestRequest::get().uri("/healthz")).await.0, StatusCode::OK);
    }
}
