//! GraphQL over HTTP, by our own rules (async-graphql-actix-web accepts any content type, multipart and batches,
//! has no body cap and always answers 200): POST `application/json` only, GET for queries only, one operation per
//! request, a body cap, an execution timeout, stable error codes and no internal detail in responses. Anonymous
//! queries go through the shared response cache, with `ETag` revalidation; documents may be persisted (APQ).

use crate::auth::Rejected;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, ErrorCode, INTERNAL_MESSAGE};
use crate::graphql::RequestContext;
use crate::graphql::cost::{self, Cost};
use crate::http::AppState;
use crate::http::budget::{self, Account, Client, Spent};
use crate::http::input;
use crate::http::persisted::Lookup;
use crate::http::response_cache::{Cached, Key, etag};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{ErrorExtensions, Response, ServerError};
use futures_util::StreamExt;
use serde_json::json;
use tracing_actix_web::RequestId;

/// A request refused before execution: an HTTP status and a GraphQL-shaped error body.
fn refuse(status: StatusCode, code: ErrorCode, message: &str) -> HttpResponse {
    let error = json!({ "message": message, "extensions": { "code": code.as_str() } });
    HttpResponse::build(status).json(json!({ "errors": [error] }))
}

/// A bad request, refused with `BAD_USER_INPUT` and the given status (400, 405, 413, 415).
fn bad_request(status: StatusCode, message: &str) -> HttpResponse {
    refuse(status, ErrorCode::BadUserInput, message)
}

/// A request refused with an error of the service's own, under its code's HTTP status.
fn refuse_with(error: &AppError) -> HttpResponse {
    let code = error.code();
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    refuse(status, code, &error.message())
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

/// The caller named by the `Authorization` header: anonymous without one; a present but invalid token is refused
/// (401) without saying why.
/// More than one `Authorization` header is ambiguous and refused; the scheme is case-insensitive (RFC 7235).
fn caller(state: &AppState, request: &HttpRequest) -> Result<Viewer, Rejected> {
    let mut values = request.headers().get_all(header::AUTHORIZATION);
    let Some(value) = values.next() else {
        return Ok(Viewer::anonymous());
    };
    if values.next().is_some() {
        return Err(Rejected("more than one Authorization header".into()));
    }
    let token = value.to_str().ok().and_then(crate::auth::bearer_token);
    state.verifier.verify(token.ok_or_else(|| Rejected("not a bearer token".into()))?)
}

/// Whom a request's cost is charged to: the token subject when the token is good, the address otherwise (so refused
/// tokens are limited too).
fn client(state: &AppState, request: &HttpRequest, caller: &Result<Viewer, Rejected>) -> Client {
    match caller {
        Ok(Viewer { subject: Some(subject), .. }) => Client::Subject(subject.clone()),
        _ if state.config.trust_forwarded_for => {
            Client::Address(request.connection_info().realip_remote_addr().unwrap_or_default().to_string())
        }
        _ => Client::Address(request.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()),
    }
}

/// 429 `RATE_LIMITED` with `Retry-After`: the client's budget cannot pay for this request.
fn over_budget(spent: Spent) -> HttpResponse {
    let mut response = refuse_with(&AppError::RateLimited);
    response.headers_mut().insert(header::RETRY_AFTER, budget::seconds(spent.retry_after).max(1).into());
    response
}

/// The caller, once its request has paid `cost::REQUEST`: a 429 or 401 response when refused (with the budget
/// headers either way).
fn admit<'a>(state: &'a AppState, request: &HttpRequest) -> Result<(Viewer, Account<'a>), Box<HttpResponse>> {
    let caller = caller(state, request);
    let account = Account::new(&state.budgets, client(state, request, &caller));
    if let Err(spent) = account.pay(cost::REQUEST) {
        return Err(Box::new(account.report(over_budget(spent))));
    }
    match caller {
        Ok(viewer) => Ok((viewer, account)),
        Err(rejected) => Err(Box::new(account.report(unauthorized(rejected)))),
    }
}

/// 401 for a refused token; the reason goes to the log only.
fn unauthorized(rejected: Rejected) -> HttpResponse {
    tracing::info!(reason = %rejected.0, "bearer token refused");
    let mut response = refuse(StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated, "invalid or expired token");
    response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    response
}

