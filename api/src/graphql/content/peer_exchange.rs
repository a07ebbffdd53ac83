//! Peer-learning exchanges: the `PeerExchange` type and its queries.

use crate::domain::kind::RecordType;
use crate::error::AppError;
use crate::graphql::connection::Connection;
use crate::graphql::content::guidance_tool::GuidanceTool;
use crate::graphql::content::practice::Practice;
use crate::graphql::content::{self, ContentFields, ListFilterFields, ListOrderFields};
use crate::graphql::enums::{ExchangeFormat, Participation};
use crate::graphql::id;
use crate::graphql::loaders::{CohostCountriesOf, ExchangeDetail, OrganizationsOf, RelatedOf};
use crate::graphql::organization::Organization;
use crate::graphql::reference::Country;
use crate::graphql::search::{NeverNull, SearchNode};
use crate::graphql::{load, load_list, tables};
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::enums::{ContentKind, OrganizationRole};
use hub_entity::{content as row, peer_exchange};

/// Filters on peer exchanges: AND across fields, OR within a list.
#[derive(InputObject, Default, Debug)]
pub struct PeerExchangeFilter {
    #[graphql(flatten)]
    pub fields: ListFilterFields,
}

/// How to order peer exchanges.
#[derive(InputObject, Default, Debug, Clone, Copy)]
pub struct PeerExchangeOrder {
    #[graphql(flatten)]
    pub fields: ListOrderFields,
}

/// A peer-learning exchange among governments and stakeholders (for example on alternatives to detention).
#[derive(Clone)]
pub struct PeerExchange(pub row::Model);

impl PeerExchange {
    async fn linked(&self, ctx: &Context<'_>, kind: ContentKind) -> async_graphql::Result<Vec<row::Model>> {
        let all = load_list(ctx, RelatedOf(self.0.id), |m: row::Model| m).await?;
        Ok(all.into_iter().filter(|m| m.kind == kind).collect())
    }
}

#[Object]
impl PeerExchange {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::PEER_EXCHANGE, self.0.id)
    }

    #[graphql(flatten)]
    async fn common(&self) -> ContentFields {
        ContentFields(self.0.clone())
    }

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

    /// Practices presented or discussed, as the caller may read them.
    async fn related_practices(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Practice>> {
        Ok(self.linked(ctx, ContentKind::Practice).await?.into_iter().map(Practice).collect())
    }

    /// Guidance tools it produced or used (for example its report).
    async fn related_guidance_tools(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidanceTool>> {
        Ok(self.linked(ctx, ContentKind::GuidanceTool).await?.into_iter().map(GuidanceTool).collect())
    }

    /// What happened to the record, oldest first (editors).
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<crate::graphql::audit::AuditEvent>> {
        crate::graphql::audit::history(ctx, self.0.id).await
    }

    /// The same exchange described in other languages.
    async fn translations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PeerExchange>> {
        content::translations(ctx, &self.0, PeerExchange).await
    }

    /// Published records like this one (of any type), by shared objectives, themes, countries and words, best
    /// first; never this record nor its translations. `first`: 1 to 20.
    async fn related(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Some(5)")] first: Option<i32>,
    ) -> async_graphql::Result<Vec<NeverNull<SearchNode>>> {
        crate::graphql::search::related(ctx, &self.0, first).await
    }
}

/// The fields only a peer exchange has (flattened into `PeerExchange`).
#[derive(SimpleObject)]
pub struct PeerExchangeDetails {
    series: Option<String>,
    /// Its number within the series.
    number: Option<i32>,
    format: ExchangeFormat,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    /// The Network working group organizing it.
    working_group: Option<String>,
    participation: Participation,
    /// Whether the Chatham House rule applies to what is said.
    chatham_house: bool,
    outcomes: Option<String>,
}

impl From<peer_exchange::Model> for PeerExchangeDetails {
    fn from(m: peer_exchange::Model) -> Self {
        PeerExchangeDetails {
            series: m.series,
            number: m.number,
            format: m.format.into(),
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            working_group: m.working_group,
            participation: m.participation.into(),
            chatham_house: m.chatham_house,
            outcomes: m.outcomes,
        }
    }
}

#[derive(Default)]
pub struct PeerExchangeQuery;

#[Object]
impl PeerExchangeQuery {
    #[allow(clippy::too_many_arguments)]
    async fn peer_exchanges(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PeerExchangeFilter>,
        order_by: Option<PeerExchangeOrder>,
    ) -> async_graphql::Result<Connection<PeerExchange>> {
        let args = PageArgs { first, after, last, before };
        let (filter, order) = (filter.unwrap_or_default().fields, order_by.unwrap_or_default().fields);
        content::list(ctx, ContentKind::PeerExchange, args, filter, order, PeerExchange).await
    }

    async fn peer_exchange(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<PeerExchange>> {
        content::one(ctx, ContentKind::PeerExchange, id, slug, PeerExchange).await
    }
}
