//! `webhook_deliveries`: the durable queue of webhook deliveries, one row per change an endpoint receives.

use crate::enums::DeliveryStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub webhook_id: i64,
    /// The change's position in the feed.
    pub change_id: i64,
    /// The record it is about (deliveries about one record go out in order).
    pub content_id: i64,
    /// `content.published`, `content.updated`, `content.unpublished` or `content.deleted`.
    pub event: String,
    /// The JSON body, fixed when queued (every attempt sends the same bytes).
    pub payload: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// When it is due (while pending; also the lease of an attempt in flight).
    pub next_attempt_at: DateTimeUtc,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
