//! Contributions and review over HTTP: creating and editing practices, the workflow state machine, stale versions,
//! who may do what, the history and the audit trail.

use hub_tests::{TestApp, error_code as code};
use serde_json::{Value, json};

const CREATE: &str = r#"mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id slug status version title } } }"#;
const UPDATE: &str = r#"mutation($id: ID!, $v: Int!, $input: UpdatePracticeInput!) { updatePractice(id: $id, version: $v, input: $input) { practice { status version title summary objectives { number } } } }"#;
const READ: &str = r#"query($id: ID) { practice(id: $id) { id slug status version reviewNote publishedAt } }"#;

fn input(title: &str) -> Value {
    hub_tests::ready_to_submit(json!({
        "title": title,
        "summary": "A municipal one-stop centre for newly arrived migrants.",
        "description": "Migrants register once and reach health, schooling and employment services in one place.",
        "language": "en",
        "objectives": [15, 16],
        "principles": ["whole_of_society"],
        "themes": ["access_to_services"],
        "countries": ["PRT"],
        "regions": ["unece"],
        "startDate": "2021-01-01",
    }))
}

async fn mutate(app: &TestApp, token: Option<&str>, name: &str, id: &Value, note: Option<&str>) -> Value {
    let selection = if name == "deletePractice" { "deletedId" } else { "practice { slug status version }" };
    let query = match note {
        Some(_) => format!("mutation($id: ID!, $note: String!) {{ {name}(id: $id, note: $note) {{ {selection} }} }}"),
        None => format!("mutation($id: ID!) {{ {name}(id: $id) {{ {selection} }} }}"),
    };
    app.graphql_as(token, &query, json!({ "id": id, "note": note })).await
}

async fn create(app: &TestApp, token: &str, title: &str) -> Value {
    let body = app.graphql_as(Some(token), CREATE, json!({ "input": input(title) })).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["createPractice"]["practice"].clone()
}

