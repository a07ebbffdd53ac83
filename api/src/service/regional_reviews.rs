//! Regional reviews, managed by editors (the submissions made to them are content records:
//! `service::content::review_submission`).

use crate::domain::clock;
use crate::domain::kind::RecordType;
use crate::domain::text::YEARS;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::themes::check_key;
use crate::service::validate;
use crate::service::versioned::{self, Changes, Edit, Reindex};
use hub_entity::{guidance_tool, region, regional_review, review_submission};
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
