//! `hub copy`: a hub that grew on the embedded default (SQLite) moves to PostgreSQL (or, on the SQLite leg of the
//! suite, to another SQLite file) with everything it holds: workflow history, the audit trail, a reworded
//! objective, webhooks with their secrets and queued deliveries, the change feed and the public epoch. Afterwards
//! every API answer is the same on both, `changes(after:)` from a cursor taken before the copy included.

use hub::progress::Silent;
use hub_entity::{audit_event, public_epoch, webhook, webhook_delivery};
use hub_tests::TestApp;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

const SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";

fn config(config: &mut hub::config::Config) {
    config.jwt_secret = Some(SECRET.parse().unwrap());
    config.webhook_allow_private_networks = true;
}

/// What a partner, a researcher and an editor read, in one document per caller.
const PUBLIC: &str = r#"{
  practices(first: 100) { totalCount nodes { id slug status title language version publishedAt createdAt updatedAt
    objectives { number title } countries { name isChampion } themes { key } regions { key } mainImplementer { name } partners { name }
    translations { slug language } } }
  guidanceTools(first: 100) { totalCount nodes { id slug title regionalReview { id } } }
  peerExchanges(first: 100) { totalCount nodes { id slug title } }
  objectives { number title shortLabel }
  themes { key name }
  organizations(first: 100) { totalCount nodes { id name } }
  regionalReviews { id submissions { id } }
  search(query: "migrant workers", first: 10) { totalCount nodes { __typename ... on Practice { id } } }
  coverage { total cells { count } }
}"#;

const ADMIN: &str = r#"{
  practices(first: 100, filter: { statuses: [DRAFT, SUBMITTED, CHANGES_REQUESTED, PUBLISHED, ARCHIVED] }) {
    totalCount nodes { id slug status reviewNote history { at actorSubject action note } } }
  auditTrail(first: 100) { totalCount nodes { at actorSubject actorRole action subjectType subjectId note } }
  webhooks(first: 10) { nodes { id url enabled createdAt deliveries(first: 50) { totalCount } } }
  changesHead
}"#;

async fn answers(app: &TestApp, admin: &str, cursor: &str) -> Vec<Value> {
    let changes = r#"query($after: String) { changes(after: $after, first: 100) {
        cursor nodes { kind recordId type slug language at } } }"#;
    vec![
        app.data(PUBLIC, json!({})).await,
        app.ok_as(admin, ADMIN, json!({})).await,
        app.data(changes, json!({ "after": cursor })).await,
        app.data(changes, json!({})).await,
    ]
}

