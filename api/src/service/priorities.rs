//! Priorities and gaps by region and across regions: what the published review submissions report as a challenge or
//! a priority on each objective, against what the published practices, tools and exchanges offer on it (the chain of
//! the Network's background note: reviews, gaps and priorities, practices, peer learning).
//!
//! **The gap.** For each objective, `raw = challenges / (1 + practices)`: the submissions that report it as a
//! challenge or a priority, over one plus the published practices on it (in the region, when one is asked). `gap`
//! is `raw` divided by the largest `raw` of the answer, so the widest gap is 1 and an objective nobody reports as a
//! challenge is 0. Objectives come widest gap first, ties by objective number.
//!
//! Two statements whatever the data: one reads the reports of published submissions (with their submitter country
//! and region), one counts the published records per objective and kind.

use crate::error::AppResult;
use hub_entity::enums::{ContentKind, Stance, Status};
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, Func, JoinType, Query};
use sea_orm::{ConnectionTrait, DbBackend};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Regions that must report a challenge on an objective for it to be a priority that straddles regions.
pub const ACROSS_REGIONS: usize = 3;

/// One objective's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    pub objective: i32,
    /// Published submissions reporting it as a `CHALLENGE` or a `PRIORITY` (in the region, when asked).
    pub challenges: u64,
    /// Published submissions reporting `PROGRESS` on it.
    pub progress: u64,
    /// Submitter countries of the published submissions reporting it as a challenge or a priority, by code.
    pub reporting_countries: Vec<String>,
    pub practices: u64,
    pub tools: u64,
    pub exchanges: u64,
    /// Regions (anywhere) with a `CHALLENGE` or `PRIORITY` report on it.
    pub regions_reporting: usize,
    pub gap: f64,
}

/// One report of a published submission: `(objective, stance, submission, submitter country, review's region)`.
pub type Report = (i32, Stance, i64, Option<String>, String);

