//! The demo corpus (`hub seed --demo`): realistic calls for practices (two of the Hub's own, one open demo call),
//! practices (some answering the calls), guidance tools and peer exchanges in several
//! languages and every workflow status, loaded idempotently (records whose slug exists are left alone). Content and
//! review submissions go through the services as the internal admin `hub-seed`, so a demo record passes the rules a
//! user's does; each kind's own columns are read straight into its declared fields (`PracticeOwn`, ...).

use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::content::call_for_practices::{self, CallFields, CallOwn};
use crate::service::content::collection::{CollectionFields, CollectionOwn, Item};
use crate::service::content::editing::{CommonFields, OrganizationLinks};
use crate::service::content::guidance_tool::{ToolFields, ToolOwn};
use crate::service::content::import::{self, History};
use crate::service::content::peer_exchange::{ExchangeFields, ExchangeOwn};
use crate::service::content::practice::{PracticeFields, PracticeOwn, Resource as PracticeResource};
use crate::service::content::review::{Assessed, Review};
use crate::service::content::review_submission::{ObjectiveReport, SubmissionFields, SubmissionOwn};
use crate::service::content::tags;
use chrono::{DateTime, Utc};
use hub_entity::enums::{ContentKind, OrganizationKind, OrganizationRole, ResourceKind, Status};
use hub_entity::{content, organization, regional_review};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use std::collections::HashMap;

const CORPUS: &str = include_str!("demo.json");

#[derive(Deserialize)]
struct Corpus {
    organizations: Vec<Org>,
    calls_for_practices: Vec<DemoCall>,
    practices: Vec<DemoPractice>,
    guidance_tools: Vec<DemoTool>,
    peer_exchanges: Vec<DemoExchange>,
    collections: Vec<DemoCollection>,
    review_submissions: Vec<Submission>,
}

