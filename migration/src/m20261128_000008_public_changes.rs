//! The partners' change feed: `public_changes`, one row per change anonymous readers could see (a record published,
//! updated while published, unpublished, deleted), written in the same transaction as the change and the search
//! outbox row; its id is the feed's position. `change_feed` holds the retention horizon: positions at or below it
//! may have been purged, and cursors there are expired. Records published before this migration get a `PUBLISHED`
//! row each, so that the feed starts complete.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("public_changes")
                    .col(big_pk_auto("id"))
                    .col(string_len("kind", 16))
                    // No foreign key: a deleted record keeps its tombstone.
                    .col(big_integer("content_id"))
                    .col(string_len("content_kind", 16))
                    .col(string("slug"))
                    .col(string_len("language", 35))
                    // The record's translation group: its translations change with it, even after it is gone.
                    .col(string("translation_key"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(
            manager,
            "public_changes",
            &[("idx_public_changes_content_id", &["content_id", "id"][..]), ("idx_public_changes_at", &["at"][..])],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("change_feed")
                    .col(integer("id").primary_key())
                    .col(big_integer("horizon"))
                    .to_owned(),
            )
            .await?;
        let mut seed = Query::insert();
        seed.into_table("change_feed").columns(["id", "horizon"]);
        seed.values([1.into(), 0i64.into()]).map_err(|error| DbErr::Custom(error.to_string()))?;
        manager.exec_stmt(seed).await?;
        // What is public today, in the order it was published.
        let backfill = Query::insert()
            .into_table("public_changes")
            .columns(["kind", "content_id", "content_kind", "slug", "language", "translation_key", "at"])
            .select_from(
                Query::select()
                    .expr(Expr::val("PUBLISHED"))
                    .columns(["id", "kind", "slug", "language", "translation_key"])
                    .expr(Expr::cust("COALESCE(published_at, updated_at)"))
                    .from("contents")
                    .and_where(Expr::col("status").eq("PUBLISHED"))
                    .order_by_expr(Expr::cust("COALESCE(published_at, updated_at)"), Order::Asc)
                    .order_by("id", Order::Asc)
                    .to_owned(),
            )
            .map_err(|error| DbErr::Custom(error.to_string()))?
            .to_owned();
        manager.exec_stmt(backfill).await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("change_feed").to_owned()).await?;
        manager.drop_table(Table::drop().table("public_changes").to_owned()).await
    }
}
