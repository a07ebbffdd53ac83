//! Regional reviews and the voluntary submissions made to them, managed by editors.

use crate::domain::clock;
use crate::domain::kind::RecordType;
use crate::domain::text::YEARS;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::themes::check_key;
use crate::service::validate;
use crate::service::versioned::{self, Changes, Edit, Reindex};
use chrono::NaiveDate;
use hub_entity::{country, guidance_tool, organization, region, regional_review, review_submission};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// The editable fields of a regional review; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct ReviewFields {
    pub region: Option<String>,
    pub title: Option<String>,
    pub commission: Option<String>,
    /// `YYYY` or `YYYY-MM`.
    pub first_review: Option<String>,
}

impl ReviewFields {
    async fn validate<C: ConnectionTrait>(&self, db: &C, creating: bool) -> AppResult<()> {
        if creating {
            validate::required(&self.region, "region")?;
            validate::required(&self.title, "title")?;
            validate::required(&self.commission, "commission")?;
            validate::required(&self.first_review, "firstReview")?;
        }
        validate::text(self.title.as_deref(), "title", 3, 300)?;
        validate::text(self.commission.as_deref(), "commission", 2, 40)?;
        if let Some(when) = &self.first_review
            && !month_or_year(when)
        {
            return Err(AppError::bad_input("firstReview", "`firstReview` is YYYY or YYYY-MM, from 1900 to 2100"));
        }
        let regions: Vec<String> = self.region.iter().cloned().collect();
        validate::exist::<region::Entity, _, _>(db, region::Column::Key, &regions, "region").await
    }
}

/// `YYYY` or `YYYY-MM`, in the years any date given to the hub may fall in (`domain::text::YEARS`).
fn month_or_year(text: &str) -> bool {
    let year =
        |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) && y.parse().is_ok_and(|y| YEARS.contains(&y));
    match text.split_once('-') {
        None => year(text),
        Some((y, m)) => year(y) && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
    }
}

/// Adds a regional review process (editors).
pub async fn create_review(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    fields: ReviewFields,
) -> AppResult<regional_review::Model> {
    viewer.require(Role::Editor)?;
    check_key(key, "key")?;
    fields.validate(db, true).await?;
    let txn = crate::db::write_transaction(db).await?;
    let taken = regional_review::Entity::find().filter(regional_review::Column::Key.eq(key)).count(&txn).await?;
    if taken > 0 {
        return Err(AppError::Conflict(format!("a regional review `{key}` exists already")));
    }
    let now = clock::now();
    let row = regional_review::ActiveModel {
        key: Set(key.to_string()),
        region_key: Set(fields.region.unwrap_or_default()),
        title: Set(fields.title.unwrap_or_default().trim().to_string()),
        commission: Set(fields.commission.unwrap_or_default().trim().to_string()),
        first_review: Set(fields.first_review.unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    versioned::create(txn, viewer, row, |row| (Subject::Id(RecordType::RegionalReview, row.id), None)).await
}

/// Edits a regional review at the version the caller read (editors).
pub async fn update_review(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    fields: ReviewFields,
) -> AppResult<regional_review::Model> {
    viewer.require(Role::Editor)?;
    fields.validate(db, false).await?;
    let edit = Edit::<regional_review::Entity> {
        what: "regional review",
        subject: Subject::Id(RecordType::RegionalReview, id),
        row: Condition::all().add(regional_review::Column::Id.eq(id)),
        version_column: regional_review::Column::Version,
        version,
        changes: Changes::default()
            .set(regional_review::Column::RegionKey, fields.region)
            .set(regional_review::Column::Title, fields.title.map(|t| t.trim().to_string()))
            .set(regional_review::Column::Commission, fields.commission.map(|t| t.trim().to_string()))
            .set(regional_review::Column::FirstReview, fields.first_review)
            .set(regional_review::Column::UpdatedAt, Some(clock::now())),
        reindex: Reindex::Nothing,
    };
    versioned::edit(db, viewer, edit).await
}

/// Removes a regional review that has no submissions and no guidance tools (editors); otherwise `CONFLICT`.
pub async fn delete_review(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<i64> {
    viewer.require(Role::Editor)?;
    let txn = crate::db::write_transaction(db).await?;
    let row = regional_review::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("regional review"))?;
    let used = review_submission::Entity::find().filter(review_submission::Column::ReviewId.eq(id)).count(&txn).await?
        + guidance_tool::Entity::find().filter(guidance_tool::Column::RegionalReviewId.eq(id)).count(&txn).await?;
    if used > 0 {
        return Err(AppError::Conflict(format!("{used} submissions and tools belong to this review; move them first")));
    }
    regional_review::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, viewer, Verb::Delete, Subject::Id(RecordType::RegionalReview, id), Some(row.title)).await?;
    txn.commit().await?;
    Ok(id)
}

/// The editable fields of a review submission; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFields {
    pub review: Option<i64>,
    /// ISO 3166-1 alpha-3; `Some(None)` clears it.
    pub submitter_country: Option<Option<String>>,
    /// `Some(None)` clears it.
    pub submitter_organization: Option<Option<i64>>,
    pub submitted_on: Option<NaiveDate>,
    pub summary: Option<String>,
    /// `Some(None)` clears it.
    pub document_url: Option<Option<String>>,
    pub language: Option<String>,
}

