//! `objective_reports`: what a review submission says about one objective (its stance), with a short excerpt.

use crate::enums::Stance;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "objective_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub objective_number: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub stance: Stance,
    pub excerpt: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
