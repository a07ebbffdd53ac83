//! Mutations on the reference lists: themes (editors); the fixed lists' wording and countries' GCM Champion status
//! (admins).

use super::enums::Date;
use super::language::LanguageCode;
use super::reference::{Country, GcmObjective, GuidingPrinciple, Region, Theme};
use super::{RoleGuard, db, request};
use crate::domain::viewer::Role;
use crate::service::{countries, fixed_lists, labels, themes};
use async_graphql::{Context, InputObject, Object, SimpleObject};

#[derive(SimpleObject)]
pub struct CountryPayload {
    pub country: Country,
}

#[derive(SimpleObject)]
pub struct ThemePayload {
    pub theme: Theme,
}

#[derive(SimpleObject)]
pub struct DeleteThemePayload {
    pub deleted_key: String,
}

#[derive(SimpleObject)]
pub struct ObjectivePayload {
    pub objective: GcmObjective,
}

#[derive(SimpleObject)]
pub struct GuidingPrinciplePayload {
    pub guiding_principle: GuidingPrinciple,
}

#[derive(SimpleObject)]
pub struct RegionPayload {
    pub region: Region,
}

/// A new theme.
#[derive(InputObject)]
pub struct CreateThemeInput {
    /// 2 to 40 lowercase letters, digits, hyphens or underscores; it never changes.
    pub key: String,
    pub name: String,
    /// Where it sorts; last when omitted.
    pub position: Option<i32>,
}

/// Changes to a theme; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateThemeInput {
    pub name: Option<String>,
    pub position: Option<i32>,
}

/// Changes to an objective's wording.
#[derive(InputObject)]
pub struct UpdateObjectiveInput {
    pub title: Option<String>,
    pub short_label: Option<String>,
}

/// Changes to a guiding principle's wording.
#[derive(InputObject)]
pub struct UpdateGuidingPrincipleInput {
    pub name: Option<String>,
}

/// Changes to a review region's wording.
#[derive(InputObject)]
pub struct UpdateRegionInput {
    pub name: Option<String>,
    pub commission: Option<String>,
}

#[derive(Default)]
pub struct ReferenceMutation;

#[Object]
impl ReferenceMutation {
    /// Adds a theme (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_theme(&self, ctx: &Context<'_>, input: CreateThemeInput) -> async_graphql::Result<ThemePayload> {
        let viewer = &request(ctx)?.viewer;
        let row = themes::create(db(ctx)?, viewer, &input.key, &input.name, input.position).await?;
        Ok(ThemePayload { theme: Theme(row) })
    }

    /// Renames or moves a theme at `version` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_theme(
        &self,
        ctx: &Context<'_>,
        key: String,
        version: i32,
        input: UpdateThemeInput,
    ) -> async_graphql::Result<ThemePayload> {
        let viewer = &request(ctx)?.viewer;
        let row = themes::update(db(ctx)?, viewer, &key, version, input.name, input.position).await?;
        Ok(ThemePayload { theme: Theme(row) })
    }

    /// Sets a theme's name in a language other than English at `version` (editors); a null or empty `name` removes
    /// it, so that the theme shows its English name in that language. Audited; the theme's version moves on.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn set_theme_name(
        &self,
        ctx: &Context<'_>,
        key: String,
        version: i32,
        language: LanguageCode,
        name: Option<String>,
    ) -> async_graphql::Result<ThemePayload> {
        let viewer = &request(ctx)?.viewer;
        let row = labels::set_theme_name(db(ctx)?, viewer, &key, version, language.into(), name).await?;
        Ok(ThemePayload { theme: Theme(row) })
    }

    /// Removes a theme no record is tagged with (editors); one in use is `CONFLICT`.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_theme(&self, ctx: &Context<'_>, key: String) -> async_graphql::Result<DeleteThemePayload> {
        let deleted_key = themes::delete(db(ctx)?, &request(ctx)?.viewer, &key).await?;
        Ok(DeleteThemePayload { deleted_key })
    }

    /// Rewords a GCM objective at `version` (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_objective(
        &self,
        ctx: &Context<'_>,
        number: i32,
        version: i32,
        input: UpdateObjectiveInput,
    ) -> async_graphql::Result<ObjectivePayload> {
        let viewer = &request(ctx)?.viewer;
        let row =
            fixed_lists::update_objective(db(ctx)?, viewer, number, version, input.title, input.short_label).await?;
        Ok(ObjectivePayload { objective: GcmObjective(row) })
    }

    /// Renames a guiding principle at `version` (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_guiding_principle(
        &self,
        ctx: &Context<'_>,
        key: String,
        version: i32,
        input: UpdateGuidingPrincipleInput,
    ) -> async_graphql::Result<GuidingPrinciplePayload> {
        let row = fixed_lists::update_principle(db(ctx)?, &request(ctx)?.viewer, &key, version, input.name).await?;
        Ok(GuidingPrinciplePayload { guiding_principle: GuidingPrinciple(row) })
    }

    /// Renames a review region at `version` (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        key: String,
        version: i32,
        input: UpdateRegionInput,
    ) -> async_graphql::Result<RegionPayload> {
        let viewer = &request(ctx)?.viewer;
        let row = fixed_lists::update_region(db(ctx)?, viewer, &key, version, input.name, input.commission).await?;
        Ok(RegionPayload { region: Region(row) })
    }

    /// Marks a country as a GCM Champion since `since`, or (with `isChampion: false`) removes the status (admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn set_country_champion(
        &self,
        ctx: &Context<'_>,
        iso3: String,
        is_champion: bool,
        since: Option<Date>,
    ) -> async_graphql::Result<CountryPayload> {
        let viewer = &request(ctx)?.viewer;
        let row = countries::set_champion(db(ctx)?, viewer, &iso3, is_champion, since.map(|d| d.0)).await?;
        Ok(CountryPayload { country: Country(row) })
    }
}
