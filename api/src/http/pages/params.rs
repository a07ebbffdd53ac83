//! The URL contract of the pages and exports: `q`, the repeatable facet parameters (`type`, `objective`,
//! `principle`, `region`, `country`, `theme`, `language`), `yearFrom`, `yearTo` and `page`. Links to these pages end
//! up in reports and emails, so the names never change. The whole state of a page is in its URL.

use crate::domain::filter::ContentFilter;
use crate::domain::kind::{self, names};
use crate::domain::language::Language;
use crate::domain::text::cleaned;
use crate::error::{AppError, AppResult};
use crate::service::search::Search;
use serde_json::{Value, json};

/// Results per explorer page.
pub const PAGE_SIZE: usize = 20;
/// The deepest page (the engine ranks 10,000 hits).
pub const MAX_PAGE: usize = crate::service::search::MAX_OFFSET / PAGE_SIZE;

/// A facet of the URL contract: the search facet (`index::FacetField`, spelled once), with what pages call it.
pub use crate::index::FacetField as Facet;

/// How pages name a facet: its `SearchFacetField` value (as the API returns it); its title for people is the
/// message `facet-{field in lowercase}` (`explorer::facet_title`).
pub trait FacetNames: Sized {
    fn field(self) -> &'static str;
    /// The facet whose `SearchFacetField` value is `field`.
    fn from_field(field: &str) -> Option<Self>;
}

impl FacetNames for Facet {
    fn field(self) -> &'static str {
        match self {
            Facet::Type => "TYPE",
            Facet::Objective => "OBJECTIVE",
            Facet::Principle => "PRINCIPLE",
            Facet::Region => "REGION",
            Facet::Country => "COUNTRY",
            Facet::Theme => "THEME",
            Facet::Call => "CALL",
            Facet::Year => "YEAR",
            Facet::Language => "LANGUAGE",
        }
    }

    fn from_field(field: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|facet| facet.field() == field)
    }
}

/// What a page or export was asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub q: String,
    /// The one content filter (the one of lists, search, coverage and export), as the URL chose it.
    pub filter: ContentFilter,
    /// From 1.
    pub page: usize,
    /// The page's language when the URL chose it (`lang`; see `ui`).
    pub lang: Option<Language>,
}

/// Adds a value to a filter's list.
fn push<T>(values: &mut Option<Vec<T>>, value: T) {
    values.get_or_insert_with(Vec::new).push(value);
}

/// Adds a value to a filter's list, or removes it when it is there (an emptied list filters nothing).
fn toggle<T: PartialEq>(values: &mut Option<Vec<T>>, value: T) {
    let list = values.get_or_insert_with(Vec::new);
    match list.iter().position(|v| *v == value) {
        Some(at) => {
            list.remove(at);
        }
        None => list.push(value),
    }
    if list.is_empty() {
        *values = None;
    }
}

fn number<T: std::str::FromStr>(value: &str, name: &str) -> AppResult<T> {
    value.trim().parse().map_err(|_| AppError::bad_input(name, format!("`{name}` takes a number, not `{value}`")))
}

