#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Test harness: every test gets a fresh database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set) with the
//! real migrations, and the app built by the same builder production uses. The app's configuration starts from
//! `Config::defaults()` and is changed in code: only this harness reads the shell (`TEST_DATABASE_URL`, and
//! `TEST_MEILISEARCH_URL` / `TEST_MEILISEARCH_API_KEY` or a `meilisearch` binary on PATH for the search legs). The
//! server's own `MEILISEARCH_URL` is never read here: a shell that points the server at a Meilisearch runs the same
//! tests as any other.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test;
use hub::config::Config;
use hub::db;
use hub::http::AppState;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod oidc;
pub mod otlp;
pub mod redis;
pub mod relevance;
pub mod smtp;

/// A practice's create input completed with what the Network's submission checklist asks before a submission
/// (principles, a completed practice since 2019, the mandatory texts), keeping what `input` already gives.
pub fn ready_to_submit(mut input: Value) -> Value {
    let defaults = json!({
        "principles": ["whole_of_society"],
        "countries": ["PRT"],
        "startDate": "2019-03-01",
        "completion": "COMPLETED",
        "implementation": "Set up with the municipality's services and migrant associations over two years.",
        "results": "Registration times fell from weeks to a day; most newcomers reached the services they asked for.",
        "lessonsLearned": "One shared file and one reception desk matter more than new services.",
        "replicability": "Any city with a registration office and willing services can copy the shared reception.",
    });
    if let (Some(input), Some(defaults)) = (input.as_object_mut(), defaults.as_object()) {
        for (key, value) in defaults {
            input.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    input
}

/// A fresh database and app state, dropped (PostgreSQL database included) at the end of the test.
pub struct TestApp {
    pub state: AppState,
    pub statements: Arc<AtomicUsize>,
    /// The SQL of every statement run, for diagnostics.
    pub log: Arc<std::sync::Mutex<Vec<String>>>,
    _data_dir: tempfile::TempDir,
    pg_database: Option<(String, String)>,
}

/// Which database the suite runs on, for messages.
pub fn backend() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok() { "postgres" } else { "sqlite" }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let prefix = base.rsplit_once('/').map(|(prefix, _)| prefix).unwrap_or(base);
    format!("{prefix}/{name}{query}")
}

impl TestApp {
    /// A migrated, empty hub (reference data only).
    pub async fn new() -> anyhow::Result<TestApp> {
        Self::with(|_| {}).await
    }

    /// Like `new`, with settings changed by `configure` (e.g. `|c| c.production = true`). Tests start with rate
    /// limits off, since they send many requests as one client; the rate-limit test turns them on.
    pub async fn with(configure: impl FnOnce(&mut Config)) -> anyhow::Result<TestApp> {
        Self::on(std::env::var("TEST_DATABASE_URL").ok(), configure).await
    }

    /// Like `with`, on SQLite whatever the suite runs on (the embedded default, e.g. as the source of `hub copy`).
    pub async fn sqlite(configure: impl FnOnce(&mut Config)) -> anyhow::Result<TestApp> {
        Self::on(None, configure).await
    }

    /// A fresh database on the PostgreSQL server of `admin_url`, or SQLite without one.
    async fn on(admin_url: Option<String>, configure: impl FnOnce(&mut Config)) -> anyhow::Result<TestApp> {
        let data_dir = tempfile::tempdir()?;
        let mut pg_database = None;
        let database_url = match admin_url {
            Some(admin_url) => {
                let name = format!("hub_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url).await?;
                admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
                admin.close().await?;
                pg_database = Some((admin_url.clone(), name.clone()));
                replace_database(&admin_url, &name)
            }
            None => format!("sqlite://{}?mode=rwc", data_dir.path().join("hub.sqlite").display()),
        };
        let mut config = Config::defaults()?;
        config.data_dir = data_dir.path().to_path_buf();
        config.database_url = Some(database_url);
        config.cost_per_minute = 0;
        configure(&mut config);
        let mut db = db::connect(&config).await?;
        db::migrate(&db).await?;
        let statements = Arc::new(AtomicUsize::new(0));
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (counter, sink) = (statements.clone(), log.clone());
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut sink) = sink.lock() {
                sink.push(info.statement.sql.clone());
            }
        });
        Ok(TestApp { state: AppState::new(config, db).await?, statements, log, _data_dir: data_dir, pg_database })
    }

    /// A hub with the demo corpus loaded.
    pub async fn demo() -> anyhow::Result<TestApp> {
        let app = Self::new().await?;
        hub::seed::demo::load(&app.state.db).await?;
        Ok(app)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// The app on a real socket (`hub serve`'s code path, one worker, port 0): its address and a handle to stop it.
    pub fn serve(&self) -> (std::net::SocketAddr, actix_web::dev::ServerHandle) {
        let state = self.state.clone();
        let server = actix_web::HttpServer::new(move || hub::http::app(state.clone()))
            .workers(1)
            .bind("127.0.0.1:0")
            .expect("a free port on loopback");
        let address = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        (address, handle)
    }

    /// Sends one HTTP request through the real actix stack and returns status and JSON body (Null if none).
    pub async fn send(&self, request: test::TestRequest) -> (StatusCode, Value, actix_web::http::header::HeaderMap) {
        send_to(&self.state, request).await
    }

    /// GETs a page or a download: status, body as text, headers.
    pub async fn get_text(&self, uri: &str) -> (StatusCode, String, actix_web::http::header::HeaderMap) {
        let (status, body, headers) = send_raw(&self.state, test::TestRequest::get().uri(uri)).await;
        (status, String::from_utf8(body.to_vec()).expect("pages and exports are UTF-8"), headers)
    }

    /// Sends a page or download request built by the caller (headers of its own): status, body as text, headers.
    pub async fn get_text_with(
        &self,
        request: test::TestRequest,
    ) -> (StatusCode, String, actix_web::http::header::HeaderMap) {
        let (status, body, headers) = send_raw(&self.state, request).await;
        (status, String::from_utf8(body.to_vec()).expect("pages and exports are UTF-8"), headers)
    }

    /// `/metrics` as the host's own scraper reads it (from loopback).
    pub async fn metrics(&self) -> String {
        let request = test::TestRequest::get().uri("/metrics").peer_addr(([127, 0, 0, 1], 9).into());
        let (status, body, _) = send_raw(&self.state, request).await;
        assert_eq!(status, StatusCode::OK);
        String::from_utf8(body.to_vec()).expect("metrics are UTF-8")
    }

    /// One value of `/metrics`.
    pub async fn metric(&self, name: &str) -> u64 {
        let text = self.metrics().await;
        let value = text.lines().find_map(|line| line.strip_prefix(&format!("{name} ")));
        value.unwrap_or_else(|| panic!("no {name} in {text}")).trim().parse().unwrap()
    }

    /// Another instance of the app on the same database, with caches of its own (as behind a load balancer).
    pub async fn another_instance(&self) -> anyhow::Result<AppState> {
        AppState::new((*self.state.config).clone(), self.state.db.clone()).await
    }

    /// A second instance on the same database and this instance's search engine: caches, epoch reader and budgets
    /// of its own, as another process behind a load balancer sharing one Meilisearch has (the embedded engine lives
    /// in one process, so a test shares it this way).
    pub async fn another_instance_on_this_engine(&self) -> anyhow::Result<AppState> {
        let mut other = self.another_instance().await?;
        other.search = self.state.search.clone();
        other.schema = hub::graphql::schema(&other.config, other.db.clone(), other.search.clone());
        Ok(other)
    }

    /// POSTs a GraphQL query with variables and returns the whole JSON response (asserting HTTP 200).
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let request =
            test::TestRequest::post().uri("/graphql").set_json(json!({ "query": query, "variables": variables }));
        let (status, body, _) = self.send(request).await;
        assert_eq!(status, StatusCode::OK, "GraphQL over HTTP answers 200: {body}");
        body
    }

    /// POSTs a GraphQL request as the holder of `token` (anonymous when `None`); returns the whole JSON response.
    pub async fn graphql_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request =
            test::TestRequest::post().uri("/graphql").set_json(json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.insert_header(("authorization", format!("Bearer {token}")));
        }
        let (status, body, _) = self.send(request).await;
        assert_eq!(status, StatusCode::OK, "GraphQL over HTTP answers 200: {body}");
        body
    }

    /// Runs a query as `token` that must succeed (no error at all) and returns its `data`.
    pub async fn ok_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = self.graphql_as(Some(token), query, variables).await;
        assert!(body.get("errors").is_none(), "{query}: {body}");
        body["data"].clone()
    }

    /// Runs a query as `token` (anonymous when `None`) that must fail: its first error's `(code, field)`.
    pub async fn fails_as(&self, token: Option<&str>, query: &str, variables: Value) -> (String, Option<String>) {
        let body = self.graphql_as(token, query, variables).await;
        let error = &body["errors"][0]["extensions"];
        let code = error["code"].as_str().unwrap_or_else(|| panic!("expected an error: {body}")).to_string();
        (code, error["field"].as_str().map(str::to_string))
    }

    /// A token for this app's secret.
    pub fn token(&self, subject: &str, role: &str) -> String {
        hub::auth::mint(&self.state.config, subject, role, None, std::time::Duration::from_secs(3600)).unwrap()
    }

    /// Runs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Runs a query that must fail and returns its first error's code.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let body = self.graphql(query, variables).await;
        let code = body["errors"][0]["extensions"]["code"].as_str().map(str::to_string);
        code.unwrap_or_else(|| panic!("expected an error with a code: {body}"))
    }

    /// The SQL of the statements run since statement number `from`.
    pub fn statements_since(&self, from: usize) -> Vec<String> {
        self.log.lock().map(|log| log[from.min(log.len())..].to_vec()).unwrap_or_default()
    }

    /// SQL statements run so far.
    pub fn statement_count(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.pg_database.take() else { return };
        // Drop runs outside async; a short-lived runtime on its own thread removes the test database.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                let admin = Database::connect(&admin_url).await?;
                admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await?;
                admin.close().await
            })?;
            Ok::<(), anyhow::Error>(())
        })
        .join();
    }
}

