//! Webhooks: endpoints admins register to receive the public changes, and the durable queue of their deliveries.
//! Deliveries are queued from the change feed (one log of changes): each endpoint remembers the feed position it
//! has queued up to, so a change is queued once per endpoint whatever happens to the server. The delivery worker
//! (`jobs::webhooks`) claims due deliveries with a lease, at most a few per endpoint and only the oldest pending one
//! per record (so a record's deliveries arrive in order), and reports each outcome here: delivered, retried later
//! with exponential backoff and jitter, or, past the retry window, failed for good with the endpoint disabled and an
//! audit event recorded.

use crate::domain::address;
use crate::domain::clock;
use crate::domain::kind::RecordType;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use chrono::{DateTime, TimeDelta, Utc};
use hub_entity::enums::{ChangeKind, ContentKind, DeliveryStatus};
use hub_entity::{public_change, webhook, webhook_delivery};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

/// The advisory lock the queueing step takes (PostgreSQL), so two instances never queue one change twice.
const QUEUE_LOCK: i64 = 0x4855_425f_5748_4b51;
/// Changes read per endpoint per queueing pass.
const QUEUE_BATCH: u64 = 500;
/// The longest wait between two attempts.
const MAX_BACKOFF: TimeDelta = TimeDelta::hours(1);
/// The longest last error kept.
const MAX_ERROR: usize = 500;

/// An endpoint's settings, as admins give them.
#[derive(Debug, Clone, Default)]
pub struct WebhookInput {
    pub url: Option<String>,
    /// `Some(empty)` or `None` on create: every type.
    pub types: Option<Vec<ContentKind>>,
    pub events: Option<Vec<ChangeKind>>,
    pub enabled: Option<bool>,
}

/// A new signing secret in the Standard Webhooks form, `whsec_` and 32 random bytes in base64.
fn new_secret() -> String {
    use base64::Engine as _;
    use rand::RngCore as _;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// An endpoint URL: http or https, a host, no credentials; the host must pass the hub's URL rule
/// ([`address::host_problem`]: no empty labels, not this machine, an address literal globally reachable) unless
/// private networks are allowed. Names are checked again after DNS resolution, at every delivery.
fn checked_url(url: &str, allow_private: bool) -> AppResult<String> {
    let bad = |why: &str| AppError::bad_input("url", format!("`url` {why}"));
    if url.len() > 2048 {
        return Err(bad("takes at most 2048 characters"));
    }
    let parsed = url::Url::parse(url.trim()).map_err(|_| bad("is not a URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("must be http or https"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(bad("must not hold credentials (verify the signature instead)"));
    }
    match address::host_problem(&parsed) {
        Some(address::HostProblem::NotPublic(_)) if allow_private => {}
        Some(problem) => return Err(bad(problem.message())),
        None => {}
    }
    Ok(parsed.to_string())
}

/// A list of stored enum values as the endpoint keeps it: comma-separated, as the values are stored in their own
/// columns (`PRACTICE`, `DELETED`); `None` (everything) for no list or an empty one.
fn joined<T: ActiveEnum<Value = String> + Copy>(values: Option<&[T]>) -> Option<String> {
    values
        .filter(|values| !values.is_empty())
        .map(|values| values.iter().map(|v| v.to_value()).collect::<Vec<_>>().join(","))
}

/// The values of a list `joined` wrote (`None`: everything).
fn split<T: ActiveEnum<Value = String>>(list: Option<&String>) -> Option<Vec<T>> {
    list.map(|list| list.split(',').filter_map(|value| T::try_from_value(&value.to_string()).ok()).collect())
}

/// The content types an endpoint receives (`None`: all).
pub fn types_of(webhook: &webhook::Model) -> Option<Vec<ContentKind>> {
    split(webhook.types.as_ref())
}

/// The change kinds an endpoint receives (`None`: all).
pub fn events_of(webhook: &webhook::Model) -> Option<Vec<ChangeKind>> {
    split(webhook.events.as_ref())
}

/// The event type of a change, as payloads name it.
pub fn event_type(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Published => "content.published",
        ChangeKind::Updated => "content.updated",
        ChangeKind::Unpublished => "content.unpublished",
        ChangeKind::Deleted => "content.deleted",
    }
}

async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<webhook::Model> {
    webhook::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound("webhook"))
}

