//! Regional review and review submission mutations (editors).

use super::content::input::DeletePayload;
use super::enums::Date;
use super::id;
use super::regional_review::{RegionalReview, ReviewSubmission};
use super::{RoleGuard, db, request};
use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::service::regional_reviews::{self, ReviewFields, SubmissionFields};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

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

/// A voluntary submission to a regional review, by a country or an organization (at least one).
#[derive(InputObject)]
pub struct CreateReviewSubmissionInput {
    /// A `RegionalReview` id.
    pub review: ID,
    /// ISO 3166-1 alpha-3.
    pub submitter_country: Option<String>,
    /// An organization id.
    pub submitter_organization: Option<ID>,
    pub submitted_on: Date,
    pub summary: String,
    pub document_url: Option<String>,
    /// BCP 47; `en` when omitted.
    pub language: Option<String>,
}

/// Changes to a submission; omitted fields stay as they are, `null` clears the optional ones.
#[derive(InputObject)]
pub struct UpdateReviewSubmissionInput {
    pub review: Option<ID>,
    pub submitter_country: MaybeUndefined<String>,
    pub submitter_organization: MaybeUndefined<ID>,
    pub submitted_on: Option<Date>,
    pub summary: Option<String>,
    pub document_url: MaybeUndefined<String>,
    pub language: Option<String>,
}

#[derive(SimpleObject)]
pub struct RegionalReviewPayload {
    pub regional_review: RegionalReview,
}

#[derive(SimpleObject)]
pub struct ReviewSubmissionPayload {
    pub review_submission: ReviewSubmission,
}

fn review_id(id: &ID, field: &str) -> AppResult<i64> {
    id::decode_as(id, RecordType::RegionalReview, field)
}

fn organization_id(id: &ID) -> AppResult<i64> {
    id::decode_as(id, RecordType::Organization, "submitterOrganization")
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

    /// Records a submission to a regional review (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_review_submission(
        &self,
        ctx: &Context<'_>,
        input: CreateReviewSubmissionInput,
    ) -> async_graphql::Result<ReviewSubmissionPayload> {
        let fields = SubmissionFields {
            review: Some(review_id(&input.review, "review")?),
            submitter_country: Some(input.submitter_country),
            submitter_organization: Some(input.submitter_organization.as_ref().map(organization_id).transpose()?),
            submitted_on: Some(input.submitted_on.0),
            summary: Some(input.summary),
            document_url: Some(input.document_url),
            language: input.language,
        };
        let row = regional_reviews::create_submission(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(ReviewSubmissionPayload { review_submission: ReviewSubmission(row) })
    }

    /// Edits a submission at `version` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_review_submission(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdateReviewSubmissionInput,
    ) -> async_graphql::Result<ReviewSubmissionPayload> {
        let id = id::decode_as(&id, RecordType::ReviewSubmission, "id")?;
        let organization: Option<Option<ID>> = input.submitter_organization.into();
        let fields = SubmissionFields {
            review: input.review.as_ref().map(|id| review_id(id, "review")).transpose()?,
            submitter_country: input.submitter_country.into(),
            submitter_organization: organization.map(|o| o.as_ref().map(organization_id).transpose()).transpose()?,
            submitted_on: input.submitted_on.map(|d| d.0),
            summary: input.summary,
            document_url: input.document_url.into(),
            language: input.language,
        };
        let row = regional_reviews::update_submission(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(ReviewSubmissionPayload { review_submission: ReviewSubmission(row) })
    }

    /// Removes a submission (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_review_submission(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        let row = id::decode_as(&id, RecordType::ReviewSubmission, "id")?;
        regional_reviews::delete_submission(db(ctx)?, &request(ctx)?.viewer, row).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
