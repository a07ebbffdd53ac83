//! `people`: what the hub remembers of a signed-in caller, from their last authenticated request.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    /// The token subject.
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject: String,
    /// The role of their last request (`contributor`, `editor`, `admin`).
    pub role: String,
    /// The token's `email` claim.
    pub email: Option<String>,
    /// The first language of their `Accept-Language`.
    pub language: Option<String>,
    pub seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
