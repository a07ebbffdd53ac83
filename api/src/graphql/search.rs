//! The `search` query: one full-text search across practices, guidance tools and peer exchanges, with highlights,
//! offset cursors and facet counts over the whole result set.

use super::connection::PageInfo;
use super::enums::OrderDirection;
use super::guidance_tool::GuidanceTool;
use super::id::{self, NodeType};
use super::peer_exchange::PeerExchange;
use super::practice::Practice;
use super::{db, tables};
use crate::error::{AppError, AppResult};
use crate::search::{self, FacetField, SearchEngine, SearchQuery, SearchSort};
use crate::service::discovery;
use crate::service::page::MAX_PAGE_SIZE;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject, Union};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hub_entity::enums::ContentKind;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ContentType {
    Practice,
    GuidanceTool,
    PeerExchange,
}

impl From<ContentType> for ContentKind {
    fn from(value: ContentType) -> Self {
        match value {
            ContentType::Practice => ContentKind::Practice,
            ContentType::GuidanceTool => ContentKind::GuidanceTool,
            ContentType::PeerExchange => ContentKind::PeerExchange,
        }
    }
}

/// The list filters, combinable with the text: AND across fields, OR within a list.
#[derive(InputObject, Default)]
pub struct SearchFilter {
    /// Objective numbers (1 to 23).
    pub objectives: Option<Vec<i32>>,
    /// Principle keys.
    pub principles: Option<Vec<String>>,
    /// Region keys.
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes.
    pub countries: Option<Vec<String>>,
    /// Theme keys.
    pub themes: Option<Vec<String>>,
    /// Organization ids.
    pub organizations: Option<Vec<ID>>,
    /// BCP 47 language tags.
    pub languages: Option<Vec<String>>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum SearchOrderField {
    /// Best match first (an empty query lists the newest first).
    #[default]
    Relevance,
    PublishedAt,
}

#[derive(InputObject, Default)]
pub struct SearchOrder {
    #[graphql(default)]
    pub field: SearchOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

#[derive(Union, Clone)]
pub enum SearchNode {
    Practice(Practice),
    GuidanceTool(GuidanceTool),
    PeerExchange(PeerExchange),
}

/// A field's text with the matched words wrapped in `<em>`…`</em>`; everything else is HTML-escaped.
#[derive(SimpleObject, Clone)]
pub struct SearchHighlight {
    /// `title` or `summary`.
    pub field: String,
    pub snippet: String,
}

#[derive(SimpleObject, Clone)]
pub struct SearchEdge {
    pub cursor: String,
    pub node: SearchNode,
    pub highlights: Vec<SearchHighlight>,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum SearchFacetField {
    Type,
    Objective,
    Principle,
    Region,
    Country,
    Theme,
    Year,
    Language,
}

impl From<FacetField> for SearchFacetField {
    fn from(value: FacetField) -> Self {
        match value {
            FacetField::Type => SearchFacetField::Type,
            FacetField::Objective => SearchFacetField::Objective,
            FacetField::Principle => SearchFacetField::Principle,
            FacetField::Region => SearchFacetField::Region,
            FacetField::Country => SearchFacetField::Country,
            FacetField::Theme => SearchFacetField::Theme,
            FacetField::Year => SearchFacetField::Year,
            FacetField::Language => SearchFacetField::Language,
        }
    }
}

#[derive(SimpleObject)]
pub struct FacetValue {
    /// The plain key, as filters take it (`PRACTICE`, an objective number, an ISO3 code, a year, ...).
    pub value: String,
    /// A name for people, where the value has one.
    pub label: Option<String>,
    pub count: i32,
}

#[derive(SimpleObject)]
pub struct Facet {
    pub field: SearchFacetField,
    /// Most frequent first.
    pub values: Vec<FacetValue>,
}

#[derive(SimpleObject)]
pub struct SearchResults {
    /// How many records match (all pages).
    pub total_count: i32,
    pub edges: Vec<SearchEdge>,
    pub nodes: Vec<SearchNode>,
    pub page_info: PageInfo,
    /// Counted over the whole result set.
    pub facets: Vec<Facet>,
}

const CURSOR_PREFIX: &str = "search:";

fn cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{offset}"))
}

/// The offset after a cursor.
fn after(cursor: &str) -> AppResult<usize> {
    let invalid = || AppError::bad_input("after", "`after` is not a cursor of this search");
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?).map_err(|_| invalid())?;
    let offset: usize = text.strip_prefix(CURSOR_PREFIX).ok_or_else(invalid)?.parse().map_err(|_| invalid())?;
    Ok(offset + 1)
}

impl SearchFilter {
    fn into_filter(self, types: Option<Vec<ContentType>>) -> AppResult<search::SearchFilter> {
        let organizations = self
            .organizations
            .map(|ids| {
                ids.iter()
                    .map(|id| id::decode_as(id, NodeType::Organization, "organizations"))
                    .collect::<AppResult<_>>()
            })
            .transpose()?;
        Ok(search::SearchFilter {
            kinds: types.map(|types| types.into_iter().map(Into::into).collect()),
            objectives: self.objectives,
            principles: self.principles,
            regions: self.regions,
            countries: self.countries.map(|c| c.iter().map(|c| c.trim().to_ascii_uppercase()).collect()),
            themes: self.themes,
            organizations,
            languages: self.languages,
            year_from: self.year_from,
            year_to: self.year_to,
            updated_since: self.updated_since.map(|t| t.timestamp()),
        })
    }
}

/// Names for facet values, from the request's reference tables.
async fn labels(ctx: &Context<'_>, facets: &[search::Facet]) -> AppResult<HashMap<(FacetField, String), String>> {
    let tables = tables(ctx)?;
    let values = |field: FacetField| -> Vec<String> {
        facets.iter().filter(|f| f.field == field).flat_map(|f| f.values.iter().map(|(v, _)| v.clone())).collect()
    };
    let mut labels = HashMap::new();
    let numbers: Vec<i32> = values(FacetField::Objective).iter().filter_map(|v| v.parse().ok()).collect();
    for o in tables.objectives(numbers).await? {
        labels.insert((FacetField::Objective, o.number.to_string()), o.short_label);
    }
    for p in tables.principles(values(FacetField::Principle)).await? {
        labels.insert((FacetField::Principle, p.key), p.name);
    }
    for r in tables.regions(values(FacetField::Region)).await? {
        labels.insert((FacetField::Region, r.key), r.name);
    }
    for c in tables.countries(values(FacetField::Country)).await? {
        labels.insert((FacetField::Country, c.iso3), c.name);
    }
    for t in tables.themes(values(FacetField::Theme)).await? {
        labels.insert((FacetField::Theme, t.key), t.name);
    }
    for (kind, name) in [
        (ContentKind::Practice, "Practice"),
        (ContentKind::GuidanceTool, "Guidance tool"),
        (ContentKind::PeerExchange, "Peer exchange"),
    ] {
        labels.insert((FacetField::Type, search::kind_key(kind).to_string()), name.to_string());
    }
    Ok(labels)
}

fn node(row: hub_entity::content::Model) -> SearchNode {
    match row.kind {
        ContentKind::Practice => SearchNode::Practice(Practice(row)),
        ContentKind::GuidanceTool => SearchNode::GuidanceTool(GuidanceTool(row)),
        ContentKind::PeerExchange => SearchNode::PeerExchange(PeerExchange(row)),
    }
}

#[derive(Default)]
pub struct SearchQueryRoot;

#[Object]
impl SearchQueryRoot {
    /// Full-text search across published practices, guidance tools and peer exchanges: typos forgiven, the last
    /// word matched as a prefix, the list filters combinable with the text. An empty `query` lists everything.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        types: Option<Vec<ContentType>>,
        filter: Option<SearchFilter>,
        order_by: Option<SearchOrder>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<SearchResults> {
        let limit = match first {
            None => 20,
            Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => usize::try_from(n).unwrap_or(20),
            Some(_) => return Err(AppError::bad_input("first", format!("`first` is 1 to {MAX_PAGE_SIZE}")).into()),
        };
        let offset = after.as_deref().map(self::after).transpose()?.unwrap_or(0);
        let order = order_by.unwrap_or_default();
        let sort = match (order.field, order.direction) {
            (SearchOrderField::Relevance, _) => SearchSort::Relevance,
            (SearchOrderField::PublishedAt, OrderDirection::Desc) => SearchSort::PublishedAtDesc,
            (SearchOrderField::PublishedAt, OrderDirection::Asc) => SearchSort::PublishedAtAsc,
        };
        let filter = filter.unwrap_or_default().into_filter(types)?;
        let request = SearchQuery { text: query, filter, sort, offset, limit };
        let engine = ctx.data::<Arc<dyn SearchEngine>>().map_err(|_| AppError::Internal("no search engine".into()))?;
        let found = discovery::search(db(ctx)?, engine.as_ref(), request).await?;
        let labels = labels(ctx, &found.facets).await?;
        let edges: Vec<SearchEdge> = found
            .hits
            .into_iter()
            .enumerate()
            .map(|(i, (row, highlights))| SearchEdge {
                cursor: cursor(offset + i),
                node: node(row),
                highlights: highlights
                    .into_iter()
                    .map(|h| SearchHighlight { field: h.field.to_string(), snippet: h.snippet })
                    .collect(),
            })
            .collect();
        let total = usize::try_from(found.total).unwrap_or(usize::MAX);
        let page_info = PageInfo {
            has_next_page: offset + limit < total.min(discovery::MAX_OFFSET),
            has_previous_page: offset > 0,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        let facets = found
            .facets
            .into_iter()
            .map(|facet| Facet {
                field: facet.field.into(),
                values: facet
                    .values
                    .into_iter()
                    .map(|(value, count)| FacetValue {
                        label: labels.get(&(facet.field, value.clone())).cloned(),
                        value,
                        count: i32::try_from(count).unwrap_or(i32::MAX),
                    })
                    .collect(),
            })
            .collect();
        Ok(SearchResults {
            total_count: i32::try_from(found.total).unwrap_or(i32::MAX),
            nodes: edges.iter().map(|e| e.node.clone()).collect(),
            edges,
            page_info,
            facets,
        })
    }
}
