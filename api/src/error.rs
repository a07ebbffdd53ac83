//! The one error type of the service layer, and the stable codes clients see in `extensions.code` (each with the
//! HTTP status of a request refused before it runs), in the style of Meilisearch's `Code`.

use async_graphql::ErrorExtensions;
use sea_orm::SqlErr;

/// Declares the stable error codes from one table: each code's variant, its spelling in `extensions.code`, the HTTP
/// status of a request refused with it before it runs, and whether a client may send it again in a second (answered
/// with `Retry-After: 1`).
/// The enum, `as_str`, `parse`, `http_status` and `retryable` all come from the table, so a code is written once.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $status:literal, $retry:literal;)+) => {
        /// The stable error codes of the API: every layer names a code through this enum, never as a string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the table's order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// As in `extensions.code`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)+
                }
            }

            /// The HTTP status of a request refused with this code before execution (an executed GraphQL request is
            /// 200 whatever its errors; a refused one may be more specific, such as 413 or 415 for `BAD_USER_INPUT`).
            pub fn http_status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)+
                }
            }

            /// Whether the same request may succeed in a second: answered with `Retry-After: 1`.
            pub fn retryable(self) -> bool {
                match self {
                    $(ErrorCode::$variant => $retry,)+
                }
            }
        }
    };
}

error_codes! {
    BadUserInput = "BAD_USER_INPUT", 400, false;
    Unauthenticated = "UNAUTHENTICATED", 401, false;
    Forbidden = "FORBIDDEN", 403, false;
    NotFound = "NOT_FOUND", 404, false;
    Conflict = "CONFLICT", 409, false;
    InvalidTransition = "INVALID_TRANSITION", 409, false;
    SearchUnavailable = "SEARCH_UNAVAILABLE", 503, true;
    /// The caller's budget is spent: retriable, but its `Retry-After` comes from the budget, not from this table.
    RateLimited = "RATE_LIMITED", 429, false;
    /// One document costs more than the per-request ceiling; refused before it runs. Answered like one over the
    /// other document limits, with 200 (as GitHub does).
    CostLimitExceeded = "COST_LIMIT_EXCEEDED", 200, false;
    /// The server sheds work it cannot take now (expensive work saturated, no database connection free); retriable.
    ServiceBusy = "SERVICE_BUSY", 503, true;
    /// A change-feed cursor older than the feed's retention: sync again from scratch.
    CursorExpired = "CURSOR_EXPIRED", 410, false;
    /// Apollo's automatic persisted queries: the hash is unknown here; send the document with it. Answered like an
    /// executed request: Apollo clients read the code from the body and retry with the document.
    PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND", 200, false;
    Internal = "INTERNAL", 500, false;
}

impl ErrorCode {
    /// The code `as_str` spells `text`.
    pub fn parse(text: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|code| code.as_str() == text)
    }
}

