//! The coverage of the Compact at `/coverage`, the picture a regional review starts from: published practices (or
//! the types the URL names) per GCM objective × region as a heat map, per year, and per country with the champions
//! marked. Charts are SVG drawn here, each with a table of its numbers; counts come from the GraphQL `coverage`
//! query, with the explorer's filters (a text query does not apply: coverage counts in the database).

use super::explorer::facet_title;
use super::layout::{self, SHADES, Section, list, text};
use super::map;
use super::params::{Facet, Params};
use super::ui::Ui;
use super::{failure, html, refused, ui_of};
use crate::domain::kind::{self, names};
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::i18n::Arg;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hub_entity::enums::ContentKind;
use maud::{Markup, html};
use serde_json::Value;
use std::collections::HashMap;

const QUERY: &str = include_str!("queries/coverage.graphql");

/// `GET /coverage`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    let mut params = match Params::parse(request.query_string()) {
        Ok(params) => params,
        Err(error) => return refused(&ui, &error),
    };
    if params.filter.kinds.is_none() {
        params.filter.kinds = Some(vec![ContentKind::Practice]);
    }
    let data = match run_for_page(&state, &request, QUERY, params.variables(), ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    html(StatusCode::OK, layout::page(&ui, &ui.t("coverage-title"), Section::Coverage, coverage(&ui, &params, &data)))
}

/// The types counted, by their plural names: “Promising practices, Guidance tools”.
fn kinds_label(ui: &Ui, params: &Params) -> String {
    let labels: Vec<String> = params.filter.kinds.iter().flatten().map(|kind| plural_type(ui, *kind)).collect();
    labels.join(", ")
}

/// A record type's plural name in the page's language.
pub fn plural_type(ui: &Ui, kind: ContentKind) -> String {
    ui.t(&format!("types-{}", names(kind).word))
}

fn coverage(ui: &Ui, params: &Params, data: &Value) -> Markup {
    let coverage = &data["coverage"];
    let total = coverage["total"].as_u64().unwrap_or(0);
    let filters: Vec<String> =
        [Facet::Objective, Facet::Principle, Facet::Region, Facet::Country, Facet::Theme, Facet::Language]
            .into_iter()
            .flat_map(|facet| {
                params.chosen(facet).into_iter().map(move |value| format!("{}: {value}", facet_title(ui, facet)))
            })
            .chain(params.filter.year_from.map(|y| ui.t_with("coverage-from", vec![("year", y.to_string().into())])))
            .chain(params.filter.year_to.map(|y| ui.t_with("coverage-to", vec![("year", y.to_string().into())])))
            .collect();
    let summary = if filters.is_empty() {
        ui.t_with("coverage-total", vec![("count", Arg::Count(total)), ("types", kinds_label(ui, params).into())])
    } else {
        ui.t_with(
            "coverage-total-matching",
            vec![
                ("count", Arg::Count(total)),
                ("types", kinds_label(ui, params).into()),
                ("filters", filters.join(", ").into()),
            ],
        )
    };
    html! {
        h1 { (ui.t("coverage-title")) }
        p.lead #coverage-total data-total=(total) { (summary) }
        nav.type-switch aria-label=(ui.t("record-types")) {
            @for names in kind::searchable() {
                @let only = params.with(|f| f.kinds = Some(vec![names.kind]));
                a href=(only.link("/coverage")) aria-current=[(params.filter.kinds == Some(vec![names.kind])).then_some("page")] { (plural_type(ui, names.kind)) }
            }
            @if !filters.is_empty() {
                a href=(Params { lang: params.lang, ..Params::default() }.with(|f| f.kinds = params.filter.kinds.clone()).link("/coverage")) { (ui.t("remove-filters")) }
            }
            a href=(Params { q: String::new(), ..params.clone() }.link("/")) { (ui.t("list-these")) }
        }
        @if !params.q.is_empty() {
            p.muted { (ui.t_with("coverage-no-text", vec![("query", params.q.as_str().into())])) }
        }
        (heat_map(ui, params, data))
        (years(ui, coverage))
        (countries(ui, coverage))
    }
}

