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
}
