//! The real migrations: up, down to nothing, and up again, on a fresh database; seeded reference data.

use hub_entity::{country, objective, principle, region, regional_review, theme};
use hub_migration::{Migrator, MigratorTrait};
use hub_tests::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[actix_web::test]
async fn migrations_go_down_and_up_again() {
    let app = TestApp::demo().await.unwrap();
    let db = app.db();
    assert_eq!(Migrator::get_pending_migrations(db).await.unwrap().len(), 0);
    Migrator::down(db, None).await.unwrap();
    assert_eq!(Migrator::get_applied_migrations(db).await.unwrap().len(), 0);
    assert!(objective::Entity::find().count(db).await.is_err(), "tables are gone");
    Migrator::up(db, None).await.unwrap();
    assert_eq!(objective::Entity::find().count(db).await.unwrap(), 23);
    // Running them again is a no-op, and so is starting the app on a migrated database.
    hub::db::migrate(db).await.unwrap();
    assert_eq!(objective::Entity::find().count(db).await.unwrap(), 23);
}

#[actix_web::test]
async fn reference_data_is_seeded() {
    let app = TestApp::new().await.unwrap();
    let db = app.db();
    assert_eq!(objective::Entity::find().count(db).await.unwrap(), 23);
    assert_eq!(principle::Entity::find().count(db).await.unwrap(), 10);
    assert_eq!(region::Entity::find().count(db).await.unwrap(), 5);
    assert_eq!(regional_review::Entity::find().count(db).await.unwrap(), 5);
    assert!(theme::Entity::find().count(db).await.unwrap() >= 7);
    assert!(country::Entity::find().count(db).await.unwrap() >= 249);
    let champions = country::Entity::find().filter(country::Column::IsChampion.eq(true)).all(db).await.unwrap();
    assert_eq!(champions.len(), 15);
    assert!(champions.iter().all(|c| c.champion_since.map(|d| d.to_string()) == Some("2020-11-01".into())));
    let unece = regional_review::Entity::find()
        .filter(regional_review::Column::Key.eq("unece"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unece.first_review, "2020-11");
}

#[actix_web::test]
async fn concurrent_starts_migrate_once() {
    // Two app states migrating the same database at once (as two instances would): both succeed.
    let app = TestApp::new().await.unwrap();
    Migrator::down(app.db(), None).await.unwrap();
    let (a, b) = tokio::join!(hub::db::migrate(app.db()), hub::db::migrate(app.db()));
    a.unwrap();
    b.unwrap();
    assert_eq!(objective::Entity::find().count(app.db()).await.unwrap(), 23);
}

/// Undoes `name` and every migration after it.
async fn down_to_before(db: &sea_orm::DatabaseConnection, name: &str) {
    let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_string()).collect();
    let at = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no migration {name}"));
    Migrator::down(db, Some(u32::try_from(names.len() - at).unwrap())).await.unwrap();
}

#[actix_web::test]
async fn review_submissions_move_into_content_records_with_their_history() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::new().await.unwrap();
    let db = app.db();
    let run = |sql: String| async move {
        db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    };
    // Back to the shape before submissions were records, with two submissions and the trail of one.
    down_to_before(db, "m20261208_000017_review_submission_records").await;
    let review = regional_review::Entity::find().filter(regional_review::Column::Key.eq("unece")).one(db).await;
    let review = review.unwrap().unwrap().id;
    run("INSERT INTO organizations (slug, name, acronym, kind, created_at, updated_at) VALUES \
         ('picum', 'Platform for International Cooperation on Undocumented Migrants', 'PICUM', 'CIVIL_SOCIETY', \
         '2020-01-01 00:00:00+00:00', '2020-01-01 00:00:00+00:00')"
        .into())
    .await;
    let picum = hub_entity::organization::Entity::find().one(db).await.unwrap().unwrap().id;
    for (id, country, organization, day) in
        [(7, "'PRT'", "NULL".to_string(), "2020-10-30"), (8, "NULL", picum.to_string(), "2020-10-27")]
    {
        run(format!(
            "INSERT INTO review_submissions (id, review_id, submitter_country_iso3, submitter_organization_id, \
             submitted_on, summary, document_url, language, created_at, updated_at, version) VALUES ({id}, {review}, \
             {country}, {organization}, '{day}', 'A voluntary review of the Compact, with its plan.', NULL, 'en', \
             '{day} 09:00:00+00:00', '{day} 09:00:00+00:00', 3)"
        ))
        .await;
    }
    run("INSERT INTO audit_events (at, actor_sub, actor_role, action, subject_type, subject_id) VALUES \
         ('2020-10-30 09:00:00+00:00', 'eve', 'EDITOR', 'review_submission.create', 'ReviewSubmission', 7)"
        .into())
    .await;

    Migrator::up(db, None).await.unwrap();
    let moved = hub_entity::content::Entity::find()
        .filter(hub_entity::content::Column::Kind.eq(hub_entity::enums::ContentKind::ReviewSubmission))
        .all(db)
        .await
        .unwrap();
    let mut seen: Vec<(String, String, i32)> =
        moved.iter().map(|c| (c.slug.clone(), c.title.clone(), c.version)).collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("picum-unece-2020".to_string(), "PICUM: input to the UNECE regional review (2020)".to_string(), 3),
            ("portugal-unece-2020".to_string(), "Portugal: input to the UNECE regional review (2020)".to_string(), 3),
        ]
    );
    assert!(moved.iter().all(|c| c.status == hub_entity::enums::Status::Published && c.year == Some(2020)));
    let portugal = moved.iter().find(|c| c.slug == "portugal-unece-2020").unwrap();
    // Its trail follows it to its new id; its tags say where it is from; the outbox will index it.
    let trail = hub_entity::audit_event::Entity::find()
        .filter(hub_entity::audit_event::Column::SubjectType.eq("ReviewSubmission"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(trail.iter().map(|e| e.subject_id).collect::<Vec<_>>(), [portugal.id]);
    let read = app
        .data(
            "query($slug: String!) { reviewSubmission(slug: $slug) { summary submittedOn countries { iso3 } regions { key }
               review { key } } }",
            serde_json::json!({ "slug": "portugal-unece-2020" }),
        )
        .await;
    assert_eq!(
        read["reviewSubmission"],
        serde_json::json!({ "summary": "A voluntary review of the Compact, with its plan.", "submittedOn": "2020-10-30",
            "countries": [{ "iso3": "PRT" }], "regions": [{ "key": "unece" }], "review": { "key": "unece" } })
    );
    let queued = hub_entity::search_outbox::Entity::find()
        .filter(hub_entity::search_outbox::Column::ContentId.is_in(moved.iter().map(|c| c.id)))
        .count(db)
        .await
        .unwrap();
    assert_eq!(queued, 2);
    // And back down: the old shape again, the rows kept.
    down_to_before(db, "m20261208_000017_review_submission_records").await;
    let back = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM review_submissions",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.try_get::<i64>("", "n").unwrap(), 2);
    Migrator::up(db, None).await.unwrap();
}
