//! Traces: one request sent with a `traceparent` arrives at an OTLP collector on loopback as one trace, under the
//! caller's parent span: the HTTP request, the GraphQL operation named by its operation name, and below it the
//! database statements and the search engine call.

use hub_tests::TestApp;
use hub_tests::otlp::Collector;
use opentelemetry_proto::tonic::trace::v1::Span;
use serde_json::json;
use std::time::Duration;
use tracing_subscriber::layer::SubscriberExt as _;

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN: &str = "00f067aa0ba902b7";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `ancestor` is `span`'s parent, or its parent's, and so on.
fn descends(spans: &[Span], span: &Span, ancestor: &Span) -> bool {
    let mut parent = span.parent_span_id.clone();
    while !parent.is_empty() {
        if parent == ancestor.span_id {
            return true;
        }
        parent = spans.iter().find(|s| s.span_id == parent).map(|s| s.parent_span_id.clone()).unwrap_or_default();
    }
    false
}

#[actix_web::test]
async fn a_request_is_one_trace_under_the_callers_span() {
    let collector = Collector::start();
    let provider = hub::telemetry::tracer(Some(&collector.endpoint)).unwrap();
    let subscriber = tracing_subscriber::registry().with(hub::telemetry::traces(&provider));
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let app = TestApp::demo().await.unwrap();
    let (address, server) = app.serve();
    let query = r#"query PracticesPage { practices(first: 2) { nodes { title countries { name } } }
        search(query: "migrant workers", first: 1) { totalCount } }"#;
    let response = reqwest::Client::new()
        .post(format!("http://{address}/graphql"))
        .header("traceparent", format!("00-{TRACE_ID}-{CALLER_SPAN}-01"))
        .json(&json!({ "query": query, "operationName": "PracticesPage" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    server.stop(true).await;

    let flushed = tokio::task::spawn_blocking(move || provider.force_flush()).await.unwrap();
    flushed.unwrap();
    let mut spans = Vec::new();
    for _ in 0..50 {
        spans = collector.spans().into_iter().filter(|span| hex(&span.trace_id) == TRACE_ID).collect();
        if spans.iter().any(|span| span.name.starts_with("graphql")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let names: Vec<&str> = spans.iter().map(|span| span.name.as_str()).collect();

    // The HTTP request: a server span whose parent is the caller's span.
    let request = spans.iter().find(|span| hex(&span.parent_span_id) == CALLER_SPAN).unwrap_or_else(|| {
        panic!("no span under the caller's: {names:?}");
    });
    assert_eq!(request.kind, 2, "a server span: {}", request.name);
    // The operation, named by its operation name, under the request.
    let operation = spans.iter().find(|span| span.name == "graphql PracticesPage").expect("the operation's span");
    assert!(descends(&spans, operation, request), "{names:?}");
    // The statements and the search call, under the operation.
    let statements: Vec<&Span> = spans.iter().filter(|span| span.name.starts_with("sea_orm.")).collect();
    assert!(!statements.is_empty(), "database statements: {names:?}");
    assert!(statements.iter().all(|span| descends(&spans, span, operation)), "{names:?}");
    let search = spans.iter().find(|span| span.name.starts_with("search.")).expect("the search call's span");
    assert!(descends(&spans, search, operation), "{names:?}");
    assert_eq!(search.kind, 3, "a client span");
    // Every span of the trace hangs from the request.
    assert!(spans.iter().all(|span| span.span_id == request.span_id || descends(&spans, span, request)), "{names:?}");
}
