//! Guidance tool mutations (editors): create, edit, publish (directly from draft), archive, delete drafts.

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::content::guidance_tool::GuidanceToolOwnInput;
use crate::graphql::content::input::organizations;
use crate::graphql::content::record::GuidanceTool;
use crate::graphql::id;
use crate::service::content::editing::CommonFields;
use crate::service::content::guidance_tool::ToolFields;
use async_graphql::{ID, InputObject};
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

crate::content_mutations! {
    GuidanceTool(ContentKind::GuidanceTool), author Role::Editor, details GuidanceToolDetailsInput;
    /// A new guidance tool; it starts as a draft.
    create input CreateGuidanceToolInput;
    /// Changes to a guidance tool; omitted fields stay as they are, given lists replace the old ones.
    update input UpdateGuidanceToolInput;
    payload GuidanceToolPayload { guidance_tool };
    mutation GuidanceToolMutation {
        /// Creates a draft guidance tool (editors).
        create_guidance_tool;
        /// Edits a guidance tool at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
        update_guidance_tool;
        moves {}
        /// Publishes a draft or submitted guidance tool (editors).
        publish_guidance_tool;
        /// Archives a published guidance tool (editors).
        archive_guidance_tool;
        /// Deletes a draft guidance tool (editors); admins may take down a guidance tool in any status (permanent,
        /// audited; its translations stay; the change feed says `DELETED`).
        delete_guidance_tool;
    }
}
