//! GCM regional reviews and the voluntary submissions made to them.

use super::enums::Date;
use super::id;
use super::loaders::{OrganizationById, SubmissionsOf};
use super::organization::Organization;
use super::reference::{Country, Region};
use super::{db, load, load_list, tables};
use crate::domain::kind::RecordType;
use crate::service::reference;
use async_graphql::{Context, ID, Object};
use hub_entity::{regional_review, review_submission};

/// A regional review process feeding the International Migration Review Forum.
#[derive(Clone)]
pub struct RegionalReview(pub regional_review::Model);

#[Object]
impl RegionalReview {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::RegionalReview, self.0.id)
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn key(&self) -> &str {
        &self.0.key
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The UN regional commission convening it.
    async fn commission(&self) -> &str {
        &self.0.commission
    }

    /// When the first review was held: `YYYY` or `YYYY-MM`.
    async fn first_review(&self) -> &str {
        &self.0.first_review
    }

    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        Ok(tables(ctx)?.regions([self.0.region_key.clone()]).await?.pop().map(Region))
    }

    /// Voluntary inputs of Member States and stakeholders, oldest first.
    async fn submissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ReviewSubmission>> {
        load_list(ctx, SubmissionsOf(self.0.id), ReviewSubmission).await
    }
}

/// A voluntary input to a regional review, by a country or an organization.
#[derive(Clone)]
pub struct ReviewSubmission(pub review_submission::Model);

#[Object]
impl ReviewSubmission {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::ReviewSubmission, self.0.id)
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn submitted_on(&self) -> Date {
        Date(self.0.submitted_on)
    }

    async fn summary(&self) -> &str {
        &self.0.summary
    }

    async fn document_url(&self) -> Option<&str> {
        self.0.document_url.as_deref()
    }

    async fn language(&self) -> &str {
        &self.0.language
    }

    async fn submitter_country(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Country>> {
        match &self.0.submitter_country_iso3 {
            Some(code) => Ok(tables(ctx)?.countries([code.clone()]).await?.pop().map(Country)),
            None => Ok(None),
        }
    }

    async fn submitter_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        match self.0.submitter_organization_id {
            Some(org) => Ok(load(ctx, OrganizationById(org)).await?.map(Organization)),
            None => Ok(None),
        }
    }
}

#[derive(Default)]
pub struct RegionalReviewQuery;

#[Object]
impl RegionalReviewQuery {
    /// The five regional review processes.
    async fn regional_reviews(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RegionalReview>> {
        Ok(reference::regional_reviews(db(ctx)?).await?.into_iter().map(RegionalReview).collect())
    }
}
