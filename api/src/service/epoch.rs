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
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Statement};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

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
    if db.get_database_backend() == DbBackend::Postgres {
        // The move and its notification in one statement: PostgreSQL delivers the notification when the caller's
        // transaction commits (never before, never for a rollback), to every instance that follows the epochs.
        let sql = format!(
            "WITH moved AS (UPDATE public_epoch SET epoch = epoch + 1 WHERE id = $1 RETURNING id, epoch) \
             SELECT pg_notify('{CHANNEL}', (SELECT id || ':' || epoch FROM moved))"
        );
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [row.into()])).await?;
        return Ok(());
    }
    public_epoch::Entity::update_many()
        .col_expr(public_epoch::Column::Epoch, Expr::col(public_epoch::Column::Epoch).add(1))
        .filter(public_epoch::Column::Id.eq(row))
        .exec(db)
        .await?;
    Ok(())
}

/// How often the followed epochs are read anyway, in case a notification was lost.
const SAFETY: Duration = Duration::from_secs(5);

/// The notification channel of the epochs' moves (PostgreSQL); a payload is `{row}:{epoch}`.
pub const CHANNEL: &str = "hub_epochs";

/// Reads a notification's payload into the epochs it announces, on top of `known` (epochs only grow).
fn announced(known: Epochs, payload: &str) -> Epochs {
    let Some((row, epoch)) = payload.split_once(':') else { return known };
    let (Ok(row), Ok(epoch)) = (row.parse::<i32>(), epoch.parse::<i64>()) else { return known };
    match row {
        PUBLIC => Epochs { public: Ord::max(known.public, epoch), ..known },
        INDEX => Epochs { index: Ord::max(known.index, epoch), ..known },
        _ => known,
    }
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
    /// The epochs the last read found, for requests that read no data (their reference tables are never used); when
    /// the epochs are followed by notification, the newest any notification announced.
    last: std::sync::Mutex<Epochs>,
    /// Whether `last` is followed by notification right now (listening, and caught up since the last connection).
    followed: AtomicBool,
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
            followed: AtomicBool::new(false),
        })
    }

    /// Whether the epochs are followed by notification right now (then `current` reads nothing).
    pub fn followed(&self) -> bool {
        self.followed.load(Ordering::Acquire)
    }

    /// Raises `last` to `epochs` where they are newer.
    fn raise(&self, epochs: Epochs) {
        if let Ok(mut last) = self.last.lock() {
            *last = Epochs { public: Ord::max(last.public, epochs.public), index: Ord::max(last.index, epochs.index) };
        }
    }

    /// Follows the epochs by `LISTEN` (PostgreSQL only; elsewhere nothing happens): `current` then answers from the
    /// notifications, reading nothing. Each (re)connection listens first, then reads the epochs (a move made while
    /// no one listened is caught); every `SAFETY` a read raises the epochs in case a notification was lost. While
    /// the connection is down, `current` reads the database as without notifications.
    pub fn follow_notifications(self: &std::sync::Arc<Self>) {
        if self.db.get_database_backend() != DbBackend::Postgres {
            return;
        }
        let reader = self.clone();
        tokio::spawn(async move {
            loop {
                reader.listen_once().await;
                reader.followed.store(false, Ordering::Release);
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
    }

    /// One connection's life: listen, catch up, apply notifications until the connection is lost.
    async fn listen_once(&self) {
        use sea_orm::sqlx::postgres::PgListener;
        let pool = self.db.get_postgres_connection_pool();
        let mut listener = match PgListener::connect_with(pool).await {
            Ok(listener) => listener,
            Err(error) => return tracing::warn!(%error, "cannot listen for the epochs; reading them per request"),
        };
        if let Err(error) = listener.listen(CHANNEL).await {
            return tracing::warn!(%error, "cannot listen for the epochs; reading them per request");
        }
        match current(&self.db).await {
            Ok(read) => self.raise(read),
            Err(error) => return tracing::warn!(?error, "cannot read the epochs after listening"),
        }
        self.followed.store(true, Ordering::Release);
        tracing::info!("following the epochs by notification");
        loop {
            tokio::select! {
                notification = listener.try_recv() => match notification {
                    Ok(Some(notification)) => {
                        let known = self.last_read();
                        self.raise(announced(known, notification.payload()));
                    }
                    // The connection was lost: listen again from the start (notifications meanwhile are lost).
                    Ok(None) | Err(_) => {
                        tracing::warn!("the epochs' notifications stopped; reconnecting");
                        return;
                    }
                },
                () = tokio::time::sleep(SAFETY) => match current(&self.db).await {
                    Ok(read) => self.raise(read),
                    Err(error) => tracing::warn!(?error, "the epochs' safety read failed"),
                },
            }
        }
    }

    /// The epochs the last read found (zero before the first): no statement, and possibly stale, so only for work
    /// whose answer does not depend on them.
    pub fn last_read(&self) -> Epochs {
        self.last.lock().map(|last| *last).unwrap_or_default()
    }

    /// The epochs, as read by a statement that started after this call; when they are followed by notification,
    /// the newest announced, with no statement (see `follow_notifications`).
    pub async fn current(self: &std::sync::Arc<Self>) -> AppResult<Epochs> {
        if self.followed() {
            return Ok(self.last_read());
        }
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
            if let Ok(read) = &epoch {
                self.raise(*read);
            }
            for sender in waiting {
                let _ = sender.send(epoch.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notification_raises_its_row_and_nothing_else() {
        let known = Epochs { public: 10, index: 4 };
        assert_eq!(announced(known, "1:11"), Epochs { public: 11, index: 4 });
        assert_eq!(announced(known, "2:9"), Epochs { public: 10, index: 9 });
        assert_eq!(announced(known, "1:3"), known, "an older move never lowers an epoch");
        for garbled in ["", "1", "x:1", "1:x", "3:99"] {
            assert_eq!(announced(known, garbled), known, "{garbled:?}");
        }
    }
}
