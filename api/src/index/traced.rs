//! Every call to the search engine as a trace span (`search.<call>`, with the engine's name), whichever engine it
//! is: one decorator around both, so neither engine carries tracing code. With traces off the spans are disabled
//! at their call sites.

use super::{EngineResult, Ranked, Rebuild, SearchDocument, SearchEngine, SearchQuery, SearchResults};
use crate::telemetry::TARGET;
use std::sync::Arc;
use tracing::Instrument as _;

pub struct Traced(pub Arc<dyn SearchEngine>);

macro_rules! span {
    ($engine:expr, $call:literal) => {
        tracing::info_span!(target: TARGET, "search", otel.name = concat!("search.", $call), otel.kind = "client",
            search.engine = $engine.name())
    };
}

#[async_trait::async_trait]
impl SearchEngine for Traced {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    async fn prepare(&self) -> EngineResult<()> {
        self.0.prepare().instrument(span!(self, "prepare")).await
    }

    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        self.0.search(query).instrument(span!(self, "search")).await
    }

    async fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>> {
        self.0.ranked(query, depth).instrument(span!(self, "ranked")).await
    }

    async fn related(&self, document: &SearchDocument, first: usize) -> EngineResult<Vec<i64>> {
        self.0.related(document, first).instrument(span!(self, "related")).await
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        self.0.upsert(documents).instrument(span!(self, "upsert")).await
    }

    async fn delete(&self, ids: Vec<i64>) -> EngineResult<()> {
        self.0.delete(ids).instrument(span!(self, "delete")).await
    }

    async fn healthy(&self) -> bool {
        self.0.healthy().instrument(span!(self, "healthy")).await
    }

    async fn rebuild(&self) -> EngineResult<Box<dyn Rebuild>> {
        self.0.rebuild().instrument(span!(self, "rebuild")).await
    }
}
