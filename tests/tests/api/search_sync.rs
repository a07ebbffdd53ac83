//! Loss-free sync, on every available engine: nothing is lost while the engine is down, when the relay dies
//! mid-batch, or when a reindex is killed; an unreachable Meilisearch fails search fast and nothing else. Afterwards
//! the index holds exactly the published rows.

use crate::search::{CREATE_TOOL, RANKED, SEARCH, assert_index_is_exact, drain, hub, indexed};
use hub::index::{
    EngineError, EngineResult, Ranked, Rebuild, SearchDocument, SearchEngine, SearchQuery, SearchResults,
};
use hub::jobs::reindex;
use hub::jobs::relay::{self, Pass};
use hub::progress::Silent;
use hub_tests::TestApp;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
/// An engine that fails while `down`, and can hang its writes (to be killed mid-batch).
struct Switchable {
    inner: Arc<dyn SearchEngine>,
    down: AtomicBool,
    hang: AtomicBool,
    /// Runs once, after the rebuild's first page: a change made while the index is being rebuilt.
    during_rebuild: std::sync::Mutex<Option<futures_util::future::BoxFuture<'static, ()>>>,
}

#[async_trait::async_trait]
impl SearchEngine for Switchable {
    fn name(&self) -> &'static str {
        "switchable"
    }

    async fn search(&self, query: &SearchQuery) -> EngineResult<SearchResults> {
        self.inner.search(query).await
    }

    async fn ranked(&self, query: &SearchQuery, depth: usize) -> EngineResult<Vec<Ranked>> {
        self.inner.ranked(query, depth).await
    }

    async fn related(&self, document: &SearchDocument, first: usize) -> EngineResult<Vec<i64>> {
        self.inner.related(document, first).await
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        if self.down.load(Ordering::SeqCst) {
            return Err(EngineError::Failed("down".into()));
        }
        if self.hang.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
        self.inner.upsert(documents).await
    }

    async fn delete(&self, ids: Vec<i64>) -> EngineResult<()> {
        if self.down.load(Ordering::SeqCst) {
            return Err(EngineError::Failed("down".into()));
        }
        self.inner.delete(ids).await
    }

    async fn healthy(&self) -> bool {
        !self.down.load(Ordering::SeqCst)
    }

    async fn rebuild(&self) -> EngineResult<Box<dyn Rebuild>> {
        let inner = self.inner.rebuild().await?;
        let during = self.during_rebuild.lock().unwrap().take();
        Ok(Box::new(HangingRebuild { inner, hang: self.hang.load(Ordering::SeqCst), during }))
    }
}

struct HangingRebuild {
    inner: Box<dyn Rebuild>,
    hang: bool,
    during: Option<futures_util::future::BoxFuture<'static, ()>>,
}

#[async_trait::async_trait]
impl Rebuild for HangingRebuild {
    async fn add(&mut self, documents: Vec<SearchDocument>) -> EngineResult<()> {
        self.inner.add(documents).await?;
        if let Some(change) = self.during.take() {
            change.await;
        }
        if self.hang {
            std::future::pending::<()>().await;
        }
        Ok(())
    }

    async fn swap(self: Box<Self>) -> EngineResult<()> {
        self.inner.swap().await
    }
}

fn switchable(app: &TestApp) -> Arc<Switchable> {
    Arc::new(Switchable {
        inner: app.state.search.clone(),
        down: AtomicBool::new(false),
        hang: AtomicBool::new(false),
        during_rebuild: std::sync::Mutex::new(None),
    })
}

/// 500 writes: tools created, half published, some of those archived, some drafts deleted.
async fn five_hundred_writes(app: &TestApp) {
    let editor = app.token("eve", "editor");
    let mut writes = 0;
    let mut n = 0;
    while writes < 500 {
        n += 1;
        let body = app.graphql_as(Some(&editor), CREATE_TOOL, json!({ "title": format!("Handbook {n}") })).await;
        let id = body["data"]["createGuidanceTool"]["guidanceTool"]["id"].clone();
        writes += 1;
        let next = match n % 4 {
            0 => "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }",
            _ => "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
        };
        app.graphql_as(Some(&editor), next, json!({ "id": id })).await;
        writes += 1;
        if n % 3 == 0 && n % 4 != 0 {
            let archive = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }";
            app.graphql_as(Some(&editor), archive, json!({ "id": id })).await;
            writes += 1;
        }
    }
}

