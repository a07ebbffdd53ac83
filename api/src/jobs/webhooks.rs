//! The webhook worker: queues the new public changes for each endpoint, then sends the due deliveries, signed the
//! Standard Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "id.timestamp.body">`), and reports each outcome to `service::webhooks` (which retries with backoff, or gives up
//! and disables the endpoint). Every attempt resolves the host first and refuses any address that is not globally
//! reachable (`domain::address`, embedded IPv4 unwrapped; unless `HUB_WEBHOOK_ALLOW_PRIVATE_NETWORKS`), then
//! connects to exactly the checked addresses (no second lookup to rebind), follows no redirect, and is bounded by
//! `HUB_WEBHOOK_TIMEOUT`.

use crate::config::Config;
use crate::domain::clock;
use crate::error::AppResult;
use crate::service::webhooks::{self, Outcome};
use chrono::Utc;
use hub_entity::{webhook, webhook_delivery};
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the worker needs of the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub allow_private: bool,
    pub per_endpoint: usize,
    pub timeout: Duration,
    pub retry_base: Duration,
    pub retry_window: Duration,
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Self {
        Settings {
            allow_private: config.webhook_allow_private_networks,
            per_endpoint: config.webhook_concurrency.max(1),
            timeout: config.webhook_timeout,
            retry_base: config.webhook_retry_base,
            retry_window: config.webhook_retry_window,
        }
    }
}

/// The longest a connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the worker looks for work when there was none.
const IDLE: Duration = Duration::from_millis(250);

/// Runs for as long as the server does: each attempt is a task of its own, and an endpoint gets new attempts as
/// soon as one of its own ends, so a slow or dead endpoint never holds the others back. Errors (the database
/// away) are logged and retried.
pub async fn run(db: DatabaseConnection, settings: Settings) {
    let in_flight: Arc<Mutex<HashMap<i64, usize>>> = Arc::default();
    let mut attempts = tokio::task::JoinSet::new();
    loop {
        while attempts.try_join_next().is_some() {}
        match start(&db, &settings, &in_flight, &mut attempts).await {
            // Nothing new to start and nothing in flight: wait. (`join_next` on an empty set is ready at once, so
            // waiting on it here would spin: thousands of queue statements a second on an idle hub.)
            Ok(0) if attempts.is_empty() => tokio::time::sleep(IDLE).await,
            Ok(0) => {
                // Nothing new to start: wait for an attempt to end (its endpoint may have more) or a while.
                let _ = tokio::time::timeout(IDLE, attempts.join_next()).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(error = ?error, "webhook pass failed; retrying");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}

/// Queues what is new, then starts the due deliveries of endpoints with free slots as tasks; returns how many
/// were started.
async fn start(
    db: &DatabaseConnection,
    settings: &Settings,
    in_flight: &Arc<Mutex<HashMap<i64, usize>>>,
    attempts: &mut tokio::task::JoinSet<()>,
) -> AppResult<usize> {
    if webhooks::queue(db).await?.endpoints == 0 {
        return Ok(0);
    }
    let busy = in_flight.lock().map(|busy| busy.clone()).unwrap_or_default();
    let free = |endpoint: i64| settings.per_endpoint.saturating_sub(busy.get(&endpoint).copied().unwrap_or(0));
    let (now, lease) = (clock::now(), lease(settings));
    let claimed = webhooks::claim(db, free, now, now + lease).await?;
    let started = claimed.len();
    for (endpoint, delivery) in claimed {
        if let Ok(mut busy) = in_flight.lock() {
            *busy.entry(endpoint.id).or_default() += 1;
        }
        let (db, settings, in_flight) = (db.clone(), settings.clone(), in_flight.clone());
        attempts.spawn(async move {
            if let Err(error) = attempt(&db, &settings, &endpoint, &delivery).await {
                tracing::warn!(error = ?error, delivery = delivery.id, "webhook delivery outcome not recorded");
            }
            if let Ok(mut busy) = in_flight.lock()
                && let Some(count) = busy.get_mut(&endpoint.id)
            {
                *count = count.saturating_sub(1);
            }
        });
    }
    Ok(started)
}

/// How long an attempt is leased: twice the timeout.
fn lease(settings: &Settings) -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(settings.timeout * 2).unwrap_or(chrono::TimeDelta::seconds(30))
}

/// Sends one delivery and records the outcome.
async fn attempt(
    db: &DatabaseConnection,
    settings: &Settings,
    endpoint: &webhook::Model,
    delivery: &webhook_delivery::Model,
) -> AppResult<()> {
    let span = tracing::info_span!(target: crate::telemetry::TARGET, "webhook.deliver", otel.kind = "client",
        webhook.id = endpoint.id, webhook.delivery = delivery.id, webhook.attempt = delivery.attempts + 1);
    let outcome = tracing::Instrument::instrument(send(endpoint, delivery, settings), span).await;
    if let Outcome::Failed { error, .. } = &outcome {
        tracing::info!(webhook = endpoint.id, delivery = delivery.id, %error, "webhook delivery failed");
    }
    webhooks::report(db, delivery, outcome, settings.retry_base, settings.retry_window).await
}

/// One round, for tests and tools: queues what is new, sends what is due (at most `per_endpoint` per endpoint,
/// concurrently) and waits for every attempt; returns how many deliveries were attempted.
pub async fn pass(db: &DatabaseConnection, settings: &Settings) -> AppResult<usize> {
    if webhooks::queue(db).await?.endpoints == 0 {
        return Ok(0);
    }
    let (now, lease) = (clock::now(), lease(settings));
    let claimed = webhooks::claim(db, |_| settings.per_endpoint, now, now + lease).await?;
    let attempts = claimed.len();
    let sends = claimed.iter().map(|(endpoint, delivery)| attempt(db, settings, endpoint, delivery));
    for reported in futures_util::future::join_all(sends).await {
        reported?;
    }
    Ok(attempts)
}

/// The Standard Webhooks signature of a body: `v1,` and the base64 HMAC-SHA256, keyed with the secret's bytes, of
/// `id.timestamp.body`. `None` for a secret not in the `whsec_<base64>` form.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    use base64::Engine as _;
    use hmac::Mac as _;
    let key = base64::engine::general_purpose::STANDARD.decode(secret.strip_prefix("whsec_")?).ok()?;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())))
}

