//! Contributors and reviewers hear back. Each workflow step of a practice writes its notifications in the step's own
//! transaction, so nothing is told of a step that rolled back:
//! - a submission tells the editors subscribed to one of the practice's objectives or regions, or every editor (the
//!   people who signed in as editors or admins) when none is; never the submitter;
//! - a change request, a publication or an archiving tells the practice's owner, with the reviewer's note and the
//!   rubric's comments.
//!
//! People are remembered from their last authenticated request ([`People::remember`]): role, `email` claim and
//! first `Accept-Language`, written only when they change. Each signed-in caller reads their own notifications and
//! marks them read.

use crate::domain::clock;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::content::review::Review;
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use hub_entity::enums::{MailStatus, NotificationEvent};
use hub_entity::{content, notification, person, region, review_subscription};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// What was last written of each person by this process: a repeat visit writes nothing.
pub struct People {
    written: moka::sync::Cache<String, (Role, Option<String>, Option<String>)>,
}

impl Default for People {
    fn default() -> Self {
        People::new()
    }
}

impl People {
    pub fn new() -> People {
        People { written: moka::sync::Cache::new(100_000) }
    }

    /// Remembers a signed-in caller's role, email and language, when they changed since this process last wrote
    /// them (at most once per person and process otherwise). A request without an email or a language keeps the
    /// ones remembered.
    pub async fn remember(&self, db: &DatabaseConnection, viewer: &Viewer, language: Option<String>) -> AppResult<()> {
        let Some(subject) = viewer.subject.clone().filter(|_| viewer.role > Role::Anonymous) else { return Ok(()) };
        let before = self.written.get(&subject);
        let now = (
            viewer.role,
            viewer.email.clone().or_else(|| before.as_ref().and_then(|b| b.1.clone())),
            language.clone().or_else(|| before.as_ref().and_then(|b| b.2.clone())),
        );
        if before.as_ref() == Some(&now) {
            return Ok(());
        }
        let row = person::ActiveModel {
            subject: Set(subject.clone()),
            role: Set(viewer.role.as_str().to_string()),
            email: Set(viewer.email.clone()),
            language: Set(language),
            seen_at: Set(clock::now()),
        };
        let upsert = OnConflict::column(person::Column::Subject)
            .update_columns([person::Column::Role, person::Column::SeenAt])
            .value(person::Column::Email, Expr::cust("COALESCE(excluded.email, people.email)"))
            .value(person::Column::Language, Expr::cust("COALESCE(excluded.language, people.language)"))
            .to_owned();
        person::Entity::insert(row).on_conflict(upsert).exec_without_returning(db).await?;
        self.written.insert(subject, now);
        Ok(())
    }
}

/// The owner, who hears of every step but their own submission (which editors hear of).
fn owner_told(row: &content::Model, event: NotificationEvent) -> Option<String> {
    match event {
        NotificationEvent::Submitted => None,
        _ => row.owner_sub.clone(),
    }
}

