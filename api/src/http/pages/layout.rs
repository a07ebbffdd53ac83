//! What every page shares: the document around its content (header, skip link, navigation, footer), the error
//! page, and small renderers for values the API returns (enum values, dates, lists of tags).

use super::assets;
use crate::error::ErrorCode;
use actix_web::http::StatusCode;
use maud::{DOCTYPE, Markup, html};
use serde_json::Value;

/// The charts' and maps' shades, light to dark: more is darker. On a heat map the last two carry white text
/// (contrast above 4.5:1, checked in `coverage`).
pub const SHADES: [&str; 6] = ["#f3f6f9", "#d4e6f4", "#a6cde8", "#5fa2d2", "#2171b5", "#08306b"];

/// Which navigation entry a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Explore,
    Calls,
    Coverage,
    Priorities,
}

/// A whole page: `title` in the tab and as the page's name, `main` inside `<main>`.
pub fn page(title: &str, section: Section, main: Markup) -> Markup {
    let current = |of: Section| (section == of).then_some("page");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Migration Network Hub" }
                link rel="icon" type="image/svg+xml" href=(assets::url("favicon.svg"));
                link rel="stylesheet" href=(assets::url("hub.css"));
                script src=(assets::url("explorer.js")) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    a.brand href="/" { "Migration Network Hub" span.brand-sub { "Practices, tools and exchanges of the GCM" } }
                    nav aria-label="Site" {
                        a href="/" aria-current=[current(Section::Explore)] { "Explore" }
                        a href="/calls" aria-current=[current(Section::Calls)] { "Calls" }
                        a href="/coverage" aria-current=[current(Section::Coverage)] { "Coverage" }
                        a href="/priorities" aria-current=[current(Section::Priorities)] { "Priorities" }
                        a href="/graphql" { "API" }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p {
                        "Published content of the UN Network on Migration's hub for the Global Compact for Safe, "
                        "Orderly and Regular Migration. Everything here is also in the "
                        a href="/graphql" { "GraphQL API" } "."
                    }
                }
            }
        }
    }
}

/// The page shown when a request fails: what happened, in words, with its stable code.
pub fn error_page(status: StatusCode, code: ErrorCode, message: &str) -> Markup {
    let heading = match status.as_u16() {
        400 => "This address asks for something the hub cannot show",
        404 => "Nothing published here",
        429 => "Too many requests",
        503 => "The hub is busy",
        _ => "Something went wrong",
    };
    page(
        heading,
        Section::Explore,
        html! {
            section.error role="alert" {
                h1 { (heading) }
                p { (message) }
                p.muted { "Error code: " code { (code.as_str()) } }
                p { a href="/" { "Back to the explorer" } }
            }
        },
    )
}

/// An enum value for people: `IN_PERSON` is `In person`.
pub fn humanize(value: &str) -> String {
    let lower = value.replace('_', " ").to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A string field of a JSON object (empty when missing or null).
pub fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// A list field of a JSON object (empty when missing or null).
pub fn list<'a>(value: &'a Value, field: &str) -> &'a [Value] {
    value.get(field).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

/// The date of an RFC 3339 time or date (`2021-03-04`), as given when it does not parse.
/// At most `most` characters of `text`, with `…` when cut (for labels in SVG, which does not wrap).
pub fn truncate(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(most.saturating_sub(1)).collect::<String>().trim_end())
    }
}

pub fn date(value: &str) -> String {
    value.get(..10).unwrap_or(value).to_string()
}

/// A language tag's name, for the tags the hub holds.
pub fn language_name(tag: &str) -> String {
    let name = match tag.split('-').next().unwrap_or(tag) {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "ar" => "Arabic",
        "ru" => "Russian",
        "zh" => "Chinese",
        "de" => "German",
        "it" => "Italian",
        _ => return tag.to_string(),
    };
    name.to_string()
}

/// A highlighted snippet from the API: its text is HTML-escaped by the hub with matches in `<em>`; anything else
/// is escaped again rather than trusted.
pub fn snippet(snippet: &str) -> Markup {
    let mut out = String::new();
    let mut rest = snippet;
    while let Some(open) = rest.find("<em>") {
        let Some(close) = rest[open..].find("</em>").map(|at| open + at) else { break };
        out.push_str(&reescape(&rest[..open]));
        out.push_str("<mark>");
        out.push_str(&reescape(&rest[open + 4..close]));
        out.push_str("</mark>");
        rest = &rest[close + 5..];
    }
    out.push_str(&reescape(rest));
    maud::PreEscaped(out)
}

/// Escapes `<`, `>` and quotes but keeps the entities the hub already wrote.
fn reescape(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_keep_their_marks_and_nothing_else() {
        let marked = snippet("…the <em>detention</em> of &amp; <script>x</script>").into_string();
        assert_eq!(marked, "…the <mark>detention</mark> of &amp; &lt;script&gt;x&lt;/script&gt;");
        assert_eq!(humanize("IN_PERSON"), "In person");
    }
}
