//! `webhooks`: endpoints partners receive public changes at, registered by admins.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub url: String,
    /// The Standard Webhooks signing secret, `whsec_<base64>`.
    pub secret: String,
    /// Content types it receives, comma-separated (`PRACTICE,GUIDANCE_TOOL`); `None`: all.
    pub types: Option<String>,
    /// Change kinds it receives, comma-separated (`PUBLISHED,DELETED`); `None`: all.
    pub events: Option<String>,
    pub enabled: bool,
    /// Why the hub disabled it (deliveries kept failing), if it did.
    pub disabled_reason: Option<String>,
    /// The change-feed position up to which its deliveries are queued.
    pub position: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