#[actix_web::test]
async fn a_practice_goes_from_draft_to_archive_with_its_history() {
    let app = TestApp::new().await.unwrap();
    let (alice, bob, editor) =
        (app.token("alice", "contributor"), app.token("bob", "contributor"), app.token("eve", "editor"));

    let practice = create(&app, &alice, "One-stop centre for newcomers in Lisbon").await;
    assert_eq!(practice["status"], "DRAFT");
    assert_eq!(practice["version"], 1);
    // A draft's slug is provisional: the title's with a random suffix, so it reveals no other hidden record.
    let provisional = practice["slug"].as_str().unwrap().to_string();
    assert!(provisional.starts_with("one-stop-centre-for-newcomers-in-lisbon-draft-"), "{provisional}");
    let id = practice["id"].clone();
    let again = create(&app, &alice, "One-stop centre for newcomers in Lisbon").await["slug"].clone();
    assert!(
        again.as_str().unwrap().starts_with("one-stop-centre-for-newcomers-in-lisbon-draft-") && again != provisional
    );

    // Who sees the draft: its owner and editors; not anonymous callers, not another contributor.
    assert_eq!(app.graphql_as(None, READ, json!({ "id": id })).await["data"]["practice"], Value::Null);
    assert_eq!(app.graphql_as(Some(&bob), READ, json!({ "id": id })).await["data"]["practice"], Value::Null);
    assert_eq!(app.graphql_as(Some(&alice), READ, json!({ "id": id })).await["data"]["practice"]["status"], "DRAFT");
    assert_eq!(app.graphql_as(Some(&editor), READ, json!({ "id": id })).await["data"]["practice"]["status"], "DRAFT");
    for (token, expected) in [(None, 0), (Some(&bob), 0), (Some(&alice), 2), (Some(&editor), 2)] {
        let body = app.graphql_as(token.map(String::as_str), "{ practices { totalCount } }", json!({})).await;
        assert_eq!(body["data"]["practices"]["totalCount"], expected, "{token:?}");
    }

    assert_eq!(
        mutate(&app, Some(&alice), "submitPractice", &id, None).await["data"]["submitPractice"]["practice"]["status"],
        "SUBMITTED"
    );
    assert_eq!(code(&mutate(&app, Some(&alice), "publishPractice", &id, None).await), "FORBIDDEN");
    assert_eq!(code(&mutate(&app, Some(&editor), "requestPracticeChanges", &id, Some("  ")).await), "BAD_USER_INPUT");
    let note = "Please add the number of people served.";
    let body = mutate(&app, Some(&editor), "requestPracticeChanges", &id, Some(note)).await;
    assert_eq!(body["data"]["requestPracticeChanges"]["practice"]["status"], "CHANGES_REQUESTED");
    assert_eq!(app.graphql_as(Some(&alice), READ, json!({ "id": id })).await["data"]["practice"]["reviewNote"], note);

    let body = app.graphql_as(Some(&alice), UPDATE, json!({ "id": id, "v": 1, "input": { "summary": "Served 12,000 people in its first year.", "objectives": [15] } })).await;
    let updated = &body["data"]["updatePractice"]["practice"];
    assert_eq!(
        (updated["version"].clone(), updated["objectives"].clone()),
        (json!(2), json!([{ "number": 15 }])),
        "{body}"
    );
    mutate(&app, Some(&alice), "submitPractice", &id, None).await;
    let body = mutate(&app, Some(&editor), "publishPractice", &id, None).await;
    assert_eq!(body["data"]["publishPractice"]["practice"]["status"], "PUBLISHED");
    let public = app.graphql_as(None, READ, json!({ "id": id })).await;
    assert_eq!(public["data"]["practice"]["status"], "PUBLISHED");
    assert_eq!(public["data"]["practice"]["slug"], "one-stop-centre-for-newcomers-in-lisbon", "fixed at publication");
    assert!(public["data"]["practice"]["publishedAt"].is_string());
    assert_eq!(public["data"]["practice"]["reviewNote"], Value::Null, "notes are for the owner and editors");

    // An edit after publication keeps it published.
    let body = app
        .graphql_as(
            Some(&editor),
            UPDATE,
            json!({ "id": id, "v": 2, "input": { "title": "One-stop centre for newcomers, Lisbon" } }),
        )
        .await;
    assert_eq!(body["data"]["updatePractice"]["practice"]["status"], "PUBLISHED", "{body}");
    assert_eq!(
        code(
            &app.graphql_as(Some(&alice), UPDATE, json!({ "id": id, "v": 3, "input": { "title": "Mine again" } }))
                .await
        ),
        "FORBIDDEN"
    );

    assert_eq!(
        mutate(&app, Some(&editor), "archivePractice", &id, None).await["data"]["archivePractice"]["practice"]["status"],
        "ARCHIVED"
    );
    assert_eq!(app.graphql_as(None, READ, json!({ "id": id })).await["data"]["practice"], Value::Null);

    let history = app
        .graphql_as(
            Some(&editor),
            r#"query($id: ID) { practice(id: $id) { history { action actorSubject actorRole note } } }"#,
            json!({ "id": id }),
        )
        .await;
    let actions: Vec<&str> = history["data"]["practice"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "practice.create",
            "practice.submit",
            "practice.request_changes",
            "practice.update",
            "practice.submit",
            "practice.publish",
            "practice.update",
            "practice.archive"
        ]
    );
    assert_eq!(history["data"]["practice"]["history"][2]["note"], note);
    assert_eq!(history["data"]["practice"]["history"][5]["actorSubject"], "eve");
    let denied = app
        .graphql_as(Some(&alice), r#"query($id: ID) { practice(id: $id) { history { action } } }"#, json!({ "id": id }))
        .await;
    assert_eq!(code(&denied), "FORBIDDEN");
    let trail =
        app.graphql_as(Some(&editor), "{ auditTrail(first: 3) { nodes { action subjectId } } }", json!({})).await;
    assert_eq!(trail["data"]["auditTrail"]["nodes"][0]["action"], "practice.archive");
    assert_eq!(trail["data"]["auditTrail"]["nodes"][0]["subjectId"], id);
    let any = "{ auditTrail { nodes { action } } }";
    assert_eq!(code(&app.graphql_as(Some(&bob), any, json!({})).await), "FORBIDDEN");
    assert_eq!(code(&app.graphql_as(None, any, json!({})).await), "UNAUTHENTICATED");
}

