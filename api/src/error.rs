//! The one error type of the service layer, with the stable codes clients see in `extensions.code`.

use async_graphql::ErrorExtensions;
use sea_orm::SqlErr;

/// Every failure a caller can see. Internal causes are logged, never shown.
///
/// Deliberately not `Display` (so not derived with thiserror): async-graphql converts any `Display` type into its
/// error with the message alone, and a `?` in a resolver would then silently drop the stable code. Without
/// `Display`, the only conversion is ours below, which always sets `extensions.code`.
#[derive(Debug)]
pub enum AppError {
    BadUserInput { message: String, field: Option<String> },
    Unauthenticated,
    Forbidden,
    NotFound(&'static str),
    Conflict(String),
    InvalidTransition(String),
    SearchUnavailable,
    RateLimited,
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
            AppError::RateLimited => "too many requests, slow down".into(),
            AppError::Internal(_) => INTERNAL_MESSAGE.into(),
        }
    }

    /// The stable code of this error, as in `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadUserInput { .. } => "BAD_USER_INPUT",
            AppError::Unauthenticated => "UNAUTHENTICATED",
            AppError::Forbidden => "FORBIDDEN",
            AppError::NotFound(_) => "NOT_FOUND",
            AppError::Conflict(_) => "CONFLICT",
            AppError::InvalidTransition(_) => "INVALID_TRANSITION",
            AppError::SearchUnavailable => "SEARCH_UNAVAILABLE",
            AppError::RateLimited => "RATE_LIMITED",
            AppError::Internal(_) => "INTERNAL",
        }
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
            extensions.set("code", self.code());
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
            other => anyhow::anyhow!("{}: {}", other.code(), other.message()),
        }
    }
}
