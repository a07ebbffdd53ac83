//! Each signed-in caller's notifications: what happened to their practices (sent back, published, archived), and,
//! for editors, practices submitted for review. Read here; mailed by the mail worker.

use super::connection::{Connection, Counter};
use super::enums::{MailStatus, NotificationEvent};
use super::{db, id, request};
use crate::domain::kind::RecordType;
use crate::service::notifications;
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::enums::ContentKind;
use hub_entity::notification;
use std::sync::Arc;

/// Something that happened to a practice, told to one person.
#[derive(SimpleObject, Clone)]
pub struct Notification {
    pub id: ID,
    pub event: NotificationEvent,
    /// The practice it is about (read it with `node` or `nodes`).
    pub record_id: ID,
    /// The practice's title when it happened.
    pub title: String,
    /// The reviewer's note and the rubric's comments.
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    /// Its mail: `PENDING` until sent (and while no SMTP server is configured), `SENT`, `FAILED` after the retry
    /// window, `NO_ADDRESS` when the recipient's token carried no email.
    pub mail_status: MailStatus,
    pub mail_attempts: i32,
    /// The last failure, while retried or once given up.
    pub mail_error: Option<String>,
    pub mailed_at: Option<DateTime<Utc>>,
}

/// A notification in the mail log, with whom it is for (admins).
#[derive(SimpleObject, Clone)]
pub struct LoggedMail {
    /// The recipient's token subject.
    pub recipient: String,
    #[graphql(flatten)]
    pub notification: Notification,
}

impl From<notification::Model> for LoggedMail {
    fn from(row: notification::Model) -> Self {
        LoggedMail { recipient: row.recipient.clone(), notification: row.into() }
    }
}

/// The kind of record a notification is about: the call for a closed call, the practice otherwise.
fn about(event: hub_entity::enums::NotificationEvent) -> ContentKind {
    match event {
        hub_entity::enums::NotificationEvent::CallClosed => ContentKind::CallForPractices,
        _ => ContentKind::Practice,
    }
}

impl From<notification::Model> for Notification {
    fn from(row: notification::Model) -> Self {
        Notification {
            id: id::encode(RecordType::Notification, row.id),
            event: row.event.into(),
            record_id: id::encode(RecordType::Content(about(row.event)), row.content_id),
            title: row.title,
            message: row.message,
            created_at: row.created_at,
            read_at: row.read_at,
            mail_status: row.mail_status.into(),
            mail_attempts: row.mail_attempts,
            mail_error: row.mail_error,
            mailed_at: row.mailed_at,
        }
    }
}

#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    /// The caller's notifications, newest first; only the unread ones with `unread: true` (signed-in callers).
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        unread: Option<bool>,
    ) -> async_graphql::Result<Connection<Notification>> {
        let unread = unread.unwrap_or(false);
        let db = db(ctx)?.clone();
        let viewer = request(ctx)?.viewer.clone();
        let args = PageArgs { first, after, last: None, before: None };
        let page = notifications::page(&db, &viewer, unread, &args).await?;
        let counter: Counter = Arc::new(move || {
            let (db, viewer) = (db.clone(), viewer.clone());
            Box::pin(async move { notifications::count(&db, &viewer, unread).await })
        });
        Ok(Connection::new(page, Notification::from, counter))
    }

    /// The objectives and regions whose submissions the caller hears of (editors). Empty lists: every submission.
    async fn review_subscriptions(&self, ctx: &Context<'_>) -> async_graphql::Result<ReviewSubscriptions> {
        Ok(notifications::subscriptions(db(ctx)?, &request(ctx)?.viewer).await?.into())
    }

    /// Every notification's mail, newest first; only those in `status` when given (admins).
    async fn mail_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<MailStatus>,
    ) -> async_graphql::Result<Connection<LoggedMail>> {
        let db = db(ctx)?.clone();
        let status = status.map(Into::into);
        let args = PageArgs { first, after, last: None, before: None };
        let page = notifications::mail_log(&db, &request(ctx)?.viewer, status, &args).await?;
        let counter: Counter = Arc::new(move || {
            let db = db.clone();
            Box::pin(async move { notifications::count_mail_log(&db, status).await })
        });
        Ok(Connection::new(page, LoggedMail::from, counter))
    }
}

/// What an editor hears of when practices are submitted: those on these objectives or in these regions. When no
/// editor's subscriptions match a submission, every editor hears of it.
#[derive(SimpleObject)]
pub struct ReviewSubscriptions {
    /// Objective numbers.
    pub objectives: Vec<i32>,
    /// Region keys.
    pub regions: Vec<String>,
}

impl From<notifications::Subscriptions> for ReviewSubscriptions {
    fn from(found: notifications::Subscriptions) -> Self {
        ReviewSubscriptions { objectives: found.objectives, regions: found.regions }
    }
}

/// How many notifications were marked read.
#[derive(SimpleObject)]
pub struct MarkReadPayload {
    pub marked: u64,
}

#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks the caller's notifications read: those of `ids` (at most 250), or all of them without `ids`.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Option<Vec<ID>>,
    ) -> async_graphql::Result<MarkReadPayload> {
        let ids = ids
            .map(|ids| ids.iter().map(|given| id::decode_as(given, RecordType::Notification, "ids")).collect())
            .transpose()?;
        let marked = notifications::mark_read(db(ctx)?, &request(ctx)?.viewer, ids).await?;
        Ok(MarkReadPayload { marked })
    }

    /// Sets the objectives and regions whose submissions the caller hears of, replacing the old ones (editors; their
    /// own state, not audited). Empty lists: every submission.
    async fn set_review_subscriptions(
        &self,
        ctx: &Context<'_>,
        objectives: Vec<i32>,
        regions: Vec<String>,
    ) -> async_graphql::Result<ReviewSubscriptions> {
        let wanted = notifications::Subscriptions { objectives, regions };
        Ok(notifications::subscribe(db(ctx)?, &request(ctx)?.viewer, wanted).await?.into())
    }
}
