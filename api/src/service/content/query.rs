//! Reading content (practices, guidance tools, peer exchanges): the content filter as SQL, ordering, visibility,
//! lookups.

use crate::db::tags::{self, ContentTags, TagKinds};
use crate::domain::filter::ContentFilter;
use crate::domain::kind::names;
use crate::domain::viewer::Viewer;
use crate::error::AppResult;
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use hub_entity::enums::{ContentKind, Status};
use hub_entity::{content, practice};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, JoinType, Order, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryResult,
    QuerySelect, QueryTrait, Select,
};
use std::sync::LazyLock;

/// A content row and, when the read asked for them, its tags of the kinds asked for, read in the same statement: a
/// page of records with their objectives, principles, themes, regions and countries costs one statement.
#[derive(Debug, Clone)]
pub struct Tagged {
    pub row: content::Model,
    pub tags: Option<ContentTags>,
}

/// The extra columns that carry the tags, and which kinds of them the statement read (a constant).
const TAGS: &str = "tags";
const TAG_KINDS: &str = "tag_kinds";

/// `tags::tags_column` for every set of kinds, built once.
static TAGS_SQL: LazyLock<Vec<String>> = LazyLock::new(|| TagKinds::sets().map(tags::tags_column).collect());

impl FromQueryResult for Tagged {
    fn from_query_result(result: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        let row = content::Model::from_query_result(result, prefix)?;
        let tags: Option<String> = result.try_get(prefix, TAGS)?;
        let read: i32 = result.try_get(prefix, TAG_KINDS)?;
        let read = TagKinds::from_index(usize::try_from(read).unwrap_or(0));
        Ok(Tagged { row, tags: tags.map(|tags| ContentTags::parse(&tags, read)) })
    }
}

