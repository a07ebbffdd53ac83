//! Writing practices: create, update (optimistic concurrency on `version`), delete drafts. Inputs are validated
//! field by field (`BAD_USER_INPUT` with `extensions.field`) before anything is written.

use crate::error::{AppError, AppResult};
use crate::service::audit;
use crate::service::content::MAX_FILTER_VALUES;
use crate::service::tags::{self, Tags};
use crate::service::viewer::{Role, Viewer};
use chrono::{Datelike, NaiveDate, Utc};
use hub_entity::enums::{Completion, ContentKind, GeographicLevel, OrganizationRole, Status, SubmitterKind};
use hub_entity::{
    content, content_country, content_objective, content_organization, content_principle, content_region,
    content_theme, country, organization, practice, principle, region, theme,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

/// The editable fields of a practice; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct PracticeFields {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub implementation: Option<String>,
    pub results: Option<String>,
    pub lessons_learned: Option<String>,
    pub submitter_kind: Option<SubmitterKind>,
    pub geographic_level: Option<GeographicLevel>,
    pub completion: Option<Completion>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub objectives: Option<Vec<i32>>,
    pub principles: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub countries: Option<Vec<String>>,
    /// Organization ids.
    pub main_implementer: Option<i64>,
    pub partners: Option<Vec<i64>>,
}

fn text(value: &Option<String>, field: &str, min: usize, max: usize) -> AppResult<()> {
    if let Some(value) = value {
        let length = value.trim().chars().count();
        if length < min || length > max {
            return Err(AppError::bad_input(field, format!("`{field}` must be {min} to {max} characters")));
        }
    }
    Ok(())
}

/// A BCP 47 tag in its common shape: a 2-3 letter language, then subtags of 2 to 8 letters or digits.
fn language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

async fn all_exist<E, C>(db: &C, column: E::Column, values: &[String], field: &str) -> AppResult<()>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let found = E::find().filter(column.is_in(values.iter().cloned())).all(db).await?.len() as u64;
    let mut distinct = values.to_vec();
    distinct.sort();
    distinct.dedup();
    if found != distinct.len() as u64 {
        return Err(AppError::bad_input(field, format!("`{field}` names a key that does not exist")));
    }
    Ok(())
}

