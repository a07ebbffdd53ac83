//! A country's profile at `/countries/{iso3}`: its champion status, what its submissions reported to the regional
//! reviews and what is published on it per objective (a small chart, with its table), its practices and
//! submissions, and whom it could learn from (its peer matches, asked apart so that they never hide the rest).

use super::layout::{self, Section, list, text};
use super::{failure, html};
use crate::error::ErrorCode;
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const PROFILE: &str = include_str!("queries/country.graphql");
const PEERS: &str = include_str!("queries/peers.graphql");

/// `GET /countries/{iso3}`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest, iso3: web::Path<String>) -> HttpResponse {
    let iso3 = iso3.into_inner().to_ascii_uppercase();
    let data = match run_for_page(&state, &request, PROFILE, json!({ "iso3": iso3 })).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    let profile = &data["profile"];
    if profile.is_null() {
        let message = format!("The hub knows no country with the code “{iso3}”.");
        return html(StatusCode::NOT_FOUND, layout::error_page(StatusCode::NOT_FOUND, ErrorCode::NotFound, &message));
    }
    let peers = run_for_page(&state, &request, PEERS, json!({ "iso3": iso3 })).await;
    let peers = peers.as_ref().map(|data| list(data, "peerMatches")).map_err(|_| ());
    let title = text(&profile["country"], "name").to_string();
    html(StatusCode::OK, layout::page(&title, Section::Coverage, country(profile, peers)))
}

fn country(profile: &Value, peers: Result<&[Value], ()>) -> Markup {
    let country = &profile["country"];
    let iso3 = text(country, "iso3");
    html! {
        nav.breadcrumbs aria-label="Breadcrumbs" { a href="/coverage" { "Coverage" } " › " "Countries" }
        h1 { (text(country, "name")) }
        p.lead {
            (text(&country["region"], "name"))
            @if country["isChampion"].as_bool() == Some(true) {
                " · ★ GCM Champion"
                @if let Some(since) = country["championSince"].as_str() { " since " (layout::date(since)) }
            }
        }
        (objectives(profile, iso3))
        div.record-body {
            div.record-main {
                section aria-labelledby="practices-heading" {
                    h2 #practices-heading { "Practices" }
                    @let practices = list(&profile["practices"], "nodes");
                    @if practices.is_empty() { p.muted { "No published practice names this country yet." } }
                    ul { @for p in practices { li { a href={ "/practices/" (text(p, "slug")) } lang=(text(p, "language")) { (text(p, "title")) } } } }
                    @if profile["practices"]["totalCount"].as_u64().unwrap_or(0) > practices.len() as u64 {
                        p { a href={ "/?type=practice&country=" (iso3) } { "All " (profile["practices"]["totalCount"]) " practices" } }
                    }
                }
                section aria-labelledby="submissions-heading" {
                    h2 #submissions-heading { "Submissions to the regional reviews" }
                    @let submissions = list(&profile["reviewSubmissions"], "nodes");
                    @if submissions.is_empty() { p.muted { "No published submission names this country." } }
                    ul { @for s in submissions { li {
                        a href={ "/review-submissions/" (text(s, "slug")) } lang=(text(s, "language")) { (text(s, "title")) }
                        " " span.muted { "(" (text(s, "submittedOn")) ")" }
                    } } }
                }
            }
            aside.record-side aria-labelledby="peers-heading" {
                h2 #peers-heading { "Whom to learn from" }
                (peer_matches(peers))
            }
        }
    }
}

/// Per objective: records published on it (a bar) and what the country reported (its stances), with the table.
fn objectives(profile: &Value, iso3: &str) -> Markup {
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
    html! {
        section.chart aria-labelledby="objectives-heading" {
            h2 #objectives-heading { "By GCM objective" }
            @if rows.is_empty() {
                p.muted { "Nothing is published on this country, and it reported nothing to the regional reviews." }
            } @else {
                p.muted { "Bars: published records naming the country. Marks: what its submissions reported (▲ challenge, ◆ priority, ● progress)." }
                div.chart-pair {
                    div.scroll {
                        svg #country-objectives viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img"
                            aria-labelledby="objectives-heading" font-size="12" font-family="system-ui, sans-serif" {
                            @for (i, (number, (short, records, progress, challenge, priority))) in rows.iter().enumerate() {
                                @let y = row_height * i as u64;
                                @let length = (records * bar).div_ceil(widest);
                                a href={ "/?objective=" (number) "&country=" (iso3) } {
                                    g.objective data-objective=(number) data-count=(records) {
                                        title { (number) ". " (short) ": " (records) " records" }
                                        text x="4" y=(y + 15) fill="#1b1b1b" { (number) ". " (layout::truncate(short, 30)) }
                                        rect x=(label) y=(y + 4) width=(length) height=(row_height - 8) fill="#2171b5" {}
                                        text x=(label + length + 4) y=(y + 15) fill="#1b1b1b" {
                                            (records)
                                            @if *challenge > 0 { " ▲" } @if *priority > 0 { " ◆" } @if *progress > 0 { " ●" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    div.scroll { table.compact {
                        caption { "Records and reports per objective" }
                        thead { tr { th scope="col" { "Objective" } th scope="col" { "Records" } th scope="col" { "Challenge" } th scope="col" { "Priority" } th scope="col" { "Progress" } } }
                        tbody { @for (number, (short, records, progress, challenge, priority)) in &rows {
                            tr { th scope="row" { (number) ". " (short) } td { (records) } td { (challenge) } td { (priority) } td { (progress) } }
                        } }
                    } }
                }
            }
        }
    }
}

fn peer_matches(peers: Result<&[Value], ()>) -> Markup {
    html! {
        @match peers {
            Err(()) => p.muted { "Peer matches cannot be shown right now." },
            Ok([]) => p.muted { "No match: the country reported no challenge that another country's published practices answer." },
            Ok(peers) => ol #peer-matches { @for m in peers {
                li data-country=(text(&m["country"], "iso3")) {
                    a href={ "/countries/" (text(&m["country"], "iso3")) } { (text(&m["country"], "name")) }
                    " " span.muted { "(score " (m["score"]) ")" }
                    ul.muted { @for reason in list(m, "reasons") { li { (reason.as_str().unwrap_or_default()) } } }
                    ul { @for p in list(m, "practices") { li { a href={ "/practices/" (text(p, "slug")) } { (text(p, "title")) } } } }
                }
            } },
        }
    }
}
