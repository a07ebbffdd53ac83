//! Organizations: a paged, filterable list ordered by name; editors add, edit and remove them.

use crate::domain::clock;
use crate::domain::kind::RecordType;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use crate::service::validate;
use crate::service::versioned::{self, Changes, Edit, Reindex};
use hub_entity::enums::OrganizationKind;
use hub_entity::{content_organization, country, organization, review_submission};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Select, Set,
};

#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    pub kinds: Option<Vec<OrganizationKind>>,
    /// Case-insensitive substring of the name or acronym.
    pub name_contains: Option<String>,
}

impl OrganizationFilter {
    fn select(&self) -> AppResult<Select<organization::Entity>> {
        let mut select = organization::Entity::find();
        if let Some(kinds) = &self.kinds {
            select = select.filter(organization::Column::Kind.is_in(kinds.iter().copied()));
        }
        if let Some(text) = &self.name_contains {
            if text.chars().count() > 200 {
                return Err(AppError::bad_input("nameContains", "`nameContains` takes at most 200 characters"));
            }
            // LIKE wildcards in the input are matched literally.
            let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let pattern = format!("%{escaped}%");
            let lower = |column| Expr::expr(Func::lower(Expr::col((organization::Entity, column))));
            select = select.filter(
                sea_orm::Condition::any()
                    .add(
                        lower(organization::Column::Name)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    )
                    .add(
                        lower(organization::Column::Acronym)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    ),
            );
        }
        Ok(select)
    }

    pub async fn page<C: ConnectionTrait>(&self, db: &C, args: &PageArgs) -> AppResult<Page<organization::Model>> {
        let window = Window::new(args, "organizations/NAME/ASC".into())?;
        let sort = Sort {
            key: Expr::col((organization::Entity, organization::Column::Name)),
            id: organization::Column::Id,
            ascending: true,
            text: true,
        };
        page::fetch(db, self.select()?, sort, &window, |row: &organization::Model| {
            (SortValue::Text(row.name.clone()), row.id)
        })
        .await
    }

    pub async fn count<C: ConnectionTrait>(&self, db: &C) -> AppResult<u64> {
        Ok(self.select()?.count(db).await?)
    }
}

/// The editable fields of an organization; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct OrganizationFields {
    pub name: Option<String>,
    /// `Some(None)` clears it.
    pub acronym: Option<Option<String>>,
    pub kind: Option<OrganizationKind>,
    /// ISO 3166-1 alpha-3; `Some(None)` clears it.
    pub country: Option<Option<String>>,
}

impl OrganizationFields {
    async fn validate<C: ConnectionTrait>(&mut self, db: &C, creating: bool) -> AppResult<()> {
        if creating {
            validate::required(&self.name, "name")?;
            validate::required(&self.kind, "kind")?;
        }
        validate::text(self.name.as_deref(), "name", 2, 300)?;
        validate::text(self.acronym.clone().flatten().as_deref(), "acronym", 1, 40)?;
        if let Some(Some(code)) = &self.country {
            let code = validate::iso3(code, "country")?;
            validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, std::slice::from_ref(&code), "country")
                .await?;
            self.country = Some(Some(code));
        }
        Ok(())
    }
}

/// Adds an organization (editors).
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mut fields: OrganizationFields,
) -> AppResult<organization::Model> {
    viewer.require(Role::Editor)?;
    fields.validate(db, true).await?;
    let txn = crate::db::write_transaction(db).await?;
    let name = fields.name.unwrap_or_default().trim().to_string();
    let now = clock::now();
    let row = organization::ActiveModel {
        slug: Set(validate::unique_slug::<organization::Entity, _>(
            &txn,
            organization::Column::Slug,
            Condition::all(),
            &name,
            "organization",
        )
        .await?),
        name: Set(name),
        acronym: Set(fields.acronym.flatten().map(|a| a.trim().to_string())),
        kind: Set(fields.kind.unwrap_or(OrganizationKind::CivilSociety)),
        country_iso3: Set(fields.country.flatten()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    versioned::create(txn, viewer, row, |row| (Subject::Id(RecordType::Organization, row.id), Some(row.name.clone())))
        .await
}

/// Edits an organization at the version the caller read (editors).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    mut fields: OrganizationFields,
) -> AppResult<organization::Model> {
    viewer.require(Role::Editor)?;
    fields.validate(db, false).await?;
    let edit = Edit::<organization::Entity> {
        what: NAME,
        subject: Subject::Id(RecordType::Organization, id),
        row: Condition::all().add(organization::Column::Id.eq(id)),
        version_column: organization::Column::Version,
        version,
        changes: Changes::default()
            .set(organization::Column::Name, fields.name.map(|n| n.trim().to_string()))
            .set(organization::Column::Acronym, fields.acronym)
            .set(organization::Column::Kind, fields.kind)
            .set(organization::Column::CountryIso3, fields.country)
            .set(organization::Column::UpdatedAt, Some(clock::now())),
        reindex: Reindex::Organization(id),
    };
    versioned::edit(db, viewer, edit).await
}

const NAME: &str = "organization";

/// Removes an organization that no record names (editors); one still named is `CONFLICT`, never a silent unlink.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> AppResult<i64> {
    viewer.require(Role::Editor)?;
    let txn = crate::db::write_transaction(db).await?;
    let row = organization::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound(NAME))?;
    let named = content_organization::Entity::find()
        .filter(content_organization::Column::OrganizationId.eq(id))
        .count(&txn)
        .await?
        + review_submission::Entity::find()
            .filter(review_submission::Column::SubmitterOrganizationId.eq(id))
            .count(&txn)
            .await?;
    if named > 0 {
        return Err(AppError::Conflict(format!("{} records name this organization; change them first", named)));
    }
    organization::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, viewer, Verb::Delete, Subject::Id(RecordType::Organization, id), Some(row.name)).await?;
    txn.commit().await?;
    Ok(id)
}
