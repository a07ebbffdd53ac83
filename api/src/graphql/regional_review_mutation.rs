//! Regional review mutations (editors); submissions are content records (`content::review_submission_mutation`).

use super::content::input::DeletePayload;
use super::content::record::RegionalReview;
use super::id;
use super::{RoleGuard, db, request};
use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::service::regional_reviews::{self, ReviewFields};
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

/// A new regional review process.
#[derive(InputObject)]
pub struct CreateRegionalReviewInput {
    /// 2 to 40 lowercase letters, digits, hyphens or underscores; it never changes.
    pub key: String,
    /// The region's key.
    pub region: String,
    pub title: String,
    pub commission: String,
    /// `YYYY` or `YYYY-MM`.
    pub first_review: String,
}

/// Changes to a regional review; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateRegionalReviewInput {
    pub region: Option<String>,
    pub title: Option<String>,
    pub commission: Option<String>,
    pub first_review: Option<String>,
}

#[derive(SimpleObject)]
pub struct RegionalReviewPayload {
    pub regional_review: RegionalReview,
}

fn review_id(id: &ID, field: &str) -> AppResult<i64> {
    id::decode_as(id, RecordType::RegionalReview, field)
}

#[derive(Default)]
pub struct RegionalReviewMutation;

#[Object]
impl RegionalReviewMutation {
    /// Adds a regional review process (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_regional_review(
        &self,
        ctx: &Context<'_>,
        input: CreateRegionalReviewInput,
    ) -> async_graphql::Result<RegionalReviewPayload> {
        let fields = ReviewFields {
            region: Some(input.region),
            title: Some(input.title),
            commission: Some(input.commission),
            first_review: Some(input.first_review),
        };
        let row = regional_reviews::create_review(db(ctx)?, &request(ctx)?.viewer, &input.key, fields).await?;
        Ok(RegionalReviewPayload { regional_review: RegionalReview(row) })
    }

    /// Edits a regional review at `version` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_regional_review(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdateRegionalReviewInput,
    ) -> async_graphql::Result<RegionalReviewPayload> {
        let id = review_id(&id, "id")?;
        let fields = ReviewFields {
            region: input.region,
            title: input.title,
            commission: input.commission,
            first_review: input.first_review,
        };
        let row = regional_reviews::update_review(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(RegionalReviewPayload { regional_review: RegionalReview(row) })
    }

    /// Removes a regional review without submissions or tools (editors); otherwise `CONFLICT`.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_regional_review(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        regional_reviews::delete_review(db(ctx)?, &request(ctx)?.viewer, review_id(&id, "id")?).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
