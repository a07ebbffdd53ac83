//! What only a peer-learning exchange has (the `PeerExchange` type is made in `record`).

use crate::error::AppError;
use crate::graphql::content::{self};
use crate::graphql::enums::{ExchangeFormat, Participation};
use crate::graphql::loaders::{CohostCountriesOf, ExchangeDetail, OrganizationsOf, RelatedOf};
use crate::graphql::organization::Organization;
use crate::graphql::reference::Country;
use crate::graphql::{load, load_list, tables};
use crate::service::content::peer_exchange::ExchangeOwn;
use async_graphql::{Context, Object};
use chrono::{DateTime, Utc};
use hub_entity::content as row;
use hub_entity::enums::{ContentKind, OrganizationRole};

/// What only a peer exchange has, flattened into `PeerExchange`: its own fields and its co-hosts.
pub struct PeerExchangeExtras(pub row::Model);

#[Object]
impl PeerExchangeExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<PeerExchangeDetails> {
        let detail = load(ctx, ExchangeDetail(self.0.id)).await?;
        Ok(detail.ok_or(AppError::NotFound("peer exchange details"))?.into())
    }

    async fn co_host_countries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Country>> {
        let keys = load_list(ctx, CohostCountriesOf(self.0.id), |l| l.country_iso3).await?;
        Ok(content::sorted_countries(tables(ctx)?.countries(keys).await?))
    }

    async fn co_host_organizations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all
            .into_iter()
            .filter(|(role, _)| *role == OrganizationRole::CoHost)
            .map(|(_, o)| Organization(o))
            .collect())
    }
}

/// The records of `kind` an exchange links to, as the caller may read them.
pub async fn linked(
    ctx: &Context<'_>,
    exchange: &row::Model,
    kind: ContentKind,
) -> async_graphql::Result<Vec<row::Model>> {
    let all = load_list(ctx, RelatedOf(exchange.id), |m: row::Model| m).await?;
    Ok(all.into_iter().filter(|m| m.kind == kind).collect())
}

crate::peer_exchange_own!(graphql_own);