/// `POST /graphql`.
pub async fn post(
    state: web::Data<AppState>,
    request: HttpRequest,
    payload: web::Payload,
    request_id: RequestId,
) -> HttpResponse {
    let (viewer, account) = match admit(&state, &request) {
        Ok(admitted) => admitted,
        Err(response) => return *response,
    };
    let response = post_admitted(&state, &request, payload, request_id, viewer, &account).await;
    account.report(response)
}

async fn post_admitted(
    state: &AppState,
    request: &HttpRequest,
    payload: web::Payload,
    request_id: RequestId,
    viewer: Viewer,
    account: &Account<'_>,
) -> HttpResponse {
    if !is_json(request) {
        return bad_request(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send the request as application/json");
    }
    if request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|length| length > state.config.max_body_bytes)
    {
        return bad_request(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large");
    }
    let body = match read_body(payload, state.config.max_body_bytes, state.config.body_timeout()).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return bad_request(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large");
        }
        Err(BodyError::Broken) => {
            return bad_request(StatusCode::BAD_REQUEST, "the request body is broken");
        }
        Err(BodyError::TooSlow) => {
            let mut response = bad_request(StatusCode::REQUEST_TIMEOUT, "the request body came too slowly");
            response.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
            return response;
        }
    };
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(_) => return bad_request(StatusCode::BAD_REQUEST, "the request body is not valid JSON"),
    };
    if value.is_array() {
        return bad_request(StatusCode::BAD_REQUEST, "batched requests are not supported");
    }
    let persisted = value.pointer("/extensions/persistedQuery").is_some();
    if !value.get("query").is_some_and(serde_json::Value::is_string) && !persisted {
        return bad_request(StatusCode::BAD_REQUEST, "the request has no `query` string");
    }
    let mut graphql_request = match serde_json::from_value::<async_graphql::Request>(value) {
        Ok(graphql_request) => graphql_request,
        Err(_) => {
            return bad_request(
                StatusCode::BAD_REQUEST,
                "expected a JSON object with `query` and optional `variables` and `operationName`",
            );
        }
    };
    if let Err(response) = with_document(state, &mut graphql_request) {
        return *response;
    }
    execute(state, graphql_request, viewer, request_id, request, account).await
}

/// Puts the document of an automatic persisted query into the request (or answers why it cannot).
fn with_document(state: &AppState, request: &mut async_graphql::Request) -> Result<(), Box<HttpResponse>> {
    match state.persisted.resolve(&request.query, &request.extensions) {
        Lookup::NotPersisted => Ok(()),
        Lookup::Document(document) => {
            request.query = document.to_string();
            Ok(())
        }
        Lookup::NotFound => {
            Err(Box::new(refuse(StatusCode::OK, ErrorCode::PersistedQueryNotFound, "PersistedQueryNotFound")))
        }
        Lookup::Invalid(message) => Err(Box::new(bad_request(StatusCode::BAD_REQUEST, message))),
    }
}

/// `GET /graphql`: GraphiQL for a browser, otherwise a query from the URL (never a mutation).
pub async fn get(state: web::Data<AppState>, request: HttpRequest, request_id: RequestId) -> HttpResponse {
    let (viewer, account) = match admit(&state, &request) {
        Ok(admitted) => admitted,
        Err(response) => return *response,
    };
    let response = get_admitted(&state, &request, request_id, viewer, &account).await;
    account.report(response)
}