#[actix_web::test]
async fn nothing_is_lost_while_the_engine_is_down() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let flaky = switchable(&app);
        flaky.down.store(true, Ordering::SeqCst);
        five_hundred_writes(&app).await;
        assert_eq!(relay::pass(app.db(), flaky.as_ref()).await.unwrap(), Pass::EngineDown, "{engine}");
        let backlog = hub::service::outbox::backlog(app.db()).await.unwrap();
        assert!(backlog.pending >= 500, "{engine}: the writes wait in the outbox: {backlog:?}");
        // Readiness names the lag, and search keeps answering from the last good index.
        let (status, ready, _) = app.send(actix_web::test::TestRequest::get().uri("/readyz")).await;
        assert_eq!(status, 200);
        assert!(ready["search"]["backlog"]["pending"].as_u64().unwrap() >= 500, "{ready}");
        let service = actix_web::test::init_service(hub::http::app(app.state.clone())).await;
        let response = actix_web::test::call_service(
            &service,
            actix_web::test::TestRequest::get().uri("/metrics").peer_addr("127.0.0.1:9".parse().unwrap()).to_request(),
        )
        .await;
        let text = String::from_utf8(actix_web::test::read_body(response).await.to_vec()).unwrap();
        let pending: u64 = text
            .lines()
            .find_map(|line| line.strip_prefix("hub_search_outbox_pending "))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("{text}"));
        assert!(pending >= 500, "{text}");
        flaky.down.store(false, Ordering::SeqCst);
        assert!(matches!(relay::drain(app.db(), flaky.as_ref()).await.unwrap(), Pass::Applied(n) if n >= 500));
        assert_index_is_exact(&app, engine).await;
        assert_eq!(hub::service::outbox::backlog(app.db()).await.unwrap().pending, 0);
    }
}

#[actix_web::test]
async fn a_relay_killed_mid_batch_loses_nothing() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let hanging = switchable(&app);
        hanging.hang.store(true, Ordering::SeqCst);
        five_hundred_writes(&app).await;
        let (db, engine_ref) = (app.db().clone(), hanging.clone());
        let batch = actix_web::rt::spawn(async move { relay::pass(&db, engine_ref.as_ref()).await });
        // Let it claim its batch and hang inside the engine write, then kill it.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        batch.abort();
        assert!(batch.await.is_err(), "{engine}: the batch was killed");
        hanging.hang.store(false, Ordering::SeqCst);
        drain(&app).await;
        assert_index_is_exact(&app, engine).await;
    }
}

#[actix_web::test]
async fn reindex_swaps_and_replays_and_survives_being_killed() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let before = indexed(app.state.search.as_ref()).await;
        // Killed while filling the new index: the live one is untouched and keeps being updated.
        let hanging = switchable(&app);
        hanging.hang.store(true, Ordering::SeqCst);
        let (db, engine_ref) = (app.db().clone(), hanging.clone());
        let rebuild =
            actix_web::rt::spawn(async move { reindex::reindex(&db, engine_ref.as_ref(), &Silent).await.map(|_| ()) });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        rebuild.abort();
        assert!(rebuild.await.is_err(), "{engine}: the reindex was killed");
        assert_eq!(indexed(app.state.search.as_ref()).await, before, "{engine}: live index untouched");
        five_hundred_writes(&app).await;
        drain(&app).await;
        assert_index_is_exact(&app, engine).await;
        // A full reindex: a tool published while it runs (and applied by the relay to the old index) is replayed
        // into the new one after the swap.
        let editor = app.token("eve", "editor");
        let created = app.graphql_as(Some(&editor), CREATE_TOOL, json!({ "title": "Made during the rebuild" })).await;
        let id = created["data"]["createGuidanceTool"]["guidanceTool"]["id"].as_str().unwrap().to_string();
        drain(&app).await;
        let (row, _) = hub_tests::decode_id(&id);
        let probe = switchable(&app);
        let (db, live) = (app.db().clone(), app.state.search.clone());
        let viewer = hub::domain::viewer::Viewer {
            subject: Some("eve".into()),
            role: hub::domain::viewer::Role::Editor,
            organization: None,
            email: None,
        };
        *probe.during_rebuild.lock().unwrap() = Some(Box::pin(async move {
            let publish = hub::service::content::workflow::Transition::Publish;
            let kind = hub_entity::enums::ContentKind::GuidanceTool;
            hub::service::content::workflow::apply(&db, &viewer, kind, row, publish, None, None).await.unwrap();
            relay::drain(&db, live.as_ref()).await.unwrap();
        }));
        let indexed_count = reindex::reindex(app.db(), probe.as_ref(), &Silent).await.unwrap();
        assert!(indexed_count > 0);
        let replayed = hub::service::outbox::backlog(app.db()).await.unwrap().pending;
        assert!(replayed > 0, "{engine}: the change made during the rebuild is pending again after the swap");
        drain(&app).await;
        assert!(indexed(app.state.search.as_ref()).await.contains(&row), "{engine}: replayed after the swap");
        assert_index_is_exact(&app, engine).await;
    }
}

