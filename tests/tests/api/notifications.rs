//! Contributors and reviewers hear back: each workflow step of a practice writes notifications in the step's own
//! transaction (editors hear of submissions, the owner of everything else, with the note and the rubric's
//! comments), each signed-in caller reads and marks their own, and the hub remembers who signed in (role, email,
//! language) from their last request.

use actix_web::test::TestRequest;
use hub_entity::person;
use hub_tests::{TestApp, error_code as code};
use jsonwebtoken::{EncodingKey, Header};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

const SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";
const MINE: &str = r#"query($unread: Boolean) { notifications(first: 10, unread: $unread) {
    totalCount nodes { id event recordId title message readAt } } }"#;

fn token(subject: &str, role: &str, email: Option<&str>) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    let claims = json!({ "sub": subject, "role": role, "email": email, "iss": "migration-network-hub",
        "aud": "migration-network-hub-api", "iat": now, "exp": now + 600 });
    jsonwebtoken::encode(&Header::default(), &claims, &EncodingKey::from_secret(SECRET.as_bytes())).unwrap()
}

/// One signed-in request, as a frontend in `language` would send it.
async fn sign_in(app: &TestApp, token: &str, language: &str) {
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header(("authorization", format!("Bearer {token}")))
        .insert_header(("accept-language", language))
        .set_json(json!({ "query": "{ me { role } }" }));
    let (status, body, _) = app.send(request).await;
    assert_eq!(status, 200, "{body}");
}

async fn mine(app: &TestApp, token: &str, unread: bool) -> Value {
    app.ok_as(token, MINE, json!({ "unread": unread })).await["notifications"].clone()
}

fn events(list: &Value) -> Vec<&str> {
    list["nodes"].as_array().unwrap().iter().map(|n| n["event"].as_str().unwrap()).collect()
}

