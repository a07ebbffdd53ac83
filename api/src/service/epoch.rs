//! The epochs: counters that key every cache of public answers. The public epoch moves in the same transaction as
//! every change anonymous readers could see (by `outbox::enqueue`, which every content change calls, and by
//! `audit::record`, which every editor and admin action calls). The index epoch moves whenever the search index
//! answers differently: with each batch the relay applies (in the transaction that marks it applied), after a
//! reindex's swap and after the start-up fill. An answer is cached under both, so a commit is visible to every
//! instance that reads the counters afterwards, and so is every change the index has applied: nothing read from the
//! database or from the index is served stale.

use crate::error::{AppError, AppResult};
use hub_entity::public_epoch;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The row that holds the public epoch.
const PUBLIC: i32 = 1;
/// The row that holds the index epoch.
const INDEX: i32 = 2;

/// Both counters, as read by one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Epochs {
    /// Moves with every public change to the database.
    pub public: i64,
    /// Moves with every change applied to the search index.
    pub index: i64,
}

/// Moves the public epoch on, inside the caller's transaction.
pub async fn bump<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    bump_row(db, PUBLIC).await
}

/// Moves the index epoch on, inside the caller's transaction (the relay's, once a batch is applied), or on its own
/// once the index has changed (a swap, the start-up fill).
pub async fn bump_index<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    bump_row(db, INDEX).await
}

async fn bump_row<C: ConnectionTrait>(db: &C, row: i32) -> AppResult<()> {
    public_epoch::Entity::update_many()
        .col_expr(public_epoch::Column::Epoch, Expr::col(public_epoch::Column::Epoch).add(1))
        .filter(public_epoch::Column::Id.eq(row))
        .exec(db)
        .await?;
    Ok(())
}

/// The current epochs (one statement reading two rows by primary key).
pub async fn current<C: ConnectionTrait>(db: &C) -> AppResult<Epochs> {
    let rows: Vec<(i32, i64)> = public_epoch::Entity::find()
        .select_only()
        .column(public_epoch::Column::Id)
        .column(public_epoch::Column::Epoch)
        .filter(public_epoch::Column::Id.is_in([PUBLIC, INDEX]))
        .into_tuple()
        .all(db)
        .await?;
    let of = |row: i32| rows.iter().find(|(id, _)| *id == row).map(|(_, epoch)| *epoch);
    match (of(PUBLIC), of(INDEX)) {
        (Some(public), Some(index)) => Ok(Epochs { public, index }),
        _ => Err(AppError::Internal("an epoch row is missing".into())),
    }
}

/// Reads the epochs for many concurrent requests at once, without ever giving a request a value read before it
/// arrived: a request joins the next read to start, and a read starts as soon as the previous one ends. Under load
/// one statement serves every request that arrived during the previous read, instead of one statement each.
///
/// Hand-made rather than a library single-flight because those let a late caller join a read already under way,
/// which may have started before a commit the caller has seen (a stale answer). Measured in `bench/load.py`
/// (case LW, cached answers, 32 clients): see the README's Performance section.
pub struct Reader {
    db: sea_orm::DatabaseConnection,
    state: std::sync::Mutex<Waiting>,
    /// The epochs the last read found, for requests that read no data (their reference tables are never used).
    last: std::sync::Mutex<Epochs>,
}

#[derive(Default)]
struct Waiting {
    /// Whether a read loop is running.
    running: bool,
    /// Requests waiting for the next read.
    next: Vec<tokio::sync::oneshot::Sender<Result<Epochs, Failed>>>,
}

/// Why a shared read failed, as each waiting request is told: shed (no connection free) or broken.
#[derive(Clone, Debug)]
enum Failed {
    Busy,
    Broken(String),
}

impl Reader {
    pub fn new(db: sea_orm::DatabaseConnection) -> std::sync::Arc<Reader> {
        std::sync::Arc::new(Reader {
            db,
            state: std::sync::Mutex::new(Waiting::default()),
            last: std::sync::Mutex::new(Epochs::default()),
        })
    }

    /// The epochs the last read found (zero before the first): no statement, and possibly stale, so only for work
    /// whose answer does not depend on them.
    pub fn last_read(&self) -> Epochs {
        self.last.lock().map(|last| *last).unwrap_or_default()
    }

    /// The epochs, as read by a statement that started after this call.
    pub async fn current(self: &std::sync::Arc<Self>) -> AppResult<Epochs> {
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
            if let (Ok(read), Ok(mut last)) = (&epoch, self.last.lock()) {
                *last = *read;
            }
            for sender in waiting {
                let _ = sender.send(epoch.clone());
            }
        }
    }
}
