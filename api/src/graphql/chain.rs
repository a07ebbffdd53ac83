//! The chain of the Network's background note, read from the API: `priorities` (what the regional reviews report as
//! challenges and priorities, against what is published), `countryProfile` (a country's records, submissions and
//! reports) and `peerMatches` (whom a country could learn from). The rules live in `service::priorities` and
//! `service::peers`; this module names the content types and the reference types, above both.

use super::connection::Connection;
use super::content::record::{PeerExchange, Practice, ReviewSubmission, SearchNode};
use super::content::{ListFilterFields, ListOrderFields};
use super::enums::ContentStatus;
use super::filter::FilterFields;
use super::never_null::NeverNull;
use super::reference::{Country, GcmObjective};
use super::{db, request, tables};
use crate::error::AppError;
use crate::service::content::query;
use crate::service::page::PageArgs;
use crate::service::{countries, peers, priorities};
use async_graphql::{Context, Object, SimpleObject};
use hub_entity::content as row;
use hub_entity::enums::ContentKind;
use std::collections::HashMap;

fn int(count: u64) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// One objective's standing in a region (or across regions): challenges reported against what is published.
#[derive(SimpleObject)]
pub struct Priority {
    pub objective: GcmObjective,
    /// Published review submissions reporting it as a `CHALLENGE` or a `PRIORITY` (in the region, or anywhere).
    pub challenge_count: i32,
    /// Published review submissions reporting `PROGRESS` on it.
    pub progress_count: i32,
    /// The countries whose published submissions report it as a `CHALLENGE` or a `PRIORITY`.
    pub reporting_countries: Vec<Country>,
    /// Published practices on it (in the region).
    pub practice_count: i32,
    pub tool_count: i32,
    pub exchange_count: i32,
    /// Across regions: how many regions have a `CHALLENGE` or `PRIORITY` report on it.
    pub regions_reporting: i32,
    /// `challengeCount / (1 + practiceCount)`, divided by the largest such value of the answer: 1 for the widest
    /// gap, 0 when nobody reports the objective as a challenge.
    pub gap: f64,
}

/// A country the asker could learn from.
#[derive(SimpleObject)]
pub struct PeerMatch {
    pub country: Country,
    /// 3 per objective covered, 1 per completed or mostly completed practice on them (0.5 if ongoing), 1 per
    /// exchange on them it co-hosted, 2 for a GCM Champion, 1 for the same region; a record and its translations
    /// count once.
    pub score: f64,
    /// The objectives on which it can help.
    pub objectives: Vec<GcmObjective>,
    /// Its published practices on them, best first (completed first, then the earliest published): one per
    /// translation group, at most 3 per objective.
    pub practices: Vec<NeverNull<SearchNode>>,
    /// Published exchanges on them it co-hosted, newest first (at most 10).
    pub exchanges: Vec<PeerExchange>,
    /// Why, in plain sentences: "3 published practices on objective 13", "a GCM Champion since 2020", "same region".
    pub reasons: Vec<String>,
}

/// What a country's published review submissions report on one objective.
#[derive(SimpleObject)]
pub struct ObjectiveReported {
    pub objective: GcmObjective,
    pub progress_count: i32,
    pub challenge_count: i32,
    pub priority_count: i32,
}

/// Published records on one objective.
#[derive(SimpleObject)]
pub struct ObjectiveCount {
    pub objective: GcmObjective,
    pub count: i32,
}

/// A country's profile: what is published about it, what it reported to the regional reviews, whom it could
/// learn from.
pub struct CountryProfile(pub hub_entity::country::Model);

#[Object]
impl CountryProfile {
    /// The country, with its champion status (`isChampion`, `championSince`).
    async fn country(&self) -> Country {
        Country(self.0.clone())
    }

    /// Published practices naming the country, newest first.
    async fn practices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<Practice>> {
        naming(ctx, &self.0.iso3, ContentKind::Practice, first, after, Practice).await
    }

    /// Published review submissions the country made or that name it, newest first.
    async fn review_submissions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<ReviewSubmission>> {
        naming(ctx, &self.0.iso3, ContentKind::ReviewSubmission, first, after, ReviewSubmission).await
    }

