//! Mailing notifications: each notification's mail state (`PENDING` until the mail worker sends it, `SENT`, `FAILED`
//! after its retry window, `NO_ADDRESS` when its recipient's token carried no email), attempts, when it is next due
//! (also the lease of an attempt in flight, so that instances never send one twice), and the last error.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        // SQLite adds one column per statement.
        let columns = [
            ColumnDef::new("mail_status").string_len(16).not_null().default("PENDING").to_owned(),
            integer("mail_attempts").default(0).to_owned(),
            timestamp_with_time_zone_null("mail_next_at"),
            string_null("mail_error"),
            timestamp_with_time_zone_null("mailed_at"),
        ];
        for column in columns {
            let mut column = column;
            manager.alter_table(Table::alter().table("notifications").add_column(&mut column).to_owned()).await?;
        }
        crate::create_indexes(manager, "notifications", &[("idx_notifications_mail", &["mail_status", "mail_next_at"][..])])
            .await
    }

    async fn down(manager) {
        manager.drop_index(Index::drop().name("idx_notifications_mail").table("notifications").to_owned()).await?;
        for column in ["mail_status", "mail_attempts", "mail_next_at", "mail_error", "mailed_at"] {
            manager.alter_table(Table::alter().table("notifications").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
