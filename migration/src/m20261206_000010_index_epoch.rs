//! The index epoch: a second counter in `public_epoch` (row 2), moved by whatever changes what the search index
//! answers (each batch the relay applies, a reindex's swap, the start-up fill). Cached answers that may have read the
//! index are keyed by it as well as by the public epoch, so they follow the index and never outlive it.

use sea_orm_migration::prelude::*;

/// The row of the index epoch (row 1 is the public epoch).
const INDEX_ROW: i32 = 2;

migration! {
    async fn up(manager) {
        let mut seed = Query::insert();
        seed.into_table("public_epoch").columns(["id", "epoch"]);
        seed.values([INDEX_ROW.into(), 1i64.into()]).map_err(|error| DbErr::Custom(error.to_string()))?;
        manager.exec_stmt(seed).await
    }

    async fn down(manager) {
        let mut remove = Query::delete();
        remove.from_table("public_epoch").and_where(Expr::col("id").eq(INDEX_ROW));
        manager.exec_stmt(remove).await
    }
}
