//! `practice_reviews`: an editor's decision on a submitted practice, with its rubric in
//! `practice_review_assessments`.

use crate::enums::ReviewDecision;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practice_reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub content_id: i64,
    pub decision: ReviewDecision,
    /// The reviewer's token subject, and the role they acted in.
    pub reviewer: String,
    pub reviewer_role: String,
    /// The note sent back with a change request.
    pub note: Option<String>,
    /// Why an admin published over a criterion the practice does not meet.
    pub override_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
