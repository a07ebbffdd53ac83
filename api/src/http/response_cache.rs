//! The shared cache of anonymous query responses: whole bodies, keyed by the public epoch, the document, the
//! operation and the variables. Every public change moves the epoch on in its own transaction, and every request
//! reads the epoch first, so an entry is never served after a change commits, on any instance. Bounded by weight
//! (moka); signed-in callers never read or fill it. Bodies are the same for every caller: per-caller figures go in
//! headers.

use actix_web::web::Bytes;
use moka::sync::Cache;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What identifies one cacheable answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub epoch: i64,
    pub document: Arc<str>,
    pub operation: Option<String>,
    /// The variables as JSON.
    pub variables: String,
}

/// One stored answer.
#[derive(Debug, Clone)]
pub struct Cached {
    pub body: Bytes,
    pub etag: String,
}

impl Cached {
    /// A body with its strong entity tag (a hash of the exact bytes: the same on every instance).
    pub fn new(body: Bytes) -> Cached {
        Cached { etag: etag(&body), body }
    }
}

/// A strong `ETag` for these bytes.
pub fn etag(body: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}-{:x}\"", hasher.finish(), body.len())
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

    pub fn get(&self, key: &Key) -> Option<Cached> {
        let found = self.entries.as_ref()?.get(key);
        let counter = if found.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    pub fn insert(&self, key: Key, value: Cached) {
        if let Some(entries) = &self.entries {
            entries.insert(key, value);
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

    fn key(epoch: i64) -> Key {
        Key { epoch, document: "{ a }".into(), operation: None, variables: "{}".into() }
    }

    #[test]
    fn entries_belong_to_their_epoch_and_count_hits() {
        let cache = ResponseCache::new(1);
        assert!(cache.get(&key(1)).is_none());
        cache.insert(key(1), Cached::new(Bytes::from_static(b"{\"data\":1}")));
        assert!(cache.get(&key(1)).is_some());
        assert!(cache.get(&key(2)).is_none(), "a newer epoch never sees an older answer");
        assert_eq!(cache.counts(), (1, 2));
    }

    #[test]
    fn zero_turns_it_off_and_etags_follow_the_bytes() {
        let cache = ResponseCache::new(0);
        cache.insert(key(1), Cached::new(Bytes::from_static(b"x")));
        assert!(!cache.enabled() && cache.get(&key(1)).is_none());
        assert_eq!(etag(b"abc"), etag(b"abc"));
        assert_ne!(etag(b"abc"), etag(b"abd"));
    }
}
