//! What only a guidance tool of the Network's working groups has (the `GuidanceTool` type is made in `record`).

use crate::error::AppError;
use crate::graphql::enums::{Date, ToolKind};
use crate::graphql::loaders::{OrganizationsOf, ReviewById, ToolDetail, ToolLinksOf};
use crate::graphql::organization::Organization;
use crate::graphql::regional_review::RegionalReview;
use crate::graphql::{load, load_list};
use async_graphql::{Context, Object, SimpleObject};
use hub_entity::enums::OrganizationRole;
use hub_entity::{content as row, guidance_tool, guidance_tool_link};

/// What only a guidance tool has, flattened into `GuidanceTool`: its own fields, publisher, links and review.
pub struct GuidanceToolExtras(pub row::Model);

impl GuidanceToolExtras {
    async fn detail(&self, ctx: &Context<'_>) -> async_graphql::Result<guidance_tool::Model> {
        load(ctx, ToolDetail(self.0.id)).await?.ok_or_else(|| AppError::NotFound("guidance tool details").into())
    }
}

#[Object]
impl GuidanceToolExtras {
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
