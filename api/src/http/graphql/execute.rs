//! Running an admitted request on the schema: the document checked against the limits and the input rules, priced
//! and paid for before it runs (`COST_LIMIT_EXCEEDED` above the ceiling, `RATE_LIMITED` when the budget cannot pay),
//! executed within the execution timeout, and its response given its cost (`extensions.cost`) and a stable code on
//! every error, with no internal detail.

use crate::domain::language::Language;
use crate::domain::viewer::Viewer;
use crate::error::{AppError, ErrorCode, INTERNAL_MESSAGE};
use crate::graphql::RequestContext;
use crate::graphql::cost::{self, Cost};
use crate::http::AppState;
use crate::http::budget::Account;
use crate::http::input;
use crate::http::refusal::{Refusal, retry_after};
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, ResponseError};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{ErrorExtensions, Response, ServerError};
use tracing_actix_web::RequestId;

/// A parsed, cleaned document with what prices it.
pub(super) struct Priced {
    document: ExecutableDocument,
    operation: Option<String>,
    variables: async_graphql::Variables,
    requested: u64,
}

/// What pricing found: the priced document (none when it does not parse: execution then reports why) and whether it
/// holds queries only.
pub(super) struct Checked {
    pub priced: Option<Priced>,
    pub queries_only: bool,
}

/// Checks a request's document and variables against the limits and the input rules, prices it and charges the
/// price (less `cost::REQUEST`, paid on admission) to `account`; the response refusing it otherwise.
pub(super) async fn check(
    state: &AppState,
    request: &mut async_graphql::Request,
    request_id: &RequestId,
    account: &Account<'_>,
) -> Result<Checked, Box<HttpResponse>> {
    if let Err(refused) = input::clean_variables(&mut request.variables) {
        return Err(Box::new(refused_input(request_id, refused.message())));
    }
    let Ok(document) = request.parsed_query() else {
        return Ok(Checked { priced: None, queries_only: true });
    };
    if let Err(message) = crate::http::limits::check(document) {
        return Err(Box::new(refused_input(request_id, message)));
    }
    let queries_only = document.operations.iter().all(|(_, operation)| operation.node.ty == OperationType::Query);
    let mut document = document.clone();
    if let Err(refused) = input::clean_document(&mut document) {
        return Err(Box::new(refused_input(request_id, refused.message())));
    }
    let operation = request.operation_name.clone();
    let requested = cost::requested(&document, operation.as_deref(), &request.variables);
    if requested > state.config.max_cost {
        let refused = AppError::CostLimitExceeded { cost: requested, max: state.config.max_cost };
        return Err(Box::new(refused_with_code(request_id, ErrorCode::CostLimitExceeded, refused.message())));
    }
    if let Err(spent) = account.pay(requested - cost::REQUEST).await {
        return Err(Box::new(Refusal::rate_limited(spent.seconds()).error_response()));
    }
    request.set_parsed_query(document.clone());
    let priced = Priced { document, operation, variables: request.variables.clone(), requested };
    Ok(Checked { priced: Some(priced), queries_only })
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

/// The answer of a request that could not start because `error` (reading the epochs) stopped it: 503 when the
/// server shed it, an executed-style error otherwise.
pub(super) fn not_started(request_id: &RequestId, error: AppError) -> HttpResponse {
    let shed = error.code() == ErrorCode::ServiceBusy;
    let response = with_stable_codes(
        Response::from_errors(vec![error.extend().into_server_error(Default::default())]),
        &request_id.to_string(),
    );
    if shed && let Ok(body) = serde_json::to_vec(&response) {
        return busy(Bytes::from(body));
    }
    HttpResponse::Ok().insert_header(("x-request-id", request_id.to_string())).json(response)
}

/// 503 `SERVICE_BUSY` with `Retry-After`: the request was shed (its body says which part).
pub(super) fn busy(body: Bytes) -> HttpResponse {
    let mut response = HttpResponse::ServiceUnavailable();
    retry_after(&mut response, ErrorCode::ServiceBusy.retryable().then_some(1));
    response.insert_header((header::CACHE_CONTROL, "no-store")).content_type(ContentType::json()).body(body)
}

/// An executed request's body, whether it holds no errors, and whether part of it was shed (`SERVICE_BUSY`).
pub(super) struct Ran {
    pub body: Bytes,
    pub complete: bool,
    pub busy: bool,
}

/// What running a request needs besides the request and its caller.
#[derive(Clone, Copy)]
pub(super) struct Run<'a> {
    pub state: &'a AppState,
    pub epoch: i64,
    /// The language the request asked for (directive or header); English when `None`.
    pub language: Option<Language>,
    pub request_id: &'a RequestId,
    pub priced: Option<&'a Priced>,
}

impl Run<'_> {
    /// What the request costs as written (`cost::REQUEST` for a document that does not parse).
    pub fn requested(self) -> u64 {
        self.priced.map_or(cost::REQUEST, |priced| priced.requested)
    }

    /// Executes the request within the execution timeout, with its cost in `extensions.cost`.
    pub async fn body(self, request: async_graphql::Request, viewer: Viewer) -> Result<Ran, HttpResponse> {
        let mut response = run_schema(self.state, request, viewer, self.epoch, self.language).await;
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
        let busy = response.errors.iter().any(|error| code_of(error) == Some(ErrorCode::ServiceBusy));
        match serde_json::to_vec(&with_stable_codes(response, &self.request_id.to_string())) {
            Ok(body) => Ok(Ran { body: Bytes::from(body), complete, busy }),
            Err(error) => {
                tracing::error!(%error, "response not serializable");
                Err(Refusal::of(&AppError::Internal(Box::new(error))).error_response())
            }
        }
    }
}

/// The stable code an executed error carries, if any.
pub(crate) fn code_of(error: &ServerError) -> Option<ErrorCode> {
    match error.extensions.as_ref()?.get("code")? {
        async_graphql::Value::String(code) => ErrorCode::parse(code),
        _ => None,
    }
}

/// Executes a request on the schema as `viewer`, in `language`, with the reference tables of `epoch`, within the execution
/// timeout (past it: one `SERVICE_BUSY` error).
pub(crate) async fn run_schema(
    state: &AppState,
    mut request: async_graphql::Request,
    viewer: Viewer,
    epoch: i64,
    language: Option<Language>,
) -> Response {
    // A mutation reads its own writes: reference tables of its own, never those shared by the epoch it began in.
    let reference = match request.parsed_query() {
        Ok(document) if has_mutation(document) => Default::default(),
        _ => state.reference.tables(epoch),
    };
    let context = RequestContext::new(state.db.clone(), viewer, reference, language);
    // The span's fields are only built when traces are on.
    let operation = request.operation_name.as_deref();
    let span = tracing::info_span!(
        target: crate::telemetry::TARGET,
        "graphql",
        otel.name = format!("graphql {}", operation.unwrap_or("(anonymous)")),
        graphql.operation.name = operation.unwrap_or_default(),
    );
    let execution = tracing::Instrument::instrument(state.schema.execute(request.data(context)), span);
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

/// Whether a document holds a mutation.
pub(crate) fn has_mutation(document: &async_graphql::parser::types::ExecutableDocument) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    match &document.operations {
        DocumentOperations::Single(operation) => operation.node.ty == OperationType::Mutation,
        DocumentOperations::Multiple(operations) => {
            operations.values().any(|operation| operation.node.ty == OperationType::Mutation)
        }
    }
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
