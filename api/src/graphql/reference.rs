//! Reference lists: GCM objectives, guiding principles, regions, countries, themes.

use super::enums::{Date, LabelSource};
use super::language::LanguageCode;
use super::{db, request, tables};
use crate::domain::language::Language;
use crate::domain::names;
use crate::error::AppResult;
use crate::service::labels::Localized;
use crate::service::reference;
use async_graphql::{Context, Object, SimpleObject};
use hub_entity::enums::LabelSubject;
use hub_entity::{country, objective, principle, region, theme};

/// The language the request asked for, if any.
fn asked(ctx: &Context<'_>) -> AppResult<Option<Language>> {
    Ok(request(ctx)?.language)
}

/// A reference label in the request's language, else in English.
async fn localized(ctx: &Context<'_>, subject: LabelSubject, key: &str, english: &str) -> AppResult<Localized> {
    Ok(tables(ctx)?.labels().await?.pick(subject, key, asked(ctx)?, english))
}

/// A label in one language.
#[derive(SimpleObject)]
pub struct Label {
    pub language: LanguageCode,
    pub text: String,
    /// `OFFICIAL`: the Global Compact's text (A/RES/73/195) in that language; `NETWORK`: the UN Network on Migration's
    /// own label in that language; `WORKING`: the hub's working translation, to be replaced by an official one;
    /// `EDITOR`: set by the hub's editors.
    pub source: LabelSource,
}

impl From<Localized> for Label {
    fn from(label: Localized) -> Self {
        Label { language: label.language.into(), text: label.text, source: label.source.into() }
    }
}

/// An objective's official title and short label in one language.
#[derive(SimpleObject)]
pub struct ObjectiveLabel {
    pub language: LanguageCode,
    pub title: Label,
    /// In English where the objective has no short label in this language.
    pub short_label: Label,
}

/// The labels of `subject`/`key` in every language (or only `language`).
async fn labels(
    ctx: &Context<'_>,
    subject: LabelSubject,
    key: &str,
    language: Option<LanguageCode>,
    english: &str,
) -> AppResult<Vec<Label>> {
    let table = tables(ctx)?.labels().await?;
    Ok(table.all(subject, key, language.map(Into::into), english).into_iter().map(Label::from).collect())
}

/// One of the 23 objectives of the Global Compact.
#[derive(Clone)]
pub struct GcmObjective(pub objective::Model);

#[Object]
impl GcmObjective {
    async fn number(&self) -> i32 {
        self.0.number
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// The official title, in the request's language (see `language`).
    async fn title(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(localized(ctx, LabelSubject::Objective, &self.key(), &self.0.title).await?.text)
    }

    /// A short label for facets and chips (not an official title), in the request's language where it has one.
    async fn short_label(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(localized(ctx, LabelSubject::ObjectiveShort, &self.key(), &self.0.short_label).await?.text)
    }

    /// The language `title` is in: the request's, or English where the objective has no title in it.
    async fn language(&self, ctx: &Context<'_>) -> async_graphql::Result<LanguageCode> {
        Ok(localized(ctx, LabelSubject::Objective, &self.key(), &self.0.title).await?.language.into())
    }

    /// The title and short label in every language the hub has them in, English first (only `language` when
    /// given), each saying whether it is official: for partners that mirror the taxonomy.
    async fn labels(
        &self,
        ctx: &Context<'_>,
        language: Option<LanguageCode>,
    ) -> async_graphql::Result<Vec<ObjectiveLabel>> {
        let table = tables(ctx)?.labels().await?;
        let key = self.key();
        let titles = table.all(LabelSubject::Objective, &key, language.map(Into::into), &self.0.title);
        Ok(titles
            .into_iter()
            .map(|title| {
                let short = table.pick(LabelSubject::ObjectiveShort, &key, Some(title.language), &self.0.short_label);
                ObjectiveLabel { language: title.language.into(), title: title.into(), short_label: short.into() }
            })
            .collect())
    }
}

impl GcmObjective {
    fn key(&self) -> String {
        self.0.number.to_string()
    }
}

/// One of the ten cross-cutting guiding principles.
#[derive(Clone)]
pub struct GuidingPrinciple(pub principle::Model);

#[Object]
impl GuidingPrinciple {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// In the request's language (see `language`).
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(localized(ctx, LabelSubject::Principle, &self.0.key, &self.0.name).await?.text)
    }

    /// The language `name` is in: the request's, or English where the principle has no name in it.
    async fn language(&self, ctx: &Context<'_>) -> async_graphql::Result<LanguageCode> {
        Ok(localized(ctx, LabelSubject::Principle, &self.0.key, &self.0.name).await?.language.into())
    }