/// A voluntary input to a regional review, by a country or an organization (by slug), with its reports.
#[derive(Deserialize)]
struct Submission {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    own: SubmissionOwn,
    review: String,
    country: Option<String>,
    organization: Option<String>,
    reports: Vec<ObjectiveReport>,
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
struct DemoCall {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    own: CallOwn,
}

#[derive(Deserialize)]
struct DemoPractice {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    own: PracticeOwn,
    /// The slug of the call it answers.
    call: Option<String>,
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
    #[serde(flatten)]
    own: ToolOwn,
    publisher: String,
    links: Vec<Link>,
    regional_review: Option<String>,
}

#[derive(Deserialize)]
struct DemoExchange {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    own: ExchangeOwn,
    cohost_countries: Vec<String>,
    cohost_organizations: Vec<String>,
    related_practices: Vec<String>,
    related_guidance_tools: Vec<String>,
}

/// A curated collection and its items, named by kind and slug.
#[derive(Deserialize)]
struct DemoCollection {
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    own: CollectionOwn,
    curator: String,
    items: Vec<DemoItem>,
}

#[derive(Deserialize)]
struct DemoItem {
    kind: ContentKind,
    slug: String,
    note: Option<String>,
}

/// What one run added.
#[derive(Debug, Default)]
pub struct Report {
    pub organizations: usize,
    pub calls_for_practices: usize,
    pub practices: usize,
    pub guidance_tools: usize,
    pub peer_exchanges: usize,
    pub collections: usize,
    pub review_submissions: usize,
}

fn invalid(message: String) -> AppError {
    AppError::Internal(message.into())
}

/// The internal admin the seed acts as.
fn seeder() -> Viewer {
    Viewer { subject: Some("hub-seed".into()), role: Role::Admin, organization: None, email: None }
}

/// The row id of the record of `kind` with `slug` (loaded by this run or an earlier one).
async fn id_of(db: &DatabaseConnection, kind: ContentKind, slug: &str) -> AppResult<i64> {
    let found = content::Entity::find()
        .filter(content::Column::Kind.eq(kind))
        .filter(content::Column::Slug.eq(slug))
        .one(db)
        .await?;
    found.map(|row| row.id).ok_or_else(|| invalid(format!("unknown {slug}")))
}

/// Loads the corpus; a second run adds nothing. Organizations keep the corpus's slugs (the service names new ones
/// after their names), so they are written here; everything else goes through the services.
pub async fn load(db: &DatabaseConnection) -> AppResult<Report> {
    let corpus: Corpus =
        serde_json::from_str(CORPUS).map_err(|e| invalid(format!("demo corpus does not parse: {e}")))?;
    let seeder = seeder();
    let mut report = Report::default();
    let regions_of = tags::country_regions(db).await?;

    let mut orgs: HashMap<String, i64> = HashMap::new();
    for org in &corpus.organizations {
        let existing = organization::Entity::find().filter(organization::Column::Slug.eq(&org.slug)).one(db).await?;
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
                .insert(db)
                .await?
                .id
            }
        };
        orgs.insert(org.slug.clone(), id);
    }
    let org = |slug: &str| orgs.get(slug).copied().ok_or_else(|| invalid(format!("unknown organization {slug}")));
    let links = |role: OrganizationRole, field: &'static str, slugs: &[String]| -> AppResult<OrganizationLinks> {
        Ok(OrganizationLinks { role, field, ids: slugs.iter().map(|slug| org(slug)).collect::<AppResult<_>>()? })
    };

    for item in corpus.calls_for_practices {
        let common = item.common.fields(db, ContentKind::CallForPractices, Vec::new(), &regions_of).await?;
        let fields = CallFields { common, own: item.own };
        if let Some(call) = import::import(db, &seeder, fields, item.common.history()).await? {
            report.calls_for_practices += 1;
            // A call that closed before the demo existed was announced when it closed, not on the demo's start.
            call_for_practices::mark_announced_if_closed(db, call.id).await?;
        }
    }

    for item in corpus.practices {
        let organizations = vec![
            links(OrganizationRole::Implementer, "mainImplementer", std::slice::from_ref(&item.implementer))?,
            links(OrganizationRole::Partner, "partners", &item.partners)?,
        ];
        let common = item.common.fields(db, ContentKind::Practice, organizations, &regions_of).await?;
        let resources =
            item.resources.into_iter().map(|r| PracticeResource { title: r.title, url: r.url, kind: r.kind });
        let call = match &item.call {
            Some(slug) => Some(Some(id_of(db, ContentKind::CallForPractices, slug).await?)),
            None => None,
        };
        let fields = PracticeFields { common, own: item.own, resources: Some(resources.collect()), call };
        if import::import(db, &seeder, fields, item.common.history()).await?.is_some() {
            report.practices += 1;
        }
    }

    let reviews: HashMap<String, i64> =
        regional_review::Entity::find().all(db).await?.into_iter().map(|r| (r.key, r.id)).collect();
    for item in corpus.guidance_tools {
        let organizations =
            vec![links(OrganizationRole::Publisher, "publisher", std::slice::from_ref(&item.publisher))?];
        let common = item.common.fields(db, ContentKind::GuidanceTool, organizations, &regions_of).await?;
        let fields = ToolFields {
            common,
            own: item.own,
            regional_review: item.regional_review.as_ref().and_then(|key| reviews.get(key).copied()),
            links: Some(item.links.into_iter().map(|link| (link.language, link.url)).collect()),
        };
        if import::import(db, &seeder, fields, item.common.history()).await?.is_some() {
            report.guidance_tools += 1;
        }
    }

    for item in corpus.peer_exchanges {
        let organizations = vec![links(OrganizationRole::CoHost, "coHostOrganizations", &item.cohost_organizations)?];
        let common = item.common.fields(db, ContentKind::PeerExchange, organizations, &regions_of).await?;
        let mut related = Vec::new();
        for slug in &item.related_practices {
            related.push(id_of(db, ContentKind::Practice, slug).await?);
        }
        for slug in &item.related_guidance_tools {
            related.push(id_of(db, ContentKind::GuidanceTool, slug).await?);
        }
        let fields = ExchangeFields {
            common,
            own: item.own,
            co_host_countries: Some(item.cohost_countries),
            related: Some(related),
        };
        if import::import(db, &seeder, fields, item.common.history()).await?.is_some() {
            report.peer_exchanges += 1;
        }
    }

    for item in corpus.collections {
        let organizations = vec![links(OrganizationRole::Curator, "curator", std::slice::from_ref(&item.curator))?];
        let common = item.common.fields(db, ContentKind::Collection, organizations, &regions_of).await?;
        let mut items = Vec::new();
        for chosen in item.items {
            items.push(Item { record: id_of(db, chosen.kind, &chosen.slug).await?, note: chosen.note });
        }
        let fields = CollectionFields { common, own: item.own, items: Some(items) };
        if import::import(db, &seeder, fields, item.common.history()).await?.is_some() {
            report.collections += 1;
        }
    }

    for item in corpus.review_submissions {
        let review =
            reviews.get(&item.review).copied().ok_or_else(|| invalid(format!("unknown review {}", item.review)))?;
        let organization = item.organization.as_deref().map(org).transpose()?;
        let common = item.common.fields(db, ContentKind::ReviewSubmission, Vec::new(), &regions_of).await?;
        let fields = SubmissionFields {
            common,
            own: item.own,
            review: Some(review),
            submitter_country: Some(item.country),
            submitter_organization: Some(organization),
            reports: Some(item.reports),
            slug_basis: None,
        };
        if import::import(db, &seeder, fields, item.common.history()).await?.is_some() {
            report.review_submissions += 1;
        }
    }
    Ok(report)
}

