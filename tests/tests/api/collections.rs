//! Collections ("Global Practices") over HTTP: editors curate them (items in order with notes, set in one step at a
//! version), feature them, and publish them; the public sees published items only, editors also see the items
//! archived since, marked; records list the collections that hold them; the change feed carries them; the demo's
//! Global Practices cover every objective its published practices cover, on the landing page and their own page.

use hub_tests::TestApp;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const CREATE_TOOL: &str = r#"mutation($title: String!) { createGuidanceTool(input: { title: $title,
    summary: "A toolkit for labour inspectors.", toolKind: TOOLKIT }) { guidanceTool { id } } }"#;
const PUBLISH_TOOL: &str = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
const ARCHIVE_TOOL: &str = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }";
const CREATE: &str = r#"mutation($input: CreateCollectionInput!) { createCollection(input: $input) {
    collection { id slug version items { position } } } }"#;
const PUBLISH: &str = "mutation($id: ID!) { publishCollection(id: $id) { collection { id slug } } }";
const SET: &str = r#"mutation($id: ID!, $v: Int!, $items: [CollectionItemInput!]!) {
    setCollectionItems(id: $id, version: $v, items: $items) { collection { version items { note record { ... on GuidanceTool { title } } } } } }"#;
const READ: &str = r#"query($slug: String) { collection(slug: $slug) { title featured curator { name }
    items { position note isPublic record { __typename ... on GuidanceTool { title } ... on PeerExchange { title } } } } }"#;

async fn tool(app: &TestApp, editor: &str, title: &str, publish: bool) -> Value {
    let id =
        app.ok_as(editor, CREATE_TOOL, json!({ "title": title })).await["createGuidanceTool"]["guidanceTool"]["id"]
            .clone();
    if publish {
        app.ok_as(editor, PUBLISH_TOOL, json!({ "id": id })).await;
    }
    id
}

fn titles(collection: &Value) -> Vec<String> {
    let items = collection["items"].as_array().unwrap_or_else(|| panic!("no items: {collection}"));
    items.iter().map(|i| i["record"]["title"].as_str().unwrap_or_else(|| panic!("{collection}")).to_string()).collect()
}

