//! OpenID Connect: the provider's signing keys, found through discovery (`HUB_OIDC_ISSUER`) and kept fresh.
//!
//! At start the hub reads `{issuer}/.well-known/openid-configuration`, checks that it names the configured issuer,
//! and fetches its `jwks_uri`; a failure stops the start with the URL and the cause. Afterwards the keys are
//! refreshed
//! - when the JWKS response's `Cache-Control: max-age` runs out (a background task; at least
//!   `HUB_OIDC_MIN_REFRESH`, at most a day, an hour when the provider says nothing);
//! - when a token names a `kid` the hub does not hold, as after a rotation, but at most once per
//!   `HUB_OIDC_MIN_REFRESH`, so that tokens with made-up `kid`s cannot turn the hub into an amplifier against the
//!   provider. Concurrent unknown `kid`s wait for the one fetch in flight.
//!
//! A refresh that fails keeps the keys held: a provider that is briefly down does not sign everyone out.

use super::keys::{self, KeySet};
use anyhow::Context as _;
use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

/// How long a fetch of the discovery document or the keys may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// Key lifetime when the provider sends no `max-age`.
const DEFAULT_MAX_AGE: Duration = Duration::from_secs(3600);
/// Longest key lifetime honoured.
const LONGEST_MAX_AGE: Duration = Duration::from_secs(86_400);

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

/// How key fetches went, for `/metrics`.
#[derive(Default)]
pub struct Counts {
    refreshed: AtomicU64,
    failed: AtomicU64,
}

impl Counts {
    /// Fetches after the first that succeeded, and those that failed.
    pub fn read(&self) -> (u64, u64) {
        (self.refreshed.load(Ordering::Relaxed), self.failed.load(Ordering::Relaxed))
    }
}

/// The provider's keys.
pub struct Provider {
    /// The issuer tokens must name, exactly as the discovery document gives it.
    pub issuer: String,
    jwks_uri: url::Url,
    client: reqwest::Client,
    keys: RwLock<Arc<KeySet>>,
    /// When a token's unknown `kid` last caused a fetch; held across the fetch so that one fetch serves all.
    last_forced: tokio::sync::Mutex<Option<Instant>>,
    min_refresh: Duration,
    pub counts: Counts,
}

/// Refuses plain HTTP except on loopback (a test provider, a sidecar): keys fetched in clear could be replaced.
fn secure(url: &url::Url) -> anyhow::Result<()> {
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    anyhow::ensure!(url.scheme() == "https" || (url.scheme() == "http" && loopback), "{url} is not an https URL");
    Ok(())
}

async fn get(client: &reqwest::Client, url: &url::Url) -> anyhow::Result<reqwest::Response> {
    let response = client.get(url.clone()).send().await.map_err(|error| {
        // reqwest's own text repeats the URL; the cause chain says what went wrong.
        let cause = std::error::Error::source(&error).map_or_else(|| error.to_string(), |cause| cause.to_string());
        anyhow::anyhow!("GET {url}: {cause}")
    })?;
    anyhow::ensure!(response.status().is_success(), "GET {url}: HTTP {}", response.status());
    Ok(response)
}

/// The `max-age` of a response, clamped to what the hub honours.
fn max_age(response: &reqwest::Response, shortest: Duration) -> Duration {
    let given = response
        .headers()
        .get_all(reqwest::header::CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|directive| directive.trim().strip_prefix("max-age=")?.parse::<u64>().ok())
        .map_or(DEFAULT_MAX_AGE, Duration::from_secs);
    given.clamp(shortest, LONGEST_MAX_AGE.max(shortest))
}

