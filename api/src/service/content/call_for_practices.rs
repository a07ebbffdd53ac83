//! A call for practices (editors write calls): its description, dates, criteria and contact, the phase derived from
//! its dates (never stored), closing a call early, and telling the contributors who answered a call once it closes.
//!
//! A call takes answers from `opensOn` to the end of `deadline` in its time zone (UTC unless set). A practice names
//! the call it answers; submitting an answer to a call that is not open is `INVALID_TRANSITION` (checked by
//! [`require_open`] in the workflow), while editors may still publish answers after the deadline.

use crate::domain::clock;
use crate::domain::kind::{RecordType, names};
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::content::editing::{CommonFields, Details};
use crate::service::notifications;
use crate::service::page::{self, Page};
use chrono::{DateTime, Datelike, NaiveDate as Date, TimeZone, Utc};
use hub_entity::enums::{ContentKind, NotificationEvent, Status};
use hub_entity::{call_for_practices as call, content, practice};
use sea_orm::sea_query::ExprTrait as _;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// A call's own columns, declared once (the grammar is in `service::content::own`).
#[macro_export]
macro_rules! call_for_practices_own {
    ($expand:ident) => {
        $crate::$expand! {
            CallOwn, CallForPracticesDetails, CallForPracticesOwnInput, call_for_practices
                [closed_at, closing_announced_at];
            /// What the call asks for and why (required on create).
            description: String = (String::new()) [required, text(10, 20000)],
            /// The first day answers are taken (required on create).
            opens_on: Date = (Date::default()) [required],
            /// The last day answers are taken, to the end of that day in `timeZone` (required on create).
            deadline: Date = (Date::default()) [required],
            /// The IANA time zone of `opensOn` and `deadline`, e.g. `Europe/Zurich`; `UTC` unless set.
            time_zone: String = (String::from("UTC")) [text(1, 64)],
            /// What an answer must show.
            criteria: String = null [text(0, 20000)],
            /// Whom to ask: an address or a name.
            contact: String = null [text(1, 300)],
        }
    };
}

crate::call_for_practices_own!(service_own);

/// Where a call stands, from its dates (and an early close); never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before `opensOn`.
    Upcoming,
    /// From `opensOn` to the end of `deadline`, unless closed early.
    Open,
    /// After the deadline, or closed early by an editor.
    Closed,
}

/// The moment a day starts in a time zone (stored zones were checked; an unknown one counts as UTC).
fn start_of(day: Date, zone: &str) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match zone.parse::<chrono_tz::Tz>() {
        // A day that starts in a gap (a clock change at midnight) starts at the earliest time that exists.
        Ok(tz) => tz.from_local_datetime(&midnight).earliest().map_or_else(|| midnight.and_utc(), |t| t.to_utc()),
        Err(_) => midnight.and_utc(),
    }
}

/// When a call stops taking answers: the end of its deadline day in its time zone, or its early close.
pub fn closes_at(row: &call::Model) -> DateTime<Utc> {
    let end = start_of(row.deadline.succ_opt().unwrap_or(row.deadline), &row.time_zone);
    row.closed_at.map_or(end, |closed| Ord::min(closed, end))
}

/// Where the call stands at `now`.
pub fn phase(row: &call::Model, now: DateTime<Utc>) -> Phase {
    if now >= closes_at(row) {
        Phase::Closed
    } else if now < start_of(row.opens_on, &row.time_zone) {
        Phase::Upcoming
    } else {
        Phase::Open
    }
}

/// How the deadline reads in messages: `31 July 2024 (end of day, UTC)`.
pub fn deadline_text(row: &call::Model) -> String {
    format!("{} (end of day, {})", row.deadline.format("%-d %B %Y"), row.time_zone)
}

/// The editable fields of a call; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct CallFields {
    pub common: CommonFields,
    pub own: CallOwn,
}

fn check_dates(opens_on: Date, deadline: Date) -> AppResult<()> {
    if deadline < opens_on {
        return Err(AppError::bad_input("deadline", "`deadline` is before `opensOn`"));
    }
    Ok(())
}