/// `select` with the tags column: the tags of the kinds `read` (NULL, nothing read, when none).
fn tagged(select: Select<content::Entity>, read: TagKinds) -> Select<content::Entity> {
    let sql = TAGS_SQL.get(read.index()).map_or("CAST(NULL AS TEXT)", String::as_str);
    select.expr_as(Expr::cust(sql), TAGS).expr_as(Expr::cust(read.index().to_string()), TAG_KINDS)
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

/// Records answering one of the calls of these slugs.
fn answering(slugs: Vec<String>) -> SimpleExpr {
    let calls = Query::select()
        .column(content::Column::Id)
        .from(content::Entity)
        .and_where(content::Column::Kind.eq(ContentKind::CallForPractices))
        .and_where(content::Column::Slug.is_in(slugs))
        .to_owned();
    Expr::col((content::Entity, content::Column::Id)).in_subquery(
        Query::select()
            .column(practice::Column::ContentId)
            .from(practice::Entity)
            .and_where(practice::Column::CallId.in_subquery(calls))
            .to_owned(),
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
    if let Some(slugs) = &filter.calls {
        condition = condition.add(answering(slugs.clone()));
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

    /// One page of the list, in the requested order, with each row's tags of the kinds `tags` (one statement).
    pub async fn page<C: ConnectionTrait>(
        &self,
        db: &C,
        order: ContentOrder,
        args: &PageArgs,
        tags: TagKinds,
    ) -> AppResult<Page<Tagged>> {
        let window = Window::new(args, format!("{}/{}", names(self.kind).list, order.name()))?;
        let text = order.field == OrderField::Title;
        let sort = Sort { key: order.key(), id: content::Column::Id, ascending: order.ascending, text };
        let select = tagged(self.select(), tags);
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

/// One content row of a kind, by id or by slug, if the viewer may read it; with its tags of the kinds `tags` (one
/// statement).
pub async fn one<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: ContentKind,
    by: By<'_>,
    tags: TagKinds,
) -> AppResult<Option<Tagged>> {
    let select = content::Entity::find().filter(content::Column::Kind.eq(kind)).filter(viewer.visible_content());
    let select = match by {
        By::Id(id) => select.filter(content::Column::Id.eq(id)),
        By::Slug(slug) => select.filter(content::Column::Slug.eq(slug)),
    };
    Ok(tagged(select, tags).into_model::<Tagged>().one(db).await?)
}

/// How `one` finds its record.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Id(i64),
    Slug(&'a str),
}

/// The published records that match a validated filter (its `kinds`, all searchable ones when `None`), as
/// anonymous readers see them: what coverage counts and exports hold.
pub(super) fn published(filter: &ContentFilter) -> Select<content::Entity> {
    let kinds: Vec<ContentKind> = match &filter.kinds {
        Some(kinds) => kinds.clone(),
        None => crate::domain::kind::searchable().map(|names| names.kind).collect(),
    };
    content::Entity::find()
        .filter(condition(filter, &Viewer::anonymous()))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(content::Column::Kind.is_in(kinds))
}

/// `select` with each row's tags of every kind (see [`Tagged`]).
pub(super) fn with_tags(select: Select<content::Entity>) -> Select<content::Entity> {
    tagged(select, TagKinds::ALL)
}

/// The coverage picture of published records: how many match, and their counts per (objective, region) pair, per
/// year and per country. A record counts once in every pair, year and country it belongs to, so those can add up to
/// more than `total`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    pub total: u64,
    /// `(objective number, region key, count)`, every pair with a count above 0, by objective then region.
    pub cells: Vec<(i32, String, u64)>,
    /// `(year, count)`, by year.
    pub years: Vec<(i32, u64)>,
    /// `(ISO3, count)`, most first, then by code.
    pub countries: Vec<(String, u64)>,
}

/// Counts the published records that match the filter (its `kinds`, all when `None`), as anonymous readers see
/// them: a few grouped counts in the database, whatever the number of records.
pub async fn coverage<C: ConnectionTrait>(db: &C, filter: ContentFilter) -> AppResult<Coverage> {
    let filter = filter.validated()?;
    let ids = published(&filter).select_only().column(content::Column::Id).into_query();
    let total = content::Entity::find().filter(content::Column::Id.in_subquery(ids.clone())).count(db).await?;
    let (o, r) = (Alias::new("o"), Alias::new("r"));
    let cells = Query::select()
        .column((o.clone(), Alias::new("objective_number")))
        .column((r.clone(), Alias::new("region_key")))
        .expr_as(Expr::col((o.clone(), Alias::new("content_id"))).count(), Alias::new("n"))
        .from_as(Alias::new("content_objectives"), o.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("content_regions"),
            r.clone(),
            Expr::col((r.clone(), Alias::new("content_id"))).equals((o.clone(), Alias::new("content_id"))),
        )
        .and_where(Expr::col((o.clone(), Alias::new("content_id"))).in_subquery(ids.clone()))
        .group_by_col((o.clone(), Alias::new("objective_number")))
        .group_by_col((r.clone(), Alias::new("region_key")))
        .order_by((o, Alias::new("objective_number")), Order::Asc)
        .order_by((r, Alias::new("region_key")), Order::Asc)
        .to_owned();
    let years = Query::select()
        .column(Alias::new("year"))
        .expr_as(Expr::col(Alias::new("id")).count(), Alias::new("n"))
        .from(Alias::new("contents"))
        .and_where(Expr::col(Alias::new("id")).in_subquery(ids.clone()))
        .and_where(Expr::col(Alias::new("year")).is_not_null())
        .group_by_col(Alias::new("year"))
        .order_by(Alias::new("year"), Order::Asc)
        .to_owned();
    let countries = Query::select()
        .column(Alias::new("country_iso3"))
        .expr_as(Expr::col(Alias::new("content_id")).count(), Alias::new("n"))
        .from(Alias::new("content_countries"))
        .and_where(Expr::col(Alias::new("content_id")).in_subquery(ids))
        .group_by_col(Alias::new("country_iso3"))
        .to_owned();
    let backend = db.get_database_backend();
    let count = |row: &sea_orm::QueryResult| row.try_get::<i64>("", "n").map(|n| u64::try_from(n).unwrap_or(0));
    let mut coverage = Coverage { total, ..Coverage::default() };
    for row in db.query_all_raw(backend.build(&cells)).await? {
        coverage.cells.push((row.try_get("", "objective_number")?, row.try_get("", "region_key")?, count(&row)?));
    }
    for row in db.query_all_raw(backend.build(&years)).await? {
        coverage.years.push((row.try_get("", "year")?, count(&row)?));
    }
    for row in db.query_all_raw(backend.build(&countries)).await? {
        coverage.countries.push((row.try_get("", "country_iso3")?, count(&row)?));
    }
    coverage.countries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(coverage)
}

/// The published records that match the filter, per objective: `(objective, count)` for every objective with a
/// count above 0, by objective (one grouped count).
pub async fn per_objective<C: ConnectionTrait>(db: &C, filter: ContentFilter) -> AppResult<Vec<(i32, u64)>> {
    let filter = filter.validated()?;
    let ids = published(&filter).select_only().column(content::Column::Id).into_query();
    let query = Query::select()
        .column(Alias::new("objective_number"))
        .expr_as(Expr::col(Alias::new("content_id")).count(), Alias::new("n"))
        .from(Alias::new("content_objectives"))
        .and_where(Expr::col(Alias::new("content_id")).in_subquery(ids))
        .group_by_col(Alias::new("objective_number"))
        .order_by(Alias::new("objective_number"), Order::Asc)
        .to_owned();
    let mut counts = Vec::new();
    for row in db.query_all_raw(db.get_database_backend().build(&query)).await? {
        let n: i64 = row.try_get("", "n")?;
        counts.push((row.try_get("", "objective_number")?, u64::try_from(n).unwrap_or(0)));
    }
    Ok(counts)
}