/// Registers an endpoint (admins). It receives the changes made from now on. Returns it and its secret, which is
/// shown this once.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: WebhookInput,
    allow_private: bool,
) -> AppResult<(webhook::Model, String)> {
    viewer.require(Role::Admin)?;
    let url = checked_url(input.url.as_deref().unwrap_or_default(), allow_private)?;
    let txn = crate::db::write_transaction(db).await?;
    let head = public_change::Entity::find().order_by_desc(public_change::Column::Id).one(&txn).await?;
    let secret = new_secret();
    let now = clock::now();
    let created = webhook::ActiveModel {
        url: Set(url),
        secret: Set(secret.clone()),
        types: Set(joined(input.types.as_deref())),
        events: Set(joined(input.events.as_deref())),
        enabled: Set(input.enabled.unwrap_or(true)),
        disabled_reason: Set(None),
        position: Set(head.map_or(0, |change| change.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, viewer, Verb::Create, Subject::Id(RecordType::Webhook, created.id), Some(created.url.clone()))
        .await?;
    txn.commit().await?;
    Ok((created, secret))
}

/// Changes an endpoint's settings (admins); enabling it again clears why it was disabled.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    input: WebhookInput,
    allow_private: bool,
) -> AppResult<webhook::Model> {
    viewer.require(Role::Admin)?;
    let txn = crate::db::write_transaction(db).await?;
    let mut row: webhook::ActiveModel = find(&txn, id).await?.into();
    if let Some(url) = &input.url {
        row.url = Set(checked_url(url, allow_private)?);
    }
    if let Some(types) = &input.types {
        row.types = Set(joined(Some(types)));
    }
    if let Some(events) = &input.events {
        row.events = Set(joined(Some(events)));
    }
    if let Some(enabled) = input.enabled {
        row.enabled = Set(enabled);
        if enabled {
            row.disabled_reason = Set(None);
        }
    }
    row.updated_at = Set(clock::now());
    let updated = row.update(&txn).await?;
    audit::record(&txn, viewer, Verb::Update, Subject::Id(RecordType::Webhook, id), None).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Gives an endpoint a new secret (admins), shown this once; deliveries are signed with it from now on.
pub async fn rotate_secret(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<(webhook::Model, String)> {
    viewer.require(Role::Admin)?;
    let txn = crate::db::write_transaction(db).await?;
    let mut row: webhook::ActiveModel = find(&txn, id).await?.into();
    let secret = new_secret();
    row.secret = Set(secret.clone());
    row.updated_at = Set(clock::now());
    let updated = row.update(&txn).await?;
    audit::record(&txn, viewer, Verb::RotateSecret, Subject::Id(RecordType::Webhook, id), None).await?;
    txn.commit().await?;
    Ok((updated, secret))
}

/// Removes an endpoint and its deliveries (admins).
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<i64> {
    viewer.require(Role::Admin)?;
    let txn = crate::db::write_transaction(db).await?;
    let row = find(&txn, id).await?;
    webhook_delivery::Entity::delete_many().filter(webhook_delivery::Column::WebhookId.eq(id)).exec(&txn).await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, viewer, Verb::Delete, Subject::Id(RecordType::Webhook, id), Some(row.url)).await?;
    txn.commit().await?;
    Ok(id)
}

/// A page of endpoints, oldest first (admins).
pub async fn page<C: ConnectionTrait>(db: &C, viewer: &Viewer, args: &PageArgs) -> AppResult<Page<webhook::Model>> {
    viewer.require(Role::Admin)?;
    let window = Window::new(args, "webhooks".into())?;
    let sort = Sort {
        key: Expr::col((webhook::Entity, webhook::Column::Id)),
        id: webhook::Column::Id,
        ascending: true,
        text: false,
    };
    page::fetch(db, webhook::Entity::find(), sort, &window, |row: &webhook::Model| {
        (SortValue::Position(row.id as u64), row.id)
    })
    .await
}

pub async fn count<C: ConnectionTrait>(db: &C) -> AppResult<u64> {
    Ok(webhook::Entity::find().count(db).await?)
}

/// A page of an endpoint's deliveries, newest first (admins).
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    webhook_id: i64,
    args: &PageArgs,
) -> AppResult<Page<webhook_delivery::Model>> {
    viewer.require(Role::Admin)?;
    let window = Window::new(args, format!("webhooks/{webhook_id}/deliveries"))?;
    let sort = Sort {
        key: Expr::col((webhook_delivery::Entity, webhook_delivery::Column::Id)),
        id: webhook_delivery::Column::Id,
        ascending: false,
        text: false,
    };
    let select = webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id));
    page::fetch(db, select, sort, &window, |row: &webhook_delivery::Model| (SortValue::Position(row.id as u64), row.id))
        .await
}

