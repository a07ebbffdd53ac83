//! The one app builder: the state every request handler shares, built the same way by `hub serve` and the tests.

use crate::auth::Verifier;
use crate::config::Config;
use crate::graphql::loaders::ReferenceCache;
use crate::graphql::{self, HubSchema};
use crate::http::budget::Budgets;
use crate::http::persisted::PersistedQueries;
use crate::http::response_cache::ResponseCache;
use crate::index::{self, SearchEngine};
use crate::service::epoch;
use crate::service::notifications::People;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request handler needs, built once.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: DatabaseConnection,
    pub schema: HubSchema,
    pub verifier: Arc<Verifier>,
    /// Each client's cost budget.
    pub budgets: Arc<Budgets>,
    pub search: Arc<dyn SearchEngine>,
    /// Anonymous query responses, by public epoch.
    pub responses: Arc<ResponseCache>,
    /// Documents of automatic persisted queries, by hash.
    pub persisted: Arc<PersistedQueries>,
    /// The reference lists, by public epoch.
    pub reference: Arc<ReferenceCache>,
    /// Reads the public epoch for concurrent requests together.
    pub epochs: Arc<epoch::Reader>,
    /// Who signed in, as last written by this process.
    pub people: Arc<People>,
}

impl AppState {
    /// Builds the state over a migrated database. Fails on an unusable token configuration (a secret under 32
    /// bytes, an unreadable key, an identity provider that cannot be discovered), search engine or budget, so a misconfigured server never starts.
    pub async fn new(config: Config, db: DatabaseConnection) -> anyhow::Result<Self> {
        let verifier = Arc::new(Verifier::new(&config).await?);
        anyhow::ensure!(
            config.cost_per_minute == 0 || u64::from(config.cost_burst) >= config.max_cost,
            "HUB_COST_BURST ({}) must be at least HUB_MAX_COST ({}): a request at the ceiling could never be paid",
            config.cost_burst,
            config.max_cost
        );
        let budgets = Arc::new(match &config.redis_url {
            Some(url) => Budgets::shared(config.cost_per_minute, config.cost_burst, url)?,
            None => Budgets::new(config.cost_per_minute, config.cost_burst),
        });
        let search = index::engine(&config)?;
        let schema = graphql::schema(&config, db.clone(), search.clone());
        // The cost model's view of the schema, read once here rather than by the first request.
        std::sync::LazyLock::force(&graphql::shape::SHAPE);
        let responses = Arc::new(ResponseCache::new(config.response_cache_mb));
        let epochs = epoch::Reader::new(db.clone());
        if config.epoch_notify {
            epochs.follow_notifications();
        }
        Ok(AppState {
            config: Arc::new(config),
            epochs,
            db,
            schema,
            verifier,
            budgets,
            search,
            responses,
            persisted: Arc::default(),
            reference: Arc::default(),
            people: Arc::new(People::new()),
        })
    }
}
