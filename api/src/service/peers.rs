//! Peer matches: whom a country could learn from, on the objectives it reported as a challenge or a priority (the
//! last link of the Network's chain, where the GCM Champion countries lead peer-to-peer exchanges).
//!
//! **Which objectives.** Those asked; otherwise the objectives the country's published review submissions report as
//! a `CHALLENGE` or a `PRIORITY`, less those it has a published practice on.
//!
//! **Who.** Every other country with a published practice on one of them, or a published peer exchange it co-hosted
//! on one of them. Never the country itself; drafts and archived records never count.
//!
//! **The score**, deterministic, with the same figures as the reasons:
//!
//! | what | points |
//! |---|---|
//! | each objective it covers | 3 |
//! | each published practice on them, completed or mostly completed | 1 |
//! | each other published practice on them (ongoing) | 0.5 |
//! | each published exchange on them it co-hosted | 1 |
//! | a GCM Champion | 2 |
//! | in the same region | 1 |
//!
//! A record and its translations count once (one translation group). Highest score first; ties by country name.

use crate::error::{AppError, AppResult};
use crate::service::validate;
use chrono::Datelike;
use hub_entity::enums::{Completion, ContentKind, Stance, Status};
use hub_entity::{
    content, content_country, content_objective, country, exchange_cohost_country, objective_report, practice,
    review_submission,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Points of each part of the score (see the module's table).
pub const PER_OBJECTIVE: f64 = 3.0;
pub const PER_COMPLETED_PRACTICE: f64 = 1.0;
pub const PER_ONGOING_PRACTICE: f64 = 0.5;
pub const PER_EXCHANGE: f64 = 1.0;
pub const CHAMPION: f64 = 2.0;
pub const SAME_REGION: f64 = 1.0;
/// Practices shown per objective, and exchanges shown per match.
pub const PRACTICES_PER_OBJECTIVE: usize = 3;
pub const EXCHANGES_SHOWN: usize = 10;

/// One country to learn from.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerMatch {
    pub country: country::Model,
    pub score: f64,
    /// The objectives on which it can help, by number.
    pub objectives: Vec<i32>,
    /// Its published practices on them, best first (completed first, then the earliest published, so an original
    /// before its translations; one per translation group, at most 3 per objective): ids.
    pub practices: Vec<i64>,
    /// Published exchanges on them it co-hosted, newest first: ids.
    pub exchanges: Vec<i64>,
    pub reasons: Vec<String>,
}

/// A published practice or exchange on a target objective, with its country.
#[derive(Debug, Clone)]
struct Offer {
    country: String,
    objective: i32,
    id: i64,
    /// Its translation group: a record and its translations count once.
    group: String,
    completed: bool,
    published_at: i64,
}

/// The objectives a country reported as a challenge or a priority in its published submissions.
pub async fn raised<C: ConnectionTrait>(db: &C, iso3: &str) -> AppResult<BTreeSet<i32>> {
    let numbers: Vec<i32> = objective_report::Entity::find()
        .select_only()
        .column(objective_report::Column::ObjectiveNumber)
        .join_rev(
            JoinType::InnerJoin,
            review_submission::Entity::belongs_to(objective_report::Entity)
                .from(review_submission::Column::ContentId)
                .to(objective_report::Column::ContentId)
                .into(),
        )
        .join_rev(
            JoinType::InnerJoin,
            content::Entity::belongs_to(objective_report::Entity)
                .from(content::Column::Id)
                .to(objective_report::Column::ContentId)
                .into(),
        )
        .filter(review_submission::Column::SubmitterCountryIso3.eq(iso3))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(objective_report::Column::Stance.is_in([Stance::Challenge, Stance::Priority]))
        .into_tuple()
        .all(db)
        .await?;
    Ok(numbers.into_iter().collect())
}

/// Published records of `kind` on these objectives, by country (practices by the countries they name, exchanges by
/// their co-hosts), with their completion (practices) and publication time.
async fn offers<C: ConnectionTrait>(db: &C, kind: ContentKind, objectives: &BTreeSet<i32>) -> AppResult<Vec<Offer>> {
    let base = content::Entity::find()
        .select_only()
        .column(content::Column::Id)
        .column(content::Column::TranslationKey)
        .column(content_objective::Column::ObjectiveNumber)
        .column(content::Column::PublishedAt)
        .join_rev(
            JoinType::InnerJoin,
            content_objective::Entity::belongs_to(content::Entity)
                .from(content_objective::Column::ContentId)
                .to(content::Column::Id)
                .into(),
        )
        .filter(content::Column::Kind.eq(kind))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(content_objective::Column::ObjectiveNumber.is_in(objectives.iter().copied()));
    type Row = (i64, String, i32, Option<chrono::DateTime<chrono::Utc>>, String, Option<Completion>);
    let rows: Vec<Row> = match kind {
        ContentKind::PeerExchange => {
            base.column(exchange_cohost_country::Column::CountryIso3)
                .expr(Expr::value(Option::<String>::None))
                .join_rev(
                    JoinType::InnerJoin,
                    exchange_cohost_country::Entity::belongs_to(content::Entity)
                        .from(exchange_cohost_country::Column::ExchangeId)
                        .to(content::Column::Id)
                        .into(),
                )
                .into_tuple()
                .all(db)
                .await?
        }
        _ => {
            base.column(content_country::Column::CountryIso3)
                .column(practice::Column::Completion)
                .join_rev(
                    JoinType::InnerJoin,
                    content_country::Entity::belongs_to(content::Entity)
                        .from(content_country::Column::ContentId)
                        .to(content::Column::Id)
                        .into(),
                )
                .join_rev(
                    JoinType::InnerJoin,
                    practice::Entity::belongs_to(content::Entity)
                        .from(practice::Column::ContentId)
                        .to(content::Column::Id)
                        .into(),
                )
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(id, group, objective, published_at, country, completion)| Offer {
            country,
            objective,
            id,
            group,
            completed: matches!(completion, Some(Completion::Completed | Completion::MostlyCompleted)),
            published_at: published_at.map_or(0, |at| at.timestamp()),
        })
        .collect())
}

/// `n` things, in words: `1 published practice`, `3 published practices`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whom `iso3` could learn from on `objectives` (or on what it raised), best first, at most `first` (1 to 20).
pub async fn matches<C: ConnectionTrait>(
    db: &C,
    iso3: &str,
    objectives: Option<Vec<i32>>,
    first: usize,
) -> AppResult<Vec<PeerMatch>> {
    let code = validate::iso3(iso3, "country")?;
    let Some(asker) = country::Entity::find_by_id(code.clone()).one(db).await? else {
        return Err(AppError::bad_input("country", format!("`{iso3}` is not a country the hub knows")));
    };
    let targets: BTreeSet<i32> = match objectives {
        Some(given) => {
            if let Some(bad) = given.iter().find(|n| !(1..=23).contains(*n)) {
                return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
            }
            given.into_iter().collect()
        }
        None => {
            let raised = raised(db, &code).await?;
            if raised.is_empty() {
                return Ok(Vec::new());
            }
            let own: BTreeSet<i32> = offers(db, ContentKind::Practice, &raised)
                .await?
                .into_iter()
                .filter(|offer| offer.country == code)
                .map(|offer| offer.objective)
                .collect();
            raised.difference(&own).copied().collect()
        }
    };
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let practices = offers(db, ContentKind::Practice, &targets).await?;
    let exchanges = offers(db, ContentKind::PeerExchange, &targets).await?;
    let mut by_country: BTreeMap<String, (Vec<Offer>, Vec<Offer>)> = BTreeMap::new();
    for offer in practices.into_iter().filter(|o| o.country != code) {
        by_country.entry(offer.country.clone()).or_default().0.push(offer);
    }
    for offer in exchanges.into_iter().filter(|o| o.country != code) {
        by_country.entry(offer.country.clone()).or_default().1.push(offer);
    }
    let countries: HashMap<String, country::Model> = country::Entity::find()
        .filter(country::Column::Iso3.is_in(by_country.keys().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.iso3.clone(), c))
        .collect();
    let mut found: Vec<PeerMatch> = by_country
        .into_iter()
        .filter_map(|(code, (practices, exchanges))| {
            let country = countries.get(&code)?.clone();
            Some(score(&asker, country, practices, exchanges))
        })
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.country.name.cmp(&b.country.name)));
    found.truncate(first);
    Ok(found)
}