#[actix_web::test]
async fn every_move_outside_the_state_machine_is_an_invalid_transition() {
    let app = TestApp::new().await.unwrap();
    let (alice, editor) = (app.token("alice", "contributor"), app.token("eve", "editor"));
    let id = create(&app, &alice, "Skills recognition desk for returnees").await["id"].clone();
    let invalid = |name: &'static str| (name, None::<&str>);
    // From DRAFT.
    for (name, note) in [invalid("publishPractice"), invalid("archivePractice"), ("requestPracticeChanges", Some("n"))]
    {
        assert_eq!(code(&mutate(&app, Some(&editor), name, &id, note).await), "INVALID_TRANSITION", "DRAFT {name}");
    }
    mutate(&app, Some(&alice), "submitPractice", &id, None).await;
    // From SUBMITTED.
    for name in ["submitPractice", "archivePractice"] {
        assert_eq!(code(&mutate(&app, Some(&editor), name, &id, None).await), "INVALID_TRANSITION", "SUBMITTED {name}");
    }
    assert_eq!(
        code(&mutate(&app, Some(&alice), "deletePractice", &id, None).await),
        "FORBIDDEN",
        "not an open draft any more"
    );
    assert_eq!(code(&mutate(&app, Some(&editor), "deletePractice", &id, None).await), "INVALID_TRANSITION");
    mutate(&app, Some(&editor), "publishPractice", &id, None).await;
    // From PUBLISHED.
    for (name, note) in [invalid("submitPractice"), invalid("publishPractice"), ("requestPracticeChanges", Some("n"))] {
        assert_eq!(code(&mutate(&app, Some(&editor), name, &id, note).await), "INVALID_TRANSITION", "PUBLISHED {name}");
    }
    mutate(&app, Some(&editor), "archivePractice", &id, None).await;
    // From ARCHIVED: nothing.
    for (name, note) in [
        invalid("submitPractice"),
        invalid("publishPractice"),
        invalid("archivePractice"),
        ("requestPracticeChanges", Some("n")),
    ] {
        assert_eq!(code(&mutate(&app, Some(&editor), name, &id, note).await), "INVALID_TRANSITION", "ARCHIVED {name}");
    }
}

