//! Liveness and readiness probes.

use crate::http::AppState;
use crate::service::outbox;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde_json::json;

/// Alive: the process answers.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Ready: the database answers (503 otherwise). Search may be `degraded` (the engine does not answer: `search`
/// fails with `SEARCH_UNAVAILABLE`, everything else works); the outbox backlog tells how far the index lags.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    if let Err(error) = state.db.ping().await {
        tracing::warn!(%error, "readiness: database unreachable");
        return HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable", "database": "unreachable" }));
    }
    let search = if state.search.healthy().await { "ok" } else { "degraded" };
    let backlog = match outbox::backlog(&state.db).await {
        Ok(backlog) => json!({
            "pending": backlog.pending,
            "oldestAgeSeconds": backlog.oldest.map(|t| (Utc::now() - t).num_seconds().max(0)),
        }),
        Err(_) => serde_json::Value::Null,
    };
    HttpResponse::Ok().json(json!({
        "status": "ready",
        "database": "ok",
        "search": { "engine": state.search.name(), "state": search, "backlog": backlog },
    }))
}
