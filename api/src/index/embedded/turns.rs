//! The threads searches run on. A few threads of their own take the next search from one queue the moment they end
//! the last, so a turn passes from one search to the next without a scheduler's hop. Before, a search took a
//! semaphore's permit and ran on `spawn_blocking`; the next waiter ran only once its task was polled again, behind
//! other requests' work on busy workers, and under 32 clients a third of a 2-core machine sat idle while searches
//! queued. A search that waits longer than `wait` for a thread is shed before it starts; a caller that leaves (its
//! client hung up) takes its unstarted search out of the queue.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

/// Why a search did not run.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// No thread was free within the wait.
    Busy,
    /// The search panicked, or the threads are gone.
    Failed(&'static str),
}

/// A queued search: its work, and whether it may still start.
struct Ticket {
    state: Arc<AtomicU8>,
    work: Box<dyn FnOnce() + Send>,
}

const WAITING: u8 = 0;
const STARTED: u8 = 1;
const LEFT: u8 = 2;

/// Marks a search that has not started as left when its caller stops waiting (shed, or gone).
struct Leave(Arc<AtomicU8>);

impl Leave {
    /// Whether the search was taken out before it started.
    fn leave(&self) -> bool {
        self.0.compare_exchange(WAITING, LEFT, Ordering::AcqRel, Ordering::Acquire).is_ok()
    }
}

impl Drop for Leave {
    fn drop(&mut self) {
        self.leave();
    }
}

/// The least wait: about what a free thread takes to wake and start a search, so that a wait of 0 sheds the searches
/// that would queue behind others, not one that a free thread is about to take.
const WAKING: Duration = Duration::from_millis(1);

pub(super) struct Turns {
    queue: flume::Sender<Ticket>,
    wait: Duration,
}

impl Turns {
    /// `threads` threads (at least one), named `hub-search-N`, and a search waits for one at most `wait` (at least
    /// `WAKING`); the threads end when the `Turns` is dropped.
    pub(super) fn new(threads: usize, wait: Duration) -> std::io::Result<Turns> {
        let (queue, tickets) = flume::unbounded::<Ticket>();
        for n in 0..threads.max(1) {
            let tickets = tickets.clone();
            std::thread::Builder::new().name(format!("hub-search-{n}")).spawn(move || {
                for ticket in tickets.iter() {
                    if ticket.state.compare_exchange(WAITING, STARTED, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                        (ticket.work)();
                    }
                }
            })?;
        }
        Ok(Turns { queue, wait: wait.max(WAKING) })
    }

    /// Runs `work` on a search thread, in its turn; `Busy` when none took it within the wait.
    pub(super) async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Refused> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let state = Arc::new(AtomicU8::new(WAITING));
        let leave = Leave(state.clone());
        let work = Box::new(move || {
            // A panic ends the search, not the thread; the caller sees it as a failure.
            let _ = answer.send(std::panic::catch_unwind(AssertUnwindSafe(work)));
        });
        self.queue.send(Ticket { state, work }).map_err(|_| Refused::Failed("the search threads are gone"))?;
        let mut answered = answered;
        let outcome = match tokio::time::timeout(self.wait, &mut answered).await {
            Ok(outcome) => outcome,
            Err(_) if leave.leave() => return Err(Refused::Busy),
            // Started before the wait ran out: it finishes.
            Err(_) => answered.await,
        };
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(Refused::Failed("the search panicked")),
            Err(_) => Err(Refused::Failed("the search thread stopped")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;

    /// Starts a search that holds a thread until `release` is sent; returns once it has started.
    async fn hold(turns: &Arc<Turns>) -> (mpsc::Sender<()>, tokio::task::JoinHandle<Result<(), Refused>>) {
        let (release, held) = mpsc::channel::<()>();
        let (started, has_started) = tokio::sync::oneshot::channel();
        let turns = turns.clone();
        let search = tokio::spawn(async move {
            turns
                .run(move || {
                    started.send(()).unwrap();
                    held.recv().unwrap();
                })
                .await
        });
        has_started.await.unwrap();
        (release, search)
    }

    #[tokio::test]
    async fn searches_wait_their_turn_and_those_that_wait_too_long_are_shed_unstarted() {
        let turns = Arc::new(Turns::new(1, Duration::from_millis(100)).unwrap());
        let ran = Arc::new(AtomicUsize::new(0));
        let (release, first) = hold(&turns).await;
        let counted = ran.clone();
        let second = turns.run(move || counted.fetch_add(1, Ordering::SeqCst)).await;
        assert_eq!(second, Err(Refused::Busy), "no thread was free within the wait");
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(()), "a started search finishes, however long it takes");
        assert_eq!(turns.run(|| 2).await, Ok(2), "the thread takes the next search");
        assert_eq!(ran.load(Ordering::SeqCst), 0, "the shed search never ran");
    }

    #[tokio::test]
    async fn a_search_that_panics_fails_alone_and_a_caller_that_leaves_takes_its_search_away() {
        let turns = Arc::new(Turns::new(1, Duration::from_secs(10)).unwrap());
        let failed = turns.run(|| -> u8 { panic!("a search's bug") }).await;
        assert_eq!(failed, Err(Refused::Failed("the search panicked")));
        assert_eq!(turns.run(|| 3).await, Ok(3), "the thread lives on");

        let (release, busy) = hold(&turns).await;
        let ran = Arc::new(AtomicUsize::new(0));
        let counted = ran.clone();
        let gone = tokio::spawn({
            let turns = turns.clone();
            async move { turns.run(move || counted.fetch_add(1, Ordering::SeqCst)).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        gone.abort();
        assert!(gone.await.unwrap_err().is_cancelled());
        release.send(()).unwrap();
        busy.await.unwrap().unwrap();
        assert_eq!(turns.run(|| 4).await, Ok(4));
        assert_eq!(ran.load(Ordering::SeqCst), 0, "the search of a caller that left never ran");
    }
}
