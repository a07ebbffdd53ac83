//! `enumLabels`: the display labels of the enum values people see (content types, statuses, completion, kinds,
//! stances…), in the request's language, from the Fluent files every page uses too (`crate::i18n`).

use super::changes::ChangeKind;
use super::content::call_for_practices::CallStatus;
use super::content::review_submission::Stance;
use super::enums::{
    Completion, ContentStatus, ContentType, ExchangeFormat, GeographicLevel, OrganizationKind, Participation,
    ResourceKind, SubmitterKind, ToolKind,
};
use super::language::LanguageCode;
use super::request;
use crate::i18n;
use async_graphql::{Context, EnumType, InputType, Object, SimpleObject};

/// The display label of one enum value.
#[derive(SimpleObject)]
pub struct EnumLabel {
    /// The GraphQL enum, e.g. `Completion`.
    #[graphql(name = "enum")]
    pub enum_name: String,
    /// The value as the API sends it, e.g. `MOSTLY_COMPLETED`.
    pub value: String,
    /// For people, e.g. “Mostly completed”.
    pub label: String,
    pub language: LanguageCode,
}

/// Every value of `T` with its label in `language`.
fn labels_of<T: EnumType + InputType>(language: crate::domain::language::Language) -> impl Iterator<Item = EnumLabel> {
    let name = <T as InputType>::type_name();
    T::items().iter().map(move |item| EnumLabel {
        enum_name: name.to_string(),
        value: item.name.to_string(),
        label: i18n::enum_label(language, &name, item.name),
        language: language.into(),
    })
}

#[derive(Default)]
pub struct EnumLabelQuery;

#[Object]
impl EnumLabelQuery {
    /// The display labels of the enum values the hub's pages show, in `language`, else the request's language
    /// (`@inContext`, `Accept-Language`), else English: for frontends that show them without keeping their own
    /// translations. Every label exists in every language the hub speaks.
    async fn enum_labels(
        &self,
        ctx: &Context<'_>,
        language: Option<LanguageCode>,
    ) -> async_graphql::Result<Vec<EnumLabel>> {
        let language = language.map(Into::into).or(request(ctx)?.language).unwrap_or_default();
        Ok(labels_of::<ContentType>(language)
            .chain(labels_of::<ContentStatus>(language))
            .chain(labels_of::<Completion>(language))
            .chain(labels_of::<GeographicLevel>(language))
            .chain(labels_of::<SubmitterKind>(language))
            .chain(labels_of::<ResourceKind>(language))
            .chain(labels_of::<ToolKind>(language))
            .chain(labels_of::<ExchangeFormat>(language))
            .chain(labels_of::<Participation>(language))
            .chain(labels_of::<ChangeKind>(language))
            .chain(labels_of::<Stance>(language))
            .chain(labels_of::<CallStatus>(language))
            .chain(labels_of::<OrganizationKind>(language))
            .collect())
    }
}