/// Sends one HTTP request to an app instance through the real actix stack: status, JSON body (Null if none), headers.
pub async fn send_to(
    state: &AppState,
    request: test::TestRequest,
) -> (StatusCode, Value, actix_web::http::header::HeaderMap) {
    let (status, body, headers) = send_raw(state, request).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null), headers)
}

/// Sends one HTTP request to an app instance through the real actix stack: status, body bytes, headers.
pub async fn send_raw(
    state: &AppState,
    request: test::TestRequest,
) -> (StatusCode, actix_web::web::Bytes, actix_web::http::header::HeaderMap) {
    let service = test::init_service(hub::http::app(state.clone())).await;
    let response: ServiceResponse<_> = match service.call(request.to_request()).await {
        Ok(response) => response,
        Err(error) => {
            let response = error.error_response();
            return (response.status(), Default::default(), response.headers().clone());
        }
    };
    let status = response.status();
    let headers = response.headers().clone();
    (status, test::read_body(response).await, headers)
}

/// On PostgreSQL, a bulk load leaves the database vacuumed and analyzed: the planner has the new rows' statistics and
/// the link tables' indexes can answer filters alone, without waiting for autovacuum.
pub async fn assert_settled(db: &DatabaseConnection) {
    use sea_orm::{DbBackend, Statement};
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let sql = "SELECT relname FROM pg_stat_user_tables WHERE relname IN ('contents', 'content_objectives', \
               'content_countries') AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL ORDER BY relname";
    let rows = db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql)).await.unwrap();
    let settled: Vec<String> = rows.iter().map(|row| row.try_get("", "relname").unwrap()).collect();
    assert_eq!(settled, ["content_countries", "content_objectives", "contents"], "vacuumed and analyzed");
}

