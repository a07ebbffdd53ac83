//! The page of one record (`/practices/{slug}`, `/guidance-tools/{slug}`, `/peer-exchanges/{slug}`,
//! `/review-submissions/{slug}`, and calls and collections): every field, its organizations, resources and links, its translations and related
//! records, its tags linking back to the explorer filtered by them.

use super::coverage::plural_type;
use super::explorer::{record_path, type_label};
use super::layout::{self, Section, list, text};
use super::ui::Ui;
use super::{failure, html, ui_of};
use crate::domain::kind::names;
use crate::error::{AppError, ErrorCode};
use crate::http::AppState;
use crate::http::pages::runner::run_for_page;
use crate::http::refusal::Refusal;
use crate::i18n::Arg;
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
    let ui = match ui_of(&request) {
        Ok(ui) => ui,
        Err(page) => return page,
    };
    if !crate::http::input::path_is_utf8(request.uri().path()) {
        return failure(&ui, &Refusal::of(&AppError::bad_input("slug", "The address is not UTF-8.")));
    }
    let data = match run_for_page(&state, &request, &query(kind), json!({ "slug": slug.as_str() }), ui.language).await {
        Ok(data) => data,
        Err(failed) => return failure(&ui, &failed),
    };
    let record = &data["record"];
    if record.is_null() {
        let message = ui.t_with(
            "record-unknown",
            vec![("type", ui.enum_label("ContentType", names(kind).key).into()), ("address", slug.as_str().into())],
        );
        let page = layout::error_page(&ui, StatusCode::NOT_FOUND, ErrorCode::NotFound, &message);
        return html(StatusCode::NOT_FOUND, page);
    }
    // Related records come from the search engine: asked apart, so that an engine outage leaves the page up.
    let related = run_for_page(&state, &request, RELATED, json!({ "id": record["id"] }), ui.language).await;
    let related = match &related {
        Ok(data) => Ok(list(&data["node"], "related")),
        Err(failed) => {
            tracing::info!(code = failed.code.as_str(), "record page shown without its related records");
            Err(())
        }
    };
    let section = if kind == ContentKind::CallForPractices { Section::Calls } else { Section::Explore };
    html(StatusCode::OK, layout::page(&ui, text(record, "title"), section, detail(&ui, kind, record, related)))
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

/// An enum field, for people: the label of `enum_name`'s value in the page's language.
fn enumerated(ui: &Ui, record: &Value, key: &str, enum_name: &str) -> Option<String> {
    record.get(key).and_then(Value::as_str).map(|value| ui.enum_label(enum_name, value))
}

/// A date field, as the page's language writes it.
fn dated(ui: &Ui, record: &Value, key: &str) -> Option<String> {
    plain(record, key).map(|value| ui.date(&value))
}

/// A long text field as a section with its heading (the text in the record's language).
fn prose(heading: &str, record: &Value, key: &str) -> Markup {
    html! {
        @if let Some(body) = record.get(key).and_then(Value::as_str).filter(|b| !b.trim().is_empty()) {
            section.prose { h2 { (heading) }
                div lang=(text(record, "language")) dir="auto" { @for paragraph in body.split("\n\n") { p { (paragraph) } } }
            }
        }
    }
}

/// Organizations, each with its kind.
fn organizations(ui: &Ui, values: &[&Value]) -> Option<String> {
    let names: Vec<String> = values
        .iter()
        .filter(|o| !o.is_null())
        .map(|o| format!("{} ({})", text(o, "name"), ui.enum_label("OrganizationKind", text(o, "kind")).to_lowercase()))
        .collect();
    (!names.is_empty()).then(|| names.join("; "))
}

