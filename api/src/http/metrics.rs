//! `GET /metrics` in the Prometheus text format: the search outbox backlog (rows pending, age of the oldest) and
//! whether the search engine answers. Values are read at scrape time; nothing is kept between scrapes.

use crate::http::AppState;
use crate::service::outbox;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use prometheus::{Encoder, IntGauge, Registry, TextEncoder};

fn gauge(registry: &Registry, name: &str, help: &str, value: i64) -> prometheus::Result<()> {
    let gauge = IntGauge::new(name, help)?;
    gauge.set(value);
    registry.register(Box::new(gauge))
}

async fn render(state: &AppState) -> anyhow::Result<String> {
    let registry = Registry::new();
    let backlog = outbox::backlog(&state.db).await?;
    let age = backlog.oldest.map_or(0, |oldest| (Utc::now() - oldest).num_seconds().max(0));
    gauge(&registry, "hub_search_outbox_pending", "Search outbox rows not yet applied to the engine", {
        i64::try_from(backlog.pending).unwrap_or(i64::MAX)
    })?;
    gauge(&registry, "hub_search_outbox_oldest_age_seconds", "Age of the oldest pending search outbox row", age)?;
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
