//! Priorities and gaps at `/priorities`: the objectives by gap in a region (or across regions), drawn as diverging
//! bars (the challenges the review submissions report, left, against the practices published, right), with the
//! table of the numbers beside the chart, a world map of the challenges each country reported, and the priorities
//! that straddle regions. Counts come from the GraphQL
//! `priorities` query; each bar links to the explorer filtered by its objective and region.

use super::coverage::Axis;
use super::layout::{self, Section, list, text};
use super::map;
use super::ui::Ui;
use super::{failure, html, refused, ui_of};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::i18n::Arg;
use crate::service::priorities::ACROSS_REGIONS;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

const QUERY: &str = include_str!("queries/priorities.graphql");

/// The challenges' colour (left bars) and the practices' (right bars); both carry their counts beside them on white.
const CHALLENGE: &str = "#b8461b";
const PRACTICE: &str = "#2171b5";

/// The page's one parameter.
#[derive(Deserialize)]
pub struct Query {
    region: Option<String>,
}

/// `GET /priorities?region=`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    let Ok(web::Query(query)) = web::Query::<Query>::from_query(request.query_string()) else {
        return refused(&ui, &AppError::bad_input("region", "The address's parameters cannot be read."));
    };
    let region = query.region.filter(|r| !r.is_empty());
    let data = match run_for_page(&state, &request, QUERY, json!({ "region": region }), ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    let main = priorities(&ui, region.as_deref(), &data);
    html(StatusCode::OK, layout::page(&ui, &ui.t("priorities-title"), Section::Priorities, main))
}

/// The explorer listing one objective's records, in the region when one is chosen.
fn explorer_link(ui: &Ui, objective: u64, region: Option<&str>) -> String {
    match region {
        Some(region) => ui.link(&format!("/?objective={objective}&region={region}")),
        None => ui.link(&format!("/?objective={objective}")),
    }
}

fn priorities(ui: &Ui, region: Option<&str>, data: &Value) -> Markup {
    let regions = list(data, "regions");
    let name = region.and_then(|key| regions.iter().find(|r| text(r, "key") == key)).map(|r| text(r, "name"));
    let ranked = list(data, "priorities");
    let across: Vec<&Value> = list(data, "across")
        .iter()
        .filter(|p| p["regionsReporting"].as_u64().unwrap_or(0) >= ACROSS_REGIONS as u64)
        .collect();
    let across_regions = Arg::Count(ACROSS_REGIONS as u64);
    html! {
        h1 { (ui.t("priorities-title")) }
        p.lead {
            @match name {
                Some(name) => (ui.t_with("priorities-lead-region", vec![("region", name.into())])),
                None => (ui.t("priorities-lead-all")),
            }
        }
        nav.type-switch aria-label=(ui.t("regions")) {
            a href=(ui.link("/priorities")) aria-current=[region.is_none().then_some("page")] { (ui.t("all-regions")) }
            @for r in regions {
                a href=(ui.link(&format!("/priorities?region={}", text(r, "key")))) aria-current=[(Some(text(r, "key")) == region).then_some("page")] { (text(r, "name")) }
            }
        }
        p.muted { (ui.t("priorities-gap-formula")) }
        section.chart aria-labelledby="gaps-heading" {
            h2 #gaps-heading { (ui.t("priorities-by-gap")) }
            div.chart-pair {
                (chart(ui, region, ranked))
                (table(ui, ranked))
            }
        }
        (challenge_map(ui, ranked))
        section aria-labelledby="across-heading" {
            h2 #across-heading { (ui.t("priorities-across")) }
            @if across.is_empty() {
                p.muted { (ui.t_with("priorities-across-none", vec![("regions", across_regions)])) }
            } @else {
                p.muted { (ui.t_with("priorities-across-hint", vec![("regions", across_regions)])) }
                ul #across { @for p in across {
                    @let number = p["objective"]["number"].as_u64().unwrap_or(0);
                    li { a href=(explorer_link(ui, number, None)) { (number) ". " (text(&p["objective"], "shortLabel")) }
                         " — " (ui.t_with("priorities-across-counts", vec![
                             ("regions", Arg::Count(p["regionsReporting"].as_u64().unwrap_or(0))),
                             ("submissions", Arg::Count(p["challengeCount"].as_u64().unwrap_or(0))),
                         ])) }
                } }
            }
        }
    }
}

