//! Calls for practices over HTTP: editors write and publish them, everybody lists them by where they stand (derived
//! from the dates, in the call's time zone), practices name the call they answer, a late answer is refused with the
//! deadline in the message while editors may still publish, an early close tells the contributors once, the
//! calls' clock tells them when a deadline passes, answers carry a `call` facet, the migration links free-text
//! titles, and the pages show it all.

use chrono::{Duration, Utc};
use hub_entity::enums::NotificationEvent;
use hub_entity::{audit_event, notification};
use hub_tests::{TestApp, error_code as code};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const CREATE: &str = r#"mutation($input: CreateCallForPracticesInput!) {
    createCallForPractices(input: $input) { callForPractices { id slug status publicationStatus version } } }"#;
const PUBLISH: &str = "mutation($id: ID!) { publishCallForPractices(id: $id) { callForPractices { id slug } } }";
const CREATE_PRACTICE: &str = r#"mutation($input: CreatePracticeInput!) {
    createPractice(input: $input) { practice { id callForPractices call { slug title } } } }"#;
const SUBMIT: &str = "mutation($id: ID!) { submitPractice(id: $id) { practice { status } } }";
const PUBLISH_PRACTICE: &str = "mutation($id: ID!) { publishPractice(id: $id) { practice { status } } }";
const CLOSE: &str =
    "mutation($id: ID!) { closeCallForPractices(id: $id) { callForPractices { status closedEarlyAt } } }";
const LIST: &str = r#"query($status: CallStatus) { callsForPractices(status: $status, first: 20) {
    totalCount nodes { slug status deadline answerCount } } }"#;

fn day(offset: i64) -> String {
    (Utc::now() + Duration::days(offset)).date_naive().to_string()
}

/// A call's create input: `title`, open from `opens` days from today to `closes` days from today.
fn call_input(title: &str, opens: i64, closes: i64) -> Value {
    json!({ "title": title, "summary": "Practices on data for evidence-based policies.",
        "description": "Programmes that facilitate GCM implementation through data.",
        "opensOn": day(opens), "deadline": day(closes), "objectives": [1], "themes": ["data"],
        "criteria": "Fully or mostly completed.", "contact": "hub@example.org" })
}

async fn published_call(app: &TestApp, editor: &str, title: &str, opens: i64, closes: i64) -> Value {
    let call =
        app.ok_as(editor, CREATE, json!({ "input": call_input(title, opens, closes) })).await["createCallForPractices"]
            ["callForPractices"]
            .clone();
    app.ok_as(editor, PUBLISH, json!({ "id": call["id"] })).await["publishCallForPractices"]["callForPractices"].clone()
}

fn slugs(list: &Value) -> Vec<&str> {
    list["nodes"].as_array().unwrap().iter().map(|n| n["slug"].as_str().unwrap()).collect()
}