/// The `extensions.code` of a response's first error (empty when it has none).
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

/// Global id of a row, as clients see it.
pub fn global_id(record: hub::domain::kind::RecordType, id: i64) -> String {
    hub::graphql::id::encode(record, id).to_string()
}

/// The row id and type of a global id.
pub fn decode_id(id: &str) -> (i64, hub::domain::kind::RecordType) {
    let (node_type, row) = hub::graphql::id::decode(id, "id").unwrap_or_else(|_| panic!("not an id: {id}"));
    (row, node_type)
}

/// One engine the search contract runs against: the settings that select it, and the Meilisearch process the leg
/// started (stopped when the leg is dropped).
pub struct SearchLeg {
    pub name: &'static str,
    /// Meilisearch's URL, key and index name; `None` for the embedded engine.
    meilisearch: Option<(String, Option<String>, String)>,
    _server: Option<MeilisearchProcess>,
}

impl SearchLeg {
    /// Meilisearch's URL, for the Meilisearch leg.
    pub fn url(&self) -> Option<&str> {
        self.meilisearch.as_ref().map(|(url, _, _)| url.as_str())
    }

    /// Points a configuration at this leg's engine.
    pub fn configure(&self, config: &mut Config) {
        if let Some((url, key, index)) = &self.meilisearch {
            config.meilisearch_url = Some(url.clone());
            config.meilisearch_api_key = key.as_deref().map(|key| key.parse().unwrap());
            config.meilisearch_index = index.clone();
        }
    }
}

