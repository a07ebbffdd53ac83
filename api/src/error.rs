//! The one error type of the service layer, and the stable codes clients see in `extensions.code` (each with the
//! HTTP status of a request refused before it runs), in the style of Meilisearch's `Code`.

use async_graphql::ErrorExtensions;
use sea_orm::SqlErr;

/// The stable error codes of the API: every layer names a code through this enum, never as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadUserInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    InvalidTransition,
    SearchUnavailable,
    RateLimited,
    /// One document costs more than the per-request ceiling; refused before it runs.
    CostLimitExceeded,
    /// The server sheds work it cannot take now (expensive work saturated, no database connection free); retriable.
    ServiceBusy,
    /// A change-feed cursor older than the feed's retention: sync again from scratch.
    CursorExpired,
    /// Apollo's automatic persisted queries: the hash is unknown here; send the document with it.
    PersistedQueryNotFound,
    Internal,
}

impl ErrorCode {
    /// As in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::InvalidTransition => "INVALID_TRANSITION",
            ErrorCode::SearchUnavailable => "SEARCH_UNAVAILABLE",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::CostLimitExceeded => "COST_LIMIT_EXCEEDED",
            ErrorCode::ServiceBusy => "SERVICE_BUSY",
            ErrorCode::CursorExpired => "CURSOR_EXPIRED",
            ErrorCode::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            ErrorCode::Internal => "INTERNAL",
        }
    }

    /// The code `as_str` spells `text`.
    pub fn parse(text: &str) -> Option<ErrorCode> {
        use ErrorCode::*;
        [
            BadUserInput,
            Unauthenticated,
            Forbidden,
            NotFound,
            Conflict,
            InvalidTransition,
            SearchUnavailable,
            RateLimited,
            CostLimitExceeded,
            ServiceBusy,
            CursorExpired,
            PersistedQueryNotFound,
            Internal,
        ]
        .into_iter()
        .find(|code| code.as_str() == text)
    }

    /// The HTTP status of a request refused with this code before execution (an executed GraphQL request is 200
    /// whatever its errors; a refused one may be more specific, such as 413 or 415 for `BAD_USER_INPUT`).
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::BadUserInput => 400,
            // Answered like an executed request: Apollo clients read the code from the body and retry; a document
            // over the cost ceiling is answered like one over the other document limits (as GitHub does).
            ErrorCode::PersistedQueryNotFound | ErrorCode::CostLimitExceeded => 200,
            ErrorCode::Unauthenticated => 401,
            ErrorCode::CursorExpired => 410,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict | ErrorCode::InvalidTransition => 409,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::SearchUnavailable | ErrorCode::ServiceBusy => 503,
        }
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
    Internal(Box<dyn std::error::Error + Send + Sync>),
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
            AppError::Internal(_) => INTERNAL_MESSAGE.into(),
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadUserInput { .. } => ErrorCode::BadUserInput,
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
