//! `labels`: reference labels in the languages besides English (English lives in the reference tables).

use crate::enums::{LabelSource, LabelSubject};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "labels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject: LabelSubject,
    /// The objective's number, or the principle's, region's or theme's key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// An ISO 639-1 code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
    pub text: String,
    pub source: LabelSource,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
