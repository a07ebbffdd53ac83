//! The coverage of the Compact at `/coverage`, the picture a regional review starts from: published practices (or
//! the types the URL names) per GCM objective × region as a heat map, per year, and per country with the champions
//! marked. Charts are SVG drawn here, each with a table of its numbers; counts come from the GraphQL `coverage`
//! query, with the explorer's filters (a text query does not apply: coverage counts in the database).

use super::layout::{self, SHADES, Section, list, text};
use super::map;
use super::params::{Facet, FacetNames as _, Params};
use super::{failure, html, refused};
use crate::domain::kind::{self, names};
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hub_entity::enums::ContentKind;
use maud::{Markup, html};
use serde_json::Value;
use std::collections::HashMap;

const QUERY: &str = include_str!("queries/coverage.graphql");

/// `GET /coverage`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let mut params = match Params::parse(request.query_string()) {
        Ok(params) => params,
        Err(error) => return refused(&error),
    };
    if params.filter.kinds.is_none() {
        params.filter.kinds = Some(vec![ContentKind::Practice]);
    }
    let data = match run_for_page(&state, &request, QUERY, params.variables()).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    html(StatusCode::OK, layout::page("Coverage of the Compact", Section::Coverage, coverage(&params, &data)))
}

fn kinds_label(params: &Params) -> String {
    let labels: Vec<String> =
        params.filter.kinds.iter().flatten().map(|kind| format!("{}s", names(*kind).label)).collect();
    labels.join(", ")
}

fn coverage(params: &Params, data: &Value) -> Markup {
    let coverage = &data["coverage"];
    let total = coverage["total"].as_u64().unwrap_or(0);
    let filters: Vec<String> =
        [Facet::Objective, Facet::Principle, Facet::Region, Facet::Country, Facet::Theme, Facet::Language]
            .into_iter()
            .flat_map(|facet| params.chosen(facet).into_iter().map(move |value| format!("{}: {value}", facet.title())))
            .chain(params.filter.year_from.map(|y| format!("from {y}")))
            .chain(params.filter.year_to.map(|y| format!("to {y}")))
            .collect();
    html! {
        h1 { "Coverage of the Compact" }
        p.lead {
            strong #coverage-total { (total) } " published " (kinds_label(params))
            @if !filters.is_empty() { " matching " (filters.join(", ")) }
            "."
        }
        nav.type-switch aria-label="Record types" {
            @for names in kind::searchable() {
                @let only = params.with(|f| f.kinds = Some(vec![names.kind]));
                a href=(only.link("/coverage")) aria-current=[(params.filter.kinds == Some(vec![names.kind])).then_some("page")] { (names.title()) "s" }
            }
            @if !filters.is_empty() {
                a href=(Params::default().with(|f| f.kinds = params.filter.kinds.clone()).link("/coverage")) { "Remove the filters" }
            }
            a href=(Params { q: String::new(), ..params.clone() }.link("/")) { "List these records" }
        }
        @if !params.q.is_empty() {
            p.muted { "Coverage counts records by their tags; the text “" (params.q) "” is not applied here." }
        }
        (heat_map(params, data))
        (years(coverage))
        (countries(coverage))
    }
}

