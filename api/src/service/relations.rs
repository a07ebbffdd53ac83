//! Batch reads behind the GraphQL DataLoaders: each call costs a fixed number of statements, whatever the number of
//! keys, so a page of 100 records with all their relations costs what a page of 5 does.

use crate::error::AppResult;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::hash::Hash;

/// Rows whose `column` is one of `keys`, by key (one statement).
pub async fn by_keys<E, K, C>(
    db: &C,
    column: E::Column,
    keys: &[K],
    key_of: impl Fn(&E::Model) -> K,
) -> AppResult<HashMap<K, E::Model>>
where
    E: EntityTrait,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = E::find().filter(column.is_in(keys.iter().cloned())).all(db).await?;
    Ok(rows.into_iter().map(|row| (key_of(&row), row)).collect())
}

/// A whole (small, reference) table by key (one statement).
pub async fn all<E, K, C>(db: &C, key_of: impl Fn(&E::Model) -> K) -> AppResult<HashMap<K, E::Model>>
where
    E: EntityTrait,
    K: Eq + Hash,
    C: ConnectionTrait,
{
    Ok(E::find().all(db).await?.into_iter().map(|row| (key_of(&row), row)).collect())
}

/// Rows whose `column` is one of `keys`, grouped by key and sorted by `order` (one statement).
pub async fn grouped<E, K, C>(
    db: &C,
    column: E::Column,
    keys: &[K],
    key_of: impl Fn(&E::Model) -> K,
    order: E::Column,
    extra: Condition,
) -> AppResult<HashMap<K, Vec<E::Model>>>
where
    E: EntityTrait,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    let mut groups: HashMap<K, Vec<E::Model>> = HashMap::new();
    if keys.is_empty() {
        return Ok(groups);
    }
    let rows = E::find().filter(column.is_in(keys.iter().cloned())).filter(extra).order_by_asc(order).all(db).await?;
    for row in rows {
        groups.entry(key_of(&row)).or_default().push(row);
    }
    Ok(groups)
}

/// How a link table joins an owner to a target.
pub struct Link<L: EntityTrait, T: EntityTrait, K> {
    pub owner: L::Column,
    pub owner_of: fn(&L::Model) -> i64,
    pub target_of: fn(&L::Model) -> K,
    pub target: T::Column,
    pub key_of: fn(&T::Model) -> K,
    pub order: T::Column,
}

/// The targets linked to each owner id through a link table, sorted by the link's `order` (two statements).
/// `visible` narrows the targets (content targets obey the viewer's visibility).
pub async fn linked<L, T, K, C>(
    db: &C,
    link: Link<L, T, K>,
    owners: &[i64],
    visible: Condition,
) -> AppResult<HashMap<i64, Vec<T::Model>>>
where
    L: EntityTrait,
    T: EntityTrait,
    T::Model: Clone,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    let mut result: HashMap<i64, Vec<T::Model>> = HashMap::new();
    if owners.is_empty() {
        return Ok(result);
    }
    let links = L::find().filter(link.owner.is_in(owners.iter().copied())).all(db).await?;
    let mut keys: Vec<K> = links.iter().map(link.target_of).collect();
    keys.dedup();
    if keys.is_empty() {
        return Ok(result);
    }
    let targets = T::find().filter(link.target.is_in(keys)).filter(visible).order_by_asc(link.order).all(db).await?;
    let position: HashMap<K, usize> =
        targets.iter().enumerate().map(|(index, target)| ((link.key_of)(target), index)).collect();
    for row in &links {
        if let Some(target) = position.get(&(link.target_of)(row)).and_then(|&index| targets.get(index)) {
            result.entry((link.owner_of)(row)).or_default().push(target.clone());
        }
    }
    for list in result.values_mut() {
        list.sort_by_key(|target| position.get(&(link.key_of)(target)).copied().unwrap_or(usize::MAX));
    }
    Ok(result)
}

/// Every tag of a content record, by plain key: objective numbers (ascending), principle, theme and region keys,
/// ISO3 codes (each as stored, in key order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentTags {
    pub objectives: Vec<i32>,
    pub principles: Vec<String>,
    pub themes: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
}

/// The five link tables of content tags, each with its key column and the one-letter kind tags are marked with
/// when several kinds travel in one column.
const TAG_TABLES: [(&str, &str, &str); 5] = [
    ("content_objectives", "objective_number", "o"),
    ("content_principles", "principle_key", "p"),
    ("content_themes", "theme_key", "t"),
    ("content_regions", "region_key", "r"),
    ("content_countries", "country_iso3", "c"),
];

impl ContentTags {
    /// Adds one tag of the kind marked `kind` (see `TAG_TABLES`).
    fn add(&mut self, kind: &str, value: String) {
        match kind {
            "o" => self.objectives.extend(value.parse::<i32>().ok()),
            "p" => self.principles.push(value),
            "t" => self.themes.push(value),
            "r" => self.regions.push(value),
            _ => self.countries.push(value),
        }
    }

    fn sorted(mut self) -> ContentTags {
        self.objectives.sort_unstable();
        self.principles.sort_unstable();
        self.themes.sort_unstable();
        self.regions.sort_unstable();
        self.countries.sort_unstable();
        self
    }

    /// The tags from `TAGS_COLUMN`'s text: comma-separated, each a kind mark followed by the key (keys are ISO3
    /// codes, numbers and `[a-z0-9_-]` identifiers, so they never hold a comma).
    pub fn parse(encoded: &str) -> ContentTags {
        let mut tags = ContentTags::default();
        for tag in encoded.split(',').filter(|tag| !tag.is_empty()) {
            let (kind, value) = tag.split_at(1);
            tags.add(kind, value.to_string());
        }
        tags.sorted()
    }
}

/// A column expression over `contents` (correlated on `contents.id`) holding all of a row's tags as text (see
/// `ContentTags::parse`): a page of records and their tags in one statement. `string_agg` is PostgreSQL's and
/// SQLite's (3.44+).
pub fn tags_column() -> String {
    let parts: Vec<String> = TAG_TABLES
        .iter()
        .map(|(table, column, kind)| {
            format!("SELECT '{kind}' || {column} AS tag FROM {table} WHERE {table}.content_id = contents.id")
        })
        .collect();
    format!("COALESCE((SELECT string_agg(tag, ',') FROM ({}) AS tags), '')", parts.join(" UNION ALL "))
}

/// The tags of many records in one statement (a `UNION ALL` over the five link tables), for records read without
/// `tags_column` (search results, related records, translations).
pub async fn tags<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, ContentTags>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, UnionType};
    let mut found: HashMap<i64, ContentTags> = HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let part = |(table, column, kind): &(&str, &str, &str)| -> SelectStatement {
        Query::select()
            .column(Alias::new("content_id"))
            .expr_as(Expr::val(*kind), Alias::new("tag"))
            .expr_as(Expr::col(Alias::new(*column)).cast_as(Alias::new("TEXT")), Alias::new("value"))
            .from(Alias::new(*table))
            .and_where(Expr::col(Alias::new("content_id")).is_in(ids.iter().copied()))
            .to_owned()
    };
    let mut query = part(&TAG_TABLES[0]);
    for table in &TAG_TABLES[1..] {
        query.union(UnionType::All, part(table));
    }
    let statement = db.get_database_backend().build(&query);
    for row in db.query_all_raw(statement).await? {
        let id: i64 = row.try_get("", "content_id")?;
        let kind: String = row.try_get("", "tag")?;
        found.entry(id).or_default().add(&kind, row.try_get("", "value")?);
    }
    Ok(found.into_iter().map(|(id, tags)| (id, tags.sorted())).collect())
}
