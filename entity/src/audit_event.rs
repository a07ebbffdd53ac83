//! `audit_events`: who did what to which record, and when.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_sub: String,
    pub actor_role: String,
    /// What happened, e.g. `practice.create`, `practice.publish`.
    pub action: String,
    /// The kind of record, e.g. `Practice`.
    pub subject_type: String,
    /// The record's numeric id; 0 for records named by key.
    pub subject_id: i64,
    /// The record's key (theme, principle, region, country, objective number), for records named by key.
    pub subject_key: Option<String>,
    /// The reviewer's note of a change request, or what an update touched.
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
