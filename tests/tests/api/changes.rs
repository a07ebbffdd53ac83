//! The partners' change feed: a scripted life of records (publish, update, a related change, a translation, archive,
//! a takedown, and draft edits that must not appear) gives exactly the expected feed, walked in pages of 1, 7 and
//! 100 from every starting cursor; concurrent writers leave no gap for a reader polling meanwhile; cursors expire
//! past the retention with `CURSOR_EXPIRED`; bad arguments are `BAD_USER_INPUT`. Both databases run it.

use hub_tests::TestApp;
use serde_json::{Value, json};

const FEED: &str = r#"query($after: String, $first: Int, $types: [ContentType!]) {
  changes(after: $after, first: $first, types: $types) {
    cursor pageInfo { hasNextPage }
    edges { cursor node { kind recordId type slug language at record { id ... on Practice { title status } } } } } }"#;

async fn head(app: &TestApp) -> String {
    app.data("{ changesHead }", json!({})).await["changesHead"].as_str().unwrap().to_string()
}

async fn page(app: &TestApp, after: &str, first: i32) -> Value {
    let body = app.graphql(FEED, json!({ "after": after, "first": first })).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["changes"].clone()
}

/// Every change after `after`, in pages of `first`: `(cursor, kind, recordId)` each.
async fn walk(app: &TestApp, after: &str, first: i32) -> Vec<(String, String, String)> {
    let mut seen = Vec::new();
    let mut cursor = after.to_string();
    loop {
        let page = page(app, &cursor, first).await;
        let edges = page["edges"].as_array().unwrap();
        assert!(edges.len() <= first as usize);
        for edge in edges {
            seen.push((
                edge["cursor"].as_str().unwrap().to_string(),
                edge["node"]["kind"].as_str().unwrap().to_string(),
                edge["node"]["recordId"].as_str().unwrap().to_string(),
            ));
        }
        let next = page["cursor"].as_str().unwrap().to_string();
        if edges.is_empty() {
            assert_eq!(next, cursor, "an empty page's cursor is where it started");
            assert_eq!(page["pageInfo"]["hasNextPage"], false);
            return seen;
        }
        assert_eq!(next, seen.last().unwrap().0, "the page's cursor is after its last change");
        cursor = next;
    }
}

const CREATE_PRACTICE: &str =
    "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }";
const CREATE_TOOL: &str =
    "mutation($input: CreateGuidanceToolInput!) { createGuidanceTool(input: $input) { guidanceTool { id } } }";

fn tool(title: &str) -> Value {
    json!({ "input": { "title": title, "summary": "How to set up a one-stop centre.", "toolKind": "GUIDANCE_NOTE" } })
}

fn practice(title: &str, translation_of: Option<&Value>, language: &str, partner: &Value) -> Value {
    json!({ "input": hub_tests::ready_to_submit(json!({
        "title": title, "summary": "A one-stop centre.", "description": "Services in one place.",
        "language": language, "translationOf": translation_of, "objectives": [15], "countries": ["PRT"],
        "partners": [partner],
    })) })
}