/// Every failure a caller can see. Internal causes are logged, never shown.
///
/// Deliberately not `Display` (so not derived with thiserror): async-graphql converts any `Display` type into its
/// error with the message alone, and a `?` in a resolver would then silently drop the stable code. Without
/// `Display`, the only conversion is ours below, which always sets `extensions.code`.
#[derive(Debug)]
pub enum AppError {
    BadUserInput {
        message: String,
        field: Option<String>,
    },
    Unauthenticated,
    Forbidden,
    NotFound(&'static str),
    Conflict(String),
    InvalidTransition(String),
    SearchUnavailable,
    RateLimited,
    /// The document costs `cost`, above the ceiling `max`.
    CostLimitExceeded {
        cost: u64,
        max: u64,
    },
    ServiceBusy,
    /// A change-feed cursor older than the retention.
    CursorExpired,
    /// A submission whose blocking checklist items fail (`BAD_USER_INPUT`, each listed in `extensions.checklist`).
    Checklist(Vec<Unmet>),
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// A blocking checklist item a submission fails.
#[derive(Debug, Clone)]
pub struct Unmet {
    pub code: &'static str,
    pub field: &'static str,
    pub message: String,
}

/// Message of an internal error as clients see it; the HTTP layer appends the request id.
pub const INTERNAL_MESSAGE: &str = "internal error";

impl AppError {
    pub fn bad_input(field: &str, message: impl Into<String>) -> Self {
        AppError::BadUserInput { message: message.into(), field: Some(field.to_string()) }
    }

    /// What the client is told.
    pub fn message(&self) -> String {
        match self {
            AppError::BadUserInput { message, .. }
            | AppError::Conflict(message)
            | AppError::InvalidTransition(message) => message.clone(),
            AppError::Unauthenticated => "authentication required".into(),
            AppError::Forbidden => "you are not allowed to do this".into(),
            AppError::NotFound(what) => format!("{what} not found"),
            AppError::SearchUnavailable => "search is unavailable, try again later".into(),
            AppError::RateLimited => "your cost budget is spent; retry after the time in Retry-After".into(),
            AppError::CostLimitExceeded { cost, max } => {
                format!("the query costs {cost} points, more than the {max} one request may cost; ask for less")
            }
            AppError::ServiceBusy => "the server is busy; retry after the time in Retry-After".into(),
            AppError::CursorExpired => "this cursor is older than the change feed keeps (90 days): sync again from \
                                         scratch, noting `changesHead` first"
                .into(),
            AppError::Checklist(unmet) => {
                let each: Vec<&str> = unmet.iter().map(|unmet| unmet.message.as_str()).collect();
                format!("the submission checklist is not met: {}", each.join(" "))
            }
            AppError::Internal(_) => INTERNAL_MESSAGE.into(),
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadUserInput { .. } | AppError::Checklist(_) => ErrorCode::BadUserInput,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::InvalidTransition(_) => ErrorCode::InvalidTransition,
            AppError::SearchUnavailable => ErrorCode::SearchUnavailable,
            AppError::RateLimited => ErrorCode::RateLimited,
            AppError::CostLimitExceeded { .. } => ErrorCode::CostLimitExceeded,
            AppError::ServiceBusy => ErrorCode::ServiceBusy,
            AppError::CursorExpired => ErrorCode::CursorExpired,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The one message of an update made against a version that is no longer current.
    pub fn stale(what: &str, given: i32) -> Self {
        AppError::Conflict(format!(
            "the {what} has changed since version {given}: reload it and apply your change again"
        ))
    }
}

/// A constraint the database enforced is a race the checks before it could not see (two editors creating the same
/// key at once, a record removed while another named it): a `CONFLICT` to retry, never an internal error. The
/// constraint's name and SQL stay in the log.
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                tracing::info!(%detail, "unique constraint refused a write");
                AppError::Conflict("a record with the same key was saved meanwhile; reload and try again".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => {
                tracing::info!(%detail, "foreign key refused a write");
                AppError::Conflict("a record this change names was changed meanwhile; reload and try again".into())
            }
            _ if matches!(error, sea_orm::DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout)) => {
                tracing::warn!(%error, "no database connection free: shedding the request");
                AppError::ServiceBusy
            }
            _ => AppError::Internal(Box::new(error)),
        }
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        if let AppError::Internal(source) = self {
            // Logged inside the request's span, which carries the request id.
            tracing::error!(error = %source, "internal error");
        }
        async_graphql::Error::new(self.message()).extend_with(|_, extensions| {
            extensions.set("code", self.code().as_str());
            if let AppError::BadUserInput { field: Some(field), .. } = self {
                extensions.set("field", field.as_str());
            }
            if let AppError::Checklist(unmet) = self {
                if let Some(first) = unmet.first() {
                    extensions.set("field", first.field);
                }
                let items = unmet.iter().map(|unmet| {
                    let mut item = async_graphql::indexmap::IndexMap::new();
                    item.insert(async_graphql::Name::new("code"), async_graphql::Value::from(unmet.code));
                    item.insert(async_graphql::Name::new("field"), async_graphql::Value::from(unmet.field));
                    async_graphql::Value::Object(item)
                });
                extensions.set("checklist", async_graphql::Value::List(items.collect()));
            }
        })
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(error: AppError) -> Self {
        error.extend()
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// For the command line (`hub seed` and friends), where the full cause is wanted.
impl From<AppError> for anyhow::Error {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Internal(source) => anyhow::anyhow!(source),
            other => anyhow::anyhow!("{}: {}", other.code().as_str(), other.message()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_spelled_once_and_reads_back() {
        let names: std::collections::HashSet<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(names.len(), ErrorCode::ALL.len(), "no two codes share a name");
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
            assert!((200..600).contains(&code.http_status()));
            assert!(code.as_str().chars().all(|c| c.is_ascii_uppercase() || c == '_'));
        }
        assert_eq!(ErrorCode::parse("bad_user_input"), None);
        let retried: Vec<_> = ErrorCode::ALL.iter().filter(|code| code.retryable()).collect();
        assert_eq!(retried, [&ErrorCode::SearchUnavailable, &ErrorCode::ServiceBusy]);
    }
}
