//! `me`: who the caller is, as their token says.

use super::request;
use crate::domain::viewer::Role;
use async_graphql::{Context, Enum, Object, SimpleObject};

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum CallerRole {
    /// No token.
    Anonymous,
    Contributor,
    Editor,
    Admin,
}

/// The caller of the request.
#[derive(SimpleObject)]
pub struct Caller {
    /// The token's `sub`; null for anonymous callers.
    subject: Option<String>,
    role: CallerRole,
    /// The token's `org`, when it names one.
    organization: Option<String>,
}

#[derive(Default)]
pub struct ViewerQuery;

#[Object]
impl ViewerQuery {
    /// The caller: subject, role and organization from the bearer token (role `ANONYMOUS` without one).
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Caller> {
        let viewer = &request(ctx)?.viewer;
        let role = match viewer.role {
            Role::Anonymous => CallerRole::Anonymous,
            Role::Contributor => CallerRole::Contributor,
            Role::Editor => CallerRole::Editor,
            Role::Admin => CallerRole::Admin,
        };
        Ok(Caller { subject: viewer.subject.clone(), role, organization: viewer.organization.clone() })
    }
}
