//! The public epoch: a counter moved in the same transaction as every change anonymous readers could see (by
//! `outbox::enqueue`, which every content change calls, and by `audit::record`, which every editor and admin action
//! calls). Caches of public answers key their entries by it, so a commit is visible to every instance that reads
//! the counter afterwards: nothing is served stale once a write has committed.

use crate::error::{AppError, AppResult};
use hub_entity::public_epoch;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The row that holds the counter.
const ROW: i32 = 1;

/// Moves the epoch on, inside the caller's transaction.
pub async fn bump<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    public_epoch::Entity::update_many()
        .col_expr(public_epoch::Column::Epoch, Expr::col(public_epoch::Column::Epoch).add(1))
        .filter(public_epoch::Column::Id.eq(ROW))
        .exec(db)
        .await?;
    Ok(())
}

/// The current epoch (one primary-key read).
pub async fn current<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    let epoch: Option<i64> = public_epoch::Entity::find()
        .select_only()
        .column(public_epoch::Column::Epoch)
        .filter(public_epoch::Column::Id.eq(ROW))
        .into_tuple()
        .one(db)
        .await?;
    epoch.ok_or_else(|| AppError::Internal("the public epoch row is missing".into()))
}
