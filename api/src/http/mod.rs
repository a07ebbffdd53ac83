//! HTTP: the routes, CORS, request ids and logging around them.

pub mod graphql;
pub mod health;
pub mod limits;
pub mod metrics;
pub mod rate_limit;

use crate::startup::AppState;
use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, web};
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
    App::new()
        .app_data(web::Data::new(state))
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
}
