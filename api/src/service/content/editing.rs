//! Writing content records (practices, guidance tools, peer exchanges): the common fields and their checks, unique
//! slugs, translations, tags, the versioned update of the shared row, and deleting drafts. Each type's service
//! implements `Details` for its own fields, written in the same transaction.

use crate::domain::clock;
use crate::domain::kind::{RecordType, Workflow, names};
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::content::tags::{self, Tags};
use crate::service::outbox;
use crate::service::validate;
use hub_entity::enums::{ContentKind, OrganizationRole, Status};
use hub_entity::{
    content, content_country, content_objective, content_organization, content_principle, content_region,
    content_theme, country, organization, principle, region, theme,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, SqlErr, TransactionTrait,
};
use std::future::Future;

/// One content type's own fields and how they are checked and written next to the shared row.
pub trait Details: Send + Sync {
    const KIND: ContentKind;
    /// The least role that writes records of this type.
    const AUTHOR: Role;
    fn common(&self) -> &CommonFields;
    /// The year the record is dated by, when these fields change it.
    fn year(&self) -> Option<i32>;
    /// Checks the given fields (on create, the required ones are there).
    fn validate(&self, db: &DatabaseConnection, creating: bool) -> impl Future<Output = AppResult<()>> + Send;
    /// Writes the type's rows of a new record.
    fn insert(&self, txn: &DatabaseTransaction, id: i64) -> impl Future<Output = AppResult<()>> + Send;
    /// Writes the given fields of an existing record (checks that span stored and new values happen here).
    fn update(&self, txn: &DatabaseTransaction, id: i64) -> impl Future<Output = AppResult<()>> + Send;
    /// Fills in what follows from the other fields before they are checked (a review submission's tags follow its
    /// submitter, review and reports); `id` is the record being edited, `None` on create. Most kinds add nothing.
    fn complete(&mut self, _db: &DatabaseConnection, _id: Option<i64>) -> impl Future<Output = AppResult<()>> + Send {
        async { Ok(()) }
    }
    /// What the public slug is made from, when not the title (a review submission's submitter, review and year).
    fn slug_basis(&self) -> Option<&str> {
        None
    }
}

/// Creates a draft owned by the caller.
/// (Records of a kind that is public on save are published at once, in the same transaction.)
pub async fn create<D: Details>(db: &DatabaseConnection, viewer: &Viewer, mut fields: D) -> AppResult<content::Model> {
    viewer.require(D::AUTHOR)?;
    fields.complete(db, None).await?;
    fields.validate(db, true).await?;
    let txn = crate::db::write_transaction(db).await?;
    let mut row = insert(&txn, viewer, D::KIND, fields.common(), fields.year()).await?;
    fields.insert(&txn, row.id).await?;
    if names(D::KIND).workflow == Workflow::PublicOnSave {
        row = publish_on_save(&txn, row, fields.slug_basis()).await?;
    }
    txn.commit().await?;
    Ok(row)
}

/// Publishes a record that is public on save, as it is created: its status, its publication date and its slug (the
/// trail's `create` says it all).
async fn publish_on_save(
    txn: &DatabaseTransaction,
    row: content::Model,
    slug_basis: Option<&str>,
) -> AppResult<content::Model> {
    let now = clock::now();
    content::Entity::update_many()
        .col_expr(content::Column::Status, Expr::value(Status::Published))
        .col_expr(content::Column::PublishedAt, Expr::value(now))
        .filter(content::Column::Id.eq(row.id))
        .exec(txn)
        .await?;
    fix_public_slug(txn, &row, slug_basis.unwrap_or(&row.title)).await?;
    reread(txn, row.kind, row.id).await
}