/// The reports of every published submission, with who made them and where (one statement).
pub async fn reports<C: ConnectionTrait>(db: &C) -> AppResult<Vec<Report>> {
    let (o, c, s, r) = (Alias::new("o"), Alias::new("c"), Alias::new("s"), Alias::new("r"));
    let query = Query::select()
        .column((o.clone(), Alias::new("objective_number")))
        .column((o.clone(), Alias::new("stance")))
        .column((o.clone(), Alias::new("content_id")))
        .column((s.clone(), Alias::new("submitter_country_iso3")))
        .column((r.clone(), Alias::new("region_key")))
        .from_as(Alias::new("objective_reports"), o.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("contents"),
            c.clone(),
            Expr::col((c.clone(), Alias::new("id"))).equals((o.clone(), Alias::new("content_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("review_submissions"),
            s.clone(),
            Expr::col((s.clone(), Alias::new("content_id"))).equals((o.clone(), Alias::new("content_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("regional_reviews"),
            r.clone(),
            Expr::col((r.clone(), Alias::new("id"))).equals((s, Alias::new("review_id"))),
        )
        .and_where(Expr::col((c, Alias::new("status"))).eq(Status::Published))
        .to_owned();
    let backend: DbBackend = db.get_database_backend();
    let mut reports = Vec::new();
    for row in db.query_all_raw(backend.build(&query)).await? {
        reports.push((
            row.try_get("", "objective_number")?,
            row.try_get("", "stance")?,
            row.try_get("", "content_id")?,
            row.try_get("", "submitter_country_iso3")?,
            row.try_get("", "region_key")?,
        ));
    }
    Ok(reports)
}

/// Published practices, tools and exchanges per objective and kind, in `region` when given (one statement).
async fn offered<C: ConnectionTrait>(db: &C, region: Option<&str>) -> AppResult<HashMap<(i32, ContentKind), u64>> {
    let (t, c) = (Alias::new("t"), Alias::new("c"));
    let kinds = [ContentKind::Practice, ContentKind::GuidanceTool, ContentKind::PeerExchange];
    let mut query = Query::select()
        .column((t.clone(), Alias::new("objective_number")))
        .column((c.clone(), Alias::new("kind")))
        .expr_as(Func::count_distinct(Expr::col((c.clone(), Alias::new("id")))), Alias::new("n"))
        .from_as(Alias::new("content_objectives"), t.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("contents"),
            c.clone(),
            Expr::col((c.clone(), Alias::new("id"))).equals((t.clone(), Alias::new("content_id"))),
        )
        .and_where(Expr::col((c.clone(), Alias::new("status"))).eq(Status::Published))
        .and_where(Expr::col((c.clone(), Alias::new("kind"))).is_in(kinds))
        .group_by_col((t.clone(), Alias::new("objective_number")))
        .group_by_col((c.clone(), Alias::new("kind")))
        .to_owned();
    if let Some(region) = region {
        let r = Alias::new("r");
        query.join_as(
            JoinType::InnerJoin,
            Alias::new("content_regions"),
            r.clone(),
            Expr::col((r.clone(), Alias::new("content_id")))
                .equals((c, Alias::new("id")))
                .and(Expr::col((r, Alias::new("region_key"))).eq(region)),
        );
    }
    let backend = db.get_database_backend();
    let mut counts = HashMap::new();
    for row in db.query_all_raw(backend.build(&query)).await? {
        let n: i64 = row.try_get("", "n")?;
        counts.insert((row.try_get("", "objective_number")?, row.try_get("", "kind")?), u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// The objectives by gap in `region` (a region key, checked by the caller; all regions when `None`), at most
/// `first` (1 to 23).
pub async fn priorities<C: ConnectionTrait>(db: &C, region: Option<&str>, first: usize) -> AppResult<Vec<Priority>> {
    let reports = reports(db).await?;
    let offered = offered(db, region).await?;
    Ok(rank(&reports, &offered, region, first))
}

/// The ranking, from the reports and the counts (no database: the formula in one place).
fn rank(
    reports: &[Report],
    offered: &HashMap<(i32, ContentKind), u64>,
    region: Option<&str>,
    first: usize,
) -> Vec<Priority> {
    let mut regions_reporting: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    let mut challenges: BTreeMap<i32, BTreeSet<i64>> = BTreeMap::new();
    let mut progress: BTreeMap<i32, BTreeSet<i64>> = BTreeMap::new();
    let mut countries: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    for (objective, stance, submission, country, report_region) in reports {
        let raising = matches!(stance, Stance::Challenge | Stance::Priority);
        if raising {
            regions_reporting.entry(*objective).or_default().insert(report_region);
        }
        if region.is_some_and(|r| r != report_region) {
            continue;
        }
        let set = if raising { &mut challenges } else { &mut progress };
        set.entry(*objective).or_default().insert(*submission);
        if let (true, Some(country)) = (raising, country) {
            countries.entry(*objective).or_default().insert(country);
        }
    }
    let count = |objective: i32, kind: ContentKind| offered.get(&(objective, kind)).copied().unwrap_or(0);
    let mut all: Vec<Priority> = (1..=23)
        .map(|objective| {
            let challenges = challenges.get(&objective).map_or(0, |s| s.len() as u64);
            let practices = count(objective, ContentKind::Practice);
            Priority {
                objective,
                challenges,
                progress: progress.get(&objective).map_or(0, |s| s.len() as u64),
                reporting_countries: countries
                    .get(&objective)
                    .map(|s| s.iter().map(|c| c.to_string()).collect())
                    .unwrap_or_default(),
                practices,
                tools: count(objective, ContentKind::GuidanceTool),
                exchanges: count(objective, ContentKind::PeerExchange),
                regions_reporting: regions_reporting.get(&objective).map_or(0, BTreeSet::len),
                gap: challenges as f64 / (1.0 + practices as f64),
            }
        })
        .collect();
    let widest = all.iter().map(|p| p.gap).fold(0.0, f64::max);
    for priority in &mut all {
        priority.gap = if widest > 0.0 { priority.gap / widest } else { 0.0 };
    }
    all.sort_by(|a, b| b.gap.total_cmp(&a.gap).then(a.objective.cmp(&b.objective)));
    all.truncate(first);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gap_is_challenges_over_one_plus_practices_normalised_within_the_answer() {
        let reports: Vec<Report> = vec![
            (13, Stance::Challenge, 1, Some("MEX".into()), "lac".into()),
            (13, Stance::Priority, 2, Some("GTM".into()), "lac".into()),
            (13, Stance::Challenge, 3, Some("PRT".into()), "unece".into()),
            (11, Stance::Challenge, 4, Some("TCD".into()), "africa".into()),
            (5, Stance::Progress, 1, Some("MEX".into()), "lac".into()),
            (13, Stance::Progress, 5, Some("CAN".into()), "unece".into()),
        ];
        let offered = HashMap::from([((13, ContentKind::Practice), 2), ((5, ContentKind::Practice), 9)]);
        let all = rank(&reports, &offered, None, 23);
        // 13: 3 / (1 + 2) = 1; 11: 1 / (1 + 0) = 1; both the widest (1.0), 11 first by number.
        assert_eq!((all[0].objective, all[0].gap), (11, 1.0));
        assert_eq!((all[1].objective, all[1].gap, all[1].challenges), (13, 1.0, 3));
        assert_eq!(all[1].regions_reporting, 2);
        assert_eq!(all[1].reporting_countries, ["GTM", "MEX", "PRT"]);
        assert_eq!(all.len(), 23);
        assert!(all[2..].iter().all(|p| p.gap == 0.0));
        assert!(all[2..].windows(2).all(|w| w[0].objective < w[1].objective), "ties by number");
        // In one region: only its reports count, but regions reporting stay across regions.
        let lac = rank(&reports, &offered, Some("lac"), 2);
        assert_eq!(lac.len(), 2);
        assert_eq!((lac[0].objective, lac[0].challenges, lac[0].regions_reporting), (13, 2, 2));
        assert_eq!(lac[0].gap, 1.0);
        let five =
            lac.iter().chain(rank(&reports, &offered, Some("lac"), 23).iter()).find(|p| p.objective == 5).cloned();
        assert_eq!(five.map(|p| (p.progress, p.gap)), Some((1, 0.0)));
    }
}
