//! Guidance tool mutations (editors): create, edit, publish (directly from draft), archive, delete drafts.

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::content::guidance_tool::GuidanceToolOwnInput;
use crate::graphql::content::input::{
    self, ContentChangesInput, DeletePayload, NewContentInput, TagsInput, changed_fields, new_fields, organizations,
};
use crate::graphql::content::record::GuidanceTool;
use crate::graphql::id;
use crate::graphql::{RoleGuard, db, request};
use crate::service::content::editing::{self, CommonFields};
use crate::service::content::guidance_tool::ToolFields;
use crate::service::content::workflow::Transition;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use hub_entity::enums::{ContentKind, OrganizationRole};

/// A tool's URL in one language.
#[derive(InputObject)]
pub struct ToolLinkInput {
    /// BCP 47 tag.
    pub language: String,
    /// An http(s) URL.
    pub url: String,
}

/// The fields only a guidance tool has; on update, omitted fields stay as they are and given lists replace the old
/// ones.
#[derive(InputObject, Default)]
pub struct GuidanceToolDetailsInput {
    #[graphql(flatten)]
    pub own: GuidanceToolOwnInput,
    /// The regional review it belongs to (a `RegionalReview` id).
    pub regional_review: Option<ID>,
    /// The publishing organization (an id).
    pub publisher: Option<ID>,
    pub links: Option<Vec<ToolLinkInput>>,
}

/// A new guidance tool; it starts as a draft.
#[derive(InputObject)]
pub struct CreateGuidanceToolInput {
    #[graphql(flatten)]
    pub content: NewContentInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: GuidanceToolDetailsInput,
}

/// Changes to a guidance tool; omitted fields stay as they are, given lists replace the old ones.
#[derive(InputObject, Default)]
pub struct UpdateGuidanceToolInput {
    #[graphql(flatten)]
    pub content: ContentChangesInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: GuidanceToolDetailsInput,
}

impl GuidanceToolDetailsInput {
    fn into_fields(self, mut common: CommonFields) -> AppResult<ToolFields> {
        let publisher = self.publisher.map(|id| vec![id]);
        common.organizations.extend(organizations(OrganizationRole::Publisher, "publisher", publisher.as_deref())?);
        Ok(ToolFields {
            common,
            own: self.own.into(),
            regional_review: self
                .regional_review
                .map(|id| id::decode_as(&id, RecordType::RegionalReview, "regionalReview"))
                .transpose()?,
            links: self.links.map(|links| links.into_iter().map(|l| (l.language, l.url)).collect()),
        })
    }
}

#[derive(SimpleObject)]
pub struct GuidanceToolPayload {
    pub guidance_tool: GuidanceTool,
}

#[derive(Default)]
pub struct GuidanceToolMutation;

const KIND: ContentKind = ContentKind::GuidanceTool;

async fn transition(ctx: &Context<'_>, id: &ID, move_: Transition) -> async_graphql::Result<GuidanceToolPayload> {
    let row = input::transition(ctx, KIND, id, move_, None).await?;
    Ok(GuidanceToolPayload { guidance_tool: GuidanceTool(row) })
}

#[Object]
impl GuidanceToolMutation {
    /// Creates a draft guidance tool (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_guidance_tool(
        &self,
        ctx: &Context<'_>,
        input: CreateGuidanceToolInput,
    ) -> async_graphql::Result<GuidanceToolPayload> {
        let fields = input.details.into_fields(new_fields(KIND, input.content, input.tags)?)?;
        let row = editing::create(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(GuidanceToolPayload { guidance_tool: GuidanceTool(row) })
    }

    /// Edits a guidance tool at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_guidance_tool(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdateGuidanceToolInput,
    ) -> async_graphql::Result<GuidanceToolPayload> {
        let fields = input.details.into_fields(changed_fields(input.content, input.tags))?;
        let id = input::content_id(&id, KIND, "id")?;
        let row = editing::edit(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(GuidanceToolPayload { guidance_tool: GuidanceTool(row) })
    }

    /// Publishes a draft or submitted guidance tool (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn publish_guidance_tool(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<GuidanceToolPayload> {
        transition(ctx, &id, Transition::Publish).await
    }

    /// Archives a published guidance tool (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn archive_guidance_tool(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<GuidanceToolPayload> {
        transition(ctx, &id, Transition::Archive).await
    }

    /// Deletes a draft guidance tool (editors); admins may take down a guidance tool in any status (permanent,
    /// audited; its translations stay; the change feed says `DELETED`).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_guidance_tool(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        input::delete(ctx, KIND, &id).await
    }
}
