//! `learned_acronyms`: the acronyms published records define, with their expansions (folded words joined by spaces),
//! per record. Kept by the search relay.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learned_acronyms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    /// Folded: `ofw`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub acronym: String,
    /// Folded words, joined by spaces: `overseas filipino workers`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub expansion: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
