//! Reading content (practices, guidance tools, peer exchanges): filters, ordering, visibility, lookups.

use crate::error::{AppError, AppResult};
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use crate::service::validate;
use crate::service::viewer::Viewer;
use chrono::{DateTime, Utc};
use hub_entity::content;
use hub_entity::enums::{ContentKind, Status};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

/// The list filters of DESIGN.md: AND across fields, OR within a list. Plain keys throughout.
#[derive(Debug, Clone, Default)]
pub struct ContentFilter {
    pub objectives: Option<Vec<i32>>,
    pub principles: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub countries: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    /// Organization ids (already decoded from their global ids).
    pub organizations: Option<Vec<i64>>,
    pub languages: Option<Vec<String>>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Honoured for editors only; everybody else reads what they may read whatever they ask.
    pub statuses: Option<Vec<Status>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderField {
    PublishedAt,
    UpdatedAt,
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentOrder {
    pub field: OrderField,
    pub ascending: bool,
}

impl Default for ContentOrder {
    /// Newest first.
    fn default() -> Self {
        ContentOrder { field: OrderField::PublishedAt, ascending: false }
    }
}

impl ContentOrder {
    fn name(&self) -> String {
        let field = match self.field {
            OrderField::PublishedAt => "PUBLISHED_AT",
            OrderField::UpdatedAt => "UPDATED_AT",
            OrderField::Title => "TITLE",
        };
        format!("{field}/{}", if self.ascending { "ASC" } else { "DESC" })
    }

    /// Unpublished rows (seen by editors) sort by their creation time under `PUBLISHED_AT`.
    fn key(&self) -> SimpleExpr {
        match self.field {
            OrderField::PublishedAt => Func::coalesce::<_, SimpleExpr>([
                Expr::col((content::Entity, content::Column::PublishedAt)),
                Expr::col((content::Entity, content::Column::CreatedAt)),
            ])
            .into(),
            OrderField::UpdatedAt => Expr::col((content::Entity, content::Column::UpdatedAt)),
            OrderField::Title => Expr::col((content::Entity, content::Column::Title)),
        }
    }

    fn value_of(&self, row: &content::Model) -> SortValue {
        match self.field {
            OrderField::PublishedAt => SortValue::Time(row.published_at.unwrap_or(row.created_at)),
            OrderField::UpdatedAt => SortValue::Time(row.updated_at),
            OrderField::Title => SortValue::Text(row.title.clone()),
        }
    }
}

fn list_name(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Practice => "practices",
        ContentKind::GuidanceTool => "guidanceTools",
        ContentKind::PeerExchange => "peerExchanges",
    }
}

/// `contents.id IN (SELECT content_id FROM link WHERE column IN values)`.
fn linked_to<V: Into<sea_orm::Value>>(link: &'static str, column: &'static str, values: Vec<V>) -> SimpleExpr {
    Expr::col((content::Entity, content::Column::Id)).in_subquery(
        Query::select().column("content_id").from(link).and_where(Expr::col(column).is_in(values)).to_owned(),
    )
}

impl ContentFilter {
    /// Rejects values that can never match instead of silently answering nothing.
    fn validate(&self) -> AppResult<()> {
        validate::list(self.objectives.as_deref(), "objectives")?;
        validate::list(self.principles.as_deref(), "principles")?;
        validate::list(self.regions.as_deref(), "regions")?;
        validate::list(self.countries.as_deref(), "countries")?;
        validate::list(self.themes.as_deref(), "themes")?;
        validate::list(self.organizations.as_deref(), "organizations")?;
        validate::list(self.languages.as_deref(), "languages")?;
        if let Some(bad) = self.objectives.iter().flatten().find(|n| !(1..=23).contains(*n)) {
            return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
        }
        if let Some(bad) =
            self.countries.iter().flatten().find(|c| c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_alphabetic()))
        {
            return Err(AppError::bad_input("countries", format!("`{bad}` is not an ISO 3166-1 alpha-3 code")));
        }
        if let (Some(from), Some(to)) = (self.year_from, self.year_to)
            && from > to
        {
            return Err(AppError::bad_input("yearTo", "`yearTo` is before `yearFrom`"));
        }
        Ok(())
    }