#[actix_web::test]
async fn a_stale_version_is_a_conflict_and_never_a_lost_write() {
    let app = TestApp::new().await.unwrap();
    let alice = app.token("alice", "contributor");
    let id = create(&app, &alice, "Mobile birth registration in border towns").await["id"].clone();
    let first = app
        .graphql_as(Some(&alice), UPDATE, json!({ "id": id, "v": 1, "input": { "title": "First edit wins" } }))
        .await;
    assert!(first.get("errors").is_none(), "{first}");
    let second = app
        .graphql_as(
            Some(&alice),
            UPDATE,
            json!({ "id": id, "v": 1, "input": { "title": "Second edit from a stale form" } }),
        )
        .await;
    assert_eq!(code(&second), "CONFLICT");
    let now = app
        .graphql_as(Some(&alice), r#"query($id: ID) { practice(id: $id) { title version } }"#, json!({ "id": id }))
        .await;
    assert_eq!(now["data"]["practice"], json!({ "title": "First edit wins", "version": 2 }));
}

#[actix_web::test]
async fn who_may_create_edit_and_delete() {
    let app = TestApp::new().await.unwrap();
    let (alice, bob, editor, admin) = (
        app.token("alice", "contributor"),
        app.token("bob", "contributor"),
        app.token("eve", "editor"),
        app.token("ada", "admin"),
    );
    assert_eq!(
        code(&app.graphql_as(None, CREATE, json!({ "input": input("Anonymous attempt at a practice") })).await),
        "UNAUTHENTICATED"
    );
    for token in [&alice, &editor, &admin] {
        create(&app, token, "Practice by a signed-in caller").await;
    }
    let id = create(&app, &alice, "Alice's own draft practice").await["id"].clone();
    let edit = json!({ "id": id, "v": 1, "input": { "title": "Edited by someone" } });
    assert_eq!(code(&app.graphql_as(None, UPDATE, edit.clone()).await), "UNAUTHENTICATED");
    let invalid_edit = json!({ "id": id, "v": 1, "input": { "title": "x" } });
    assert_eq!(
        code(&app.graphql_as(None, UPDATE, invalid_edit).await),
        "UNAUTHENTICATED",
        "authentication before validation"
    );
    assert_eq!(
        code(&app.graphql_as(Some(&bob), UPDATE, edit.clone()).await),
        "NOT_FOUND",
        "another's draft is invisible"
    );
    assert_eq!(code(&mutate(&app, Some(&bob), "submitPractice", &id, None).await), "NOT_FOUND");
    assert_eq!(code(&mutate(&app, Some(&bob), "deletePractice", &id, None).await), "NOT_FOUND");
    assert_eq!(code(&mutate(&app, None, "deletePractice", &id, None).await), "UNAUTHENTICATED");
    assert!(app.graphql_as(Some(&editor), UPDATE, edit).await.get("errors").is_none(), "editors edit anything");
    let body = mutate(&app, Some(&alice), "deletePractice", &id, None).await;
    assert_eq!(body["data"]["deletePractice"]["deletedId"], id, "{body}");
    assert_eq!(app.graphql_as(Some(&editor), READ, json!({ "id": id })).await["data"]["practice"], Value::Null);
    assert_eq!(code(&mutate(&app, Some(&alice), "deletePractice", &id, None).await), "NOT_FOUND", "gone");
}

#[actix_web::test]
async fn invalid_input_names_the_field() {
    let app = TestApp::new().await.unwrap();
    let alice = app.token("alice", "contributor");
    let cases = [
        (json!({ "title": "ab" }), "title"),
        (json!({ "summary": "short" }), "summary"),
        (json!({ "objectives": [24] }), "objectives"),
        (json!({ "objectives": vec![1; 251] }), "objectives"),
        (json!({ "countries": ["XXX"] }), "countries"),
        (json!({ "principles": ["nope"] }), "principles"),
        (json!({ "themes": ["unknown_theme"] }), "themes"),
        (json!({ "language": "English" }), "language"),
        (json!({ "startDate": "2022-01-01", "endDate": "2021-01-01" }), "endDate"),
        (json!({ "mainImplementer": "bm9wZQ" }), "mainImplementer"),
    ];
    for (patch, field) in cases {
        let mut fields = input("A valid title for a practice");
        for (key, value) in patch.as_object().unwrap() {
            fields[key] = value.clone();
        }
        let body = app.graphql_as(Some(&alice), CREATE, json!({ "input": fields })).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{field}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let body = app.graphql_as(Some(&alice), "{ practices { totalCount } }", json!({})).await;
    assert_eq!(body["data"]["practices"]["totalCount"], 0, "nothing was written");
}

#[actix_web::test]
async fn concurrent_writers_all_succeed() {
    // On SQLite, writes begin IMMEDIATE and queue on the busy timeout; on PostgreSQL they simply run.
    let app = TestApp::new().await.unwrap();
    let alice = app.token("alice", "contributor");
    let creates = (0..12).map(|i| {
        let (app, alice) = (&app, &alice);
        async move {
            app.graphql_as(Some(alice), CREATE, json!({ "input": input(&format!("Concurrent practice number {i}")) }))
                .await
        }
    });
    for body in futures_util::future::join_all(creates).await {
        assert!(body.get("errors").is_none(), "{body}");
    }
    let body = app.graphql_as(Some(&alice), "{ practices(first: 50) { totalCount } }", json!({})).await;
    assert_eq!(body["data"]["practices"]["totalCount"], 12);
}

#[actix_web::test]
async fn only_admins_change_champion_status() {
    let app = TestApp::new().await.unwrap();
    let set = r#"mutation($c: String!, $on: Boolean!, $since: Date) { setCountryChampion(iso3: $c, isChampion: $on, since: $since) { country { iso3 isChampion championSince } } }"#;
    let kenya = json!({ "c": "ken", "on": true, "since": "2021-06-01" });
    assert_eq!(code(&app.graphql_as(None, set, kenya.clone()).await), "UNAUTHENTICATED");
    for role in ["contributor", "editor"] {
        assert_eq!(code(&app.graphql_as(Some(&app.token("x", role)), set, kenya.clone()).await), "FORBIDDEN", "{role}");
    }
    let admin = app.token("ada", "admin");
    let body = app.graphql_as(Some(&admin), set, kenya).await;
    assert_eq!(
        body["data"]["setCountryChampion"]["country"],
        json!({ "iso3": "KEN", "isChampion": true, "championSince": "2021-06-01" }),
        "{body}"
    );
    let champions = app.graphql_as(None, "{ countries(championsOnly: true) { iso3 } }", json!({})).await;
    assert_eq!(champions["data"]["countries"].as_array().unwrap().len(), 16);
    assert_eq!(
        code(&app.graphql_as(Some(&admin), set, json!({ "c": "KEN", "on": true })).await),
        "BAD_USER_INPUT",
        "a date is needed"
    );
    assert_eq!(code(&app.graphql_as(Some(&admin), set, json!({ "c": "KENYA", "on": false })).await), "BAD_USER_INPUT");
    assert_eq!(code(&app.graphql_as(Some(&admin), set, json!({ "c": "XYZ", "on": false })).await), "NOT_FOUND");
    let body = app.graphql_as(Some(&admin), set, json!({ "c": "PRT", "on": false })).await;
    assert_eq!(body["data"]["setCountryChampion"]["country"]["championSince"], Value::Null);
    let trail = app
        .graphql_as(
            Some(&app.token("eve", "editor")),
            "{ auditTrail(first: 1) { nodes { action subjectType subjectId subjectKey note } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        trail["data"]["auditTrail"]["nodes"][0],
        json!({
            "action": "country.set_champion",
            "subjectType": "Country",
            "subjectId": null,
            "subjectKey": "PRT",
            "note": "PRT no longer a champion"
        })
    );
}

#[actix_web::test]
async fn slugs_never_reveal_a_hidden_draft() {
    let app = TestApp::new().await.unwrap();
    let (alice, bob, editor) =
        (app.token("alice", "contributor"), app.token("bob", "contributor"), app.token("eve", "editor"));
    // Alice keeps a hidden draft titled X; Bob, who cannot see it, creates and publishes a record titled X.
    let hidden = create(&app, &alice, "Secret plan for border health posts").await;
    let bobs = create(&app, &bob, "Secret plan for border health posts").await;
    assert!(bobs["slug"].as_str().unwrap().starts_with("secret-plan-for-border-health-posts-draft-"), "{bobs}");
    mutate(&app, Some(&bob), "submitPractice", &bobs["id"], None).await;
    let published = mutate(&app, Some(&editor), "publishPractice", &bobs["id"], None).await;
    let slug = &published["data"]["publishPractice"]["practice"]["slug"];
    assert_eq!(slug, "secret-plan-for-border-health-posts", "Alice's draft holds no public slug: {published}");
    // Alice's, published later, takes the next free one; URLs of published records never change.
    mutate(&app, Some(&alice), "submitPractice", &hidden["id"], None).await;
    let later = mutate(&app, Some(&editor), "publishPractice", &hidden["id"], None).await;
    assert_eq!(later["data"]["publishPractice"]["practice"]["slug"], "secret-plan-for-border-health-posts-2");
    let read = "query($id: ID!) { practice(id: $id) { slug } }";
    assert_eq!(app.graphql_as(None, read, json!({ "id": bobs["id"] })).await["data"]["practice"]["slug"], *slug);
}

const CHECKLIST: &str = r#"query($id: ID) { practice(id: $id) {
    submissionChecklist { code passed blocking field message } } }"#;

