//! The real server on a real socket: `hub serve`'s code path bound to port 0, queried over TCP.

use hub_tests::TestApp;
use serde_json::{Value, json};

#[actix_web::test]
async fn server_answers_over_tcp() {
    let app = TestApp::demo().await.unwrap();
    let (address, handle) = app.serve();

    let client = reqwest::Client::new();
    let body: Value = client
        .post(format!("http://{address}/graphql"))
        .json(&json!({ "query": "{ practices(first: 5) { totalCount nodes { title countries { name } objectives { number title } } } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data"]["practices"]["nodes"].as_array().unwrap().len(), 5, "{body}");
    let ready = client.get(format!("http://{address}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    handle.stop(true).await;
}
