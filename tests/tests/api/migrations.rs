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