#[actix_web::test]
async fn calls_are_listed_by_where_they_stand_and_drafts_stay_with_editors() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("eve", "editor");
    let open = published_call(&app, &editor, "Call for Practices: Migration Data", -10, 30).await;
    let upcoming = published_call(&app, &editor, "Call for Practices: Climate and mobility", 5, 60).await;
    let closed = published_call(&app, &editor, "Call for Practices: Domestic workers", -90, -30).await;
    let draft = app.ok_as(&editor, CREATE, json!({ "input": call_input("Call for Practices: Draft", 0, 90) })).await;
    let draft = &draft["createCallForPractices"]["callForPractices"];
    assert_eq!((draft["status"].as_str(), draft["publicationStatus"].as_str()), (Some("OPEN"), Some("DRAFT")));

    // Anonymous readers: published calls only, newest deadline first; each status filter.
    let all = app.data(LIST, json!({})).await["callsForPractices"].clone();
    assert_eq!(slugs(&all), [&upcoming["slug"], &open["slug"], &closed["slug"]].map(|s| s.as_str().unwrap()));
    assert_eq!(all["totalCount"], 3);
    for (status, call) in [("OPEN", &open), ("UPCOMING", &upcoming), ("CLOSED", &closed)] {
        let only = app.data(LIST, json!({ "status": status })).await["callsForPractices"].clone();
        assert_eq!(slugs(&only), [call["slug"].as_str().unwrap()], "{status}");
        assert_eq!(only["nodes"][0]["status"], status);
    }
    // Editors see the draft too; nobody else finds it, by list or by slug.
    let editors = app.ok_as(&editor, LIST, json!({})).await["callsForPractices"].clone();
    assert_eq!(editors["totalCount"], 4);
    let by_slug = "query($slug: String) { callForPractices(slug: $slug) { title criteria contact timeZone closesAt } }";
    assert_eq!(app.data(by_slug, json!({ "slug": draft["slug"] })).await["callForPractices"], Value::Null);
    let one = app.data(by_slug, json!({ "slug": open["slug"] })).await["callForPractices"].clone();
    assert_eq!(one["title"], "Call for Practices: Migration Data");
    assert_eq!(one["timeZone"], "UTC");
    assert_eq!(one["closesAt"].as_str().unwrap()[..10], day(31), "the end of the deadline day, UTC");

    // The change feed carries each call's publication (the draft is not public).
    let feed = r#"{ changes(first: 20, types: [CALL_FOR_PRACTICES]) { edges { node { kind type slug } } } }"#;
    let changes = app.data(feed, json!({})).await["changes"]["edges"].clone();
    let published: Vec<(&str, &str, &str)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["kind"].as_str().unwrap(),
                e["node"]["type"].as_str().unwrap(),
                e["node"]["slug"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(published.len(), 3, "{changes}");
    assert!(published.iter().all(|(kind, kind_type, _)| *kind == "PUBLISHED" && *kind_type == "CALL_FOR_PRACTICES"));

    // Pages of calls: first 2, then the rest after the cursor.
    let page = r#"query($after: String) { callsForPractices(first: 2, after: $after) {
        nodes { slug } pageInfo { hasNextPage endCursor } } }"#;
    let first = app.data(page, json!({})).await["callsForPractices"].clone();
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let rest = app.data(page, json!({ "after": first["pageInfo"]["endCursor"] })).await["callsForPractices"].clone();
    assert_eq!(slugs(&rest), [closed["slug"].as_str().unwrap()]);
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);
}

#[actix_web::test]
async fn a_call_with_bad_dates_or_zone_is_refused_and_its_zone_moves_the_deadline() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("eve", "editor");
    let contributor = app.token("alice", "contributor");
    let mut late = call_input("Call for Practices: Backwards", 0, 10);
    late["deadline"] = json!(day(-1));
    assert_eq!(
        app.fails_as(Some(&editor), CREATE, json!({ "input": late })).await,
        ("BAD_USER_INPUT".into(), Some("deadline".into()))
    );
    let mut zone = call_input("Call for Practices: Nowhere", 0, 10);
    zone["timeZone"] = json!("Europe/Geneva");
    assert_eq!(
        app.fails_as(Some(&editor), CREATE, json!({ "input": zone })).await,
        ("BAD_USER_INPUT".into(), Some("timeZone".into()))
    );
    assert_eq!(
        app.fails_as(Some(&contributor), CREATE, json!({ "input": call_input("Call for Practices: Mine", 0, 10) }))
            .await
            .0,
        "FORBIDDEN"
    );

    // Kiribati's day ends 14 hours before UTC's: a deadline of today there may already have passed.
    let mut kiritimati = call_input("Call for Practices: Pacific", -10, 0);
    kiritimati["timeZone"] = json!("Pacific/Kiritimati");
    let call =
        app.ok_as(&editor, CREATE, json!({ "input": kiritimati })).await["createCallForPractices"]["callForPractices"]
            .clone();
    let read = "query($id: ID!) { node(id: $id) { ... on CallForPractices { closesAt timeZone } } }";
    let node = app.ok_as(&editor, read, json!({ "id": call["id"] })).await["node"].clone();
    let closes_at = chrono::DateTime::parse_from_rfc3339(node["closesAt"].as_str().unwrap()).unwrap();
    let utc_end = (Utc::now().date_naive() + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap().and_utc();
    assert_eq!(utc_end - closes_at.to_utc(), Duration::hours(14), "{node}");
}

