//! What every page shares: the document around its content (header, skip link, navigation, footer), the error
//! page, and small renderers for values the API returns (enum values, dates, lists of tags).

use super::assets;
use super::ui::Ui;
use crate::domain::language::Language;
use crate::error::ErrorCode;
use crate::i18n;
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

/// A whole page in the reader's language: `title` in the tab and as the page's name, `main` inside `<main>`; a
/// language switcher that keeps the page's parameters, and `hreflang` alternates for every language.
pub fn page(ui: &Ui, title: &str, section: Section, main: Markup) -> Markup {
    let current = |of: Section| (section == of).then_some("page");
    html! {
        (DOCTYPE)
        html lang=(ui.tag()) dir=(ui.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (ui.t("site-name")) }
                link rel="icon" type="image/svg+xml" href=(assets::url("favicon.svg"));
                link rel="stylesheet" href=(assets::url("hub.css"));
                @for language in Language::ALL {
                    link rel="alternate" hreflang=(language.tag()) href=(ui.switched(Some(language)));
                }
                link rel="alternate" hreflang="x-default" href=(ui.switched(None));
                script src=(assets::url("explorer.js")) defer {}
            }
            body {
                a.skip href="#main" { (ui.t("skip-to-content")) }
                header.site {
                    a.brand href=(ui.link("/")) { (ui.t("site-name")) span.brand-sub { (ui.t("site-tagline")) } }
                    nav aria-label=(ui.t("nav-site")) {
                        a href=(ui.link("/")) aria-current=[current(Section::Explore)] { (ui.t("nav-explore")) }
                        a href=(ui.link("/calls")) aria-current=[current(Section::Calls)] { (ui.t("nav-calls")) }
                        a href=(ui.link("/coverage")) aria-current=[current(Section::Coverage)] { (ui.t("nav-coverage")) }
                        a href=(ui.link("/priorities")) aria-current=[current(Section::Priorities)] { (ui.t("nav-priorities")) }
                        a href="/graphql" { (ui.t("nav-api")) }
                    }
                    nav.languages aria-label=(ui.t("nav-languages")) {
                        ul { @for language in Language::ALL {
                            li { a href=(ui.switched(Some(language))) hreflang=(language.tag()) lang=(language.tag())
                                aria-current=[(language == ui.language).then_some("true")] {
                                (i18n::text(language, &format!("language-{}", language.tag())))
                            } }
                        } }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p { (ui.t("footer-text")) " " a href="/graphql" { (ui.t("footer-api")) } }
                }
            }
        }
    }
}

/// The page shown when a request fails: what happened, in words, with its stable code.
pub fn error_page(ui: &Ui, status: StatusCode, code: ErrorCode, message: &str) -> Markup {
    let heading = match status.as_u16() {
        400 => ui.t("error-400"),
        404 => ui.t("error-404"),
        429 => ui.t("error-429"),
        503 => ui.t("error-503"),
        _ => ui.t("error-other"),
    };
    page(
        ui,
        &heading,
        Section::Explore,
        html! {
            section.error role="alert" {
                h1 { (heading) }
                p lang="en" { (message) }
                p.muted { (ui.t("error-code")) " " code { (code.as_str()) } }
                p { a href=(ui.link("/")) { (ui.t("error-back")) } }
            }
        },
    )
}

/// A string field of a JSON object (empty when missing or null).
pub fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// A list field of a JSON object (empty when missing or null).
pub fn list<'a>(value: &'a Value, field: &str) -> &'a [Value] {
    value.get(field).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

/// At most `most` characters of `text`, with `…` when cut (for labels in SVG, which does not wrap).
pub fn truncate(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(most.saturating_sub(1)).collect::<String>().trim_end())
    }
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
    }
}
