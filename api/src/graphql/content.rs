//! What the three content types share: common fields, filter and order inputs, and the list/lookup resolvers.

use super::connection::{Connection, Counter};
use super::enums::{ContentStatus, OrderDirection};
use super::id::{self, NodeType};
use super::loaders::{CountriesOf, ObjectivesOf, PrinciplesOf, RegionsOf, ThemesOf, TranslationsOf};
use super::reference::{Country, GcmObjective, GuidingPrinciple, Region, Theme};
use super::{db, load_list, request, tables};
use crate::error::{AppError, AppResult};
use crate::service::content::{self, ContentFilter, ContentOrder, ContentQuery, OrderField};
use crate::service::page::PageArgs;
use async_graphql::{Context, Enum, ID, Object, OutputType};
use chrono::{DateTime, Utc};
use hub_entity::content as row;
use hub_entity::country;
use hub_entity::enums::ContentKind;
use std::sync::Arc;

/// Fields every practice, guidance tool and peer exchange has; flattened into each type.
pub struct ContentFields(pub row::Model);

#[Object]
impl ContentFields {
    /// Unique among records of the same type; stable, for URLs.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// BCP 47 language tag, e.g. `en`, `fr`, `es`.
    async fn language(&self) -> &str {
        &self.0.language
    }

    async fn status(&self) -> ContentStatus {
        self.0.status.into()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// The year the record is filed under (a practice's start, a tool's publication, an exchange's date).
    async fn year(&self) -> Option<i32> {
        self.0.year
    }

    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// Increases with every edit; updates must name the version they edit.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// By number.
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GcmObjective>> {
        let keys = load_list(ctx, ObjectivesOf(self.0.id), |l| l.objective_number).await?;
        Ok(tables(ctx)?.objectives(keys).await?.into_iter().map(GcmObjective).collect())
    }

    /// In the Compact's order.
    async fn principles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidingPrinciple>> {
        let keys = load_list(ctx, PrinciplesOf(self.0.id), |l| l.principle_key).await?;
        let mut rows = tables(ctx)?.principles(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(GuidingPrinciple).collect())
    }

    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        let keys = load_list(ctx, ThemesOf(self.0.id), |l| l.theme_key).await?;
        let mut rows = tables(ctx)?.themes(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(Theme).collect())
    }

    async fn regions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Region>> {
        let keys = load_list(ctx, RegionsOf(self.0.id), |l| l.region_key).await?;
        let mut rows = tables(ctx)?.regions(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(Region).collect())
    }

    /// By name.
    async fn countries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Country>> {
        let keys = load_list(ctx, CountriesOf(self.0.id), |l| l.country_iso3).await?;
        Ok(sorted_countries(tables(ctx)?.countries(keys).await?))
    }
}

/// Countries in name order.
pub fn sorted_countries(mut rows: Vec<country::Model>) -> Vec<Country> {
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows.into_iter().map(Country).collect()
}

