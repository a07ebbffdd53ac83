//! The audit trail as editors read it: a record's history and the recent actions across records.

use super::connection::{Connection, Counter};
use super::id;
use super::loaders::HistoryOf;
use super::{RoleGuard, db, load_list, request};
use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::service::audit;
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::audit_event;
use std::sync::Arc;

/// One recorded action.
#[derive(SimpleObject, Clone)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// The actor's token subject.
    pub actor_subject: String,
    pub actor_role: String,
    /// e.g. `practice.create`, `practice.publish`.
    pub action: String,
    /// The kind of record acted on, e.g. `Practice`, `Country`.
    pub subject_type: String,
    /// The record acted on, when it has a global id.
    pub subject_id: Option<ID>,
    /// The record acted on, when it is named by key: a theme, principle or region key, a country's ISO3 code, an
    /// objective's number.
    pub subject_key: Option<String>,
    /// A change request's note, or what an update changed.
    pub note: Option<String>,
}

impl From<audit_event::Model> for AuditEvent {
    fn from(m: audit_event::Model) -> Self {
        let node_type = RecordType::from_name(&m.subject_type).filter(|record| record.has_global_id());
        AuditEvent {
            at: m.at,
            actor_subject: m.actor_sub,
            actor_role: m.actor_role,
            action: m.action,
            subject_id: node_type.map(|t| id::encode(t, m.subject_id)),
            subject_key: m.subject_key,
            subject_type: m.subject_type,
            note: m.note,
        }
    }
}

/// What happened to a content record, oldest first (editors; batched across a page).
pub async fn history(ctx: &Context<'_>, content_id: i64) -> async_graphql::Result<Vec<AuditEvent>> {
    request(ctx)?.viewer.require(Role::Editor)?;
    load_list(ctx, HistoryOf(content_id), AuditEvent::from).await
}

/// Which actions `auditTrail` returns: AND across fields, OR within a list.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// e.g. `Practice`, `Theme`, `Country`.
    pub subject_types: Option<Vec<String>>,
    /// Token subjects of the actors.
    pub actors: Option<Vec<String>>,
    /// e.g. `practice.publish`, `organization.update`.
    pub actions: Option<Vec<String>>,
    pub since: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Editor, admin and workflow actions across records, newest first (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn audit_trail(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<AuditFilter>,
    ) -> async_graphql::Result<Connection<AuditEvent>> {
        let db = db(ctx)?.clone();
        let input = filter.unwrap_or_default();
        let filter = audit::AuditFilter {
            subject_types: input.subject_types,
            actors: input.actors,
            actions: input.actions,
            since: input.since,
        };
        let page = filter.page(&db, &PageArgs { first, after, last, before }).await?;
        let counter: Counter = Arc::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            Box::pin(async move { filter.count(&db).await })
        });
        Ok(Connection::new(page, AuditEvent::from, counter))
    }
}
