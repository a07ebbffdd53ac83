//! `hub seed`: the demo corpus is complete and idempotent; synthetic practices are varied and visible.

use hub_entity::content;
use hub_entity::enums::{ContentKind, Status};
use hub_tests::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use std::collections::HashSet;

async fn count(app: &TestApp, kind: ContentKind) -> u64 {
    content::Entity::find().filter(content::Column::Kind.eq(kind)).count(app.db()).await.unwrap()
}

#[actix_web::test]
async fn demo_corpus_is_rich_and_idempotent() {
    let app = TestApp::demo().await.unwrap();
    let (practices, tools, exchanges) = (
        count(&app, ContentKind::Practice).await,
        count(&app, ContentKind::GuidanceTool).await,
        count(&app, ContentKind::PeerExchange).await,
    );
    assert!(practices >= 60 && tools >= 20 && exchanges >= 8, "{practices} {tools} {exchanges}");

    let rows = content::Entity::find().all(app.db()).await.unwrap();
    let languages: HashSet<&str> = rows.iter().map(|r| r.language.as_str()).collect();
    for language in ["en", "fr", "es"] {
        assert!(languages.contains(language));
    }
    let statuses: HashSet<Status> = rows.iter().filter(|r| r.kind == ContentKind::Practice).map(|r| r.status).collect();
    assert_eq!(statuses.len(), 5, "practices in every workflow status");

    let data = app.data("{ regions { key } practices(first: 1) { totalCount } }", json!({})).await;
    for region in data["regions"].as_array().unwrap() {
        let n = app
            .data(
                "query($r: [String!]) { practices(filter: { regions: $r }) { totalCount } }",
                json!({ "r": [region["key"]] }),
            )
            .await["practices"]["totalCount"]
            .as_i64()
            .unwrap();
        assert!(n >= 2, "region {} has practices", region["key"]);
    }
    let objectives: HashSet<i64> = app
        .data("{ practices(first: 100) { nodes { objectives { number } } } }", json!({}))
        .await["practices"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| {
            n["objectives"].as_array().unwrap().iter().map(|o| o["number"].as_i64().unwrap()).collect::<Vec<_>>()
        })
        .collect();
    assert!(objectives.len() >= 15, "many objectives covered: {}", objectives.len());

    // A practice sent back carries its review: the note and a rubric with comments, for its reviewers to read.
    let editor = app.token("eve", "editor");
    let review = app
        .ok_as(
            &editor,
            r#"{ practice(slug: "south-africa-anti-xenophobia-campaign") { status
                latestReview { decision note rubric { criterion assessment comment } } } }"#,
            json!({}),
        )
        .await["practice"]
        .clone();
    assert_eq!(review["status"], "CHANGES_REQUESTED");
    assert_eq!(review["latestReview"]["decision"], "CHANGES_REQUESTED");
    let partly: Vec<&str> = review["latestReview"]["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["assessment"] == "PARTLY" && a["comment"].is_string())
        .map(|a| a["criterion"].as_str().unwrap())
        .collect();
    assert_eq!(partly, ["REPLICABILITY", "EVIDENCE"]);

    let again = hub::seed::demo::load(app.db()).await.unwrap();
    assert_eq!(
        (again.practices, again.guidance_tools, again.peer_exchanges, again.organizations, again.review_submissions),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(count(&app, ContentKind::Practice).await, practices);
}

#[actix_web::test]
async fn synthetic_practices_are_varied_and_listed() {
    let app = TestApp::new().await.unwrap();
    hub::seed::synthetic::generate(app.db(), 2500, 7, &hub::progress::Silent).await.unwrap();
    assert_eq!(count(&app, ContentKind::Practice).await, 2500);
    let data = app.data("{ practices(first: 100) { totalCount nodes { title language countries { iso3 } objectives { number } mainImplementer { name } } } }", json!({})).await;
    let total = data["practices"]["totalCount"].as_i64().unwrap();
    assert!(total > 2000 && total < 2500, "mostly published: {total}");
    let titles: HashSet<&str> =
        data["practices"]["nodes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert!(titles.len() > 50, "titles vary");
    // A second run adds more, with fresh slugs.
    hub::seed::synthetic::generate(app.db(), 10, 7, &hub::progress::Silent).await.unwrap();
    assert_eq!(count(&app, ContentKind::Practice).await, 2510);
    hub_tests::assert_settled(app.db()).await;
}

/// The import the seeds use refuses what the API refuses: a caller who is not an admin, a record whose history
/// cannot be, and fields that break the kind's rules; and it writes nothing when it refuses.
#[actix_web::test]
async fn imports_refuse_non_admins_impossible_histories_and_invalid_fields() {
    use hub::domain::viewer::{Role, Viewer};
    use hub::error::AppError;
    use hub::service::content::editing::CommonFields;
    use hub::service::content::import::{History, import};
    use hub::service::content::practice::{PracticeFields, PracticeOwn};

    let app = TestApp::new().await.unwrap();
    let fields = |description: &str| PracticeFields {
        common: CommonFields {
            title: Some("Mobile registration for seasonal workers".into()),
            summary: Some("Seasonal workers register once from their phones.".into()),
            ..CommonFields::default()
        },
        own: PracticeOwn { description: Some(description.into()), ..PracticeOwn::default() },
        resources: None,
        call: None,
    };
    let history = |slug: &str, status: Status, published: bool| History {
        slug: slug.into(),
        status,
        created_at: chrono::Utc::now() - chrono::Duration::days(30),
        published_at: published.then(chrono::Utc::now),
        review_note: None,
        review: None,
    };
    let admin = Viewer { subject: Some("hub-seed".into()), role: Role::Admin, organization: None, email: None };
    let editor = Viewer { role: Role::Editor, ..admin.clone() };
    let valid = "Registration in the field, with a phone.";
    let field_of = |error: AppError| match error {
        AppError::BadUserInput { field, .. } => field,
        other => panic!("expected BAD_USER_INPUT, got {other:?}"),
    };

    let refused = import(app.db(), &editor, fields(valid), history("mobile-registration", Status::Published, true));
    assert!(matches!(refused.await, Err(AppError::Forbidden)), "only admins import");
    let bad_slug = import(app.db(), &admin, fields(valid), history("Mobile Registration", Status::Published, true));
    assert_eq!(field_of(bad_slug.await.unwrap_err()).as_deref(), Some("slug"));
    let unpublished = import(app.db(), &admin, fields(valid), history("mobile-registration", Status::Published, false));
    assert_eq!(field_of(unpublished.await.unwrap_err()).as_deref(), Some("publishedAt"));
    let draft = import(app.db(), &admin, fields(valid), history("mobile-registration", Status::Draft, true));
    assert_eq!(field_of(draft.await.unwrap_err()).as_deref(), Some("publishedAt"));
    let reviewed_draft = History {
        review: Some(hub::service::content::review::Review::default()),
        ..history("mobile-registration", Status::Draft, false)
    };
    let never_reviewed = import(app.db(), &admin, fields(valid), reviewed_draft);
    assert_eq!(field_of(never_reviewed.await.unwrap_err()).as_deref(), Some("rubric"), "an empty rubric, first");
    let short = import(app.db(), &admin, fields("Too short"), history("mobile-registration", Status::Published, true));
    assert_eq!(field_of(short.await.unwrap_err()).as_deref(), Some("description"));
    assert_eq!(count(&app, ContentKind::Practice).await, 0, "nothing refused was written");

    let imported = import(app.db(), &admin, fields(valid), history("mobile-registration", Status::Published, true));
    let row = imported.await.unwrap().expect("imported");
    assert_eq!(
        (row.slug.as_str(), row.status, row.owner_sub.as_deref()),
        ("mobile-registration", Status::Published, None)
    );
    let again = import(app.db(), &admin, fields(valid), history("mobile-registration", Status::Published, true));
    assert!(again.await.unwrap().is_none(), "a second import of the slug adds nothing");
    assert_eq!(count(&app, ContentKind::Practice).await, 1);
}
