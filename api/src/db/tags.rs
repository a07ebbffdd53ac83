//! A content record's tags (objectives, principles, themes, regions, countries, organizations), read in one
//! statement for any number of records: a `UNION ALL` over the link tables, or a column of the same union for a page
//! of records. Here, below both the services and the search index, so that every reader loads tags the same way.

use crate::error::AppResult;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Every tag of a content record, by plain key: objective numbers (ascending), principle, theme and region keys,
/// ISO3 codes (each as stored, in key order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentTags {
    pub objectives: Vec<i32>,
    pub principles: Vec<String>,
    pub themes: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    /// Organization ids in any role, ascending, each once.
    pub organizations: Vec<i64>,
}

/// The five link tables of content tags, each with its key column and the one-letter kind tags are marked with
/// when several kinds travel in one column.
const TAG_TABLES: [(&str, &str, &str); 6] = [
    ("content_objectives", "objective_number", "o"),
    ("content_principles", "principle_key", "p"),
    ("content_themes", "theme_key", "t"),
    ("content_regions", "region_key", "r"),
    ("content_countries", "country_iso3", "c"),
    ("content_organizations", "organization_id", "g"),
];

impl ContentTags {
    /// Adds one tag of the kind marked `kind` (see `TAG_TABLES`).
    fn add(&mut self, kind: &str, value: String) {
        match kind {
            "o" => self.objectives.extend(value.parse::<i32>().ok()),
            "p" => self.principles.push(value),
            "t" => self.themes.push(value),
            "r" => self.regions.push(value),
            "g" => self.organizations.extend(value.parse::<i64>().ok()),
            _ => self.countries.push(value),
        }
    }

    fn sorted(mut self) -> ContentTags {
        self.objectives.sort_unstable();
        self.principles.sort_unstable();
        self.themes.sort_unstable();
        self.regions.sort_unstable();
        self.countries.sort_unstable();
        self.organizations.sort_unstable();
        self.organizations.dedup();
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

/// A column expression over `contents` (correlated on `contents.id`) holding a row's tags as text (see
/// `ContentTags::parse`): a page of records and their tags in one statement. `string_agg` is PostgreSQL's and
/// SQLite's (3.44+). Organizations are left out: lists show them with their roles, through their own loader, so
/// every row of every page would read them for nothing.
pub fn tags_column() -> String {
    let parts: Vec<String> = TAG_TABLES
        .iter()
        .filter(|(table, ..)| *table != "content_organizations")
        .map(|(table, column, kind)| {
            format!("SELECT '{kind}' || {column} AS tag FROM {table} WHERE {table}.content_id = contents.id")
        })
        .collect();
    format!("COALESCE((SELECT string_agg(tag, ',') FROM ({}) AS tags), '')", parts.join(" UNION ALL "))
}

/// The tags of many records in one statement (a `UNION ALL` over the six link tables), for records read without
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
