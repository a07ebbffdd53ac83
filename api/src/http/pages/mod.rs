//! Pages for people, served by the `hub` binary itself: the explorer (`/`), a page per practice, guidance tool,
//! peer exchange, call for practices and review submission, the calls (`/calls`), the coverage of the Compact
//! (`/coverage`), priorities and gaps (`/priorities`), country profiles (`/countries/{iso3}`) and exports of any
//! result set (`/export.csv`,
//! `/export.ndjson`). Rendered on the server with maud; the stylesheet and the one small script are compiled in.
//! Each page is a GraphQL client of the in-process schema (`queries/`), charged to its visitor like a query sent
//! to `/graphql`, so it shows exactly what the API shows anonymous readers. The URL contract lives in [`params`].

pub(crate) mod assets;
mod calls;
mod countries;
mod coverage;
mod detail;
mod explorer;
pub mod export;
mod layout;
mod map;
pub mod params;
mod priorities;
mod runner;
pub mod ui;

use crate::domain::kind::KINDS;
use crate::error::{AppError, ErrorCode};
use crate::http::refusal::Refusal;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpResponse, HttpResponseBuilder, ResponseError, web};
use maud::Markup;
use ui::Ui;

/// The policy of every page: its own script and stylesheet only, no inline code, nothing from other origins.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Registers the pages' routes.
pub fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/", web::get().to(explorer::page))
        .route("/calls", web::get().to(calls::page))
        .route("/coverage", web::get().to(coverage::page))
        .route("/priorities", web::get().to(priorities::page))
        .route("/countries/{iso3}", web::get().to(countries::page))
        .route("/export.csv", web::get().to(export::csv))
        .route("/export.ndjson", web::get().to(export::ndjson))
        .route("/assets/{name}", web::get().to(assets::serve));
    for names in &KINDS {
        let kind = names.kind;
        config.route(
            &format!("/{}/{{slug}}", names.path),
            web::get().to(move |state, request, slug| detail::page(state, request, slug, kind)),
        );
    }
}

/// A page with the pages' security headers; never stored by shared caches (it shows the current content).
fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    html_as(HttpResponse::build(status), markup)
}

/// A page in a response begun elsewhere (a refusal's, with its status and `Retry-After`).
fn html_as(mut response: HttpResponseBuilder, markup: Markup) -> HttpResponse {
    response
        .content_type(ContentType::html())
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(markup.into_string())
}

/// The language of a page request, or the (English) error page of a `lang` that is no language of the hub.
#[allow(clippy::result_large_err)]
fn ui_of(request: &actix_web::HttpRequest) -> Result<Ui, HttpResponse> {
    Ui::of(request).map_err(|error| refused(&Ui::english(), &error))
}

/// The error page of a failed query, under its status (with `Retry-After` when retrying helps).
fn failure(ui: &Ui, failed: &Refusal) -> HttpResponse {
    let failed = match failed.code {
        // Refused before it ran, as the GraphQL endpoint answers it; a page says it plainly.
        ErrorCode::CostLimitExceeded | ErrorCode::PersistedQueryNotFound => {
            failed.clone().with_status(StatusCode::BAD_REQUEST)
        }
        _ => failed.clone(),
    };
    let status = failed.status_code();
    html_as(failed.response(), layout::error_page(ui, status, failed.code, &failed.message))
}

/// The error page of a request refused before any query ran (bad parameters).
fn refused(ui: &Ui, error: &AppError) -> HttpResponse {
    failure(ui, &Refusal::of(error))
}
