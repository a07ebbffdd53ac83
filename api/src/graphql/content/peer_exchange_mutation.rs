//! Peer exchange mutations (editors): create, edit, publish (directly from draft), archive, delete drafts.

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::graphql::content::input::{
    self, ContentChangesInput, DeletePayload, NewContentInput, TagsInput, changed_fields, new_fields, organizations,
};
use crate::graphql::content::peer_exchange::PeerExchangeOwnInput;
use crate::graphql::content::record::PeerExchange;
use crate::graphql::id;
use crate::graphql::{RoleGuard, db, request};
use crate::service::content::editing::{self, CommonFields};
use crate::service::content::peer_exchange::ExchangeFields;
use crate::service::content::workflow::Transition;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use hub_entity::enums::{ContentKind, OrganizationRole};

/// The fields only a peer exchange has; on update, omitted fields stay as they are and given lists replace the old
/// ones.
#[derive(InputObject, Default)]
pub struct PeerExchangeDetailsInput {
    #[graphql(flatten)]
    pub own: PeerExchangeOwnInput,
    /// Co-hosting countries (ISO 3166-1 alpha-3).
    pub co_host_countries: Option<Vec<String>>,
    /// Co-hosting organizations (ids).
    pub co_host_organizations: Option<Vec<ID>>,
    /// Related practices and guidance tools (ids), e.g. the exchange's report.
    pub related: Option<Vec<ID>>,
}

/// A new peer exchange; it starts as a draft.
#[derive(InputObject)]
pub struct CreatePeerExchangeInput {
    #[graphql(flatten)]
    pub content: NewContentInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: PeerExchangeDetailsInput,
}

/// Changes to a peer exchange; omitted fields stay as they are, given lists replace the old ones.
#[derive(InputObject, Default)]
pub struct UpdatePeerExchangeInput {
    #[graphql(flatten)]
    pub content: ContentChangesInput,
    #[graphql(flatten)]
    pub tags: TagsInput,
    #[graphql(flatten)]
    pub details: PeerExchangeDetailsInput,
}

/// A related record: a practice or a guidance tool.
fn related(id: &ID) -> AppResult<i64> {
    match id::decode(id, "related")? {
        (RecordType::PRACTICE | RecordType::GUIDANCE_TOOL, number) => Ok(number),
        _ => Err(AppError::bad_input("related", format!("`{}` is not a practice or guidance tool", id.as_str()))),
    }
}

impl PeerExchangeDetailsInput {
    fn into_fields(self, mut common: CommonFields) -> AppResult<ExchangeFields> {
        common.organizations.extend(organizations(
            OrganizationRole::CoHost,
            "coHostOrganizations",
            self.co_host_organizations.as_deref(),
        )?);
        Ok(ExchangeFields {
            common,
            own: self.own.into(),
            co_host_countries: self.co_host_countries,
            related: self.related.map(|ids| ids.iter().map(related).collect::<AppResult<Vec<_>>>()).transpose()?,
        })
    }
}

#[derive(SimpleObject)]
pub struct PeerExchangePayload {
    pub peer_exchange: PeerExchange,
}

#[derive(Default)]
pub struct PeerExchangeMutation;

const KIND: ContentKind = ContentKind::PeerExchange;

async fn transition(ctx: &Context<'_>, id: &ID, move_: Transition) -> async_graphql::Result<PeerExchangePayload> {
    let row = input::transition(ctx, KIND, id, move_, None).await?;
    Ok(PeerExchangePayload { peer_exchange: PeerExchange(row) })
}

#[Object]
impl PeerExchangeMutation {
    /// Creates a draft peer exchange (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_peer_exchange(
        &self,
        ctx: &Context<'_>,
        input: CreatePeerExchangeInput,
    ) -> async_graphql::Result<PeerExchangePayload> {
        let fields = input.details.into_fields(new_fields(KIND, input.content, input.tags)?)?;
        let row = editing::create(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(PeerExchangePayload { peer_exchange: PeerExchange(row) })
    }

    /// Edits a peer exchange at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_peer_exchange(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdatePeerExchangeInput,
    ) -> async_graphql::Result<PeerExchangePayload> {
        let fields = input.details.into_fields(changed_fields(input.content, input.tags))?;
        let id = input::content_id(&id, KIND, "id")?;
        let row = editing::edit(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(PeerExchangePayload { peer_exchange: PeerExchange(row) })
    }

    /// Publishes a draft or submitted peer exchange (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn publish_peer_exchange(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PeerExchangePayload> {
        transition(ctx, &id, Transition::Publish).await
    }

    /// Archives a published peer exchange (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn archive_peer_exchange(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PeerExchangePayload> {
        transition(ctx, &id, Transition::Archive).await
    }

    /// Deletes a draft peer exchange (editors); admins may take down a peer exchange in any status (permanent,
    /// audited; its translations stay; the change feed says `DELETED`).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_peer_exchange(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        input::delete(ctx, KIND, &id).await
    }
}
