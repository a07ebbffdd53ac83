//! Reading content (practices, guidance tools, peer exchanges): the content filter as SQL, ordering, visibility,
//! lookups.

use crate::domain::filter::ContentFilter;
use crate::domain::kind::names;
use crate::domain::viewer::Viewer;
use crate::error::AppResult;
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use crate::service::relations::{self, ContentTags};
use hub_entity::content;
use hub_entity::enums::ContentKind;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryResult,
    QuerySelect, Select,
};
use std::sync::LazyLock;

/// A content row and, when the read asked for them, all its tags, read in the same statement: a page of records
/// with their objectives, principles, themes, regions and countries costs one statement.
#[derive(Debug, Clone)]
pub struct Tagged {
    pub row: content::Model,
    pub tags: Option<ContentTags>,
}

/// The extra column that carries the tags.
const TAGS: &str = "tags";

/// `relations::tags_column()`, built once.
static TAGS_SQL: LazyLock<String> = LazyLock::new(relations::tags_column);

impl FromQueryResult for Tagged {
    fn from_query_result(result: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        let row = content::Model::from_query_result(result, prefix)?;
        let tags: Option<String> = result.try_get(prefix, TAGS)?;
        Ok(Tagged { row, tags: tags.map(|tags| ContentTags::parse(&tags)) })
    }
}

/// `select` with the tags column: the tags when `with_tags`, otherwise NULL (nothing read).
fn tagged(select: Select<content::Entity>, with_tags: bool) -> Select<content::Entity> {
    let column = if with_tags { Expr::cust(TAGS_SQL.as_str()) } else { Expr::cust("CAST(NULL AS TEXT)") };
    select.expr_as(column, TAGS)
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

/// `contents.id IN (SELECT content_id FROM link WHERE column IN values)`.
fn linked_to<V: Into<sea_orm::Value>>(link: &'static str, column: &'static str, values: Vec<V>) -> SimpleExpr {
    Expr::col((content::Entity, content::Column::Id)).in_subquery(
        Query::select().column("content_id").from(link).and_where(Expr::col(column).is_in(values)).to_owned(),
    )
}

/// The filter as SQL over `contents`, within what the viewer may read.
fn condition(filter: &ContentFilter, viewer: &Viewer) -> Condition {
    let mut condition = Condition::all().add(viewer.visible_content());
    if let Some(values) = &filter.objectives {
        condition = condition.add(linked_to("content_objectives", "objective_number", values.clone()));
    }
    if let Some(values) = &filter.principles {
        condition = condition.add(linked_to("content_principles", "principle_key", values.clone()));
    }
    if let Some(values) = &filter.regions {
        condition = condition.add(linked_to("content_regions", "region_key", values.clone()));
    }
    if let Some(values) = &filter.countries {
        condition = condition.add(linked_to("content_countries", "country_iso3", values.clone()));
    }
    if let Some(values) = &filter.themes {
        condition = condition.add(linked_to("content_themes", "theme_key", values.clone()));
    }
    if let Some(values) = &filter.organizations {
        condition = condition.add(linked_to("content_organizations", "organization_id", values.clone()));
    }
    if let Some(values) = &filter.languages {
        condition = condition.add(content::Column::Language.is_in(values.clone()));
    }
    if let Some(from) = filter.year_from {
        condition = condition.add(content::Column::Year.gte(from));
    }
    if let Some(to) = filter.year_to {
        condition = condition.add(content::Column::Year.lte(to));
    }
    if let Some(since) = filter.updated_since {
        condition = condition.add(content::Column::UpdatedAt.gte(since));
    }
    if let Some(statuses) = filter.statuses.as_ref().filter(|_| viewer.sees_all_statuses()) {
        condition = condition.add(content::Column::Status.is_in(statuses.iter().copied()));
    }
    condition
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
        Ok(ContentQuery { kind, viewer, filter: filter.validated()? })
    }

    fn select(&self) -> Select<content::Entity> {
        content::Entity::find()
            .filter(content::Column::Kind.eq(self.kind))
            .filter(condition(&self.filter, &self.viewer))
    }

    /// One page of the list, in the requested order, with each row's tags when `with_tags` (one statement).
    pub async fn page<C: ConnectionTrait>(
        &self,
        db: &C,
        order: ContentOrder,
        args: &PageArgs,
        with_tags: bool,
    ) -> AppResult<Page<Tagged>> {
        let window = Window::new(args, format!("{}/{}", names(self.kind).list, order.name()))?;
        let text = order.field == OrderField::Title;
        let sort = Sort { key: order.key(), id: content::Column::Id, ascending: order.ascending, text };
        let select = tagged(self.select(), with_tags);
        page::fetch(db, select, sort, &window, |tagged: &Tagged| (order.value_of(&tagged.row), tagged.row.id)).await
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

/// One content row of a kind, by id or by slug, if the viewer may read it; with its tags when `with_tags` (one
/// statement).
pub async fn one<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: ContentKind,
    by: By<'_>,
    with_tags: bool,
) -> AppResult<Option<Tagged>> {
    let select = content::Entity::find().filter(content::Column::Kind.eq(kind)).filter(viewer.visible_content());
    let select = match by {
        By::Id(id) => select.filter(content::Column::Id.eq(id)),
        By::Slug(slug) => select.filter(content::Column::Slug.eq(slug)),
    };
    Ok(tagged(select, with_tags).into_model::<Tagged>().one(db).await?)
}

/// How `one` finds its record.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Id(i64),
    Slug(&'a str),
}
