//! `calls_for_practices`: the fields only a call for practices has (its `contents` row holds the rest). Whether a
//! call is upcoming, open or closed is derived from its dates and `closed_at`, never stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calls_for_practices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    pub description: String,
    /// The first day answers are taken.
    pub opens_on: Date,
    /// The last day answers are taken, to the end of that day in `time_zone`.
    pub deadline: Date,
    /// IANA time zone of the dates (`UTC` unless set).
    pub time_zone: String,
    /// What an answer must show.
    pub criteria: Option<String>,
    /// Whom to ask (an address or a name).
    pub contact: Option<String>,
    /// When an editor closed the call before its deadline.
    pub closed_at: Option<DateTimeUtc>,
    /// When the contributors who answered were told the call had closed (once).
    pub closing_announced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
