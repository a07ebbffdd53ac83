//! Curated collections ("Global Practices"): `collections` (a collection's own fields; its `contents` row, of kind
//! `COLLECTION`, holds the rest) and `collection_items` (the records it holds, ordered, each with an editor's note).
//! Deleting a collection or a record deletes its items.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("collections")
                    .col(big_integer("content_id").primary_key())
                    .col(text("description"))
                    .col(boolean("featured").default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .from("collections", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("collection_items")
                    .col(big_integer("collection_id"))
                    .col(big_integer("content_id"))
                    .col(integer("position"))
                    .col(text_null("note"))
                    .primary_key(Index::create().col("collection_id").col("content_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("collection_items", "collection_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("collection_items", "content_id")
                            .to("contents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_indexes(manager, "collection_items", &[("idx_collection_items_content", &["content_id"][..])])
            .await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("collection_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("collections").to_owned()).await
    }
}
