//! The explorer at `/`: search over every content type with facet filters and their counts, result cards with
//! highlighted snippets, pages, and the export buttons; backed by the GraphQL `search` query. Everything works as
//! plain links and a form; the script only adds search-as-you-type.

use super::layout::{self, Section, list, text};
use super::params::{Facet, FacetNames as _, PAGE_SIZE, Params};
use super::ui::{LANG, Ui};
use super::{failure, html, refused, ui_of};
use crate::domain::kind::KINDS;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::i18n::Arg;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};

const QUERY: &str = include_str!("queries/explorer.graphql");

/// Facet values shown before "more".
const SHOWN: usize = 8;

/// `GET /`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    let params = match Params::parse(request.query_string()) {
        Ok(params) => params,
        Err(error) => return refused(&ui, &error),
    };
    let mut variables = params.variables();
    variables["query"] = json!(params.q);
    variables["first"] = json!(PAGE_SIZE);
    variables["after"] = json!(params.after());
    // `search` ranks records in the page's language first (the request's language, see `run_for_page`).
    let data = match run_for_page(&state, &request, QUERY, variables, ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    let results = &data["search"];
    let objectives: std::collections::HashMap<String, String> =
        list(&data, "objectives").iter().map(|o| (o["number"].to_string(), text(o, "title").to_string())).collect();
    let title = if params.q.is_empty() {
        ui.t("explore-title")
    } else {
        ui.t_with("explore-title-query", vec![("query", params.q.as_str().into())])
    };
    // The landing page (no query, no filter) shows the editors' featured collections above the newest records.
    let featured =
        if params.pairs().iter().all(|(name, _)| *name == LANG) { list(&data["featured"], "nodes") } else { &[] };
    let main = html! { (featured_collections(&ui, featured)) (explorer(&ui, &params, results, &objectives)) };
    html(StatusCode::OK, layout::page(&ui, &title, Section::Explore, main))
}

/// The featured collections, as cards linking to their pages; nothing when there are none.
fn featured_collections(ui: &Ui, collections: &[Value]) -> Markup {
    html! {
        @if !collections.is_empty() {
            section.featured aria-labelledby="featured-heading" {
                h2 #featured-heading { (ui.t("featured-collections")) }
                ul.featured-list { @for c in collections {
                    li lang=(text(c, "language")) dir="auto" {
                        a href=(ui.link(&record_path("Collection", text(c, "slug")))) { strong { (text(c, "title")) } }
                        p { (text(c, "summary")) }
                    }
                } }
            }
        }
    }
}

/// `objectives`: each objective's official title, by number.
fn explorer(
    ui: &Ui,
    params: &Params,
    results: &Value,
    objectives: &std::collections::HashMap<String, String>,
) -> Markup {
    let total = results["totalCount"].as_u64().unwrap_or(0);
    html! {
        h1.visually-hidden { (ui.t("explore-heading")) }
        // The script's messages, in the page's language.
        form #search.search role="search" action="/" method="get" data-failed=(ui.t("search-failed"))
            data-offline=(ui.t("search-offline")) {
            label for="q" { (ui.t("search-label")) }
            div.search-row {
                input #q type="search" name="q" value=(params.q) autocomplete="off" spellcheck="false"
                    placeholder=(ui.t("search-placeholder"));
                button type="submit" { (ui.t("search-button")) }
            }
            @for (name, value) in params.pairs() {
                @if name != "q" && name != "page" && name != "yearFrom" && name != "yearTo" {
                    input type="hidden" name=(name) value=(value);
                }
            }
            fieldset.years {
                legend { (ui.t("years")) }
                label for="yearFrom" { (ui.t("years-from")) }
                input #yearFrom type="number" name="yearFrom" min="1990" max="2100" inputmode="numeric"
                    value=[params.filter.year_from];
                label for="yearTo" { (ui.t("years-to")) }
                input #yearTo type="number" name="yearTo" min="1990" max="2100" inputmode="numeric"
                    value=[params.filter.year_to];
            }
        }
        p #announce.visually-hidden aria-live="polite" {}
        div #results-region {
            div.status-row {
                p #status data-total=(total) { (ui.t_with("records", vec![("count", Arg::Count(total))])) }
                p #loading.loading hidden { (ui.t("searching")) }
                p.exports {
                    a.button href=(params.link("/export.csv")) download { (ui.t("export-csv")) }
                    a.button href=(params.link("/export.ndjson")) download { (ui.t("export-ndjson")) }
                    a.button href=(params.link("/coverage")) { (ui.t("nav-coverage")) }
                }
            }
            (chosen(ui, params))
            div.explorer {
                details.facets-toggle open {
                    summary { (ui.t("filters")) }
                    aside.facets aria-label=(ui.t("filters")) {
                        @for facet in list(results, "facets") {
                            (facet_group(ui, params, facet, objectives))
                        }
                    }
                }
                section.results aria-label=(ui.t("results")) {
                    @if total == 0 {
                        div.empty {
                            h2 { (ui.t("no-match")) }
                            p { (ui.t("no-match-hint")) }
                            @if params.pairs().iter().any(|(name, _)| *name != LANG) {
                                p { a href=(ui.link("/")) { (ui.t("clear-all-long")) } }
                            }
                        }
                    } @else {
                        ol.cards start=((params.page - 1) * PAGE_SIZE + 1) {
                            @for edge in list(results, "edges") { li { (card(ui, edge)) } }
                        }
                        (pagination(ui, params, total, results["pageInfo"]["hasNextPage"].as_bool().unwrap_or(false)))
                    }
                }
            }
        }
    }
}

