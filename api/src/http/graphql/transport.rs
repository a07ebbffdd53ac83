//! GraphQL over HTTP, by our own rules (async-graphql-actix-web accepts any content type, multipart and batches, has
//! no body cap and always answers 200): who the caller is and whether its budget admits the request, then the request
//! itself read from a POST body (`application/json` only, capped, read within a deadline, one operation) or from a
//! GET's URL (queries only), with persisted documents (APQ) put in place. Everything refused here is refused before
//! anything runs, with a stable code.

use super::graphiql;
use crate::auth::Rejected;
use crate::domain::viewer::Viewer;
use crate::error::ErrorCode;
use crate::graphql::cost;
use crate::http::AppState;
use crate::http::budget::{Account, Client};
use crate::http::input;
use crate::http::persisted::Lookup;
use crate::http::refusal::Refusal;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use futures_util::StreamExt;

/// A bad request, answered with `BAD_USER_INPUT` under `status`.
fn bad_request(status: StatusCode, message: &str) -> Box<HttpResponse> {
    Box::new(Refusal::bad_request(status, message).error_response())
}

/// A request read, or the response that answers it without running anything (boxed: it is the rare path).
pub(super) type Read = Result<async_graphql::Request, Box<HttpResponse>>;

/// The caller named by the `Authorization` header: anonymous without one; a present but invalid token is refused
/// (401) without saying why.
/// More than one `Authorization` header is ambiguous and refused; the scheme is case-insensitive (RFC 7235).
async fn caller(state: &AppState, request: &HttpRequest) -> Result<Viewer, Rejected> {
    let mut values = request.headers().get_all(header::AUTHORIZATION);
    let Some(value) = values.next() else {
        return Ok(Viewer::anonymous());
    };
    if values.next().is_some() {
        return Err(Rejected("more than one Authorization header".into()));
    }
    let token = value.to_str().ok().and_then(crate::auth::bearer_token);
    state.verifier.verify(token.ok_or_else(|| Rejected("not a bearer token".into()))?).await
}

/// Whom a request's cost is charged to: the token subject when the token is good, the address otherwise (so refused
/// tokens are limited too).
pub(crate) fn client(state: &AppState, request: &HttpRequest, caller: &Result<Viewer, Rejected>) -> Client {
    match caller {
        Ok(Viewer { subject: Some(subject), .. }) => Client::Subject(subject.clone()),
        _ if state.config.trust_forwarded_for => {
            Client::Address(request.connection_info().realip_remote_addr().unwrap_or_default().to_string())
        }
        _ => Client::Address(request.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()),
    }
}

/// The caller, once its request has paid `cost::REQUEST`: a 429 or 401 response when refused (with the budget
/// headers either way).
pub(super) async fn admit<'a>(
    state: &'a AppState,
    request: &HttpRequest,
) -> Result<(Viewer, Account<'a>), Box<HttpResponse>> {
    let caller = caller(state, request).await;
    let account = Account::new(&state.budgets, client(state, request, &caller));
    if let Err(spent) = account.pay(cost::REQUEST).await {
        return Err(Box::new(account.report(Refusal::rate_limited(spent.seconds()).error_response())));
    }
    match caller {
        Ok(viewer) => {
            remember(state, request, &viewer).await;
            Ok((viewer, account))
        }
        Err(rejected) => Err(Box::new(account.report(unauthorized(rejected)))),
    }
}

