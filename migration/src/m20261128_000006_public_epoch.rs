//! The public epoch: one counter, bumped in the same transaction as every change anonymous readers could see (every
//! outbox row and every audited editor or admin action). Caches of public answers (responses, reference lists) are
//! keyed by it, so every instance on the database sees a commit as soon as it reads the counter.

use sea_orm_migration::{prelude::*, schema::*};

migration! {
    async fn up(manager) {
        manager
            .create_table(
                Table::create()
                    .table("public_epoch")
                    .col(integer("id").primary_key())
                    .col(big_integer("epoch"))
                    .to_owned(),
            )
            .await?;
        let mut seed = Query::insert();
        seed.into_table("public_epoch").columns(["id", "epoch"]);
        seed.values([1.into(), 1i64.into()]).map_err(|error| DbErr::Custom(error.to_string()))?;
        manager.exec_stmt(seed).await
    }

    async fn down(manager) {
        manager.drop_table(Table::drop().table("public_epoch").to_owned()).await
    }
}
