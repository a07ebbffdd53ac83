//! Webhooks for partners: `webhooks` (endpoints admins register, each with its signing secret, what it receives,
//! and how far into the change feed its deliveries have been queued) and `webhook_deliveries` (the durable queue:
//! one row per change an endpoint receives, with its attempts and last error).

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("webhooks")
                    .col(big_pk_auto("id"))
                    .col(string_len("url", 2048))
                    .col(string("secret"))
                    // Comma-separated; NULL: everything.
                    .col(string_null("types"))
                    .col(string_null("events"))
                    .col(boolean("enabled"))
                    .col(string_null("disabled_reason"))
                    // The change-feed position up to which deliveries are queued.
                    .col(big_integer("position"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .col(big_pk_auto("id"))
                    .col(big_integer("webhook_id"))
                    .col(big_integer("change_id"))
                    .col(big_integer("content_id"))
                    .col(string_len("event", 32))
                    .col(text("payload"))
                    .col(string_len("status", 16))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(integer_null("last_status"))
                    .col(string_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("webhook_deliveries", "webhook_id")
                            .to("webhooks", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(
            manager,
            "webhook_deliveries",
            &[
                ("idx_webhook_deliveries_due", &["status", "next_attempt_at"][..]),
                ("idx_webhook_deliveries_webhook", &["webhook_id", "id"][..]),
                ("idx_webhook_deliveries_record", &["webhook_id", "content_id", "status"][..]),
            ],
        )
        .await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("webhook_deliveries").to_owned()).await?;
        manager.drop_table(Table::drop().table("webhooks").to_owned()).await
    }
}