impl Details for CallFields {
    const KIND: ContentKind = ContentKind::CallForPractices;
    const AUTHOR: Role = Role::Editor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        self.own.deadline.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        if let Some(zone) = &self.own.time_zone
            && zone.trim().parse::<chrono_tz::Tz>().is_err()
        {
            let message = format!("`{zone}` is not an IANA time zone (such as `UTC` or `Europe/Zurich`)");
            return Err(AppError::bad_input("timeZone", message));
        }
        if let (Some(opens_on), Some(deadline)) = (self.own.opens_on, self.own.deadline) {
            check_dates(opens_on, deadline)?;
        }
        Ok(())
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let mut row = self.own.new_row(id);
        row.time_zone = Set(self.own.time_zone.as_deref().map_or("UTC", str::trim).to_string());
        row.insert(txn).await?;
        Ok(())
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current = call::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("call for practices"))?;
        check_dates(self.own.opens_on.unwrap_or(current.opens_on), self.own.deadline.unwrap_or(current.deadline))?;
        let mut detail: call::ActiveModel = current.into();
        self.own.apply(&mut detail);
        if let Some(zone) = &self.own.time_zone {
            detail.time_zone = Set(zone.trim().to_string());
        }
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        Ok(())
    }
}

/// The call of an id, with its shared row; `NOT_FOUND` unless it is a call.
async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<(content::Model, call::Model)> {
    let not_found = || AppError::NotFound(names(ContentKind::CallForPractices).label);
    let shared = content::Entity::find_by_id(id)
        .filter(content::Column::Kind.eq(ContentKind::CallForPractices))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let own = call::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
    Ok((shared, own))
}

/// The titles of the published calls of these slugs, as `(slug, title)` (the `call` facet's labels).
pub async fn titles<C: ConnectionTrait>(db: &C, slugs: Vec<String>) -> AppResult<Vec<(String, String)>> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(content::Entity::find()
        .select_only()
        .columns([content::Column::Slug, content::Column::Title])
        .filter(content::Column::Kind.eq(ContentKind::CallForPractices))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(content::Column::Slug.is_in(slugs))
        .into_tuple()
        .all(db)
        .await?)
}

/// Checks that a practice names a published call (contributors may only answer calls the public can see).
pub async fn check_answerable<C: ConnectionTrait>(db: &C, call_id: i64) -> AppResult<()> {
    match find(db, call_id).await {
        Ok((shared, _)) if shared.status == Status::Published => Ok(()),
        _ => Err(AppError::bad_input("call", "`call` names no published call for practices")),
    }
}

/// Refuses to submit an answer to a call that is not open (`INVALID_TRANSITION`, naming the dates).
pub async fn require_open<C: ConnectionTrait>(db: &C, practice_id: i64) -> AppResult<()> {
    let call_id = practice::Entity::find_by_id(practice_id).one(db).await?.and_then(|own| own.call_id);
    let Some(call_id) = call_id else { return Ok(()) };
    let (shared, own) = find(db, call_id).await?;
    match phase(&own, clock::now()) {
        Phase::Open => Ok(()),
        Phase::Upcoming => Err(AppError::InvalidTransition(format!(
            "the call for practices “{}” opens on {}; answers are taken until {}",
            shared.title,
            own.opens_on.format("%-d %B %Y"),
            deadline_text(&own)
        ))),
        Phase::Closed => Err(AppError::InvalidTransition(format!(
            "the call for practices “{}” closed (its deadline was {}); it takes no more answers",
            shared.title,
            deadline_text(&own)
        ))),
    }
}

