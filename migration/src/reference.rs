//! Reference facts: the CSV files under `data/` (copied from the Network's published lists) and every
//! ISO 3166-1 country from the `keshvar` crate, mapped to the GCM regional review process it takes part in.

use keshvar::{CountryIterator, Region, SubRegion};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Objective {
    pub number: i32,
    pub title: String,
    pub short_label: String,
}

#[derive(Debug, Deserialize)]
pub struct Keyed {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct RegionalReview {
    pub key: String,
    pub region: String,
    pub commission: String,
    pub first_review: String,
}

#[derive(Debug, Deserialize)]
pub struct Champion {
    pub iso3: String,
    pub name: String,
}

/// A reference label in a language other than English (English lives in the reference tables themselves).
#[derive(Debug, Deserialize)]
pub struct Label {
    /// `objective` (official title), `objective_short` (short label), `principle`, `region` or `theme`.
    pub subject: String,
    /// The objective's number, or the principle's, region's or theme's key.
    pub key: String,
    pub text: String,
    /// `official` (the text of A/RES/73/195 in that language), `network` (the Network's own label on its hub, in
    /// that language) or `working` (the hub's working translation, to be replaced by an official one).
    pub source: String,
}

/// The languages of `data/labels/`, besides English: the six official UN languages and Portuguese.
pub const LABEL_LANGUAGES: [&str; 6] = ["ar", "es", "fr", "pt", "ru", "zh"];

#[derive(Debug)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    pub region_key: Option<&'static str>,
}

/// The date the November 2020 list of champions is filed under.
pub const CHAMPIONS_SINCE: (i32, u32, u32) = (2020, 11, 1);

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Vec<T>, String> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|error| format!("reference data does not parse: {error}"))
}

pub fn objectives() -> Result<Vec<Objective>, String> {
    parse(include_str!("../data/gcm_objectives.csv"))
}

pub fn principles() -> Result<Vec<Keyed>, String> {
    parse(include_str!("../data/guiding_principles.csv"))
}

pub fn themes() -> Result<Vec<Keyed>, String> {
    parse(include_str!("../data/themes.csv"))
}

/// Every label of `data/labels/{language}.csv`, by language.
pub fn labels() -> Result<Vec<(&'static str, Vec<Label>)>, String> {
    let files = [
        include_str!("../data/labels/ar.csv"),
        include_str!("../data/labels/es.csv"),
        include_str!("../data/labels/fr.csv"),
        include_str!("../data/labels/pt.csv"),
        include_str!("../data/labels/ru.csv"),
        include_str!("../data/labels/zh.csv"),
    ];
    LABEL_LANGUAGES.into_iter().zip(files).map(|(language, text)| Ok((language, parse(text)?))).collect()
}

pub fn regional_reviews() -> Result<Vec<RegionalReview>, String> {
    parse(include_str!("../data/regional_reviews.csv"))
}

pub fn champions() -> Result<Vec<Champion>, String> {
    parse(include_str!("../data/champion_countries_2020-11.csv"))
}

/// Members of ESCWA, which convenes the Arab regional review; they take part there rather than in the review
/// of their continent.
const ESCWA_MEMBERS: &[&str] = &[
    "DZA", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN",
    "SYR", "TUN", "ARE", "YEM",
];

/// Western Asian members of UNECE, which convenes the Europe and North America review.
const UNECE_IN_WESTERN_ASIA: &[&str] = &["ARM", "AZE", "CYP", "GEO", "ISR", "TUR"];

/// The regional review a country takes part in, from its UN M49 region and subregion.
pub fn review_region(iso3: &str, region: Option<Region>, subregion: Option<SubRegion>) -> Option<&'static str> {
    if ESCWA_MEMBERS.contains(&iso3) {
        return Some("arab");
    }
    if UNECE_IN_WESTERN_ASIA.contains(&iso3) {
        return Some("unece");
    }
    match (region?, subregion) {
        (Region::Europe, _) => Some("unece"),
        (Region::Americas, Some(SubRegion::NorthernAmerica)) => Some("unece"),
        (Region::Americas, _) => Some("lac"),
        (Region::Africa, _) => Some("africa"),
        (Region::Asia, Some(SubRegion::CentralAsia)) => Some("unece"),
        (Region::Asia, _) | (Region::Oceania, _) => Some("asia_pacific"),
        _ => None,
    }
}

/// Every ISO 3166-1 country and territory, sorted by code.
pub fn countries() -> Vec<Country> {
    let mut all: Vec<Country> = CountryIterator::new()
        .map(|country| {
            let iso3 = country.alpha3().to_string();
            let region_key = review_region(&iso3, country.maybe_region(), country.maybe_subregion());
            Country { iso3, name: country.iso_short_name().to_string(), region_key }
        })
        .collect();
    all.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_country_is_listed_once_with_three_letter_code() {
        let all = countries();
        assert!(all.len() >= 249, "{} countries", all.len());
        assert!(all.windows(2).all(|pair| pair[0].iso3 < pair[1].iso3));
        assert!(all.iter().all(|c| c.iso3.len() == 3 && !c.name.is_empty()));
    }

    #[test]
    fn regions_follow_the_review_processes() {
        let region_of = |code: &str| countries().into_iter().find(|c| c.iso3 == code).and_then(|c| c.region_key);
        assert_eq!(region_of("CAN"), Some("unece"));
        assert_eq!(region_of("PRT"), Some("unece"));
        assert_eq!(region_of("MEX"), Some("lac"));
        assert_eq!(region_of("MAR"), Some("arab"));
        assert_eq!(region_of("JOR"), Some("arab"));
        assert_eq!(region_of("GHA"), Some("africa"));
        assert_eq!(region_of("PHL"), Some("asia_pacific"));
        assert_eq!(region_of("FJI"), Some("asia_pacific"));
        assert_eq!(region_of("KAZ"), Some("unece"));
        assert_eq!(region_of("TUR"), Some("unece"));
    }

    /// Every language file names every objective (title and short label), principle, region and starter theme once,
    /// with a known source, and nothing else.
    #[test]
    fn every_label_exists_in_every_language() -> Result<(), String> {
        let mut expected: Vec<(String, String)> = Vec::new();
        for o in objectives()? {
            expected.push(("objective".into(), o.number.to_string()));
            expected.push(("objective_short".into(), o.number.to_string()));
        }
        expected.extend(principles()?.into_iter().map(|p| ("principle".to_string(), p.key)));
        expected.extend(regional_reviews()?.into_iter().map(|r| ("region".to_string(), r.key)));
        expected.extend(themes()?.into_iter().map(|t| ("theme".to_string(), t.key)));
        expected.sort();
        for (language, labels) in labels()? {
            let mut found: Vec<(String, String)> = labels.iter().map(|l| (l.subject.clone(), l.key.clone())).collect();
            found.sort();
            assert_eq!(found, expected, "{language}: one label per subject and key");
            for label in &labels {
                assert!(["official", "network", "working"].contains(&label.source.as_str()), "{language}: {label:?}");
                assert!(!label.text.trim().is_empty() && label.text == label.text.trim(), "{language}: {label:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn csv_facts_are_complete() -> Result<(), String> {
        assert_eq!(objectives()?.len(), 23);
        assert_eq!(principles()?.len(), 10);
        assert_eq!(regional_reviews()?.len(), 5);
        let champions = champions()?;
        assert_eq!(champions.len(), 15);
        let codes: Vec<String> = countries().into_iter().map(|c| c.iso3).collect();
        assert!(champions.iter().all(|c| codes.contains(&c.iso3)), "every champion is a known country");
        Ok(())
    }
}
