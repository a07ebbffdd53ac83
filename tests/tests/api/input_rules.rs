//! What the hub refuses or normalizes at its edge, on both databases: control characters in any string (variables,
//! literals, cursors, token claims), whitespace and line ends stored as checked, dates within sane years, URLs
//! stored as parsed, forged search cursors, ambiguous credentials, slow bodies, security headers, and who may
//! read `/metrics`.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hub_tests::{TestApp, error_code as code};
use serde_json::{Value, json};
use std::io::{Read, Write};

const CREATE: &str = "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id description resources { url } } } }";

fn practice(description: &str) -> Value {
    json!({
        "title": "Case management instead of detention",
        "summary": "Caseworkers support people in the community while their cases are decided.",
        "description": description,
    })
}

#[actix_web::test]
async fn control_characters_are_refused_wherever_a_string_comes_in() {
    let app = TestApp::demo().await.unwrap();
    let editor = app.token("eve", "editor");
    let cases = [
        ("query($s: String!) { practice(slug: $s) { id } }", json!({ "s": "abc\u{0}" })),
        (r#"{ practice(slug: "abc\u0000") { id } }"#, json!({})),
        ("query($c: [String!]) { practices(filter: { countries: $c }) { totalCount } }", json!({ "c": ["ME\u{0}X"] })),
        ("query($q: String!) { search(query: $q) { totalCount } }", json!({ "q": "detention\u{1b}[31m" })),
        ("query($l: [String!]) { practices(filter: { languages: $l }) { totalCount } }", json!({ "l": ["e\u{7f}n"] })),
    ];
    for (query, variables) in cases {
        let body = app.graphql(query, variables.clone()).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{query} {variables}: {body}");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("control character"), "{body}");
    }
    let body =
        app.graphql_as(Some(&editor), CREATE, json!({ "input": practice("A pilot\u{0} in three cities.") })).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");

    // A cursor is opaque, but what it decodes to reaches SQL: a forged one holding NUL is refused on `after`.
    let page =
        app.data("{ practices(first: 1, orderBy: { field: TITLE }) { pageInfo { endCursor } } }", json!({})).await;
    let cursor = page["practices"]["pageInfo"]["endCursor"].as_str().unwrap();
    let decoded = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).unwrap()).unwrap();
    let mut forged: Value = serde_json::from_str(&decoded).unwrap();
    let text = forged["v"].as_object_mut().unwrap().values_mut().next().unwrap();
    *text = json!("Case\u{0}");
    let forged = URL_SAFE_NO_PAD.encode(forged.to_string());
    let body = app
        .graphql(
            "query($a: String) { practices(first: 1, after: $a, orderBy: { field: TITLE }) { totalCount } }",
            json!({ "a": forged }),
        )
        .await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");

    // A token whose subject holds NUL is refused like any bad token.
    let token = app.token("mallory\u{0}", "editor");
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {token}")))
        .set_json(json!({ "query": "{ __typename }" }));
    let (status, body, _) = app.send(request).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "{body}");
}

#[actix_web::test]
async fn what_is_stored_is_what_was_checked() {
    let app = TestApp::demo().await.unwrap();
    let editor = app.token("eve", "editor");
    // Tab and line feeds stay; CRLF and CR become LF; the ends are trimmed.
    let body = app
        .graphql_as(
            Some(&editor),
            CREATE,
            json!({ "input": practice("  Line one\r\nLine two\twith a tab\rLine three \n") }),
        )
        .await;
    let stored = &body["data"]["createPractice"]["practice"];
    assert_eq!(stored["description"], "Line one\nLine two\twith a tab\nLine three", "{body}");

    // A description padded past its limit: checked and stored trimmed (19,990 characters, not 60,010).
    let padded = format!("{}{}", "x".repeat(19_990), " ".repeat(40_020));
    let body = app.graphql_as(Some(&editor), CREATE, json!({ "input": practice(&padded) })).await;
    let stored = body["data"]["createPractice"]["practice"]["description"].as_str().unwrap_or_default();
    assert_eq!(stored.chars().count(), 19_990, "{}", &body.to_string()[..300.min(body.to_string().len())]);

    // URLs are stored as the parser reads them: anything else is refused with the form to use.
    let mut input = practice("A pilot in three cities pairs each person with a caseworker.");
    input["resources"] = json!([{ "title": "Site", "url": "http:/evil.example", "kind": "WEBSITE" }]);
    let body = app.graphql_as(Some(&editor), CREATE, json!({ "input": input.clone() })).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("http://evil.example/"), "{body}");
    // Links follow the webhooks' host rule: no empty label, not this machine, no address that is not public.
    for url in [
        "https://.example.com/",
        "https://a..example.org/",
        "http://localhost./x",
        "http://10.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ] {
        input["resources"] = json!([{ "title": "Site", "url": url, "kind": "WEBSITE" }]);
        let body = app.graphql_as(Some(&editor), CREATE, json!({ "input": input.clone() })).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{url}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "resources.url", "{url}: {body}");
    }
    input["resources"] = json!([{ "title": "Site", "url": "https://example.org", "kind": "WEBSITE" }]);
    let body = app.graphql_as(Some(&editor), CREATE, json!({ "input": input })).await;
    assert_eq!(body["data"]["createPractice"]["practice"]["resources"][0]["url"], "https://example.org", "{body}");

    // Dates fall within 1900 to 2100.
    for date in ["-0001-01-01", "1899-12-31", "2101-01-01"] {
        let mut input = practice("A pilot in three cities pairs each person with a caseworker.");
        input["startDate"] = json!(date);
        let body = app.graphql_as(Some(&editor), CREATE, json!({ "input": input })).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{date}: {body}");
    }
}

