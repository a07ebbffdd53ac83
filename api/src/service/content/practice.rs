//! A practice's own fields: contributors create and edit their drafts, editors edit any. Inputs are validated field by
//! field (`BAD_USER_INPUT` with `extensions.field`) before anything is written; updates carry the version they edit.

use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::service::content::call_for_practices;
use crate::service::content::editing::{CommonFields, Details};
use crate::service::validate;
use chrono::{Datelike, NaiveDate as Date};
use hub_entity::enums::{Completion, ContentKind, GeographicLevel, ResourceKind, SubmitterKind};
use hub_entity::{content, practice, practice_resource};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// A document, video or website about a practice.
#[derive(Debug, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub kind: ResourceKind,
}

/// A practice's own columns, declared once (the grammar is in `service::content::own`); expanded here into
/// [`PracticeOwn`] and in `graphql::content::practice` into its output and input fields.
#[macro_export]
macro_rules! practice_own {
    ($expand:ident) => {
        $crate::$expand! {
            PracticeOwn, PracticeDetails, PracticeOwnInput, practice [call_id];
            /// What the practice is and does (required on create).
            description: String = (String::new()) [required, text(10, 20000)],
            /// How the practice was put in place.
            implementation: String = null [text(0, 20000)],
            /// Outcomes and impact.
            results: String = null [text(0, 20000)],
            lessons_learned: String = null [text(0, 20000)],
            enabling_factors: String = null [text(0, 20000)],
            challenges: String = null [text(0, 20000)],
            /// What another country or city would need to replicate it.
            replicability: String = null [text(0, 20000)],
            submitter_kind: SubmitterKind = (SubmitterKind::Stakeholder) [],
            geographic_level: GeographicLevel = (GeographicLevel::National) [],
            start_date: Date = null [],
            end_date: Date = null [],
            completion: Completion = (Completion::Ongoing) [],
            /// The call for practices the record answered, as free text; naming a `call` sets it to the call's title.
            #[deprecated = "Use `call`, the CallForPractices the practice answers."]
            call_for_practices: String = null [text(1, 200)],
        }
    };
}

crate::practice_own!(service_own);

/// The editable fields of a practice; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct PracticeFields {
    pub common: CommonFields,
    pub own: PracticeOwn,
    pub resources: Option<Vec<Resource>>,
    /// The call for practices it answers: `Some(None)` unlinks it.
    pub call: Option<Option<i64>>,
}

/// Links a practice to the call it answers (and keeps the free-text title for the clients that read it); unlinking
/// clears the title too, so that the migration's linking by title never links it back.
async fn link_call(
    txn: &DatabaseTransaction,
    row: &mut practice::ActiveModel,
    call: Option<Option<i64>>,
) -> AppResult<()> {
    let Some(call) = call else { return Ok(()) };
    row.call_id = Set(call);
    let title = match call {
        Some(call) => content::Entity::find_by_id(call).one(txn).await?.map(|shared| shared.title),
        None => None,
    };
    row.call_for_practices = Set(title);
    Ok(())
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
        self.own.start_date.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        if let (Some(start), Some(end)) = (self.own.start_date, self.own.end_date)
            && end < start
        {
            return Err(AppError::bad_input("endDate", "`endDate` is before `startDate`"));
        }
        if let Some(Some(call)) = self.call {
            call_for_practices::check_answerable(db, call).await?;
        }
        validate::list(self.resources.as_deref(), "resources")?;
        for resource in self.resources.iter().flatten() {
            validate::text(Some(&resource.title), "resources.title", 1, 300)?;
            validate::url(Some(&resource.url), "resources.url")?;
        }
        Ok(())
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let mut row = self.own.new_row(id);
        row.call_id = Set(None);
        link_call(txn, &mut row, self.call).await?;
        row.insert(txn).await?;
        replace_resources(txn, id, &self.resources).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current = practice::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("practice"))?;
        // The date order holds for the record as it will be, not only for the dates this update gives.
        if let (Some(start), Some(end)) =
            (self.own.start_date.or(current.start_date), self.own.end_date.or(current.end_date))
            && end < start
        {
            return Err(AppError::bad_input("endDate", "`endDate` is before `startDate`"));
        }
        let mut detail: practice::ActiveModel = current.into();
        self.own.apply(&mut detail);
        link_call(txn, &mut detail, self.call).await?;
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        replace_resources(txn, id, &self.resources).await
    }
}
