//! Reference lists: GCM objectives, guiding principles, regions, countries, themes.

use super::enums::Date;
use super::{db, tables};
use crate::service::reference;
use async_graphql::{Context, Object};
use hub_entity::{country, objective, principle, region, theme};

/// One of the 23 objectives of the Global Compact.
#[derive(Clone)]
pub struct GcmObjective(pub objective::Model);

#[Object]
impl GcmObjective {
    async fn number(&self) -> i32 {
        self.0.number
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// The official title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// A short label for facets and chips (not an official title).
    async fn short_label(&self) -> &str {
        &self.0.short_label
    }
}

/// One of the ten cross-cutting guiding principles.
#[derive(Clone)]
pub struct GuidingPrinciple(pub principle::Model);

#[Object]
impl GuidingPrinciple {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn name(&self) -> &str {
        &self.0.name
    }
}

/// A region of the GCM regional review processes.
#[derive(Clone)]
pub struct Region(pub region::Model);

#[Object]
impl Region {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The UN regional commission convening the region's review.
    async fn commission(&self) -> &str {
        &self.0.commission
    }
}

/// A country or territory (ISO 3166-1).
#[derive(Clone)]
pub struct Country(pub country::Model);

#[Object]
impl Country {
    /// ISO 3166-1 alpha-3 code.
    async fn iso3(&self) -> &str {
        &self.0.iso3
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The regional review process the country takes part in.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        match &self.0.region_key {
            Some(key) => Ok(tables(ctx)?.regions([key.clone()]).await?.pop().map(Region)),
            None => Ok(None),
        }
    }

    /// Whether the country has offered to act as a GCM Champion.
    async fn is_champion(&self) -> bool {
        self.0.is_champion
    }

    async fn champion_since(&self) -> Option<Date> {
        self.0.champion_since.map(Date)
    }
}

#[derive(Clone)]
pub struct Theme(pub theme::Model);

#[Object]
impl Theme {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn name(&self) -> &str {
        &self.0.name
    }
}

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// The 23 GCM objectives, by number.
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GcmObjective>> {
        Ok(reference::objectives(db(ctx)?).await?.into_iter().map(GcmObjective).collect())
    }

    /// The ten guiding principles.
    async fn guiding_principles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidingPrinciple>> {
        Ok(reference::principles(db(ctx)?).await?.into_iter().map(GuidingPrinciple).collect())
    }

    async fn regions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Region>> {
        Ok(reference::regions(db(ctx)?).await?.into_iter().map(Region).collect())
    }

    /// Every country and territory by name, or only the GCM Champions.
    async fn countries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] champions_only: bool,
    ) -> async_graphql::Result<Vec<Country>> {
        Ok(reference::countries(db(ctx)?, champions_only).await?.into_iter().map(Country).collect())
    }

    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(reference::themes(db(ctx)?).await?.into_iter().map(Theme).collect())
    }
}
