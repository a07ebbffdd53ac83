//! The explorer at `/`: search over every content type with facet filters and their counts, result cards with
//! highlighted snippets, pages, and the export buttons; backed by the GraphQL `search` query. Everything works as
//! plain links and a form; the script only adds search-as-you-type.

use super::layout::{self, Section, list, text};
use super::params::{Facet, FacetNames as _, PAGE_SIZE, Params};
use super::{failure, html, refused};
use crate::domain::kind::KINDS;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::service::validate;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};

const QUERY: &str = include_str!("queries/explorer.graphql");

/// Facet values shown before "more".
const SHOWN: usize = 8;

/// `GET /`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let params = match Params::parse(request.query_string()) {
        Ok(params) => params,
        Err(error) => return refused(&error),
    };
    let mut variables = params.variables();
    variables["query"] = json!(params.q);
    variables["first"] = json!(PAGE_SIZE);
    variables["after"] = json!(params.after());
    variables["preferredLanguage"] = json!(preferred_language(&request));
    let data = match run_for_page(&state, &request, QUERY, variables).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    let results = &data["search"];
    let objectives: std::collections::HashMap<String, String> =
        list(&data, "objectives").iter().map(|o| (o["number"].to_string(), text(o, "title").to_string())).collect();
    let title = if params.q.is_empty() { "Explore".to_string() } else { format!("“{}”", params.q) };
    // The landing page (no query, no filter) shows the editors' featured collections above the newest records.
    let featured = if params.pairs().is_empty() { list(&data["featured"], "nodes") } else { &[] };
    let main = html! { (featured_collections(featured)) (explorer(&params, results, &objectives)) };
    html(StatusCode::OK, layout::page(&title, Section::Explore, main))
}

/// The featured collections, as cards linking to their pages; nothing when there are none.
fn featured_collections(collections: &[Value]) -> Markup {
    html! {
        @if !collections.is_empty() {
            section.featured aria-labelledby="featured-heading" {
                h2 #featured-heading { "Featured collections" }
                ul.featured-list { @for c in collections {
                    li lang=(text(c, "language")) {
                        a href=(record_path("Collection", text(c, "slug"))) { strong { (text(c, "title")) } }
                        p { (text(c, "summary")) }
                    }
                } }
            }
        }
    }
}

/// The first language of `Accept-Language`, when it is a BCP 47 tag the API takes: it ranks the reader's language
/// first. Anything else is ignored (a header never makes the page fail).
fn preferred_language(request: &HttpRequest) -> Option<String> {
    let header = request.headers().get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let first = header.split(',').next()?.split(';').next()?.trim().to_ascii_lowercase();
    validate::language(Some(&first), "preferredLanguage").is_ok().then_some(first)
}

/// `objectives`: each objective's official title, by number.
fn explorer(params: &Params, results: &Value, objectives: &std::collections::HashMap<String, String>) -> Markup {
    let total = results["totalCount"].as_u64().unwrap_or(0);
    html! {
        h1.visually-hidden { "Explore the hub" }
        form #search.search role="search" action="/" method="get" {
            label for="q" { "Search practices, guidance tools and peer exchanges" }
            div.search-row {
                input #q type="search" name="q" value=(params.q) autocomplete="off" spellcheck="false"
                    placeholder="e.g. alternatives to detention, remittances, Mexico";
                button type="submit" { "Search" }
            }
            @for (name, value) in params.pairs() {
                @if name != "q" && name != "page" && name != "yearFrom" && name != "yearTo" {
                    input type="hidden" name=(name) value=(value);
                }
            }
            fieldset.years {
                legend { "Years" }
                label for="yearFrom" { "From" }
                input #yearFrom type="number" name="yearFrom" min="1990" max="2100" inputmode="numeric"
                    value=[params.filter.year_from];
                label for="yearTo" { "to" }
                input #yearTo type="number" name="yearTo" min="1990" max="2100" inputmode="numeric"
                    value=[params.filter.year_to];
            }
        }
        p #announce.visually-hidden aria-live="polite" {}
        div #results-region {
            div.status-row {
                p #status { strong #total-count { (total) } " " (if total == 1 { "record" } else { "records" }) }
                p #loading.loading hidden { "Searching…" }
                p.exports {
                    a.button href=(params.link("/export.csv")) download { "Export CSV" }
                    a.button href=(params.link("/export.ndjson")) download { "Export NDJSON" }
                    a.button href=(params.link("/coverage")) { "Coverage" }
                }
            }
            (chosen(params))
            div.explorer {
                details.facets-toggle open {
                    summary { "Filters" }
                    aside.facets aria-label="Filters" {
                        @for facet in list(results, "facets") {
                            (facet_group(params, facet, objectives))
                        }
                    }
                }
                section.results aria-label="Results" {
                    @if total == 0 {
                        div.empty {
                            h2 { "No published record matches" }
                            p { "Check the spelling, use fewer words, or remove a filter." }
                            @if !params.pairs().is_empty() {
                                p { a href="/" { "Clear the search and all filters" } }
                            }
                        }
                    } @else {
                        ol.cards start=((params.page - 1) * PAGE_SIZE + 1) {
                            @for edge in list(results, "edges") { li { (card(edge)) } }
                        }
                        (pagination(params, total, results["pageInfo"]["hasNextPage"].as_bool().unwrap_or(false)))
                    }
                }
            }
        }
    }
}

