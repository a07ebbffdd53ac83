//! sea-orm entities of the Migration Network Hub: tables and columns only (no GraphQL, no HTTP, no rules).
//!
//! Content uses class-table inheritance: every practice, guidance tool, peer exchange, call, collection and review submission is one row of
//! `contents` (the fields, workflow and tags they share) plus one row of its own detail table.

/// A link table: two key columns, both part of the primary key, nothing else.
macro_rules! link_table {
    ($table:literal, $left:ident: $lty:ty, $right:ident: $rty:ty) => {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub $left: $lty,
            #[sea_orm(primary_key, auto_increment = false)]
            pub $right: $rty,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod audit_event;
pub mod call_for_practices;
pub mod change_feed;
pub mod collection;
pub mod collection_item;
pub mod content;
pub mod content_country;
pub mod content_objective;
pub mod content_organization;
pub mod content_principle;
pub mod content_region;
pub mod content_theme;
pub mod country;
pub mod enums;
pub mod exchange_cohost_country;
pub mod exchange_related;
pub mod guidance_tool;
pub mod guidance_tool_link;
pub mod label;
pub mod learned_acronym;
pub mod notification;
pub mod objective;
pub mod objective_report;
pub mod organization;
pub mod peer_exchange;
pub mod person;
pub mod practice;
pub mod practice_resource;
pub mod practice_review;
pub mod practice_review_assessment;
pub mod principle;
pub mod public_change;
pub mod public_epoch;
pub mod region;
pub mod regional_review;
pub mod review_submission;
pub mod review_subscription;
pub mod search_outbox;
pub mod theme;
pub mod webhook;
pub mod webhook_delivery;
