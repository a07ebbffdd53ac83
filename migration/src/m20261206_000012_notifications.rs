//! Contributors and reviewers hear back: `people` (what the hub remembers of a signed-in caller from their last
//! authenticated request: role, email, preferred language) and `notifications` (one row per person and workflow
//! event, written in the same transaction as the step, read in the API and mailed by the mail worker).

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("people")
                    .col(string("subject").primary_key())
                    .col(string_len("role", 16))
                    .col(string_null("email"))
                    .col(string_len_null("language", 35))
                    .col(timestamp_with_time_zone("seen_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(big_pk_auto("id"))
                    .col(string("recipient"))
                    .col(string_len("event", 24))
                    .col(big_integer("content_id"))
                    .col(string("title"))
                    .col(text_null("message"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("notifications", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(manager, "notifications", &[("idx_notifications_recipient", &["recipient", "id"][..])])
            .await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("notifications").to_owned()).await?;
        manager.drop_table(Table::drop().table("people").to_owned()).await
    }
}
