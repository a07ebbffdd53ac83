//! `review_subscriptions`: what an editor wants to hear of when practices are submitted: an objective or a region.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The editor's token subject.
    pub subject: String,
    /// Exactly one of the two is set.
    pub objective_number: Option<i32>,
    pub region_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
