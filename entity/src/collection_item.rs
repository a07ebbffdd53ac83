//! `collection_items`: the records a collection holds, in the curators' order, each with an optional note.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "collection_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub collection_id: i64,
    /// A practice, guidance tool or peer exchange.
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    /// From 0, in the curators' order.
    pub position: i32,
    /// Why the editors chose it.
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
