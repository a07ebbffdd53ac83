//! The audit trail: every editor and admin action, and every workflow transition, recorded in the same transaction.

use crate::domain::clock;
use crate::domain::kind::RecordType;
use crate::domain::viewer::Viewer;
use crate::error::AppResult;
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use crate::service::validate;
use chrono::{DateTime, Utc};
use hub_entity::audit_event;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select, Set};

/// The record an action was on: by numeric id (content, organizations, reviews, submissions) or by key (themes,
/// principles, regions, countries, objectives).
#[derive(Debug, Clone)]
pub enum Subject {
    Id(RecordType, i64),
    Key(RecordType, String),
}

impl Subject {
    fn record_type(&self) -> RecordType {
        match self {
            Subject::Id(record, _) | Subject::Key(record, _) => *record,
        }
    }
}

/// What was done. Stored with the subject's word in front: `practice.publish`, `country.set_champion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Create,
    Update,
    Delete,
    Submit,
    RequestChanges,
    Publish,
    Archive,
    /// A call for practices closed before its deadline.
    Close,
    /// An admin's permanent removal of a record in any status.
    TakeDown,
    SetChampion,
    /// A webhook's new signing secret.
    RotateSecret,
    /// A webhook delivery sent again.
    Redeliver,
    /// A webhook disabled by the hub (its deliveries kept failing).
    Disable,
}

impl Verb {
    fn as_str(self) -> &'static str {
        match self {
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Delete => "delete",
            Verb::Submit => "submit",
            Verb::RequestChanges => "request_changes",
            Verb::Publish => "publish",
            Verb::Archive => "archive",
            Verb::Close => "close",
            Verb::TakeDown => "take_down",
            Verb::SetChampion => "set_champion",
            Verb::RotateSecret => "rotate_secret",
            Verb::Redeliver => "redeliver",
            Verb::Disable => "disable",
        }
    }
}

/// The stored action of `verb` on a record of type `record`, e.g. `guidance_tool.publish`.
pub fn action(record: RecordType, verb: Verb) -> String {
    format!("{}.{}", record.word(), verb.as_str())
}

/// Records one action by `viewer` on a record.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    verb: Verb,
    subject: Subject,
    note: Option<String>,
) -> AppResult<()> {
    let record_type = subject.record_type();
    let (subject_id, subject_key) = match subject {
        Subject::Id(_, id) => (id, None),
        Subject::Key(_, key) => (0, Some(key)),
    };
    audit_event::ActiveModel {
        at: Set(clock::now()),
        actor_sub: Set(viewer.subject.clone().unwrap_or_default()),
        actor_role: Set(viewer.role.as_str().into()),
        action: Set(action(record_type, verb)),
        subject_type: Set(record_type.name().into()),
        subject_id: Set(subject_id),
        subject_key: Set(subject_key),
        note: Set(note),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // What editors and admins change is public, or may be (reference lists, reviews, champions, organizations).
    crate::service::epoch::bump(db).await
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
        page::fetch(db, self.select()?, sort, &window, |row: &audit_event::Model| (SortValue::Time(row.at), row.id))
            .await
    }

    pub async fn count<C: ConnectionTrait>(&self, db: &C) -> AppResult<u64> {
        Ok(self.select()?.count(db).await?)
    }
}