/// Edits a record at the version the caller read; a stale version is `CONFLICT`, never a lost write. Edits after
/// publication keep the record published.
pub async fn edit<D: Details>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    fields: D,
) -> AppResult<content::Model> {
    // Who is asking comes before what they sent: an anonymous caller learns nothing from validation.
    viewer.require(D::AUTHOR)?;
    let mut fields = fields;
    fields.complete(db, Some(id)).await?;
    fields.validate(db, false).await?;
    let txn = crate::db::write_transaction(db).await?;
    let row = find_editable(&txn, viewer, D::KIND, id).await?;
    fields.update(&txn, id).await?;
    update(&txn, viewer, &row, version, fields.common(), fields.year()).await?;
    let updated = reread(&txn, D::KIND, id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The organizations a record names in one role; when given, they replace that role's links.
#[derive(Debug, Clone)]
pub struct OrganizationLinks {
    pub role: OrganizationRole,
    /// The input field, for error messages.
    pub field: &'static str,
    pub ids: Vec<i64>,
}

/// The fields every content type has; `None` leaves a field as it is on update, a given list replaces the old one.
#[derive(Debug, Clone, Default)]
pub struct CommonFields {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub language: Option<String>,
    /// A record of the same type that this one translates (on create).
    pub translation_of: Option<i64>,
    pub objectives: Option<Vec<i32>>,
    pub principles: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes.
    pub countries: Option<Vec<String>>,
    pub organizations: Vec<OrganizationLinks>,
}

impl CommonFields {
    /// Checks every given field; on create, title and summary are required.
    pub async fn validate<C: ConnectionTrait>(&self, db: &C, creating: bool) -> AppResult<()> {
        self.check(creating)?;
        self.check_references(db).await
    }

    /// The checks that need no database: lengths, list sizes, objective numbers.
    pub fn check(&self, creating: bool) -> AppResult<()> {
        if creating {
            validate::required(&self.title, "title")?;
            validate::required(&self.summary, "summary")?;
        }
        validate::text(self.title.as_deref(), "title", 3, 300)?;
        validate::text(self.summary.as_deref(), "summary", 10, 2000)?;
        validate::language(self.language.as_deref(), "language")?;
        validate::list(self.objectives.as_deref(), "objectives")?;
        validate::list(self.principles.as_deref(), "principles")?;
        validate::list(self.themes.as_deref(), "themes")?;
        validate::list(self.regions.as_deref(), "regions")?;
        validate::list(self.countries.as_deref(), "countries")?;
        for links in &self.organizations {
            validate::list(Some(&links.ids), links.field)?;
        }
        if let Some(bad) = self.objectives.iter().flatten().find(|n| !(1..=23).contains(*n)) {
            return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
        }
        Ok(())
    }

    /// That every principle, theme, region, country and organization named exists (a statement for each kind).
    pub async fn check_references<C: ConnectionTrait>(&self, db: &C) -> AppResult<()> {
        let countries: Vec<String> = self.countries.iter().flatten().map(|c| c.trim().to_ascii_uppercase()).collect();
        validate::exist::<principle::Entity, _, _>(
            db,
            principle::Column::Key,
            or_empty(&self.principles),
            "principles",
        )
        .await?;
        validate::exist::<theme::Entity, _, _>(db, theme::Column::Key, or_empty(&self.themes), "themes").await?;
        validate::exist::<region::Entity, _, _>(db, region::Column::Key, or_empty(&self.regions), "regions").await?;
        validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, &countries, "countries").await?;
        for links in &self.organizations {
            validate::exist::<organization::Entity, _, _>(db, organization::Column::Id, &links.ids, links.field)
                .await?;
        }
        Ok(())
    }
}

fn or_empty<T>(values: &Option<Vec<T>>) -> &[T] {
    values.as_deref().unwrap_or_default()
}

/// A translation group holds one record per language.
async fn language_free<C: ConnectionTrait>(
    db: &C,
    translation_key: &str,
    language: &str,
    except: i64,
) -> AppResult<()> {
    let taken = content::Entity::find()
        .filter(content::Column::TranslationKey.eq(translation_key))
        .filter(content::Column::Language.eq(language))
        .filter(content::Column::Id.ne(except))
        .count(db)
        .await?;
    if taken == 0 {
        Ok(())
    } else {
        Err(AppError::bad_input("language", format!("this record already has a translation in `{language}`")))
    }
}

/// Gives a record its public slug, at its first publication: `basis` slugged (its title, for most kinds), or the
/// first of `-2`, `-3`, ... that no other record of its kind holds. Only records that were once public and records created before provisional slugs
/// hold plain slugs, so the choice reveals nothing hidden. Two first publications racing for one slug: the unique
/// index refuses the second, which takes the next (inside a savepoint).
pub async fn fix_public_slug(txn: &DatabaseTransaction, row: &content::Model, basis: &str) -> AppResult<()> {
    let fallback = names(row.kind).word.replace('_', "-");
    for _ in 0..5 {
        let others = Condition::all().add(content::Column::Kind.eq(row.kind)).add(content::Column::Id.ne(row.id));
        let slug =
            validate::unique_slug::<content::Entity, _>(txn, content::Column::Slug, others, basis, &fallback).await?;
        if slug == row.slug {
            return Ok(());
        }
        let savepoint = txn.begin().await?;
        let renamed = content::Entity::update_many()
            .col_expr(content::Column::Slug, Expr::value(slug))
            .filter(content::Column::Id.eq(row.id))
            .exec(&savepoint)
            .await;
        match renamed {
            Ok(_) => return Ok(savepoint.commit().await?),
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                savepoint.rollback().await?;
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(AppError::Conflict("another record took this slug meanwhile; try again".into()))
}

/// Inserts the shared row of a new draft owned by the caller, with its tags, and records the creation.
pub(super) async fn insert(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    kind: ContentKind,
    fields: &CommonFields,
    year: Option<i32>,
) -> AppResult<content::Model> {
    let title = fields.title.as_deref().unwrap_or_default().trim().to_string();
    let language = fields.language.clone().unwrap_or_else(|| "en".into());
    let group = match fields.translation_of {
        Some(original) => {
            let original = content::Entity::find_by_id(original)
                .filter(content::Column::Kind.eq(kind))
                .filter(viewer.visible_content())
                .one(txn)
                .await?
                .ok_or_else(|| AppError::bad_input("translationOf", format!("no such {}", names(kind).label)))?;
            language_free(txn, &original.translation_key, &language, 0).await?;
            Some(original.translation_key)
        }
        None => None,
    };
    let now = clock::now();
    // A draft's slug is provisional (random-suffixed: it reveals no hidden record and no hidden record reveals it);
    // the public one is fixed at its first publication (`fix_public_slug`). A collision of the random suffix is
    // refused by the unique index and tried again, inside a savepoint, so the rest of the transaction stands.
    let mut attempts = 0;
    let row = loop {
        let slug = validate::provisional_slug(&title, &names(kind).word.replace('_', "-"));
        let draft = content::ActiveModel {
            kind: Set(kind),
            translation_key: Set(group.clone().unwrap_or_else(|| format!("{}:{slug}", names(kind).translation_prefix))),
            slug: Set(slug),
            language: Set(language.clone()),
            status: Set(Status::Draft),
            title: Set(title.clone()),
            summary: Set(fields.summary.as_deref().unwrap_or_default().trim().to_string()),
            year: Set(year),
            owner_sub: Set(viewer.subject.clone()),
            review_note: Set(None),
            published_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        };
        let savepoint = txn.begin().await?;
        match draft.insert(&savepoint).await {
            Ok(row) => {
                savepoint.commit().await?;
                break row;
            }
            Err(error) if attempts < 5 && matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                savepoint.rollback().await?;
                attempts += 1;
            }
            Err(error) => return Err(error.into()),
        }
    };
    replace_tags(txn, row.id, fields).await?;
    outbox::enqueue(txn, &[row.id]).await?;
    audit::record(txn, viewer, Verb::Create, Subject::Id(RecordType::Content(kind), row.id), None).await?;
    Ok(row)
}

/// The record the caller may edit: editors any, contributors their own drafts and change requests. Records the
/// caller may not read are `NOT_FOUND`, not `FORBIDDEN`, so drafts do not leak their existence.
async fn find_editable(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    kind: ContentKind,
    id: i64,
) -> AppResult<content::Model> {
    viewer.require_signed_in()?;
    let row = content::Entity::find_by_id(id)
        .filter(content::Column::Kind.eq(kind))
        .filter(viewer.visible_content())
        .one(txn)
        .await?
        .ok_or(AppError::NotFound(names(kind).label))?;
    let own_open_draft = viewer.owns(&row) && matches!(row.status, Status::Draft | Status::ChangesRequested);
    if viewer.role >= Role::Editor || own_open_draft { Ok(row) } else { Err(AppError::Forbidden) }
}

/// Updates the shared row at the version the caller edited (a stale version is `CONFLICT`, never a lost write),
/// replaces the given tags and records the change. `year` is `Some` when the type's dated field changed.
async fn update(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    row: &content::Model,
    version: i32,
    fields: &CommonFields,
    year: Option<i32>,
) -> AppResult<()> {
    let mut update = content::Entity::update_many()
        .col_expr(content::Column::Version, Expr::value(version + 1))
        .col_expr(content::Column::UpdatedAt, Expr::value(clock::now()))
        .filter(content::Column::Id.eq(row.id))
        .filter(content::Column::Version.eq(version));
    if let Some(title) = &fields.title {
        update = update.col_expr(content::Column::Title, Expr::value(title.trim().to_string()));
    }
    if let Some(summary) = &fields.summary {
        update = update.col_expr(content::Column::Summary, Expr::value(summary.trim().to_string()));
    }
    if let Some(language) = &fields.language {
        language_free(txn, &row.translation_key, language, row.id).await?;
        update = update.col_expr(content::Column::Language, Expr::value(language.clone()));
    }
    if let Some(year) = year {
        update = update.col_expr(content::Column::Year, Expr::value(year));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(AppError::stale(names(row.kind).label, version));
    }
    replace_tags(txn, row.id, fields).await?;
    outbox::enqueue(txn, &[row.id]).await?;
    let note = Some(format!("version {}", version + 1));
    audit::record(txn, viewer, Verb::Update, Subject::Id(RecordType::Content(row.kind), row.id), note).await
}

/// Sets a column when the update gives its field (`Some`), and leaves it alone otherwise.
pub fn set_given<V: Clone + Into<sea_orm::Value>>(value: &Option<V>, column: &mut sea_orm::ActiveValue<V>) {
    if let Some(value) = value {
        *column = Set(value.clone());
    }
}

/// Reads a record back after a write, inside the transaction.
pub async fn reread(txn: &DatabaseTransaction, kind: ContentKind, id: i64) -> AppResult<content::Model> {
    content::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound(names(kind).label))
}

/// Replaces the tags the fields name (and only those).
async fn replace_tags(txn: &DatabaseTransaction, id: i64, fields: &CommonFields) -> AppResult<()> {
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
        tags.countries = values.iter().map(|c| c.trim().to_ascii_uppercase()).collect();
    }
    for links in &fields.organizations {
        content_organization::Entity::delete_many()
            .filter(content_organization::Column::ContentId.eq(id))
            .filter(content_organization::Column::Role.eq(links.role))
            .exec(txn)
            .await?;
        tags.organizations.extend(links.ids.iter().map(|o| (*o, links.role)));
    }
    tags::insert(txn, &[(id, tags)]).await
}

/// Deletes a record: a draft (by its owner or an editor; a record that has been submitted or published is
/// archived instead), or, for admins, a record in any status (a takedown: permanent, audited; the change feed tells
/// partners `DELETED`; its translations stay).
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, kind: ContentKind, id: i64) -> AppResult<i64> {
    let txn = crate::db::write_transaction(db).await?;
    let row = find_editable(&txn, viewer, kind, id).await?;
    let takedown = row.status != Status::Draft;
    if takedown && viewer.role < Role::Admin {
        return Err(AppError::InvalidTransition(format!(
            "only drafts can be deleted; archive a published {} (admins may take any record down)",
            names(kind).label
        )));
    }
    // A call's answers lose the link (their free-text title stays) and their `call` facet value.
    let answers = tags::unlink_answers(&txn, id).await?;
    content::Entity::delete_by_id(id).exec(&txn).await?;
    outbox::enqueue(&txn, &[&[id][..], &answers].concat()).await?;
    let verb = if takedown { Verb::TakeDown } else { Verb::Delete };
    audit::record(&txn, viewer, verb, Subject::Id(RecordType::Content(kind), id), Some(row.title)).await?;
    txn.commit().await?;
    Ok(id)
}