/// `related`: the related records, or `Err` when the search engine could not say.
fn detail(ui: &Ui, kind: ContentKind, record: &Value, related: Result<&[Value], ()>) -> Markup {
    // Calls and collections are not among the explorer's types: calls have their own list, collections the
    // explorer's landing page.
    let (up, up_label) = match kind {
        ContentKind::CallForPractices => (ui.link("/calls"), ui.t("calls-title")),
        ContentKind::Collection => (ui.link("/"), ui.t("collections")),
        _ => (ui.link(&format!("/?type={}", names(kind).word)), plural_type(ui, kind)),
    };
    let language = text(record, "language");
    html! {
        nav.breadcrumbs aria-label=(ui.t("breadcrumbs")) {
            a href=(ui.link("/")) { (ui.t("nav-explore")) } " › "
            a href=(up) { (up_label) }
        }
        article.record {
            p.meta {
                span.kind { (ui.enum_label("ContentType", names(kind).key)) }
                @if let Some(year) = record["year"].as_i64() { " · " (year) }
                " · " (ui.language_name(language))
            }
            h1 lang=(language) dir="auto" { (text(record, "title")) }
            p.lead lang=(language) dir="auto" { (text(record, "summary")) }
            (translations(ui, kind, record))
            div.record-body {
                div.record-main {
                    @match kind {
                        ContentKind::Practice => (practice(ui, record)),
                        ContentKind::GuidanceTool => (guidance_tool(ui, record)),
                        ContentKind::PeerExchange => (peer_exchange(ui, record)),
                        ContentKind::CallForPractices => (super::calls::call(ui, record)),
                        ContentKind::Collection => (collection(ui, record)),
                        ContentKind::ReviewSubmission => (review_submission(ui, record)),
                    }
                }
                aside.record-side aria-label=(ui.t("classification")) {
                    (tags(&ui.t("facet-objective-plural"), list(record, "objectives"), |o| {
                        let number = o["number"].as_u64().unwrap_or(0);
                        (ui.link(&format!("/?objective={number}")), format!("{number}. {}", text(o, "title")))
                    }))
                    (tags(&ui.t("facet-principle-plural"), list(record, "principles"), |p| (ui.link(&format!("/?principle={}", text(p, "key"))), text(p, "name").to_string())))
                    (tags(&ui.t("facet-theme-plural"), list(record, "themes"), |t| (ui.link(&format!("/?theme={}", text(t, "key"))), text(t, "name").to_string())))
                    (tags(&ui.t("facet-region-plural"), list(record, "regions"), |r| (ui.link(&format!("/?region={}", text(r, "key"))), text(r, "name").to_string())))
                    (tags(&ui.t("facet-country-plural"), list(record, "countries"), |c| {
                        let champion = if c["isChampion"].as_bool() == Some(true) { format!(" ★ {}", ui.t("champion")) } else { String::new() };
                        (ui.link(&format!("/?country={}", text(c, "iso3"))), format!("{}{champion}", text(c, "name")))
                    }))
                    dl.facts {
                        (field(&ui.t("published"), dated(ui, record, "publishedAt")))
                        (field(&ui.t("last-updated"), dated(ui, record, "updatedAt")))
                    }
                }
            }
            (related_records(ui, related))
        }
    }
}