impl SubmissionFields {
    async fn validate<C: ConnectionTrait>(&mut self, db: &C, creating: bool) -> AppResult<()> {
        if creating {
            validate::required(&self.review, "review")?;
            validate::required(&self.submitted_on, "submittedOn")?;
            validate::required(&self.summary, "summary")?;
            if self.submitter_country.clone().flatten().is_none() && self.submitter_organization.flatten().is_none() {
                return Err(AppError::bad_input("submitterCountry", "a submission names its country or organization"));
            }
        }
        validate::text(self.summary.as_deref(), "summary", 10, 5000)?;
        validate::url(self.document_url.clone().flatten().as_deref(), "documentUrl")?;
        validate::language(self.language.as_deref(), "language")?;
        if self.submitted_on.is_some_and(|d| d > clock::now().date_naive()) {
            return Err(AppError::bad_input("submittedOn", "`submittedOn` is in the future"));
        }
        let reviews: Vec<i64> = self.review.into_iter().collect();
        validate::exist::<regional_review::Entity, _, _>(db, regional_review::Column::Id, &reviews, "review").await?;
        if let Some(Some(code)) = &self.submitter_country {
            let code = validate::iso3(code, "submitterCountry")?;
            let codes = [code.clone()];
            validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, &codes, "submitterCountry").await?;
            self.submitter_country = Some(Some(code));
        }
        let organizations: Vec<i64> = self.submitter_organization.flatten().into_iter().collect();
        validate::exist::<organization::Entity, _, _>(
            db,
            organization::Column::Id,
            &organizations,
            "submitterOrganization",
        )
        .await
    }
}

/// Records a voluntary submission to a regional review (editors).
pub async fn create_submission(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mut fields: SubmissionFields,
) -> AppResult<review_submission::Model> {
    viewer.require(Role::Editor)?;
    fields.validate(db, true).await?;
    let txn = crate::db::write_transaction(db).await?;
    let now = clock::now();
    let row = review_submission::ActiveModel {
        review_id: Set(fields.review.unwrap_or_default()),
        submitter_country_iso3: Set(fields.submitter_country.flatten()),
        submitter_organization_id: Set(fields.submitter_organization.flatten()),
        submitted_on: Set(fields.submitted_on.unwrap_or_default()),
        summary: Set(fields.summary.unwrap_or_default().trim().to_string()),
        document_url: Set(fields.document_url.flatten()),
        language: Set(fields.language.unwrap_or_else(|| "en".into())),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    versioned::create(txn, viewer, row, |row| (Subject::Id(RecordType::ReviewSubmission, row.id), None)).await
}

/// Edits a submission at the version the caller read (editors).
pub async fn update_submission(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    mut fields: SubmissionFields,
) -> AppResult<review_submission::Model> {
    viewer.require(Role::Editor)?;
    fields.validate(db, false).await?;
    // A submission always names who made it, as it will be after this update.
    if let Some(current) = review_submission::Entity::find_by_id(id).one(db).await? {
        let country = fields.submitter_country.clone().unwrap_or(current.submitter_country_iso3);
        let organization = fields.submitter_organization.unwrap_or(current.submitter_organization_id);
        if country.is_none() && organization.is_none() {
            return Err(AppError::bad_input("submitterCountry", "a submission names its country or organization"));
        }
    }
    let edit = Edit::<review_submission::Entity> {
        what: "review submission",
        subject: Subject::Id(RecordType::ReviewSubmission, id),
        row: Condition::all().add(review_submission::Column::Id.eq(id)),
        version_column: review_submission::Column::Version,
        version,
        changes: Changes::default()
            .set(review_submission::Column::ReviewId, fields.review)
            .set(review_submission::Column::SubmitterCountryIso3, fields.submitter_country)
            .set(review_submission::Column::SubmitterOrganizationId, fields.submitter_organization)
            .set(review_submission::Column::SubmittedOn, fields.submitted_on)
            .set(review_submission::Column::Summary, fields.summary.map(|s| s.trim().to_string()))
            .set(review_submission::Column::DocumentUrl, fields.document_url)
            .set(review_submission::Column::Language, fields.language)
            .set(review_submission::Column::UpdatedAt, Some(clock::now())),
        reindex: Reindex::Nothing,
    };
    let row = versioned::edit(db, viewer, edit).await?;
    Ok(row)
}

/// Removes a submission (editors).
pub async fn delete_submission(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<i64> {
    viewer.require(Role::Editor)?;
    let txn = crate::db::write_transaction(db).await?;
    let row =
        review_submission::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("review submission"))?;
    review_submission::Entity::delete_by_id(id).exec(&txn).await?;
    let subject = Subject::Id(RecordType::ReviewSubmission, id);
    audit::record(&txn, viewer, Verb::Delete, subject, Some(row.submitted_on.to_string())).await?;
    txn.commit().await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_reviews_are_months_or_years_within_the_hub_s_years() {
        for good in ["2020", "2020-11", "1900", "2100-12"] {
            assert!(super::month_or_year(good), "{good}");
        }
        for bad in ["0000", "1899", "2101", "2020-13", "2020-1", "20", "abcd", "2020-00"] {
            assert!(!super::month_or_year(bad), "{bad}");
        }
    }
}