/// The filters in force, each a link that removes it.
fn chosen(params: &Params) -> Markup {
    let mut chips = Vec::new();
    for facet in Facet::ALL {
        for value in params.chosen(facet) {
            chips.push((facet, value));
        }
    }
    let years = params.filter.year_from.is_some() || params.filter.year_to.is_some();
    html! {
        @if !chips.is_empty() || years {
            ul.chips aria-label="Filters in force" {
                @for (facet, value) in &chips {
                    li { a.chip href=(params.toggled(*facet, value).link("/")) {
                        (facet.title()) ": " (value) span.visually-hidden { " (remove)" } span aria-hidden="true" { " ×" }
                    } }
                }
                @if years && params.chosen(Facet::Year).is_empty() {
                    li { a.chip href=(params.with(|f| (f.year_from, f.year_to) = (None, None)).link("/")) {
                        "Years: " (params.filter.year_from.map(|y| y.to_string()).unwrap_or_default()) "–"
                        (params.filter.year_to.map(|y| y.to_string()).unwrap_or_default())
                        span.visually-hidden { " (remove)" } span aria-hidden="true" { " ×" }
                    } }
                }
                li { a.chip.clear href="/" { "Clear all" } }
            }
        }
    }
}

/// One facet: its values with counts, each a link that adds or removes it.
fn facet_group(params: &Params, facet: &Value, objectives: &std::collections::HashMap<String, String>) -> Markup {
    let Some(kind) = Facet::from_field(text(facet, "field")) else { return html! {} };
    let values = list(facet, "values");
    let chosen = params.chosen(kind);
    let item = |value: &Value| {
        let key = Params::url_value(kind, text(value, "value"));
        let label = value.get("label").and_then(Value::as_str).map_or_else(|| key.clone(), str::to_string);
        let label = if kind == Facet::Objective { format!("{key}. {label}") } else { label };
        let on = chosen.contains(&key);
        // An objective's short label is shown; its official title is the link's title.
        let official = (kind == Facet::Objective).then(|| objectives.get(&key)).flatten();
        html! {
            li { a.facet-value href=(params.toggled(kind, &key).link("/")) data-facet=(kind.field()) data-value=(key)
                title=[official] aria-current=[on.then_some("true")] {
                span.check aria-hidden="true" { @if on { "✓" } }
                span.label { (label) @if on { span.visually-hidden { " (selected)" } } }
                span.count { (value["count"].as_u64().unwrap_or(0)) }
            } }
        }
    };
    html! {
        @if !values.is_empty() {
            section.facet {
                h2 { (kind.title()) }
                ul { @for value in values.iter().take(SHOWN) { (item(value)) } }
                @if values.len() > SHOWN {
                    details.more {
                        summary { "All " (values.len()) }
                        ul { @for value in values.iter().skip(SHOWN) { (item(value)) } }
                    }
                }
            }
        }
    }
}

/// The path of a record's page, from its GraphQL type name.
pub fn record_path(type_name: &str, slug: &str) -> String {
    let path = KINDS.iter().find(|names| names.type_name == type_name).map_or("practices", |names| names.path);
    format!("/{path}/{slug}")
}

/// The label of a record's type, from its GraphQL type name.
pub fn type_label(type_name: &str) -> String {
    KINDS.iter().find(|names| names.type_name == type_name).map_or_else(String::new, |names| names.title())
}

/// One result: type, year and language, the title (highlighted) linking to the record, the snippet, the places
/// and objectives.
fn card(edge: &Value) -> Markup {
    let node = &edge["node"];
    let type_name = text(node, "__typename");
    let highlight = |field: &str| {
        list(edge, "highlights").iter().find(|h| text(h, "field") == field).map(|h| layout::snippet(text(h, "snippet")))
    };
    let countries = list(node, "countries");
    let objectives: Vec<String> = list(node, "objectives")
        .iter()
        .map(|o| format!("{}. {}", o["number"].as_u64().unwrap_or(0), text(o, "shortLabel")))
        .collect();
    html! {
        article.card {
            p.meta {
                span.kind { (type_label(type_name)) }
                @if let Some(year) = node["year"].as_i64() { " · " (year) }
                " · " span lang=(text(node, "language")) { (layout::language_name(text(node, "language"))) }
            }
            h3 { a href=(record_path(type_name, text(node, "slug"))) {
                @match highlight("title") { Some(title) => (title), None => (text(node, "title")) }
            } }
            p.snippet { @match highlight("summary") { Some(summary) => (summary), None => (truncate(text(node, "summary"), 240)) } }
            @if !countries.is_empty() { p.places { @for (i, c) in countries.iter().enumerate() {
                @if i > 0 { ", " }
                a href={ "/countries/" (text(c, "iso3")) } { (text(c, "name")) }
            } } }
            @if !objectives.is_empty() { p.objectives { (objectives.join(" · ")) } }
        }
    }
}

/// At most `chars` characters of `text`, cut at a word.
fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

fn pagination(params: &Params, total: u64, has_next: bool) -> Markup {
    let pages = usize::try_from(total).unwrap_or(usize::MAX).div_ceil(PAGE_SIZE).clamp(1, super::params::MAX_PAGE);
    html! {
        @if pages > 1 {
            nav.pagination aria-label="Pages" {
                @if params.page > 1 { a rel="prev" href=(params.on_page(params.page - 1).link("/")) { "← Previous" } }
                span aria-current="page" { "Page " (params.page) " of " (pages) }
                @if has_next { a rel="next" href=(params.on_page(params.page + 1).link("/")) { "Next →" } }
            }
        }
    }
}
