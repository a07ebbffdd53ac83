//! The audit trail: every editor and admin action, and every workflow transition, recorded in the same transaction.

use crate::error::AppResult;
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use crate::service::validate;
use crate::service::viewer::{Role, Viewer};
use chrono::{DateTime, Utc};
use hub_entity::audit_event;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select, Set};

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

/// Which actions an audit trail query returns: AND across fields, OR within a list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// e.g. `Practice`, `Theme`.
    pub subject_types: Option<Vec<String>>,
    /// Token subjects of the actors.
    pub actors: Option<Vec<String>>,
    /// e.g. `practice.publish`.
    pub actions: Option<Vec<String>>,
    pub since: Option<DateTime<Utc>>,
}

impl AuditFilter {
    fn select(&self) -> AppResult<Select<audit_event::Entity>> {
        let mut select = audit_event::Entity::find();
        for (values, column, field) in [
            (&self.subject_types, audit_event::Column::SubjectType, "subjectTypes"),
            (&self.actors, audit_event::Column::ActorSub, "actors"),
            (&self.actions, audit_event::Column::Action, "actions"),
        ] {
            validate::list(values.as_deref(), field)?;
            if let Some(values) = values {
                select = select.filter(column.is_in(values.iter().cloned()));
            }
        }
        if let Some(since) = self.since {
            select = select.filter(audit_event::Column::At.gte(since));
        }
        Ok(select)
    }

    /// A page of actions across records, newest first.
    pub async fn page<C: ConnectionTrait>(&self, db: &C, args: &PageArgs) -> AppResult<Page<audit_event::Model>> {
        let window = Window::new(args, "audit/AT/DESC".into())?;
        let sort = Sort {
            key: Expr::col((audit_event::Entity, audit_event::Column::At)),
            id: audit_event::Column::Id,
            ascending: false,
            text: false,
        };
        page::fetch(db, self.select()?, sort, &window, |row| (SortValue::Time(row.at), row.id)).await
    }

    pub async fn count<C: ConnectionTrait>(&self, db: &C) -> AppResult<u64> {
        Ok(self.select()?.count(db).await?)
    }
}
