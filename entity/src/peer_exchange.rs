//! `peer_exchanges`: the fields only a peer-learning exchange has.

use crate::enums::{ExchangeFormat, Participation};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "peer_exchanges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_id: i64,
    pub series: Option<String>,
    pub number: Option<i32>,
    pub format: ExchangeFormat,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    pub working_group: Option<String>,
    pub participation: Participation,
    pub chatham_house: bool,
    pub outcomes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