impl Params {
    /// Reads a query string; empty values are ignored (an empty form field), unknown parameters too (tracking tags
    /// added by mail clients), and a value that can never match is refused with its parameter's name.
    pub fn parse(query: &str) -> AppResult<Params> {
        let mut page = 1;
        let mut q = String::new();
        let mut lang = None;
        let mut filter = ContentFilter::default();
        if let Some(name) = crate::http::input::invalid_utf8_parameter(query) {
            return Err(AppError::bad_input(&name, format!("`{name}` is not UTF-8")));
        }
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            // The same rule as every string a GraphQL request carries: no control characters (PostgreSQL cannot
            // store NUL, and nobody means to send the others).
            let value = match cleaned(&value) {
                Ok(clean) => clean.unwrap_or_else(|| value.to_string()),
                Err(character) => {
                    let message = format!("`{name}` holds the control character U+{:04X}", character as u32);
                    return Err(AppError::bad_input(&name, message));
                }
            };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name.as_ref() {
                "q" => value.clone_into(&mut q),
                "type" => push(
                    &mut filter.kinds,
                    kind::searchable().find(|names| names.word == value).map(|names| names.kind).ok_or_else(|| {
                        AppError::bad_input("type", "`type` is one of practice, guidance_tool, peer_exchange")
                    })?,
                ),
                "objective" => push(&mut filter.objectives, number(value, "objective")?),
                "principle" => push(&mut filter.principles, value.to_string()),
                "region" => push(&mut filter.regions, value.to_string()),
                "country" => push(&mut filter.countries, value.to_string()),
                "theme" => push(&mut filter.themes, value.to_string()),
                "call" => push(&mut filter.calls, value.to_string()),
                "language" => push(&mut filter.languages, value.to_string()),
                "yearFrom" => filter.year_from = Some(number(value, "yearFrom")?),
                "yearTo" => filter.year_to = Some(number(value, "yearTo")?),
                "page" => page = number(value, "page")?,
                super::ui::LANG => lang = Some(super::ui::parse_lang(value)?),
                _ => {}
            }
        }
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(AppError::bad_input("page", format!("`page` goes from 1 to {MAX_PAGE}")));
        }
        Ok(Params { q, filter: filter.validated()?, page, lang })
    }

    /// The content filter these parameters name.
    pub fn filter(&self) -> ContentFilter {
        self.filter.clone()
    }

    /// The search these parameters ask for, as exports run it.
    pub fn search(&self) -> Search {
        Search { text: self.q.clone(), filter: self.filter(), ..Search::default() }
    }

    /// `types` and `filter` as the GraphQL `search` and `coverage` queries take them.
    pub fn variables(&self) -> Value {
        let f = &self.filter;
        let types: Vec<&str> = f.kinds.iter().flatten().map(|kind| names(*kind).key).collect();
        let mut filter = serde_json::Map::new();
        let mut put = |name: &str, value: Value| {
            if value.as_array().is_none_or(|values| !values.is_empty()) && !value.is_null() {
                filter.insert(name.to_string(), value);
            }
        };
        put("objectives", json!(f.objectives));
        put("principles", json!(f.principles));
        put("regions", json!(f.regions));
        put("countries", json!(f.countries));
        put("themes", json!(f.themes));
        put("calls", json!(f.calls));
        put("languages", json!(f.languages));
        put("yearFrom", json!(f.year_from));
        put("yearTo", json!(f.year_to));
        json!({ "types": if types.is_empty() { Value::Null } else { json!(types) }, "filter": filter })
    }

    /// The values chosen for a facet, as the URL spells them.
    pub fn chosen(&self, facet: Facet) -> Vec<String> {
        let f = &self.filter;
        match facet {
            Facet::Type => f.kinds.iter().flatten().map(|kind| names(*kind).word.to_string()).collect(),
            Facet::Objective => f.objectives.iter().flatten().map(ToString::to_string).collect(),
            Facet::Principle => f.principles.clone().unwrap_or_default(),
            Facet::Region => f.regions.clone().unwrap_or_default(),
            Facet::Country => f.countries.clone().unwrap_or_default(),
            Facet::Theme => f.themes.clone().unwrap_or_default(),
            Facet::Call => f.calls.clone().unwrap_or_default(),
            Facet::Language => f.languages.clone().unwrap_or_default(),
            Facet::Year => match (f.year_from, f.year_to) {
                (Some(from), Some(to)) if from == to => vec![from.to_string()],
                _ => Vec::new(),
            },
        }
    }

    /// A search facet's value as the URL spells it (`PRACTICE` is `practice`).
    pub fn url_value(facet: Facet, value: &str) -> String {
        match facet {
            Facet::Type => {
                kind::searchable().find(|names| names.key == value).map_or(value, |names| names.word).to_string()
            }
            _ => value.to_string(),
        }
    }

    /// These parameters with one facet value added, or removed when it was chosen, back on the first page.
    pub fn toggled(&self, facet: Facet, value: &str) -> Params {
        let mut next = Params { page: 1, ..self.clone() };
        match facet {
            Facet::Type => {
                if let Some(names) = kind::searchable().find(|names| names.word == value) {
                    toggle(&mut next.filter.kinds, names.kind);
                }
            }
            Facet::Objective => {
                if let Ok(number) = value.parse() {
                    toggle(&mut next.filter.objectives, number);
                }
            }
            Facet::Principle => toggle(&mut next.filter.principles, value.to_string()),
            Facet::Region => toggle(&mut next.filter.regions, value.to_string()),
            Facet::Country => toggle(&mut next.filter.countries, value.to_string()),
            Facet::Theme => toggle(&mut next.filter.themes, value.to_string()),
            Facet::Call => toggle(&mut next.filter.calls, value.to_string()),
            Facet::Language => toggle(&mut next.filter.languages, value.to_string()),
            Facet::Year => {
                let year = value.parse().ok();
                let chosen = self.filter.year_from == year && self.filter.year_to == year;
                (next.filter.year_from, next.filter.year_to) = if chosen { (None, None) } else { (year, year) };
            }
        }
        next
    }

    /// These parameters with the filter changed by `change`, back on the first page.
    pub fn with(&self, change: impl FnOnce(&mut ContentFilter)) -> Params {
        let mut next = Params { page: 1, ..self.clone() };
        change(&mut next.filter);
        next
    }

    /// These parameters on another page.
    pub fn on_page(&self, page: usize) -> Params {
        Params { page, ..self.clone() }
    }

    /// The pairs of the query string, in a fixed order (so one state has one URL).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (name, facet) in [
            ("type", Facet::Type),
            ("objective", Facet::Objective),
            ("principle", Facet::Principle),
            ("region", Facet::Region),
            ("country", Facet::Country),
            ("theme", Facet::Theme),
            ("call", Facet::Call),
            ("language", Facet::Language),
        ] {
            pairs.extend(self.chosen(facet).into_iter().map(|value| (name, value)));
        }
        pairs.extend(self.filter.year_from.map(|year| ("yearFrom", year.to_string())));
        pairs.extend(self.filter.year_to.map(|year| ("yearTo", year.to_string())));
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs.extend(self.lang.map(|lang| (super::ui::LANG, lang.tag().to_string())));
        pairs
    }

    /// The query string, without `?` (empty for the defaults).
    pub fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(self.pairs()).finish()
    }

    /// `path` with these parameters.
    pub fn link(&self, path: &str) -> String {
        let query = self.query_string();
        if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
    }

    /// The `after` cursor of this page's first hit (none on the first page).
    pub fn after(&self) -> Option<String> {
        let skipped = (self.page - 1) * PAGE_SIZE;
        (skipped > 0).then(|| crate::service::page::position_cursor("search", skipped - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hub_entity::enums::ContentKind;

    #[test]
    fn a_url_reads_back_as_it_was_written() -> AppResult<()> {
        let url = "q=detention&type=practice&type=peer_exchange&objective=13&country=mex&yearFrom=2019&yearTo=2021\
            &page=2&lang=fr";
        let params = Params::parse(url)?;
        assert_eq!(params.filter.kinds, Some(vec![ContentKind::Practice, ContentKind::PeerExchange]));
        assert_eq!(params.filter.countries, Some(vec!["MEX".to_string()]));
        assert_eq!(params.lang, Some(Language::Fr));
        assert_eq!(Params::parse(&params.query_string())?, params);
        assert_eq!(params.toggled(Facet::Objective, "13").filter.objectives, None);
        assert_eq!(params.toggled(Facet::Objective, "2").page, 1);
        assert_eq!(Params::parse("utm_source=mail&q=")?, Params { page: 1, ..Params::default() });
        Ok(())
    }

    #[test]
    fn values_that_can_never_match_are_refused_by_name() {
        for (url, field) in [
            ("objective=abc", "objective"),
            ("objective=30", "objectives"),
            ("type=report", "type"),
            ("page=0", "page"),
            ("page=99999", "page"),
            ("yearFrom=2022&yearTo=2020", "yearTo"),
            ("country=MEXICO", "countries"),
            ("theme=%00x", "theme"),
            ("q=a%07b", "q"),
            ("lang=de", "lang"),
        ] {
            match Params::parse(url) {
                Err(AppError::BadUserInput { field: Some(got), .. }) => assert_eq!(got, field, "{url}"),
                other => panic!("{url}: {other:?}"),
            }
        }
    }
}