#[actix_web::test]
async fn editors_curate_collections_and_the_public_sees_what_is_published() {
    let app = TestApp::new().await.unwrap();
    let (editor, alice) = (app.token("eve", "editor"), app.token("alice", "contributor"));
    let first = tool(&app, &editor, "Labour inspection toolkit", true).await;
    let second = tool(&app, &editor, "Guide to fair recruitment", true).await;
    let third = tool(&app, &editor, "Handbook on consular assistance", true).await;
    let draft = tool(&app, &editor, "A draft toolkit", false).await;
    let org = app.ok_as(&editor, r#"mutation { createOrganization(input: { name: "UN Network on Migration", kind: UN }) { organization { id } } }"#, json!({})).await
        ["createOrganization"]["organization"]["id"]
        .clone();

    let input = |items: Value| {
        json!({ "input": { "title": "Global Practices", "summary": "A selection chosen by the Network's editors.",
            "description": "Practices and tools chosen for each objective of the Compact.", "curator": org,
            "items": items } })
    };
    // Items must be published practices, tools or exchanges, each once; contributors do not curate.
    let with_draft = input(json!([{ "record": first }, { "record": draft }]));
    assert_eq!(
        app.fails_as(Some(&editor), CREATE, with_draft).await,
        ("BAD_USER_INPUT".into(), Some("items.record".into()))
    );
    let twice = input(json!([{ "record": first }, { "record": first }]));
    assert_eq!(app.fails_as(Some(&editor), CREATE, twice).await.1.as_deref(), Some("items.record"));
    assert_eq!(app.fails_as(Some(&alice), CREATE, input(json!([]))).await.0, "FORBIDDEN");

    let items = json!([{ "record": first, "note": "For Objective 6: decent work." }, { "record": second }]);
    let created = app.ok_as(&editor, CREATE, input(items)).await["createCollection"]["collection"].clone();
    let (id, draft_slug) = (created["id"].clone(), created["slug"].clone());
    // A draft collection is the editors' alone.
    assert_eq!(app.data(READ, json!({ "slug": draft_slug })).await["collection"], Value::Null);
    let slug =
        app.ok_as(&editor, PUBLISH, json!({ "id": id })).await["publishCollection"]["collection"]["slug"].clone();
    let public = app.data(READ, json!({ "slug": slug })).await["collection"].clone();
    assert_eq!(titles(&public), ["Labour inspection toolkit", "Guide to fair recruitment"]);
    assert_eq!(public["items"][0]["note"], "For Objective 6: decent work.");
    assert_eq!(public["curator"]["name"], "UN Network on Migration");

    // One step sets the whole order at the version read; a stale version changes nothing.
    let version = app
        .ok_as(&editor, "query($id: ID!) { node(id: $id) { ... on Collection { version } } }", json!({ "id": id }))
        .await["node"]["version"]
        .as_i64()
        .unwrap();
    let reorder = json!([{ "record": third, "note": "New." }, { "record": first, "note": "For Objective 6." }]);
    let stale = app.fails_as(Some(&editor), SET, json!({ "id": id, "v": version - 1, "items": reorder })).await;
    assert_eq!(stale.0, "CONFLICT");
    let set = app.ok_as(&editor, SET, json!({ "id": id, "v": version, "items": reorder })).await;
    assert_eq!(set["setCollectionItems"]["collection"]["version"], version + 1);
    let public = app.data(READ, json!({ "slug": slug })).await["collection"].clone();
    assert_eq!(titles(&public), ["Handbook on consular assistance", "Labour inspection toolkit"]);

    // Archived later: gone from the public view, kept and marked in the editors'.
    app.ok_as(&editor, ARCHIVE_TOOL, json!({ "id": third })).await;
    let public = app.data(READ, json!({ "slug": slug })).await["collection"].clone();
    assert_eq!(titles(&public), ["Labour inspection toolkit"]);
    let editors = app.ok_as(&editor, READ, json!({ "slug": slug })).await["collection"].clone();
    let marks: Vec<(String, bool)> = editors["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["record"]["title"].as_str().unwrap().to_string(), i["isPublic"].as_bool().unwrap()))
        .collect();
    assert_eq!(marks, [("Handbook on consular assistance".into(), false), ("Labour inspection toolkit".into(), true)]);

    // A record names the collections that hold it; featured ones are listed apart.
    let holding = "query($id: ID!) { node(id: $id) { ... on GuidanceTool { collections { slug } } } }";
    assert_eq!(app.data(holding, json!({ "id": first })).await["node"]["collections"][0]["slug"], slug);
    let featured = "{ collections(featured: true) { totalCount nodes { slug } } }";
    assert_eq!(app.data(featured, json!({})).await["collections"]["totalCount"], 0);
    let feature = r#"mutation($id: ID!, $v: Int!) { updateCollection(id: $id, version: $v, input: { featured: true }) { collection { featured } } }"#;
    app.ok_as(&editor, feature, json!({ "id": id, "v": version + 1 })).await;
    assert_eq!(app.data(featured, json!({})).await["collections"]["nodes"][0]["slug"], slug);

    // The change feed: published, then updated by each later change.
    let feed = r#"{ changes(first: 20, types: [COLLECTION]) { edges { node { kind type } } } }"#;
    let kinds: Vec<String> = app.data(feed, json!({})).await["changes"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["PUBLISHED", "UPDATED", "UPDATED"]);
}

#[actix_web::test]
async fn the_demo_global_practices_cover_every_objective_and_are_featured_on_the_landing_page() {
    let app = TestApp::demo().await.unwrap();
    let query = r#"{ collection(slug: "global-practices") { title featured items { note record {
        ... on Practice { slug status objectives { number } } } } }
        practices(first: 100) { nodes { objectives { number } } } }"#;
    let data = app.data(query, json!({})).await;
    let collection = &data["collection"];
    assert_eq!(collection["featured"], true);
    let covered = |nodes: &[Value]| -> BTreeSet<i64> {
        nodes
            .iter()
            .flat_map(|n| n["objectives"].as_array().unwrap().iter().map(|o| o["number"].as_i64().unwrap()))
            .collect()
    };
    let records: Vec<Value> = collection["items"].as_array().unwrap().iter().map(|i| i["record"].clone()).collect();
    assert_eq!(covered(&records), covered(data["practices"]["nodes"].as_array().unwrap()), "one or more per objective");
    assert!(
        collection["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["note"].as_str().is_some_and(|n| n.starts_with("For Objective")))
    );

    let (status, landing, _) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(landing.contains("Featured collections") && landing.contains("/collections/global-practices"));
    let (_, searching, _) = app.get_text("/?q=detention").await;
    assert!(!searching.contains("Featured collections"), "a search shows its results only");
    let (status, page, _) = app.get_text("/collections/global-practices").await;
    assert_eq!(status, 200);
    for text in [
        "Global Practices",
        "In this collection",
        "Curated by",
        "/practices/nepal-foreign-employment-information-system",
        "For Objective 1 (Data)",
    ] {
        assert!(page.contains(text), "the collection's page shows {text}");
    }
}
