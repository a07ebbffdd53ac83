//! `review_submissions`: the fields only a review submission has (its `contents` row, of kind `SUBMISSION`, holds
//! the title, summary, language, tags and status): a voluntary input of a Member State or a stakeholder to a GCM
//! regional review.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    pub review_id: i64,
    pub submitter_country_iso3: Option<String>,
    pub submitter_organization_id: Option<i64>,
    pub submitted_on: Date,
    pub document_url: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
