//! The GraphQL schema: thin resolvers per domain over the service layer, output types built from models.

pub mod audit;
pub mod chain;
pub mod changes;
pub mod connection;
pub mod content;
pub mod cost;
pub mod coverage;
pub mod enum_labels;
pub mod enums;
pub mod filter;
pub mod id;
pub mod language;
pub mod loaders;
pub mod never_null;
pub mod node;
pub mod notification;
pub mod organization;
pub mod organization_mutation;
pub mod reference;
pub mod reference_mutation;
pub mod regional_review;
pub mod regional_review_mutation;
pub mod search;
pub mod shape;
pub mod viewer;
pub mod webhook;

use crate::config::Config;
use crate::domain::language::Language;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::index::SearchEngine;
use crate::service::gate::Gate;
use async_graphql::dataloader::Loader;
use async_graphql::{Context, EmptySubscription, ErrorExtensions, Guard, MergedObject, Schema, SchemaBuilder};
use loaders::{Loaders, Relations};
use sea_orm::DatabaseConnection;
use std::hash::Hash;
use std::sync::Arc;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    content::record::PracticeQuery,
    content::record::GuidanceToolQuery,
    content::record::PeerExchangeQuery,
    content::record::CallForPracticesQuery,
    content::record::CollectionQuery,
    content::record::ReviewSubmissionQuery,
    reference::ReferenceQuery,
    enum_labels::EnumLabelQuery,
    organization::OrganizationQuery,
    regional_review::RegionalReviewQuery,
    node::NodeQuery,
    viewer::ViewerQuery,
    audit::AuditQuery,
    search::SearchQueryRoot,
    coverage::CoverageQuery,
    chain::ChainQuery,
    changes::ChangeQuery,
    webhook::WebhookQuery,
    notification::NotificationQuery,
);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    content::practice_mutation::PracticeMutation,
    content::guidance_tool_mutation::GuidanceToolMutation,
    content::peer_exchange_mutation::PeerExchangeMutation,
    content::call_for_practices_mutation::CallForPracticesMutation,
    content::collection_mutation::CollectionMutation,
    content::review_submission_mutation::ReviewSubmissionMutation,
    organization_mutation::OrganizationMutation,
    regional_review_mutation::RegionalReviewMutation,
    reference_mutation::ReferenceMutation,
    webhook::WebhookMutation,
    notification::NotificationMutation,
);

pub type HubSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// What a resolver knows of the request it serves.
pub struct RequestContext {
    pub viewer: Viewer,
    pub loaders: Loaders,
    /// The language the request asked for: its `@inContext` directive, else its `Accept-Language` header; labels
    /// fall back to English when it asked for none.
    pub language: Option<Language>,
}

impl RequestContext {
    /// `reference`: the reference tables of the request's public epoch (`ReferenceCache::tables`).
    pub fn new(
        db: DatabaseConnection,
        viewer: Viewer,
        reference: Arc<loaders::ReferenceTables>,
        language: Option<Language>,
    ) -> Self {
        RequestContext { loaders: loaders::loaders(db, viewer.clone(), reference), viewer, language }
    }
}

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription).directive(language::InContext)
}

/// The schema with its limits; production mode turns introspection and suggestions off.
pub fn schema(config: &Config, db: DatabaseConnection, search: Arc<dyn SearchEngine>) -> HubSchema {
    let gate = Gate::new(config.expensive_turns(), std::time::Duration::from_millis(config.busy_wait_ms));
    let mut builder = builder()
        .data(db)
        .data(search)
        .data(Arc::new(config.clone()))
        .data(Arc::new(gate))
        .limit_depth(config.max_depth)
        .limit_recursive_depth(config.max_depth * 2)
        .limit_directives(config.max_directives);
    if config.production {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the public schema, as committed in `schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}

/// The coarse role check of a mutation, before its arguments are interpreted (the service checks again, with the
/// record in hand): anonymous callers get `UNAUTHENTICATED`, callers below the role `FORBIDDEN`.
pub struct RoleGuard(pub Role);

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        Ok(request(ctx)?.viewer.require(self.0)?)
    }
}

pub fn request<'a>(ctx: &Context<'a>) -> AppResult<&'a RequestContext> {
    ctx.data::<RequestContext>().map_err(|_| AppError::Internal("request context missing".into()))
}

/// The gate searches and counts take turns at (see `service::gate`).
pub fn gate<'a>(ctx: &Context<'a>) -> AppResult<&'a Gate> {
    Ok(ctx.data::<Arc<Gate>>().map_err(|_| AppError::Internal("gate missing".into()))?.as_ref())
}

/// The configured search engine.
pub fn engine<'a>(ctx: &Context<'a>) -> AppResult<&'a Arc<dyn SearchEngine>> {
    ctx.data::<Arc<dyn SearchEngine>>().map_err(|_| AppError::Internal("no search engine".into()))
}

pub fn db<'a>(ctx: &Context<'a>) -> AppResult<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>().map_err(|_| AppError::Internal("database missing".into()))
}

/// Loads one key through the request's DataLoader.
pub async fn load<K>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Option<<Relations as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Relations: Loader<K, Error = Arc<AppError>>,
{
    request(ctx)?.loaders.load_one(key).await.map_err(|error| error.extend())
}

/// The request's reference tables (objectives, principles, themes, regions, countries).
pub fn tables<'a>(ctx: &Context<'a>) -> AppResult<&'a Relations> {
    Ok(request(ctx)?.loaders.loader())
}

/// Loads a list relation (absent = empty) and wraps each model in its output type.
pub async fn load_list<K, M, T>(ctx: &Context<'_>, key: K, wrap: impl Fn(M) -> T) -> async_graphql::Result<Vec<T>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Relations: Loader<K, Error = Arc<AppError>, Value = Vec<M>>,
{
    Ok(load(ctx, key).await?.unwrap_or_default().into_iter().map(wrap).collect())
}
