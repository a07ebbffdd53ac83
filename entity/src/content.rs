//! `contents`: what practices, guidance tools and peer exchanges share (identity, language, workflow, tags).

use crate::enums::{ContentKind, Status};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ContentKind,
    /// Unique per kind.
    pub slug: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Records sharing this key are translations of one another.
    pub translation_key: String,
    pub status: Status,
    pub title: String,
    pub summary: String,
    /// The year a record is filed under: a practice's start, a tool's publication, an exchange's date.
    pub year: Option<i32>,
    /// Subject (JWT `sub`) of the contributor who owns the record.
    pub owner_sub: Option<String>,
    pub review_note: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Optimistic concurrency: bumped on every content update.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