/// The note and the rubric's comments, as one message.
fn message(note: Option<&str>, review: Option<&Review>) -> Option<String> {
    let mut lines: Vec<String> = note.map(|note| vec![note.to_string()]).unwrap_or_default();
    for assessed in review.map(|review| review.rubric.as_slice()).unwrap_or_default() {
        if let Some(comment) = &assessed.comment {
            lines.push(format!("{:?} ({:?}): {comment}", assessed.criterion, assessed.assessment));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Writes the notifications of a workflow step on a practice, in the step's transaction.
pub async fn on_step<C: ConnectionTrait>(
    txn: &C,
    actor: &Viewer,
    row: &content::Model,
    event: NotificationEvent,
    note: Option<&str>,
    review: Option<&Review>,
) -> AppResult<()> {
    let recipients: Vec<String> = match owner_told(row, event) {
        Some(owner) => vec![owner],
        None => reviewers(txn, actor, row).await?,
    };
    let others = recipients.into_iter().filter(|recipient| actor.subject.as_ref() != Some(recipient));
    tell(txn, others, event, row, message(note, review).as_deref()).await
}

/// Writes one notification of `event` about `row` to each recipient, in the caller's transaction.
pub async fn tell<C: ConnectionTrait>(
    txn: &C,
    recipients: impl IntoIterator<Item = String>,
    event: NotificationEvent,
    row: &content::Model,
    message: Option<&str>,
) -> AppResult<()> {
    let now = clock::now();
    let rows: Vec<notification::ActiveModel> = recipients
        .into_iter()
        .map(|recipient| notification::ActiveModel {
            recipient: Set(recipient),
            event: Set(event),
            content_id: Set(row.id),
            title: Set(row.title.clone()),
            message: Set(message.map(str::to_string)),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        notification::Entity::insert_many(rows).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Who hears of a submission: the editors subscribed to one of its objectives or regions, or, when none is (the
/// submitter aside), every editor and admin the hub has seen.
async fn reviewers<C: ConnectionTrait>(txn: &C, actor: &Viewer, row: &content::Model) -> AppResult<Vec<String>> {
    let editors: Vec<String> = person::Entity::find()
        .filter(person::Column::Role.is_in([Role::Editor.as_str(), Role::Admin.as_str()]))
        .all(txn)
        .await?
        .into_iter()
        .map(|person| person.subject)
        .filter(|subject| actor.subject.as_ref() != Some(subject))
        .collect();
    let tags = crate::db::tags::tags(txn, &[row.id]).await?.remove(&row.id).unwrap_or_default();
    let matching = sea_orm::Condition::any()
        .add(review_subscription::Column::ObjectiveNumber.is_in(tags.objectives))
        .add(review_subscription::Column::RegionKey.is_in(tags.regions));
    let subscribed: std::collections::BTreeSet<String> = review_subscription::Entity::find()
        .filter(matching)
        .filter(review_subscription::Column::Subject.is_in(editors.iter().cloned()))
        .all(txn)
        .await?
        .into_iter()
        .map(|subscription| subscription.subject)
        .collect();
    Ok(if subscribed.is_empty() { editors } else { subscribed.into_iter().collect() })
}

/// An editor's subscriptions: the objectives and regions whose submissions they hear of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    pub objectives: Vec<i32>,
    pub regions: Vec<String>,
}

/// The caller's subscriptions (editors).
pub async fn subscriptions<C: ConnectionTrait>(db: &C, viewer: &Viewer) -> AppResult<Subscriptions> {
    viewer.require(Role::Editor)?;
    let mut found = Subscriptions::default();
    let rows = review_subscription::Entity::find()
        .filter(review_subscription::Column::Subject.eq(viewer.subject.clone().unwrap_or_default()))
        .all(db)
        .await?;
    for row in rows {
        found.objectives.extend(row.objective_number);
        found.regions.extend(row.region_key);
    }
    found.objectives.sort_unstable();
    found.regions.sort_unstable();
    Ok(found)
}

/// Replaces the caller's subscriptions (editors; their own state, so not audited). Empty lists: every submission.
pub async fn subscribe(db: &DatabaseConnection, viewer: &Viewer, wanted: Subscriptions) -> AppResult<Subscriptions> {
    viewer.require(Role::Editor)?;
    crate::domain::filter::list(Some(&wanted.objectives[..]), "objectives")?;
    crate::domain::filter::list(Some(&wanted.regions[..]), "regions")?;
    if let Some(bad) = wanted.objectives.iter().find(|n| !(1..=23).contains(*n)) {
        return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
    }
    crate::service::validate::exist::<region::Entity, _, _>(db, region::Column::Key, &wanted.regions, "regions")
        .await?;
    let subject = viewer.subject.clone().unwrap_or_default();
    let txn = crate::db::write_transaction(db).await?;
    review_subscription::Entity::delete_many()
        .filter(review_subscription::Column::Subject.eq(subject.clone()))
        .exec(&txn)
        .await?;
    let objectives: std::collections::BTreeSet<i32> = wanted.objectives.into_iter().collect();
    let regions: std::collections::BTreeSet<String> = wanted.regions.into_iter().collect();
    let rows: Vec<review_subscription::ActiveModel> = objectives
        .iter()
        .map(|n| (Some(*n), None))
        .chain(regions.iter().map(|key| (None, Some(key.clone()))))
        .map(|(objective, region)| review_subscription::ActiveModel {
            subject: Set(subject.clone()),
            objective_number: Set(objective),
            region_key: Set(region),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        review_subscription::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    }
    let now = subscriptions(&txn, viewer).await?;
    txn.commit().await?;
    Ok(now)
}

fn mine(viewer: &Viewer, unread: bool) -> AppResult<sea_orm::Condition> {
    viewer.require_signed_in()?;
    let mut condition =
        sea_orm::Condition::all().add(notification::Column::Recipient.eq(viewer.subject.clone().unwrap_or_default()));
    if unread {
        condition = condition.add(notification::Column::ReadAt.is_null());
    }
    Ok(condition)
}

/// The caller's notifications, newest first; only unread ones with `unread`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    unread: bool,
    args: &PageArgs,
) -> AppResult<Page<notification::Model>> {
    let condition = mine(viewer, unread)?;
    let window = Window::new(args, format!("notifications/{unread}"))?;
    let sort = Sort {
        key: Expr::col((notification::Entity, notification::Column::Id)),
        id: notification::Column::Id,
        ascending: false,
        text: false,
    };
    let select = notification::Entity::find().filter(condition);
    page::fetch(db, select, sort, &window, |row: &notification::Model| (SortValue::Position(row.id as u64), row.id))
        .await
}

/// The mail log (admins): every notification, newest first; only those in `status` when given.
pub async fn mail_log<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    status: Option<MailStatus>,
    args: &PageArgs,
) -> AppResult<Page<notification::Model>> {
    viewer.require(Role::Admin)?;
    let window = Window::new(args, format!("mail-log/{status:?}"))?;
    let sort = Sort {
        key: Expr::col((notification::Entity, notification::Column::Id)),
        id: notification::Column::Id,
        ascending: false,
        text: false,
    };
    let mut select = notification::Entity::find();
    if let Some(status) = status {
        select = select.filter(notification::Column::MailStatus.eq(status));
    }
    page::fetch(db, select, sort, &window, |row: &notification::Model| (SortValue::Position(row.id as u64), row.id))
        .await
}

pub async fn count_mail_log<C: ConnectionTrait>(db: &C, status: Option<MailStatus>) -> AppResult<u64> {
    let mut select = notification::Entity::find();
    if let Some(status) = status {
        select = select.filter(notification::Column::MailStatus.eq(status));
    }
    Ok(select.count(db).await?)
}

pub async fn count<C: ConnectionTrait>(db: &C, viewer: &Viewer, unread: bool) -> AppResult<u64> {
    Ok(notification::Entity::find().filter(mine(viewer, unread)?).count(db).await?)
}

/// Marks the caller's notifications read: those of `ids`, or all of them; how many were unread.
pub async fn mark_read(db: &DatabaseConnection, viewer: &Viewer, ids: Option<Vec<i64>>) -> AppResult<u64> {
    let mut condition = mine(viewer, true)?;
    if let Some(ids) = ids {
        if ids.len() > 250 {
            return Err(AppError::bad_input("ids", "at most 250 notifications at once"));
        }
        condition = condition.add(notification::Column::Id.is_in(ids));
    }
    let marked = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(clock::now()))
        .filter(condition)
        .exec(db)
        .await?;
    Ok(marked.rows_affected)
}

/// A notification whose mail is due, with what its mail needs.
#[derive(Debug, Clone)]
pub struct DueMail {
    pub notification: notification::Model,
    pub email: Option<String>,
    pub language: Option<String>,
    /// The record's page under the public URL (`practices/<slug>`, `calls/<slug>`), for its link.
    pub path: String,
}

/// Claims up to `limit` due mails until `lease_until`: each is claimed by comparing its due time as read, so that of
/// several instances exactly one sends it.
pub async fn claim_mail(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    lease_until: chrono::DateTime<chrono::Utc>,
    limit: u64,
) -> AppResult<Vec<DueMail>> {
    use sea_orm::{QueryOrder, QuerySelect};
    let due = notification::Entity::find()
        .filter(notification::Column::MailStatus.eq(MailStatus::Pending))
        .filter(
            sea_orm::Condition::any()
                .add(notification::Column::MailNextAt.is_null())
                .add(notification::Column::MailNextAt.lte(now)),
        )
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for row in due {
        let unchanged = match row.mail_next_at {
            Some(at) => notification::Column::MailNextAt.eq(at),
            None => notification::Column::MailNextAt.is_null(),
        };
        let won = notification::Entity::update_many()
            .col_expr(notification::Column::MailNextAt, Expr::value(lease_until))
            .filter(notification::Column::Id.eq(row.id))
            .filter(notification::Column::MailStatus.eq(MailStatus::Pending))
            .filter(unchanged)
            .exec(db)
            .await?;
        if won.rows_affected == 1 {
            claimed.push(row);
        }
    }
    let people: std::collections::HashMap<String, person::Model> = person::Entity::find()
        .filter(person::Column::Subject.is_in(claimed.iter().map(|row| row.recipient.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.subject.clone(), person))
        .collect();
    let paths: std::collections::HashMap<i64, String> = content::Entity::find()
        .filter(content::Column::Id.is_in(claimed.iter().map(|row| row.content_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, format!("{}/{}", crate::domain::kind::names(row.kind).path, row.slug)))
        .collect();
    Ok(claimed
        .into_iter()
        .map(|notification| {
            let person = people.get(&notification.recipient);
            DueMail {
                email: person.and_then(|person| person.email.clone()),
                language: person.and_then(|person| person.language.clone()),
                path: paths.get(&notification.content_id).cloned().unwrap_or_default(),
                notification,
            }
        })
        .collect())
}

/// How a mail attempt ended.
pub enum MailOutcome {
    Sent,
    NoAddress,
    Failed(String),
}

/// Records how a claimed mail's attempt ended: sent, no address, or failed (retried with backoff until
/// `retry_window` after the notification, then `FAILED`).
pub async fn record_mail(
    db: &DatabaseConnection,
    mail: &notification::Model,
    outcome: MailOutcome,
    retry_base: std::time::Duration,
    retry_window: std::time::Duration,
) -> AppResult<()> {
    let now = clock::now();
    let attempts = mail.mail_attempts + 1;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::MailAttempts, Expr::value(attempts))
        .filter(notification::Column::Id.eq(mail.id));
    update = match outcome {
        MailOutcome::Sent => update
            .col_expr(notification::Column::MailStatus, Expr::value(MailStatus::Sent))
            .col_expr(notification::Column::MailedAt, Expr::value(now))
            .col_expr(notification::Column::MailError, Expr::value(Option::<String>::None)),
        MailOutcome::NoAddress => update.col_expr(notification::Column::MailStatus, Expr::value(MailStatus::NoAddress)),
        MailOutcome::Failed(error) => {
            let window = chrono::TimeDelta::from_std(retry_window).unwrap_or(chrono::TimeDelta::days(1));
            let given_up = now - mail.created_at > window;
            let status = if given_up { MailStatus::Failed } else { MailStatus::Pending };
            update
                .col_expr(notification::Column::MailStatus, Expr::value(status))
                .col_expr(notification::Column::MailError, Expr::value(error))
                .col_expr(
                    notification::Column::MailNextAt,
                    Expr::value(now + crate::service::webhooks::backoff(retry_base, attempts)),
                )
        }
    };
    update.exec(db).await?;
    Ok(())
}
