//! A country's profile at `/countries/{iso3}`: its champion status, what its submissions reported to the regional
//! reviews and what is published on it per objective (a small chart, with its table), its practices and
//! submissions, and whom it could learn from (its peer matches, asked apart so that they never hide the rest).

use super::coverage::Axis;
use super::layout::{self, Section, list, text};
use super::ui::Ui;
use super::{failure, html, ui_of};
use crate::error::ErrorCode;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::i18n::Arg;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const PROFILE: &str = include_str!("queries/country.graphql");
const PEERS: &str = include_str!("queries/peers.graphql");

/// `GET /countries/{iso3}`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest, iso3: web::Path<String>) -> HttpResponse {
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    let iso3 = iso3.into_inner().to_ascii_uppercase();
    let data = match run_for_page(&state, &request, PROFILE, json!({ "iso3": iso3 }), ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    let profile = &data["profile"];
    if profile.is_null() {
        let message = ui.t_with("country-unknown", vec![("code", iso3.as_str().into())]);
        let page = layout::error_page(&ui, StatusCode::NOT_FOUND, ErrorCode::NotFound, &message);
        return html(StatusCode::NOT_FOUND, page);
    }
    let peers = run_for_page(&state, &request, PEERS, json!({ "iso3": iso3 }), ui.language).await;
    let peers = peers.as_ref().map(|data| list(data, "peerMatches")).map_err(|_| ());
    let title = text(&profile["country"], "name").to_string();
    html(StatusCode::OK, layout::page(&ui, &title, Section::Coverage, country(&ui, profile, peers)))
}

fn country(ui: &Ui, profile: &Value, peers: Result<&[Value], ()>) -> Markup {
    let country = &profile["country"];
    let iso3 = text(country, "iso3");
    let total_practices = profile["practices"]["totalCount"].as_u64().unwrap_or(0);
    html! {
        nav.breadcrumbs aria-label=(ui.t("breadcrumbs")) { a href=(ui.link("/coverage")) { (ui.t("nav-coverage")) } " › " (ui.t("countries")) }
        h1 { (text(country, "name")) }
        p.lead {
            (text(&country["region"], "name"))
            @if country["isChampion"].as_bool() == Some(true) {
                " · "
                @match country["championSince"].as_str() {
                    Some(since) => (ui.t_with("gcm-champion-since", vec![("date", ui.date(since).into())])),
                    None => (ui.t("gcm-champion")),
                }
            }
        }
        (objectives(ui, profile, iso3))
        div.record-body {
            div.record-main {
                section aria-labelledby="practices-heading" {
                    h2 #practices-heading { (ui.t("country-practices")) }
                    @let practices = list(&profile["practices"], "nodes");
                    @if practices.is_empty() { p.muted { (ui.t("country-practices-none")) } }
                    ul { @for p in practices { li { a href=(ui.link(&format!("/practices/{}", text(p, "slug")))) lang=(text(p, "language")) dir="auto" { (text(p, "title")) } } } }
                    @if total_practices > practices.len() as u64 {
                        p { a href=(ui.link(&format!("/?type=practice&country={iso3}"))) { (ui.t_with("country-practices-all", vec![("count", Arg::Count(total_practices))])) } }
                    }
                }
                section aria-labelledby="submissions-heading" {
                    h2 #submissions-heading { (ui.t("country-submissions")) }
                    @let submissions = list(&profile["reviewSubmissions"], "nodes");
                    @if submissions.is_empty() { p.muted { (ui.t("country-submissions-none")) } }
                    ul { @for s in submissions { li {
                        a href=(ui.link(&format!("/review-submissions/{}", text(s, "slug")))) lang=(text(s, "language")) dir="auto" { (text(s, "title")) }
                        " " span.muted { "(" (ui.date(text(s, "submittedOn"))) ")" }
                    } } }
                }
            }
            aside.record-side aria-labelledby="peers-heading" {
                h2 #peers-heading { (ui.t("country-peers")) }
                (peer_matches(ui, peers))
            }
        }
    }
}

