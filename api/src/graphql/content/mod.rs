//! The content records (practices, guidance tools, peer exchanges, calls for practices, collections, review
//! submissions): what the types
//! share (common fields, the list filter and order fields, the list and lookup resolvers) here; the types themselves,
//! their queries and the `SearchNode` union in `record` (one `content_type!` line each); what only one kind has in
//! `practice`, `guidance_tool`, `peer_exchange`, `call_for_practices`, `collection`, `review_submission` (its own fields from its
//! declaration, through `own`); their mutations in `*_mutation`, each one
//! `content_mutations!` block (`mutations`) beside the kind's details input, on the shared inputs of `input`.

pub mod call_for_practices;
pub mod call_for_practices_mutation;
pub mod collection;
pub mod collection_mutation;
pub mod guidance_tool;
pub mod guidance_tool_mutation;
pub mod input;
pub mod mutations;
pub mod own;
pub mod peer_exchange;
pub mod peer_exchange_mutation;
pub mod practice;
pub mod practice_mutation;
pub mod record;
pub mod review_submission;
pub mod review_submission_mutation;

use crate::db::tags::{ContentTags, TagKinds};
use crate::domain::filter::ContentFilter;
use crate::domain::kind::RecordType;
use crate::error::{AppError, AppResult};
use crate::graphql::connection::{Connection, Counter};
use crate::graphql::enums::{ContentStatus, OrderDirection};
use crate::graphql::filter::FilterFields;
use crate::graphql::id;
use crate::graphql::loaders::{AllTagsOf, TagsOf, TranslationsOf};
use crate::graphql::reference::{Country, GcmObjective, GuidingPrinciple, Region, Theme};
use crate::graphql::{db, load, load_list, request, tables};
use crate::service::content::query::{self as content, By, ContentOrder, ContentQuery, OrderField, Tagged};
use crate::service::page::PageArgs;
use async_graphql::{Context, Enum, ID, InputObject, Lookahead, Object, OutputType};
use chrono::{DateTime, Utc};
use hub_entity::content as row;
use hub_entity::country;
use hub_entity::enums::ContentKind;
use std::sync::Arc;

/// Fields every content record has (practice, tool, exchange, call, collection); flattened into each type.
pub struct ContentFields(pub row::Model);

impl ContentFields {
    /// The record's tags, holding at least the kinds `needed` (see `tags_of`).
    async fn tags(&self, ctx: &Context<'_>, needed: TagKinds) -> async_graphql::Result<ContentTags> {
        tags_of(ctx, self.0.id, needed).await
    }
}