#[actix_web::test]
async fn a_submission_the_checklist_refuses_names_what_to_fix() {
    let app = TestApp::new().await.unwrap();
    let (alice, bob, editor) =
        (app.token("alice", "contributor"), app.token("bob", "contributor"), app.token("eve", "editor"));
    // A first draft: no principles, still ongoing, mandatory texts missing, a short title, an acronym unexplained,
    // started before the Compact.
    let draft = json!({
        "title": "PDOS Manila",
        "summary": "The PDOS prepares workers before departure.",
        "description": "Workers follow a one-day PDOS course with IOM before they leave.",
        "language": "en", "objectives": [3], "countries": ["PHL"], "startDate": "2015-06-01",
    });
    let body = app.graphql_as(Some(&alice), CREATE, json!({ "input": draft })).await;
    let id = body["data"]["createPractice"]["practice"]["id"].clone();

    let checklist = app.ok_as(&alice, CHECKLIST, json!({ "id": id })).await["practice"]["submissionChecklist"].clone();
    let item = |code: &str| checklist.as_array().unwrap().iter().find(|item| item["code"] == code).unwrap().clone();
    assert_eq!(checklist.as_array().unwrap().len(), 8, "{checklist}");
    assert_eq!(item("OBJECTIVES")["passed"], true);
    for (code, field) in [
        ("PRINCIPLES", "principles"),
        ("COMPLETION", "completion"),
        ("TITLE", "title"),
        ("MANDATORY_FIELDS", "implementation"),
        ("REPLICABILITY", "replicability"),
    ] {
        assert_eq!(
            (item(code)["passed"].clone(), item(code)["blocking"].clone()),
            (json!(false), json!(true)),
            "{code}"
        );
        assert_eq!(item(code)["field"], field, "{code}");
    }
    // Advice only: an early start, and PDOS never spelled out (IOM is well known).
    assert_eq!(
        (item("IMPLEMENTED_AFTER_2018")["passed"].clone(), item("IMPLEMENTED_AFTER_2018")["blocking"].clone()),
        (json!(false), json!(false))
    );
    assert_eq!(item("ACRONYMS")["blocking"], false);
    assert!(item("ACRONYMS")["message"].as_str().unwrap().contains("PDOS"), "{}", item("ACRONYMS"));
    assert!(!item("ACRONYMS")["message"].as_str().unwrap().contains("IOM"));
    assert!(item("MANDATORY_FIELDS")["message"].as_str().unwrap().contains("results, lessonsLearned"));

    // Who reads it: the owner and editors; another contributor or the public never (null).
    assert_eq!(app.ok_as(&editor, CHECKLIST, json!({ "id": id })).await["practice"]["submissionChecklist"], checklist);
    assert_eq!(app.graphql_as(Some(&bob), CHECKLIST, json!({ "id": id })).await["data"]["practice"], Value::Null);

    // Submitting is refused with every failing blocking item, and nothing moves.
    let refused = mutate(&app, Some(&alice), "submitPractice", &id, None).await;
    let error = &refused["errors"][0];
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{refused}");
    assert_eq!(error["extensions"]["field"], "principles");
    let codes: Vec<&str> =
        error["extensions"]["checklist"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["PRINCIPLES", "COMPLETION", "REPLICABILITY", "MANDATORY_FIELDS", "TITLE"]);
    assert!(error["message"].as_str().unwrap().starts_with("the submission checklist is not met: "));
    assert_eq!(app.ok_as(&alice, READ, json!({ "id": id })).await["practice"]["status"], "DRAFT");

    // Fixed (the advice left as it is), it goes through; the advice stays on the list.
    let fixed = hub_tests::ready_to_submit(json!({ "title": "Pre-departure orientation seminars in Manila" }));
    let body = app.graphql_as(Some(&alice), UPDATE, json!({ "id": id, "v": 1, "input": fixed })).await;
    assert!(body.get("errors").is_none(), "{body}");
    let body = mutate(&app, Some(&alice), "submitPractice", &id, None).await;
    assert_eq!(body["data"]["submitPractice"]["practice"]["status"], "SUBMITTED", "{body}");
    let checklist = app.ok_as(&alice, CHECKLIST, json!({ "id": id })).await["practice"]["submissionChecklist"].clone();
    let failed: Vec<&str> = checklist
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["passed"] == false)
        .map(|item| item["code"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["ACRONYMS"], "the start date was fixed by the update; PDOS is still unexplained");

    // Once published, the public and other contributors read the practice but not its checklist.
    mutate(&app, Some(&editor), "publishPractice", &id, None).await;
    for token in [None, Some(bob.as_str())] {
        let practice = app.graphql_as(token, CHECKLIST, json!({ "id": id })).await["data"]["practice"].clone();
        assert_eq!(practice, json!({ "submissionChecklist": null }), "{token:?}");
    }
}