#[actix_web::test]
async fn answers_name_their_call_late_ones_are_refused_and_editors_still_publish() {
    let app = TestApp::new().await.unwrap();
    let (editor, alice) = (app.token("eve", "editor"), app.token("alice", "contributor"));
    let open = published_call(&app, &editor, "Call for Practices: Migration Data", -10, 30).await;
    let closed = published_call(&app, &editor, "Call for Practices: Domestic workers", -90, -30).await;
    let draft = app.ok_as(&editor, CREATE, json!({ "input": call_input("Call for Practices: Draft", 0, 90) })).await
        ["createCallForPractices"]["callForPractices"]
        .clone();

    let answer = |title: &str, call: &Value| {
        let input = hub_tests::ready_to_submit(json!({ "title": title, "summary": "Data that reaches policy.",
            "description": "A national observatory publishes migration statistics every quarter.",
            "objectives": [1], "call": call["id"] }));
        json!({ "input": input })
    };
    // An unpublished call cannot be answered.
    let refused = app.fails_as(Some(&alice), CREATE_PRACTICE, answer("Quarterly migration statistics", &draft)).await;
    assert_eq!(refused, ("BAD_USER_INPUT".into(), Some("call".into())));

    let on_time = app.ok_as(&alice, CREATE_PRACTICE, answer("Quarterly migration statistics", &open)).await;
    let on_time = &on_time["createPractice"]["practice"];
    assert_eq!(on_time["call"]["slug"], open["slug"]);
    assert_eq!(
        on_time["callForPractices"], "Call for Practices: Migration Data",
        "the deprecated text follows the call"
    );
    app.ok_as(&alice, SUBMIT, json!({ "id": on_time["id"] })).await;

    let late = app.ok_as(&alice, CREATE_PRACTICE, answer("Domestic workers' union", &closed)).await;
    let late_id = late["createPractice"]["practice"]["id"].clone();
    let body = app.graphql_as(Some(&alice), SUBMIT, json!({ "id": late_id })).await;
    assert_eq!(code(&body), "INVALID_TRANSITION", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    let deadline = (Utc::now() - Duration::days(30)).date_naive().format("%-d %B %Y").to_string();
    assert!(message.contains(&deadline) && message.contains("Domestic workers"), "{message}");

    // Unlinked, the same draft can be submitted; naming the open call works too.
    let update = r#"mutation($id: ID!, $v: Int!, $input: UpdatePracticeInput!) {
        updatePractice(id: $id, version: $v, input: $input) { practice { call { slug } version } } }"#;
    let moved = app.ok_as(&alice, update, json!({ "id": late_id, "v": 1, "input": { "call": open["id"] } })).await;
    assert_eq!(moved["updatePractice"]["practice"]["call"]["slug"], open["slug"]);
    let unlinked = app.ok_as(&alice, update, json!({ "id": late_id, "v": 2, "input": { "call": null } })).await;
    assert_eq!(unlinked["updatePractice"]["practice"]["call"], Value::Null);
    // Unlinked for good: publishing another call of the same title does not link it back.
    published_call(&app, &editor, "Call for Practices: Migration Data", -1, 10).await;
    let read = "query($id: ID!) { node(id: $id) { ... on Practice { call { slug } callForPractices } } }";
    let node = app.ok_as(&alice, read, json!({ "id": late_id })).await["node"].clone();
    assert_eq!((node["call"].clone(), node["callForPractices"].clone()), (Value::Null, Value::Null));

    // The call closes early with an answer still under review: editors may still publish it.
    app.ok_as(&editor, CLOSE, json!({ "id": open["id"] })).await;
    assert_eq!(app.fails_as(Some(&editor), CLOSE, json!({ "id": open["id"] })).await.0, "INVALID_TRANSITION");
    app.ok_as(&editor, PUBLISH_PRACTICE, json!({ "id": on_time["id"] })).await;
    let answers = r#"query($slug: String) { callForPractices(slug: $slug) { status answerCount
        practices(first: 5) { totalCount nodes { title } } } }"#;
    let call = app.data(answers, json!({ "slug": open["slug"] })).await["callForPractices"].clone();
    assert_eq!(call["status"], "CLOSED");
    assert_eq!((call["answerCount"].as_i64(), call["practices"]["totalCount"].as_i64()), (Some(1), Some(1)));
    assert_eq!(call["practices"]["nodes"][0]["title"], "Quarterly migration statistics");
    // The early close is in the trail, with the deadline it came before.
    let closes =
        audit_event::Entity::find().filter(audit_event::Column::Action.eq("call.close")).all(app.db()).await.unwrap();
    assert_eq!(closes.len(), 1);
}

