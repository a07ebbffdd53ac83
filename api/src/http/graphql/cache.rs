//! The shared response cache around execution. Anonymous queries are answered from it when it holds their answer for
//! the current epochs (public and index: answers that read the search index follow it), and fill it otherwise
//! (concurrent misses of one query run it once); their responses carry a strong `ETag` (304 on a matching
//! `If-None-Match`) and public `Cache-Control`. Signed-in callers never touch the cache and get `no-store`.

use super::execute::{self, Ran, Run};
use super::language;
use crate::domain::language::Language;
use crate::domain::viewer::{Role, Viewer};
use crate::error::AppError;
use crate::graphql::cost;
use crate::http::AppState;
use crate::http::budget::Account;
use crate::http::refusal::Refusal;
use crate::http::response_cache::{Cached, Key, etag};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use tracing_actix_web::RequestId;

/// Why an anonymous answer is not stored: it holds errors, or the request was refused.
enum Unshared {
    Ran(Ran),
    Refused(HttpResponse),
    Gone,
}

/// Answers an admitted request, from the cache when it may.
pub(super) async fn answer_request(
    state: &AppState,
    mut request: async_graphql::Request,
    viewer: Viewer,
    request_id: RequestId,
    http: &HttpRequest,
    account: &Account<'_>,
) -> HttpResponse {
    let anonymous = viewer.role == Role::Anonymous;
    let asked = language::of_header(http);
    if reads_no_data(&mut request) {
        // `{ __typename }`, introspection: nothing read from the database or the index, so no epoch to read and
        // nothing worth a cache entry.
        let (checked, chosen) = match check_and_choose(state, &mut request, &request_id, account, asked).await {
            Ok(checked) => checked,
            Err(response) => return *response,
        };
        let language = chosen.unwrap_or_default();
        let epoch = state.epochs.last_read().public;
        let run = Run { state, epoch, language: chosen, request_id: &request_id, priced: checked.priced.as_ref() };
        return match run.body(request, viewer).await {
            Ok(ran) if ran.busy => execute::busy(ran.body),
            Ok(ran) => {
                let tag = anonymous.then(|| etag(&ran.body, language));
                answer(state, http, &request_id, ran.body.clone(), tag, language)
            }
            Err(response) => response,
        };
    }
    let epoch = match state.epochs.current().await {
        Ok(epoch) => epoch,
        Err(error) => return execute::not_started(&request_id, error),
    };
    let key = (anonymous && state.responses.enabled()).then(|| Key {
        epoch,
        document: request.query.as_str().into(),
        operation: request.operation_name.clone(),
        variables: serde_json::to_string(&request.variables).unwrap_or_default(),
        language: asked,
    });
    // Only documents that parsed, passed the limits and hold queries only are ever stored: a hit skips parsing.
    // A cached answer still costs its caller what it cost to make.
    if let Some(key) = &key
        && let Some(cached) = state.responses.get(key).await
    {
        if let Err(spent) = account.pay(cached.cost.saturating_sub(cost::REQUEST)).await {
            return Refusal::rate_limited(spent.seconds()).error_response();
        }
        return answer(state, http, &request_id, cached.body, Some(cached.etag), cached.language);
    }
    let (checked, chosen) = match check_and_choose(state, &mut request, &request_id, account, asked).await {
        Ok(checked) => checked,
        Err(response) => return *response,
    };
    let language = chosen.unwrap_or_default();
    let shared = anonymous && checked.queries_only;
    let run =
        Run { state, epoch: epoch.public, language: chosen, request_id: &request_id, priced: checked.priced.as_ref() };
    let Some(key) = key.filter(|_| shared) else {
        return match run.body(request, viewer).await {
            Ok(ran) if ran.busy => execute::busy(ran.body),
            Ok(ran) if shared => {
                let tag = Some(etag(&ran.body, language));
                answer(state, http, &request_id, ran.body.clone(), tag, language)
            }
            Ok(ran) => answer(state, http, &request_id, ran.body, None, language),
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
            Ok(ran) if ran.complete => Ok(Cached::new(ran.body, run.requested(), language)),
            Ok(ran) => Err(Unshared::Ran(ran)),
            Err(response) => Err(Unshared::Refused(response)),
        }
    };
    let ran = match state.responses.get_or_fill(key, fill).await {
        Some(Ok(cached)) => {
            return answer(state, http, &request_id, cached.body, Some(cached.etag), cached.language);
        }
        Some(Err(Unshared::Ran(ran))) => ran,
        Some(Err(Unshared::Refused(response))) => return response,
        Some(Err(Unshared::Gone)) | None => match take() {
            Some((request, viewer)) => match run.body(request, viewer).await {
                Ok(ran) => ran,
                Err(response) => return response,
            },
            None => return Refusal::of(&AppError::Internal("the request was taken twice".into())).error_response(),
        },
    };
    if ran.busy {
        return execute::busy(ran.body);
    }
    answer(state, http, &request_id, ran.body.clone(), Some(etag(&ran.body, language)), language)
}

