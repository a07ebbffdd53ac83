//! Priorities and gaps at `/priorities`: the objectives by gap in a region (or across regions), drawn as diverging
//! bars (the challenges the review submissions report, left, against the practices published, right), with the
//! table of the numbers beside the chart, a world map of the challenges each country reported, and the priorities
//! that straddle regions. Counts come from the GraphQL
//! `priorities` query; each bar links to the explorer filtered by its objective and region.

use super::layout::{self, Section, list, text};
use super::map;
use super::{failure, html, refused};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
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
    let Ok(web::Query(query)) = web::Query::<Query>::from_query(request.query_string()) else {
        return refused(&AppError::bad_input("region", "The address's parameters cannot be read."));
    };
    let region = query.region.filter(|r| !r.is_empty());
    let data = match run_for_page(&state, &request, QUERY, json!({ "region": region })).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    html(StatusCode::OK, layout::page("Priorities and gaps", Section::Priorities, priorities(region.as_deref(), &data)))
}

/// The explorer listing one objective's records, in the region when one is chosen.
fn explorer_link(objective: u64, region: Option<&str>) -> String {
    match region {
        Some(region) => format!("/?objective={objective}&region={region}"),
        None => format!("/?objective={objective}"),
    }
}

fn priorities(region: Option<&str>, data: &Value) -> Markup {
    let regions = list(data, "regions");
    let name = region.and_then(|key| regions.iter().find(|r| text(r, "key") == key)).map(|r| text(r, "name"));
    let ranked = list(data, "priorities");
    let across: Vec<&Value> = list(data, "across")
        .iter()
        .filter(|p| p["regionsReporting"].as_u64().unwrap_or(0) >= ACROSS_REGIONS as u64)
        .collect();
    html! {
        h1 { "Priorities and gaps" }
        p.lead {
            "What the Member States and stakeholders reported to the GCM regional reviews as challenges and priorities, "
            "against the practices published on each objective"
            @if let Some(name) = name { " in " (name) } @else { ", across all regions" }
            ". The widest gaps come first."
        }
        nav.type-switch aria-label="Regions" {
            a href="/priorities" aria-current=[region.is_none().then_some("page")] { "All regions" }
            @for r in regions {
                a href={ "/priorities?region=" (text(r, "key")) } aria-current=[(Some(text(r, "key")) == region).then_some("page")] { (text(r, "name")) }
            }
        }
        p.muted {
            "Gap = challenges ÷ (1 + practices), divided by the widest gap: 1 is the widest, 0 means no submission "
            "reports the objective as a challenge or a priority."
        }
        section.chart aria-labelledby="gaps-heading" {
            h2 #gaps-heading { "Objectives by gap" }
            div.chart-pair {
                (chart(region, ranked))
                (table(ranked))
            }
        }
        (challenge_map(ranked))
        section aria-labelledby="across-heading" {
            h2 #across-heading { "Priorities that straddle regions" }
            @if across.is_empty() {
                p.muted { "No objective is reported as a challenge or a priority in " (ACROSS_REGIONS) " regions or more." }
            } @else {
                p.muted { "Objectives reported as a challenge or a priority in at least " (ACROSS_REGIONS) " regions." }
                ul #across { @for p in across {
                    @let number = p["objective"]["number"].as_u64().unwrap_or(0);
                    li { a href=(explorer_link(number, None)) { (number) ". " (text(&p["objective"], "shortLabel")) }
                         " — " (p["regionsReporting"]) " regions, " (p["challengeCount"]) " submissions" }
                } }
            }
        }
    }
}

/// Diverging bars: challenges reported to the left of the axis, practices published to the right, one row per
/// objective in gap order.
fn chart(region: Option<&str>, ranked: &[Value]) -> Markup {
    let count = |p: &Value, key: &str| p[key].as_u64().unwrap_or(0);
    let widest =
        ranked.iter().map(|p| count(p, "challengeCount").max(count(p, "practiceCount"))).max().unwrap_or(0).max(1);
    let (label, half, row, head) = (230_u64, 150_u64, 24_u64, 40_u64);
    let axis = label + half + 30;
    let width = axis + half + 30;
    let height = head + row * ranked.len() as u64 + 8;
    let length = |n: u64| (n * half).div_ceil(widest);
    html! {
            div.scroll {
                svg #priorities-chart viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                    aria-labelledby="gaps-heading" font-size="12" font-family="system-ui, sans-serif" {
                    text x=(axis - 8) y="20" text-anchor="end" fill=(CHALLENGE) font-weight="600" { "◀ challenges reported" }
                    text x=(axis + 8) y="20" fill=(PRACTICE) font-weight="600" { "practices published ▶" }
                    line x1=(axis) x2=(axis) y1=(head - 8) y2=(height) stroke="#6b6b6b" {}
                    @for (i, p) in ranked.iter().enumerate() {
                        @let number = p["objective"]["number"].as_u64().unwrap_or(0);
                        @let (challenges, practices) = (count(p, "challengeCount"), count(p, "practiceCount"));
                        @let y = head + row * i as u64;
                        a href=(explorer_link(number, region)) {
                            g.bar data-objective=(number) data-challenges=(challenges) data-practices=(practices) {
                                title { (number) ". " (text(&p["objective"], "shortLabel")) ": " (challenges) " challenges reported, " (practices) " practices published" }
                                text x="4" y=(y + 16) fill="#1b1b1b" { (number) ". " (layout::truncate(text(&p["objective"], "shortLabel"), 30)) }
                                rect x=(axis - length(challenges)) y=(y + 4) width=(length(challenges)) height=(row - 8) fill=(CHALLENGE) {}
                                rect x=(axis) y=(y + 4) width=(length(practices)) height=(row - 8) fill=(PRACTICE) {}
                                text x=(axis - length(challenges) - 4) y=(y + 16) text-anchor="end" fill="#1b1b1b" { (challenges) }
                                text x=(axis + length(practices) + 4) y=(y + 16) fill="#1b1b1b" { (practices) }
                            }
                        }
                    }
                }
            }
    }
}

/// Per country, the objectives its published submissions report as a challenge or a priority (in the region).
fn challenge_map(ranked: &[Value]) -> Markup {
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
            h2 #challenge-map-heading { "Challenges reported, by country" }
            p.muted { "How many objectives each country's submissions report as a challenge or a priority; select a country for its profile." }
            (map::world("challenges-map", "challenge-map-heading", &counts, &names, ("objective", "objectives")))
            details.numbers {
                summary { "The numbers as a table" }
                table #challenge-countries {
                    thead { tr { th scope="col" { "Country" } th scope="col" { "Objectives raised" } } }
                    tbody { @for (iso3, count) in rows {
                        tr { th scope="row" { a href={ "/countries/" (iso3) } { (names.get(iso3).map_or(iso3.as_str(), String::as_str)) } } td { (count) } }
                    } }
                }
            }
        }
    }
}

fn table(ranked: &[Value]) -> Markup {
    html! {
        div.scroll {
            table #priorities {
                caption { "The numbers of the chart" }
                thead { tr {
                    th scope="col" { "Objective" } th scope="col" { "Challenges" } th scope="col" { "Progress" }
                    th scope="col" { "Practices" } th scope="col" { "Tools" } th scope="col" { "Exchanges" } th scope="col" { "Gap" }
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
