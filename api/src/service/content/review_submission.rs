//! A review submission (editors write them; public as soon as saved): a voluntary input of a Member State or a
//! stakeholder to a GCM regional review, its submitter, date and document, and what it says about each objective
//! (`objective_reports`: `PROGRESS`, `CHALLENGE` or `PRIORITY`, with a short excerpt).
//!
//! Its tags follow what it is: its review's region is among its regions, its submitter country among its countries
//! and its reported objectives among its objectives, so that the filters and facets of `search` find it as they find
//! a practice. Its slug is made of its submitter, its review's commission and its year (`portugal-unece-2020`).

use crate::domain::clock;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details};
use crate::service::content::query;
use crate::service::validate;
use chrono::{Datelike, NaiveDate as Date};
use hub_entity::enums::{ContentKind, Stance};
use hub_entity::{content, country, objective_report, organization, regional_review, review_submission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// A submission's own columns, declared once (the grammar is in `service::content::own`).
#[macro_export]
macro_rules! review_submission_own {
    ($expand:ident) => {
        $crate::$expand! {
            SubmissionOwn, ReviewSubmissionDetails, ReviewSubmissionOwnInput, review_submission
                [review_id, submitter_country_iso3, submitter_organization_id];
            /// The day it was submitted (required on create).
            submitted_on: Date = (Date::default()) [required],
            /// Where the document itself is published.
            document_url: String = null [text(1, 2000)],
        }
    };
}

crate::review_submission_own!(service_own);

/// One report of a submission on one objective.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ObjectiveReport {
    pub objective: i32,
    pub stance: Stance,
    pub excerpt: Option<String>,
}

/// The editable fields of a review submission; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFields {
    pub common: CommonFields,
    pub own: SubmissionOwn,
    /// The regional review it was made to (required on create).
    pub review: Option<i64>,
    /// ISO 3166-1 alpha-3; `Some(None)` clears it.
    pub submitter_country: Option<Option<String>>,
    /// `Some(None)` clears it.
    pub submitter_organization: Option<Option<i64>>,
    /// Given: replaces every report of the submission.
    pub reports: Option<Vec<ObjectiveReport>>,
    /// Filled by `complete`: the words of the slug.
    pub slug_basis: Option<String>,
}

/// A tag list as it will be stored: the given one, or none when only what implies it was given, with the implied
/// values added; `None` (left as stored) when neither was given.
fn with_implied<T: PartialEq>(given: Option<Vec<T>>, implied: Option<Vec<T>>) -> Option<Vec<T>> {
    if given.is_none() && implied.is_none() {
        return None;
    }
    let mut all = given.unwrap_or_default();
    for value in implied.into_iter().flatten() {
        if !all.contains(&value) {
            all.push(value);
        }
    }
    Some(all)
}

impl SubmissionFields {
    /// The submitter and review as the record will be: given, or stored.
    async fn effective(
        &self,
        db: &DatabaseConnection,
        id: Option<i64>,
    ) -> AppResult<(Option<i64>, Option<String>, Option<i64>)> {
        let stored = match id {
            Some(id) => review_submission::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        let review = self.review.or(stored.as_ref().map(|s| s.review_id));
        let country = self
            .submitter_country
            .clone()
            .unwrap_or_else(|| stored.as_ref().and_then(|s| s.submitter_country_iso3.clone()));
        let organization =
            self.submitter_organization.unwrap_or_else(|| stored.as_ref().and_then(|s| s.submitter_organization_id));
        Ok((review, country.map(|c| c.trim().to_ascii_uppercase()), organization))
    }
}

impl Details for SubmissionFields {
    const KIND: ContentKind = ContentKind::ReviewSubmission;
    const AUTHOR: Role = Role::Editor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        self.own.submitted_on.map(|d| d.year())
    }

    fn slug_basis(&self) -> Option<&str> {
        self.slug_basis.as_deref()
    }

