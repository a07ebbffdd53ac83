//! Webhooks (admins): endpoints that receive the public changes, signed the Standard Webhooks way, with their
//! delivery log.

use super::changes::ChangeKind;
use super::connection::{Connection, Counter};
use super::content::input::DeletePayload;
use super::enums::ContentType;
use super::{RoleGuard, db, id, request};
use crate::config::Config;
use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppError;
use crate::service::page::PageArgs;
use crate::service::webhooks::{self, WebhookInput};
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::{webhook, webhook_delivery};
use std::sync::Arc;

/// Where a delivery stands.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "hub_entity::enums::DeliveryStatus")]
pub enum DeliveryStatus {
    /// Waiting for its (next) attempt.
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Retried for the whole retry window without success; the endpoint was disabled.
    Failed,
}

/// An endpoint partners receive public changes at.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Webhook {
    pub id: ID,
    pub url: String,
    /// The content types it receives (all when null).
    pub types: Option<Vec<ContentType>>,
    /// The changes it receives (all when null).
    pub events: Option<Vec<ChangeKind>>,
    pub enabled: bool,
    /// Why the hub disabled it, if it did.
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub row_id: i64,
}

impl From<webhook::Model> for Webhook {
    fn from(row: webhook::Model) -> Self {
        Webhook {
            id: id::encode(RecordType::Webhook, row.id),
            types: webhooks::types_of(&row).map(|kinds| kinds.into_iter().map(Into::into).collect()),
            events: webhooks::events_of(&row).map(|kinds| kinds.into_iter().map(Into::into).collect()),
            url: row.url,
            enabled: row.enabled,
            disabled_reason: row.disabled_reason,
            created_at: row.created_at,
            updated_at: row.updated_at,
            row_id: row.id,
        }
    }
}

#[ComplexObject]
impl Webhook {
    /// Its deliveries, newest first.
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<WebhookDelivery>> {
        let db = db(ctx)?.clone();
        let args = PageArgs { first, after, last: None, before: None };
        let page = webhooks::deliveries(&db, &request(ctx)?.viewer, self.row_id, &args).await?;
        let webhook_id = self.row_id;
        let counter: Counter = Arc::new(move || {
            let db = db.clone();
            Box::pin(async move { webhooks::count_deliveries(&db, webhook_id).await })
        });
        Ok(Connection::new(page, WebhookDelivery::from, counter))
    }
}

/// One change sent (or to be sent) to one endpoint.
#[derive(SimpleObject, Clone)]
pub struct WebhookDelivery {
    pub id: ID,
    /// `content.published`, `content.updated`, `content.unpublished` or `content.deleted`.
    pub event: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// The HTTP status of the last attempt, when the endpoint answered.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// When it is due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The JSON body every attempt sends.
    pub payload: String,
}

impl From<webhook_delivery::Model> for WebhookDelivery {
    fn from(row: webhook_delivery::Model) -> Self {
        let pending = row.status == hub_entity::enums::DeliveryStatus::Pending;
        WebhookDelivery {
            id: id::encode(RecordType::WebhookDelivery, row.id),
            event: row.event,
            status: row.status.into(),
            attempts: row.attempts,
            last_status: row.last_status,
            last_error: row.last_error,
            next_attempt_at: pending.then_some(row.next_attempt_at),
            created_at: row.created_at,
            delivered_at: row.delivered_at,
            payload: row.payload,
        }
    }
}

/// A new endpoint.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// http or https; loopback, private and link-local addresses are refused.
    pub url: String,
    /// Only changes to these types (all when omitted).
    pub types: Option<Vec<ContentType>>,
    /// Only these changes (all when omitted).
    pub events: Option<Vec<ChangeKind>>,
}

/// Changes to an endpoint; omitted fields stay as they are (an empty list means all).
#[derive(InputObject, Default)]
pub struct UpdateWebhookInput {
    pub url: Option<String>,
    pub types: Option<Vec<ContentType>>,
    pub events: Option<Vec<ChangeKind>>,
    /// Enabling a disabled endpoint clears why it was disabled.
    pub enabled: Option<bool>,
}

#[derive(SimpleObject)]
pub struct WebhookPayload {
    pub webhook: Webhook,
}

/// An endpoint with its signing secret (`whsec_<base64>`), shown only this once.
#[derive(SimpleObject)]
pub struct WebhookSecretPayload {
    pub webhook: Webhook,
    pub secret: String,
}

#[derive(SimpleObject)]
pub struct RedeliverPayload {
    pub delivery: WebhookDelivery,
}

fn allow_private(ctx: &Context<'_>) -> async_graphql::Result<bool> {
    let config = ctx.data::<Arc<Config>>().map_err(|_| AppError::Internal("configuration missing".into()))?;
    Ok(config.webhook_allow_private_networks)
}

fn input(
    url: Option<String>,
    types: Option<Vec<ContentType>>,
    events: Option<Vec<ChangeKind>>,
    enabled: Option<bool>,
) -> WebhookInput {
    WebhookInput {
        url,
        types: types.map(|types| types.into_iter().map(Into::into).collect()),
        events: events.map(|events| events.into_iter().map(Into::into).collect()),
        enabled,
    }
}

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// The webhook endpoints, oldest first (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<Webhook>> {
        let db = db(ctx)?.clone();
        let args = PageArgs { first, after, last: None, before: None };
        let page = webhooks::page(&db, &request(ctx)?.viewer, &args).await?;
        let counter: Counter = Arc::new(move || {
            let db = db.clone();
            Box::pin(async move { webhooks::count(&db).await })
        });
        Ok(Connection::new(page, Webhook::from, counter))
    }
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers an endpoint (admins); it receives the changes made from now on. The secret is shown only here.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> async_graphql::Result<WebhookSecretPayload> {
        let fields = self::input(Some(input.url), input.types, input.events, None);
        let (row, secret) = webhooks::create(db(ctx)?, &request(ctx)?.viewer, fields, allow_private(ctx)?).await?;
        Ok(WebhookSecretPayload { webhook: row.into(), secret })
    }

    /// Changes an endpoint (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateWebhookInput,
    ) -> async_graphql::Result<WebhookPayload> {
        let row_id = id::decode_as(&id, RecordType::Webhook, "id")?;
        let fields = self::input(input.url, input.types, input.events, input.enabled);
        let row = webhooks::update(db(ctx)?, &request(ctx)?.viewer, row_id, fields, allow_private(ctx)?).await?;
        Ok(WebhookPayload { webhook: row.into() })
    }

    /// Gives an endpoint a new signing secret (admins), shown only here.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn rotate_webhook_secret(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<WebhookSecretPayload> {
        let row_id = id::decode_as(&id, RecordType::Webhook, "id")?;
        let (row, secret) = webhooks::rotate_secret(db(ctx)?, &request(ctx)?.viewer, row_id).await?;
        Ok(WebhookSecretPayload { webhook: row.into(), secret })
    }

    /// Removes an endpoint and its delivery log (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn delete_webhook(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        let row_id = id::decode_as(&id, RecordType::Webhook, "id")?;
        webhooks::delete(db(ctx)?, &request(ctx)?.viewer, row_id).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Sends a delivery again (admins), with a fresh retry window.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn redeliver_webhook(&self, ctx: &Context<'_>, delivery_id: ID) -> async_graphql::Result<RedeliverPayload> {
        let row_id = id::decode_as(&delivery_id, RecordType::WebhookDelivery, "deliveryId")?;
        let row = webhooks::redeliver(db(ctx)?, &request(ctx)?.viewer, row_id).await?;
        Ok(RedeliverPayload { delivery: row.into() })
    }
}