async fn get_admitted(
    state: &AppState,
    request: &HttpRequest,
    request_id: RequestId,
    viewer: Viewer,
    account: &Account<'_>,
) -> HttpResponse {
    if request.query_string().is_empty() {
        let wants_html = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        if wants_html && state.config.graphiql_enabled() {
            let (page, policy) = &*GRAPHIQL;
            return HttpResponse::Ok()
                .content_type(ContentType::html())
                .insert_header((header::CONTENT_SECURITY_POLICY, policy.as_str()))
                .insert_header((header::X_FRAME_OPTIONS, "DENY"))
                .body(page.clone());
        }
        return bad_request(StatusCode::BAD_REQUEST, "give the query in the `query` parameter");
    }
    if let Some(name) = input::invalid_utf8_parameter(request.query_string()) {
        return bad_request(StatusCode::BAD_REQUEST, &format!("the `{name}` parameter is not UTF-8"));
    }
    let mut graphql_request = match async_graphql::http::parse_query_string(request.query_string()) {
        Ok(graphql_request) => graphql_request,
        Err(_) => return bad_request(StatusCode::BAD_REQUEST, "the query parameters do not parse"),
    };
    if let Err(response) = with_document(state, &mut graphql_request) {
        return *response;
    }
    if let Ok(document) = graphql_request.parsed_query() {
        let mutation = match &document.operations {
            DocumentOperations::Single(operation) => operation.node.ty == OperationType::Mutation,
            DocumentOperations::Multiple(operations) => {
                operations.values().any(|operation| operation.node.ty == OperationType::Mutation)
            }
        };
        if mutation {
            return method_not_allowed_with("mutations are sent with POST");
        }
    }
    execute(state, graphql_request, viewer, request_id, request, account).await
}

/// The GraphiQL page and its `Content-Security-Policy`, built once. The page pins exact versions of GraphiQL and
/// React on unpkg with Subresource Integrity (hashes of the files in the npm packages, which unpkg serves as they
/// are): a changed file is refused by the browser. The policy allows those, the page's own inline bootstrap by its
/// hash, requests to this origin only, no frames, no forms, no base URL.
static GRAPHIQL: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
    use base64::Engine as _;
    use sha2::Digest as _;
    let page = include_str!("graphiql.html").to_string();
    let inline: Vec<String> = page
        .split("<script>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</script>"))
        .map(|(script, _)| {
            let digest = sha2::Sha256::digest(script.as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    let policy = format!(
        "default-src 'none'; script-src https://unpkg.com {}; style-src https://unpkg.com 'unsafe-inline'; \
         img-src data:; font-src https://unpkg.com data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
        inline.join(" ")
    );
    (page, policy)
});

fn method_not_allowed_with(message: &str) -> HttpResponse {
    let mut response = bad_request(StatusCode::METHOD_NOT_ALLOWED, message);
    response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
    response
}

/// Any other method on `/graphql`.
pub async fn method_not_allowed() -> HttpResponse {
    let mut response = method_not_allowed_with("use POST (or GET for queries)");
    response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("GET, POST"));
    response
}

/// Whether a document holds queries only (no mutation or subscription).
fn queries_only(document: &ExecutableDocument) -> bool {
    document.operations.iter().all(|(_, operation)| operation.node.ty == OperationType::Query)
}

