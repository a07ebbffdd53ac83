//! The language a page speaks, and what follows from it: its words (Fluent messages, `crate::i18n`), numbers and
//! dates, writing direction, the links that keep the language, and the switcher's and `hreflang` alternates' links.
//!
//! A page's language is its URL's `lang` parameter (part of the URL contract: a link sent to a colleague opens in
//! the language it was sent in), else the reader's `Accept-Language`, else English. Links keep `lang` only when the
//! URL chose it; a negotiated language is negotiated again on the next page.

use crate::domain::language::{Language, negotiate};
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Arg};
use actix_web::HttpRequest;
use actix_web::http::header;

/// The URL parameter that chooses a page's language.
pub const LANG: &str = "lang";

/// A value of `lang`: one of the hub's languages.
pub fn parse_lang(value: &str) -> AppResult<Language> {
    Language::from_tag(value)
        .filter(|language| language.tag().eq_ignore_ascii_case(value))
        .ok_or_else(|| AppError::bad_input(LANG, "`lang` is one of ar, en, es, fr, pt, ru, zh"))
}

pub struct Ui {
    pub language: Language,
    /// Whether the URL chose the language (then links carry it on).
    chosen: bool,
    path: String,
    /// The query string's pairs other than `lang`.
    pairs: Vec<(String, String)>,
}

impl Ui {
    /// The language of a page request; a `lang` that is no language of the hub is `BAD_USER_INPUT`.
    pub fn of(request: &HttpRequest) -> AppResult<Ui> {
        let mut chosen = None;
        let mut pairs = Vec::new();
        for (name, value) in url::form_urlencoded::parse(request.query_string().as_bytes()) {
            if name == LANG {
                if !value.trim().is_empty() {
                    chosen = Some(parse_lang(value.trim())?);
                }
            } else {
                pairs.push((name.into_owned(), value.into_owned()));
            }
        }
        let negotiated = || {
            let header = request.headers().get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            negotiate(header)
        };
        Ok(Ui {
            language: chosen.or_else(negotiated).unwrap_or_default(),
            chosen: chosen.is_some(),
            path: request.path().to_string(),
            pairs,
        })
    }

    /// A page in English that no request chose (the error page of a request that could not be read).
    pub fn english() -> Ui {
        Ui { language: Language::En, chosen: false, path: "/".to_string(), pairs: Vec::new() }
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        i18n::text(self.language, id)
    }

    /// The message `id` with its arguments.
    pub fn t_with(&self, id: &str, args: Vec<(&'static str, Arg<'_>)>) -> String {
        i18n::text_with(self.language, id, args)
    }

    pub fn number(&self, value: u64) -> String {
        i18n::number(self.language, value)
    }

    /// A date or the date of a time, as the language writes it.
    pub fn date(&self, value: &str) -> String {
        i18n::date(self.language, value)
    }

    /// An enum value's label: `enum_label("Completion", "ONGOING")`.
    pub fn enum_label(&self, enum_name: &str, value: &str) -> String {
        i18n::enum_label(self.language, enum_name, value)
    }

    /// The name of a language, in the page's language (`fr` is “French” in English, « français » in French).
    pub fn language_name(&self, tag: &str) -> String {
        let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        match Language::from_tag(&primary) {
            Some(_) => self.t(&format!("language-{primary}")),
            None => tag.to_string(),
        }
    }

    pub fn tag(&self) -> &'static str {
        self.language.tag()
    }

    /// `rtl` for Arabic, else `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.language.right_to_left() { "rtl" } else { "ltr" }
    }

    /// `href` (a path of the hub, with or without a query) keeping the page's language when the URL chose it.
    pub fn link(&self, href: &str) -> String {
        if !self.chosen {
            return href.to_string();
        }
        let separator = if href.contains('?') { '&' } else { '?' };
        format!("{href}{separator}{LANG}={}", self.language.tag())
    }

    /// This page in `language`, with the same parameters; `None` gives the page without `lang` (the reader's
    /// language: the `x-default` alternate).
    pub fn switched(&self, language: Option<Language>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&self.pairs);
        if let Some(language) = language {
            query.append_pair(LANG, language.tag());
        }
        let query = query.finish();
        if query.is_empty() { self.path.clone() } else { format!("{}?{query}", self.path) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn the_url_chooses_else_the_header_else_english() {
        let ui = Ui::of(&TestRequest::get().uri("/?q=x&lang=fr").to_http_request()).unwrap();
        assert_eq!(
            (ui.language, ui.link("/coverage"), ui.link("/?q=y")),
            (Language::Fr, "/coverage?lang=fr".into(), "/?q=y&lang=fr".into())
        );
        assert_eq!(ui.switched(Some(Language::Ar)), "/?q=x&lang=ar");
        assert_eq!(ui.switched(None), "/?q=x");
        let request = TestRequest::get().uri("/").insert_header((header::ACCEPT_LANGUAGE, "es-MX, en;q=0.5"));
        let ui = Ui::of(&request.to_http_request()).unwrap();
        assert_eq!((ui.language, ui.link("/coverage")), (Language::Es, "/coverage".into()));
        assert_eq!(Ui::of(&TestRequest::get().uri("/").to_http_request()).unwrap().language, Language::En);
        assert!(Ui::of(&TestRequest::get().uri("/?lang=de").to_http_request()).is_err());
        assert!(Ui::of(&TestRequest::get().uri("/?lang=french").to_http_request()).is_err());
    }
}
