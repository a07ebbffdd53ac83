//! `countries`: ISO 3166-1 countries and territories, their review region and GCM champion status.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "countries")]
pub struct Model {
    /// ISO 3166-1 alpha-3 code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub iso3: String,
    pub name: String,
    pub region_key: Option<String>,
    pub is_champion: bool,
    pub champion_since: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