/// Per objective: records published on it (a bar) and what the country reported (its stances), with the table.
fn objectives(ui: &Ui, profile: &Value, iso3: &str) -> Markup {
    // objective → (short label, records, progress, challenge, priority)
    let mut rows: BTreeMap<u64, (String, u64, u64, u64, u64)> = BTreeMap::new();
    for c in list(profile, "coverage") {
        let number = c["objective"]["number"].as_u64().unwrap_or(0);
        let row = rows.entry(number).or_insert_with(|| (text(&c["objective"], "shortLabel").to_string(), 0, 0, 0, 0));
        row.1 = c["count"].as_u64().unwrap_or(0);
    }
    for r in list(profile, "objectivesReported") {
        let number = r["objective"]["number"].as_u64().unwrap_or(0);
        let row = rows.entry(number).or_insert_with(|| (text(&r["objective"], "shortLabel").to_string(), 0, 0, 0, 0));
        row.2 = r["progressCount"].as_u64().unwrap_or(0);
        row.3 = r["challengeCount"].as_u64().unwrap_or(0);
        row.4 = r["priorityCount"].as_u64().unwrap_or(0);
    }
    let widest = rows.values().map(|r| r.1).max().unwrap_or(0).max(1);
    let (label, bar, row_height) = (230_u64, 160_u64, 22_u64);
    let width = label + bar + 150;
    let height = row_height * rows.len() as u64 + 8;
    let mirror = Axis { width: usize::try_from(width).unwrap_or(0), rtl: ui.language.right_to_left() };
    let x = |v: u64| mirror.x(usize::try_from(v).unwrap_or(0));
    // SVG text takes the page's direction: `start` is the right edge of a right-to-left text.
    let anchor = "start";
    html! {
        section.chart aria-labelledby="objectives-heading" {
            h2 #objectives-heading { (ui.t("country-by-objective")) }
            @if rows.is_empty() {
                p.muted { (ui.t("country-by-objective-none")) }
            } @else {
                p.muted { (ui.t("country-by-objective-hint")) }
                div.chart-pair {
                    div.scroll {
                        svg #country-objectives viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                            aria-labelledby="objectives-heading" font-size="12" font-family="system-ui, sans-serif" {
                            @for (i, (number, (short, records, progress, challenge, priority))) in rows.iter().enumerate() {
                                @let y = row_height * i as u64;
                                @let length = (records * bar).div_ceil(widest);
                                a href=(ui.link(&format!("/?objective={number}&country={iso3}"))) {
                                    g.objective data-objective=(number) data-count=(records) {
                                        title { (number) ". " (short) ": " (ui.t_with("map-records", vec![("count", Arg::Count(*records))])) }
                                        text x=(x(4)) y=(y + 15) text-anchor=(anchor) fill="#1b1b1b" { (number) ". " (layout::truncate(short, 30)) }
                                        rect x=(mirror.x_of_box(usize::try_from(label).unwrap_or(0), usize::try_from(length).unwrap_or(0))) y=(y + 4) width=(length) height=(row_height - 8) fill="#2171b5" {}
                                        text x=(x(label + length + 4)) y=(y + 15) text-anchor=(anchor) fill="#1b1b1b" {
                                            (ui.number(*records))
                                            @if *challenge > 0 { " ▲" } @if *priority > 0 { " ◆" } @if *progress > 0 { " ●" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    div.scroll { table.compact {
                        caption { (ui.t("country-table-caption")) }
                        thead { tr {
                            th scope="col" { (ui.t("objective")) } th scope="col" { (ui.t("records-heading")) }
                            th scope="col" { (ui.enum_label("Stance", "CHALLENGE")) } th scope="col" { (ui.enum_label("Stance", "PRIORITY")) }
                            th scope="col" { (ui.enum_label("Stance", "PROGRESS")) }
                        } }
                        tbody { @for (number, (short, records, progress, challenge, priority)) in &rows {
                            tr { th scope="row" { (number) ". " (short) } td { (ui.number(*records)) } td { (ui.number(*challenge)) } td { (ui.number(*priority)) } td { (ui.number(*progress)) } }
                        } }
                    } }
                }
            }
        }
    }
}

fn peer_matches(ui: &Ui, peers: Result<&[Value], ()>) -> Markup {
    html! {
        @match peers {
            Err(()) => p.muted { (ui.t("peers-unavailable")) },
            Ok([]) => p.muted { (ui.t("peers-none")) },
            Ok(peers) => ol #peer-matches { @for m in peers {
                li data-country=(text(&m["country"], "iso3")) {
                    a href=(ui.link(&format!("/countries/{}", text(&m["country"], "iso3")))) { (text(&m["country"], "name")) }
                    " " span.muted { "(" (ui.t_with("peers-score", vec![("score", m["score"].to_string().into())])) ")" }
                    // The API explains a match in English.
                    ul.muted lang="en" dir="ltr" { @for reason in list(m, "reasons") { li { (reason.as_str().unwrap_or_default()) } } }
                    ul { @for p in list(m, "practices") { li { a href=(ui.link(&format!("/practices/{}", text(p, "slug")))) lang=(text(p, "language")) dir="auto" { (text(p, "title")) } } } }
                }
            } },
        }
    }
}
