//! The calls for practices: `/calls` lists them by where they stand (open first, then upcoming, then closed), and a
//! call's own page (`/calls/{slug}`, made by `detail` like every record's) shows its dates, criteria, contact and
//! published answers through [`call`].

use super::layout::{self, Section, humanize, list, text};
use super::runner::run_for_page;
use super::{failure, html};
use crate::http::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};

const QUERY: &str = include_str!("queries/calls.graphql");

/// The statuses in the order the list shows them, with their headings.
const GROUPS: [(&str, &str, &str); 3] = [
    ("OPEN", "Open calls", "No call is taking answers at the moment."),
    ("UPCOMING", "Upcoming calls", "No call is announced yet."),
    ("CLOSED", "Closed calls", "No call has closed yet."),
];

/// `GET /calls`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let data = match run_for_page(&state, &request, QUERY, json!({})).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    let calls = list(&data["callsForPractices"], "nodes");
    html(StatusCode::OK, layout::page("Calls for practices", Section::Calls, listing(calls)))
}

/// When a call takes answers, for people: `1 March 2024 – 31 July 2024 (end of day, UTC)`.
fn dates(call: &Value) -> String {
    format!(
        "{} – {} (end of day, {})",
        text(call, "opensOn"),
        text(call, "deadline"),
        match text(call, "timeZone") {
            "" => "UTC",
            zone => zone,
        }
    )
}

fn listing(calls: &[Value]) -> Markup {
    html! {
        h1 { "Calls for practices" }
        p.lead {
            "The UN Network on Migration invites Member States and stakeholders to share their practices on a "
            "theme. Practices answering a call are reviewed like every other, and published in the Repository."
        }
        @for (status, heading, none) in GROUPS {
            @let group: Vec<&Value> = calls.iter().filter(|c| text(c, "status") == status).collect();
            section.calls aria-labelledby=(format!("calls-{}", status.to_lowercase())) {
                h2 id=(format!("calls-{}", status.to_lowercase())) { (heading) " " span.muted { "(" (group.len()) ")" } }
                @if group.is_empty() {
                    p.muted { (none) }
                } @else {
                    ol.results { @for call in group { li.result { (card(call)) } } }
                }
            }
        }
    }
}

fn card(call: &Value) -> Markup {
    let themes: Vec<&str> = list(call, "themes").iter().map(|t| text(t, "name")).collect();
    let objectives: Vec<String> =
        list(call, "objectives").iter().map(|o| format!("Objective {}", o["number"])).collect();
    let answers = call["answerCount"].as_u64().unwrap_or(0);
    html! {
        p.meta {
            span.kind.status data-status=(text(call, "status")) { (humanize(text(call, "status"))) }
            " · " (dates(call))
        }
        h3 lang=(text(call, "language")) { a href=(format!("/calls/{}", text(call, "slug"))) { (text(call, "title")) } }
        p lang=(text(call, "language")) { (text(call, "summary")) }
        p.meta {
            @if !themes.is_empty() { (themes.join(", ")) " · " }
            @if !objectives.is_empty() { (objectives.join(", ")) " · " }
            (answers) @if answers == 1 { " published answer" } @else { " published answers" }
        }
    }
}

/// What only a call's page shows: where it stands, its dates, criteria, contact and published answers.
pub fn call(record: &Value) -> Markup {
    let answers = list(&record["practices"], "nodes");
    html! {
        p.call-status data-status=(text(record, "status")) {
            strong { (humanize(text(record, "status"))) }
            @match text(record, "status") {
                "OPEN" => { " · takes answers until " (text(record, "deadline")) " (end of day, " (text(record, "timeZone")) ")" }
                "UPCOMING" => { " · opens on " (text(record, "opensOn")) }
                _ => { " · closed " @if record["closedEarlyAt"].is_string() { "early, on " (layout::date(text(record, "closedEarlyAt"))) } @else { "on " (text(record, "deadline")) } }
            }
        }
        @for paragraph in text(record, "description").split("\n\n").filter(|p| !p.trim().is_empty()) { p { (paragraph) } }
        @if !text(record, "criteria").trim().is_empty() {
            section.prose { h2 { "Criteria" } @for paragraph in text(record, "criteria").split("\n\n") { p { (paragraph) } } }
        }
        section {
            h2 { "About the call" }
            dl.facts {
                dt { "Opens" } dd { (text(record, "opensOn")) }
                dt { "Deadline" } dd { (text(record, "deadline")) " (end of day, " (text(record, "timeZone")) ")" }
                @if !text(record, "contact").is_empty() { dt { "Contact" } dd { (text(record, "contact")) } }
            }
        }
        section.answers aria-labelledby="answers-heading" {
            h2 #answers-heading { "Published answers " span.muted { "(" (record["answerCount"].as_u64().unwrap_or(0)) ")" } }
            @if answers.is_empty() {
                p.muted { "No answer to this call is published yet." }
            } @else {
                ul { @for practice in answers {
                    @let countries: Vec<&str> = list(practice, "countries").iter().map(|c| text(c, "name")).collect();
                    li {
                        a href=(format!("/practices/{}", text(practice, "slug"))) { (text(practice, "title")) }
                        @if !countries.is_empty() { " " span.muted { "(" (countries.join(", ")) ")" } }
                    }
                } }
            }
        }
    }
}
