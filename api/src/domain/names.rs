//! Country names in every language the hub speaks, from the Unicode CLDR through ICU4X's display names (compiled
//! data, no file read at run time). English names stay those of the `countries` table (ISO 3166-1 short names from
//! the `keshvar` crate), which partners already rely on.

use crate::domain::language::Language;
use icu_experimental::displaynames::DisplayNamesOptions;
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_locale_core::subtags::Region;
use icu_locale_core::{LanguageIdentifier, Locale};
use std::sync::LazyLock;

/// One display-name table per language, loaded once.
static NAMES: LazyLock<Vec<(Language, RegionDisplayNames)>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .filter_map(|language| {
            let id: LanguageIdentifier = language.tag().parse().ok()?;
            let names = RegionDisplayNames::try_new(Locale::from(id).into(), DisplayNamesOptions::default()).ok()?;
            Some((language, names))
        })
        .collect()
});

/// The CLDR name of the country with ISO 3166-1 alpha-3 code `iso3` in `language`, when CLDR has one.
pub fn country(iso3: &str, language: Language) -> Option<&'static str> {
    let alpha2 = keshvar::Alpha3::try_from(iso3.to_ascii_uppercase().as_str()).ok()?.to_alpha2().to_string();
    let region: Region = alpha2.parse().ok()?;
    NAMES.iter().find(|(l, _)| *l == language)?.1.of(region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_names_come_from_cldr_in_every_language() {
        assert_eq!(country("FRA", Language::Fr), Some("France"));
        assert_eq!(country("KOR", Language::Es), Some("Corea del Sur"));
        assert_eq!(country("GBR", Language::Ru), Some("Великобритания"));
        assert_eq!(country("CIV", Language::Ar), Some("ساحل العاج"));
        assert_eq!(country("MEX", Language::Zh), Some("墨西哥"));
        assert_eq!(country("XXX", Language::Fr), None);
    }

    /// Every country of the `countries` table has a name in every language.
    #[test]
    fn every_country_has_a_name_in_every_language() {
        for country_row in hub_migration::reference::countries() {
            for language in Language::ALL {
                assert!(country(&country_row.iso3, language).is_some(), "{} in {language}", country_row.iso3);
            }
        }
    }
}
