//! The `coverage` query: counts of published records per GCM objective and region, per year and per country, with
//! the search filter (no text), for partners who draw their own charts of how the Compact is covered.

use super::enums::ContentType;
use super::filter::SearchFilter;
use super::reference::{Country, GcmObjective, Region};
use super::{db, tables};
use crate::service::content::query;
use async_graphql::{Context, Object, SimpleObject};
use std::collections::HashMap;

/// Published records in one (objective, region) pair.
#[derive(SimpleObject)]
pub struct CoverageCell {
    pub objective: GcmObjective,
    pub region: Region,
    pub count: i32,
}

#[derive(SimpleObject)]
pub struct YearCount {
    pub year: i32,
    pub count: i32,
}

#[derive(SimpleObject)]
pub struct CountryCount {
    pub country: Country,
    pub count: i32,
}

/// How the published records that match cover the Compact. A record counts once in every (objective, region) pair,
/// year and country it belongs to, so cells can add up to more than `total`.
#[derive(SimpleObject)]
pub struct Coverage {
    /// How many published records match.
    pub total: i32,
    /// One per (objective, region) pair with a count above 0, by objective then region.
    pub cells: Vec<CoverageCell>,
    /// By year.
    pub years: Vec<YearCount>,
    /// Most records first.
    pub countries: Vec<CountryCount>,
}

fn int(count: u64) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}

#[derive(Default)]
pub struct CoverageQuery;

#[Object]
impl CoverageQuery {
    /// Counts of published records (of `types`, all when omitted) matching the search filter: per GCM objective and
    /// region, per year and per country. Counted in the database, as anonymous readers see the records.
    async fn coverage(
        &self,
        ctx: &Context<'_>,
        types: Option<Vec<ContentType>>,
        filter: Option<SearchFilter>,
    ) -> async_graphql::Result<Coverage> {
        let filter = filter.unwrap_or_default().into_filter(types)?;
        let counts = query::coverage(db(ctx)?, filter).await?;
        let tables = tables(ctx)?;
        let objectives: HashMap<i32, _> = tables
            .objectives(counts.cells.iter().map(|(n, _, _)| *n))
            .await?
            .into_iter()
            .map(|o| (o.number, o))
            .collect();
        let regions: HashMap<String, _> = tables
            .regions(counts.cells.iter().map(|(_, r, _)| r.clone()))
            .await?
            .into_iter()
            .map(|r| (r.key.clone(), r))
            .collect();
        let countries: HashMap<String, _> = tables
            .countries(counts.countries.iter().map(|(c, _)| c.clone()))
            .await?
            .into_iter()
            .map(|c| (c.iso3.clone(), c))
            .collect();
        let cells = counts
            .cells
            .into_iter()
            .filter_map(|(objective, region, count)| {
                Some(CoverageCell {
                    objective: GcmObjective(objectives.get(&objective)?.clone()),
                    region: Region(regions.get(&region)?.clone()),
                    count: int(count),
                })
            })
            .collect();
        Ok(Coverage {
            total: int(counts.total),
            cells,
            years: counts.years.into_iter().map(|(year, count)| YearCount { year, count: int(count) }).collect(),
            countries: counts
                .countries
                .into_iter()
                .filter_map(|(code, count)| {
                    Some(CountryCount { country: Country(countries.get(&code)?.clone()), count: int(count) })
                })
                .collect(),
        })
    }
}
