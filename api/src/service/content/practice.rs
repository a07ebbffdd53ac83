//! A practice's own fields: contributors create and edit their drafts, editors edit any. Inputs are validated field by
//! field (`BAD_USER_INPUT` with `extensions.field`) before anything is written; updates carry the version they edit.

use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details, set_given};
use crate::service::validate;
use chrono::{Datelike, NaiveDate};
use hub_entity::enums::{Completion, ContentKind, GeographicLevel, ResourceKind, SubmitterKind};
use hub_entity::{practice, practice_resource};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// A document, video or website about a practice.
#[derive(Debug, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub kind: ResourceKind,
}

/// The editable fields of a practice; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct PracticeFields {
    pub common: CommonFields,
    pub description: Option<String>,
    pub implementation: Option<String>,
    pub results: Option<String>,
    pub lessons_learned: Option<String>,
    pub enabling_factors: Option<String>,
    pub challenges: Option<String>,
    pub replicability: Option<String>,
    pub call_for_practices: Option<String>,
    pub submitter_kind: Option<SubmitterKind>,
    pub geographic_level: Option<GeographicLevel>,
    pub completion: Option<Completion>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub resources: Option<Vec<Resource>>,
}

/// Replaces a practice's resources when the fields give them.
async fn replace_resources(txn: &DatabaseTransaction, id: i64, resources: &Option<Vec<Resource>>) -> AppResult<()> {
    let Some(resources) = resources else { return Ok(()) };
    practice_resource::Entity::delete_many().filter(practice_resource::Column::PracticeId.eq(id)).exec(txn).await?;
    let rows: Vec<practice_resource::ActiveModel> = resources
        .iter()
        .zip(0..)
        .map(|(r, position)| practice_resource::ActiveModel {
            practice_id: Set(id),
            position: Set(position),
            title: Set(r.title.trim().to_string()),
            url: Set(r.url.trim().to_string()),
            kind: Set(r.kind),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        practice_resource::Entity::insert_many(rows).exec_without_returning(txn).await?;
    }
    Ok(())
}

impl Details for PracticeFields {
    const KIND: ContentKind = ContentKind::Practice;
    const AUTHOR: Role = Role::Contributor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        self.start_date.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        if creating {
            validate::required(&self.description, "description")?;
        }
        validate::text(self.description.as_deref(), "description", 10, 20000)?;
        for (value, field) in [
            (&self.implementation, "implementation"),
            (&self.results, "results"),
            (&self.lessons_learned, "lessonsLearned"),
            (&self.enabling_factors, "enablingFactors"),
            (&self.challenges, "challenges"),
            (&self.replicability, "replicability"),
        ] {
            validate::text(value.as_deref(), field, 0, 20000)?;
        }
        validate::text(self.call_for_practices.as_deref(), "callForPractices", 1, 200)?;
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && end < start
        {
            return Err(AppError::bad_input("endDate", "`endDate` is before `startDate`"));
        }
        validate::list(self.resources.as_deref(), "resources")?;
        for resource in self.resources.iter().flatten() {
            validate::text(Some(&resource.title), "resources.title", 1, 300)?;
            validate::url(Some(&resource.url), "resources.url")?;
        }
        Ok(())
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        practice::ActiveModel {
            content_id: Set(id),
            description: Set(self.description.clone().unwrap_or_default()),
            implementation: Set(self.implementation.clone()),
            results: Set(self.results.clone()),
            lessons_learned: Set(self.lessons_learned.clone()),
            enabling_factors: Set(self.enabling_factors.clone()),
            challenges: Set(self.challenges.clone()),
            replicability: Set(self.replicability.clone()),
            submitter_kind: Set(self.submitter_kind.unwrap_or(SubmitterKind::Stakeholder)),
            geographic_level: Set(self.geographic_level.unwrap_or(GeographicLevel::National)),
            start_date: Set(self.start_date),
            end_date: Set(self.end_date),
            completion: Set(self.completion.unwrap_or(Completion::Ongoing)),
            call_for_practices: Set(self.call_for_practices.clone()),
        }
        .insert(txn)
        .await?;
        replace_resources(txn, id, &self.resources).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current = practice::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("practice"))?;
        // The date order holds for the record as it will be, not only for the dates this update gives.
        if let (Some(start), Some(end)) = (self.start_date.or(current.start_date), self.end_date.or(current.end_date))
            && end < start
        {
            return Err(AppError::bad_input("endDate", "`endDate` is before `startDate`"));
        }
        let mut detail: practice::ActiveModel = current.into();
        if let Some(v) = &self.description {
            detail.description = Set(v.clone());
        }
        for (value, column) in [
            (&self.implementation, &mut detail.implementation),
            (&self.results, &mut detail.results),
            (&self.lessons_learned, &mut detail.lessons_learned),
            (&self.enabling_factors, &mut detail.enabling_factors),
            (&self.challenges, &mut detail.challenges),
            (&self.replicability, &mut detail.replicability),
            (&self.call_for_practices, &mut detail.call_for_practices),
        ] {
            set_given(&value.clone().map(Some), column);
        }
        set_given(&self.submitter_kind, &mut detail.submitter_kind);
        set_given(&self.geographic_level, &mut detail.geographic_level);
        set_given(&self.completion, &mut detail.completion);
        set_given(&self.start_date.map(Some), &mut detail.start_date);
        set_given(&self.end_date.map(Some), &mut detail.end_date);
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        replace_resources(txn, id, &self.resources).await
    }
}
