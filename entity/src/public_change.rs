//! `public_changes`: the partners' change feed, one row per change anonymous readers could see; the id is the
//! feed's position. The record's identity is copied in, so a tombstone outlives its record.

use crate::enums::{ChangeKind, ContentKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "public_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ChangeKind,
    pub content_id: i64,
    pub content_kind: ContentKind,
    pub slug: String,
    pub language: String,
    /// The record's translation group (internal: its translations change with it).
    pub translation_key: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
