//! Choosing a request's language: the operation's `@inContext(language:)` directive, else the `Accept-Language`
//! header (q-values, subtags: `domain::language::negotiate`), else English. The header's choice is part of the
//! shared cache's key (so a hit never parses the document); the directive is read from the parsed document, which the
//! key holds already.

use crate::domain::language::{self, Language};
use crate::error::AppError;
use crate::graphql::language::{IN_CONTEXT, from_code};
use actix_web::HttpRequest;
use actix_web::http::header;
use async_graphql::parser::types::OperationDefinition;
use async_graphql_value::Value;

/// The language the `Accept-Language` header asks for, if it names one the hub speaks.
pub fn of_header(http: &HttpRequest) -> Option<Language> {
    http.headers().get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).and_then(language::negotiate)
}

/// The language the operation's `@inContext` directive names, if it has one. A value that is not a `LanguageCode`
/// (literal or variable) is `BAD_USER_INPUT` on `language`.
pub fn of_directive(request: &mut async_graphql::Request) -> Result<Option<Language>, AppError> {
    let operation_name = request.operation_name.clone();
    let variables = request.variables.clone();
    let Ok(document) = request.parsed_query() else { return Ok(None) };
    let operation: Option<&OperationDefinition> = match &operation_name {
        Some(name) => {
            document.operations.iter().find(|(n, _)| n.map(|n| n.as_str()) == Some(name)).map(|(_, o)| &o.node)
        }
        None => document.operations.iter().next().map(|(_, o)| &o.node),
    };
    let Some(directive) = operation.and_then(|o| o.directives.iter().find(|d| d.node.name.node.as_str() == IN_CONTEXT))
    else {
        return Ok(None);
    };
    let code = match directive.node.get_argument("language").map(|value| &value.node) {
        Some(Value::Enum(name)) => Some(name.to_string()),
        Some(Value::Variable(name)) => match variables.get(name) {
            Some(async_graphql::Value::Enum(name)) => Some(name.to_string()),
            Some(async_graphql::Value::String(code)) => Some(code.clone()),
            _ => None,
        },
        _ => None,
    };
    match code.as_deref().and_then(from_code) {
        Some(language) => Ok(Some(language)),
        None => Err(AppError::bad_input(
            "language",
            format!(
                "`@inContext(language:)` takes one of {}",
                Language::ALL.map(|l| l.tag().to_ascii_uppercase()).join(", ")
            ),
        )),
    }
}