impl PracticeFields {
    async fn validate<C: ConnectionTrait>(&self, db: &C, creating: bool) -> AppResult<()> {
        if creating {
            for (value, field) in
                [(&self.title, "title"), (&self.summary, "summary"), (&self.description, "description")]
            {
                if value.is_none() {
                    return Err(AppError::bad_input(field, format!("`{field}` is required")));
                }
            }
        }
        text(&self.title, "title", 3, 300)?;
        text(&self.summary, "summary", 10, 2000)?;
        text(&self.description, "description", 10, 20000)?;
        text(&self.implementation, "implementation", 0, 20000)?;
        text(&self.results, "results", 0, 20000)?;
        text(&self.lessons_learned, "lessonsLearned", 0, 20000)?;
        if let Some(language) = &self.language
            && !language_tag(language)
        {
            return Err(AppError::bad_input("language", format!("`{language}` is not a BCP 47 language tag")));
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && end < start
        {
            return Err(AppError::bad_input("endDate", "`endDate` is before `startDate`"));
        }
        let lists = [
            (self.principles.as_ref().map(Vec::len), "principles"),
            (self.themes.as_ref().map(Vec::len), "themes"),
            (self.regions.as_ref().map(Vec::len), "regions"),
            (self.countries.as_ref().map(Vec::len), "countries"),
            (self.objectives.as_ref().map(Vec::len), "objectives"),
            (self.partners.as_ref().map(Vec::len), "partners"),
        ];
        if let Some((_, field)) = lists.iter().find(|(len, _)| len.is_some_and(|n| n > MAX_FILTER_VALUES)) {
            return Err(AppError::bad_input(field, format!("`{field}` takes at most {MAX_FILTER_VALUES} values")));
        }
        if let Some(bad) = self.objectives.iter().flatten().find(|n| !(1..=23).contains(*n)) {
            return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
        }
        if let Some(keys) = &self.principles {
            all_exist::<principle::Entity, _>(db, principle::Column::Key, keys, "principles").await?;
        }
        if let Some(keys) = &self.themes {
            all_exist::<theme::Entity, _>(db, theme::Column::Key, keys, "themes").await?;
        }
        if let Some(keys) = &self.regions {
            all_exist::<region::Entity, _>(db, region::Column::Key, keys, "regions").await?;
        }
        if let Some(codes) = &self.countries {
            all_exist::<country::Entity, _>(db, country::Column::Iso3, codes, "countries").await?;
        }
        let organizations: Vec<i64> =
            self.main_implementer.iter().chain(self.partners.iter().flatten()).copied().collect();
        let mut distinct = organizations.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let found =
            organization::Entity::find().filter(organization::Column::Id.is_in(distinct.clone())).count(db).await?;
        if found != distinct.len() as u64 {
            return Err(AppError::bad_input("partners", "an organization does not exist"));
        }
        Ok(())
    }
}

/// A URL-safe slug from a title, made unique among practices.
async fn unique_slug<C: ConnectionTrait>(db: &C, title: &str) -> AppResult<String> {
    let mut base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(80);
    if base.is_empty() {
        base = "practice".into();
    }
    for n in 1.. {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken = content::Entity::find()
            .filter(content::Column::Kind.eq(ContentKind::Practice))
            .filter(content::Column::Slug.eq(&candidate))
            .count(db)
            .await?;
        if taken == 0 {
            return Ok(candidate);
        }
    }
    Err(AppError::Internal("no free slug".into()))
}

/// Replaces the tags the fields name (and only those).
async fn replace_tags(txn: &DatabaseTransaction, id: i64, fields: &PracticeFields) -> AppResult<()> {
    let mut tags = Tags::default();
    if let Some(values) = &fields.objectives {
        content_objective::Entity::delete_many().filter(content_objective::Column::ContentId.eq(id)).exec(txn).await?;
        tags.objectives = values.clone();
    }
    if let Some(values) = &fields.principles {
        content_principle::Entity::delete_many().filter(content_principle::Column::ContentId.eq(id)).exec(txn).await?;
        tags.principles = values.clone();
    }
    if let Some(values) = &fields.themes {
        content_theme::Entity::delete_many().filter(content_theme::Column::ContentId.eq(id)).exec(txn).await?;
        tags.themes = values.clone();
    }
    if let Some(values) = &fields.regions {
        content_region::Entity::delete_many().filter(content_region::Column::ContentId.eq(id)).exec(txn).await?;
        tags.regions = values.clone();
    }
    if let Some(values) = &fields.countries {
        content_country::Entity::delete_many().filter(content_country::Column::ContentId.eq(id)).exec(txn).await?;
        tags.countries = values.iter().map(|c| c.to_ascii_uppercase()).collect();
    }
    if fields.main_implementer.is_some() || fields.partners.is_some() {
        let mut roles = Vec::new();
        if fields.main_implementer.is_some() {
            roles.push(OrganizationRole::Implementer);
            tags.organizations.extend(fields.main_implementer.map(|o| (o, OrganizationRole::Implementer)));
        }
        if let Some(partners) = &fields.partners {
            roles.push(OrganizationRole::Partner);
            tags.organizations.extend(partners.iter().map(|o| (*o, OrganizationRole::Partner)));
        }
        content_organization::Entity::delete_many()
            .filter(content_organization::Column::ContentId.eq(id))
            .filter(content_organization::Column::Role.is_in(roles))
            .exec(txn)
            .await?;
    }
    tags::insert(txn, &[(id, tags)]).await
}

/// Creates a draft practice owned by the caller.
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, fields: PracticeFields) -> AppResult<content::Model> {
    viewer.require_signed_in()?;
    fields.validate(db, true).await?;
    let txn = crate::service::write_transaction(db).await?;
    let title = fields.title.clone().unwrap_or_default().trim().to_string();
    let slug = unique_slug(&txn, &title).await?;
    let now = Utc::now();
    let row = content::ActiveModel {
        kind: Set(ContentKind::Practice),
        slug: Set(slug.clone()),
        language: Set(fields.language.clone().unwrap_or_else(|| "en".into())),
        translation_key: Set(format!("practice:{slug}")),
        status: Set(Status::Draft),
        title: Set(title),
        summary: Set(fields.summary.clone().unwrap_or_default().trim().to_string()),
        year: Set(fields.start_date.map(|d| d.year())),
        owner_sub: Set(viewer.subject.clone()),
        review_note: Set(None),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    practice::ActiveModel {
        content_id: Set(row.id),
        description: Set(fields.description.clone().unwrap_or_default()),
        implementation: Set(fields.implementation.clone()),
        results: Set(fields.results.clone()),
        lessons_learned: Set(fields.lessons_learned.clone()),
        enabling_factors: Set(None),
        challenges: Set(None),
        replicability: Set(None),
        submitter_kind: Set(fields.submitter_kind.unwrap_or(SubmitterKind::Stakeholder)),
        geographic_level: Set(fields.geographic_level.unwrap_or(GeographicLevel::National)),
        start_date: Set(fields.start_date),
        end_date: Set(fields.end_date),
        completion: Set(fields.completion.unwrap_or(Completion::Ongoing)),
        call_for_practices: Set(None),
    }
    .insert(&txn)
    .await?;
    replace_tags(&txn, row.id, &fields).await?;
    audit::record(&txn, viewer, "practice.create", "Practice", row.id, None).await?;
    txn.commit().await?;
    Ok(row)
}

async fn editable(txn: &DatabaseTransaction, viewer: &Viewer, id: i64) -> AppResult<content::Model> {
    viewer.require_signed_in()?;
    let row = content::Entity::find_by_id(id)
        .filter(content::Column::Kind.eq(ContentKind::Practice))
        .filter(viewer.visible_content())
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("practice"))?;
    let own_open_draft = viewer.owns(&row) && matches!(row.status, Status::Draft | Status::ChangesRequested);
    if viewer.role >= Role::Editor || own_open_draft { Ok(row) } else { Err(AppError::Forbidden) }
}

