//! Records brought in with a history of their own: the demo corpus (and, later, records moved from another hub).
//! They pass the checks of records made through the API (`Details::validate`, as an admin), are written by the same
//! code (`editing`'s common row, tags, outbox and audit; the kind's `Details::insert`), and then take the state they
//! already had: their slug, status, dates, review note and last review's rubric.

use crate::domain::kind::names;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{self, Details};
use crate::service::content::review::{self, Review};
use crate::service::validate;
use chrono::{DateTime, Utc};
use hub_entity::content;
use hub_entity::enums::{ContentKind, ReviewDecision, Status};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// What an imported record already was.
#[derive(Debug, Clone)]
pub struct History {
    pub slug: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    /// Set exactly when the record is (or was, when archived) public.
    pub published_at: Option<DateTime<Utc>>,
    /// The note of a change request, for records whose changes were requested.
    pub review_note: Option<String>,
    /// The rubric of the practice's last review (changes requested or published), if it had one.
    pub review: Option<Review>,
}

impl History {
    fn validate(&self) -> AppResult<()> {
        validate::text(Some(&self.slug), "slug", 1, 80)?;
        if !self.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(AppError::bad_input("slug", "a slug holds lower-case letters, digits and hyphens"));
        }
        let public = matches!(self.status, Status::Published | Status::Archived);
        if public != self.published_at.is_some() {
            return Err(AppError::bad_input(
                "publishedAt",
                "published and archived records, and only they, have `publishedAt`",
            ));
        }
        if self.published_at.is_some_and(|at| at < self.created_at) {
            return Err(AppError::bad_input("publishedAt", "`publishedAt` is before `createdAt`"));
        }
        Ok(())
    }
}

/// Imports one record as `viewer` (an admin): `None` when a record of its kind already holds the slug (imports are
/// idempotent). Invalid fields are refused like the API refuses them.
pub async fn import<D: Details>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mut fields: D,
    history: History,
) -> AppResult<Option<content::Model>> {
    viewer.require(Role::Admin)?;
    history.validate()?;
    let taken = content::Entity::find()
        .filter(content::Column::Kind.eq(D::KIND))
        .filter(content::Column::Slug.eq(&history.slug))
        .count(db)
        .await?;
    if taken > 0 {
        return Ok(None);
    }
    fields.complete(db, None).await?;
    fields.validate(db, true).await?;
    let decision = match (&history.review, history.status) {
        (None, _) => None,
        (Some(_), _) if D::KIND != ContentKind::Practice => {
            return Err(AppError::bad_input("review", "only practices are reviewed with a rubric"));
        }
        (Some(review), status) => {
            review.validate()?;
            match status {
                Status::ChangesRequested => Some(ReviewDecision::ChangesRequested),
                Status::Published | Status::Archived => Some(ReviewDecision::Published),
                _ => return Err(AppError::bad_input("review", "only a record sent back or published had a review")),
            }
        }
    };
    let txn = crate::db::write_transaction(db).await?;
    let row = editing::insert(&txn, viewer, D::KIND, fields.common(), fields.year()).await?;
    fields.insert(&txn, row.id).await?;
    let translation_key = match fields.common().translation_of {
        Some(_) => row.translation_key.clone(),
        None => format!("{}:{}", names(D::KIND).translation_prefix, history.slug),
    };
    let mut imported: content::ActiveModel = row.into();
    imported.slug = Set(history.slug);
    imported.translation_key = Set(translation_key);
    imported.status = Set(history.status);
    imported.owner_sub = Set(None);
    imported.review_note = Set(history.review_note);
    imported.created_at = Set(history.created_at);
    imported.published_at = Set(history.published_at);
    imported.updated_at = Set(history.published_at.unwrap_or(history.created_at));
    let imported = imported.update(&txn).await?;
    if let (Some(review), Some(decision)) = (&history.review, decision) {
        review::record(&txn, viewer, &imported, decision, imported.review_note.clone(), review).await?;
    }
    txn.commit().await?;
    Ok(Some(imported))
}
