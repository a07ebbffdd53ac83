//! The page of one record (`/practices/{slug}`, `/guidance-tools/{slug}`, `/peer-exchanges/{slug}`,
//! `/review-submissions/{slug}`, and calls and collections): every field, its organizations, resources and links, its translations and related
//! records, its tags linking back to the explorer filtered by them.

use super::explorer::{record_path, type_label};
use super::layout::{self, Section, humanize, list, text};
use super::{failure, html};
use crate::domain::kind::names;
use crate::error::{AppError, ErrorCode};
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::http::refusal::Refusal;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hub_entity::enums::ContentKind;
use maud::{Markup, html};
use serde_json::{Value, json};

const FRAGMENTS: &str = include_str!("queries/fragments.graphql");

fn query(kind: ContentKind) -> String {
    let own = match kind {
        ContentKind::Practice => include_str!("queries/practice.graphql"),
        ContentKind::GuidanceTool => include_str!("queries/guidance_tool.graphql"),
        ContentKind::PeerExchange => include_str!("queries/peer_exchange.graphql"),
        ContentKind::CallForPractices => include_str!("queries/call_for_practices.graphql"),
        ContentKind::Collection => include_str!("queries/collection.graphql"),
        ContentKind::ReviewSubmission => include_str!("queries/review_submission.graphql"),
    };
    format!("{own}\n{FRAGMENTS}")
}

/// `GET /{kind path}/{slug}`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    slug: web::Path<String>,
    kind: ContentKind,
) -> HttpResponse {
    if !crate::http::input::path_is_utf8(request.uri().path()) {
        return failure(&Refusal::of(&AppError::bad_input("slug", "The address is not UTF-8.")));
    }
    let data = match run_for_page(&state, &request, &query(kind), json!({ "slug": slug.as_str() })).await {
        Ok(data) => data,
        Err(failed) => return failure(&failed),
    };
    let record = &data["record"];
    if record.is_null() {
        let message = format!("No published {} has the address “{}”.", names(kind).label, slug.as_str());
        return html(StatusCode::NOT_FOUND, layout::error_page(StatusCode::NOT_FOUND, ErrorCode::NotFound, &message));
    }
    // Related records come from the search engine: asked apart, so that an engine outage leaves the page up.
    let related = run_for_page(&state, &request, RELATED, json!({ "id": record["id"] })).await;
    let related = match &related {
        Ok(data) => Ok(list(&data["node"], "related")),
        Err(failed) => {
            tracing::info!(code = failed.code.as_str(), "record page shown without its related records");
            Err(())
        }
    };
    let section = if kind == ContentKind::CallForPractices { Section::Calls } else { Section::Explore };
    html(StatusCode::OK, layout::page(text(record, "title"), section, detail(kind, record, related)))
}

const RELATED: &str = include_str!("queries/related.graphql");

/// A `<dt>`/`<dd>` pair when the value is there.
fn field(name: &str, value: Option<String>) -> Markup {
    html! { @if let Some(value) = value.filter(|v| !v.is_empty()) { dt { (name) } dd { (value) } } }
}

/// A string field, as it is.
fn plain(record: &Value, key: &str) -> Option<String> {
    record.get(key).and_then(Value::as_str).map(str::to_string)
}

/// An enum field, for people.
fn enumerated(record: &Value, key: &str) -> Option<String> {
    record.get(key).and_then(Value::as_str).map(humanize)
}

/// A long text field as a section with its heading.
fn prose(heading: &str, record: &Value, key: &str) -> Markup {
    html! {
        @if let Some(body) = record.get(key).and_then(Value::as_str).filter(|b| !b.trim().is_empty()) {
            section.prose { h2 { (heading) } @for paragraph in body.split("\n\n") { p { (paragraph) } } }
        }
    }
}

/// Organizations, each with its kind.
fn organizations(values: &[&Value]) -> Option<String> {
    let names: Vec<String> = values
        .iter()
        .filter(|o| !o.is_null())
        .map(|o| format!("{} ({})", text(o, "name"), humanize(text(o, "kind")).to_lowercase()))
        .collect();
    (!names.is_empty()).then(|| names.join("; "))
}

