//! The calls for practices: `/calls` lists them by where they stand (open first, then upcoming, then closed), and a
//! call's own page (`/calls/{slug}`, made by `detail` like every record's) shows its dates, criteria, contact and
//! published answers through [`call`].

use super::layout::{self, Section, list, text};
use super::runner::run_for_page;
use super::ui::Ui;
use super::{failure, html, ui_of};
use crate::http::AppState;
use crate::i18n::Arg;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::{Markup, html};
use serde_json::{Value, json};

const QUERY: &str = include_str!("queries/calls.graphql");

/// The statuses in the order the list shows them.
const GROUPS: [&str; 3] = ["OPEN", "UPCOMING", "CLOSED"];

/// `GET /calls`.
pub async fn page(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    let data = match run_for_page(&state, &request, QUERY, json!({}), ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    let calls = list(&data["callsForPractices"], "nodes");
    html(StatusCode::OK, layout::page(&ui, &ui.t("calls-title"), Section::Calls, listing(&ui, calls)))
}

/// The time zone a call's dates are in (UTC when it names none).
fn zone(call: &Value) -> &str {
    match text(call, "timeZone") {
        "" => "UTC",
        zone => zone,
    }
}

/// When a call takes answers, for people: `1 Mar 2024 – 31 Jul 2024 (end of day, UTC)`.
fn dates(ui: &Ui, call: &Value) -> String {
    ui.t_with(
        "call-dates",
        vec![
            ("opens", ui.date(text(call, "opensOn")).into()),
            ("deadline", ui.date(text(call, "deadline")).into()),
            ("zone", zone(call).into()),
        ],
    )
}

fn listing(ui: &Ui, calls: &[Value]) -> Markup {
    html! {
        h1 { (ui.t("calls-title")) }
        p.lead { (ui.t("calls-lead")) }
        @for status in GROUPS {
            @let group: Vec<&Value> = calls.iter().filter(|c| text(c, "status") == status).collect();
            @let id = status.to_lowercase();
            section.calls aria-labelledby=(format!("calls-{id}")) {
                h2 id=(format!("calls-{id}")) {
                    (ui.t(&format!("calls-{id}"))) " " span.muted { "(" (ui.number(group.len() as u64)) ")" }
                }
                @if group.is_empty() {
                    p.muted { (ui.t(&format!("calls-{id}-none"))) }
                } @else {
                    ol.results { @for call in group { li.result { (card(ui, call)) } } }
                }
            }
        }
    }
}

fn card(ui: &Ui, call: &Value) -> Markup {
    let themes: Vec<&str> = list(call, "themes").iter().map(|t| text(t, "name")).collect();
    let objectives: Vec<String> = list(call, "objectives")
        .iter()
        .map(|o| ui.t_with("objective-number", vec![("number", Arg::Count(o["number"].as_u64().unwrap_or(0)))]))
        .collect();
    let answers = call["answerCount"].as_u64().unwrap_or(0);
    html! {
        p.meta {
            span.kind.status data-status=(text(call, "status")) { (ui.enum_label("CallStatus", text(call, "status"))) }
            " · " (dates(ui, call))
        }
        h3 lang=(text(call, "language")) dir="auto" { a href=(ui.link(&format!("/calls/{}", text(call, "slug")))) { (text(call, "title")) } }
        p lang=(text(call, "language")) dir="auto" { (text(call, "summary")) }
        p.meta {
            @if !themes.is_empty() { (themes.join(", ")) " · " }
            @if !objectives.is_empty() { (objectives.join(", ")) " · " }
            (ui.t_with("published-answers", vec![("count", Arg::Count(answers))]))
        }
    }
}

/// What only a call's page shows: where it stands, its dates, criteria, contact and published answers.
pub fn call(ui: &Ui, record: &Value) -> Markup {
    let answers = list(&record["practices"], "nodes");
    let deadline = ui.t_with(
        "call-deadline",
        vec![("deadline", ui.date(text(record, "deadline")).into()), ("zone", zone(record).into())],
    );
    html! {
        p.call-status data-status=(text(record, "status")) {
            strong { (ui.enum_label("CallStatus", text(record, "status"))) }
            " · "
            @match text(record, "status") {
                "OPEN" => { (ui.t_with("call-open-until", vec![("deadline", deadline.clone().into())])) }
                "UPCOMING" => { (ui.t_with("call-opens-on", vec![("opens", ui.date(text(record, "opensOn")).into())])) }
                _ => {
                    @if record["closedEarlyAt"].is_string() {
                        (ui.t_with("call-closed-early", vec![("date", ui.date(text(record, "closedEarlyAt")).into())]))
                    } @else {
                        (ui.t_with("call-closed-on", vec![("date", ui.date(text(record, "deadline")).into())]))
                    }
                }
            }
        }
        div lang=(text(record, "language")) dir="auto" {
            @for paragraph in text(record, "description").split("\n\n").filter(|p| !p.trim().is_empty()) { p { (paragraph) } }
        }
        @if !text(record, "criteria").trim().is_empty() {
            section.prose { h2 { (ui.t("call-criteria")) }
                div lang=(text(record, "language")) dir="auto" {
                    @for paragraph in text(record, "criteria").split("\n\n") { p { (paragraph) } }
                }
            }
        }
        section {
            h2 { (ui.t("call-about")) }
            dl.facts {
                dt { (ui.t("call-opens")) } dd { (ui.date(text(record, "opensOn"))) }
                dt { (ui.t("call-deadline-label")) } dd { (deadline) }
                @if !text(record, "contact").is_empty() { dt { (ui.t("call-contact")) } dd { (text(record, "contact")) } }
            }
        }
        section.answers aria-labelledby="answers-heading" {
            h2 #answers-heading {
                (ui.t("call-answers")) " " span.muted { "(" (ui.number(record["answerCount"].as_u64().unwrap_or(0))) ")" }
            }
            @if answers.is_empty() {
                p.muted { (ui.t("call-answers-none")) }
            } @else {
                ul { @for practice in answers {
                    @let countries: Vec<&str> = list(practice, "countries").iter().map(|c| text(c, "name")).collect();
                    li {
                        a href=(ui.link(&format!("/practices/{}", text(practice, "slug")))) lang=(text(practice, "language")) dir="auto" { (text(practice, "title")) }
                        @if !countries.is_empty() { " " span.muted { "(" (countries.join(", ")) ")" } }
                    }
                } }
            }
        }
    }
}