pub async fn count_deliveries<C: ConnectionTrait>(db: &C, webhook_id: i64) -> AppResult<u64> {
    Ok(webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id)).count(db).await?)
}

/// Sends a delivery again (admins): it is pending now, with a fresh retry window.
pub async fn redeliver(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<webhook_delivery::Model> {
    viewer.require(Role::Admin)?;
    let txn = crate::db::write_transaction(db).await?;
    let row =
        webhook_delivery::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("webhook delivery"))?;
    let now = clock::now();
    let mut active: webhook_delivery::ActiveModel = row.into();
    active.status = Set(DeliveryStatus::Pending);
    active.next_attempt_at = Set(now);
    active.created_at = Set(now);
    active.delivered_at = Set(None);
    let updated = active.update(&txn).await?;
    audit::record(&txn, viewer, Verb::Redeliver, Subject::Id(RecordType::WebhookDelivery, id), None).await?;
    txn.commit().await?;
    Ok(updated)
}

/// What a queueing pass found: the enabled endpoints, and the deliveries it queued for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    pub endpoints: usize,
    pub deliveries: usize,
}

/// Queues the changes each enabled endpoint has not queued yet (those it receives), in one transaction per
/// endpoint that is behind the feed's head (the others cost nothing: the worker calls this several times a second).
pub async fn queue(db: &DatabaseConnection) -> AppResult<Queued> {
    let endpoints = webhook::Entity::find().filter(webhook::Column::Enabled.eq(true)).all(db).await?;
    let mut queued = Queued { endpoints: endpoints.len(), deliveries: 0 };
    if endpoints.is_empty() {
        return Ok(queued);
    }
    let head = public_change::Entity::find().order_by_desc(public_change::Column::Id).one(db).await?;
    let head = head.map_or(0, |change| change.id);
    for endpoint in endpoints.into_iter().filter(|endpoint| endpoint.position < head) {
        let txn = db.begin().await?;
        crate::db::lock_until_commit(&txn, QUEUE_LOCK).await?;
        // Read again under the lock: another instance may have moved it on.
        let endpoint = find(&txn, endpoint.id).await?;
        let changes = public_change::Entity::find()
            .filter(public_change::Column::Id.gt(endpoint.position))
            .order_by_asc(public_change::Column::Id)
            .limit(QUEUE_BATCH)
            .all(&txn)
            .await?;
        let Some(last) = changes.last().map(|change| change.id) else { continue };
        let (types, events) = (types_of(&endpoint), events_of(&endpoint));
        let now = clock::now();
        let rows: Vec<webhook_delivery::ActiveModel> = changes
            .iter()
            .filter(|c| types.as_ref().is_none_or(|types| types.contains(&c.content_kind)))
            .filter(|c| events.as_ref().is_none_or(|events| events.contains(&c.kind)))
            .map(|change| webhook_delivery::ActiveModel {
                webhook_id: Set(endpoint.id),
                change_id: Set(change.id),
                content_id: Set(change.content_id),
                event: Set(event_type(change.kind).to_string()),
                payload: Set(payload(change)),
                status: Set(DeliveryStatus::Pending),
                attempts: Set(0),
                next_attempt_at: Set(now),
                last_status: Set(None),
                last_error: Set(None),
                created_at: Set(now),
                delivered_at: Set(None),
                ..Default::default()
            })
            .collect();
        queued.deliveries += rows.len();
        if !rows.is_empty() {
            webhook_delivery::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        }
        webhook::Entity::update_many()
            .col_expr(webhook::Column::Position, Expr::value(last))
            .filter(webhook::Column::Id.eq(endpoint.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// The body of a delivery: `{ type, timestamp, data: { recordId, contentType, slug, language, cursor } }`.
fn payload(change: &public_change::Model) -> String {
    let record_id = RecordType::Content(change.content_kind).global_id(change.content_id);
    serde_json::json!({
        "type": event_type(change.kind),
        "timestamp": change.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "data": {
            "recordId": record_id,
            "contentType": change.content_kind.to_value(),
            "slug": change.slug,
            "language": change.language,
            "cursor": crate::service::changes::cursor(change.id),
        }
    })
    .to_string()
}

/// How the webhook queue stands: deliveries waiting (and the age of the oldest), failed for good, endpoints
/// disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueState {
    pub pending: u64,
    pub oldest: Option<DateTime<Utc>>,
    pub failed: u64,
    pub disabled: u64,
}

pub async fn queue_state<C: ConnectionTrait>(db: &C) -> AppResult<QueueState> {
    let pending = webhook_delivery::Entity::find().filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending));
    Ok(QueueState {
        pending: pending.clone().count(db).await?,
        oldest: pending.order_by_asc(webhook_delivery::Column::Id).one(db).await?.map(|row| row.created_at),
        failed: webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Failed))
            .count(db)
            .await?,
        disabled: webhook::Entity::find().filter(webhook::Column::Enabled.eq(false)).count(db).await?,
    })
}