/// `related`: the related records, or `Err` when the search engine could not say.
fn detail(kind: ContentKind, record: &Value, related: Result<&[Value], ()>) -> Markup {
    // Calls and collections are not among the explorer's types: calls have their own list, collections the
    // explorer's landing page.
    let (up, up_label) = match kind {
        ContentKind::CallForPractices => ("/calls".to_string(), "Calls for practices".to_string()),
        ContentKind::Collection => ("/".to_string(), "Collections".to_string()),
        _ => (format!("/?type={}", names(kind).word), format!("{}s", names(kind).title())),
    };
    html! {
        nav.breadcrumbs aria-label="Breadcrumbs" {
            a href="/" { "Explore" } " › "
            a href=(up) { (up_label) }
        }
        article.record lang=(text(record, "language")) {
            p.meta {
                span.kind { (names(kind).title()) }
                @if let Some(year) = record["year"].as_i64() { " · " (year) }
                " · " (layout::language_name(text(record, "language")))
            }
            h1 { (text(record, "title")) }
            p.lead { (text(record, "summary")) }
            (translations(kind, record))
            div.record-body {
                div.record-main {
                    @match kind {
                        ContentKind::Practice => (practice(record)),
                        ContentKind::GuidanceTool => (guidance_tool(record)),
                        ContentKind::PeerExchange => (peer_exchange(record)),
                        ContentKind::CallForPractices => (super::calls::call(record)),
                        ContentKind::Collection => (collection(record)),
                        ContentKind::ReviewSubmission => (review_submission(record)),
                    }
                }
                aside.record-side aria-label="Classification" {
                    (tags("GCM objectives", list(record, "objectives"), |o| {
                        let number = o["number"].as_u64().unwrap_or(0);
                        (format!("/?objective={number}"), format!("{number}. {}", text(o, "title")))
                    }))
                    (tags("Guiding principles", list(record, "principles"), |p| (format!("/?principle={}", text(p, "key")), text(p, "name").to_string())))
                    (tags("Themes", list(record, "themes"), |t| (format!("/?theme={}", text(t, "key")), text(t, "name").to_string())))
                    (tags("Regions", list(record, "regions"), |r| (format!("/?region={}", text(r, "key")), text(r, "name").to_string())))
                    (tags("Countries", list(record, "countries"), |c| {
                        let champion = if c["isChampion"].as_bool() == Some(true) { " ★ Champion" } else { "" };
                        (format!("/?country={}", text(c, "iso3")), format!("{}{champion}", text(c, "name")))
                    }))
                    dl.facts {
                        (field("Published", plain(record, "publishedAt").map(|d| layout::date(&d))))
                        (field("Last updated", plain(record, "updatedAt").map(|d| layout::date(&d))))
                    }
                }
            }
            (related_records(related))
        }
    }
}

/// The record's translations, each linking to its page in that language.
fn translations(kind: ContentKind, record: &Value) -> Markup {
    let translations = list(record, "translations");
    html! {
        section.translations aria-labelledby="translations-heading" {
            h2 #translations-heading { "Translations" }
            @if translations.is_empty() {
                p.muted { "Only in " (layout::language_name(text(record, "language"))) "." }
            } @else {
                ul {
                    @for t in translations {
                        li { a href=(format!("/{}/{}", names(kind).path, text(t, "slug"))) hreflang=(text(t, "language")) lang=(text(t, "language")) {
                            (layout::language_name(text(t, "language"))) ": " (text(t, "title"))
                        } }
                    }
                }
            }
        }
    }
}

fn tags(heading: &str, values: &[Value], link: impl Fn(&Value) -> (String, String)) -> Markup {
    html! {
        @if !values.is_empty() {
            section.tags {
                h2 { (heading) }
                ul { @for value in values { @let (href, label) = link(value); li { a href=(href) { (label) } } } }
            }
        }
    }
}

