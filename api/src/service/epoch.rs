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

/// Reads the epoch for many concurrent requests at once, without ever giving a request a value read before it
/// arrived: a request joins the next read to start, and a read starts as soon as the previous one ends. Under load
/// one statement serves every request that arrived during the previous read, instead of one statement each.
///
/// Hand-made rather than a library single-flight because those let a late caller join a read already under way,
/// which may have started before a commit the caller has seen (a stale answer). Measured in `bench/load.py`
/// (case LW, cached answers, 32 clients): see the README's Performance section.
pub struct Reader {
    db: sea_orm::DatabaseConnection,
    state: std::sync::Mutex<Waiting>,
}

#[derive(Default)]
struct Waiting {
    /// Whether a read loop is running.
    running: bool,
    /// Requests waiting for the next read.
    next: Vec<tokio::sync::oneshot::Sender<Result<i64, Failed>>>,
}

/// Why a shared read failed, as each waiting request is told: shed (no connection free) or broken.
#[derive(Clone, Debug)]
enum Failed {
    Busy,
    Broken(String),
}

impl Reader {
    pub fn new(db: sea_orm::DatabaseConnection) -> std::sync::Arc<Reader> {
        std::sync::Arc::new(Reader { db, state: std::sync::Mutex::new(Waiting::default()) })
    }

    /// The epoch, as read by a statement that started after this call.
    pub async fn current(self: &std::sync::Arc<Self>) -> AppResult<i64> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let start = {
            let mut waiting = self.state.lock().map_err(|_| AppError::Internal("epoch reader poisoned".into()))?;
            waiting.next.push(sender);
            !std::mem::replace(&mut waiting.running, true)
        };
        if start {
            let reader = self.clone();
            tokio::spawn(async move { reader.read_loop().await });
        }
        match receiver.await {
            Ok(Ok(epoch)) => Ok(epoch),
            Ok(Err(Failed::Busy)) => Err(AppError::ServiceBusy),
            Ok(Err(Failed::Broken(message))) => Err(AppError::Internal(message.into())),
            Err(_) => Err(AppError::Internal("the epoch read was abandoned".into())),
        }
    }

    /// Reads while requests wait; each read answers those that were waiting when it started.
    async fn read_loop(&self) {
        loop {
            let waiting = match self.state.lock() {
                Ok(mut state) if state.next.is_empty() => {
                    state.running = false;
                    return;
                }
                Ok(mut state) => std::mem::take(&mut state.next),
                Err(_) => return,
            };
            let epoch = current(&self.db).await.map_err(|error| match error {
                AppError::ServiceBusy => Failed::Busy,
                other => Failed::Broken(format!("{other:?}")),
            });
            for sender in waiting {
                let _ = sender.send(epoch.clone());
            }
        }
    }
}
