//! The one content filter: lists, search (and later coverage and export) take it, and it is checked in one place.
//! AND across fields, OR within a list; an absent list does not filter. Plain keys throughout.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use hub_entity::enums::{ContentKind, Status};

/// The most values one list input (or list filter) takes.
pub const MAX_LIST: usize = 250;

/// A list input of at most `MAX_LIST` values.
pub fn list<T>(values: Option<&[T]>, field: &str) -> AppResult<()> {
    match values {
        Some(values) if values.len() > MAX_LIST => {
            Err(AppError::bad_input(field, format!("`{field}` takes at most {MAX_LIST} values")))
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentFilter {
    /// Content kinds (search's `types`); a list is of one kind and leaves this empty.
    pub kinds: Option<Vec<ContentKind>>,
    /// GCM objective numbers, 1 to 23.
    pub objectives: Option<Vec<i32>>,
    pub principles: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes (upper case once validated).
    pub countries: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    /// Slugs of the calls for practices the records answer (only practices answer calls).
    pub calls: Option<Vec<String>>,
    /// Organization row ids (decoded from their global ids).
    pub organizations: Option<Vec<i64>>,
    /// BCP 47 tags.
    pub languages: Option<Vec<String>>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Honoured in lists for editors only; everybody else, and every search, reads published records.
    pub statuses: Option<Vec<Status>>,
}

impl ContentFilter {
    /// Refuses values that can never match instead of silently answering nothing, and brings country codes to
    /// upper case.
    pub fn validated(mut self) -> AppResult<Self> {
        list(self.objectives.as_deref(), "objectives")?;
        list(self.principles.as_deref(), "principles")?;
        list(self.regions.as_deref(), "regions")?;
        list(self.countries.as_deref(), "countries")?;
        list(self.themes.as_deref(), "themes")?;
        list(self.calls.as_deref(), "calls")?;
        list(self.organizations.as_deref(), "organizations")?;
        list(self.languages.as_deref(), "languages")?;
        if let Some(bad) = self.objectives.iter().flatten().find(|n| !(1..=23).contains(*n)) {
            return Err(AppError::bad_input("objectives", format!("objective {bad} does not exist (1 to 23)")));
        }
        if let Some(bad) =
            self.countries.iter().flatten().find(|c| c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_alphabetic()))
        {
            return Err(AppError::bad_input("countries", format!("`{bad}` is not an ISO 3166-1 alpha-3 code")));
        }
        if let (Some(from), Some(to)) = (self.year_from, self.year_to)
            && from > to
        {
            return Err(AppError::bad_input("yearTo", "`yearTo` is before `yearFrom`"));
        }
        if let Some(countries) = &mut self.countries {
            countries.iter_mut().for_each(|code| code.make_ascii_uppercase());
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(filter: ContentFilter) -> Option<String> {
        match filter.validated() {
            Err(AppError::BadUserInput { field, .. }) => field,
            _ => None,
        }
    }

    #[test]
    fn impossible_values_are_refused_by_field() {
        for bad in [0, 24, -5] {
            let filter = ContentFilter { objectives: Some(vec![bad]), ..Default::default() };
            assert_eq!(field_of(filter).as_deref(), Some("objectives"));
        }
        let years = ContentFilter { year_from: Some(2021), year_to: Some(2020), ..Default::default() };
        assert_eq!(field_of(years).as_deref(), Some("yearTo"));
        let country = ContentFilter { countries: Some(vec!["MEXICO".into()]), ..Default::default() };
        assert_eq!(field_of(country).as_deref(), Some("countries"));
        let many = ContentFilter { themes: Some(vec![String::new(); MAX_LIST + 1]), ..Default::default() };
        assert_eq!(field_of(many).as_deref(), Some("themes"));
    }

    #[test]
    fn country_codes_come_out_upper_case() -> AppResult<()> {
        let filter = ContentFilter { countries: Some(vec!["mex".into()]), ..Default::default() }.validated()?;
        assert_eq!(filter.countries, Some(vec!["MEX".to_string()]));
        Ok(())
    }
}
