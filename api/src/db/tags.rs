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
    /// Which of the five kinds were read (`tags` reads them all; a page's column only those its selection shows):
    /// a kind not read is empty here whatever the record holds.
    pub read: TagKinds,
}

/// A set of the five kinds of tags a page can read with its rows (organizations travel apart, with their roles).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TagKinds(u8);

impl TagKinds {
    pub const NONE: TagKinds = TagKinds(0);
    pub const OBJECTIVES: TagKinds = TagKinds(1);
    pub const PRINCIPLES: TagKinds = TagKinds(1 << 1);
    pub const THEMES: TagKinds = TagKinds(1 << 2);
    pub const REGIONS: TagKinds = TagKinds(1 << 3);
    pub const COUNTRIES: TagKinds = TagKinds(1 << 4);
    pub const ALL: TagKinds = TagKinds(0b1_1111);

    /// Whether every kind of `other` is in this set.
    pub fn holds(self, other: TagKinds) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// A number from 0 to 31, one per set.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The set of `index` (kinds past the five are dropped).
    pub fn from_index(index: usize) -> TagKinds {
        TagKinds(u8::try_from(index & usize::from(Self::ALL.0)).unwrap_or(0))
    }

    /// Every set, by index.
    pub fn sets() -> impl Iterator<Item = TagKinds> {
        (0..=Self::ALL.0).map(TagKinds)
    }
}

impl std::ops::BitOr for TagKinds {
    type Output = TagKinds;
    fn bitor(self, other: TagKinds) -> TagKinds {
        TagKinds(self.0 | other.0)
    }
}

/// The six link tables of content tags, each with its key column, the one-letter kind tags are marked with when
/// several kinds travel in one column, and its kind in `TagKinds` (organizations have none: they travel apart).
const TAG_TABLES: [(&str, &str, &str, TagKinds); 6] = [
    ("content_objectives", "objective_number", "o", TagKinds::OBJECTIVES),
    ("content_principles", "principle_key", "p", TagKinds::PRINCIPLES),
    ("content_themes", "theme_key", "t", TagKinds::THEMES),
    ("content_regions", "region_key", "r", TagKinds::REGIONS),
    ("content_countries", "country_iso3", "c", TagKinds::COUNTRIES),
    ("content_organizations", "organization_id", "g", TagKinds::NONE),
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

    /// The tags of the kinds `read` from `tags_column`'s text: comma-separated, each a kind mark followed by the key
    /// (keys are ISO3 codes, numbers and `[a-z0-9_-]` identifiers, so they never hold a comma).
    pub fn parse(encoded: &str, read: TagKinds) -> ContentTags {
        let mut tags = ContentTags { read, ..ContentTags::default() };
        for tag in encoded.split(',').filter(|tag| !tag.is_empty()) {
            let (kind, value) = tag.split_at(1);
            tags.add(kind, value.to_string());
        }
        tags.sorted()
    }
}

/// A column expression over `contents` (correlated on `contents.id`) holding a row's tags of the kinds `read` as
/// text (see `ContentTags::parse`): a page of records and their tags in one statement, each link table read only
/// when the page shows its kind. `string_agg` is PostgreSQL's and SQLite's (3.44+). Organizations are never read
/// here: lists show them with their roles, through their own loader.
pub fn tags_column(read: TagKinds) -> String {
    let parts: Vec<String> = TAG_TABLES
        .iter()
        .filter(|(.., kind)| !kind.is_empty() && read.holds(*kind))
        .map(|(table, column, mark, _)| {
            format!("SELECT '{mark}' || {column} AS tag FROM {table} WHERE {table}.content_id = contents.id")
        })
        .collect();
    if parts.is_empty() {
        return "CAST(NULL AS TEXT)".to_string();
    }
    format!("COALESCE((SELECT string_agg(tag, ',') FROM ({}) AS tags), '')", parts.join(" UNION ALL "))
}

/// Every tag of many records in one statement (a `UNION ALL` over the six link tables), for records read without
/// `tags_column` (search results, related records, translations): an entry for each id, holding every kind.
pub async fn tags<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, ContentTags>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, UnionType};
    let every = || ContentTags { read: TagKinds::ALL, ..ContentTags::default() };
    let mut found: HashMap<i64, ContentTags> = ids.iter().map(|id| (*id, every())).collect();
    if ids.is_empty() {
        return Ok(found);
    }
    let part = |(table, column, mark, _): &(&str, &str, &str, TagKinds)| -> SelectStatement {
        Query::select()
            .column(Alias::new("content_id"))
            .expr_as(Expr::val(*mark), Alias::new("tag"))
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
        found.entry(id).or_insert_with(every).add(&kind, row.try_get("", "value")?);
    }
    Ok(found.into_iter().map(|(id, tags)| (id, tags.sorted())).collect())
}