fn practice(record: &Value) -> Markup {
    let partners: Vec<&Value> = list(record, "partners").iter().collect();
    html! {
        (prose("Description", record, "description"))
        (prose("Implementation", record, "implementation"))
        (prose("Results", record, "results"))
        (prose("Lessons learned", record, "lessonsLearned"))
        (prose("Enabling factors", record, "enablingFactors"))
        (prose("Challenges", record, "challenges"))
        (prose("Replicability", record, "replicability"))
        section {
            h2 { "About the practice" }
            dl.facts {
                (field("Main implementer", organizations(&[&record["mainImplementer"]])))
                (field("Partners", organizations(&partners)))
                (field("Submitted by", enumerated(record, "submitterKind")))
                (field("Geographic level", enumerated(record, "geographicLevel")))
                (field("Started", plain(record, "startDate")))
                (field("Ended", plain(record, "endDate")))
                (field("Completion", enumerated(record, "completion")))
                @if let Some(call) = record["call"].as_object() {
                    dt { "Answers the call" }
                    dd { a href=(format!("/calls/{}", call.get("slug").and_then(Value::as_str).unwrap_or_default())) {
                        (call.get("title").and_then(Value::as_str).unwrap_or_default())
                    } }
                }
            }
        }
        @let resources = list(record, "resources");
        @if !resources.is_empty() {
            section.resources {
                h2 { "Resources" }
                ul { @for r in resources {
                    li { a href=(text(r, "url")) rel="noopener" { (text(r, "title")) } " " span.muted { "(" (humanize(text(r, "kind")).to_lowercase()) ")" } }
                } }
            }
        }
    }
}

/// A collection: its description, its curator and its items in order, each with the editors' note.
fn collection(record: &Value) -> Markup {
    html! {
        (prose("About the collection", record, "description"))
        @if let Some(curator) = record["curator"]["name"].as_str() {
            p.muted { "Curated by " (curator) }
        }
        section.collection-items aria-labelledby="items-heading" {
            h2 #items-heading { "In this collection" }
            @let items = list(record, "items");
            @if items.is_empty() {
                p.muted { "Nothing published is in this collection yet." }
            } @else {
                ol.results { @for item in items {
                    @let r = &item["record"];
                    li.result {
                        p.meta { span.kind { (type_label(text(r, "__typename"))) } }
                        h3 { a href=(record_path(text(r, "__typename"), text(r, "slug"))) { (text(r, "title")) } }
                        @if let Some(note) = item["note"].as_str() { p.note { (note) } }
                        p.muted { (text(r, "summary")) }
                    }
                } }
            }
        }
    }
}

/// A submission to a regional review: who made it, to which review, and what it says about each objective.
fn review_submission(record: &Value) -> Markup {
    let review = &record["review"];
    let submitter = match record["submitterCountry"].as_object() {
        Some(_) => {
            html! { a href=(format!("/countries/{}", text(&record["submitterCountry"], "iso3"))) { (text(&record["submitterCountry"], "name")) } }
        }
        None => html! { (text(&record["submitterOrganization"], "name")) },
    };
    html! {
        section {
            h2 { "About the submission" }
            dl.facts {
                dt { "Submitted by" } dd { (submitter) }
                (field("Regional review", Some(format!("{} ({})", text(review, "title"), text(review, "commission")))))
                (field("Region", review["region"].get("name").and_then(Value::as_str).map(str::to_string)))
                (field("Submitted on", plain(record, "submittedOn")))
            }
            @if let Some(url) = record["documentUrl"].as_str() {
                p { a href=(url) rel="noopener" { "Read the submission" } }
            }
        }
        @let reports = list(record, "objectiveReports");
        @if !reports.is_empty() {
            section.reports aria-labelledby="reports-heading" {
                h2 #reports-heading { "What it reports on the objectives" }
                table {
                    thead { tr { th scope="col" { "Objective" } th scope="col" { "Reports" } th scope="col" { "In its words" } } }
                    tbody { @for report in reports {
                        @let number = report["objective"]["number"].as_u64().unwrap_or(0);
                        tr {
                            td { a href=(format!("/?objective={number}&type=review_submission")) { (number) ". " (text(&report["objective"], "shortLabel")) } }
                            td { span class=(format!("stance stance-{}", text(report, "stance").to_lowercase())) { (humanize(text(report, "stance"))) } }
                            td lang=(text(record, "language")) { (report["excerpt"].as_str().unwrap_or("")) }
                        }
                    } }
                }
            }
        }
    }
}