#[actix_web::test]
async fn every_step_tells_whom_it_concerns_once_and_nothing_for_a_step_refused() {
    let app = TestApp::with(|config| config.jwt_secret = Some(SECRET.parse().unwrap())).await.unwrap();
    let alice = token("alice", "contributor", Some("alice@example.org"));
    let (eve, ada) = (token("eve", "editor", Some("eve@iom.int")), token("ada", "admin", None));
    let never_signed_in = token("zed", "editor", None);
    sign_in(&app, &alice, "fr-CH, en;q=0.5").await;
    sign_in(&app, &eve, "en").await;
    sign_in(&app, &ada, "es").await;

    // Remembered: role, email, first language.
    let people = person::Entity::find().all(app.db()).await.unwrap();
    let alice_row = people.iter().find(|p| p.subject == "alice").unwrap();
    assert_eq!(
        (alice_row.role.as_str(), alice_row.email.as_deref(), alice_row.language.as_deref()),
        ("contributor", Some("alice@example.org"), Some("fr-ch"))
    );
    assert_eq!(people.len(), 3);

    // A submission the checklist refuses rolls back: nobody hears of it.
    let create = r#"mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }"#;
    let draft = json!({ "title": "Mobile clinics for seasonal farm workers", "summary": "Clinics that travel.",
        "description": "Mobile clinics visit farms during the harvest.", "objectives": [15], "countries": ["ESP"] });
    let id = app.ok_as(&alice, create, json!({ "input": draft })).await["createPractice"]["practice"]["id"].clone();
    let submit = "mutation($id: ID!) { submitPractice(id: $id) { practice { status } } }";
    assert_eq!(code(&app.graphql_as(Some(&alice), submit, json!({ "id": id })).await), "BAD_USER_INPUT");
    assert_eq!(mine(&app, &eve, false).await["totalCount"], 0);

    // Completed and submitted: the editors who signed in hear of it, once each; the submitter does not.
    let update = r#"mutation($id: ID!, $input: UpdatePracticeInput!) { updatePractice(id: $id, version: 1, input: $input) { practice { id } } }"#;
    app.ok_as(&alice, update, json!({ "id": id, "input": hub_tests::ready_to_submit(json!({})) })).await;
    app.ok_as(&alice, submit, json!({ "id": id })).await;
    for editor in [&eve, &ada] {
        let told = mine(&app, editor, false).await;
        assert_eq!(events(&told), ["SUBMITTED"]);
        assert_eq!(told["nodes"][0]["recordId"], id);
        assert_eq!(told["nodes"][0]["title"], "Mobile clinics for seasonal farm workers");
    }
    assert_eq!(mine(&app, &alice, false).await["totalCount"], 0);
    assert_eq!(mine(&app, &never_signed_in, false).await["totalCount"], 0, "only editors the hub has seen");

    // Sent back with a rubric: the owner hears the note and the comments.
    let rubric: Vec<Value> =
        ["RELEVANCE", "PRINCIPLES", "TIMELINESS", "COMPLETION", "INNOVATION", "REPLICABILITY", "EVIDENCE"]
            .iter()
            .map(|c| match *c {
                "EVIDENCE" => {
                    json!({ "criterion": c, "assessment": "PARTLY", "comment": "How many workers were seen?" })
                }
                _ => json!({ "criterion": c, "assessment": "MEETS" }),
            })
            .collect();
    let send_back = r#"mutation($id: ID!, $rubric: [RubricAssessmentInput!]) {
        requestPracticeChanges(id: $id, note: "Add the figures.", rubric: $rubric) { practice { id } } }"#;
    app.ok_as(&eve, send_back, json!({ "id": id, "rubric": rubric })).await;
    let told = mine(&app, &alice, false).await;
    assert_eq!(events(&told), ["CHANGES_REQUESTED"]);
    assert_eq!(told["nodes"][0]["message"], "Add the figures.\nEvidence (Partly): How many workers were seen?");

    // Resubmitted, published, archived: editors hear of the submission again, the owner of the rest.
    app.ok_as(&alice, submit, json!({ "id": id })).await;
    app.ok_as(&eve, "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }", json!({ "id": id })).await;
    app.ok_as(&eve, "mutation($id: ID!) { archivePractice(id: $id) { practice { id } } }", json!({ "id": id })).await;
    assert_eq!(events(&mine(&app, &alice, false).await), ["ARCHIVED", "PUBLISHED", "CHANGES_REQUESTED"]);
    assert_eq!(events(&mine(&app, &ada, false).await), ["SUBMITTED", "SUBMITTED"]);
    assert_eq!(events(&mine(&app, &eve, false).await), ["SUBMITTED", "SUBMITTED"], "not of their own moves");

    // Read: one, then the rest; nobody marks another's.
    let newest = mine(&app, &alice, false).await["nodes"][0]["id"].clone();
    let mark = "mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) { marked } }";
    assert_eq!(app.ok_as(&eve, mark, json!({ "ids": [newest] })).await["markNotificationsRead"]["marked"], 0);
    assert_eq!(app.ok_as(&alice, mark, json!({ "ids": [newest] })).await["markNotificationsRead"]["marked"], 1);
    let unread = mine(&app, &alice, true).await;
    assert_eq!(events(&unread), ["PUBLISHED", "CHANGES_REQUESTED"]);
    assert!(mine(&app, &alice, false).await["nodes"][0]["readAt"].is_string());
    assert_eq!(app.ok_as(&alice, mark, json!({})).await["markNotificationsRead"]["marked"], 2);
    assert_eq!(mine(&app, &alice, true).await["totalCount"], 0);
    assert_eq!(app.ok_as(&alice, mark, json!({})).await["markNotificationsRead"]["marked"], 0);

    // Anonymous callers have none to read; ids of another type are refused.
    assert_eq!(code(&app.graphql(MINE, json!({})).await), "UNAUTHENTICATED");
    let wrong = app.graphql_as(Some(&alice), mark, json!({ "ids": [id] })).await;
    assert_eq!(code(&wrong), "BAD_USER_INPUT");
}

/// The subject of a received message: its folded lines joined and its RFC 2047 encoded words decoded.
fn subject(data: &str) -> String {
    use base64::Engine as _;
    let mut lines = data.lines().skip_while(|line| !line.starts_with("Subject: "));
    let mut folded = lines.next().unwrap_or_default().trim_start_matches("Subject: ").to_string();
    for line in lines.take_while(|line| line.starts_with([' ', '\t'])) {
        folded.push_str(line);
    }
    let mut decoded = String::new();
    for (index, word) in folded.split(' ').enumerate() {
        let text = match word.strip_prefix("=?utf-8?b?").and_then(|rest| rest.strip_suffix("?=")) {
            Some(encoded) => {
                String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded).unwrap()).unwrap()
            }
            None => word.to_string(),
        };
        if index > 0 {
            decoded.push(' ');
        }
        decoded.push_str(&text);
    }
    decoded
}

