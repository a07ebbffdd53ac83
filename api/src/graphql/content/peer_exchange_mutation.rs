//! Peer exchange mutations (editors): create, edit, publish (directly from draft), archive, delete drafts.

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::graphql::content::input::organizations;
use crate::graphql::content::peer_exchange::PeerExchangeOwnInput;
use crate::graphql::content::record::PeerExchange;
use crate::graphql::id;
use crate::service::content::editing::CommonFields;
use crate::service::content::peer_exchange::ExchangeFields;
use async_graphql::{ID, InputObject};
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

crate::content_mutations! {
    PeerExchange(ContentKind::PeerExchange), author Role::Editor, details PeerExchangeDetailsInput;
    /// A new peer exchange; it starts as a draft.
    create input CreatePeerExchangeInput;
    /// Changes to a peer exchange; omitted fields stay as they are, given lists replace the old ones.
    update input UpdatePeerExchangeInput;
    payload PeerExchangePayload { peer_exchange };
    mutation PeerExchangeMutation {
        /// Creates a draft peer exchange (editors).
        create_peer_exchange;
        /// Edits a peer exchange at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
        update_peer_exchange;
        moves {}
        /// Publishes a draft or submitted peer exchange (editors).
        publish_peer_exchange;
        /// Archives a published peer exchange (editors).
        archive_peer_exchange;
        /// Deletes a draft peer exchange (editors); admins may take down a peer exchange in any status (permanent,
        /// audited; its translations stay; the change feed says `DELETED`).
        delete_peer_exchange;
    }
}