impl Org {
    /// Organizations are dated with the hub's launch so that demo data is the same on every run.
    fn created_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(1_605_600_000, 0).unwrap_or_default()
    }
}

impl Common {
    /// The common fields as the API takes them (the original of a translation by its row id).
    async fn fields(
        &self,
        db: &DatabaseConnection,
        kind: ContentKind,
        organizations: Vec<OrganizationLinks>,
        regions_of: &HashMap<String, String>,
    ) -> AppResult<CommonFields> {
        let translation_of = match &self.translation_of {
            Some(original) => Some(id_of(db, kind, original).await?),
            None => None,
        };
        let regions =
            if self.regions.is_empty() { tags::regions_of(&self.countries, regions_of) } else { self.regions.clone() };
        Ok(CommonFields {
            title: Some(self.title.clone()),
            summary: Some(self.summary.clone()),
            language: Some(self.language.clone()),
            translation_of,
            objectives: Some(self.objectives.clone()),
            principles: Some(self.principles.clone()),
            themes: Some(self.themes.clone()),
            regions: Some(regions),
            countries: Some(self.countries.clone()),
            organizations,
        })
    }

    /// The state the record had.
    fn history(&self) -> History {
        History {
            slug: self.slug.clone(),
            status: self.status,
            created_at: self.created_at,
            published_at: self.published_at,
            review_note: (self.status == Status::ChangesRequested)
                .then(|| "Please add figures on the number of people reached and the sources.".to_string()),
            review: (self.status == Status::ChangesRequested).then(sent_back_for_evidence),
        }
    }
}

/// The rubric of a demo practice sent back: everything met but the evidence of its results.
fn sent_back_for_evidence() -> Review {
    use hub_entity::enums::{Assessment, RubricCriterion};
    use sea_orm::Iterable as _;
    let rubric = RubricCriterion::iter()
        .map(|criterion| match criterion {
            RubricCriterion::Evidence => Assessed {
                criterion,
                assessment: Assessment::Partly,
                comment: Some("How many people did the campaign reach, and where do the figures come from?".into()),
            },
            RubricCriterion::Replicability => Assessed {
                criterion,
                assessment: Assessment::Partly,
                comment: Some("Say what another country would need to run the same campaign.".into()),
            },
            _ => Assessed { criterion, assessment: Assessment::Meets, comment: None },
        })
        .collect();
    Review { rubric, reason: None }
}