#[actix_web::test]
async fn notifications_are_mailed_once_in_their_language_and_retried_while_the_server_is_down() {
    use hub::jobs::mail::{Mailer, pass};
    use hub_entity::{enums::MailStatus, notification};
    let mut sink = hub_tests::smtp::SmtpSink::start().await;
    let url = sink.url();
    let app = TestApp::with(|config| {
        config.jwt_secret = Some(SECRET.parse().unwrap());
        config.smtp_url = Some(url.parse().unwrap());
        config.mail_from = "Migration Network Hub <hub@example.org>".into();
        config.public_url = Some("https://hub.example.org/".parse().unwrap());
        config.webhook_retry_base = std::time::Duration::from_millis(20);
        config.webhook_timeout = std::time::Duration::from_secs(2);
    })
    .await
    .unwrap();
    let mailer = Mailer::from_config(&app.state.config).unwrap().expect("a mailer");
    let alice = token("alice", "contributor", Some("alice@example.org"));
    let (eve, ada) = (token("eve", "editor", Some("eve@iom.int")), token("ada", "admin", None));
    sign_in(&app, &alice, "fr").await;
    sign_in(&app, &eve, "en-GB").await;
    sign_in(&app, &ada, "es").await;

    let create = r#"mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id slug } } }"#;
    let input = hub_tests::ready_to_submit(json!({ "title": "Mobile clinics for seasonal farm workers",
        "summary": "Clinics that travel.", "description": "Mobile clinics visit farms during the harvest.",
        "objectives": [15], "countries": ["ESP"] }));
    let created = app.ok_as(&alice, create, json!({ "input": input })).await["createPractice"]["practice"].clone();
    let id = created["id"].clone();
    app.ok_as(&alice, "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }", json!({ "id": id })).await;

    // Two instances at once: each notification is claimed by exactly one; ada's token carried no email.
    let (one, two) = futures_util::future::join(pass(app.db(), &mailer), pass(app.db(), &mailer)).await;
    assert_eq!(one.unwrap() + two.unwrap(), 2);
    let mails = sink.received();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, ["<eve@iom.int>"]);
    assert_eq!(subject(&mails[0].data), "Submitted for review: Mobile clinics for seasonal farm workers");
    let link = "https://hub.example.org/practices/";
    assert!(mails[0].data.contains(link), "{}", mails[0].data);
    // By recipient: PostgreSQL returns updated rows in no set order.
    let mut statuses: Vec<(String, MailStatus)> = notification::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|n| (n.recipient, n.mail_status))
        .collect();
    statuses.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(statuses, [("ada".to_string(), MailStatus::NoAddress), ("eve".to_string(), MailStatus::Sent)]);
    assert_eq!(pass(app.db(), &mailer).await.unwrap(), 0, "nothing is sent twice");

    // The server goes down: the owner's mail waits and is retried, then goes out once, in French.
    sink.stop().await;
    let send_back =
        r#"mutation($id: ID!) { requestPracticeChanges(id: $id, note: "Add the figures.") { practice { id } } }"#;
    app.ok_as(&eve, send_back, json!({ "id": id })).await;
    assert_eq!(pass(app.db(), &mailer).await.unwrap(), 1);
    use sea_orm::{ColumnTrait, QueryFilter};
    let alices = notification::Entity::find().filter(notification::Column::Recipient.eq("alice"));
    let waiting = alices.one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        (waiting.recipient.as_str(), waiting.mail_status, waiting.mail_attempts),
        ("alice", MailStatus::Pending, 1)
    );
    assert!(waiting.mail_error.is_some());
    sink.restart().await;
    let mut sent = 0;
    for _ in 0..50 {
        sent += pass(app.db(), &mailer).await.unwrap();
        if sent > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(sent, 1);
    let mails = sink.received();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].to, ["<alice@example.org>"]);
    assert_eq!(subject(&mails[1].data), "Modifications demandées: Mobile clinics for seasonal farm workers");
    assert!(mails[1].data.contains("Add the figures."), "{}", mails[1].data);
    // Quoted-printable soft line breaks undone, the link is the practice's.
    let body = mails[1].data.replace("=\r\n", "");
    assert!(body.contains(&format!("{link}{}", created["slug"].as_str().unwrap())), "{body}");
    assert!(mails[1].data.contains("text/html"), "plain text and HTML");
    assert_eq!(pass(app.db(), &mailer).await.unwrap(), 0);

    // Admins read the mail log: who got what, how it went.
    let log = r#"query($status: MailStatus) { mailLog(first: 10, status: $status) {
        totalCount nodes { recipient event mailStatus mailAttempts mailError } } }"#;
    let sent = app.ok_as(&ada, log, json!({ "status": "SENT" })).await["mailLog"].clone();
    assert_eq!(sent["totalCount"], 2);
    assert_eq!(
        sent["nodes"][0],
        json!({ "recipient": "alice", "event": "CHANGES_REQUESTED", "mailStatus": "SENT",
        "mailAttempts": 2, "mailError": null })
    );
    let no_address = app.ok_as(&ada, log, json!({ "status": "NO_ADDRESS" })).await["mailLog"]["nodes"].clone();
    assert_eq!(no_address[0]["recipient"], "ada");
    assert_eq!(code(&app.graphql_as(Some(&eve), log, json!({})).await), "FORBIDDEN");
}