fn rubric(failing: Option<&str>) -> Value {
    let criteria = ["RELEVANCE", "PRINCIPLES", "TIMELINESS", "COMPLETION", "INNOVATION", "REPLICABILITY", "EVIDENCE"];
    Value::Array(
        criteria
            .iter()
            .map(|criterion| match (*criterion == "EVIDENCE", failing) {
                (true, Some(assessment)) => {
                    json!({ "criterion": criterion, "assessment": assessment, "comment": "Give the figures behind the results." })
                }
                _ => json!({ "criterion": criterion, "assessment": "MEETS" }),
            })
            .collect(),
    )
}

const REVIEWS: &str = r#"query($id: ID) { practice(id: $id) {
    latestReview { decision note rubric { criterion assessment comment } }
    reviewRubricSummary { reviews latest { criterion assessment } } } }"#;
const SEND_BACK: &str = r#"mutation($id: ID!, $rubric: [RubricAssessmentInput!]) {
    requestPracticeChanges(id: $id, note: "Please add evidence.", rubric: $rubric) { practice { status } } }"#;
const PUBLISH: &str = r#"mutation($id: ID!, $rubric: [RubricAssessmentInput!], $reason: String) {
    publishPractice(id: $id, rubric: $rubric, reason: $reason) { practice { status } } }"#;