/// Diverging bars: challenges reported to the left of the axis, practices published to the right, one row per
/// objective in gap order.
fn chart(ui: &Ui, region: Option<&str>, ranked: &[Value]) -> Markup {
    let count = |p: &Value, key: &str| p[key].as_u64().unwrap_or(0);
    let widest =
        ranked.iter().map(|p| count(p, "challengeCount").max(count(p, "practiceCount"))).max().unwrap_or(0).max(1);
    let (label, half, row, head) = (230_u64, 150_u64, 24_u64, 40_u64);
    let axis = label + half + 30;
    let width = axis + half + 30;
    let height = head + row * ranked.len() as u64 + 8;
    let length = |n: u64| (n * half).div_ceil(widest);
    // Right to left, the chart is mirrored: labels on the right, challenges right of the axis, practices left.
    let mirror = Axis { width: usize::try_from(width).unwrap_or(0), rtl: ui.language.right_to_left() };
    let x = |v: u64| mirror.x(usize::try_from(v).unwrap_or(0));
    let bar = |v: u64, w: u64| mirror.x_of_box(usize::try_from(v).unwrap_or(0), usize::try_from(w).unwrap_or(0));
    // Anchors stay as they are: SVG text takes the page's direction, so they mirror with it.
    let (toward_start, toward_end) = ("end", "start");
    html! {
            div.scroll {
                svg #priorities-chart viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                    aria-labelledby="gaps-heading" font-size="12" font-family="system-ui, sans-serif" {
                    text x=(x(axis - 8)) y="20" text-anchor=(toward_start) fill=(CHALLENGE) font-weight="600" { (ui.t("priorities-challenges-reported")) }
                    text x=(x(axis + 8)) y="20" text-anchor=(toward_end) fill=(PRACTICE) font-weight="600" { (ui.t("priorities-practices-published")) }
                    line x1=(x(axis)) x2=(x(axis)) y1=(head - 8) y2=(height) stroke="#6b6b6b" {}
                    @for (i, p) in ranked.iter().enumerate() {
                        @let number = p["objective"]["number"].as_u64().unwrap_or(0);
                        @let (challenges, practices) = (count(p, "challengeCount"), count(p, "practiceCount"));
                        @let y = head + row * i as u64;
                        a href=(explorer_link(ui, number, region)) {
                            g.bar data-objective=(number) data-challenges=(challenges) data-practices=(practices) {
                                title { (number) ". " (text(&p["objective"], "shortLabel")) ": " (ui.t_with("priorities-bar-title", vec![("challenges", Arg::Count(challenges)), ("practices", Arg::Count(practices))])) }
                                text x=(x(4)) y=(y + 16) text-anchor=(toward_end) fill="#1b1b1b" { (number) ". " (layout::truncate(text(&p["objective"], "shortLabel"), 30)) }
                                rect x=(bar(axis - length(challenges), length(challenges))) y=(y + 4) width=(length(challenges)) height=(row - 8) fill=(CHALLENGE) {}
                                rect x=(bar(axis, length(practices))) y=(y + 4) width=(length(practices)) height=(row - 8) fill=(PRACTICE) {}
                                text x=(x(axis - length(challenges) - 4)) y=(y + 16) text-anchor=(toward_start) fill="#1b1b1b" { (ui.number(challenges)) }
                                text x=(x(axis + length(practices) + 4)) y=(y + 16) text-anchor=(toward_end) fill="#1b1b1b" { (ui.number(practices)) }
                            }
                        }
                    }
                }
            }
    }
}

/// Per country, the objectives its published submissions report as a challenge or a priority (in the region).
fn challenge_map(ui: &Ui, ranked: &[Value]) -> Markup {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for p in ranked {
        for country in list(p, "reportingCountries") {
            *counts.entry(text(country, "iso3").to_string()).or_default() += 1;
            names.insert(text(country, "iso3").to_string(), text(country, "name").to_string());
        }
    }
    let mut rows: Vec<(&String, &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    html! {
        section.chart aria-labelledby="challenge-map-heading" {
            h2 #challenge-map-heading { (ui.t("priorities-map-heading")) }
            p.muted { (ui.t("priorities-map-hint")) }
            (map::world(ui, "challenges-map", "challenge-map-heading", &counts, &names, "map-objectives"))
            details.numbers {
                summary { (ui.t("as-table")) }
                table #challenge-countries {
                    thead { tr { th scope="col" { (ui.t("country")) } th scope="col" { (ui.t("priorities-objectives-raised")) } } }
                    tbody { @for (iso3, count) in rows {
                        tr { th scope="row" { a href=(ui.link(&format!("/countries/{iso3}"))) { (names.get(iso3).map_or(iso3.as_str(), String::as_str)) } } td { (ui.number(*count)) } }
                    } }
                }
            }
        }
    }
}

fn table(ui: &Ui, ranked: &[Value]) -> Markup {
    html! {
        div.scroll {
            table #priorities {
                caption { (ui.t("priorities-table-caption")) }
                thead { tr {
                    th scope="col" { (ui.t("objective")) } th scope="col" { (ui.t("col-challenges")) } th scope="col" { (ui.t("col-progress")) }
                    th scope="col" { (ui.t("col-practices")) } th scope="col" { (ui.t("col-tools")) } th scope="col" { (ui.t("col-exchanges")) } th scope="col" { (ui.t("col-gap")) }
                } }
                tbody { @for p in ranked {
                    @let number = p["objective"]["number"].as_u64().unwrap_or(0);
                    tr data-objective=(number) {
                        th scope="row" { (number) ". " (text(&p["objective"], "shortLabel")) }
                        td { (p["challengeCount"]) } td { (p["progressCount"]) } td { (p["practiceCount"]) }
                        td { (p["toolCount"]) } td { (p["exchangeCount"]) }
                        td { (format!("{:.2}", p["gap"].as_f64().unwrap_or(0.0))) }
                    }
                } }
            }
        }
    }
}
