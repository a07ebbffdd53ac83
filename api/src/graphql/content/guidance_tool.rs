//! Guidance tools of the Network's working groups: the `GuidanceTool` type and its queries.

use crate::domain::kind::RecordType;
use crate::error::AppError;
use crate::graphql::connection::Connection;
use crate::graphql::content::{self, ContentFields, ListFilterFields, ListOrderFields};
use crate::graphql::enums::{Date, ToolKind};
use crate::graphql::id;
use crate::graphql::loaders::{OrganizationsOf, ReviewById, ToolDetail, ToolLinksOf};
use crate::graphql::organization::Organization;
use crate::graphql::regional_review::RegionalReview;
use crate::graphql::search::{NeverNull, SearchNode};
use crate::graphql::{load, load_list};
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use hub_entity::enums::{ContentKind, OrganizationRole};
use hub_entity::{content as row, guidance_tool, guidance_tool_link};

/// Filters on guidance tools: AND across fields, OR within a list.
#[derive(InputObject, Default, Debug)]
pub struct GuidanceToolFilter {
    #[graphql(flatten)]
    pub fields: ListFilterFields,
}

/// How to order guidance tools.
#[derive(InputObject, Default, Debug, Clone, Copy)]
pub struct GuidanceToolOrder {
    #[graphql(flatten)]
    pub fields: ListOrderFields,
}

/// A guidance note, toolkit, policy brief, handbook, training, report or statement.
#[derive(Clone)]
pub struct GuidanceTool(pub row::Model);

impl GuidanceTool {
    async fn detail(&self, ctx: &Context<'_>) -> async_graphql::Result<guidance_tool::Model> {
        load(ctx, ToolDetail(self.0.id)).await?.ok_or_else(|| AppError::NotFound("guidance tool details").into())
    }
}

#[Object]
impl GuidanceTool {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::GUIDANCE_TOOL, self.0.id)
    }

    #[graphql(flatten)]
    async fn common(&self) -> ContentFields {
        ContentFields(self.0.clone())
    }

    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<GuidanceToolDetails> {
        Ok(self.detail(ctx).await?.into())
    }

    async fn publisher(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all.into_iter().find(|(role, _)| *role == OrganizationRole::Publisher).map(|(_, org)| Organization(org)))
    }

    /// Where to read it, one URL per language.
    async fn links(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ToolLink>> {
        load_list(ctx, ToolLinksOf(self.0.id), ToolLink::from).await
    }

    async fn regional_review(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<RegionalReview>> {
        match self.detail(ctx).await?.regional_review_id {
            Some(review) => Ok(load(ctx, ReviewById(review)).await?.map(RegionalReview)),
            None => Ok(None),
        }
    }

    /// What happened to the record, oldest first (editors).
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<crate::graphql::audit::AuditEvent>> {
        crate::graphql::audit::history(ctx, self.0.id).await
    }

    /// The same tool in other languages.
    async fn translations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidanceTool>> {
        content::translations(ctx, &self.0, GuidanceTool).await
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

/// The fields only a guidance tool has (flattened into `GuidanceTool`).
#[derive(SimpleObject)]
pub struct GuidanceToolDetails {
    tool_kind: ToolKind,
    target_audience: Option<String>,
    geographic_scope: Option<String>,
    /// The Network working group that produced it.
    working_group: Option<String>,
    publication_date: Option<Date>,
}

impl From<guidance_tool::Model> for GuidanceToolDetails {
    fn from(m: guidance_tool::Model) -> Self {
        GuidanceToolDetails {
            tool_kind: m.tool_kind.into(),
            target_audience: m.target_audience,
            geographic_scope: m.geographic_scope,
            working_group: m.working_group,
            publication_date: m.publication_date.map(Date),
        }
    }
}

#[derive(SimpleObject, Clone)]
pub struct ToolLink {
    pub language: String,
    pub url: String,
}

impl From<guidance_tool_link::Model> for ToolLink {
    fn from(model: guidance_tool_link::Model) -> Self {
        ToolLink { language: model.language, url: model.url }
    }
}

#[derive(Default)]
pub struct GuidanceToolQuery;

#[Object]
impl GuidanceToolQuery {
    #[allow(clippy::too_many_arguments)]
    async fn guidance_tools(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<GuidanceToolFilter>,
        order_by: Option<GuidanceToolOrder>,
    ) -> async_graphql::Result<Connection<GuidanceTool>> {
        let args = PageArgs { first, after, last, before };
        let (filter, order) = (filter.unwrap_or_default().fields, order_by.unwrap_or_default().fields);
        content::list(ctx, ContentKind::GuidanceTool, args, filter, order, GuidanceTool).await
    }

    async fn guidance_tool(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<GuidanceTool>> {
        content::one(ctx, ContentKind::GuidanceTool, id, slug, GuidanceTool).await
    }
}
