//! Calls for practices: `calls_for_practices` (a call's own fields; its `contents` row, of kind `CALL`, holds the
//! rest) and `practices.call_id`, the call a practice answers. Practices that named a call in the free-text
//! `call_for_practices` are linked to the call of that title (compared lowercased, accents folded and punctuation
//! ignored); the rest keep their text. Linking only fills empty links, so running it again changes nothing.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("calls_for_practices")
                    .col(big_integer("content_id").primary_key())
                    .col(text("description"))
                    .col(date("opens_on"))
                    .col(date("deadline"))
                    .col(string_len("time_zone", 64).default("UTC"))
                    .col(text_null("criteria"))
                    .col(string_len_null("contact", 300))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(timestamp_with_time_zone_null("closing_announced_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("calls_for_practices", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // No foreign key: SQLite cannot add one to an existing table. Deleting a call unlinks its answers.
        manager
            .alter_table(Table::alter().table("practices").add_column(big_integer_null("call_id")).to_owned())
            .await?;
        crate::create_indexes(manager, "practices", &[("idx_practices_call", &["call_id"][..])]).await?;
        link_answers(manager.get_connection()).await
    }

    async fn down(manager) {
        manager.drop_index(Index::drop().name("idx_practices_call").table("practices").to_owned()).await?;
        manager.alter_table(Table::alter().table("practices").drop_column("call_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("calls_for_practices").to_owned()).await
    }
}

/// Links every practice whose free-text call equals a call's title and that has no call yet.
pub async fn link_answers<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let calls =
        db.query_all_raw(Statement::from_string(backend, "SELECT id, title FROM contents WHERE kind = 'CALL'")).await?;
    let mut by_title = std::collections::HashMap::new();
    for row in calls {
        let (id, title): (i64, String) = (row.try_get("", "id")?, row.try_get("", "title")?);
        by_title.entry(slug::slugify(&title)).or_insert(id);
    }
    if by_title.is_empty() {
        return Ok(());
    }
    let sql =
        "SELECT content_id, call_for_practices FROM practices WHERE call_id IS NULL AND call_for_practices IS NOT NULL";
    for row in db.query_all_raw(Statement::from_string(backend, sql)).await? {
        let (practice, text): (i64, String) = (row.try_get("", "content_id")?, row.try_get("", "call_for_practices")?);
        if let Some(call) = by_title.get(&slug::slugify(&text)) {
            let update = match backend {
                DbBackend::Postgres => "UPDATE practices SET call_id = $1 WHERE content_id = $2 AND call_id IS NULL",
                _ => "UPDATE practices SET call_id = ? WHERE content_id = ? AND call_id IS NULL",
            };
            db.execute_raw(Statement::from_sql_and_values(backend, update, [(*call).into(), practice.into()])).await?;
        }
    }
    Ok(())
}
