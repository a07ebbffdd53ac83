//! `guidance_tools`: the fields only a guidance tool has.

use crate::enums::ToolKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guidance_tools")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    pub tool_kind: ToolKind,
    pub target_audience: Option<String>,
    pub geographic_scope: Option<String>,
    pub working_group: Option<String>,
    pub publication_date: Option<Date>,
    pub regional_review_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