    async fn complete(&mut self, db: &DatabaseConnection, id: Option<i64>) -> AppResult<()> {
        let (review, country, organization) = self.effective(db, id).await?;
        let review = match review {
            Some(review) => regional_review::Entity::find_by_id(review).one(db).await?,
            None => None,
        };
        // The tags a submission implies, when what implies them (or the tag list) is given: its review's region, its
        // submitter country, the objectives it reports on (given, or stored when only `objectives` is given).
        let creating = id.is_none();
        if creating || self.review.is_some() || self.common.regions.is_some() {
            let implied = review.as_ref().map(|r| vec![r.region_key.clone()]);
            self.common.regions = with_implied(self.common.regions.take(), implied.or(Some(Vec::new())));
        }
        if creating || self.submitter_country.is_some() || self.common.countries.is_some() {
            let implied = Some(country.clone().into_iter().collect());
            self.common.countries = with_implied(self.common.countries.take(), implied);
        }
        if creating || self.reports.is_some() || self.common.objectives.is_some() {
            let reported = match (&self.reports, id) {
                (Some(reports), _) => reports.iter().map(|r| r.objective).collect(),
                (None, Some(id)) => {
                    objective_report::Entity::find()
                        .select_only()
                        .column(objective_report::Column::ObjectiveNumber)
                        .filter(objective_report::Column::ContentId.eq(id))
                        .into_tuple()
                        .all(db)
                        .await?
                }
                (None, None) => Vec::new(),
            };
            self.common.objectives = with_implied(self.common.objectives.take(), Some(reported));
        }
        let who = match (&country, organization) {
            (Some(code), _) => country::Entity::find_by_id(code.clone()).one(db).await?.map(|c| c.name),
            (None, Some(org)) => {
                organization::Entity::find_by_id(org).one(db).await?.map(|o| o.acronym.unwrap_or(o.name))
            }
            (None, None) => None,
        };
        if let (Some(who), Some(review), Some(day)) = (who, &review, self.own.submitted_on) {
            self.slug_basis = Some(format!("{who} {} {}", review.commission, day.year()));
        }
        Ok(())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        let reports = self.reports.as_deref().unwrap_or_default();
        validate::list(self.reports.as_deref(), "objectiveReports")?;
        for (n, report) in reports.iter().enumerate() {
            if !(1..=23).contains(&report.objective) {
                let message = format!("objective {} does not exist (1 to 23)", report.objective);
                return Err(AppError::bad_input("objectiveReports.objective", message));
            }
            validate::text(report.excerpt.as_deref(), "objectiveReports.excerpt", 1, 1000)?;
            if reports[..n].iter().any(|other| (other.objective, other.stance) == (report.objective, report.stance)) {
                let message = format!("objective {} is reported {:?} twice", report.objective, report.stance);
                return Err(AppError::bad_input("objectiveReports", message));
            }
        }
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        if creating {
            validate::required(&self.review, "review")?;
            if self.submitter_country.clone().flatten().is_none() && self.submitter_organization.flatten().is_none() {
                return Err(AppError::bad_input("submitterCountry", "a submission names its country or organization"));
            }
        }
        validate::url(self.own.document_url.as_deref(), "documentUrl")?;
        if self.own.submitted_on.is_some_and(|d| d > clock::now().date_naive()) {
            return Err(AppError::bad_input("submittedOn", "`submittedOn` is in the future"));
        }
        let reviews: Vec<i64> = self.review.into_iter().collect();
        validate::exist::<regional_review::Entity, _, _>(db, regional_review::Column::Id, &reviews, "review").await?;
        if let Some(Some(code)) = &self.submitter_country {
            let codes = [validate::iso3(code, "submitterCountry")?];
            validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, &codes, "submitterCountry").await?;
        }
        let organizations: Vec<i64> = self.submitter_organization.flatten().into_iter().collect();
        validate::exist::<organization::Entity, _, _>(
            db,
            organization::Column::Id,
            &organizations,
            "submitterOrganization",
        )
        .await?;
        Ok(())
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let mut row = self.own.new_row(id);
        row.review_id = Set(self.review.unwrap_or_default());
        row.submitter_country_iso3 =
            Set(self.submitter_country.clone().flatten().map(|c| c.trim().to_ascii_uppercase()));
        row.submitter_organization_id = Set(self.submitter_organization.flatten());
        row.insert(txn).await?;
        replace_reports(txn, id, &self.reports).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current =
            review_submission::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("review submission"))?;
        let mut detail: review_submission::ActiveModel = current.clone().into();
        self.own.apply(&mut detail);
        if let Some(review) = self.review {
            detail.review_id = Set(review);
        }
        if let Some(country) = &self.submitter_country {
            detail.submitter_country_iso3 = Set(country.as_ref().map(|c| c.trim().to_ascii_uppercase()));
        }
        if let Some(organization) = self.submitter_organization {
            detail.submitter_organization_id = Set(organization);
        }
        // A submission always names who made it, as it will be after this update.
        let country = self.submitter_country.clone().unwrap_or(current.submitter_country_iso3);
        let organization = self.submitter_organization.unwrap_or(current.submitter_organization_id);
        if country.is_none() && organization.is_none() {
            return Err(AppError::bad_input("submitterCountry", "a submission names its country or organization"));
        }
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        replace_reports(txn, id, &self.reports).await
    }
}

/// Replaces a submission's reports when they are given.
async fn replace_reports(txn: &DatabaseTransaction, id: i64, reports: &Option<Vec<ObjectiveReport>>) -> AppResult<()> {
    let Some(reports) = reports else { return Ok(()) };
    objective_report::Entity::delete_many().filter(objective_report::Column::ContentId.eq(id)).exec(txn).await?;
    let rows: Vec<objective_report::ActiveModel> = reports
        .iter()
        .map(|r| objective_report::ActiveModel {
            content_id: Set(id),
            objective_number: Set(r.objective),
            stance: Set(r.stance),
            excerpt: Set(r.excerpt.as_ref().map(|e| e.trim().to_string())),
        })
        .collect();
    if !rows.is_empty() {
        objective_report::Entity::insert_many(rows).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// The reports of these submissions, by objective then stance.
pub async fn reports_of<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<Vec<objective_report::Model>> {
    Ok(objective_report::Entity::find()
        .filter(objective_report::Column::ContentId.is_in(ids.iter().copied()))
        .order_by_asc(objective_report::Column::ObjectiveNumber)
        .order_by_asc(objective_report::Column::Stance)
        .all(db)
        .await?)
}

/// The submissions to these regional reviews that the viewer may read, oldest first, by review.
pub async fn of_reviews<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    reviews: &[i64],
) -> AppResult<HashMap<i64, Vec<content::Model>>> {
    let own: Vec<(i64, i64)> = review_submission::Entity::find()
        .select_only()
        .columns([review_submission::Column::ContentId, review_submission::Column::ReviewId])
        .filter(review_submission::Column::ReviewId.is_in(reviews.iter().copied()))
        .order_by_asc(review_submission::Column::SubmittedOn)
        .order_by_asc(review_submission::Column::ContentId)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = own.iter().map(|(id, _)| *id).collect();
    let mut rows: HashMap<i64, content::Model> =
        query::by_ids(db, viewer, &ids).await?.into_iter().map(|row| (row.id, row)).collect();
    let mut grouped: HashMap<i64, Vec<content::Model>> = HashMap::new();
    for (id, review) in own {
        if let Some(row) = rows.remove(&id) {
            grouped.entry(review).or_default().push(row);
        }
    }
    Ok(grouped)
}
