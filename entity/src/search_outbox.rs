//! `search_outbox`: content records whose search documents must be brought up to date.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The record that changed (it may be gone: then its document leaves the index).
    pub content_id: i64,
    pub enqueued_at: DateTimeUtc,
    /// When the relay applied it; `None` while pending.
    pub processed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