/// Checks the request (limits, input rules, price) and reads the language its operation's `@inContext` names, else
/// `asked` (the header's); the response refusing it otherwise.
async fn check_and_choose(
    state: &AppState,
    request: &mut async_graphql::Request,
    request_id: &RequestId,
    account: &Account<'_>,
    asked: Option<Language>,
) -> Result<(execute::Checked, Option<Language>), Box<HttpResponse>> {
    let checked = execute::check(state, request, request_id, account).await?;
    match language::of_directive(request) {
        Ok(chosen) => Ok((checked, chosen.or(asked))),
        Err(error) => Err(Box::new(Refusal::of(&error).error_response())),
    }
}

/// Longest document [`reads_no_data`] parses: a longer one is parsed after the cache is asked, so that a hit skips
/// parsing.
const SHORT_DOCUMENT: usize = 512;

/// Whether a short document holds queries whose every root field is a meta field (`__typename`, `__schema`,
/// `__type`): it reads no data. The parse is kept in the request, so it is not parsed twice.
fn reads_no_data(request: &mut async_graphql::Request) -> bool {
    use async_graphql::parser::types::{OperationType, Selection};
    // A document without `__` names no meta field: most data queries never get parsed here.
    if request.query.len() > SHORT_DOCUMENT || !request.query.contains("__") {
        return false;
    }
    let Ok(document) = request.parsed_query() else { return false };
    document.operations.iter().all(|(_, operation)| {
        operation.node.ty == OperationType::Query
            && operation.node.selection_set.node.items.iter().all(|selection| match &selection.node {
                Selection::Field(field) => field.node.name.node.starts_with("__"),
                _ => false,
            })
    })
}

/// An executed request's response, in `language` (`Content-Language`). With an `etag` (anonymous queries): public
/// caching, revalidated (or kept for `HUB_CACHE_MAX_AGE_SECS`), and 304 when the client already holds these bytes.
/// Without: never stored.
fn answer(
    state: &AppState,
    http: &HttpRequest,
    request_id: &RequestId,
    body: Bytes,
    etag: Option<String>,
    language: Language,
) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response.insert_header(("x-request-id", request_id.to_string()));
    response.insert_header((header::CONTENT_LANGUAGE, language.tag()));
    let Some(etag) = etag else {
        response.insert_header((header::CACHE_CONTROL, "private, no-store"));
        return response.content_type(ContentType::json()).body(body);
    };
    let max_age = state.config.cache_max_age_secs;
    let control = if max_age == 0 { "public, no-cache".to_string() } else { format!("public, max-age={max_age}") };
    response.insert_header((header::CACHE_CONTROL, control)).insert_header((header::ETAG, etag.clone()));
    // Responses differ by the bearer header (shared caches must not hand a signed-in caller's request this answer)
    // and by the language the header asks for.
    response.insert_header((header::VARY, "Authorization, Accept-Language"));
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