/// Executes a request. Anonymous queries are answered from the shared response cache when it holds their answer
/// for the current epochs (public and index: answers that read the search index follow it), and fill it otherwise
/// (concurrent misses of one query run it once); their responses carry a strong `ETag` (304 on a matching `If-None-Match`) and public `Cache-Control`. Signed-in
/// callers never touch the cache and get `no-store`.
async fn execute(
    state: &AppState,
    request: async_graphql::Request,
    viewer: Viewer,
    request_id: RequestId,
    http: &HttpRequest,
    account: &Account<'_>,
) -> HttpResponse {
    let mut request = request;
    let epoch = match state.epochs.current().await {
        Ok(epoch) => epoch,
        Err(error) => {
            let shed = error.code() == ErrorCode::ServiceBusy;
            let response = with_stable_codes(
                Response::from_errors(vec![error.extend().into_server_error(Default::default())]),
                &request_id.to_string(),
            );
            if shed && let Ok(body) = serde_json::to_vec(&response) {
                return busy(Bytes::from(body));
            }
            return HttpResponse::Ok().insert_header(("x-request-id", request_id.to_string())).json(response);
        }
    };
    let anonymous = viewer.role == Role::Anonymous;
    let key = (anonymous && state.responses.enabled()).then(|| Key {
        epoch,
        document: request.query.as_str().into(),
        operation: request.operation_name.clone(),
        variables: serde_json::to_string(&request.variables).unwrap_or_default(),
    });
    // Only documents that parsed, passed the limits and hold queries only are ever stored: a hit skips parsing.
    // A cached answer still costs its caller what it cost to make.
    if let Some(key) = &key
        && let Some(cached) = state.responses.get(key).await
    {
        if let Err(spent) = account.pay(cached.cost.saturating_sub(cost::REQUEST)) {
            return over_budget(spent);
        }
        return answer(state, http, &request_id, cached.body, Some(cached.etag));
    }
    let mut shared = anonymous;
    if let Err(refused) = input::clean_variables(&mut request.variables) {
        return refused_input(&request_id, refused.message());
    }
    let mut priced = None;
    if let Ok(document) = request.parsed_query() {
        if let Err(message) = super::limits::check(document) {
            return refused_input(&request_id, message);
        }
        shared &= queries_only(document);
        let mut document = document.clone();
        if let Err(refused) = input::clean_document(&mut document) {
            return refused_input(&request_id, refused.message());
        }
        let operation = request.operation_name.clone();
        let requested = cost::requested(&document, operation.as_deref(), &request.variables);
        if requested > state.config.max_cost {
            let refused = AppError::CostLimitExceeded { cost: requested, max: state.config.max_cost };
            return refused_with_code(&request_id, ErrorCode::CostLimitExceeded, refused.message());
        }
        if let Err(spent) = account.pay(requested - cost::REQUEST) {
            return over_budget(spent);
        }
        request.set_parsed_query(document.clone());
        priced = Some(Priced { document, operation, variables: request.variables.clone(), requested });
    }
    let run = Run { state, epoch: epoch.public, request_id: &request_id, priced: priced.as_ref() };
    let Some(key) = key.filter(|_| shared) else {
        return match run.body(request, viewer).await {
            Ok(ran) if ran.busy => busy(ran.body),
            Ok(ran) if shared => answer(state, http, &request_id, ran.body.clone(), Some(etag(&ran.body))),
            Ok(ran) => answer(state, http, &request_id, ran.body, None),
            Err(response) => response,
        };
    };
    // The request moves into the fill only if this caller runs it; a caller that waited for a fill that failed
    // still holds it and runs it on its own.
    let own = std::sync::Mutex::new(Some((request, viewer)));
    let take = || own.lock().ok().and_then(|mut slot| slot.take());
    let fill = async {
        let (request, viewer) = take().ok_or(Unshared::Gone)?;
        match run.body(request, viewer).await {
            Ok(ran) if ran.complete => Ok(Cached::new(ran.body, run.requested())),
            Ok(ran) => Err(Unshared::Ran(ran)),
            Err(response) => Err(Unshared::Refused(response)),
        }
    };
    let ran = match state.responses.get_or_fill(key, fill).await {
        Some(Ok(cached)) => return answer(state, http, &request_id, cached.body, Some(cached.etag)),
        Some(Err(Unshared::Ran(ran))) => ran,
        Some(Err(Unshared::Refused(response))) => return response,
        Some(Err(Unshared::Gone)) | None => match take() {
            Some((request, viewer)) => match run.body(request, viewer).await {
                Ok(ran) => ran,
                Err(response) => return response,
            },
            None => return refuse_with(&AppError::Internal("the request was taken twice".into())),
        },
    };
    if ran.busy {
        return busy(ran.body);
    }
    answer(state, http, &request_id, ran.body.clone(), Some(etag(&ran.body)))
}

/// 503 `SERVICE_BUSY` with `Retry-After`: the request was shed (its body says which part).
fn busy(body: Bytes) -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .insert_header((header::RETRY_AFTER, "1"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type(ContentType::json())
        .body(body)
}

/// A parsed, cleaned document with what prices it.
struct Priced {
    document: ExecutableDocument,
    operation: Option<String>,
    variables: async_graphql::Variables,
    requested: u64,
}

/// A request whose document or variables break the input rules: `BAD_USER_INPUT`, before anything runs.
fn refused_input(request_id: &RequestId, message: impl Into<String>) -> HttpResponse {
    refused_with_code(request_id, ErrorCode::BadUserInput, message)
}

/// A document refused before it runs, answered like an executed request with one error.
fn refused_with_code(request_id: &RequestId, code: ErrorCode, message: impl Into<String>) -> HttpResponse {
    let mut error = ServerError::new(message, None);
    error.extensions.get_or_insert_with(Default::default).set("code", code.as_str());
    HttpResponse::Ok().insert_header(("x-request-id", request_id.to_string())).json(Response::from_errors(vec![error]))
}

/// Why an anonymous answer is not stored: it holds errors, or the request was refused.
enum Unshared {
    Ran(Ran),
    Refused(HttpResponse),
    Gone,
}

/// An executed request's body, whether it holds no errors, and whether part of it was shed (`SERVICE_BUSY`).
struct Ran {
    body: Bytes,
    complete: bool,
    busy: bool,
}

/// What running a request needs besides the request and its caller.
#[derive(Clone, Copy)]
struct Run<'a> {
    state: &'a AppState,
    epoch: i64,
    request_id: &'a RequestId,
    priced: Option<&'a Priced>,
}