/// Updates a practice at the version the caller edited; a stale version is `CONFLICT`, never a lost write.
/// Edits after publication keep the record published.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    fields: PracticeFields,
) -> AppResult<content::Model> {
    // Who is asking comes before what they sent: an anonymous caller learns nothing from validation.
    viewer.require_signed_in()?;
    fields.validate(db, false).await?;
    let txn = crate::service::write_transaction(db).await?;
    let row = editable(&txn, viewer, id).await?;
    let mut update = content::Entity::update_many()
        .col_expr(content::Column::Version, Expr::value(version + 1))
        .col_expr(content::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(content::Column::Id.eq(id))
        .filter(content::Column::Version.eq(version));
    if let Some(title) = &fields.title {
        update = update.col_expr(content::Column::Title, Expr::value(title.trim().to_string()));
    }
    if let Some(summary) = &fields.summary {
        update = update.col_expr(content::Column::Summary, Expr::value(summary.trim().to_string()));
    }
    if let Some(language) = &fields.language {
        update = update.col_expr(content::Column::Language, Expr::value(language.clone()));
    }
    if let Some(start) = fields.start_date {
        update = update.col_expr(content::Column::Year, Expr::value(start.year()));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(AppError::Conflict(format!(
            "the practice is at version {}, not {version}: reload it and apply your change again",
            row.version
        )));
    }
    let mut detail: practice::ActiveModel =
        practice::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("practice"))?.into();
    if let Some(v) = &fields.description {
        detail.description = Set(v.clone());
    }
    if fields.implementation.is_some() {
        detail.implementation = Set(fields.implementation.clone());
    }
    if fields.results.is_some() {
        detail.results = Set(fields.results.clone());
    }
    if fields.lessons_learned.is_some() {
        detail.lessons_learned = Set(fields.lessons_learned.clone());
    }
    if let Some(v) = fields.submitter_kind {
        detail.submitter_kind = Set(v);
    }
    if let Some(v) = fields.geographic_level {
        detail.geographic_level = Set(v);
    }
    if let Some(v) = fields.completion {
        detail.completion = Set(v);
    }
    if fields.start_date.is_some() {
        detail.start_date = Set(fields.start_date);
    }
    if fields.end_date.is_some() {
        detail.end_date = Set(fields.end_date);
    }
    detail.update(&txn).await?;
    replace_tags(&txn, id, &fields).await?;
    audit::record(&txn, viewer, "practice.update", "Practice", id, Some(format!("version {}", version + 1))).await?;
    let updated = content::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound("practice"))?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a draft (never a record that has been submitted).
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<i64> {
    let txn = crate::service::write_transaction(db).await?;
    let row = editable(&txn, viewer, id).await?;
    if row.status != Status::Draft {
        return Err(AppError::InvalidTransition("only drafts can be deleted; archive published practices".into()));
    }
    content::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, viewer, "practice.delete", "Practice", id, Some(row.title)).await?;
    txn.commit().await?;
    Ok(id)
}
