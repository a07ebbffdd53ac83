//! What only a guidance tool of the Network's working groups has (the `GuidanceTool` type is made in `record`).

use crate::error::AppError;
use crate::graphql::enums::{Date, ToolKind};
use crate::graphql::loaders::{OrganizationsOf, ToolDetail, ToolLinksOf};
use crate::graphql::organization::Organization;
use crate::graphql::{load, load_list};
use crate::service::content::guidance_tool::ToolOwn;
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
}

crate::guidance_tool_own!(graphql_own);

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