fn guidance_tool(record: &Value) -> Markup {
    let links = list(record, "links");
    html! {
        section {
            h2 { "About the tool" }
            dl.facts {
                (field("Kind", enumerated(record, "toolKind")))
                (field("Publisher", organizations(&[&record["publisher"]])))
                (field("Working group", plain(record, "workingGroup")))
                (field("Published on", plain(record, "publicationDate")))
                (field("Target audience", plain(record, "targetAudience")))
                (field("Geographic scope", plain(record, "geographicScope")))
                (field("Regional review", record["regionalReview"].get("title").and_then(Value::as_str).map(str::to_string)))
            }
        }
        @if !links.is_empty() {
            section.resources {
                h2 { "Read it" }
                ul { @for link in links {
                    li { a href=(text(link, "url")) hreflang=(text(link, "language")) rel="noopener" { (layout::language_name(text(link, "language"))) } }
                } }
            }
        }
    }
}

fn peer_exchange(record: &Value) -> Markup {
    let hosts: Vec<&Value> = list(record, "coHostOrganizations").iter().collect();
    let countries: Vec<&str> = list(record, "coHostCountries").iter().map(|c| text(c, "name")).collect();
    let series = match (plain(record, "series"), record["number"].as_i64()) {
        (Some(series), Some(number)) => Some(format!("{series}, no. {number}")),
        (series, _) => series,
    };
    html! {
        (prose("Outcomes", record, "outcomes"))
        section {
            h2 { "About the exchange" }
            dl.facts {
                (field("Series", series))
                (field("Format", enumerated(record, "format")))
                (field("Starts", plain(record, "startsAt").map(|d| layout::date(&d))))
                (field("Ends", plain(record, "endsAt").map(|d| layout::date(&d))))
                (field("Organized by", plain(record, "workingGroup")))
                (field("Participation", enumerated(record, "participation")))
                (field("Chatham House rule", record["chathamHouse"].as_bool().map(|on| if on { "Yes" } else { "No" }.to_string())))
                (field("Co-host countries", (!countries.is_empty()).then(|| countries.join(", "))))
                (field("Co-host organizations", organizations(&hosts)))
            }
        }
        (linked("Practices discussed", "Practice", list(record, "relatedPractices")))
        (linked("Guidance tools", "GuidanceTool", list(record, "relatedGuidanceTools")))
    }
}

fn linked(heading: &str, type_name: &str, records: &[Value]) -> Markup {
    html! {
        @if !records.is_empty() {
            section { h2 { (heading) } ul { @for r in records {
                li { a href=(record_path(type_name, text(r, "slug"))) { (text(r, "title")) } }
            } } }
        }
    }
}

fn related_records(related: Result<&[Value], ()>) -> Markup {
    html! {
        @match related {
            Ok(related) if !related.is_empty() => {
                section.related aria-labelledby="related-heading" {
                    h2 #related-heading { "Related records" }
                    ul { @for r in related {
                        li {
                            a href=(record_path(text(r, "__typename"), text(r, "slug"))) lang=(text(r, "language")) { (text(r, "title")) }
                            " " span.muted { "(" (type_label(text(r, "__typename"))) @if let Some(year) = r["year"].as_i64() { ", " (year) } ")" }
                        }
                    } }
                }
            }
            Ok(_) => {}
            Err(()) => {
                section.related aria-labelledby="related-heading" {
                    h2 #related-heading { "Related records" }
                    p.muted #related-unavailable { "Related records cannot be found right now; try again later." }
                }
            }
        }
    }
}