/// Closes an open or upcoming call now, before its deadline (editors; audited), and tells its contributors.
pub async fn close_early(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<content::Model> {
    viewer.require(Role::Editor)?;
    let txn = crate::db::write_transaction(db).await?;
    let (shared, own) = find(&txn, id).await?;
    let now = clock::now();
    if phase(&own, now) == Phase::Closed {
        let message = format!("the call for practices “{}” is already closed", shared.title);
        return Err(AppError::InvalidTransition(message));
    }
    let closed = call::Entity::update_many()
        .col_expr(call::Column::ClosedAt, Expr::value(now))
        .filter(call::Column::ContentId.eq(id))
        .filter(call::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    if closed.rows_affected != 1 {
        return Err(AppError::InvalidTransition("the call for practices was closed meanwhile".into()));
    }
    let subject = Subject::Id(RecordType::Content(ContentKind::CallForPractices), id);
    let note = format!("closed before its deadline of {}", deadline_text(&own));
    audit::record(&txn, viewer, Verb::Close, subject, Some(note)).await?;
    announce(&txn, &shared, now).await?;
    let row = crate::service::content::editing::reread(&txn, ContentKind::CallForPractices, id).await?;
    txn.commit().await?;
    Ok(row)
}

/// Tells the owners of a closed call's answers that it closed (once per call: the call is marked in the same
/// transaction). Answers that are still drafts are included: their owners learn they can no longer submit them.
async fn announce<C: ConnectionTrait>(txn: &C, call_row: &content::Model, now: DateTime<Utc>) -> AppResult<()> {
    let marked = call::Entity::update_many()
        .col_expr(call::Column::ClosingAnnouncedAt, Expr::value(now))
        .filter(call::Column::ContentId.eq(call_row.id))
        .filter(call::Column::ClosingAnnouncedAt.is_null())
        .exec(txn)
        .await?;
    if marked.rows_affected == 0 || call_row.status != Status::Published {
        return Ok(());
    }
    let answers = Query::select()
        .column(practice::Column::ContentId)
        .from(practice::Entity)
        .and_where(practice::Column::CallId.eq(call_row.id))
        .to_owned();
    let owners: Vec<Option<String>> = content::Entity::find()
        .select_only()
        .column(content::Column::OwnerSub)
        .filter(content::Column::Id.in_subquery(answers))
        .distinct()
        .into_tuple()
        .all(txn)
        .await?;
    let recipients: Vec<String> = owners.into_iter().flatten().collect();
    notifications::tell(txn, recipients, NotificationEvent::CallClosed, call_row, None).await
}

/// Marks a call that is already closed as announced, so that nobody is told of it (records brought in with their
/// history, such as the demo's past calls).
pub async fn mark_announced_if_closed<C: ConnectionTrait>(db: &C, call_id: i64) -> AppResult<()> {
    let (_, own) = find(db, call_id).await?;
    if phase(&own, clock::now()) == Phase::Closed {
        call::Entity::update_many()
            .col_expr(call::Column::ClosingAnnouncedAt, Expr::value(closes_at(&own)))
            .filter(call::Column::ContentId.eq(call_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Tells the contributors of every published call that has closed since it was last looked at (the scheduler runs
/// it every minute; `now` is a parameter so that tests can move time). Answers how many calls were announced.
pub async fn announce_closed(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let pending = call::Entity::find()
        .filter(call::Column::ClosingAnnouncedAt.is_null())
        .filter(call::Column::OpensOn.lte(now.date_naive()))
        .order_by_asc(call::Column::ContentId)
        .all(db)
        .await?;
    let mut announced = 0;
    for own in pending.into_iter().filter(|own| phase(own, now) == Phase::Closed) {
        let txn = crate::db::write_transaction(db).await?;
        let (shared, _) = find(&txn, own.content_id).await?;
        if shared.status == Status::Published {
            announce(&txn, &shared, now).await?;
            announced += 1;
        }
        txn.commit().await?;
    }
    Ok(announced)
}

fn published_practices() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(content::Column::Id)
        .from(content::Entity)
        .and_where(content::Column::Kind.eq(ContentKind::Practice))
        .and_where(content::Column::Status.eq(Status::Published))
        .to_owned()
}

/// How many published practices answer each of these calls (calls with none are left out).
pub async fn answer_counts<C: ConnectionTrait>(db: &C, calls: &[i64]) -> AppResult<HashMap<i64, u64>> {
    let counts: Vec<(Option<i64>, i64)> = practice::Entity::find()
        .select_only()
        .column(practice::Column::CallId)
        .column_as(Expr::col(practice::Column::ContentId).count(), "answers")
        .filter(practice::Column::CallId.is_in(calls.iter().copied()))
        .filter(practice::Column::ContentId.in_subquery(published_practices()))
        .group_by(practice::Column::CallId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts.into_iter().filter_map(|(call, n)| Some((call?, u64::try_from(n).unwrap_or_default()))).collect())
}

/// One page of the calls the viewer may read, newest deadline first (then newest record), only those in `phase`
/// when given. Calls are few (a handful a year), so the phase, derived from dates in each call's time zone, is
/// worked out here rather than in SQL; the answer also says how many calls the whole list holds.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    phase_wanted: Option<Phase>,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<(Page<content::Model>, u64)> {
    let shared = content::Entity::find()
        .filter(content::Column::Kind.eq(ContentKind::CallForPractices))
        .filter(viewer.visible_content())
        .all(db)
        .await?;
    let mut own: HashMap<i64, call::Model> = call::Entity::find()
        .filter(call::Column::ContentId.is_in(shared.iter().map(|row| row.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.content_id, row))
        .collect();
    let now = clock::now();
    let mut calls: Vec<(call::Model, content::Model)> = shared
        .into_iter()
        .filter_map(|row| Some((own.remove(&row.id)?, row)))
        .filter(|(own, _)| phase_wanted.is_none_or(|wanted| phase(own, now) == wanted))
        .collect();
    calls.sort_by(|(a, a_row), (b, b_row)| b.deadline.cmp(&a.deadline).then(b_row.id.cmp(&a_row.id)));
    page::in_memory(calls.into_iter().map(|(_, row)| row).collect(), |row| row.id, "callsForPractices", first, after)
}
