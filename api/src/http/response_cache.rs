//! The shared cache of anonymous query responses: whole bodies, keyed by the epochs, the document, the operation,
//! the variables and the language the header asks for. Every public change moves the public epoch on in its own transaction, every change the search
//! index applies moves the index epoch on, and every request reads both first, so an entry is never served after a
//! change commits or reaches the index, on any instance. Bounded by weight
//! (moka); signed-in callers never read or fill it. Bodies are the same for every caller: per-caller figures go in
//! headers. Concurrent misses of one key run once: after a change, a burst of requests for the same page costs one
//! execution, not one each (the others wait for it and share its answer).

use crate::domain::language::Language;
use actix_web::web::Bytes;
use moka::future::Cache;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What identifies one cacheable answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub epoch: crate::service::epoch::Epochs,
    pub document: Arc<str>,
    pub operation: Option<String>,
    /// The variables as JSON.
    pub variables: String,
    /// The language the `Accept-Language` header asks for (a document's `@inContext` is in `document`).
    pub language: Option<Language>,
}

/// One stored answer, with what it costs a caller it is served to.
#[derive(Debug, Clone)]
pub struct Cached {
    pub body: Bytes,
    pub etag: String,
    pub cost: u64,
    /// The language it was made in (`Content-Language`).
    pub language: Language,
}

impl Cached {
    /// A body with its strong entity tag (a hash of the exact bytes and their language: the same on every
    /// instance).
    pub fn new(body: Bytes, cost: u64, language: Language) -> Cached {
        Cached { etag: etag(&body, language), body, cost, language }
    }
}

/// A strong `ETag` for these bytes in this language: two languages never share one, even where the bytes agree.
pub fn etag(body: &[u8], language: Language) -> String {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}-{:x}-{language}\"", hasher.finish(), body.len())
}

pub struct ResponseCache {
    /// `None` when turned off (`HUB_RESPONSE_CACHE_MB=0`).
    entries: Option<Cache<Key, Cached>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl ResponseCache {
    pub fn new(megabytes: u64) -> ResponseCache {
        let entries = (megabytes > 0).then(|| {
            Cache::builder()
                .max_capacity(megabytes.saturating_mul(1024 * 1024))
                .weigher(|key: &Key, value: &Cached| {
                    let weight = key.document.len() + key.variables.len() + value.body.len() + 64;
                    u32::try_from(weight).unwrap_or(u32::MAX)
                })
                .build()
        });
        ResponseCache { entries, hits: AtomicU64::new(0), misses: AtomicU64::new(0) }
    }

    pub fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// The stored answer for `key`, if any (a hit is counted; a miss is counted by `get_or_fill`).
    pub async fn get(&self, key: &Key) -> Option<Cached> {
        let found = self.entries.as_ref()?.get(key).await;
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// The answer for `key`, filled by `fill` in one caller while concurrent callers of the same key wait and share
    /// it. `fill` gives `Err` for an answer that must not be stored (one with errors): that caller gets its own
    /// `Err` back, and the callers that waited for it get `None` and answer on their own. Without a cache, `fill`
    /// simply runs.
    pub async fn get_or_fill<E>(
        &self,
        key: Key,
        fill: impl Future<Output = Result<Cached, E>>,
    ) -> Option<Result<Cached, E>> {
        let Some(entries) = &self.entries else { return Some(fill.await) };
        let mut own_error = None;
        let filled = entries
            .entry(key)
            .or_try_insert_with(async {
                fill.await.map_err(|error| {
                    own_error = Some(error);
                })
            })
            .await;
        match filled {
            Ok(entry) => {
                let counter = if entry.is_fresh() { &self.misses } else { &self.hits };
                counter.fetch_add(1, Ordering::Relaxed);
                Some(Ok(entry.into_value()))
            }
            Err(_) => {
                let own = own_error.map(Err);
                if own.is_some() {
                    self.misses.fetch_add(1, Ordering::Relaxed);
                }
                own
            }
        }
    }

    /// `(hits, misses)` since start.
    pub fn counts(&self) -> (u64, u64) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(public: i64) -> Key {
        Key {
            epoch: crate::service::epoch::Epochs { public, index: 1 },
            document: "{ a }".into(),
            operation: None,
            variables: "{}".into(),
            language: None,
        }
    }

    fn body(text: &'static str) -> Result<Cached, ()> {
        Ok(Cached::new(Bytes::from_static(text.as_bytes()), 1, Language::En))
    }

    #[tokio::test]
    async fn entries_belong_to_their_epoch_and_count_hits() {
        let cache = ResponseCache::new(1);
        assert!(cache.get(&key(1)).await.is_none());
        cache.get_or_fill(key(1), async { body("{\"data\":1}") }).await;
        assert!(cache.get(&key(1)).await.is_some());
        assert!(cache.get(&key(2)).await.is_none(), "a newer epoch never sees an older answer");
        assert_eq!(cache.counts(), (1, 1));
    }

    #[tokio::test]
    async fn concurrent_misses_of_one_key_fill_once() {
        let cache = ResponseCache::new(1);
        let runs = AtomicU64::new(0);
        let fill = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            body("{}")
        };
        let answers = futures_util::future::join_all((0..8).map(|_| cache.get_or_fill(key(1), fill()))).await;
        assert!(answers.iter().all(|answer| matches!(answer, Some(Ok(_)))));
        assert_eq!(runs.load(Ordering::SeqCst), 1, "one execution for eight concurrent misses");
        assert_eq!(cache.counts(), (7, 1));
    }

    #[tokio::test]
    async fn answers_with_errors_are_never_stored_or_shared() {
        let cache = ResponseCache::new(1);
        let failed = cache.get_or_fill(key(1), async { Err::<Cached, _>("with errors") }).await;
        assert!(matches!(failed, Some(Err("with errors"))), "the caller that ran it gets its own answer");
        assert!(cache.get(&key(1)).await.is_none());
        let slow_failure = async {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            Err::<Cached, &str>("with errors")
        };
        let (first, waiter) = tokio::join!(cache.get_or_fill(key(2), slow_failure), async {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            cache
                .get_or_fill(key(2), async {
                    Ok::<_, &str>(Cached::new(Bytes::from_static(b"unused"), 1, Language::En))
                })
                .await
        });
        assert!(matches!(first, Some(Err(_))));
        assert!(waiter.is_none(), "a caller that waited for a failed fill answers on its own");
    }

    #[tokio::test]
    async fn zero_turns_it_off_and_etags_follow_the_bytes() {
        let cache = ResponseCache::new(0);
        assert!(matches!(cache.get_or_fill(key(1), async { body("x") }).await, Some(Ok(_))));
        assert!(!cache.enabled() && cache.get(&key(1)).await.is_none());
        assert_eq!(etag(b"abc", Language::En), etag(b"abc", Language::En));
        assert_ne!(etag(b"abc", Language::En), etag(b"abd", Language::En));
        assert_ne!(etag(b"abc", Language::En), etag(b"abc", Language::Fr), "the language is part of the tag");
    }
}