async fn told(app: &TestApp, subject: &str) -> Vec<notification::Model> {
    notification::Entity::find()
        .filter(notification::Column::Recipient.eq(subject))
        .filter(notification::Column::Event.eq(NotificationEvent::CallClosed))
        .all(app.db())
        .await
        .unwrap()
}

#[actix_web::test]
async fn contributors_hear_once_when_their_call_closes_early_or_by_its_deadline() {
    let app = TestApp::new().await.unwrap();
    let (editor, alice, bob) =
        (app.token("eve", "editor"), app.token("alice", "contributor"), app.token("bob", "contributor"));
    let early = published_call(&app, &editor, "Call for Practices: Closed early", -10, 30).await;
    let timely = published_call(&app, &editor, "Call for Practices: Closing soon", -10, 2).await;
    for (token, call) in [(&alice, &early), (&bob, &early), (&alice, &timely)] {
        let input = json!({ "title": "An answer to a call", "summary": "What the practice does.",
            "description": "A practice answering the call.", "call": call["id"] });
        app.ok_as(token, CREATE_PRACTICE, json!({ "input": input })).await;
    }
    app.ok_as(&editor, CLOSE, json!({ "id": early["id"] })).await;
    assert_eq!(told(&app, "alice").await.len(), 1);
    assert_eq!(told(&app, "bob").await.len(), 1);
    assert_eq!(told(&app, "alice").await[0].title, "Call for Practices: Closed early");

    // The clock: nothing before the deadline, both calls' contributors once after it, and never again.
    let calls = hub::service::content::call_for_practices::announce_closed;
    assert_eq!(calls(app.db(), Utc::now()).await.unwrap(), 0, "the early close was announced already");
    assert_eq!(calls(app.db(), Utc::now() + Duration::days(4)).await.unwrap(), 1);
    assert_eq!(calls(app.db(), Utc::now() + Duration::days(5)).await.unwrap(), 0);
    assert_eq!(told(&app, "alice").await.len(), 2);
    assert_eq!(told(&app, "bob").await.len(), 1);
    let mine = app.ok_as(&alice, "{ notifications(first: 5) { nodes { event title } } }", json!({})).await;
    assert_eq!(mine["notifications"]["nodes"][0]["event"], "CALL_CLOSED");
}

#[actix_web::test]
async fn answers_carry_a_call_facet_and_filter_by_it() {
    let app = TestApp::demo().await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let query = r#"query($filter: SearchFilter) { search(query: "", filter: $filter, first: 20) {
        totalCount nodes { ... on Practice { slug } } facets { field values { value label count } } } }"#;
    let all = app.data(query, json!({})).await["search"].clone();
    let call = all["facets"].as_array().unwrap().iter().find(|f| f["field"] == "CALL").expect("a CALL facet").clone();
    let data = call["values"].as_array().unwrap().iter().find(|v| v["value"] == "migration-data").unwrap().clone();
    assert_eq!(data["label"], "Call for Practices: Migration Data");
    // Four published answers (one of them a translation) in the demo corpus.
    assert_eq!(data["count"], 4);
    let only = app.data(query, json!({ "filter": { "calls": ["migration-data"] } })).await["search"].clone();
    assert_eq!(only["totalCount"], 4);
    let list = r#"{ practices(filter: { calls: ["migration-data"] }) { totalCount } }"#;
    assert_eq!(app.data(list, json!({})).await["practices"]["totalCount"], 4, "lists take the same filter");
    // Calls themselves are not search hits.
    let types = r#"{ search(query: "migration data", types: [CALL_FOR_PRACTICES]) { totalCount } }"#;
    assert_eq!(app.data(types, json!({})).await["search"]["totalCount"], 0);
}

