//! `GET /metrics` in the Prometheus text format: the search outbox backlog (rows pending, age of the oldest),
//! whether the search engine answers, and the response cache's hits and misses. Values are read at scrape time.

use crate::http::AppState;
use crate::service::outbox;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};

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
    let up = i64::from(state.search.healthy().await);
    gauge(&registry, "hub_search_engine_up", "Whether the search engine answers (1) or not (0)", up)?;
    let mut out = Vec::new();
    TextEncoder::new().encode(&registry.gather(), &mut out)?;
    Ok(String::from_utf8(out)?)
}

pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    match render(&state).await {
        Ok(text) => HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(text),
        Err(error) => {
            tracing::warn!(%error, "metrics unavailable");
            HttpResponse::ServiceUnavailable().finish()
        }
    }
}