#[actix_web::test]
async fn submissions_reach_the_editors_subscribed_to_their_objectives_or_regions_else_every_editor() {
    let app = TestApp::with(|config| config.jwt_secret = Some(SECRET.parse().unwrap())).await.unwrap();
    let alice = token("alice", "contributor", Some("alice@example.org"));
    let (eve, ed, ada) = (token("eve", "editor", None), token("ed", "editor", None), token("ada", "admin", None));
    for (who, language) in [(&alice, "en"), (&eve, "en"), (&ed, "fr"), (&ada, "es")] {
        sign_in(&app, who, language).await;
    }
    let set = r#"mutation($objectives: [Int!]!, $regions: [String!]!) {
        setReviewSubscriptions(objectives: $objectives, regions: $regions) { objectives regions } }"#;
    let eve_wants = app.ok_as(&eve, set, json!({ "objectives": [15, 15, 16], "regions": [] })).await;
    assert_eq!(eve_wants["setReviewSubscriptions"], json!({ "objectives": [15, 16], "regions": [] }));
    app.ok_as(&ed, set, json!({ "objectives": [], "regions": ["africa"] })).await;
    let read = "{ reviewSubscriptions { objectives regions } }";
    assert_eq!(app.ok_as(&ed, read, json!({})).await["reviewSubscriptions"]["regions"], json!(["africa"]));
    // Contributors do not subscribe; unknown objectives and regions are refused.
    assert_eq!(app.fails_as(Some(&alice), set, json!({ "objectives": [15], "regions": [] })).await.0, "FORBIDDEN");
    let bad = app.fails_as(Some(&eve), set, json!({ "objectives": [24], "regions": [] })).await;
    assert_eq!(bad, ("BAD_USER_INPUT".into(), Some("objectives".into())));
    let bad = app.fails_as(Some(&eve), set, json!({ "objectives": [], "regions": ["atlantis"] })).await;
    assert_eq!(bad, ("BAD_USER_INPUT".into(), Some("regions".into())));

    let create = r#"mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }"#;
    let submit = "mutation($id: ID!) { submitPractice(id: $id) { practice { status } } }";
    let submitted = |title: &str, objectives: Value, (countries, regions): (Value, Value)| {
        let input = hub_tests::ready_to_submit(json!({ "title": title, "summary": "What the practice does.",
            "description": "A practice submitted for review.", "objectives": objectives, "countries": countries,
            "regions": regions }));
        json!({ "input": input })
    };
    // Objective 15 in Portugal: eve (objective 15) only. Objective 1 in Kenya: ed (Africa) only.
    // Objective 2 in Portugal: nobody subscribed, so every editor.
    for (title, objectives, countries) in [
        ("Health care for every resident", json!([15]), (json!(["PRT"]), json!(["unece"]))),
        ("A national migration data portal", json!([1]), (json!(["KEN"]), json!(["africa"]))),
        ("Early warning on climate displacement", json!([2]), (json!(["PRT"]), json!(["unece"]))),
    ] {
        let id = app.ok_as(&alice, create, submitted(title, objectives, countries)).await["createPractice"]["practice"]
            ["id"]
            .clone();
        app.ok_as(&alice, submit, json!({ "id": id })).await;
    }
    let titles = |list: Value| -> Vec<String> {
        let mut titles: Vec<String> =
            list["nodes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_string()).collect();
        titles.sort();
        titles
    };
    assert_eq!(
        titles(mine(&app, &eve, false).await),
        ["Early warning on climate displacement", "Health care for every resident"]
    );
    assert_eq!(
        titles(mine(&app, &ed, false).await),
        ["A national migration data portal", "Early warning on climate displacement"]
    );
    assert_eq!(titles(mine(&app, &ada, false).await), ["Early warning on climate displacement"]);
}
