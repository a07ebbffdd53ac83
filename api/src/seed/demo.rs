//! The demo corpus (`hub seed --demo`): realistic practices, guidance tools and peer exchanges in several
//! languages and every workflow status, loaded idempotently (records whose slug exists are left alone).

use crate::error::AppResult;
use crate::service::content::tags::{self, Tags};
use chrono::{DateTime, NaiveDate, Utc};
use hub_entity::enums::{
    Completion, ContentKind, ExchangeFormat, GeographicLevel, OrganizationKind, OrganizationRole, Participation,
    ResourceKind, Status, SubmitterKind, ToolKind,
};
use hub_entity::{
    content, guidance_tool, guidance_tool_link, organization, peer_exchange, practice, practice_resource,
    regional_review, review_submission,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use std::collections::HashMap;

const CORPUS: &str = include_str!("demo.json");

#[derive(Deserialize)]
struct Corpus {
    organizations: Vec<Org>,
    practices: Vec<DemoPractice>,
    guidance_tools: Vec<DemoTool>,
    peer_exchanges: Vec<DemoExchange>,
    review_submissions: Vec<Submission>,
}

/// A voluntary input to a regional review.
#[derive(Deserialize)]
struct Submission {
    review: String,
    country: Option<String>,
    organization: Option<String>,
    submitted_on: NaiveDate,
    language: String,
    summary: String,
    document_url: Option<String>,
}

#[derive(Deserialize)]
struct Org {
    slug: String,
    name: String,
    acronym: Option<String>,
    kind: OrganizationKind,
    country: Option<String>,
}

/// What every demo record has.
#[derive(Deserialize)]
struct Common {
    slug: String,
    language: String,
    translation_of: Option<String>,
    status: Status,
    title: String,
    summary: String,
    created_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    #[serde(default)]
    objectives: Vec<i32>,
    #[serde(default)]
    principles: Vec<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
}

#[derive(Deserialize)]
struct Resource {
    title: String,
    url: String,
    kind: ResourceKind,
}

#[derive(Deserialize)]
struct DemoPractice {
    #[serde(flatten)]
    common: Common,
    description: String,
    implementation: Option<String>,
    results: Option<String>,
    lessons_learned: Option<String>,
    enabling_factors: Option<String>,
    challenges: Option<String>,
    replicability: Option<String>,
    submitter_kind: SubmitterKind,
    geographic_level: GeographicLevel,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    completion: Completion,
    call_for_practices: Option<String>,
    implementer: String,
    partners: Vec<String>,
    resources: Vec<Resource>,
}

#[derive(Deserialize)]
struct Link {
    language: String,
    url: String,
}

#[derive(Deserialize)]
struct DemoTool {
    #[serde(flatten)]
    common: Common,
    tool_kind: ToolKind,
    target_audience: Option<String>,
    geographic_scope: Option<String>,
    working_group: Option<String>,
    publication_date: Option<NaiveDate>,
    publisher: String,
    links: Vec<Link>,
    regional_review: Option<String>,
}

#[derive(Deserialize)]
struct DemoExchange {
    #[serde(flatten)]
    common: Common,
    series: Option<String>,
    number: Option<i32>,
    format: ExchangeFormat,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    working_group: Option<String>,
    participation: Participation,
    chatham_house: bool,
    outcomes: Option<String>,
    cohost_countries: Vec<String>,
    cohost_organizations: Vec<String>,
    related_practices: Vec<String>,
    related_guidance_tools: Vec<String>,
}

/// What one run added.
#[derive(Debug, Default)]
pub struct Report {
    pub organizations: usize,
    pub practices: usize,
    pub guidance_tools: usize,
    pub peer_exchanges: usize,
    pub review_submissions: usize,
}

fn invalid(message: String) -> crate::error::AppError {
    crate::error::AppError::Internal(message.into())
}

/// Loads the corpus in one transaction; a second run adds nothing.
pub async fn load(db: &DatabaseConnection) -> AppResult<Report> {
    let corpus: Corpus =
        serde_json::from_str(CORPUS).map_err(|e| invalid(format!("demo corpus does not parse: {e}")))?;
    let txn = crate::db::write_transaction(db).await?;
    let mut report = Report::default();
    let regions_of = tags::country_regions(&txn).await?;

    let mut orgs: HashMap<String, i64> = HashMap::new();
    for org in &corpus.organizations {
        let existing = organization::Entity::find().filter(organization::Column::Slug.eq(&org.slug)).one(&txn).await?;
        let id = match existing {
            Some(found) => found.id,
            None => {
                report.organizations += 1;
                let created = org.created_at();
                organization::ActiveModel {
                    slug: Set(org.slug.clone()),
                    name: Set(org.name.clone()),
                    acronym: Set(org.acronym.clone()),
                    kind: Set(org.kind),
                    country_iso3: Set(org.country.clone()),
                    created_at: Set(created),
                    updated_at: Set(created),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        orgs.insert(org.slug.clone(), id);
    }
    let org = |slug: &str| orgs.get(slug).copied().ok_or_else(|| invalid(format!("unknown organization {slug}")));

    let mut ids: HashMap<(ContentKind, String), i64> = HashMap::new();
    for item in &corpus.practices {
        let year = item.start_date.map(|d| chrono::Datelike::year(&d));
        let Some(id) = insert_common(&txn, ContentKind::Practice, &item.common, year).await? else {
            continue;
        };
        report.practices += 1;
        practice::ActiveModel {
            content_id: Set(id),
            description: Set(item.description.clone()),
            implementation: Set(item.implementation.clone()),
            results: Set(item.results.clone()),
            lessons_learned: Set(item.lessons_learned.clone()),
            enabling_factors: Set(item.enabling_factors.clone()),
            challenges: Set(item.challenges.clone()),
            replicability: Set(item.replicability.clone()),
            submitter_kind: Set(item.submitter_kind),
            geographic_level: Set(item.geographic_level),
            start_date: Set(item.start_date),
            end_date: Set(item.end_date),
            completion: Set(item.completion),
            call_for_practices: Set(item.call_for_practices.clone()),
        }
        .insert(&txn)
        .await?;
        let mut organizations = vec![(org(&item.implementer)?, OrganizationRole::Implementer)];
        for partner in &item.partners {
            organizations.push((org(partner)?, OrganizationRole::Partner));
        }
        tags::insert(&txn, &[(id, item.common.tags(organizations, &regions_of))]).await?;
        for (position, resource) in (0..).zip(&item.resources) {
            practice_resource::ActiveModel {
                practice_id: Set(id),
                position: Set(position),
                title: Set(resource.title.clone()),
                url: Set(resource.url.clone()),
                kind: Set(resource.kind),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        ids.insert((ContentKind::Practice, item.common.slug.clone()), id);
    }

    let reviews: HashMap<String, i64> =
        regional_review::Entity::find().all(&txn).await?.into_iter().map(|r| (r.key, r.id)).collect();
    for item in &corpus.guidance_tools {
        let year = item.publication_date.map(|d| chrono::Datelike::year(&d));
        let Some(id) = insert_common(&txn, ContentKind::GuidanceTool, &item.common, year).await? else {
            continue;
        };
        report.guidance_tools += 1;
        guidance_tool::ActiveModel {
            content_id: Set(id),
            tool_kind: Set(item.tool_kind),
            target_audience: Set(item.target_audience.clone()),
            geographic_scope: Set(item.geographic_scope.clone()),
            working_group: Set(item.working_group.clone()),
            publication_date: Set(item.publication_date),
            regional_review_id: Set(item.regional_review.as_ref().and_then(|key| reviews.get(key).copied())),
        }
        .insert(&txn)
        .await?;
        for link in &item.links {
            guidance_tool_link::ActiveModel {
                tool_id: Set(id),
                language: Set(link.language.clone()),
                url: Set(link.url.clone()),
            }
            .insert(&txn)
            .await?;
        }
        let organizations = vec![(org(&item.publisher)?, OrganizationRole::Publisher)];
        tags::insert(&txn, &[(id, item.common.tags(organizations, &regions_of))]).await?;
        ids.insert((ContentKind::GuidanceTool, item.common.slug.clone()), id);
    }

    for item in &corpus.peer_exchanges {
        let year = Some(chrono::Datelike::year(&item.starts_at));
        let Some(id) = insert_common(&txn, ContentKind::PeerExchange, &item.common, year).await? else {
            continue;
        };
        report.peer_exchanges += 1;
        peer_exchange::ActiveModel {
            content_id: Set(id),
            series: Set(item.series.clone()),
            number: Set(item.number),
            format: Set(item.format),
            starts_at: Set(item.starts_at),
            ends_at: Set(item.ends_at),
            working_group: Set(item.working_group.clone()),
            participation: Set(item.participation),
            chatham_house: Set(item.chatham_house),
            outcomes: Set(item.outcomes.clone()),
        }
        .insert(&txn)
        .await?;
        let organizations = item
            .cohost_organizations
            .iter()
            .map(|s| Ok((org(s)?, OrganizationRole::CoHost)))
            .collect::<AppResult<Vec<_>>>()?;
        tags::insert(&txn, &[(id, item.common.tags(organizations, &regions_of))]).await?;
        let related = item
            .related_practices
            .iter()
            .map(|s| (ContentKind::Practice, s))
            .chain(item.related_guidance_tools.iter().map(|s| (ContentKind::GuidanceTool, s)))
            .map(|(kind, slug)| {
                ids.get(&(kind, slug.clone())).copied().ok_or_else(|| invalid(format!("unknown {slug}")))
            })
            .collect::<AppResult<Vec<i64>>>()?;
        tags::insert_exchange(&txn, id, &item.cohost_countries, &related).await?;
    }
    for item in &corpus.review_submissions {
        let review =
            reviews.get(&item.review).copied().ok_or_else(|| invalid(format!("unknown review {}", item.review)))?;
        let organization = item.organization.as_deref().map(org).transpose()?;
        let exists = review_submission::Entity::find()
            .filter(review_submission::Column::ReviewId.eq(review))
            .filter(review_submission::Column::SubmittedOn.eq(item.submitted_on))
            .filter(review_submission::Column::Summary.eq(&item.summary))
            .one(&txn)
            .await?;
        if exists.is_some() {
            continue;
        }
        report.review_submissions += 1;
        let at = item.submitted_on.and_hms_opt(12, 0, 0).map(|t| t.and_utc()).unwrap_or_default();
        review_submission::ActiveModel {
            review_id: Set(review),
            submitter_country_iso3: Set(item.country.clone()),
            submitter_organization_id: Set(organization),
            submitted_on: Set(item.submitted_on),
            summary: Set(item.summary.clone()),
            document_url: Set(item.document_url.clone()),
            language: Set(item.language.clone()),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(report)
}

impl Org {
    /// Organizations are dated with the hub's launch so that demo data is the same on every run.
    fn created_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(1_605_600_000, 0).unwrap_or_default()
    }
}

impl Common {
    fn tags(&self, organizations: Vec<(i64, OrganizationRole)>, regions_of: &HashMap<String, String>) -> Tags {
        Tags {
            objectives: self.objectives.clone(),
            principles: self.principles.clone(),
            themes: self.themes.clone(),
            regions: if self.regions.is_empty() {
                tags::regions_of(&self.countries, regions_of)
            } else {
                self.regions.clone()
            },
            countries: self.countries.clone(),
            organizations,
        }
    }
}

/// Inserts the `contents` row unless one with the slug exists (then `None`: the record is already loaded).
async fn insert_common<C: ConnectionTrait>(
    db: &C,
    kind: ContentKind,
    item: &Common,
    year: Option<i32>,
) -> AppResult<Option<i64>> {
    let exists = content::Entity::find()
        .filter(content::Column::Kind.eq(kind))
        .filter(content::Column::Slug.eq(&item.slug))
        .one(db)
        .await?;
    if exists.is_some() {
        return Ok(None);
    }
    let translation_key = match &item.translation_of {
        Some(original) => content::Entity::find()
            .filter(content::Column::Kind.eq(kind))
            .filter(content::Column::Slug.eq(original))
            .one(db)
            .await?
            .map(|m| m.translation_key)
            .ok_or_else(|| invalid(format!("{} translates unknown {original}", item.slug)))?,
        None => format!("{}:{}", crate::domain::kind::names(kind).translation_prefix, item.slug),
    };
    let updated_at = item.published_at.unwrap_or(item.created_at);
    let row = content::ActiveModel {
        kind: Set(kind),
        slug: Set(item.slug.clone()),
        language: Set(item.language.clone()),
        translation_key: Set(translation_key),
        status: Set(item.status),
        title: Set(item.title.clone()),
        summary: Set(item.summary.clone()),
        year: Set(year),
        owner_sub: Set(None),
        review_note: Set((item.status == Status::ChangesRequested)
            .then(|| "Please add figures on the number of people reached and the sources.".to_string())),
        published_at: Set(item.published_at),
        created_at: Set(item.created_at),
        updated_at: Set(updated_at),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Seeded records reach the search index like any other change.
    crate::service::outbox::enqueue(db, &[row.id]).await?;
    Ok(Some(row.id))
}