#[actix_web::test]
async fn the_feed_tells_exactly_the_public_changes_from_every_cursor_in_any_page_size() {
    let app = TestApp::new().await.unwrap();
    let (alice, editor, admin) =
        (app.token("alice", "contributor"), app.token("eve", "editor"), app.token("ada", "admin"));
    let start = head(&app).await;
    let org = app.ok_as(&editor, "mutation { createOrganization(input: { name: \"Lisbon City Council\", kind: LOCAL_AUTHORITY }) { organization { id version } } }", json!({})).await["createOrganization"]["organization"].clone();

    // A draft's life before publication is private.
    let a = app.ok_as(&alice, CREATE_PRACTICE, practice("One-stop centre in Lisbon", None, "en", &org["id"])).await["createPractice"]["practice"]["id"].clone();
    app.ok_as(&alice, "mutation($id: ID!) { updatePractice(id: $id, version: 1, input: { summary: \"Draft edit\" }) { practice { id } } }", json!({ "id": a })).await;
    app.ok_as(&alice, "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }", json!({ "id": a })).await;
    let b = app.ok_as(&alice, CREATE_PRACTICE, practice("A draft that is deleted", None, "en", &org["id"])).await["createPractice"]["practice"]["id"].clone();
    app.ok_as(&alice, "mutation($id: ID!) { deletePractice(id: $id) { deletedId } }", json!({ "id": b })).await;
    assert!(walk(&app, &start, 100).await.is_empty(), "drafts never appear");

    let mut expected: Vec<(&str, Value)> = Vec::new();
    app.ok_as(&editor, "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }", json!({ "id": a })).await;
    expected.push(("PUBLISHED", a.clone()));
    app.ok_as(&editor, "mutation($id: ID!) { updatePractice(id: $id, version: 2, input: { summary: \"Edited while published\" }) { practice { id } } }", json!({ "id": a })).await;
    expected.push(("UPDATED", a.clone()));
    let tool = app.ok_as(&editor, CREATE_TOOL, tool("Guidance on one-stop centres")).await["createGuidanceTool"]["guidanceTool"]["id"].clone();
    assert_eq!(walk(&app, &start, 100).await.len(), 2, "a tool's draft is private too");
    app.ok_as(
        &editor,
        "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
        json!({ "id": tool }),
    )
    .await;
    expected.push(("PUBLISHED", tool.clone()));
    // A translation published: the record it translates shows it, so that record is updated too.
    let fr = app
        .ok_as(&editor, CREATE_PRACTICE, practice("Guichet unique à Lisbonne", Some(&a), "fr", &org["id"]))
        .await["createPractice"]["practice"]["id"]
        .clone();
    app.ok_as(&editor, "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }", json!({ "id": fr })).await;
    app.ok_as(&editor, "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }", json!({ "id": fr }))
        .await;
    expected.push(("PUBLISHED", fr.clone()));
    expected.push(("UPDATED", a.clone()));
    // The partner organization renamed: both practices show it.
    app.ok_as(&editor, "mutation($id: ID!, $v: Int!) { updateOrganization(id: $id, version: $v, input: { name: \"Lisbon Municipality\" }) { organization { id } } }", json!({ "id": org["id"], "v": org["version"] })).await;
    expected.push(("UPDATED", a.clone()));
    expected.push(("UPDATED", fr.clone()));
    // Archived: a tombstone, and its translation shows one translation fewer.
    app.ok_as(&editor, "mutation($id: ID!) { archivePractice(id: $id) { practice { id } } }", json!({ "id": a })).await;
    expected.push(("UNPUBLISHED", a.clone()));
    expected.push(("UPDATED", fr.clone()));
    // Taken down by an admin (an editor may not): a tombstone.
    let refused = app
        .graphql_as(
            Some(&editor),
            "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }",
            json!({ "id": tool }),
        )
        .await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "INVALID_TRANSITION", "{refused}");
    app.ok_as(&admin, "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }", json!({ "id": tool })).await;
    expected.push(("DELETED", tool.clone()));
    let audit = app.ok_as(&admin, "{ auditTrail(first: 1) { nodes { action } } }", json!({})).await;
    assert_eq!(audit["auditTrail"]["nodes"][0]["action"], "guidance_tool.take_down");

    // The whole feed from the start, and its contents.
    let all = walk(&app, &start, 100).await;
    let got: Vec<(&str, Value)> = all.iter().map(|(_, kind, id)| (kind.as_str(), json!(id))).collect();
    assert_eq!(got, expected);
    let first_page = page(&app, &start, 100).await;
    let nodes: Vec<&Value> = first_page["edges"].as_array().unwrap().iter().map(|e| &e["node"]).collect();
    assert_eq!(nodes[0]["type"], "PRACTICE");
    assert_eq!(nodes[0]["slug"], "one-stop-centre-in-lisbon");
    assert_eq!(nodes[0]["language"], "en");
    assert_eq!(nodes[0]["record"], Value::Null, "the archived practice is no longer shown, even on its old changes");
    assert_eq!(nodes[3]["record"]["title"], "Guichet unique à Lisbonne", "a published record comes with its change");
    for node in &nodes {
        if matches!(node["kind"].as_str(), Some("UNPUBLISHED" | "DELETED")) {
            assert_eq!(node["record"], Value::Null, "tombstones carry no record");
        }
    }
    assert_eq!(head(&app).await, all.last().unwrap().0, "the head is the last change");

    // From every starting cursor, in pages of 1, 7 and 100: the rest of the feed, exactly.
    let mut starts = vec![start.clone()];
    starts.extend(all.iter().map(|(cursor, _, _)| cursor.clone()));
    for (skip, cursor) in starts.iter().enumerate() {
        for first in [1, 7, 100] {
            assert_eq!(walk(&app, cursor, first).await, all[skip..].to_vec(), "from change {skip} by {first}");
        }
    }
    // Types narrow it; the cursor still moves only over what was returned.
    let tools = app.graphql(FEED, json!({ "after": start, "types": ["GUIDANCE_TOOL"] })).await;
    let kinds: Vec<&str> = tools["data"]["changes"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["PUBLISHED", "DELETED"]);
}