impl Provider {
    /// Discovers the provider and fetches its keys, or says which URL failed and why. Starts the task that
    /// refreshes the keys when they expire (it ends when the provider is dropped).
    pub async fn discover(issuer: &str, min_refresh: Duration) -> anyhow::Result<Arc<Provider>> {
        let configured = issuer.trim_end_matches('/');
        let base = url::Url::parse(configured).with_context(|| format!("HUB_OIDC_ISSUER {issuer} is not a URL"))?;
        secure(&base).context("HUB_OIDC_ISSUER")?;
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()
            .context("cannot build the HTTP client for OpenID Connect")?;
        let discovery_url = url::Url::parse(&format!("{configured}/.well-known/openid-configuration"))?;
        let discovery: Discovery = get(&client, &discovery_url)
            .await?
            .json()
            .await
            .with_context(|| format!("GET {discovery_url}: not an OpenID Connect discovery document"))?;
        // OpenID Connect Discovery 1.0, section 4.3: the document's issuer must be the one asked for.
        anyhow::ensure!(
            discovery.issuer.trim_end_matches('/') == configured,
            "{discovery_url} names the issuer {}, not {issuer}",
            discovery.issuer
        );
        let jwks_uri = url::Url::parse(&discovery.jwks_uri)
            .with_context(|| format!("{discovery_url}: jwks_uri {} is not a URL", discovery.jwks_uri))?;
        secure(&jwks_uri).with_context(|| format!("{discovery_url}: jwks_uri"))?;
        let (keys, expires_in) = fetch(&client, &jwks_uri, min_refresh).await?;
        let provider = Arc::new(Provider {
            issuer: discovery.issuer,
            jwks_uri,
            client,
            keys: RwLock::new(Arc::new(keys)),
            last_forced: tokio::sync::Mutex::new(None),
            min_refresh,
            counts: Counts::default(),
        });
        tokio::spawn(refresh_on_expiry(Arc::downgrade(&provider), expires_in));
        Ok(provider)
    }

    fn held(&self) -> Arc<KeySet> {
        self.keys.read().map_or_else(|poisoned| poisoned.into_inner().clone(), |keys| keys.clone())
    }

    /// Fetches the keys now; on failure keeps those held. Returns how long the new keys may be kept.
    async fn refresh(&self) -> Option<Duration> {
        match fetch(&self.client, &self.jwks_uri, self.min_refresh).await {
            Ok((keys, expires_in)) => {
                let mut held = self.keys.write().unwrap_or_else(std::sync::PoisonError::into_inner);
                *held = Arc::new(keys);
                self.counts.refreshed.fetch_add(1, Ordering::Relaxed);
                tracing::info!(jwks_uri = %self.jwks_uri, "identity provider keys refreshed");
                Some(expires_in)
            }
            Err(error) => {
                self.counts.failed.fetch_add(1, Ordering::Relaxed);
                tracing::warn!(%error, "identity provider keys not refreshed; the keys held stay in use");
                None
            }
        }
    }

    /// The keys held, once they include `kid`: at once, or after one fetch if the last fetch for an unknown `kid`
    /// is old enough.
    pub async fn keys_with(&self, kid: &str) -> Option<Arc<KeySet>> {
        let with = |keys: Arc<KeySet>| keys.contains_key(kid).then_some(keys);
        if let Some(keys) = with(self.held()) {
            return Some(keys);
        }
        let mut last = self.last_forced.lock().await;
        // Another request may have fetched while this one waited.
        if let Some(keys) = with(self.held()) {
            return Some(keys);
        }
        if last.is_some_and(|at| at.elapsed() < self.min_refresh) {
            return None;
        }
        *last = Some(Instant::now());
        self.refresh().await;
        drop(last);
        with(self.held())
    }
}

/// The usable keys at `url` and how long they may be kept.
async fn fetch(client: &reqwest::Client, url: &url::Url, shortest: Duration) -> anyhow::Result<(KeySet, Duration)> {
    let response = get(client, url).await?;
    let expires_in = max_age(&response, shortest);
    let set: JwkSet = response.json().await.with_context(|| format!("GET {url}: not a JWKS document"))?;
    let (keys, skipped) = keys::from_jwks(&set);
    for why in &skipped {
        tracing::debug!(%url, why, "identity provider key not used");
    }
    anyhow::ensure!(!keys.is_empty(), "GET {url}: no signing key the hub can use");
    Ok((keys, expires_in))
}

/// Refreshes the keys each time they expire, retrying a failed refresh after the shortest interval.
async fn refresh_on_expiry(provider: Weak<Provider>, mut wait: Duration) {
    loop {
        tokio::time::sleep(wait).await;
        let Some(provider) = provider.upgrade() else { return };
        wait = provider.refresh().await.unwrap_or(provider.min_refresh);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_fetched_only_over_https_or_from_loopback() {
        for ok in [
            "https://login.example.org/t/v2.0",
            "http://127.0.0.1:8080/realms/hub",
            "http://[::1]/",
            "http://localhost/x",
        ] {
            assert!(secure(&url::Url::parse(ok).unwrap()).is_ok(), "{ok}");
        }
        for refused in ["http://login.example.org/t", "http://10.0.0.1/", "ftp://127.0.0.1/"] {
            assert!(secure(&url::Url::parse(refused).unwrap()).is_err(), "{refused}");
        }
    }
}
