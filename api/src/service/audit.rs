//! The audit trail: every editor and admin action, and every workflow transition, recorded in the same transaction.

use crate::error::AppResult;
use crate::service::viewer::{Role, Viewer};
use chrono::Utc;
use hub_entity::audit_event;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Anonymous => "anonymous",
        Role::Contributor => "contributor",
        Role::Editor => "editor",
        Role::Admin => "admin",
    }
}

/// The record an action was on: by numeric id (content, organizations, reviews, submissions) or by key (themes,
/// principles, regions, countries, objectives).
#[derive(Debug, Clone)]
pub enum Subject {
    Id(&'static str, i64),
    Key(&'static str, String),
}

/// Records one action by `viewer` on a record.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    action: &str,
    subject: Subject,
    note: Option<String>,
) -> AppResult<()> {
    let (subject_type, subject_id, subject_key) = match subject {
        Subject::Id(kind, id) => (kind, id, None),
        Subject::Key(kind, key) => (kind, 0, Some(key)),
    };
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        actor_sub: Set(viewer.subject.clone().unwrap_or_default()),
        actor_role: Set(role_name(viewer.role).into()),
        action: Set(action.into()),
        subject_type: Set(subject_type.into()),
        subject_id: Set(subject_id),
        subject_key: Set(subject_key),
        note: Set(note),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The history of one record, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    subject_type: &str,
    subject_id: i64,
) -> AppResult<Vec<audit_event::Model>> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::SubjectType.eq(subject_type))
        .filter(audit_event::Column::SubjectId.eq(subject_id))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?)
}

/// The most recent actions across records, newest first.
pub async fn recent<C: ConnectionTrait>(db: &C, limit: u64) -> AppResult<Vec<audit_event::Model>> {
    Ok(audit_event::Entity::find().order_by_desc(audit_event::Column::Id).limit(limit).all(db).await?)
}