/// Claims the deliveries due now, at most `free(endpoint id)` for each enabled endpoint and only the oldest pending
/// one of each record, leasing each until `lease_until` (an attempt that never reports back is due again then).
pub async fn claim(
    db: &DatabaseConnection,
    free: impl Fn(i64) -> usize,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> AppResult<Vec<(webhook::Model, webhook_delivery::Model)>> {
    let earlier = Query::select()
        .expr(Expr::val(1))
        .from_as(webhook_delivery::Entity, "e")
        .and_where(Expr::cust("e.webhook_id = webhook_deliveries.webhook_id"))
        .and_where(Expr::cust("e.content_id = webhook_deliveries.content_id"))
        .and_where(Expr::cust("e.id < webhook_deliveries.id"))
        .and_where(Expr::cust("e.status = 'PENDING'"))
        .to_owned();
    let enabled = Query::select()
        .column(webhook::Column::Id)
        .from(webhook::Entity)
        .and_where(webhook::Column::Enabled.eq(true))
        .to_owned();
    let due = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .filter(webhook_delivery::Column::WebhookId.in_subquery(enabled))
        .filter(Expr::exists(earlier).not())
        .order_by_asc(webhook_delivery::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let mut taken: HashMap<i64, usize> = HashMap::new();
    let mut endpoints: HashMap<i64, webhook::Model> = HashMap::new();
    let mut claimed = Vec::new();
    for delivery in due {
        let count = taken.entry(delivery.webhook_id).or_default();
        if *count >= free(delivery.webhook_id) {
            continue;
        }
        // Leased only if nobody else leased it meanwhile.
        let leased = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(lease_until))
            .filter(webhook_delivery::Column::Id.eq(delivery.id))
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
            .filter(webhook_delivery::Column::NextAttemptAt.eq(delivery.next_attempt_at))
            .exec(db)
            .await?
            .rows_affected;
        if leased == 0 {
            continue;
        }
        *count += 1;
        let endpoint = match endpoints.get(&delivery.webhook_id) {
            Some(endpoint) => endpoint.clone(),
            None => {
                let endpoint = find(db, delivery.webhook_id).await?;
                endpoints.insert(endpoint.id, endpoint.clone());
                endpoint
            }
        };
        claimed.push((endpoint, delivery));
    }
    Ok(claimed)
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    Delivered { status: u16 },
    Failed { status: Option<u16>, error: String },
}

/// Records an attempt: delivered; or due again after a backoff (exponential from `retry_base`, up to an hour,
/// with jitter); or, once the delivery is older than `retry_window`, failed for good, its endpoint disabled and
/// the giving up audited.
pub async fn report(
    db: &DatabaseConnection,
    delivery: &webhook_delivery::Model,
    outcome: Outcome,
    retry_base: std::time::Duration,
    retry_window: std::time::Duration,
) -> AppResult<()> {
    let now = clock::now();
    let attempts = delivery.attempts.saturating_add(1);
    let txn = crate::db::write_transaction(db).await?;
    let mut row: webhook_delivery::ActiveModel = delivery.clone().into();
    row.attempts = Set(attempts);
    match outcome {
        Outcome::Delivered { status } => {
            row.status = Set(DeliveryStatus::Delivered);
            row.last_status = Set(Some(i32::from(status)));
            row.last_error = Set(None);
            row.delivered_at = Set(Some(now));
            row.update(&txn).await?;
        }
        Outcome::Failed { status, error } => {
            row.last_status = Set(status.map(i32::from));
            row.last_error = Set(Some(error.chars().take(MAX_ERROR).collect()));
            let window = TimeDelta::from_std(retry_window).unwrap_or(TimeDelta::days(1));
            if now - delivery.created_at >= window {
                row.status = Set(DeliveryStatus::Failed);
                row.update(&txn).await?;
                give_up(&txn, delivery.webhook_id, delivery.id).await?;
            } else {
                row.next_attempt_at = Set(now + backoff(retry_base, attempts));
                row.update(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The wait before attempt `attempts + 1`: `base · 2^(attempts-1)`, at most an hour, times a random 0.5 to 1.
pub fn backoff(base: std::time::Duration, attempts: i32) -> TimeDelta {
    use rand::Rng as _;
    let base = TimeDelta::from_std(base).unwrap_or(TimeDelta::seconds(10));
    let doubled = base * 2_i32.saturating_pow(u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20));
    let capped = std::cmp::min(doubled, MAX_BACKOFF);
    let jitter: f64 = rand::rng().random_range(0.5..=1.0);
    TimeDelta::milliseconds((capped.num_milliseconds() as f64 * jitter) as i64)
}

/// Disables an endpoint whose delivery failed for the whole retry window, and records it in the audit trail.
async fn give_up<C: ConnectionTrait>(db: &C, webhook_id: i64, delivery_id: i64) -> AppResult<()> {
    let reason = format!("delivery {delivery_id} kept failing for the whole retry window");
    webhook::Entity::update_many()
        .col_expr(webhook::Column::Enabled, Expr::value(false))
        .col_expr(webhook::Column::DisabledReason, Expr::value(reason.clone()))
        .col_expr(webhook::Column::UpdatedAt, Expr::value(clock::now()))
        .filter(webhook::Column::Id.eq(webhook_id))
        .exec(db)
        .await?;
    let hub = Viewer { subject: Some("hub".into()), role: Role::Admin, organization: None, email: None };
    audit::record(db, &hub, Verb::Disable, Subject::Id(RecordType::Webhook, webhook_id), Some(reason)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass_unless_allowed() {
        for url in [
            "http://127.0.0.1:9000/hook",
            "http://10.1.2.3/",
            "http://[::1]/",
            "http://169.254.169.254/",
            "http://localhost/x",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
        ] {
            assert!(checked_url(url, false).is_err(), "{url}");
            assert!(checked_url(url, true).is_ok(), "{url}");
        }
        for url in ["ftp://example.org/", "file:///etc/passwd", "http://user:pw@example.org/", "not a url", "http://"] {
            assert!(checked_url(url, true).is_err(), "{url}");
        }
        assert!(checked_url("https://partner.example.org/hub/hook", false).is_ok());
        assert!(checked_url("http://93.184.216.34/", false).is_ok());
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_an_hour() {
        let base = std::time::Duration::from_secs(10);
        for attempts in 1..30 {
            let wait = backoff(base, attempts);
            let exponent = std::cmp::min(u32::try_from(attempts - 1).unwrap(), 20);
            let full = std::cmp::min(TimeDelta::seconds(10) * 2_i32.pow(exponent), MAX_BACKOFF);
            assert!(wait <= full && wait * 2 >= full - TimeDelta::milliseconds(2), "{attempts}: {wait}");
        }
    }
}
