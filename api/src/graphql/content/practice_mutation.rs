//! Practice mutations: create and edit drafts, move them along the workflow, delete drafts.

use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::content::input::{
    self, ContentChangesInput, DeletePayload, NewContentInput, TagsInput, changed_fields, new_fields, organizations,
};
use crate::graphql::content::practice::PracticeOwnInput;
use crate::graphql::content::record::Practice;
use crate::graphql::enums::ResourceKind;
use crate::graphql::{RoleGuard, db, request};
use crate::service::content::editing::{self, CommonFields};
use crate::service::content::practice::{PracticeFields, Resource};
use crate::service::content::workflow::Transition;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
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

/// A new practice; it starts as a draft owned by the caller.
#[derive(InputObject)]
pub struct CreatePracticeInput {
    #[graphql(flatten)]
    pub content: NewContentInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: PracticeDetailsInput,
}

/// Changes to a practice; omitted fields stay as they are, given lists replace the old ones.
#[derive(InputObject, Default)]
pub struct UpdatePracticeInput {
    #[graphql(flatten)]
    pub content: ContentChangesInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: PracticeDetailsInput,
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

#[derive(SimpleObject)]
pub struct PracticePayload {
    pub practice: Practice,
}

#[derive(Default)]
pub struct PracticeMutation;

const KIND: ContentKind = ContentKind::Practice;

async fn transition(
    ctx: &Context<'_>,
    id: &ID,
    move_: Transition,
    note: Option<String>,
) -> async_graphql::Result<PracticePayload> {
    Ok(PracticePayload { practice: Practice(input::transition(ctx, KIND, id, move_, note).await?) })
}

#[Object]
impl PracticeMutation {
    /// Creates a draft practice owned by the caller (contributors and up).
    #[graphql(guard = "RoleGuard(Role::Contributor)")]
    async fn create_practice(
        &self,
        ctx: &Context<'_>,
        input: CreatePracticeInput,
    ) -> async_graphql::Result<PracticePayload> {
        let fields = input.details.into_fields(new_fields(KIND, input.content, input.tags)?)?;
        let row = editing::create(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(PracticePayload { practice: Practice(row) })
    }

    /// Edits a practice at `version` (the one the caller read); a stale version is `CONFLICT`.
    #[graphql(guard = "RoleGuard(Role::Contributor)")]
    async fn update_practice(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdatePracticeInput,
    ) -> async_graphql::Result<PracticePayload> {
        let fields = input.details.into_fields(changed_fields(input.content, input.tags))?;
        let id = input::content_id(&id, KIND, "id")?;
        let row = editing::edit(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(PracticePayload { practice: Practice(row) })
    }

    /// Sends a draft (or a practice with requested changes) for review.
    #[graphql(guard = "RoleGuard(Role::Contributor)")]
    async fn submit_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Submit, None).await
    }

    /// Returns a submitted practice to its submitter with a note (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn request_practice_changes(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: String,
    ) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::RequestChanges, Some(note)).await
    }

    /// Publishes a submitted practice (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn publish_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Publish, None).await
    }

    /// Archives a published practice (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn archive_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Archive, None).await
    }

    /// Deletes a draft; admins may take down a practice in any status (permanent, audited; its translations stay;
    /// the change feed says `DELETED`).
    #[graphql(guard = "RoleGuard(Role::Contributor)")]
    async fn delete_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        input::delete(ctx, KIND, &id).await
    }
}
