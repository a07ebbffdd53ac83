//! The audit trail as editors read it: a record's history and the recent actions across records.

use super::id::{self, NodeType};
use super::{db, request};
use crate::error::AppError;
use crate::service::audit;
use crate::service::viewer::Role;
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::audit_event;

/// One recorded action.
#[derive(SimpleObject)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// The actor's token subject.
    pub actor_subject: String,
    pub actor_role: String,
    /// e.g. `practice.create`, `practice.publish`.
    pub action: String,
    /// The kind of record acted on, e.g. `Practice`, `Country`.
    pub subject_type: String,
    /// The record acted on, when it has a global id (countries are named in `note`).
    pub subject_id: Option<ID>,
    /// A change request's note, or what an update changed.
    pub note: Option<String>,
}

impl From<audit_event::Model> for AuditEvent {
    fn from(m: audit_event::Model) -> Self {
        let node_type = match m.subject_type.as_str() {
            "Practice" => Some(NodeType::Practice),
            "GuidanceTool" => Some(NodeType::GuidanceTool),
            "PeerExchange" => Some(NodeType::PeerExchange),
            "Organization" => Some(NodeType::Organization),
            _ => None,
        };
        AuditEvent {
            at: m.at,
            actor_subject: m.actor_sub,
            actor_role: m.actor_role,
            action: m.action,
            subject_id: node_type.map(|t| id::encode(t, m.subject_id)),
            subject_type: m.subject_type,
            note: m.note,
        }
    }
}

/// Editors and admins only.
pub fn require_editor(ctx: &Context<'_>) -> async_graphql::Result<()> {
    match request(ctx)?.viewer.role {
        Role::Anonymous => Err(AppError::Unauthenticated.into()),
        Role::Contributor => Err(AppError::Forbidden.into()),
        Role::Editor | Role::Admin => Ok(()),
    }
}

/// A record's history, oldest first.
pub async fn history(ctx: &Context<'_>, subject_type: &str, subject_id: i64) -> async_graphql::Result<Vec<AuditEvent>> {
    require_editor(ctx)?;
    Ok(audit::history(db(ctx)?, subject_type, subject_id).await?.into_iter().map(AuditEvent::from).collect())
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The most recent editor, admin and workflow actions across records, newest first (editors).
    async fn audit_trail(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, validator(minimum = 1, maximum = 100))] first: i32,
    ) -> async_graphql::Result<Vec<AuditEvent>> {
        require_editor(ctx)?;
        let events = audit::recent(db(ctx)?, u64::try_from(first).unwrap_or(50)).await?;
        Ok(events.into_iter().map(AuditEvent::from).collect())
    }
}