#[actix_web::test]
async fn a_sqlite_hub_copied_to_the_suites_database_answers_the_same() {
    let source = TestApp::sqlite(config).await.unwrap();
    hub::seed::demo::load(source.db()).await.unwrap();
    let (alice, editor, admin) =
        (source.token("alice", "contributor"), source.token("eve", "editor"), source.token("root", "admin"));
    let cursor = source.data("{ changesHead }", json!({})).await["changesHead"].as_str().unwrap().to_string();

    // Workflow history after the cursor: a practice sent back once, then published; an objective reworded; a
    // webhook that has deliveries queued.
    let webhook = source
        .ok_as(&admin, "mutation { createWebhook(input: { url: \"http://127.0.0.1:9/hook\" }) { secret } }", json!({}))
        .await;
    assert!(webhook["createWebhook"]["secret"].is_string());
    let create = r#"mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }"#;
    let input = hub_tests::ready_to_submit(json!({
        "title": "Moving a hub without losing a line", "language": "en", "objectives": [1], "countries": ["PRT"],
        "summary": "A practice written before the copy, with its whole review behind it.",
        "description": "Written, sent back for more information, completed and published before the move.",
    }));
    let id = source.ok_as(&alice, create, json!({ "input": input })).await["createPractice"]["practice"]["id"].clone();
    let step = |name: &str, note: bool| {
        if note {
            format!(
                "mutation($id: ID!) {{ {name}(id: $id, note: \"Spell out the acronyms.\") {{ practice {{ id }} }} }}"
            )
        } else {
            format!("mutation($id: ID!) {{ {name}(id: $id) {{ practice {{ id }} }} }}")
        }
    };
    source.ok_as(&alice, &step("submitPractice", false), json!({ "id": id })).await;
    source.ok_as(&editor, &step("requestPracticeChanges", true), json!({ "id": id })).await;
    source.ok_as(&alice, &step("submitPractice", false), json!({ "id": id })).await;
    source.ok_as(&editor, &step("publishPractice", false), json!({ "id": id })).await;
    let reword = r#"mutation { updateObjective(number: 1, version: 1, input: { shortLabel: "Data for policy" }) {
        objective { shortLabel } } }"#;
    source.ok_as(&admin, reword, json!({})).await;
    hub::jobs::relay::drain(source.db(), source.state.search.as_ref()).await.unwrap();
    hub::service::webhooks::queue(source.db()).await.unwrap();

    // The copy, into a hub that has only been migrated; then its search index is rebuilt, as the README says.
    let target = TestApp::with(config).await.unwrap();
    let copied = hub::db::copy::copy_all(source.db(), target.db(), &Silent).await.unwrap();
    assert!(copied.rows > 1_000, "{copied:?}");
    hub_tests::assert_settled(target.db()).await;
    hub::jobs::reindex::reindex(target.db(), target.state.search.as_ref(), &Silent).await.unwrap();

    let before = answers(&source, &admin, &cursor).await;
    let after = answers(&target, &admin, &cursor).await;
    for (before, after) in before.iter().zip(&after) {
        assert_eq!(before, after);
    }
    assert_eq!(after[0]["objectives"][0]["shortLabel"], "Data for policy", "the source's reference lists win");
    let history = after[1]["practices"]["nodes"].as_array().unwrap().iter().find(|node| node["id"] == id).unwrap();
    assert_eq!(history["history"].as_array().unwrap().len(), 5, "{history}");
    assert_eq!(after[2]["changes"]["nodes"].as_array().unwrap().len(), 1, "{}", after[2]);

    // Rows no API shows whole: webhook secrets, queued deliveries, the audit trail, the public epoch.
    assert_eq!(all::<webhook::Entity>(&source).await, all::<webhook::Entity>(&target).await);
    assert_eq!(all::<webhook_delivery::Entity>(&source).await, all::<webhook_delivery::Entity>(&target).await);
    assert_eq!(all::<audit_event::Entity>(&source).await, all::<audit_event::Entity>(&target).await);
    // The public epoch carries over; the index epoch (row 2) moved on with the target's reindex.
    let (epochs_before, epochs_after) =
        (all::<public_epoch::Entity>(&source).await, all::<public_epoch::Entity>(&target).await);
    assert_eq!(epochs_before[0], epochs_after[0]);
    assert!(epochs_after[1].epoch > epochs_before[1].epoch);
    assert!(!all::<webhook_delivery::Entity>(&target).await.is_empty());

    // New records on the target take new ids (PostgreSQL's sequences moved past the copied ones).
    let input = json!({ "title": "Written after the move", "language": "en", "objectives": [2], "countries": ["PRT"],
        "summary": "The first practice the new database holds.", "description": "Created once the copy is done." });
    let created = target.ok_as(&alice, create, json!({ "input": input })).await;
    assert_ne!(created["createPractice"]["practice"]["id"], id);

    // A second copy into a target that now holds data is refused, and changes nothing.
    let error = hub::db::copy::copy_all(source.db(), target.db(), &Silent).await.unwrap_err();
    assert!(format!("{error:#}").contains("the target is not empty"), "{error:#}");
    assert_eq!(target.data(PUBLIC, json!({})).await["practices"]["totalCount"], after[0]["practices"]["totalCount"]);
}

#[actix_web::test]
async fn a_target_at_another_schema_version_or_an_unknown_table_is_refused() {
    let source = TestApp::sqlite(config).await.unwrap();
    let target = TestApp::with(config).await.unwrap();
    use sea_orm::ConnectionTrait;
    target
        .db()
        .execute_unprepared("DELETE FROM seaql_migrations WHERE version = (SELECT MAX(version) FROM seaql_migrations)")
        .await
        .unwrap();
    let error = hub::db::copy::copy_all(source.db(), target.db(), &Silent).await.unwrap_err();
    assert!(format!("{error:#}").contains("is not the source's"), "{error:#}");

    // A table the copy does not know (added by hand, or by a newer hub) is never left behind silently.
    source.db().execute_unprepared("CREATE TABLE stray_notes (id integer PRIMARY KEY)").await.unwrap();
    let fresh = TestApp::with(config).await.unwrap();
    let error = hub::db::copy::copy_all(source.db(), fresh.db(), &Silent).await.unwrap_err();
    assert!(format!("{error:#}").contains("does not know (stray_notes)"), "{error:#}");
}

async fn all<E>(app: &TestApp) -> Vec<E::Model>
where
    E: EntityTrait,
{
    let mut query = E::find();
    for key in <E::PrimaryKey as sea_orm::Iterable>::iter() {
        query = query.order_by_asc(sea_orm::PrimaryKeyToColumn::into_column(key));
    }
    query.all(app.db()).await.unwrap()
}