    /// The name in every language the hub has it in, English first (only `language` when given).
    async fn labels(&self, ctx: &Context<'_>, language: Option<LanguageCode>) -> async_graphql::Result<Vec<Label>> {
        Ok(labels(ctx, LabelSubject::Principle, &self.0.key, language, &self.0.name).await?)
    }
}

/// A region of the GCM regional review processes.
#[derive(Clone)]
pub struct Region(pub region::Model);

#[Object]
impl Region {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// In the request's language (see `language`).
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(localized(ctx, LabelSubject::Region, &self.0.key, &self.0.name).await?.text)
    }

    /// The language `name` is in: the request's, or English where the region has no name in it.
    async fn language(&self, ctx: &Context<'_>) -> async_graphql::Result<LanguageCode> {
        Ok(localized(ctx, LabelSubject::Region, &self.0.key, &self.0.name).await?.language.into())
    }

    /// The name in every language the hub has it in, English first (only `language` when given).
    async fn labels(&self, ctx: &Context<'_>, language: Option<LanguageCode>) -> async_graphql::Result<Vec<Label>> {
        Ok(labels(ctx, LabelSubject::Region, &self.0.key, language, &self.0.name).await?)
    }

    /// The UN regional commission convening the region's review.
    async fn commission(&self) -> &str {
        &self.0.commission
    }
}

/// A country or territory (ISO 3166-1).
#[derive(Clone)]
pub struct Country(pub country::Model);

#[Object]
impl Country {
    /// ISO 3166-1 alpha-3 code.
    async fn iso3(&self) -> &str {
        &self.0.iso3
    }

    /// In the request's language, from the Unicode CLDR (see `language`); in English, the ISO 3166-1 short name.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(self.localized(ctx)?.0.to_string())
    }

    /// The language `name` is in: the request's, or English where CLDR has no name in it.
    async fn language(&self, ctx: &Context<'_>) -> async_graphql::Result<LanguageCode> {
        Ok(self.localized(ctx)?.1.into())
    }

    /// The regional review process the country takes part in.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        match &self.0.region_key {
            Some(key) => Ok(tables(ctx)?.regions([key.clone()]).await?.pop().map(Region)),
            None => Ok(None),
        }
    }

    /// Whether the country has offered to act as a GCM Champion.
    async fn is_champion(&self) -> bool {
        self.0.is_champion
    }

    async fn champion_since(&self) -> Option<Date> {
        self.0.champion_since.map(Date)
    }
}

impl Country {
    /// The name in the request's language and that language.
    fn localized(&self, ctx: &Context<'_>) -> AppResult<(&str, Language)> {
        Ok(country_name(&self.0, asked(ctx)?))
    }
}

/// A country's name in `language` (CLDR), else its English name.
pub fn country_name(country: &country::Model, language: Option<Language>) -> (&str, Language) {
    match language.filter(|l| *l != Language::En).and_then(|l| Some((names::country(&country.iso3, l)?, l))) {
        Some(found) => found,
        None => (&country.name, Language::En),
    }
}

/// A theme of the hub, managed by editors; its name can be set in each language.
#[derive(Clone)]
pub struct Theme(pub theme::Model);

#[Object]
impl Theme {
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// In the request's language (see `language`).
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(localized(ctx, LabelSubject::Theme, &self.0.key, &self.0.name).await?.text)
    }

    /// The language `name` is in: the request's, or English where no editor has named the theme in it.
    async fn language(&self, ctx: &Context<'_>) -> async_graphql::Result<LanguageCode> {
        Ok(localized(ctx, LabelSubject::Theme, &self.0.key, &self.0.name).await?.language.into())
    }

    /// The name in every language it has, English first (only `language` when given).
    async fn labels(&self, ctx: &Context<'_>, language: Option<LanguageCode>) -> async_graphql::Result<Vec<Label>> {
        Ok(labels(ctx, LabelSubject::Theme, &self.0.key, language, &self.0.name).await?)
    }
}

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// The 23 GCM objectives, by number.
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GcmObjective>> {
        Ok(reference::objectives(db(ctx)?).await?.into_iter().map(GcmObjective).collect())
    }

    /// The ten guiding principles.
    async fn guiding_principles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidingPrinciple>> {
        Ok(reference::principles(db(ctx)?).await?.into_iter().map(GuidingPrinciple).collect())
    }

    async fn regions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Region>> {
        Ok(reference::regions(db(ctx)?).await?.into_iter().map(Region).collect())
    }

    /// Every country and territory by name, or only the GCM Champions.
    async fn countries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] champions_only: bool,
    ) -> async_graphql::Result<Vec<Country>> {
        Ok(reference::countries(db(ctx)?, champions_only).await?.into_iter().map(Country).collect())
    }

    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(reference::themes(db(ctx)?).await?.into_iter().map(Theme).collect())
    }
}
