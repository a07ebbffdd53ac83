//! `notifications`: one per person and workflow event they hear about.

use crate::enums::{MailStatus, NotificationEvent};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The token subject it is for.
    pub recipient: String,
    pub event: NotificationEvent,
    /// The practice it is about, and its title when it happened.
    pub content_id: i64,
    pub title: String,
    /// The reviewer's note and the rubric's comments, for a practice sent back, published or archived.
    pub message: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    pub mail_status: MailStatus,
    pub mail_attempts: i32,
    /// When the mail is next due (while pending; also the lease of an attempt in flight); null: at once.
    pub mail_next_at: Option<DateTimeUtc>,
    pub mail_error: Option<String>,
    pub mailed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