impl Run<'_> {
    /// What the request costs as written (`cost::REQUEST` for a document that does not parse).
    fn requested(self) -> u64 {
        self.priced.map_or(cost::REQUEST, |priced| priced.requested)
    }

    /// Executes the request within the execution timeout, with its cost in `extensions.cost`.
    async fn body(self, request: async_graphql::Request, viewer: Viewer) -> Result<Ran, HttpResponse> {
        let mut response = run_schema(self.state, request, viewer, self.epoch).await;
        let actual = match self.priced {
            Some(priced) => {
                cost::actual(&priced.document, priced.operation.as_deref(), &priced.variables, &response.data)
            }
            None => cost::REQUEST,
        };
        let spent = Cost { requested: self.requested(), actual: actual.min(self.requested()) };
        if let Ok(value) = async_graphql::Value::from_json(serde_json::json!(spent)) {
            response.extensions.insert("cost".to_string(), value);
        }
        let complete = response.errors.is_empty();
        let busy = response.errors.iter().any(|error| {
            error.extensions.as_ref().and_then(|e| e.get("code"))
                == Some(&async_graphql::Value::from(ErrorCode::ServiceBusy.as_str()))
        });
        match serde_json::to_vec(&with_stable_codes(response, &self.request_id.to_string())) {
            Ok(body) => Ok(Ran { body: Bytes::from(body), complete, busy }),
            Err(error) => {
                tracing::error!(%error, "response not serializable");
                Err(refuse_with(&AppError::Internal(Box::new(error))))
            }
        }
    }
}

/// Executes a request on the schema as `viewer`, with the reference tables of `epoch`, within the execution
/// timeout (past it: one `SERVICE_BUSY` error).
async fn run_schema(state: &AppState, request: async_graphql::Request, viewer: Viewer, epoch: i64) -> Response {
    let context = RequestContext::new(state.db.clone(), viewer, state.reference.tables(epoch));
    let execution = state.schema.execute(request.data(context));
    match tokio::time::timeout(state.config.query_timeout(), execution).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(timeout = ?state.config.query_timeout(), "query abandoned: execution timeout");
            let mut error = ServerError::new("the query took too long and was abandoned; retry later", None);
            error.extensions.get_or_insert_with(Default::default).set("code", ErrorCode::ServiceBusy.as_str());
            Response::from_errors(vec![error])
        }
    }
}

/// An executed request's response. With an `etag` (anonymous queries): public caching, revalidated (or kept for
/// `HUB_CACHE_MAX_AGE_SECS`), and 304 when the client already holds these bytes. Without: never stored.
fn answer(
    state: &AppState,
    http: &HttpRequest,
    request_id: &RequestId,
    body: Bytes,
    etag: Option<String>,
) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response.insert_header(("x-request-id", request_id.to_string()));
    let Some(etag) = etag else {
        response.insert_header((header::CACHE_CONTROL, "private, no-store"));
        return response.content_type(ContentType::json()).body(body);
    };
    let max_age = state.config.cache_max_age_secs;
    let control = if max_age == 0 { "public, no-cache".to_string() } else { format!("public, max-age={max_age}") };
    response.insert_header((header::CACHE_CONTROL, control)).insert_header((header::ETAG, etag.clone()));
    // Responses differ by the bearer header: shared caches must not hand a signed-in caller's request this answer.
    response.insert_header((header::VARY, "Authorization"));
    let matches = http
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    if matches {
        return response.status(StatusCode::NOT_MODIFIED).finish();
    }
    response.content_type(ContentType::json()).body(body)
}

