//! `/graphql`, by job: [`transport`] admits the caller and reads the request (refusing what breaks the rules before
//! anything runs), [`cache`] answers anonymous queries from the shared response cache, and [`execute`] checks, prices
//! and runs a request on the schema, in the language [`language`] chooses. The server's own pages run their queries through `pages::runner`, on the same
//! execution.

mod cache;
pub(crate) mod execute;
mod graphiql;
mod language;
pub(crate) mod transport;

use crate::http::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use tracing_actix_web::RequestId;

/// `POST /graphql`.
pub async fn post(
    state: web::Data<AppState>,
    request: HttpRequest,
    payload: web::Payload,
    request_id: RequestId,
) -> HttpResponse {
    let (viewer, account) = match transport::admit(&state, &request).await {
        Ok(admitted) => admitted,
        Err(response) => return *response,
    };
    let response = match transport::read_post(&state, &request, payload).await {
        Ok(graphql) => cache::answer_request(&state, graphql, viewer, request_id, &request, &account).await,
        Err(response) => *response,
    };
    account.report(response)
}

/// `GET /graphql`: GraphiQL for a browser, otherwise a query from the URL (never a mutation).
pub async fn get(state: web::Data<AppState>, request: HttpRequest, request_id: RequestId) -> HttpResponse {
    let (viewer, account) = match transport::admit(&state, &request).await {
        Ok(admitted) => admitted,
        Err(response) => return *response,
    };
    let response = match transport::read_get(&state, &request) {
        Ok(graphql) => cache::answer_request(&state, graphql, viewer, request_id, &request, &account).await,
        Err(response) => *response,
    };
    account.report(response)
}

/// Any other method on `/graphql`.
pub async fn method_not_allowed() -> HttpResponse {
    let mut response = *transport::method_not_allowed_with("use POST (or GET for queries)");
    response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("GET, POST"));
    response
}
