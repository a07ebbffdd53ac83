//! Every request the HTTP layer refuses, in one shape: a stable code, a message for the client, the HTTP status and,
//! when waiting helps, the seconds to wait. [`Refusal`] is the layer's one `ResponseError`: `/graphql` answers it as a
//! GraphQL-shaped error body, the pages as an error page and the exports as plain text, all with the status and the
//! `Retry-After` written here (in [`retry_after`], the one place that writes that header).

use crate::error::{AppError, ErrorCode};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder, ResponseError};
use serde_json::json;

/// A refused request: what the client is told, under which status, and when to try again.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: String,
    status: StatusCode,
    /// Seconds before the same request may succeed, when waiting helps.
    pub retry_after: Option<u64>,
}

impl Refusal {
    /// A refusal with `code`'s own status, retriable after a second when the code says so.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Refusal { code, message: message.into(), status, retry_after: code.retryable().then_some(1) }
    }

    /// A bad request (`BAD_USER_INPUT`) under a status of its own: 400, 405, 408, 413 or 415.
    pub fn bad_request(status: StatusCode, message: impl Into<String>) -> Self {
        Refusal::new(ErrorCode::BadUserInput, message).with_status(status)
    }

    /// A service's error as the client sees it; an internal cause goes to the log only.
    pub fn of(error: &AppError) -> Self {
        if let AppError::Internal(cause) = error {
            tracing::error!(error = %cause, "request refused: internal error");
        }
        Refusal::new(error.code(), error.message())
    }

    /// `RATE_LIMITED`: the caller's budget pays again in `seconds`.
    pub fn rate_limited(seconds: u64) -> Self {
        Refusal { retry_after: Some(seconds.max(1)), ..Refusal::of(&AppError::RateLimited) }
    }

    pub fn with_status(self, status: StatusCode) -> Self {
        Refusal { status, ..self }
    }

    /// A response of this refusal's status and `Retry-After`, for a body of the caller's choosing.
    pub fn response(&self) -> HttpResponseBuilder {
        let mut builder = HttpResponse::build(self.status);
        retry_after(&mut builder, self.retry_after);
        builder
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

/// As `/graphql` and `/metrics` answer it: `{"errors": [{"message", "extensions": {"code"}}]}`.
impl ResponseError for Refusal {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let error = json!({ "message": self.message, "extensions": { "code": self.code.as_str() } });
        self.response().json(json!({ "errors": [error] }))
    }
}

/// Writes `Retry-After` when waiting helps: the one place the layer writes it.
pub fn retry_after(builder: &mut HttpResponseBuilder, seconds: Option<u64>) {
    if let Some(seconds) = seconds {
        builder.insert_header((header::RETRY_AFTER, seconds));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_retry_follow_the_code() {
        let busy = Refusal::of(&AppError::ServiceBusy);
        assert_eq!((busy.status_code(), busy.retry_after), (StatusCode::SERVICE_UNAVAILABLE, Some(1)));
        let limited = Refusal::rate_limited(0);
        assert_eq!((limited.status_code(), limited.retry_after), (StatusCode::TOO_MANY_REQUESTS, Some(1)));
        let response = Refusal::rate_limited(7).error_response();
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "7");
        let large = Refusal::bad_request(StatusCode::PAYLOAD_TOO_LARGE, "too large");
        assert_eq!((large.status_code(), large.code), (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::BadUserInput));
        assert!(large.error_response().headers().get(header::RETRY_AFTER).is_none());
    }
}