/// Gives every error a stable code: async-graphql's own parse, validation and coercion errors carry none and are
/// the client's (`BAD_USER_INPUT`); internal errors show a generic message with the request id.
fn with_stable_codes(mut response: Response, request_id: &str) -> Response {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        match extensions.get("code") {
            None => extensions.set("code", ErrorCode::BadUserInput.as_str()),
            Some(async_graphql::Value::String(code)) if code == ErrorCode::Internal.as_str() => {
                if error.message == INTERNAL_MESSAGE {
                    error.message = format!("{INTERNAL_MESSAGE} (request id {request_id})");
                }
                extensions.set("requestId", request_id);
            }
            Some(_) => {}
        }
    }
    response
}

/// Why a page's query gave no data: the stable code of its first error, the message, and when to retry.
#[derive(Debug, Clone)]
pub struct Failed {
    pub code: ErrorCode,
    pub message: String,
    pub retry_after: Option<u64>,
}

impl Failed {
    fn from(error: &AppError, retry_after: Option<u64>) -> Self {
        if let AppError::Internal(cause) = error {
            tracing::error!(error = %cause, "page or export failed");
        }
        Failed { code: error.code(), message: error.message(), retry_after }
    }

    /// A service's refusal, as a page or an export tells it (busy and unavailable ones retriable after a second).
    pub fn of(error: &AppError) -> Self {
        let retry = error.code().retryable().then_some(1);
        Failed::from(error, retry)
    }

    /// The HTTP status a page shows this failure under.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The budget of the anonymous client sending `http`, for what the server's pages and exports spend on its behalf.
pub fn anonymous_account<'a>(state: &'a AppState, http: &HttpRequest) -> Account<'a> {
    Account::new(&state.budgets, client(state, http, &Ok(Viewer::anonymous())))
}

/// Charges `points` to an account: `RATE_LIMITED` with the wait when its budget cannot pay.
pub fn charge(account: &Account<'_>, points: u64) -> Result<(), Failed> {
    account
        .pay(points)
        .map_err(|spent| Failed::from(&AppError::RateLimited, Some(budget::seconds(spent.retry_after).max(1))))
}

/// Runs a query for one of the server's own pages, as the anonymous client sending `http`: priced, limited and
/// charged like the same document sent to `/graphql`, and run within the execution timeout. The page is a GraphQL
/// client like any other, so what it shows obeys the API's rules.
pub async fn run_for_page(
    state: &AppState,
    http: &HttpRequest,
    document: &str,
    variables: serde_json::Value,
) -> Result<serde_json::Value, Failed> {
    let account = anonymous_account(state, http);
    let mut variables = async_graphql::Variables::from_json(variables);
    // The strings a page passes on come from its URL: the same rules as any request's variables.
    if let Err(refused) = input::clean_variables(&mut variables) {
        return Err(Failed::from(&AppError::bad_input(&refused.field, refused.message()), None));
    }
    let parsed = async_graphql::parser::parse_query(document)
        .map_err(|error| Failed::from(&AppError::Internal(error.to_string().into()), None))?;
    let requested = cost::requested(&parsed, None, &variables);
    let mut request = async_graphql::Request::new(document).variables(variables);
    request.set_parsed_query(parsed);
    if requested > state.config.max_cost {
        return Err(Failed::from(&AppError::CostLimitExceeded { cost: requested, max: state.config.max_cost }, None));
    }
    charge(&account, requested)?;
    let epoch = state.epochs.current().await.map_err(|error| Failed::from(&error, Some(1)))?;
    let response = run_schema(state, request, Viewer::anonymous(), epoch.public).await;
    if let Some(error) = response.errors.first() {
        let code = error.extensions.as_ref().and_then(|e| e.get("code")).and_then(|code| match code {
            async_graphql::Value::String(code) => ErrorCode::parse(code),
            _ => None,
        });
        let code = code.unwrap_or(ErrorCode::BadUserInput);
        let message = if code == ErrorCode::Internal { INTERNAL_MESSAGE.to_string() } else { error.message.clone() };
        let retry_after = code.retryable().then_some(1);
        return Err(Failed { code, message, retry_after });
    }
    Ok(response.data.into_json().unwrap_or_default())
}
