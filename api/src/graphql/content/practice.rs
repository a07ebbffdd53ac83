//! What only a promising practice has: its own fields, organizations and resources (the `Practice` type is made in
//! `record`).

use crate::db::tags::TagKinds;
use crate::domain::viewer::Role;
use crate::error::AppError;
use crate::graphql::enums::{
    Assessment, ChecklistCode, Completion, Date, GeographicLevel, ResourceKind, ReviewDecision, RubricCriterion,
    SubmitterKind,
};
use crate::graphql::loaders::{OrganizationsOf, PracticeDetail, ResourcesOf, ReviewsOf};
use crate::graphql::organization::Organization;
use crate::graphql::{load, load_list, request};
use crate::service::content::practice::PracticeOwn;
use crate::service::content::{checklist, review};
use async_graphql::{Context, Object, SimpleObject};
use hub_entity::enums::OrganizationRole;
use hub_entity::{content as row, practice_resource};

/// What only a practice has, flattened into `Practice`: its own fields and its organizations and resources.
pub struct PracticeExtras(pub row::Model);

impl PracticeExtras {
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        role: OrganizationRole,
    ) -> async_graphql::Result<Vec<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all.into_iter().filter(|(r, _)| *r == role).map(|(_, org)| Organization(org)).collect())
    }
}

#[Object]
impl PracticeExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<PracticeDetails> {
        let detail = load(ctx, PracticeDetail(self.0.id)).await?;
        Ok(detail.ok_or(AppError::NotFound("practice details"))?.into())
    }

    async fn main_implementer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(self.organizations(ctx, OrganizationRole::Implementer).await?.into_iter().next())
    }

    async fn partners(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        self.organizations(ctx, OrganizationRole::Partner).await
    }

    async fn resources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Resource>> {
        load_list(ctx, ResourcesOf(self.0.id), Resource::from).await
    }

    /// The Network's submission checklist, item by item, as the practice stands (its owner and editors; null for
    /// everyone else). Blocking items that fail stop `submitPractice`; the others are advice.
    async fn submission_checklist(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Vec<ChecklistItem>>> {
        if !request(ctx)?.viewer.edits_or_owns(&self.0) {
            return Ok(None);
        }
        let detail = load(ctx, PracticeDetail(self.0.id)).await?.ok_or(AppError::NotFound("practice details"))?;
        let tags = super::tags_of(ctx, self.0.id, TagKinds::ALL).await?;
        Ok(Some(checklist::check(&self.0, &detail, &tags).into_iter().map(ChecklistItem::from).collect()))
    }

    /// The latest review, with its rubric and comments (the practice's owner and editors; null for everyone else,
    /// and before any review with a rubric).
    async fn latest_review(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<PracticeReview>> {
        if !request(ctx)?.viewer.edits_or_owns(&self.0) {
            return Ok(None);
        }
        Ok(load(ctx, ReviewsOf(self.0.id)).await?.map(PracticeReview::from))
    }

    /// How the practice's reviews went (editors; null for everyone else): how many it has had, and the latest
    /// assessment per criterion.
    async fn review_rubric_summary(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ReviewRubricSummary>> {
        if request(ctx)?.viewer.role < Role::Editor {
            return Ok(None);
        }
        let latest = load(ctx, ReviewsOf(self.0.id)).await?;
        Ok(Some(ReviewRubricSummary {
            reviews: latest.as_ref().map_or(0, |latest| latest.count),
            latest: latest
                .map(|latest| latest.rubric.into_iter().map(RubricAssessment::from).collect())
                .unwrap_or_default(),
        }))
    }
}

/// A reviewer's decision on a practice, with the rubric.
#[derive(SimpleObject)]
pub struct PracticeReview {
    pub decision: ReviewDecision,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The note sent back with a change request.
    pub note: Option<String>,
    pub rubric: Vec<RubricAssessment>,
}

impl From<review::Latest> for PracticeReview {
    fn from(latest: review::Latest) -> Self {
        PracticeReview {
            decision: latest.review.decision.into(),
            at: latest.review.created_at,
            note: latest.review.note,
            rubric: latest.rubric.into_iter().map(RubricAssessment::from).collect(),
        }
    }
}

/// One criterion of a review's rubric.
#[derive(SimpleObject)]
pub struct RubricAssessment {
    pub criterion: RubricCriterion,
    pub assessment: Assessment,
    pub comment: Option<String>,
}

impl From<review::Assessed> for RubricAssessment {
    fn from(assessed: review::Assessed) -> Self {
        RubricAssessment {
            criterion: assessed.criterion.into(),
            assessment: assessed.assessment.into(),
            comment: assessed.comment,
        }
    }
}

/// How a practice's reviews went.
#[derive(SimpleObject)]
pub struct ReviewRubricSummary {
    /// Reviews with a rubric the practice has had.
    pub reviews: u64,
    /// The latest review's assessment per criterion (empty before any).
    pub latest: Vec<RubricAssessment>,
}

/// One item of the submission checklist.
#[derive(SimpleObject)]
pub struct ChecklistItem {
    pub code: ChecklistCode,
    pub passed: bool,
    /// Whether a failure stops the submission (otherwise it is advice).
    pub blocking: bool,
    /// The input field the item is about, to show the message beside.
    pub field: &'static str,
    pub message: String,
}

impl From<checklist::Item> for ChecklistItem {
    fn from(item: checklist::Item) -> Self {
        ChecklistItem {
            blocking: item.blocking(),
            code: item.code.into(),
            passed: item.passed,
            field: item.field,
            message: item.message,
        }
    }
}

crate::practice_own!(graphql_own);

/// A document, site, video or dataset about a practice.
#[derive(SimpleObject, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub kind: ResourceKind,
}

impl From<practice_resource::Model> for Resource {
    fn from(model: practice_resource::Model) -> Self {
        Resource { title: model.title, url: model.url, kind: model.kind.into() }
    }
}