#[actix_web::test]
async fn an_unreachable_meilisearch_fails_search_fast_and_nothing_else() {
    // A loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let app = TestApp::with(|config| {
        config.meilisearch_url = Some(url);
        config.search_timeout_ms = 500;
    })
    .await
    .unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    let started = std::time::Instant::now();
    let body = app.graphql(SEARCH, json!({ "q": "detention" })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "SEARCH_UNAVAILABLE", "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "fails fast: {:?}", started.elapsed());
    // So do collapsed searches and related records; a record without `related` reads as usual.
    let body = app.graphql(RANKED, json!({ "q": "detention", "collapse": true })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "SEARCH_UNAVAILABLE", "{body}");
    let related = "{ practice(slug: \"zambia-child-sensitive-alternatives\") { title related { __typename } } }";
    let body = app.graphql(related, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "SEARCH_UNAVAILABLE", "{body}");
    let plain = app.data("{ practice(slug: \"zambia-child-sensitive-alternatives\") { title } }", json!({})).await;
    assert!(plain["practice"]["title"].is_string());
    // Everything else works: reads, and writes (which wait in the outbox).
    assert!(app.data("{ practices { totalCount } }", json!({})).await["practices"]["totalCount"].as_i64().unwrap() > 0);
    let editor = app.token("eve", "editor");
    let body = app.graphql_as(Some(&editor), CREATE_TOOL, json!({ "title": "Written while search is away" })).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(relay::pass(app.db(), app.state.search.as_ref()).await.unwrap(), Pass::EngineDown);
    let (status, ready, _) = app.send(actix_web::test::TestRequest::get().uri("/readyz")).await;
    assert_eq!(status, 200, "the database is fine, so the service is ready");
    assert_eq!(ready["search"]["engine"], "meilisearch");
    assert_eq!(ready["search"]["state"], "degraded");
    assert!(ready["search"]["backlog"]["pending"].as_u64().unwrap() > 0);
}

/// The relay's poll and claim read only the index of pending rows, even when PostgreSQL's statistics still describe
/// the outbox as all pending (as right after a bulk load): with only the primary key and `(processed_at, id)` to
/// choose from, it walked every processed row of the primary key on each poll.
#[actix_web::test]
async fn the_relay_reads_only_pending_rows_whatever_the_statistics_say() {
    use hub_entity::search_outbox;
    use sea_orm::{
        ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
        Statement,
    };
    let app = TestApp::new().await.unwrap();
    if app.db().get_database_backend() != DbBackend::Postgres {
        return eprintln!("SKIPPED on SQLite: a PostgreSQL planner test");
    }
    let sql = |sql: &str| Statement::from_string(DbBackend::Postgres, sql.to_string());
    app.db()
        .execute_raw(sql(
            "INSERT INTO search_outbox (content_id, enqueued_at) SELECT g, now() FROM generate_series(1, 20000) g",
        ))
        .await
        .unwrap();
    app.db().execute_raw(sql("ANALYZE search_outbox")).await.unwrap();
    app.db().execute_raw(sql("UPDATE search_outbox SET processed_at = now()")).await.unwrap();
    let pending = || search_outbox::Entity::find().filter(search_outbox::Column::ProcessedAt.is_null());
    for query in [
        pending().order_by_asc(search_outbox::Column::Id).limit(1).build(DbBackend::Postgres),
        pending().order_by_asc(search_outbox::Column::Id).limit(500).build(DbBackend::Postgres),
    ] {
        let explain = Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("EXPLAIN {}", query.sql),
            query.values.map(|values| values.0).unwrap_or_default(),
        );
        let plan: Vec<String> = app
            .db()
            .query_all_raw(explain)
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get_by_index::<String>(0).unwrap())
            .collect();
        assert!(plan.iter().any(|line| line.contains("idx_search_outbox_waiting")), "{}", plan.join("\n"));
    }
    assert_eq!(hub::service::outbox::backlog(app.db()).await.unwrap().pending, 0);
}