#[actix_web::test]
async fn the_migration_links_free_text_titles_once_and_keeps_the_rest() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("eve", "editor");
    let alice = app.token("alice", "contributor");
    let create = |title: &str, text: &str| {
        json!({ "input": { "title": title, "summary": "What the practice does.",
            "description": "A practice answering the call.", "callForPractices": text } })
    };
    let typed = ["CALL FOR PRACTICES: MIGRATION DATA", "Call for practices — migration data", "Another call, 2021"];
    let mut ids = Vec::new();
    for (n, text) in typed.iter().enumerate() {
        let id = app.ok_as(&alice, CREATE_PRACTICE, create(&format!("Answer number {n}"), text)).await["createPractice"]
            ["practice"]["id"]
            .clone();
        ids.push(id);
    }
    // Publishing the call links what was typed before it existed (case, accents and punctuation aside).
    let call = published_call(&app, &editor, "Call for Practices: Migration Dátà", -1, 30).await;
    let read = "query($id: ID!) { node(id: $id) { ... on Practice { callForPractices call { slug } } } }";
    let call_of = |body: Value| body["node"]["call"]["slug"].as_str().map(str::to_string);
    for (id, linked) in ids.iter().zip([true, true, false]) {
        let node = app.ok_as(&alice, read, json!({ "id": id })).await;
        assert_eq!(call_of(node.clone()), linked.then(|| call["slug"].as_str().unwrap().to_string()), "{node}");
    }
    let third = app.ok_as(&alice, read, json!({ "id": ids[2] })).await;
    assert_eq!(third["node"]["callForPractices"], "Another call, 2021", "kept as text");

    // Run again: nothing changes.
    let before = app
        .db()
        .query_all_raw(sea_orm::Statement::from_string(
            app.db().get_database_backend(),
            "SELECT content_id, call_id FROM practices ORDER BY content_id",
        ))
        .await
        .unwrap()
        .len();
    hub_migration::link_call_answers(app.db()).await.unwrap();
    hub_migration::link_call_answers(app.db()).await.unwrap();
    for (id, linked) in ids.iter().zip([true, true, false]) {
        let node = app.ok_as(&alice, read, json!({ "id": id })).await;
        assert_eq!(call_of(node).is_some(), linked);
    }
    assert_eq!(before, 3);
}

#[actix_web::test]
async fn the_calls_pages_show_the_demo_calls_and_their_answers() {
    let app = TestApp::demo().await.unwrap();
    let (status, html, _) = app.get_text("/calls").await;
    assert_eq!(status, 200);
    for text in [
        "Open calls",
        "Upcoming calls",
        "Closed calls",
        "Call for Practices: Migration Data",
        "Call for Practices: Migrant domestic workers as agents of change",
        "/calls/migration-data",
    ] {
        assert!(html.contains(text), "/calls shows {text}");
    }
    let (status, html, _) = app.get_text("/calls/migration-data").await;
    assert_eq!(status, 200);
    for text in
        ["Jul 31, 2024", "Closed", "Criteria", "Published answers", "/practices/tunisia-national-migration-observatory"]
    {
        assert!(html.contains(text), "the call's page shows {text}");
    }
    let (status, html, _) = app.get_text("/practices/tunisia-national-migration-observatory").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/calls/migration-data\""), "a practice links to the call it answers");
    let (status, _, _) = app.get_text("/calls/no-such-call").await;
    assert_eq!(status, 404);
}
