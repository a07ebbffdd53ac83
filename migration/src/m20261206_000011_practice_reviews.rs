//! Reviews of practices: `practice_reviews` (one row per editor's decision on a submitted practice: changes
//! requested or published, with the note and, for a publication over a failing rubric, the admin's reason) and
//! `practice_review_assessments` (the rubric of a review: one assessment per criterion, with an optional comment).

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("practice_reviews")
                    .col(big_pk_auto("id"))
                    .col(big_integer("content_id"))
                    .col(string_len("decision", 24))
                    .col(string("reviewer"))
                    .col(string_len("reviewer_role", 16))
                    .col(text_null("note"))
                    .col(text_null("override_reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("practice_reviews", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("practice_review_assessments")
                    .col(big_integer("review_id"))
                    .col(string_len("criterion", 16))
                    .col(string_len("assessment", 16))
                    .col(text_null("comment"))
                    .primary_key(Index::create().col("review_id").col("criterion"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("practice_review_assessments", "review_id")
                            .to("practice_reviews", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(manager, "practice_reviews", &[("idx_practice_reviews_content", &["content_id", "id"][..])])
            .await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("practice_review_assessments").to_owned()).await?;
        manager.drop_table(Table::drop().table("practice_reviews").to_owned()).await
    }
}