/// The same record in other languages, as the caller may read them.
pub async fn translations<T>(
    ctx: &Context<'_>,
    model: &row::Model,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Vec<T>> {
    let (id, kind) = (model.id, model.kind);
    let others = load_list(ctx, TranslationsOf(model.translation_key.clone()), |m: row::Model| m).await?;
    Ok(others.into_iter().filter(|m| m.id != id && m.kind == kind).map(wrap).collect())
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum ContentOrderField {
    #[default]
    PublishedAt,
    UpdatedAt,
    Title,
}

/// Declares the filter and order inputs of one content type (the same fields for all three).
macro_rules! content_inputs {
    ($filter:ident, $order:ident, $what:literal) => {
        #[doc = concat!("Filters on ", $what, ": AND across fields, OR within a list.")]
        #[derive(async_graphql::InputObject, Default, Debug)]
        pub struct $filter {
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
            /// Organization ids (implementers, partners, publishers, co-hosts).
            pub organizations: Option<Vec<async_graphql::ID>>,
            /// BCP 47 language tags.
            pub languages: Option<Vec<String>>,
            pub year_from: Option<i32>,
            pub year_to: Option<i32>,
            /// Records changed at or after this instant, for incremental sync.
            pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
            /// Editors only; everybody else gets published records whatever they ask.
            pub statuses: Option<Vec<crate::graphql::enums::ContentStatus>>,
        }

        impl TryFrom<$filter> for crate::service::content::ContentFilter {
            type Error = crate::error::AppError;

            fn try_from(input: $filter) -> Result<Self, Self::Error> {
                crate::graphql::content::filter(
                    crate::service::content::ContentFilter {
                        objectives: input.objectives,
                        principles: input.principles,
                        regions: input.regions,
                        countries: input.countries,
                        themes: input.themes,
                        organizations: None,
                        languages: input.languages,
                        year_from: input.year_from,
                        year_to: input.year_to,
                        updated_since: input.updated_since,
                        statuses: input.statuses.map(|s| s.into_iter().map(Into::into).collect()),
                    },
                    input.organizations,
                )
            }
        }

        #[doc = concat!("How to order ", $what, ".")]
        #[derive(async_graphql::InputObject, Default, Debug, Clone, Copy)]
        pub struct $order {
            #[graphql(default)]
            pub field: crate::graphql::content::ContentOrderField,
            #[graphql(default)]
            pub direction: crate::graphql::enums::OrderDirection,
        }

        impl From<$order> for crate::service::content::ContentOrder {
            fn from(order: $order) -> Self {
                crate::graphql::content::order(order.field, order.direction)
            }
        }
    };
}
pub(crate) use content_inputs;

/// Completes a filter with its organization ids, decoded from global ids.
pub fn filter(mut filter: ContentFilter, organizations: Option<Vec<ID>>) -> AppResult<ContentFilter> {
    if let Some(ids) = organizations {
        crate::service::validate::list(Some(&ids), "organizations")?;
        let decoded = ids.iter().map(|id| id::decode_as(id, NodeType::Organization, "organizations"));
        filter.organizations = Some(decoded.collect::<AppResult<Vec<i64>>>()?);
    }
    Ok(filter)
}

pub fn order(field: ContentOrderField, direction: OrderDirection) -> ContentOrder {
    let field = match field {
        ContentOrderField::PublishedAt => OrderField::PublishedAt,
        ContentOrderField::UpdatedAt => OrderField::UpdatedAt,
        ContentOrderField::Title => OrderField::Title,
    };
    ContentOrder { field, ascending: direction == OrderDirection::Asc }
}

/// A list resolver: one page of a content type, with a lazy `totalCount`.
pub async fn list<T: OutputType + Clone>(
    ctx: &Context<'_>,
    kind: ContentKind,
    args: PageArgs,
    filter: AppResult<ContentFilter>,
    order: ContentOrder,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Connection<T>> {
    let db = db(ctx)?.clone();
    let query = ContentQuery::new(kind, request(ctx)?.viewer.clone(), filter?)?;
    let page = query.page(&db, order, &args).await?;
    let counter: Counter = Arc::new(move || {
        let (db, query) = (db.clone(), query.clone());
        Box::pin(async move { query.count(&db).await })
    });
    Ok(Connection::new(page, wrap, counter))
}

/// A single-record resolver: by global id or by slug (exactly one of them).
pub async fn one<T>(
    ctx: &Context<'_>,
    kind: ContentKind,
    node_type: NodeType,
    id: Option<ID>,
    slug: Option<String>,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Option<T>> {
    let db = db(ctx)?;
    let viewer = &request(ctx)?.viewer;
    let found = match (id, slug) {
        (Some(id), None) => match id::decode(&id, "id")? {
            (found_type, number) if found_type == node_type => {
                content::by_ids(db, viewer, &[number]).await?.into_iter().find(|m| m.kind == kind)
            }
            _ => None,
        },
        (None, Some(slug)) => content::by_slug(db, viewer, kind, &slug).await?,
        _ => return Err(AppError::bad_input("id", "give exactly one of `id` and `slug`").into()),
    };
    Ok(found.map(wrap))
}