fn heat_map(params: &Params, data: &Value) -> Markup {
    let objectives = list(data, "objectives");
    let regions = list(data, "regions");
    let mut counts: HashMap<(u64, &str), u64> = HashMap::new();
    for cell in list(&data["coverage"], "cells") {
        let objective = cell["objective"]["number"].as_u64().unwrap_or(0);
        counts.insert((objective, text(&cell["region"], "key")), cell["count"].as_u64().unwrap_or(0));
    }
    let max = counts.values().copied().max().unwrap_or(0);
    let shade = |count: u64| -> usize {
        if count == 0 || max == 0 {
            0
        } else {
            let step = (count * 5).div_ceil(max);
            usize::try_from(step).unwrap_or(5).clamp(1, 5)
        }
    };
    let (label_width, cell_width, cell_height, head) = (300, 118, 26, 64);
    let width = label_width + cell_width * regions.len();
    let height = head + cell_height * objectives.len();
    html! {
        section.chart aria-labelledby="heat-heading" {
            h2 #heat-heading { "By GCM objective and region" }
            p.muted { "A record counts once in every pair of objective and region it belongs to. Select a cell to list its records." }
            div.scroll {
                svg #heat-map viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                    aria-labelledby="heat-heading" font-size="13" font-family="system-ui, sans-serif" {
                    @for (column, region) in regions.iter().enumerate() {
                        @let lines = wrap(text(region, "name"), 16);
                        @let top = head - 8 - 15 * lines.len();
                        text x=(label_width + column * cell_width + cell_width / 2) y=(top) text-anchor="middle" fill="#1b1b1b" {
                            @for line in &lines {
                                tspan x=(label_width + column * cell_width + cell_width / 2) dy="15" { (line) }
                            }
                        }
                    }
                    @for (row, objective) in objectives.iter().enumerate() {
                        @let number = objective["number"].as_u64().unwrap_or(0);
                        @let y = head + row * cell_height;
                        text x="4" y=(y + 17) fill="#1b1b1b" { (number) ". " (text(objective, "shortLabel")) }
                        @for (column, region) in regions.iter().enumerate() {
                            @let key = text(region, "key");
                            @let count = counts.get(&(number, key)).copied().unwrap_or(0);
                            @let step = shade(count);
                            @let cell = Params { q: String::new(), ..params.with(|f| {
                                f.objectives = Some(vec![i32::try_from(number).unwrap_or(0)]);
                                f.regions = Some(vec![key.to_string()]);
                            }) };
                            a href=(cell.link("/")) {
                                g.cell data-objective=(number) data-region=(key) data-count=(count) {
                                    title { (number) ". " (text(objective, "shortLabel")) ", " (text(region, "name")) ": " (count) }
                                    rect x=(label_width + column * cell_width + 1) y=(y + 1) width=(cell_width - 2) height=(cell_height - 2)
                                        rx="3" fill=(SHADES[step]) {}
                                    text x=(label_width + column * cell_width + cell_width / 2) y=(y + 17) text-anchor="middle"
                                        fill=(if step >= 4 { "#ffffff" } else { "#1b1b1b" }) { (count) }
                                }
                            }
                        }
                    }
                }
            }
            details.numbers {
                summary { "The numbers as a table" }
                div.scroll {
                    table {
                        caption { "Published records per GCM objective and region" }
                        thead { tr { th scope="col" { "Objective" } @for region in regions { th scope="col" { (text(region, "name")) } } } }
                        tbody {
                            @for objective in objectives {
                                @let number = objective["number"].as_u64().unwrap_or(0);
                                tr {
                                    th scope="row" { (number) ". " (text(objective, "shortLabel")) }
                                    @for region in regions { td { (counts.get(&(number, text(region, "key"))).copied().unwrap_or(0)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `text` in lines of about `width` characters, broken between words (for labels in SVG, which does not wrap).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn years(coverage: &Value) -> Markup {
    let years = list(coverage, "years");
    let max = years.iter().filter_map(|y| y["count"].as_u64()).max().unwrap_or(0).max(1);
    let (bar, gap, chart_height, label) = (36_u64, 8_u64, 160_u64, 40_u64);
    let width = (bar + gap) * u64::try_from(years.len()).unwrap_or(0) + gap;
    html! {
        section.chart aria-labelledby="years-heading" {
            h2 #years-heading { "By year" }
            @if years.is_empty() {
                p.muted { "No record has a year." }
            } @else {
                div.chart-pair {
                    div.scroll {
                        svg #years-chart viewBox=(format!("0 0 {width} {}", chart_height + label)) width=(width) height=(chart_height + label)
                            role="img" aria-labelledby="years-heading" font-size="12" font-family="system-ui, sans-serif" {
                            @for (i, year) in years.iter().enumerate() {
                                @let count = year["count"].as_u64().unwrap_or(0);
                                @let h = (count * (chart_height - 20)).div_ceil(max);
                                @let x = gap + (bar + gap) * u64::try_from(i).unwrap_or(0);
                                rect x=(x) y=(chart_height - h) width=(bar) height=(h) fill="#2171b5" {}
                                text x=(x + bar / 2) y=(chart_height - h - 4) text-anchor="middle" fill="#1b1b1b" { (count) }
                                text x=(x + bar / 2) y=(chart_height + 16) text-anchor="middle" fill="#1b1b1b" { (year["year"]) }
                            }
                        }
                    }
                    table.compact {
                        caption { "Published records per year" }
                        thead { tr { th scope="col" { "Year" } th scope="col" { "Records" } } }
                        tbody { @for year in years { tr { th scope="row" { (year["year"]) } td { (year["count"]) } } } }
                    }
                }
            }
        }
    }
}

fn countries(coverage: &Value) -> Markup {
    let countries = list(coverage, "countries");
    let counts: HashMap<String, u64> = countries
        .iter()
        .map(|row| (text(&row["country"], "iso3").to_string(), row["count"].as_u64().unwrap_or(0)))
        .collect();
    let names: HashMap<String, String> = countries
        .iter()
        .map(|row| (text(&row["country"], "iso3").to_string(), text(&row["country"], "name").to_string()))
        .collect();
    html! {
        section.chart aria-labelledby="countries-heading" {
            h2 #countries-heading { "By country" }
            p.muted { "Published records naming each country; select a country for its profile. The table below holds the same numbers." }
            (map::world("countries-map", "countries-heading", &counts, &names, ("record", "records")))
            p.muted { "★ marks the GCM Champion countries." }
            div.scroll {
                table #countries {
                    caption.visually-hidden { "Published records per country" }
                    thead { tr { th scope="col" { "Country" } th scope="col" { "Region" } th scope="col" { "Records" } th scope="col" { "GCM Champion" } } }
                    tbody {
                        @for row in countries {
                            @let country = &row["country"];
                            tr data-country=(text(country, "iso3")) {
                                th scope="row" { a href={ "/countries/" (text(country, "iso3")) } { (text(country, "name")) } }
                                td { (text(&country["region"], "name")) }
                                td { a href={ "/?country=" (text(country, "iso3")) } { (row["count"]) } }
                                td { @if country["isChampion"].as_bool() == Some(true) {
                                    "★ Champion" @if let Some(since) = country["championSince"].as_str() { " since " (layout::date(since).get(..4).unwrap_or_default()) }
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |at: usize| {
            let v = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_heat_map_count_meets_wcag_aa_contrast_on_its_shade() {
        for (step, shade) in SHADES.iter().enumerate() {
            let text = if step >= 4 { "#ffffff" } else { "#1b1b1b" };
            assert!(contrast(text, shade) >= 4.5, "{text} on {shade}: {:.2}", contrast(text, shade));
        }
        assert!(contrast("#ffffff", "#2171b5") >= 4.5, "the year bars' labels sit above the bars, on white");
    }
}
