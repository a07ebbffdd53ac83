//! The `search` query: one full-text search across practices, guidance tools and peer exchanges, with highlights,
//! offset cursors and facet counts over the whole result set.

use super::connection::PageInfo;
use super::content::record::SearchNode;
use super::enums::ContentType;
use super::enums::OrderDirection;
use super::filter::SearchFilter;
use super::never_null::NeverNull;
use super::reference::country_name;
use super::{db, engine, tables};
use crate::domain::kind;
use crate::error::AppResult;
use crate::i18n;
use crate::index::{self, FacetField, SearchSort};
use crate::service::content::call_for_practices;
use crate::service::search::{self, Search};
use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use hub_entity::enums::LabelSubject;
use std::collections::HashMap;

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
    pub node: NeverNull<SearchNode>,
    pub highlights: Vec<SearchHighlight>,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::index::FacetField")]
pub enum SearchFacetField {
    Type,
    Objective,
    Principle,
    Region,
    Country,
    Theme,
    Call,
    Year,
    Language,
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
    /// How many records match (all pages): exact when `totalCountIsExact`, else a lower bound.
    pub total_count: i32,
    /// Whether `totalCount` is the exact count. The embedded engine always counts exactly. Meilisearch counts
    /// exactly up to 10,000 hits and stops there; with `collapseTranslations`, groups are counted among the first
    /// 10,000 hits. Past those bounds `totalCount` is the bound, and this is `false`.
    pub total_count_is_exact: bool,
    pub edges: Vec<SearchEdge>,
    pub nodes: Vec<NeverNull<SearchNode>>,
    pub page_info: PageInfo,
    /// Counted over the whole result set.
    pub facets: Vec<Facet>,
}

/// Names for facet values, from the request's reference tables, in the request's language (else English).
async fn labels(ctx: &Context<'_>, facets: &[index::Facet]) -> AppResult<HashMap<(FacetField, String), String>> {
    let tables = tables(ctx)?;
    let language = super::request(ctx)?.language;
    let names = tables.labels().await?;
    let values = |field: FacetField| -> Vec<String> {
        facets.iter().filter(|f| f.field == field).flat_map(|f| f.values.iter().map(|(v, _)| v.clone())).collect()
    };
    let mut labels = HashMap::new();
    let numbers: Vec<i32> = values(FacetField::Objective).iter().filter_map(|v| v.parse().ok()).collect();
    for o in tables.objectives(numbers).await? {
        let key = o.number.to_string();
        let label = names.pick(LabelSubject::ObjectiveShort, &key, language, &o.short_label).text;
        labels.insert((FacetField::Objective, key), label);
    }
    for p in tables.principles(values(FacetField::Principle)).await? {
        let label = names.pick(LabelSubject::Principle, &p.key, language, &p.name).text;
        labels.insert((FacetField::Principle, p.key), label);
    }
    for r in tables.regions(values(FacetField::Region)).await? {
        let label = names.pick(LabelSubject::Region, &r.key, language, &r.name).text;
        labels.insert((FacetField::Region, r.key), label);
    }
    for c in tables.countries(values(FacetField::Country)).await? {
        let label = country_name(&c, language).0.to_string();
        labels.insert((FacetField::Country, c.iso3), label);
    }
    for t in tables.themes(values(FacetField::Theme)).await? {
        let label = names.pick(LabelSubject::Theme, &t.key, language, &t.name).text;
        labels.insert((FacetField::Theme, t.key), label);
    }
    for (slug, title) in call_for_practices::titles(db(ctx)?, values(FacetField::Call)).await? {
        labels.insert((FacetField::Call, slug), title);
    }
    for names in kind::searchable() {
        let label = i18n::enum_label(language.unwrap_or_default(), "ContentType", names.key);
        labels.insert((FacetField::Type, names.key.to_string()), label);
    }
    Ok(labels)
}

#[derive(Default)]
pub struct SearchQueryRoot;

#[Object]
impl SearchQueryRoot {
    /// Full-text search across published practices, guidance tools and peer exchanges. Records matching more of
    /// the query's words rank first (a record needs one of them); word forms meet (stems of English, French, Spanish
    /// and Portuguese), the field's synonyms count (`regularisation`/`regularization`, `ATD`, `IDP`, `GCM`, ...),
    /// typos are forgiven, the last word is matched as a prefix, and a query reaches the translations of the records
    /// it matches. The list filters combine with the text. An empty `query` lists everything.
    ///
    /// `preferredLanguage` (a BCP 47 tag) is a preference, not a filter: among records matching as many words, the
    /// reader's language ranks first, and the text is stemmed in that language. Without it, the request's language
    /// (`@inContext`, else `Accept-Language`) is preferred, if it asked for one. `collapseTranslations: true` returns
    /// one hit per translation group (in the preferred language when the group has it, the others through
    /// `translations`); `totalCount` and the facets then count groups.
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        types: Option<Vec<ContentType>>,
        filter: Option<SearchFilter>,
        order_by: Option<SearchOrder>,
        first: Option<i32>,
        after: Option<String>,
        preferred_language: Option<String>,
        #[graphql(default_with = "Some(false)")] collapse_translations: Option<bool>,
    ) -> async_graphql::Result<SearchResults> {
        let order = order_by.unwrap_or_default();
        let sort = match (order.field, order.direction) {
            (SearchOrderField::Relevance, _) => SearchSort::Relevance,
            (SearchOrderField::PublishedAt, OrderDirection::Desc) => SearchSort::PublishedAtDesc,
            (SearchOrderField::PublishedAt, OrderDirection::Asc) => SearchSort::PublishedAtAsc,
        };
        let filter = filter.unwrap_or_default().into_filter(types)?;
        let engine = engine(ctx)?;
        // What the caller reads: snippets, facets and their labels are made only when selected.
        let selected = ctx.look_ahead();
        let search = Search {
            text: query,
            filter,
            sort,
            first,
            after,
            // The request's language (its `@inContext`, else its `Accept-Language`) unless one is given.
            preferred_language: preferred_language
                .or_else(|| super::request(ctx).ok()?.language.map(|l| l.tag().to_string())),
            collapse: collapse_translations.unwrap_or(false),
            highlights: selected.field("edges").field("highlights").exists(),
            facets: selected.field("facets").exists(),
        };
        let found = search::search(db(ctx)?, engine.as_ref(), super::gate(ctx)?, search).await?;
        // Labels cost reads (the calls' titles); only a caller reading them pays for them.
        let labels = if selected.field("facets").field("values").field("label").exists() {
            labels(ctx, &found.facets).await?
        } else {
            HashMap::new()
        };
        let edges: Vec<SearchEdge> = found
            .hits
            .into_iter()
            .map(|hit| SearchEdge {
                cursor: hit.cursor,
                node: NeverNull(hit.row.into()),
                highlights: hit
                    .highlights
                    .into_iter()
                    .map(|h| SearchHighlight { field: h.field.to_string(), snippet: h.snippet })
                    .collect(),
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: found.has_next_page,
            has_previous_page: found.has_previous_page,
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
            total_count_is_exact: found.total_is_exact,
            nodes: edges.iter().map(|e| e.node.clone()).collect(),
            edges,
            page_info,
            facets,
        })
    }
}