fn heat_map(ui: &Ui, params: &Params, data: &Value) -> Markup {
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
    let (label_width, cell_width, cell_height) = (300, 118, 26);
    // Room above the cells for the longest region name, wrapped (three lines at least).
    let most_lines = regions.iter().map(|r| wrap(text(r, "name"), 16).len()).max().unwrap_or(0).max(3);
    let head = 19 + 15 * most_lines;
    let width = label_width + cell_width * regions.len();
    let height = head + cell_height * objectives.len();
    // In a right-to-left page the chart reads from the right: labels on the right, regions leftwards.
    let axis = Axis { width, rtl: ui.language.right_to_left() };
    html! {
        section.chart aria-labelledby="heat-heading" {
            h2 #heat-heading { (ui.t("coverage-heat-heading")) }
            p.muted { (ui.t("coverage-heat-hint")) }
            div.scroll {
                svg #heat-map viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                    aria-labelledby="heat-heading" font-size="13" font-family="system-ui, sans-serif" {
                    @for (column, region) in regions.iter().enumerate() {
                        @let lines = wrap(text(region, "name"), 16);
                        @let top = head - 8 - 15 * lines.len();
                        text x=(axis.x(label_width + column * cell_width + cell_width / 2)) y=(top) text-anchor="middle" fill="#1b1b1b" {
                            @for line in &lines {
                                tspan x=(axis.x(label_width + column * cell_width + cell_width / 2)) dy="15" { (line) }
                            }
                        }
                    }
                    @for (row, objective) in objectives.iter().enumerate() {
                        @let number = objective["number"].as_u64().unwrap_or(0);
                        @let y = head + row * cell_height;
                        text.label x=(axis.x(4)) y=(y + 17) fill="#1b1b1b" { (number) ". " (text(objective, "shortLabel")) }
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
                                    title { (number) ". " (text(objective, "shortLabel")) ", " (text(region, "name")) ": " (ui.number(count)) }
                                    rect x=(axis.x_of_box(label_width + column * cell_width + 1, cell_width - 2)) y=(y + 1) width=(cell_width - 2) height=(cell_height - 2)
                                        rx="3" fill=(SHADES[step]) {}
                                    text x=(axis.x(label_width + column * cell_width + cell_width / 2)) y=(y + 17) text-anchor="middle"
                                        fill=(if step >= 4 { "#ffffff" } else { "#1b1b1b" }) { (ui.number(count)) }
                                }
                            }
                        }
                    }
                }
            }
            details.numbers {
                summary { (ui.t("as-table")) }
                div.scroll {
                    table {
                        caption { (ui.t("coverage-heat-caption")) }
                        thead { tr { th scope="col" { (ui.t("objective")) } @for region in regions { th scope="col" { (text(region, "name")) } } } }
                        tbody {
                            @for objective in objectives {
                                @let number = objective["number"].as_u64().unwrap_or(0);
                                tr {
                                    th scope="row" { (number) ". " (text(objective, "shortLabel")) }
                                    @for region in regions { td { (ui.number(counts.get(&(number, text(region, "key"))).copied().unwrap_or(0))) } }
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

/// The horizontal axis of a chart, mirrored in right-to-left pages. Text anchors need no mirroring: SVG text takes
/// the page's direction, so `start` is the right edge of a right-to-left text.
pub struct Axis {
    pub width: usize,
    pub rtl: bool,
}

impl Axis {
    /// Where a point `x` from the reading start is drawn.
    pub fn x(&self, x: usize) -> usize {
        if self.rtl { self.width.saturating_sub(x) } else { x }
    }

    /// Where a box starting `x` from the reading start and `width` wide has its left edge.
    pub fn x_of_box(&self, x: usize, width: usize) -> usize {
        if self.rtl { self.width.saturating_sub(x + width) } else { x }
    }
}

fn years(ui: &Ui, coverage: &Value) -> Markup {
    let years = list(coverage, "years");
    let max = years.iter().filter_map(|y| y["count"].as_u64()).max().unwrap_or(0).max(1);
    let (bar, gap, chart_height, label) = (36_u64, 8_u64, 160_u64, 40_u64);
    let width = (bar + gap) * u64::try_from(years.len()).unwrap_or(0) + gap;
    let axis = Axis { width: usize::try_from(width).unwrap_or(0), rtl: ui.language.right_to_left() };
    let at = |x: u64| axis.x(usize::try_from(x).unwrap_or(0));
    let bar_at = |x: u64| axis.x_of_box(usize::try_from(x).unwrap_or(0), usize::try_from(bar).unwrap_or(0));
    html! {
        section.chart aria-labelledby="years-heading" {
            h2 #years-heading { (ui.t("coverage-years-heading")) }
            @if years.is_empty() {
                p.muted { (ui.t("coverage-years-none")) }
            } @else {
                div.chart-pair {
                    div.scroll {
                        svg #years-chart viewBox=(format!("0 0 {width} {}", chart_height + label)) width=(width) height=(chart_height + label)
                            role="img" aria-labelledby="years-heading" font-size="12" font-family="system-ui, sans-serif" {
                            @for (i, year) in years.iter().enumerate() {
                                @let count = year["count"].as_u64().unwrap_or(0);
                                @let h = (count * (chart_height - 20)).div_ceil(max);
                                @let x = gap + (bar + gap) * u64::try_from(i).unwrap_or(0);
                                rect x=(bar_at(x)) y=(chart_height - h) width=(bar) height=(h) fill="#2171b5" {}
                                text x=(at(x + bar / 2)) y=(chart_height - h - 4) text-anchor="middle" fill="#1b1b1b" { (ui.number(count)) }
                                text x=(at(x + bar / 2)) y=(chart_height + 16) text-anchor="middle" fill="#1b1b1b" { (year["year"]) }
                            }
                        }
                    }
                    table.compact {
                        caption { (ui.t("coverage-years-caption")) }
                        thead { tr { th scope="col" { (ui.t("year")) } th scope="col" { (ui.t("records-heading")) } } }
                        tbody { @for year in years { tr { th scope="row" { (year["year"]) } td { (ui.number(year["count"].as_u64().unwrap_or(0))) } } } }
                    }
                }
            }
        }
    }
}

fn countries(ui: &Ui, coverage: &Value) -> Markup {
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
            h2 #countries-heading { (ui.t("coverage-countries-heading")) }
            p.muted { (ui.t("coverage-countries-hint")) }
            (map::world(ui, "countries-map", "countries-heading", &counts, &names, "map-records"))
            p.muted { (ui.t("champion-note")) }
            div.scroll {
                table #countries {
                    caption.visually-hidden { (ui.t("coverage-countries-caption")) }
                    thead { tr { th scope="col" { (ui.t("country")) } th scope="col" { (ui.t("region")) } th scope="col" { (ui.t("records-heading")) } th scope="col" { (ui.t("gcm-champion")) } } }
                    tbody {
                        @for row in countries {
                            @let country = &row["country"];
                            tr data-country=(text(country, "iso3")) {
                                th scope="row" { a href=(ui.link(&format!("/countries/{}", text(country, "iso3")))) { (text(country, "name")) } }
                                td { (text(&country["region"], "name")) }
                                td { a href=(ui.link(&format!("/?country={}", text(country, "iso3")))) { (ui.number(row["count"].as_u64().unwrap_or(0))) } }
                                td { @if country["isChampion"].as_bool() == Some(true) {
                                    @match country["championSince"].as_str() {
                                        Some(since) => (ui.t_with("champion-since", vec![("year", since.get(..4).unwrap_or_default().into())])),
                                        None => (ui.t("champion")),
                                    }
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