/// A record's tags, holding at least the kinds `needed`: those its page read with its row when they cover them (the
/// page read the kinds its selection shows), otherwise every kind, batched with the other records of the level.
pub async fn tags_of(ctx: &Context<'_>, id: i64, needed: TagKinds) -> async_graphql::Result<ContentTags> {
    match load(ctx, TagsOf(id)).await? {
        Some(tags) if tags.read.holds(needed) => Ok(tags),
        // Fed by a page that read other kinds (another field of the request shows this record too).
        Some(_) => Ok(load(ctx, AllTagsOf(id)).await?.unwrap_or_default()),
        None => Ok(ContentTags::default()),
    }
}

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
        let keys = self.tags(ctx, TagKinds::OBJECTIVES).await?.objectives;
        Ok(tables(ctx)?.objectives(keys).await?.into_iter().map(GcmObjective).collect())
    }

    /// In the Compact's order.
    async fn principles(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidingPrinciple>> {
        let keys = self.tags(ctx, TagKinds::PRINCIPLES).await?.principles;
        let mut rows = tables(ctx)?.principles(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(GuidingPrinciple).collect())
    }

    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        let keys = self.tags(ctx, TagKinds::THEMES).await?.themes;
        let mut rows = tables(ctx)?.themes(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(Theme).collect())
    }

    async fn regions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Region>> {
        let keys = self.tags(ctx, TagKinds::REGIONS).await?.regions;
        let mut rows = tables(ctx)?.regions(keys).await?;
        rows.sort_by_key(|row| row.position);
        Ok(rows.into_iter().map(Region).collect())
    }

    /// By name.
    async fn countries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Country>> {
        let keys = self.tags(ctx, TagKinds::COUNTRIES).await?.countries;
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

/// The fields of the list filters, flattened into `PracticeFilter`, `GuidanceToolFilter` and `PeerExchangeFilter`
/// (each keeps its own description): the one filter's fields, and the statuses editors may ask for.
#[derive(InputObject, Default, Debug)]
pub struct ListFilterFields {
    #[graphql(flatten)]
    pub fields: FilterFields,
    /// Editors only; everybody else gets published records whatever they ask.
    pub statuses: Option<Vec<ContentStatus>>,
}

impl ListFilterFields {
    /// The one content filter (checked by the service).
    pub fn into_filter(self) -> AppResult<ContentFilter> {
        let statuses = self.statuses.map(|s| s.into_iter().map(Into::into).collect());
        self.fields.into_filter(None, statuses)
    }
}

/// The fields of the order inputs, flattened into `PracticeOrder`, `GuidanceToolOrder` and `PeerExchangeOrder`.
#[derive(InputObject, Default, Debug, Clone, Copy)]
pub struct ListOrderFields {
    #[graphql(default)]
    pub field: ContentOrderField,
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl From<ListOrderFields> for ContentOrder {
    fn from(order: ListOrderFields) -> Self {
        let field = match order.field {
            ContentOrderField::PublishedAt => OrderField::PublishedAt,
            ContentOrderField::UpdatedAt => OrderField::UpdatedAt,
            ContentOrderField::Title => OrderField::Title,
        };
        ContentOrder { field, ascending: order.direction == OrderDirection::Asc }
    }
}

/// A list resolver: one page of a content type, with a lazy `totalCount`. The rows' tags come in the page's
/// statement, of the kinds the selection shows.
pub async fn list<T: OutputType + Clone>(
    ctx: &Context<'_>,
    kind: ContentKind,
    args: PageArgs,
    filter: ListFilterFields,
    order: ListOrderFields,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Connection<T>> {
    let db = db(ctx)?.clone();
    let order = ContentOrder::from(order);
    let query = ContentQuery::new(kind, request(ctx)?.viewer.clone(), filter.into_filter()?)?;
    let look_ahead = ctx.look_ahead();
    let tags = shown_tags(look_ahead.field("nodes")) | shown_tags(look_ahead.field("edges").field("node"));
    let mut page = query.page(&db, order, &args, tags).await?;
    feed_tags(ctx, page.items.iter_mut().map(|(_, tagged)| tagged)).await?;
    let counter: Counter = Arc::new(move || {
        let (db, query) = (db.clone(), query.clone());
        Box::pin(async move { query.count(&db).await })
    });
    Ok(Connection::new(page, |tagged| wrap(tagged.row), counter))
}

/// The fields of a content type that read its tags, and the kinds each reads.
const TAG_FIELDS: [(&str, TagKinds); 6] = [
    ("objectives", TagKinds::OBJECTIVES),
    ("principles", TagKinds::PRINCIPLES),
    ("themes", TagKinds::THEMES),
    ("regions", TagKinds::REGIONS),
    ("countries", TagKinds::COUNTRIES),
    ("submissionChecklist", TagKinds::ALL),
];

/// The kinds of tags a content record's selection (fragments included) shows.
fn shown_tags(selection: Lookahead<'_>) -> TagKinds {
    TAG_FIELDS
        .iter()
        .filter(|(field, _)| selection.field(field).exists())
        .fold(TagKinds::NONE, |kinds, (_, kind)| kinds | *kind)
}

/// Hands tags read with their rows to the request's `TagsOf` loader, so that the tag fields read no more (each
/// entry says which kinds it holds: see `tags_of`).
async fn feed_tags<'a>(ctx: &Context<'_>, rows: impl Iterator<Item = &'a mut Tagged>) -> async_graphql::Result<()> {
    let tags: Vec<(TagsOf, ContentTags)> =
        rows.filter_map(|tagged| Some((TagsOf(tagged.row.id), tagged.tags.take()?))).collect();
    if !tags.is_empty() {
        request(ctx)?.loaders.feed_many(tags).await;
    }
    Ok(())
}

/// A single-record resolver: by global id or by slug (exactly one of them), with its tags in the same statement
/// when the selection asks for any of them.
pub async fn one<T>(
    ctx: &Context<'_>,
    kind: ContentKind,
    id: Option<ID>,
    slug: Option<String>,
    wrap: fn(row::Model) -> T,
) -> async_graphql::Result<Option<T>> {
    let db = db(ctx)?;
    let viewer = &request(ctx)?.viewer;
    let by = match (&id, &slug) {
        (Some(id), None) => match id::decode(id, "id")? {
            (found_type, number) if found_type == RecordType::Content(kind) => By::Id(number),
            _ => return Ok(None),
        },
        (None, Some(slug)) => By::Slug(slug),
        _ => return Err(AppError::bad_input("id", "give exactly one of `id` and `slug`").into()),
    };
    let mut found = content::one(db, viewer, kind, by, shown_tags(ctx.look_ahead())).await?;
    feed_tags(ctx, found.iter_mut()).await?;
    Ok(found.map(|tagged| wrap(tagged.row)))
}