/// Remembers a signed-in caller for their notifications (role, email, first `Accept-Language`); a failure is logged
/// and never fails the request.
async fn remember(state: &AppState, request: &HttpRequest, viewer: &Viewer) {
    if viewer.subject.is_none() {
        return;
    }
    let language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .map(|tag| tag.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .filter(|tag| tag.len() <= 35 && crate::service::validate::language(Some(tag), "").is_ok());
    if let Err(error) = state.people.remember(&state.db, viewer, language).await {
        tracing::warn!(error = ?error, "signed-in caller not remembered");
    }
}

/// 401 for a refused token; the reason goes to the log only.
fn unauthorized(rejected: Rejected) -> HttpResponse {
    tracing::info!(reason = %rejected.0, "bearer token refused");
    let mut response = Refusal::new(ErrorCode::Unauthenticated, "invalid or expired token").error_response();
    response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    response
}

fn is_json(request: &HttpRequest) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

enum BodyError {
    TooLarge,
    Broken,
    TooSlow,
}

/// The request body, at most `limit` bytes, read within `timeout` (a client trickling its body does not hold a
/// connection and a worker for long).
async fn read_body(
    mut payload: web::Payload,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<web::BytesMut, BodyError> {
    let read = async {
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| BodyError::Broken)?;
            if body.len() + chunk.len() > limit {
                return Err(BodyError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    tokio::time::timeout(timeout, read).await.unwrap_or(Err(BodyError::TooSlow))
}

/// The GraphQL request of a `POST /graphql`, or the response refusing it.
pub(super) async fn read_post(state: &AppState, request: &HttpRequest, payload: web::Payload) -> Read {
    if !is_json(request) {
        return Err(bad_request(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send the request as application/json"));
    }
    if request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|length| length > state.config.max_body_bytes)
    {
        return Err(bad_request(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large"));
    }
    let body = match read_body(payload, state.config.max_body_bytes, state.config.body_timeout()).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return Err(bad_request(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large"));
        }
        Err(BodyError::Broken) => return Err(bad_request(StatusCode::BAD_REQUEST, "the request body is broken")),
        Err(BodyError::TooSlow) => {
            let mut response = bad_request(StatusCode::REQUEST_TIMEOUT, "the request body came too slowly");
            response.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
            return Err(response);
        }
    };
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|_| bad_request(StatusCode::BAD_REQUEST, "the request body is not valid JSON"))?;
    if value.is_array() {
        return Err(bad_request(StatusCode::BAD_REQUEST, "batched requests are not supported"));
    }
    let persisted = value.pointer("/extensions/persistedQuery").is_some();
    if !value.get("query").is_some_and(serde_json::Value::is_string) && !persisted {
        return Err(bad_request(StatusCode::BAD_REQUEST, "the request has no `query` string"));
    }
    let mut graphql_request = serde_json::from_value::<async_graphql::Request>(value).map_err(|_| {
        bad_request(
            StatusCode::BAD_REQUEST,
            "expected a JSON object with `query` and optional `variables` and `operationName`",
        )
    })?;
    with_document(state, &mut graphql_request)?;
    Ok(graphql_request)
}

/// The GraphQL request of a `GET /graphql` (never a mutation), or the response that answers it without running
/// anything: GraphiQL for a browser, or a refusal.
pub(super) fn read_get(state: &AppState, request: &HttpRequest) -> Read {
    if request.query_string().is_empty() {
        let wants_html = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        if wants_html && state.config.graphiql_enabled() {
            return Err(Box::new(graphiql::page()));
        }
        return Err(bad_request(StatusCode::BAD_REQUEST, "give the query in the `query` parameter"));
    }
    if let Some(name) = input::invalid_utf8_parameter(request.query_string()) {
        return Err(bad_request(StatusCode::BAD_REQUEST, &format!("the `{name}` parameter is not UTF-8")));
    }
    let mut graphql_request = async_graphql::http::parse_query_string(request.query_string())
        .map_err(|_| bad_request(StatusCode::BAD_REQUEST, "the query parameters do not parse"))?;
    with_document(state, &mut graphql_request)?;
    if let Ok(document) = graphql_request.parsed_query()
        && super::execute::has_mutation(document)
    {
        return Err(method_not_allowed_with("mutations are sent with POST"));
    }
    Ok(graphql_request)
}

/// Puts the document of an automatic persisted query into the request (or answers why it cannot).
fn with_document(state: &AppState, request: &mut async_graphql::Request) -> Result<(), Box<HttpResponse>> {
    match state.persisted.resolve(&request.query, &request.extensions) {
        Lookup::NotPersisted => Ok(()),
        Lookup::Document(document) => {
            request.query = document.to_string();
            Ok(())
        }
        Lookup::NotFound => Err(Box::new(
            Refusal::new(ErrorCode::PersistedQueryNotFound, "PersistedQueryNotFound")
                .with_status(StatusCode::OK)
                .error_response(),
        )),
        Lookup::Invalid(message) => Err(bad_request(StatusCode::BAD_REQUEST, message)),
    }
}

pub(super) fn method_not_allowed_with(message: &str) -> Box<HttpResponse> {
    let mut response = bad_request(StatusCode::METHOD_NOT_ALLOWED, message);
    response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
    response
}
