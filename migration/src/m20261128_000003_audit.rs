//! The audit trail: who did what to which record, and when.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("actor_sub"))
                    .col(string_len("actor_role", 16))
                    .col(string_len("action", 40))
                    .col(string_len("subject_type", 24))
                    .col(big_integer("subject_id"))
                    .col(text_null("note"))
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(
            manager,
            "audit_events",
            &[
                ("idx_audit_events_subject", &["subject_type", "subject_id", "at"][..]),
                ("idx_audit_events_at", &["at"][..]),
            ],
        )
        .await?;
        Ok(())
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("audit_events").to_owned()).await
    }
}
