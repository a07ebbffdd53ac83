//! What only a collection has (the `Collection` type and its queries are made in `record`): its own fields from its
//! declaration, and its curator.

use crate::error::AppError;
use crate::graphql::load;
use crate::graphql::load_list;
use crate::graphql::loaders::{CollectionDetail, OrganizationsOf};
use crate::graphql::organization::Organization;
use crate::service::content::collection::CollectionOwn;
use async_graphql::{Context, Object};
use hub_entity::content as row;
use hub_entity::enums::OrganizationRole;

/// What only a collection has, flattened into `Collection`.
pub struct CollectionExtras(pub row::Model);

#[Object]
impl CollectionExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<CollectionDetails> {
        let detail = load(ctx, CollectionDetail(self.0.id)).await?;
        Ok(detail.ok_or(AppError::NotFound("collection details"))?.into())
    }

    /// The organization that curates the collection.
    async fn curator(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all.into_iter().find(|(role, _)| *role == OrganizationRole::Curator).map(|(_, o)| Organization(o)))
    }
}

crate::collection_own!(graphql_own);