    /// What its published review submissions report, per objective (by number).
    async fn objectives_reported(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ObjectiveReported>> {
        let counts = countries::objectives_reported(db(ctx)?, &self.0.iso3).await?;
        let objectives = objectives(ctx, counts.iter().map(|c| c.0)).await?;
        Ok(counts
            .into_iter()
            .filter_map(|(number, progress, challenge, priority)| {
                Some(ObjectiveReported {
                    objective: objectives.get(&number)?.clone(),
                    progress_count: int(progress),
                    challenge_count: int(challenge),
                    priority_count: int(priority),
                })
            })
            .collect())
    }

    /// Its published records (practices, tools, exchanges, submissions) per objective, by number; objectives with
    /// none are left out.
    async fn coverage(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ObjectiveCount>> {
        let counts = countries::coverage(db(ctx)?, &self.0.iso3).await?;
        let objectives = objectives(ctx, counts.iter().map(|c| c.0)).await?;
        Ok(counts
            .into_iter()
            .filter_map(|(number, count)| {
                Some(ObjectiveCount { objective: objectives.get(&number)?.clone(), count: int(count) })
            })
            .collect())
    }
}

/// Published records of `kind` naming a country, as a page.
async fn naming<T: async_graphql::OutputType + Clone>(
    ctx: &Context<'_>,
    iso3: &str,
    kind: ContentKind,
    first: Option<i32>,
    after: Option<String>,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Connection<T>> {
    let args = PageArgs { first, after, last: None, before: None };
    let filter = ListFilterFields {
        fields: FilterFields { countries: Some(vec![iso3.to_string()]), ..FilterFields::default() },
        statuses: Some(vec![ContentStatus::Published]),
    };
    super::content::list(ctx, kind, args, filter, ListOrderFields::default(), wrap).await
}

/// The objectives of these numbers, by number.
async fn objectives(
    ctx: &Context<'_>,
    numbers: impl IntoIterator<Item = i32>,
) -> async_graphql::Result<HashMap<i32, GcmObjective>> {
    Ok(tables(ctx)?.objectives(numbers).await?.into_iter().map(|o| (o.number, GcmObjective(o))).collect())
}

/// `first`, checked: from 1 to `most`.
fn bounded(first: i32, most: i32, field: &str) -> Result<usize, AppError> {
    if (1..=most).contains(&first) {
        Ok(usize::try_from(first).unwrap_or(1))
    } else {
        Err(AppError::bad_input(field, format!("`{field}` takes 1 to {most}")))
    }
}

#[derive(Default)]
pub struct ChainQuery;

#[Object]
impl ChainQuery {
    /// The objectives by gap: what published review submissions report as a challenge or a priority against the
    /// published practices on it, in `region` (a region key, as in the filters) or across all regions. Widest gap
    /// first, ties by objective number; `gap` is `challengeCount / (1 + practiceCount)` divided by the largest
    /// such value of the answer. `first`: 1 to 23.
    async fn priorities(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
        #[graphql(default_with = "Some(23)")] first: Option<i32>,
    ) -> async_graphql::Result<Vec<Priority>> {
        let first = bounded(first.unwrap_or(23), 23, "first")?;
        if let Some(key) = &region
            && tables(ctx)?.regions([key.clone()]).await?.is_empty()
        {
            return Err(AppError::bad_input("region", format!("`{key}` is not a region key")).into());
        }
        let ranked = priorities::priorities(db(ctx)?, region.as_deref(), first).await?;
        let objectives = objectives(ctx, ranked.iter().map(|p| p.objective)).await?;
        let codes: Vec<String> = ranked.iter().flat_map(|p| p.reporting_countries.iter().cloned()).collect();
        let countries: HashMap<String, _> =
            tables(ctx)?.countries(codes).await?.into_iter().map(|c| (c.iso3.clone(), c)).collect();
        Ok(ranked
            .into_iter()
            .filter_map(|p| {
                Some(Priority {
                    objective: objectives.get(&p.objective)?.clone(),
                    challenge_count: int(p.challenges),
                    progress_count: int(p.progress),
                    reporting_countries: p
                        .reporting_countries
                        .iter()
                        .filter_map(|c| countries.get(c).cloned().map(Country))
                        .collect(),
                    practice_count: int(p.practices),
                    tool_count: int(p.tools),
                    exchange_count: int(p.exchanges),
                    regions_reporting: i32::try_from(p.regions_reporting).unwrap_or(i32::MAX),
                    gap: p.gap,
                })
            })
            .collect())
    }

    /// Whom `country` (ISO 3166-1 alpha-3) could learn from, best first: countries with published practices on
    /// `objectives`, or on the objectives it reported as a challenge or a priority and has no published practice on.
    /// The score is documented on `PeerMatch.score`. `first`: 1 to 20.
    async fn peer_matches(
        &self,
        ctx: &Context<'_>,
        country: String,
        objectives: Option<Vec<i32>>,
        #[graphql(default_with = "Some(5)")] first: Option<i32>,
    ) -> async_graphql::Result<Vec<PeerMatch>> {
        let first = bounded(first.unwrap_or(5), 20, "first")?;
        let found = peers::matches(db(ctx)?, &country, objectives, first).await?;
        let viewer = &request(ctx)?.viewer;
        let ids: Vec<i64> = found.iter().flat_map(|m| m.practices.iter().chain(&m.exchanges).copied()).collect();
        let rows: HashMap<i64, row::Model> =
            query::by_ids(db(ctx)?, viewer, &ids).await?.into_iter().map(|r| (r.id, r)).collect();
        let numbers: Vec<i32> = found.iter().flat_map(|m| m.objectives.iter().copied()).collect();
        let objectives = self::objectives(ctx, numbers).await?;
        Ok(found
            .into_iter()
            .map(|m| PeerMatch {
                country: Country(m.country),
                score: m.score,
                objectives: m.objectives.iter().filter_map(|n| objectives.get(n).cloned()).collect(),
                practices: m
                    .practices
                    .iter()
                    .filter_map(|id| rows.get(id))
                    .map(|r| NeverNull(r.clone().into()))
                    .collect(),
                exchanges: m.exchanges.iter().filter_map(|id| rows.get(id)).map(|r| PeerExchange(r.clone())).collect(),
                reasons: m.reasons,
            })
            .collect())
    }

    /// A country's profile by ISO 3166-1 alpha-3 code; null for a code the hub does not know.
    async fn country_profile(&self, ctx: &Context<'_>, iso3: String) -> async_graphql::Result<Option<CountryProfile>> {
        let code = crate::service::validate::iso3(&iso3, "iso3")?;
        Ok(tables(ctx)?.countries([code]).await?.pop().map(CountryProfile))
    }
}
