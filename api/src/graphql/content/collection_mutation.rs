//! Collection mutations (editors): create, edit (feature it), set its items in order, publish, archive, delete
//! drafts.

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::graphql::content::collection::CollectionOwnInput;
use crate::graphql::content::input::{content_id, organizations};
use crate::graphql::content::record::Collection;
use crate::graphql::{db, id, request};
use crate::service::content::collection::{CollectionFields, Item};
use crate::service::content::editing::{self, CommonFields};
use async_graphql::{Context, ID, InputObject};
use hub_entity::enums::{ContentKind, OrganizationRole};

/// One item of a collection, in the order given.
#[derive(InputObject)]
pub struct CollectionItemInput {
    /// A published practice, guidance tool or peer exchange.
    pub record: ID,
    /// Why the editors chose it (at most 2000 characters).
    pub note: Option<String>,
}

/// The fields only a collection has; on update, omitted fields stay as they are and given items replace the list.
#[derive(InputObject, Default)]
pub struct CollectionDetailsInput {
    #[graphql(flatten)]
    pub own: CollectionOwnInput,
    /// The curating organization (an id).
    pub curator: Option<ID>,
    /// The items, in order (at most 100).
    pub items: Option<Vec<CollectionItemInput>>,
}

fn items(given: Vec<CollectionItemInput>) -> AppResult<Vec<Item>> {
    given
        .into_iter()
        .map(|item| match id::decode(&item.record, "items.record")? {
            (RecordType::Content(_), record) => Ok(Item { record, note: item.note }),
            _ => Err(AppError::bad_input("items.record", "an item is a practice, a guidance tool or a peer exchange")),
        })
        .collect()
}

impl CollectionDetailsInput {
    fn into_fields(self, mut common: CommonFields) -> AppResult<CollectionFields> {
        let curator = self.curator.map(|id| vec![id]);
        common.organizations.extend(organizations(OrganizationRole::Curator, "curator", curator.as_deref())?);
        Ok(CollectionFields { common, own: self.own.into(), items: self.items.map(items).transpose()? })
    }
}

crate::content_mutations! {
    Collection(ContentKind::Collection), author Role::Editor, details CollectionDetailsInput;
    /// A new collection; it starts as a draft.
    create input CreateCollectionInput;
    /// Changes to a collection; omitted fields stay as they are, given lists replace the old ones.
    update input UpdateCollectionInput;
    payload CollectionPayload { collection };
    mutation CollectionMutation {
        /// Creates a draft collection (editors).
        create_collection;
        /// Edits a collection at `version` (the one the caller read), featuring it or not; a stale version is
        /// `CONFLICT` (editors).
        update_collection;
        moves {
            /// Sets a collection's items, in order, at `version` (the one the caller read): adds, removes and
            /// reorders in one step. Each item is a published practice, guidance tool or peer exchange; a stale
            /// version is `CONFLICT` (editors; audited as an update).
            #[graphql(guard = crate::graphql::RoleGuard(Role::Editor))]
            async fn set_collection_items(
                &self,
                ctx: &Context<'_>,
                id: ID,
                version: i32,
                items: Vec<CollectionItemInput>,
            ) -> async_graphql::Result<CollectionPayload> {
                let fields = CollectionFields { items: Some(self::items(items)?), ..CollectionFields::default() };
                let id = content_id(&id, ContentKind::Collection, "id")?;
                let row = editing::edit(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
                Ok(CollectionPayload { collection: Collection(row) })
            }
        }
        /// Publishes a draft collection (editors): the public sees it and its published items from then on.
        publish_collection;
        /// Archives a published collection (editors).
        archive_collection;
        /// Deletes a draft collection (editors); admins may take down a collection in any status (permanent,
        /// audited; its items are not touched).
        delete_collection;
    }
}
