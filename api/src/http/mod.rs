//! HTTP, the top layer: the app state ([`AppState`], the one builder shared with the tests), the routes with CORS,
//! request ids and logging around them, the pages for people ([`pages`]), and the server with its background jobs.

pub mod budget;
pub mod graphql;
pub mod health;
pub mod input;
pub mod limits;
pub mod metrics;
pub mod pages;
pub mod persisted;
pub mod refusal;
pub mod response_cache;
mod state;

pub use state::AppState;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, web};
use anyhow::Context as _;
use std::time::Duration;
use tracing_actix_web::TracingLogger;

fn cors(origins: &[String]) -> Cors {
    let cors = Cors::default().allowed_methods(["GET", "POST"]).allow_any_header().max_age(3600);
    if origins.iter().any(|origin| origin == "*") {
        return cors.allow_any_origin().send_wildcard();
    }
    origins.iter().fold(cors, |cors, origin| cors.allowed_origin(origin))
}

/// The actix app: the same for `hub serve` and the tests.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let cors = cors(&state.config.cors_origins);
    let security = DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"));
    App::new()
        .app_data(web::Data::new(state))
        .wrap(security)
        .wrap(cors)
        .wrap(TracingLogger::default())
        .service(
            web::resource("/graphql")
                .route(web::post().to(graphql::post))
                .route(web::get().to(graphql::get))
                .default_service(web::to(graphql::method_not_allowed)),
        )
        .route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/metrics", web::get().to(metrics::metrics))
        .configure(pages::routes)
}

/// Runs the HTTP server, with the search relay, the webhook and mail workers, the calls' clock and the budgets'
/// clean-up beside it, until SIGTERM or Ctrl-C,
/// then drains in-flight requests.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let bind = state.config.bind;
    tokio::spawn(crate::jobs::relay::run(state.db.clone(), state.search.clone()));
    tokio::spawn(crate::jobs::webhooks::run(state.db.clone(), (&*state.config).into()));
    tokio::spawn(crate::jobs::calls::run(state.db.clone()));
    match crate::jobs::mail::Mailer::from_config(&state.config)? {
        Some(mailer) => {
            tokio::spawn(crate::jobs::mail::run(state.db.clone(), mailer));
        }
        None => tracing::info!("HUB_SMTP_URL is not set: notifications are recorded and read in the API, not mailed"),
    }
    let limiter = state.budgets.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        loop {
            every.tick().await;
            limiter.forget_idle();
        }
    });
    let server = actix_web::HttpServer::new(move || app(state.clone()))
        .shutdown_timeout(30)
        .bind(bind)
        .with_context(|| format!("cannot listen on {bind}"))?;
    for address in server.addrs() {
        tracing::info!(%address, "Migration Network Hub API listening; GraphQL at /graphql");
    }
    server.run().await.context("server failed")
}
