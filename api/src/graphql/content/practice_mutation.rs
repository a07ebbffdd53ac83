//! Practice mutations: create and edit drafts, move them along the workflow, delete drafts.

use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::RoleGuard;
use crate::graphql::content::input::organizations;
use crate::graphql::content::practice::PracticeOwnInput;
use crate::graphql::content::record::Practice;
use crate::graphql::enums::ResourceKind;
use crate::service::content::editing::CommonFields;
use crate::service::content::practice::{PracticeFields, Resource};
use crate::service::content::workflow::Transition;
use async_graphql::{Context, ID, InputObject};
use hub_entity::enums::{ContentKind, OrganizationRole};

/// A document, website or video about a practice.
#[derive(InputObject)]
pub struct ResourceInput {
    pub title: String,
    /// An http(s) URL.
    pub url: String,
    pub kind: ResourceKind,
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
                PracticePayload::moved(ctx, &id, Transition::Submit, None).await
            }

            /// Returns a submitted practice to its submitter with a note (editors).
            #[graphql(guard = "RoleGuard(Role::Editor)")]
            async fn request_practice_changes(
                &self,
                ctx: &Context<'_>,
                id: ID,
                note: String,
            ) -> async_graphql::Result<PracticePayload> {
                PracticePayload::moved(ctx, &id, Transition::RequestChanges, Some(note)).await
            }
        }
        /// Publishes a submitted practice (editors).
        publish_practice;
        /// Archives a published practice (editors).
        archive_practice;
        /// Deletes a draft; admins may take down a practice in any status (permanent, audited; its translations stay;
        /// the change feed says `DELETED`).
        delete_practice;
    }
}
