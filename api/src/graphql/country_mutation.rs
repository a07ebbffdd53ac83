//! Admin mutations on the reference lists: countries' GCM Champion status.

use super::enums::Date;
use super::reference::Country;
use super::{RoleGuard, db, request};
use crate::service::countries;
use crate::service::viewer::Role;
use async_graphql::{Context, Object, SimpleObject};

#[derive(SimpleObject)]
pub struct CountryPayload {
    pub country: Country,
}

#[derive(Default)]
pub struct CountryMutation;

#[Object]
impl CountryMutation {
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