/// The filters in force, each a link that removes it.
fn chosen(ui: &Ui, params: &Params) -> Markup {
    let mut chips = Vec::new();
    for facet in Facet::ALL {
        for value in params.chosen(facet) {
            chips.push((facet, value));
        }
    }
    let years = params.filter.year_from.is_some() || params.filter.year_to.is_some();
    html! {
        @if !chips.is_empty() || years {
            ul.chips aria-label=(ui.t("filters-in-force")) {
                @for (facet, value) in &chips {
                    li { a.chip href=(params.toggled(*facet, value).link("/")) {
                        (facet_title(ui, *facet)) ": " (value) span.visually-hidden { " " (ui.t("remove")) } span aria-hidden="true" { " ×" }
                    } }
                }
                @if years && params.chosen(Facet::Year).is_empty() {
                    li { a.chip href=(params.with(|f| (f.year_from, f.year_to) = (None, None)).link("/")) {
                        (ui.t("years")) ": " (params.filter.year_from.map(|y| y.to_string()).unwrap_or_default()) "–"
                        (params.filter.year_to.map(|y| y.to_string()).unwrap_or_default())
                        span.visually-hidden { " " (ui.t("remove")) } span aria-hidden="true" { " ×" }
                    } }
                }
                li { a.chip.clear href=(ui.link("/")) { (ui.t("clear-all")) } }
            }
        }
    }
}

/// One facet: its values with counts, each a link that adds or removes it.
/// A facet's title in the page's language.
pub fn facet_title(ui: &Ui, facet: Facet) -> String {
    ui.t(&format!("facet-{}", facet.field().to_lowercase()))
}

fn facet_group(
    ui: &Ui,
    params: &Params,
    facet: &Value,
    objectives: &std::collections::HashMap<String, String>,
) -> Markup {
    let Some(kind) = Facet::from_field(text(facet, "field")) else { return html! {} };
    let values = list(facet, "values");
    let chosen = params.chosen(kind);
    let item = |value: &Value| {
        let key = Params::url_value(kind, text(value, "value"));
        let label = value.get("label").and_then(Value::as_str).map_or_else(|| key.clone(), str::to_string);
        let label = match kind {
            Facet::Objective => format!("{key}. {label}"),
            Facet::Language => ui.language_name(&key),
            _ => label,
        };
        let on = chosen.contains(&key);
        // An objective's short label is shown; its official title is the link's title.
        let official = (kind == Facet::Objective).then(|| objectives.get(&key)).flatten();
        html! {
            li { a.facet-value href=(params.toggled(kind, &key).link("/")) data-facet=(kind.field()) data-value=(key)
                title=[official] aria-current=[on.then_some("true")] {
                span.check aria-hidden="true" { @if on { "✓" } }
                span.label { (label) @if on { span.visually-hidden { " (selected)" } } }
                span.count { (ui.number(value["count"].as_u64().unwrap_or(0))) }
            } }
        }
    };
    html! {
        @if !values.is_empty() {
            section.facet {
                h2 { (facet_title(ui, kind)) }
                ul { @for value in values.iter().take(SHOWN) { (item(value)) } }
                @if values.len() > SHOWN {
                    details.more {
                        summary { (ui.t_with("facet-all", vec![("count", Arg::Count(values.len() as u64))])) }
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

/// The label of a record's type in the page's language, from its GraphQL type name.
pub fn type_label(ui: &Ui, type_name: &str) -> String {
    KINDS
        .iter()
        .find(|names| names.type_name == type_name)
        .map_or_else(String::new, |names| ui.enum_label("ContentType", names.key))
}

/// One result: type, year and language, the title (highlighted) linking to the record, the snippet, the places
/// and objectives.
fn card(ui: &Ui, edge: &Value) -> Markup {
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
                span.kind { (type_label(ui, type_name)) }
                @if let Some(year) = node["year"].as_i64() { " · " (year) }
                " · " span { (ui.language_name(text(node, "language"))) }
            }
            h3 lang=(text(node, "language")) dir="auto" { a href=(ui.link(&record_path(type_name, text(node, "slug")))) {
                @match highlight("title") { Some(title) => (title), None => (text(node, "title")) }
            } }
            p.snippet lang=(text(node, "language")) dir="auto" { @match highlight("summary") { Some(summary) => (summary), None => (truncate(text(node, "summary"), 240)) } }
            @if !countries.is_empty() { p.places { @for (i, c) in countries.iter().enumerate() {
                @if i > 0 { ", " }
                a href=(ui.link(&format!("/countries/{}", text(c, "iso3")))) { (text(c, "name")) }
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

fn pagination(ui: &Ui, params: &Params, total: u64, has_next: bool) -> Markup {
    let pages = usize::try_from(total).unwrap_or(usize::MAX).div_ceil(PAGE_SIZE).clamp(1, super::params::MAX_PAGE);
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(ui.t("pages")) {
                @if params.page > 1 { a rel="prev" href=(params.on_page(params.page - 1).link("/")) { (ui.t("previous")) } }
                span aria-current="page" { (ui.t_with("page-of", vec![("page", Arg::Count(params.page as u64)), ("pages", Arg::Count(pages as u64))])) }
                @if has_next { a rel="next" href=(params.on_page(params.page + 1).link("/")) { (ui.t("next")) } }
            }
        }
    }
}
