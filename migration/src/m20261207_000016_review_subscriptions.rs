//! Editors' subscriptions to submissions: `review_subscriptions`, one row per editor and objective or region. A
//! submitted practice is told to the editors subscribed to one of its objectives or regions, and to every editor
//! when none is.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("review_subscriptions")
                    .col(big_pk_auto("id"))
                    .col(string("subject"))
                    .col(integer_null("objective_number"))
                    .col(string_len_null("region_key", 64))
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(
            manager,
            "review_subscriptions",
            &[
                ("idx_review_subscriptions_subject", &["subject"][..]),
                ("idx_review_subscriptions_objective", &["objective_number"][..]),
                ("idx_review_subscriptions_region", &["region_key"][..]),
            ],
        )
        .await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("review_subscriptions").to_owned()).await
    }
}
