//! `learned_acronyms`: the acronyms the published records define ("overseas Filipino workers (OFWs)"), one row per
//! record, acronym and expansion, kept by the search relay as it indexes the records. A query holding the acronym
//! also looks for its expansion, on every record, on both engines.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("learned_acronyms")
                    .col(big_integer("content_id"))
                    .col(string_len("acronym", 16))
                    .col(string_len("expansion", 200))
                    .primary_key(Index::create().col("content_id").col("acronym").col("expansion"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("learned_acronyms", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(manager, "learned_acronyms", &[("idx_learned_acronyms_acronym", &["acronym"][..])]).await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("learned_acronyms").to_owned()).await
    }
}