#[actix_web::test]
async fn reviews_record_a_rubric_and_only_an_admin_publishes_over_a_failing_one() {
    let app = TestApp::new().await.unwrap();
    let (alice, editor, admin) =
        (app.token("alice", "contributor"), app.token("eve", "editor"), app.token("root", "admin"));
    let id = create(&app, &alice, "One-stop centre for newcomers in Lisbon").await["id"].clone();
    mutate(&app, Some(&alice), "submitPractice", &id, None).await;

    // A rubric assesses each criterion once.
    let mut short = rubric(None);
    short.as_array_mut().unwrap().pop();
    let body = app.graphql_as(Some(&editor), SEND_BACK, json!({ "id": id, "rubric": short })).await;
    assert_eq!((code(&body), body["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT", json!("rubric")));
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("misses Evidence"), "{body}");
    let mut twice = rubric(None);
    twice.as_array_mut().unwrap().push(json!({ "criterion": "RELEVANCE", "assessment": "PARTLY" }));
    assert_eq!(
        code(&app.graphql_as(Some(&editor), SEND_BACK, json!({ "id": id, "rubric": twice })).await),
        "BAD_USER_INPUT"
    );

    // Sent back with a rubric: the owner reads it with its comments; editors read the summary too.
    let body = app.graphql_as(Some(&editor), SEND_BACK, json!({ "id": id, "rubric": rubric(Some("PARTLY")) })).await;
    assert_eq!(body["data"]["requestPracticeChanges"]["practice"]["status"], "CHANGES_REQUESTED", "{body}");
    let seen = app.ok_as(&alice, REVIEWS, json!({ "id": id })).await["practice"].clone();
    assert_eq!(seen["latestReview"]["decision"], "CHANGES_REQUESTED");
    assert_eq!(seen["latestReview"]["note"], "Please add evidence.");
    let evidence =
        seen["latestReview"]["rubric"].as_array().unwrap().iter().find(|a| a["criterion"] == "EVIDENCE").cloned();
    assert_eq!(
        evidence.unwrap(),
        json!({ "criterion": "EVIDENCE", "assessment": "PARTLY", "comment": "Give the figures behind the results." })
    );
    assert_eq!(seen["reviewRubricSummary"], Value::Null, "the summary is for editors");
    let summary = app.ok_as(&editor, REVIEWS, json!({ "id": id })).await["practice"]["reviewRubricSummary"].clone();
    assert_eq!(summary["reviews"], 1);
    assert_eq!(summary["latest"].as_array().unwrap().len(), 7);

    // Resubmitted; the editor finds the evidence lacking: publishing over it is an admin's call, with a reason.
    mutate(&app, Some(&alice), "submitPractice", &id, None).await;
    let failing = json!({ "id": id, "rubric": rubric(Some("DOES_NOT_MEET")) });
    assert_eq!(code(&app.graphql_as(Some(&editor), PUBLISH, failing.clone()).await), "FORBIDDEN");
    let body = app.graphql_as(Some(&admin), PUBLISH, failing.clone()).await;
    assert_eq!((code(&body), body["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT", json!("reason")));
    assert_eq!(app.ok_as(&alice, READ, json!({ "id": id })).await["practice"]["status"], "SUBMITTED", "nothing moved");
    let reason = "Evidence is being collected by the national statistics office; the Network asked for it early.";
    let mut with_reason = failing.clone();
    with_reason["reason"] = json!(reason);
    let body = app.graphql_as(Some(&admin), PUBLISH, with_reason).await;
    assert_eq!(body["data"]["publishPractice"]["practice"]["status"], "PUBLISHED", "{body}");
    let trail = app.ok_as(&editor, "{ auditTrail(first: 1) { nodes { action actorRole note } } }", json!({})).await;
    assert_eq!(
        trail["auditTrail"]["nodes"][0],
        json!({ "action": "practice.publish", "actorRole": "admin", "note": reason })
    );
    let summary = app.ok_as(&editor, REVIEWS, json!({ "id": id })).await["practice"].clone();
    assert_eq!(summary["reviewRubricSummary"]["reviews"], 2);
    assert_eq!(summary["latestReview"]["decision"], "PUBLISHED");

    // Published: the public and other contributors never see a review.
    let bob = app.token("bob", "contributor");
    for token in [None, Some(bob.as_str())] {
        let practice = app.graphql_as(token, REVIEWS, json!({ "id": id })).await["data"]["practice"].clone();
        assert_eq!(practice, json!({ "latestReview": null, "reviewRubricSummary": null }), "{token:?}");
    }

    // A rubric goes with a decision on a practice only; publishing without one works as before.
    let second = create(&app, &alice, "Mobile clinics for seasonal farm workers").await["id"].clone();
    mutate(&app, Some(&alice), "submitPractice", &second, None).await;
    let body = app.graphql_as(Some(&editor), PUBLISH, json!({ "id": second })).await;
    assert_eq!(body["data"]["publishPractice"]["practice"]["status"], "PUBLISHED", "{body}");
    let none = app.ok_as(&alice, REVIEWS, json!({ "id": second })).await["practice"]["latestReview"].clone();
    assert_eq!(none, Value::Null);
}