    fn condition(&self, viewer: &Viewer) -> Condition {
        let mut condition = Condition::all().add(viewer.visible_content());
        if let Some(values) = &self.objectives {
            condition = condition.add(linked_to("content_objectives", "objective_number", values.clone()));
        }
        if let Some(values) = &self.principles {
            condition = condition.add(linked_to("content_principles", "principle_key", values.clone()));
        }
        if let Some(values) = &self.regions {
            condition = condition.add(linked_to("content_regions", "region_key", values.clone()));
        }
        if let Some(values) = &self.countries {
            let codes: Vec<String> = values.iter().map(|c| c.to_ascii_uppercase()).collect();
            condition = condition.add(linked_to("content_countries", "country_iso3", codes));
        }
        if let Some(values) = &self.themes {
            condition = condition.add(linked_to("content_themes", "theme_key", values.clone()));
        }
        if let Some(values) = &self.organizations {
            condition = condition.add(linked_to("content_organizations", "organization_id", values.clone()));
        }
        if let Some(values) = &self.languages {
            condition = condition.add(content::Column::Language.is_in(values.clone()));
        }
        if let Some(from) = self.year_from {
            condition = condition.add(content::Column::Year.gte(from));
        }
        if let Some(to) = self.year_to {
            condition = condition.add(content::Column::Year.lte(to));
        }
        if let Some(since) = self.updated_since {
            condition = condition.add(content::Column::UpdatedAt.gte(since));
        }
        if let Some(statuses) = self.statuses.as_ref().filter(|_| viewer.sees_all_statuses()) {
            condition = condition.add(content::Column::Status.is_in(statuses.iter().copied()));
        }
        condition
    }
}

/// One list query: which kind, for whom, filtered how.
#[derive(Debug, Clone)]
pub struct ContentQuery {
    pub kind: ContentKind,
    pub viewer: Viewer,
    pub filter: ContentFilter,
}

impl ContentQuery {
    pub fn new(kind: ContentKind, viewer: Viewer, filter: ContentFilter) -> AppResult<Self> {
        filter.validate()?;
        Ok(ContentQuery { kind, viewer, filter })
    }

    fn select(&self) -> Select<content::Entity> {
        content::Entity::find().filter(content::Column::Kind.eq(self.kind)).filter(self.filter.condition(&self.viewer))
    }

    /// One page of the list, in the requested order.
    pub async fn page<C: ConnectionTrait>(
        &self,
        db: &C,
        order: ContentOrder,
        args: &PageArgs,
    ) -> AppResult<Page<content::Model>> {
        let window = Window::new(args, format!("{}/{}", list_name(self.kind), order.name()))?;
        let text = order.field == OrderField::Title;
        let sort = Sort { key: order.key(), id: content::Column::Id, ascending: order.ascending, text };
        page::fetch(db, self.select(), sort, &window, |row| (order.value_of(row), row.id)).await
    }

    /// How many rows the whole list holds.
    pub async fn count<C: ConnectionTrait>(&self, db: &C) -> AppResult<u64> {
        Ok(self.select().count(db).await?)
    }
}

/// Content rows by id that the viewer may read, in no particular order.
pub async fn by_ids<C: ConnectionTrait>(db: &C, viewer: &Viewer, ids: &[i64]) -> AppResult<Vec<content::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(content::Entity::find()
        .filter(content::Column::Id.is_in(ids.iter().copied()))
        .filter(viewer.visible_content())
        .all(db)
        .await?)
}

/// One content row of a kind by slug, if the viewer may read it.
pub async fn by_slug<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: ContentKind,
    slug: &str,
) -> AppResult<Option<content::Model>> {
    Ok(content::Entity::find()
        .filter(content::Column::Kind.eq(kind))
        .filter(content::Column::Slug.eq(slug))
        .filter(viewer.visible_content())
        .one(db)
        .await?)
}
