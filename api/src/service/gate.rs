//! Bounded expensive work: searches and counts take a turn at one gate per process, so that however many arrive at
//! once, only a few run and cheap queries keep a core and database connections. A request that cannot get a turn
//! within the wait is shed with `SERVICE_BUSY` (HTTP 503, retriable), never left to time out.

use crate::error::{AppError, AppResult};
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

pub struct Gate {
    turns: Semaphore,
    wait: Duration,
}

impl Gate {
    /// `turns` turns at once (at least 1; see `Config::expensive_turns`); a caller waits at most `wait` for one.
    pub fn new(turns: usize, wait: Duration) -> Gate {
        Gate { turns: Semaphore::new(turns.max(1)), wait }
    }

    /// A turn, held until dropped; `SERVICE_BUSY` when none frees up in time.
    pub async fn turn(&self) -> AppResult<SemaphorePermit<'_>> {
        match tokio::time::timeout(self.wait, self.turns.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => Err(AppError::ServiceBusy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn turns_are_bounded_and_the_rest_is_shed() {
        let gate = Gate::new(2, Duration::from_millis(20));
        let first = gate.turn().await.unwrap();
        let _second = gate.turn().await.unwrap();
        assert!(matches!(gate.turn().await, Err(AppError::ServiceBusy)));
        drop(first);
        assert!(gate.turn().await.is_ok(), "a turn given back is taken again");
    }
}
