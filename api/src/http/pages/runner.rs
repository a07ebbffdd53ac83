//! How a page or an export runs its query: as the anonymous client sending the page's request, priced, limited and
//! charged like the same document sent to `/graphql`, and run within the execution timeout on the same execution.
//! The page is a GraphQL client like any other, so what it shows obeys the API's rules.

use crate::domain::language::Language;
use crate::domain::viewer::Viewer;
use crate::error::{AppError, ErrorCode, INTERNAL_MESSAGE};
use crate::graphql::cost;
use crate::http::AppState;
use crate::http::budget::Account;
use crate::http::graphql::execute::{code_of, run_schema};
use crate::http::graphql::transport::client;
use crate::http::input;
use crate::http::refusal::Refusal;
use actix_web::HttpRequest;

/// The budget of the anonymous client sending `http`, for what the server's pages and exports spend on its behalf.
pub fn anonymous_account<'a>(state: &'a AppState, http: &HttpRequest) -> Account<'a> {
    Account::new(&state.budgets, client(state, http, &Ok(Viewer::anonymous())))
}

/// Charges `points` to an account: `RATE_LIMITED` with the wait when its budget cannot pay.
pub async fn charge(account: &Account<'_>, points: u64) -> Result<(), Refusal> {
    account.pay(points).await.map_err(|spent| Refusal::rate_limited(spent.seconds()))
}

/// Runs a query for one of the server's own pages, as the anonymous client sending `http`, in the page's `language`
/// (its labels, and the language `search` ranks first); its data, or why there is none (the stable code of the
/// first error).
pub async fn run_for_page(
    state: &AppState,
    http: &HttpRequest,
    document: &str,
    variables: serde_json::Value,
    language: Language,
) -> Result<serde_json::Value, Refusal> {
    let account = anonymous_account(state, http);
    let mut variables = async_graphql::Variables::from_json(variables);
    // The strings a page passes on come from its URL: the same rules as any request's variables.
    if let Err(refused) = input::clean_variables(&mut variables) {
        return Err(Refusal::of(&AppError::bad_input(&refused.field, refused.message())));
    }
    let parsed = async_graphql::parser::parse_query(document)
        .map_err(|error| Refusal::of(&AppError::Internal(error.to_string().into())))?;
    let requested = cost::requested(&parsed, None, &variables);
    let mut request = async_graphql::Request::new(document).variables(variables);
    request.set_parsed_query(parsed);
    if requested > state.config.max_cost {
        return Err(Refusal::of(&AppError::CostLimitExceeded { cost: requested, max: state.config.max_cost }));
    }
    charge(&account, requested).await?;
    let epoch = state.epochs.current().await.map_err(|error| Refusal::of(&error))?;
    let response = run_schema(state, request, Viewer::anonymous(), epoch.public, Some(language)).await;
    if let Some(error) = response.errors.first() {
        let code = code_of(error).unwrap_or(ErrorCode::BadUserInput);
        let message = if code == ErrorCode::Internal { INTERNAL_MESSAGE.to_string() } else { error.message.clone() };
        return Err(Refusal::new(code, message));
    }
    Ok(response.data.into_json().unwrap_or_default())
}
