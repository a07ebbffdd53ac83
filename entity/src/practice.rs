//! `practices`: the fields only a promising practice has (its `contents` row holds the rest).

use crate::enums::{Completion, GeographicLevel, SubmitterKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    pub description: String,
    pub implementation: Option<String>,
    pub results: Option<String>,
    pub lessons_learned: Option<String>,
    pub enabling_factors: Option<String>,
    pub challenges: Option<String>,
    pub replicability: Option<String>,
    pub submitter_kind: SubmitterKind,
    pub geographic_level: GeographicLevel,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub completion: Completion,
    /// The call's title as a contributor typed it (kept for clients of the free-text field).
    pub call_for_practices: Option<String>,
    /// The call for practices (a `contents` row of kind `CALL`) the practice answers.
    pub call_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
