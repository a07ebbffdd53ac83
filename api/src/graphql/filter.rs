//! The one content filter as GraphQL takes it: [`FilterFields`], flattened into every list filter (with the statuses
//! editors may ask for) and into [`SearchFilter`] (search and coverage), and read into the one
//! `domain::filter::ContentFilter` in one place.

use crate::domain::filter::ContentFilter;
use crate::domain::kind::RecordType;
use crate::error::AppResult;
use crate::graphql::enums::ContentType;
use crate::graphql::id;
use async_graphql::{ID, InputObject};
use chrono::{DateTime, Utc};
use hub_entity::enums::{ContentKind, Status};

/// The fields of the one content filter: AND across fields, OR within a list.
#[derive(InputObject, Default, Debug)]
pub struct FilterFields {
    /// GCM objective numbers (1 to 23).
    pub objectives: Option<Vec<i32>>,
    /// Guiding principle keys, e.g. `human_rights`.
    pub principles: Option<Vec<String>>,
    /// Region keys, e.g. `africa`.
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes.
    pub countries: Option<Vec<String>>,
    /// Theme keys, e.g. `alternatives_to_detention`.
    pub themes: Option<Vec<String>>,
    /// Slugs of calls for practices: practices answering one of them.
    pub calls: Option<Vec<String>>,
    /// Organization ids (implementers, partners, publishers, co-hosts).
    pub organizations: Option<Vec<ID>>,
    /// BCP 47 language tags.
    pub languages: Option<Vec<String>>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// Records changed at or after this instant, for incremental sync.
    pub updated_since: Option<DateTime<Utc>>,
}

impl FilterFields {
    /// The one content filter, with the kinds and statuses the enclosing input adds (checked by the service).
    pub fn into_filter(
        self,
        kinds: Option<Vec<ContentKind>>,
        statuses: Option<Vec<Status>>,
    ) -> AppResult<ContentFilter> {
        Ok(ContentFilter {
            kinds,
            objectives: self.objectives,
            principles: self.principles,
            regions: self.regions,
            countries: self.countries,
            themes: self.themes,
            calls: self.calls,
            organizations: organization_ids(self.organizations)?,
            languages: self.languages,
            year_from: self.year_from,
            year_to: self.year_to,
            updated_since: self.updated_since,
            statuses,
        })
    }
}

/// The row ids of organization global ids given in a filter.
fn organization_ids(ids: Option<Vec<ID>>) -> AppResult<Option<Vec<i64>>> {
    let Some(ids) = ids else { return Ok(None) };
    crate::service::validate::list(Some(&ids), "organizations")?;
    let decoded = ids.iter().map(|id| id::decode_as(id, RecordType::Organization, "organizations"));
    Ok(Some(decoded.collect::<AppResult<Vec<i64>>>()?))
}

/// The list filters, combinable with the text: AND across fields, OR within a list.
#[derive(InputObject, Default)]
pub struct SearchFilter {
    #[graphql(flatten)]
    pub fields: FilterFields,
}

impl SearchFilter {
    /// The one content filter, over the kinds `types` names (all when absent).
    pub fn into_filter(self, types: Option<Vec<ContentType>>) -> AppResult<ContentFilter> {
        self.fields.into_filter(types.map(|types| types.into_iter().map(Into::into).collect()), None)
    }
}