#[actix_web::test]
async fn concurrent_writers_leave_no_gap_for_a_reader_polling_meanwhile() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("eve", "editor");
    let start = head(&app).await;
    let (writers, each) = (6, 5);
    let writing = async {
        let tasks = (0..writers).map(|w| {
            let (app, editor) = (&app, &editor);
            async move {
                for i in 0..each {
                    let id = app.ok_as(editor, CREATE_TOOL, tool(&format!("Tool {w}-{i}"))).await["createGuidanceTool"]
                        ["guidanceTool"]["id"]
                        .clone();
                    app.ok_as(
                        editor,
                        "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
                        json!({ "id": id }),
                    )
                    .await;
                }
            }
        });
        futures_util::future::join_all(tasks).await;
    };
    let done = std::sync::atomic::AtomicBool::new(false);
    let reading = async {
        let mut seen = Vec::new();
        let mut cursor = start.clone();
        loop {
            let finished = done.load(std::sync::atomic::Ordering::SeqCst);
            let page = page(&app, &cursor, 3).await;
            for edge in page["edges"].as_array().unwrap() {
                seen.push(edge["node"]["recordId"].as_str().unwrap().to_string());
            }
            cursor = page["cursor"].as_str().unwrap().to_string();
            if finished && page["edges"].as_array().unwrap().is_empty() {
                return seen;
            }
            tokio::task::yield_now().await;
        }
    };
    let (_, seen) = futures_util::join!(
        async {
            writing.await;
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        },
        reading
    );
    let all: Vec<String> = walk(&app, &start, 100).await.into_iter().map(|(_, _, id)| id).collect();
    assert_eq!(all.len(), writers * each, "one PUBLISHED per tool");
    assert_eq!(seen, all, "the polling reader saw every change, in feed order, none skipped or repeated");
}

#[actix_web::test]
async fn old_cursors_expire_and_bad_arguments_are_refused() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("eve", "editor");
    let start = head(&app).await;
    for title in ["First tool", "Second tool"] {
        let id = app.ok_as(&editor, CREATE_TOOL, tool(title)).await["createGuidanceTool"]["guidanceTool"]["id"].clone();
        app.ok_as(
            &editor,
            "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
            json!({ "id": id }),
        )
        .await;
    }
    let first = walk(&app, &start, 100).await[0].0.clone();
    for (variables, field) in [
        (json!({ "first": 0 }), "first"),
        (json!({ "first": 101 }), "first"),
        (json!({ "after": "not-a-cursor" }), "after"),
    ] {
        let body = app.graphql(FEED, variables.clone()).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{variables}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{variables}");
    }
    // A list cursor is no feed cursor.
    let list = app.data("{ guidanceTools(first: 1) { edges { cursor } } }", json!({})).await;
    let body = app.graphql(FEED, json!({ "after": list["guidanceTools"]["edges"][0]["cursor"] })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");

    // 91 days later, the retention has passed: the old cursors expire, the head still works.
    let later = chrono::Utc::now() + chrono::TimeDelta::days(91);
    hub::service::changes::purge(app.db(), later).await.unwrap();
    for cursor in [&start, &first] {
        let body = app.graphql(FEED, json!({ "after": cursor })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "CURSOR_EXPIRED", "{body}");
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("sync again"));
    }
    let now = head(&app).await;
    assert!(walk(&app, &now, 10).await.is_empty());
    // What comes next is told after the head, and the feed still knows what the records were.
    let tools = app.data("{ guidanceTools(first: 1) { nodes { id } } }", json!({})).await;
    let tool = tools["guidanceTools"]["nodes"][0]["id"].clone();
    app.ok_as(
        &editor,
        "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }",
        json!({ "id": tool }),
    )
    .await;
    let after = walk(&app, &now, 10).await;
    assert_eq!(after.iter().map(|(_, kind, _)| kind.as_str()).collect::<Vec<_>>(), ["UNPUBLISHED"]);
}
