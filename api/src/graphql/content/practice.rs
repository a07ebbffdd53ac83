//! What only a promising practice has: its own fields, organizations and resources (the `Practice` type is made in
//! `record`).

use crate::error::AppError;
use crate::graphql::enums::{Completion, Date, GeographicLevel, ResourceKind, SubmitterKind};
use crate::graphql::loaders::{OrganizationsOf, PracticeDetail, ResourcesOf};
use crate::graphql::organization::Organization;
use crate::graphql::{load, load_list};
use crate::service::content::practice::PracticeOwn;
use async_graphql::{Context, Object, SimpleObject};
use hub_entity::enums::OrganizationRole;
use hub_entity::{content as row, practice_resource};

/// What only a practice has, flattened into `Practice`: its own fields and its organizations and resources.
pub struct PracticeExtras(pub row::Model);

impl PracticeExtras {
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        role: OrganizationRole,
    ) -> async_graphql::Result<Vec<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all.into_iter().filter(|(r, _)| *r == role).map(|(_, org)| Organization(org)).collect())
    }
}

#[Object]
impl PracticeExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<PracticeDetails> {
        let detail = load(ctx, PracticeDetail(self.0.id)).await?;
        Ok(detail.ok_or(AppError::NotFound("practice details"))?.into())
    }

    async fn main_implementer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(self.organizations(ctx, OrganizationRole::Implementer).await?.into_iter().next())
    }

    async fn partners(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        self.organizations(ctx, OrganizationRole::Partner).await
    }

    async fn resources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Resource>> {
        load_list(ctx, ResourcesOf(self.0.id), Resource::from).await
    }
}

crate::practice_own!(graphql_own);

/// A document, site, video or dataset about a practice.
#[derive(SimpleObject, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub kind: ResourceKind,
}

impl From<practice_resource::Model> for Resource {
    fn from(model: practice_resource::Model) -> Self {
        Resource { title: model.title, url: model.url, kind: model.kind.into() }
    }
}