/// The record's translations, each linking to its page in that language.
fn translations(ui: &Ui, kind: ContentKind, record: &Value) -> Markup {
    let translations = list(record, "translations");
    html! {
        section.translations aria-labelledby="translations-heading" {
            h2 #translations-heading { (ui.t("translations")) }
            @if translations.is_empty() {
                p.muted { (ui.t_with("only-in", vec![("language", ui.language_name(text(record, "language")).into())])) }
            } @else {
                ul {
                    @for t in translations {
                        li { (ui.language_name(text(t, "language"))) ": "
                            a href=(ui.link(&format!("/{}/{}", names(kind).path, text(t, "slug")))) hreflang=(text(t, "language")) lang=(text(t, "language")) dir="auto" {
                                (text(t, "title"))
                            }
                        }
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

fn practice(ui: &Ui, record: &Value) -> Markup {
    let partners: Vec<&Value> = list(record, "partners").iter().collect();
    html! {
        (prose(&ui.t("practice-description"), record, "description"))
        (prose(&ui.t("practice-implementation"), record, "implementation"))
        (prose(&ui.t("practice-results"), record, "results"))
        (prose(&ui.t("practice-lessons"), record, "lessonsLearned"))
        (prose(&ui.t("practice-enabling"), record, "enablingFactors"))
        (prose(&ui.t("practice-challenges"), record, "challenges"))
        (prose(&ui.t("practice-replicability"), record, "replicability"))
        section {
            h2 { (ui.t("practice-about")) }
            dl.facts {
                (field(&ui.t("practice-main-implementer"), organizations(ui, &[&record["mainImplementer"]])))
                (field(&ui.t("practice-partners"), organizations(ui, &partners)))
                (field(&ui.t("practice-submitted-by"), enumerated(ui, record, "submitterKind", "SubmitterKind")))
                (field(&ui.t("practice-level"), enumerated(ui, record, "geographicLevel", "GeographicLevel")))
                (field(&ui.t("practice-started"), dated(ui, record, "startDate")))
                (field(&ui.t("practice-ended"), dated(ui, record, "endDate")))
                (field(&ui.t("practice-completion"), enumerated(ui, record, "completion", "Completion")))
                @if let Some(call) = record["call"].as_object() {
                    dt { (ui.t("practice-call")) }
                    dd { a href=(ui.link(&format!("/calls/{}", call.get("slug").and_then(Value::as_str).unwrap_or_default()))) {
                        (call.get("title").and_then(Value::as_str).unwrap_or_default())
                    } }
                }
            }
        }
        @let resources = list(record, "resources");
        @if !resources.is_empty() {
            section.resources {
                h2 { (ui.t("resources")) }
                ul { @for r in resources {
                    li { a href=(text(r, "url")) rel="noopener" dir="auto" { (text(r, "title")) } " " span.muted { "(" (ui.enum_label("ResourceKind", text(r, "kind")).to_lowercase()) ")" } }
                } }
            }
        }
    }
}

/// A collection: its description, its curator and its items in order, each with the editors' note.
fn collection(ui: &Ui, record: &Value) -> Markup {
    html! {
        (prose(&ui.t("collection-about"), record, "description"))
        @if let Some(curator) = record["curator"]["name"].as_str() {
            p.muted { (ui.t_with("collection-curated-by", vec![("curator", curator.into())])) }
        }
        section.collection-items aria-labelledby="items-heading" {
            h2 #items-heading { (ui.t("collection-items")) }
            @let items = list(record, "items");
            @if items.is_empty() {
                p.muted { (ui.t("collection-empty")) }
            } @else {
                ol.results { @for item in items {
                    @let r = &item["record"];
                    li.result {
                        p.meta { span.kind { (type_label(ui, text(r, "__typename"))) } }
                        h3 lang=(text(r, "language")) dir="auto" { a href=(ui.link(&record_path(text(r, "__typename"), text(r, "slug")))) { (text(r, "title")) } }
                        @if let Some(note) = item["note"].as_str() { p.note lang=(text(record, "language")) dir="auto" { (note) } }
                        p.muted lang=(text(r, "language")) dir="auto" { (text(r, "summary")) }
                    }
                } }
            }
        }
    }
}

/// A submission to a regional review: who made it, to which review, and what it says about each objective.
fn review_submission(ui: &Ui, record: &Value) -> Markup {
    let review = &record["review"];
    let submitter = match record["submitterCountry"].as_object() {
        Some(_) => {
            html! { a href=(ui.link(&format!("/countries/{}", text(&record["submitterCountry"], "iso3")))) { (text(&record["submitterCountry"], "name")) } }
        }
        None => html! { (text(&record["submitterOrganization"], "name")) },
    };
    html! {
        section {
            h2 { (ui.t("submission-about")) }
            dl.facts {
                dt { (ui.t("practice-submitted-by")) } dd { (submitter) }
                (field(&ui.t("regional-review"), Some(format!("{} ({})", text(review, "title"), text(review, "commission")))))
                (field(&ui.t("region"), review["region"].get("name").and_then(Value::as_str).map(str::to_string)))
                (field(&ui.t("submission-submitted-on"), dated(ui, record, "submittedOn")))
            }
            @if let Some(url) = record["documentUrl"].as_str() {
                p { a href=(url) rel="noopener" { (ui.t("submission-read")) } }
            }
        }
        @let reports = list(record, "objectiveReports");
        @if !reports.is_empty() {
            section.reports aria-labelledby="reports-heading" {
                h2 #reports-heading { (ui.t("submission-reports")) }
                table {
                    thead { tr { th scope="col" { (ui.t("objective")) } th scope="col" { (ui.t("submission-reports-col")) } th scope="col" { (ui.t("submission-words")) } } }
                    tbody { @for report in reports {
                        @let number = report["objective"]["number"].as_u64().unwrap_or(0);
                        tr {
                            td { a href=(ui.link(&format!("/?objective={number}&type=review_submission"))) { (number) ". " (text(&report["objective"], "shortLabel")) } }
                            td { span class=(format!("stance stance-{}", text(report, "stance").to_lowercase())) { (ui.enum_label("Stance", text(report, "stance"))) } }
                            td lang=(text(record, "language")) dir="auto" { (report["excerpt"].as_str().unwrap_or("")) }
                        }
                    } }
                }
            }
        }
    }
}

fn guidance_tool(ui: &Ui, record: &Value) -> Markup {
    let links = list(record, "links");
    html! {
        section {
            h2 { (ui.t("tool-about")) }
            dl.facts {
                (field(&ui.t("tool-kind"), enumerated(ui, record, "toolKind", "ToolKind")))
                (field(&ui.t("tool-publisher"), organizations(ui, &[&record["publisher"]])))
                (field(&ui.t("working-group"), plain(record, "workingGroup")))
                (field(&ui.t("tool-published-on"), dated(ui, record, "publicationDate")))
                (field(&ui.t("tool-audience"), plain(record, "targetAudience")))
                (field(&ui.t("tool-scope"), plain(record, "geographicScope")))
                (field(&ui.t("regional-review"), record["regionalReview"].get("title").and_then(Value::as_str).map(str::to_string)))
            }
        }
        @if !links.is_empty() {
            section.resources {
                h2 { (ui.t("tool-read")) }
                ul { @for link in links {
                    li { a href=(text(link, "url")) hreflang=(text(link, "language")) rel="noopener" { (ui.language_name(text(link, "language"))) } }
                } }
            }
        }
    }
}

fn peer_exchange(ui: &Ui, record: &Value) -> Markup {
    let hosts: Vec<&Value> = list(record, "coHostOrganizations").iter().collect();
    let countries: Vec<&str> = list(record, "coHostCountries").iter().map(|c| text(c, "name")).collect();
    let series = match (plain(record, "series"), record["number"].as_u64()) {
        (Some(series), Some(number)) => {
            Some(ui.t_with("exchange-series-number", vec![("series", series.into()), ("number", Arg::Count(number))]))
        }
        (series, _) => series,
    };
    html! {
        (prose(&ui.t("exchange-outcomes"), record, "outcomes"))
        section {
            h2 { (ui.t("exchange-about")) }
            dl.facts {
                (field(&ui.t("exchange-series"), series))
                (field(&ui.t("exchange-format"), enumerated(ui, record, "format", "ExchangeFormat")))
                (field(&ui.t("exchange-starts"), dated(ui, record, "startsAt")))
                (field(&ui.t("exchange-ends"), dated(ui, record, "endsAt")))
                (field(&ui.t("exchange-organized-by"), plain(record, "workingGroup")))
                (field(&ui.t("exchange-participation"), enumerated(ui, record, "participation", "Participation")))
                (field(&ui.t("exchange-chatham"), record["chathamHouse"].as_bool().map(|on| ui.t(if on { "yes" } else { "no" }))))
                (field(&ui.t("exchange-cohost-countries"), (!countries.is_empty()).then(|| countries.join(", "))))
                (field(&ui.t("exchange-cohost-organizations"), organizations(ui, &hosts)))
            }
        }
        (linked(ui, &ui.t("exchange-practices"), "Practice", list(record, "relatedPractices")))
        (linked(ui, &ui.t("exchange-tools"), "GuidanceTool", list(record, "relatedGuidanceTools")))
    }
}

fn linked(ui: &Ui, heading: &str, type_name: &str, records: &[Value]) -> Markup {
    html! {
        @if !records.is_empty() {
            section { h2 { (heading) } ul { @for r in records {
                li { a href=(ui.link(&record_path(type_name, text(r, "slug")))) lang=(text(r, "language")) dir="auto" { (text(r, "title")) } }
            } } }
        }
    }
}

fn related_records(ui: &Ui, related: Result<&[Value], ()>) -> Markup {
    html! {
        @match related {
            Ok(related) if !related.is_empty() => {
                section.related aria-labelledby="related-heading" {
                    h2 #related-heading { (ui.t("related")) }
                    ul { @for r in related {
                        li {
                            a href=(ui.link(&record_path(text(r, "__typename"), text(r, "slug")))) lang=(text(r, "language")) dir="auto" { (text(r, "title")) }
                            " " span.muted { "(" (type_label(ui, text(r, "__typename"))) @if let Some(year) = r["year"].as_i64() { ", " (year) } ")" }
                        }
                    } }
                }
            }
            Ok(_) => {}
            Err(()) => {
                section.related aria-labelledby="related-heading" {
                    h2 #related-heading { (ui.t("related")) }
                    p.muted #related-unavailable { (ui.t("related-unavailable")) }
                }
            }
        }
    }
}