/// One candidate's match: its score, what it offers and why (the reasons name the same figures as the score).
fn score(asker: &country::Model, country: country::Model, practices: Vec<Offer>, exchanges: Vec<Offer>) -> PeerMatch {
    let objectives: BTreeSet<i32> = practices.iter().chain(&exchanges).map(|o| o.objective).collect();
    let mut score = PER_OBJECTIVE * objectives.len() as f64;
    let mut reasons = Vec::new();
    // Each practice counts once, however many of the objectives it covers and in however many languages.
    let mut distinct: BTreeMap<&str, bool> = BTreeMap::new();
    for practice in &practices {
        *distinct.entry(&practice.group).or_default() |= practice.completed;
    }
    score +=
        distinct.values().map(|done| if *done { PER_COMPLETED_PRACTICE } else { PER_ONGOING_PRACTICE }).sum::<f64>();
    let groups = |offers: &[Offer], objective: i32| -> BTreeSet<String> {
        offers.iter().filter(|o| o.objective == objective).map(|o| o.group.clone()).collect()
    };
    let mut shown: Vec<i64> = Vec::new();
    let mut shown_groups: BTreeSet<&str> = BTreeSet::new();
    for objective in &objectives {
        let n = groups(&practices, *objective).len();
        if n > 0 {
            reasons
                .push(format!("{} on objective {objective}", counted(n, "published practice", "published practices")));
        }
        let mut on: Vec<&Offer> = practices.iter().filter(|p| p.objective == *objective).collect();
        // Best first: completed, then the first published (an original before its translations), then by id.
        on.sort_by(|a, b| {
            b.completed.cmp(&a.completed).then(a.published_at.cmp(&b.published_at)).then(a.id.cmp(&b.id))
        });
        let mut taken = 0;
        for practice in on {
            if taken == PRACTICES_PER_OBJECTIVE {
                break;
            }
            if shown_groups.insert(&practice.group) {
                shown.push(practice.id);
                taken += 1;
            }
        }
    }
    let mut hosted: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for exchange in &exchanges {
        hosted.entry(&exchange.group).or_insert((exchange.id, exchange.published_at));
    }
    score += PER_EXCHANGE * hosted.len() as f64;
    for objective in &objectives {
        let n = groups(&exchanges, *objective).len();
        if n > 0 {
            reasons
                .push(format!("co-hosted {} on objective {objective}", counted(n, "peer exchange", "peer exchanges")));
        }
    }
    if country.is_champion {
        score += CHAMPION;
        reasons.push(match country.champion_since {
            Some(since) => format!("a GCM Champion since {}", since.year()),
            None => "a GCM Champion".to_string(),
        });
    }
    if country.region_key.is_some() && country.region_key == asker.region_key {
        score += SAME_REGION;
        reasons.push("same region".to_string());
    }
    let mut hosted: Vec<(i64, i64)> = hosted.into_values().collect();
    hosted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    PeerMatch {
        country,
        score,
        objectives: objectives.into_iter().collect(),
        practices: shown,
        exchanges: hosted.into_iter().take(EXCHANGES_SHOWN).map(|(id, _)| id).collect(),
        reasons,
    }
}
