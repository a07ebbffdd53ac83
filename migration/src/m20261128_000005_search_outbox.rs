//! The search outbox: every content change writes a row here in its own transaction; the relay worker applies them
//! to the search engine and marks them processed. Processed rows are kept a while so that `hub reindex` can replay
//! the changes made while it rebuilt the index.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("search_outbox")
                    .col(big_pk_auto("id"))
                    // No foreign key: a deleted record still has to leave the index.
                    .col(big_integer("content_id"))
                    .col(timestamp_with_time_zone("enqueued_at"))
                    .col(timestamp_with_time_zone_null("processed_at"))
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(
            manager,
            "search_outbox",
            &[
                ("idx_search_outbox_pending", &["processed_at", "id"][..]),
                ("idx_search_outbox_content_id", &["content_id"][..]),
            ],
        )
        .await?;
        Ok(())
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("search_outbox").to_owned()).await
    }
}
