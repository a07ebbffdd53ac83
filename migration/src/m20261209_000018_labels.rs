//! Reference labels in every language the hub speaks besides English: `labels`, one row per subject (`objective`,
//! `objective_short`, `principle`, `region`, `theme`), key and language, with where its text comes from. Seeded from
//! `data/labels/{language}.csv`; English stays in the reference tables.

use crate::reference;
use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("labels")
                    .col(string_len("subject", 32))
                    .col(string_len("key", 64))
                    .col(string_len("language", 8))
                    .col(text("text"))
                    .col(string_len("source", 16))
                    .primary_key(Index::create().col("subject").col("key").col("language"))
                    .to_owned(),
            )
            .await?;
        let mut rows = Vec::new();
        for (language, labels) in reference::labels().map_err(DbErr::Migration)? {
            for label in labels {
                rows.push(vec![
                    label.subject.into(),
                    label.key.into(),
                    language.into(),
                    label.text.into(),
                    label.source.into(),
                ]);
            }
        }
        crate::insert_rows(manager, "labels", &["subject", "key", "language", "text", "source"], rows).await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("labels").to_owned()).await
    }
}