#[actix_web::test]
async fn forged_search_cursors_and_union_nodes() {
    let app = TestApp::demo().await.unwrap();
    for position in [u64::MAX - 5, 10_000, 9_990] {
        let forged = URL_SAFE_NO_PAD.encode(json!({ "l": "search", "v": { "p": position }, "i": 0 }).to_string());
        let body = app
            .graphql("query($a: String) { search(query: \"\", after: $a) { totalCount } }", json!({ "a": forged }))
            .await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{position}: {body}");
    }
    // Items of the other types come back as empty objects, never null, in the non-null list.
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let data = app.data("{ search(query: \"\", first: 50) { nodes { ... on Practice { title } } } }", json!({})).await;
    let nodes = data["search"]["nodes"].as_array().unwrap();
    assert!(nodes.len() > 3 && nodes.iter().all(Value::is_object), "{data}");
    assert!(nodes.iter().any(|node| node.get("title").is_none()), "the corpus mixes types: {data}");
}

#[actix_web::test]
async fn credentials_must_be_one_bearer_token() {
    let app = TestApp::demo().await.unwrap();
    let admin = app.token("ada", "admin");
    let query = json!({ "query": "{ me { role } }" });
    let two = TestRequest::post()
        .uri("/graphql")
        .append_header(("authorization", format!("Bearer {admin}")))
        .append_header(("authorization", "Bearer garbage"))
        .set_json(query.clone());
    let (status, body, _) = app.send(two).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "{body}");
    for scheme in ["BEARER", "bearer", "Bearer", "bEaReR"] {
        let request = TestRequest::post()
            .uri("/graphql")
            .insert_header(("authorization", format!("{scheme} {admin}")))
            .set_json(query.clone());
        let (status, body, _) = app.send(request).await;
        assert_eq!(status, StatusCode::OK, "{scheme}: {body}");
        assert_eq!(body["data"]["me"]["role"], "ADMIN", "{scheme}: {body}");
    }
}

#[actix_web::test]
async fn security_headers_and_metrics_access() {
    let app = TestApp::with(|config| config.metrics_token = Some("scrape-me".parse().unwrap())).await.unwrap();
    for uri in ["/healthz", "/graphql?query=%7B__typename%7D"] {
        let (_, _, headers) = app.send(TestRequest::get().uri(uri)).await;
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff", "{uri}");
        assert_eq!(headers.get("referrer-policy").unwrap(), "no-referrer", "{uri}");
    }
    let request = TestRequest::get().uri("/graphql").insert_header(("accept", "text/html"));
    let response = actix_web::test::call_service(
        &actix_web::test::init_service(hub::http::app(app.state.clone())).await,
        request.to_request(),
    )
    .await;
    let policy = response.headers().get("content-security-policy").unwrap().to_str().unwrap().to_string();
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("'sha256-"), "{policy}");
    assert!(!policy.contains("script-src https://unpkg.com 'unsafe-inline'"), "{policy}");
    assert_eq!(response.headers().get("x-frame-options").unwrap(), "DENY");
    let page = String::from_utf8(actix_web::test::read_body(response).await.to_vec()).unwrap();
    let scripts = page.matches("<script src=").count();
    assert!(
        scripts >= 3 && page.matches("integrity=\"sha384-").count() == scripts + 1,
        "every script and the stylesheet pinned: {page}"
    );
    assert!(!page.contains("@latest") && !page.contains("development.js"), "{page}");

    let remote: std::net::SocketAddr = "203.0.113.9:4000".parse().unwrap();
    let local: std::net::SocketAddr = "127.0.0.1:4000".parse().unwrap();
    let (status, _, _) = app.send(TestRequest::get().uri("/metrics").peer_addr(remote)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "metrics are local-only by default");
    let (status, _, _) = app.send(TestRequest::get().uri("/metrics").peer_addr(local)).await;
    assert_eq!(status, StatusCode::OK);

    let app = TestApp::with(|config| {
        config.metrics = hub::config::MetricsAccess::Token;
        config.metrics_token = Some("scrape-me".parse().unwrap());
    })
    .await
    .unwrap();
    for (token, expected) in [("scrape-me", StatusCode::OK), ("scrape-you", StatusCode::FORBIDDEN)] {
        let request = TestRequest::get()
            .uri("/metrics")
            .peer_addr(remote)
            .insert_header(("authorization", format!("Bearer {token}")));
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, expected, "{token}");
    }
}

#[actix_web::test]
async fn a_body_sent_too_slowly_gets_408() {
    let app = TestApp::with(|config| config.body_timeout_secs = 1).await.unwrap();
    let (address, handle) = app.serve();

    let started = std::time::Instant::now();
    let answer = actix_web::rt::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
        let head =
            "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{";
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = Vec::new();
        for _ in 0..10 {
            std::thread::sleep(std::time::Duration::from_millis(400));
            if stream.write_all(b" ").is_err() {
                break;
            }
            let mut chunk = [0u8; 4096];
            stream.set_nonblocking(true).unwrap();
            if let Ok(n) = stream.read(&mut chunk) {
                answer.extend_from_slice(&chunk[..n]);
            }
            stream.set_nonblocking(false).unwrap();
            if !answer.is_empty() {
                break;
            }
        }
        String::from_utf8_lossy(&answer).to_string()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "{:?}", started.elapsed());
    handle.stop(true).await;
}
