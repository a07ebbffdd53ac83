//! The languages the hub speaks: the six official languages of the United Nations (Arabic, Chinese, English, French,
//! Russian, Spanish) and Portuguese, in which many practices are written. A request's language comes from the
//! operation's `@inContext(language:)` directive, else from its `Accept-Language` header ([`negotiate`]), else
//! English.

use std::fmt;

/// A language the hub answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Language {
    Ar,
    Zh,
    #[default]
    En,
    Fr,
    Ru,
    Es,
    Pt,
}

impl Language {
    /// Every language, the six UN languages first in their UN order, then Portuguese.
    pub const ALL: [Language; 7] =
        [Language::Ar, Language::Zh, Language::En, Language::Fr, Language::Ru, Language::Es, Language::Pt];

    /// Its BCP 47 primary subtag: `fr`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
            Language::Pt => "pt",
        }
    }

    /// The language of a BCP 47 tag, by its primary subtag (`fr-CH` is French), case-insensitive.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|language| language.tag() == primary)
    }

    /// Whether it is written right to left.
    pub fn right_to_left(self) -> bool {
        self == Language::Ar
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The language an `Accept-Language` header asks for (RFC 9110 §12.5.4): the hub's language with the highest
/// `q` (ties by order in the header), matched on the primary subtag. `*` stands for English here. `q=0` refuses a
/// language; malformed entries and unknown tags are skipped. `None` when nothing in the header is one of the hub's
/// languages (the caller answers in English).
pub fn negotiate(header: &str) -> Option<Language> {
    let mut best: Option<(u16, Language)> = None;
    let mut refused: Vec<Language> = Vec::new();
    for entry in header.split(',') {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        if tag.is_empty() || tag.len() > 35 {
            continue;
        }
        let weight = parts.map(str::trim).find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")));
        let q = match weight {
            Some(text) => match quality(text) {
                Some(q) => q,
                None => continue,
            },
            None => 1000,
        };
        let language = if tag == "*" { Some(Language::En) } else { Language::from_tag(tag) };
        let Some(language) = language else { continue };
        if q == 0 {
            refused.push(language);
            continue;
        }
        if best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, language));
        }
    }
    best.map(|(_, language)| language).filter(|language| !refused.contains(language))
}

/// A `q` value in thousandths: `0` to `1` with at most three decimals; `None` when malformed.
fn quality(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_on_their_primary_subtag() {
        assert_eq!(Language::from_tag("fr-CH"), Some(Language::Fr));
        assert_eq!(Language::from_tag("ZH-Hant-TW"), Some(Language::Zh));
        assert_eq!(Language::from_tag("pt_BR"), Some(Language::Pt));
        assert_eq!(Language::from_tag("de"), None);
        assert_eq!(Language::from_tag(""), None);
        assert!(Language::Ar.right_to_left() && !Language::Fr.right_to_left());
    }

    #[test]
    fn the_header_is_negotiated_by_q_values_subtags_and_order() {
        assert_eq!(negotiate("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), Some(Language::Fr));
        assert_eq!(negotiate("de-DE, es;q=0.4, en;q=0.3"), Some(Language::Es), "unknown tags are skipped");
        assert_eq!(negotiate("en;q=0.2, ar;q=0.9"), Some(Language::Ar), "the highest q wins, wherever it is");
        assert_eq!(negotiate("ru, zh"), Some(Language::Ru), "ties go to the first");
        assert_eq!(negotiate("*"), Some(Language::En));
        assert_eq!(negotiate("de, *;q=0.1"), Some(Language::En), "the wildcard stands for English");
        assert_eq!(negotiate("de, it"), None);
        assert_eq!(negotiate(""), None);
        assert_eq!(negotiate("fr;q=0, es;q=0.5"), Some(Language::Es), "q=0 refuses");
        assert_eq!(negotiate("fr;q=0, fr-CA"), None, "a refused language is never chosen");
        assert_eq!(negotiate("fr;q=1.5, es;q=0.5"), Some(Language::Es), "a malformed q skips its entry");
        assert_eq!(negotiate("fr;q=abc, es"), Some(Language::Es));
        assert_eq!(negotiate("es;q=0.501, fr;q=0.5"), Some(Language::Es), "three decimals count");
        assert_eq!(negotiate(" , ;q=1, es "), Some(Language::Es), "empty entries are skipped");
    }
}