/// One attempt.
async fn send(endpoint: &webhook::Model, delivery: &webhook_delivery::Model, settings: &Settings) -> Outcome {
    let failed = |error: String| Outcome::Failed { status: None, error };
    let Ok(url) = url::Url::parse(&endpoint.url) else { return failed("the endpoint URL does not parse".into()) };
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return failed("the endpoint URL has no host".into());
    };
    let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
    let addresses: Vec<std::net::SocketAddr> = match tokio::net::lookup_host((host.as_str(), port)).await {
        Ok(addresses) => addresses.collect(),
        Err(error) => return failed(format!("cannot resolve {host}: {error}")),
    };
    if addresses.is_empty() {
        return failed(format!("{host} resolves to no address"));
    }
    if !settings.allow_private && addresses.iter().any(|address| !crate::domain::address::is_global(address.ip())) {
        return failed(format!("refused: {host} resolves to an address that is not globally reachable"));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT.min(settings.timeout))
        .timeout(settings.timeout)
        .resolve_to_addrs(&host, &addresses)
        .user_agent(concat!("MigrationNetworkHub-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => return failed(format!("cannot build the HTTP client: {error}")),
    };
    let id = format!("msg_{}", delivery.id);
    let timestamp = Utc::now().timestamp();
    let Some(signature) = sign(&endpoint.secret, &id, timestamp, &delivery.payload) else {
        return failed("the endpoint's secret is not in the whsec_ form".into());
    };
    let request = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(delivery.payload.clone());
    match request.send().await {
        Ok(response) if response.status().is_success() => Outcome::Delivered { status: response.status().as_u16() },
        Ok(response) => {
            let status = response.status();
            let why = if status.is_redirection() { " (redirects are not followed)" } else { "" };
            Outcome::Failed { status: Some(status.as_u16()), error: format!("the endpoint answered {status}{why}") }
        }
        Err(error) if error.is_timeout() => failed(format!("no answer within {:?}", settings.timeout)),
        Err(error) if error.is_connect() => failed(format!("cannot connect to {host}:{port}")),
        Err(error) => failed(format!("the request failed: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_the_standard_webhooks_example() {
        // The example of the Standard Webhooks specification's reference libraries.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        let signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        assert_eq!(signature.as_deref(), Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assert_eq!(sign("not-a-secret", "id", 0, body), None);
    }
}