pub struct MeilisearchProcess {
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Drop for MeilisearchProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn meilisearch_on_path() -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join("meilisearch")).find(|path| path.is_file())
}

/// Starts `meilisearch` on a free loopback port with a temporary data directory; `(url, key, process)`.
fn start_meilisearch(binary: &std::path::Path) -> anyhow::Result<(String, String, MeilisearchProcess)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let dir = tempfile::tempdir()?;
    let key = format!("hub-test-{}", uuid::Uuid::new_v4().simple());
    let child = std::process::Command::new(binary)
        .args(["--http-addr", &format!("127.0.0.1:{port}"), "--master-key", &key, "--no-analytics"])
        .arg("--db-path")
        .arg(dir.path().join("data.ms"))
        .arg("--dump-dir")
        .arg(dir.path().join("dumps"))
        .arg("--snapshot-dir")
        .arg(dir.path().join("snapshots"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let process = MeilisearchProcess { child, _dir: dir };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        anyhow::ensure!(std::time::Instant::now() < deadline, "meilisearch did not start on port {port}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ok((format!("http://127.0.0.1:{port}"), key, process))
}

/// The engines this run tests: the embedded one always; Meilisearch when `TEST_MEILISEARCH_URL` is set (with
/// `TEST_MEILISEARCH_API_KEY`) or a `meilisearch` binary is on PATH. Each Meilisearch leg gets its own index.
pub fn search_legs() -> Vec<SearchLeg> {
    let mut legs = vec![SearchLeg { name: "embedded", meilisearch: None, _server: None }];
    let index = format!("hub_test_{}", uuid::Uuid::new_v4().simple());
    let meili = match (std::env::var("TEST_MEILISEARCH_URL").ok(), meilisearch_on_path()) {
        (Some(url), _) => Some((url, std::env::var("TEST_MEILISEARCH_API_KEY").ok(), None)),
        (None, Some(binary)) => match start_meilisearch(&binary) {
            Ok((url, key, process)) => Some((url, Some(key), Some(process))),
            Err(error) => panic!("a meilisearch binary is on PATH but did not start: {error}"),
        },
        (None, None) => {
            eprintln!(
                "\n*** SKIPPED: the Meilisearch leg of the search contract: set TEST_MEILISEARCH_URL or put a \
                 `meilisearch` binary on PATH to run it. Only the embedded engine was tested. ***\n"
            );
            None
        }
    };
    if let Some((url, key, process)) = meili {
        eprintln!("search contract legs: embedded, and Meilisearch at {url}");
        legs.push(SearchLeg { name: "meilisearch", meilisearch: Some((url, key, index)), _server: process });
    }
    legs
}
