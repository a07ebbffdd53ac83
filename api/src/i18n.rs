//! The hub's words in every language it speaks: Project Fluent messages (`api/locales/{language}/*.ftl`, compiled
//! in) for the pages' UI strings and the enums' display labels, and numbers and dates formatted per locale by
//! ICU4X. A message missing in a language falls back to English; which ones may is fixed by `locales/README.md`
//! and checked by the tests below.

use crate::domain::language::Language;
use fixed_decimal::Decimal;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use icu_calendar::Date;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // The pages set `dir` on the document and on every foreign-language span; no invisible isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn identifier(language: Language) -> LanguageIdentifier {
    language.tag().parse().unwrap_or_default()
}

fn locale(language: Language) -> Locale {
    language.tag().parse().unwrap_or(Locale::UNKNOWN)
}

/// An argument of a message.
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    /// A count: `$name` selects the plural form and `$nameShown` shows it formatted for the locale.
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

/// The message `id` in `language` (English where the language lacks it).
pub fn text(language: Language, id: &str) -> String {
    LOCALES.lookup(&identifier(language), id)
}

/// The message `id` in `language` with its arguments.
pub fn text_with(language: Language, id: &str, args: Vec<(&'static str, Arg<'_>)>) -> String {
    let mut values: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
    for (name, arg) in args {
        match arg {
            Arg::Text(text) => {
                values.insert(Cow::Borrowed(name), FluentValue::from(text.into_owned()));
            }
            Arg::Count(count) => {
                values.insert(Cow::Borrowed(name), FluentValue::from(count));
                values.insert(Cow::Owned(format!("{name}Shown")), FluentValue::from(number(language, count)));
            }
        }
    }
    LOCALES.lookup_with_args(&identifier(language), id, &values)
}

/// The display label of an enum value: `enum_label(Fr, "Completion", "ONGOING")` is “En cours”; the value itself
/// when no language has a label for it.
pub fn enum_label(language: Language, enum_name: &str, value: &str) -> String {
    LOCALES.try_lookup(&identifier(language), &format!("enum-{enum_name}-{value}")).unwrap_or_else(|| value.to_string())
}

static NUMBERS: LazyLock<Vec<(Language, DecimalFormatter)>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .filter_map(|l| Some((l, DecimalFormatter::try_new(locale(l).into(), Default::default()).ok()?)))
        .collect()
});

static DATES: LazyLock<Vec<(Language, DateTimeFormatter<YMD>)>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .filter_map(|l| Some((l, DateTimeFormatter::try_new(locale(l).into(), YMD::medium()).ok()?)))
        .collect()
});

/// A whole number as the locale writes it: 1,234 in English, 1 234 in French, 1.234 in Spanish.
pub fn number(language: Language, value: u64) -> String {
    match NUMBERS.iter().find(|(l, _)| *l == language) {
        Some((_, formatter)) => formatter.format(&Decimal::from(value)).to_string(),
        None => value.to_string(),
    }
}

/// A date (`2021-03-04`, or the date of an RFC 3339 time) as the locale writes it: “4 mars 2021” in French; the
/// text as given when it is no date.
pub fn date(language: Language, value: &str) -> String {
    let day = value.get(..10).unwrap_or(value);
    let parsed = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().and_then(|d| {
        use chrono::Datelike;
        Date::try_new_iso(d.year(), u8::try_from(d.month()).ok()?, u8::try_from(d.day()).ok()?).ok()
    });
    match (parsed, DATES.iter().find(|(l, _)| *l == language)) {
        (Some(date), Some((_, formatter))) => formatter.format(&date).to_string(),
        _ => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages of a language's files: their identifiers.
    fn messages(language: Language) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(language.tag());
        let mut ids = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                {
                    ids.push(id.to_string());
                }
            }
        }
        ids.sort();
        ids
    }

    /// The English fallback list of `locales/README.md`: the UI messages Russian and Chinese may lack.
    fn fallback_list() -> Vec<String> {
        let readme = include_str!("../locales/README.md");
        let list = readme.split("<!-- fallback -->").nth(1).unwrap_or_default();
        let mut ids: Vec<String> = list
            .lines()
            .filter_map(|line| line.trim().strip_prefix("- `")?.strip_suffix('`').map(str::to_string))
            .collect();
        ids.sort();
        ids
    }

    /// Every message exists in every language. Only Russian and Chinese may lack UI messages, exactly those of the
    /// documented fallback list (never an enum label); Portuguese, not a UN language, may lack any UI message.
    #[test]
    fn every_message_exists_in_every_language() {
        let english = messages(Language::En);
        assert!(english.len() > 100, "the English messages are read ({})", english.len());
        let fallback = fallback_list();
        for language in Language::ALL {
            let have = messages(language);
            let extra: Vec<&String> = have.iter().filter(|id| !english.contains(id)).collect();
            assert!(extra.is_empty(), "{language} has messages English lacks: {extra:?}");
            let missing: Vec<String> = english.iter().filter(|id| !have.contains(id)).cloned().collect();
            let enums: Vec<&String> = missing.iter().filter(|id| id.starts_with("enum-")).collect();
            assert!(enums.is_empty(), "{language} lacks enum labels: {enums:?}");
            match language {
                Language::Ru | Language::Zh => assert_eq!(missing, fallback, "{language}: the fallback list"),
                Language::Pt => {}
                _ => assert!(missing.is_empty(), "{language} lacks {missing:?}"),
            }
        }
    }

    #[test]
    fn numbers_dates_and_plurals_follow_the_locale() {
        assert_eq!(number(Language::En, 1234), "1,234");
        assert_eq!(number(Language::Es, 1234567), "1.234.567");
        assert_eq!(date(Language::Fr, "2021-03-04T10:00:00Z"), "4 mars 2021");
        assert_eq!(date(Language::Zh, "2021-03-04"), "2021年3月4日");
        assert_eq!(date(Language::En, "not a date"), "not a date");
        assert_eq!(text_with(Language::En, "records", vec![("count", Arg::Count(1))]), "1 record");
        assert_eq!(text_with(Language::En, "records", vec![("count", Arg::Count(1200))]), "1,200 records");
        assert_eq!(text_with(Language::Fr, "records", vec![("count", Arg::Count(0))]), "0 fiche");
        assert_eq!(enum_label(Language::Ar, "Stance", "CHALLENGE"), "تحدٍّ");
        assert_eq!(enum_label(Language::Fr, "Stance", "UNKNOWN"), "UNKNOWN");
    }
}
