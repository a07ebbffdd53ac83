//! Practice mutations: create and edit drafts, move them along the workflow, delete drafts.

use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::RoleGuard;
use crate::graphql::content::input::{content_id, organizations};
use crate::graphql::content::practice::PracticeOwnInput;
use crate::graphql::content::record::Practice;
use crate::graphql::enums::{Assessment, ResourceKind, RubricCriterion};
use crate::service::content::editing::CommonFields;
use crate::service::content::practice::{PracticeFields, Resource};
use crate::service::content::review::{Assessed, Review};
use crate::service::content::workflow::Transition;
use async_graphql::{Context, ID, InputObject, MaybeUndefined};
use hub_entity::enums::{ContentKind, OrganizationRole};

/// A document, website or video about a practice.
#[derive(InputObject)]
pub struct ResourceInput {
    pub title: String,
    /// An http(s) URL.
    pub url: String,
    pub kind: ResourceKind,
}

/// One criterion of a reviewer's rubric.
#[derive(InputObject)]
pub struct RubricAssessmentInput {
    pub criterion: RubricCriterion,
    pub assessment: Assessment,
    /// What the submitter should know (at most 2000 characters); the practice's owner reads it.
    pub comment: Option<String>,
}

/// The review a rubric and a reason make.
fn review(rubric: Option<Vec<RubricAssessmentInput>>, reason: Option<String>) -> Option<Review> {
    let rubric = rubric?.into_iter().map(|given| Assessed {
        criterion: given.criterion.into(),
        assessment: given.assessment.into(),
        comment: given.comment.filter(|comment| !comment.trim().is_empty()),
    });
    Some(Review { rubric: rubric.collect(), reason })
}

/// The fields only a practice has; on update, omitted fields stay as they are and given lists replace the old ones.
#[derive(InputObject, Default)]
pub struct PracticeDetailsInput {
    #[graphql(flatten)]
    pub own: PracticeOwnInput,
    /// An organization id.
    pub main_implementer: Option<ID>,
    /// Organization ids.
    pub partners: Option<Vec<ID>>,
    pub resources: Option<Vec<ResourceInput>>,
    /// The id of the published call for practices the practice answers; null unlinks it (and clears
    /// `callForPractices`).
    pub call: MaybeUndefined<ID>,
}

impl PracticeDetailsInput {
    fn into_fields(self, mut common: CommonFields) -> AppResult<PracticeFields> {
        let implementer = self.main_implementer.map(|id| vec![id]);
        common.organizations.extend(organizations(
            OrganizationRole::Implementer,
            "mainImplementer",
            implementer.as_deref(),
        )?);
        common.organizations.extend(organizations(OrganizationRole::Partner, "partners", self.partners.as_deref())?);
        Ok(PracticeFields {
            common,
            own: self.own.into(),
            resources: self.resources.map(|list| {
                list.into_iter().map(|r| Resource { title: r.title, url: r.url, kind: r.kind.into() }).collect()
            }),
            call: match self.call {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(id) => Some(Some(content_id(&id, ContentKind::CallForPractices, "call")?)),
            },
        })
    }
}

crate::content_mutations! {
    Practice(ContentKind::Practice), author Role::Contributor, details PracticeDetailsInput;
    /// A new practice; it starts as a draft owned by the caller.
    create input CreatePracticeInput;
    /// Changes to a practice; omitted fields stay as they are, given lists replace the old ones.
    update input UpdatePracticeInput;
    payload PracticePayload { practice };
    mutation PracticeMutation {
        /// Creates a draft practice owned by the caller (contributors and up).
        create_practice;
        /// Edits a practice at `version` (the one the caller read); a stale version is `CONFLICT`.
        update_practice;
        moves {
            /// Sends a draft (or a practice with requested changes) for review.
            #[graphql(guard = "RoleGuard(Role::Contributor)")]
            async fn submit_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
                PracticePayload::moved(ctx, &id, Transition::Submit, None, None).await
            }

            /// Returns a submitted practice to its submitter with a note (editors), and the review's rubric: each of
            /// the 7 criteria once. The owner reads the note and the rubric's comments.
            #[graphql(guard = "RoleGuard(Role::Editor)")]
            async fn request_practice_changes(
                &self,
                ctx: &Context<'_>,
                id: ID,
                note: String,
                rubric: Option<Vec<RubricAssessmentInput>>,
            ) -> async_graphql::Result<PracticePayload> {
                let review = review(rubric, None);
                PracticePayload::moved(ctx, &id, Transition::RequestChanges, Some(note), review.as_ref()).await
            }

            /// Publishes a submitted practice (editors), with the review's rubric: each of the 7 criteria once.
            /// Publishing over a criterion assessed `DOES_NOT_MEET` takes an admin and a `reason` (audited).
            #[graphql(guard = "RoleGuard(Role::Editor)")]
            async fn publish_practice(
                &self,
                ctx: &Context<'_>,
                id: ID,
                rubric: Option<Vec<RubricAssessmentInput>>,
                reason: Option<String>,
            ) -> async_graphql::Result<PracticePayload> {
                let review = review(rubric, reason);
                PracticePayload::moved(ctx, &id, Transition::Publish, None, review.as_ref()).await
            }
        }
        /// Archives a published practice (editors).
        archive_practice;
        /// Deletes a draft; admins may take down a practice in any status (permanent, audited; its translations stay;
        /// the change feed says `DELETED`).
        delete_practice;
    }
}
