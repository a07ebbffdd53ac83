//! `GET /metrics` in the Prometheus text format: the search outbox backlog (rows pending, age of the oldest),
//! whether the search engine answers, the response cache's hits and misses, and the webhook queue (deliveries
//! pending and the age of the oldest, deliveries failed for good, endpoints disabled) and, with an identity
//! provider, how its key fetches went, and with Redis, whether budgets are shared. Values are read at scrape time.
//! Open to callers on this host by default (`HUB_METRICS`).

use crate::config::MetricsAccess;
use crate::error::ErrorCode;
use crate::http::AppState;
use crate::http::refusal::Refusal;
use crate::service::{outbox, webhooks};
use actix_web::ResponseError;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};
use subtle::ConstantTimeEq;

fn gauge(registry: &Registry, name: &str, help: &str, value: i64) -> prometheus::Result<()> {
    let gauge = IntGauge::new(name, help)?;
    gauge.set(value);
    registry.register(Box::new(gauge))
}

fn counter(registry: &Registry, name: &str, help: &str, value: u64) -> prometheus::Result<()> {
    let counter = IntCounter::new(name, help)?;
    counter.inc_by(value);
    registry.register(Box::new(counter))
}

async fn render(state: &AppState) -> anyhow::Result<String> {
    let registry = Registry::new();
    let backlog = outbox::backlog(&state.db).await?;
    let age = backlog.oldest.map_or(0, |oldest| (Utc::now() - oldest).num_seconds().max(0));
    gauge(&registry, "hub_search_outbox_pending", "Search outbox rows not yet applied to the engine", {
        i64::try_from(backlog.pending).unwrap_or(i64::MAX)
    })?;
    gauge(&registry, "hub_search_outbox_oldest_age_seconds", "Age of the oldest pending search outbox row", age)?;
    let (hits, misses) = state.responses.counts();
    counter(&registry, "hub_response_cache_hits_total", "Anonymous queries answered from the response cache", hits)?;
    counter(&registry, "hub_response_cache_misses_total", "Anonymous queries the response cache did not hold", misses)?;
    let queue = webhooks::queue_state(&state.db).await?;
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    gauge(&registry, "hub_webhook_deliveries_pending", "Webhook deliveries waiting to be sent", count(queue.pending))?;
    let age = queue.oldest.map_or(0, |oldest| (Utc::now() - oldest).num_seconds().max(0));
    gauge(&registry, "hub_webhook_oldest_pending_age_seconds", "Age of the oldest pending webhook delivery", age)?;
    gauge(&registry, "hub_webhook_deliveries_failed", "Webhook deliveries that failed for good", count(queue.failed))?;
    gauge(&registry, "hub_webhook_endpoints_disabled", "Webhook endpoints disabled (by an admin or the hub)", {
        count(queue.disabled)
    })?;
    if let Some(provider) = state.verifier.provider() {
        let (refreshed, failed) = provider.counts.read();
        counter(&registry, "hub_oidc_key_refreshes_total", "Identity provider key fetches that succeeded", refreshed)?;
        counter(&registry, "hub_oidc_key_refresh_failures_total", "Identity provider key fetches that failed", failed)?;
    }
    if let Some((up, fallbacks)) = state.budgets.redis_state() {
        gauge(&registry, "hub_budget_redis_up", "Whether Redis answered the last budget charge (1) or not (0)", {
            i64::from(up)
        })?;
        counter(&registry, "hub_budget_redis_fallbacks_total", "Charges made on the instance's own budget", fallbacks)?;
    }
    let up = i64::from(state.search.healthy().await);
    gauge(&registry, "hub_search_engine_up", "Whether the search engine answers (1) or not (0)", up)?;
    let mut out = Vec::new();
    TextEncoder::new().encode(&registry.gather(), &mut out)?;
    Ok(String::from_utf8(out)?)
}

/// Whether the caller may read the metrics (`HUB_METRICS`): a caller on this host always may (by the client address,
/// taken from `X-Forwarded-For` behind a trusted proxy, so that a proxy on the same host does not open it).
fn allowed(state: &AppState, request: &HttpRequest) -> bool {
    let config = &state.config;
    let address = if config.trust_forwarded_for {
        request.connection_info().realip_remote_addr().and_then(|a| a.parse::<std::net::IpAddr>().ok())
    } else {
        request.peer_addr().map(|a| a.ip())
    };
    let local = address.is_some_and(|ip| ip.is_loopback());
    let token = || {
        let expected = config.metrics_token.as_ref().map(|secret| secret.expose().as_bytes());
        let sent = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(crate::auth::bearer_token)
            .map(str::as_bytes);
        matches!((expected, sent), (Some(expected), Some(sent)) if bool::from(expected.ct_eq(sent)))
    };
    match config.metrics {
        MetricsAccess::Public => true,
        MetricsAccess::Local => local,
        MetricsAccess::Token => local || token(),
    }
}

pub async fn metrics(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    if !allowed(&state, &request) {
        return Refusal::new(ErrorCode::Forbidden, "metrics are not open to this caller").error_response();
    }
    match render(&state).await {
        Ok(text) => HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(text),
        Err(error) => {
            tracing::warn!(%error, "metrics unavailable");
            HttpResponse::ServiceUnavailable().finish()
        }
    }
}
