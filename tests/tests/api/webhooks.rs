//! Webhooks against a real receiver on a loopback port: one signed delivery per change (checked with an HMAC
//! computed here, as a partner would), deliveries that wait while the receiver is down and then all arrive in order
//! per record, a delivery in flight when the server dies is sent again, redelivery, giving up (the endpoint
//! disabled, audited), and what is refused: private addresses (after DNS too), redirects, non-admins.

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine as _;
use hmac::Mac as _;
use hub::jobs::webhooks::{Settings, pass};
use hub_tests::TestApp;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Up,
    Down,
    Redirect,
    /// Takes the request and answers only after a long while.
    Hang,
}

/// One request the receiver got: its headers of interest, body, and what it answered.
#[derive(Clone, Debug)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
    answered: Mode,
}

#[derive(Clone)]
struct Receiver {
    mode: Arc<Mutex<Mode>>,
    got: Arc<Mutex<Vec<Received>>>,
    /// How long `Mode::Hang` holds a request.
    hang: Duration,
}

impl Receiver {
    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// The bodies it accepted (answered 2xx), parsed.
    fn accepted(&self) -> Vec<Value> {
        self.got()
            .into_iter()
            .filter(|r| r.answered == Mode::Up)
            .map(|r| serde_json::from_str(&r.body).unwrap())
            .collect()
    }
}

async fn hook(request: HttpRequest, body: web::Bytes, receiver: web::Data<Receiver>) -> HttpResponse {
    let mode = *receiver.mode.lock().unwrap();
    let header = |name: &str| request.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    receiver.got.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: String::from_utf8(body.to_vec()).unwrap(),
        answered: mode,
    });
    match mode {
        Mode::Up => HttpResponse::NoContent().finish(),
        Mode::Down => HttpResponse::ServiceUnavailable().finish(),
        Mode::Redirect => HttpResponse::Found().insert_header(("location", "http://127.0.0.1:1/elsewhere")).finish(),
        Mode::Hang => {
            tokio::time::sleep(receiver.hang).await;
            HttpResponse::Ok().finish()
        }
    }
}

/// A receiver listening on a loopback port: its state and URL.
fn receiver() -> (Receiver, String, actix_web::dev::ServerHandle) {
    receiver_holding(Duration::from_secs(3))
}

/// A receiver whose `Mode::Hang` holds requests for `hang`.
fn receiver_holding(hang: Duration) -> (Receiver, String, actix_web::dev::ServerHandle) {
    let receiver = Receiver { mode: Arc::new(Mutex::new(Mode::Up)), got: Arc::default(), hang };
    let data = web::Data::new(receiver.clone());
    let server = HttpServer::new(move || App::new().app_data(data.clone()).route("/hook", web::post().to(hook)))
        .workers(1)
        .bind("127.0.0.1:0")
        .unwrap();
    let url = format!("http://{}/hook", server.addrs()[0]);
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (receiver, url, handle)
}

fn settings() -> Settings {
    Settings {
        allow_private: true,
        per_endpoint: 4,
        timeout: Duration::from_secs(2),
        retry_base: Duration::from_millis(20),
        retry_window: Duration::from_secs(3600),
    }
}

async fn hub() -> TestApp {
    TestApp::with(|config| config.webhook_allow_private_networks = true).await.unwrap()
}

const CREATE_TOOL: &str =
    "mutation($input: CreateGuidanceToolInput!) { createGuidanceTool(input: $input) { guidanceTool { id } } }";
const PUBLISH_TOOL: &str = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id version } } }";

async fn published_tool(app: &TestApp, editor: &str, title: &str) -> Value {
    let input =
        json!({ "input": { "title": title, "summary": "How to set up a one-stop centre.", "toolKind": "TOOLKIT" } });
    let id = app.ok_as(editor, CREATE_TOOL, input).await["createGuidanceTool"]["guidanceTool"]["id"].clone();
    app.ok_as(editor, PUBLISH_TOOL, json!({ "id": id })).await;
    id
}

async fn create_webhook(app: &TestApp, admin: &str, url: &str) -> (Value, String) {
    let data = app
        .ok_as(
            admin,
            "mutation($url: String!) { createWebhook(input: { url: $url }) { webhook { id url enabled } secret } }",
            json!({ "url": url }),
        )
        .await;
    (data["createWebhook"]["webhook"]["id"].clone(), data["createWebhook"]["secret"].as_str().unwrap().to_string())
}

/// `createWebhook` for `url` as `token`: the whole answer.
pub(crate) async fn register(app: &TestApp, token: &str, url: &str) -> Value {
    let create = "mutation($url: String!) { createWebhook(input: { url: $url }) { secret webhook { url } } }";
    app.graphql_as(Some(token), create, json!({ "url": url })).await
}

/// Runs worker passes until `done` holds (at most 10 s).
async fn until(app: &TestApp, settings: &Settings, what: &str, done: impl Fn() -> bool) {
    for _ in 0..400 {
        pass(app.db(), settings).await.unwrap();
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("waited 10 s for {what}");
}

/// The signature as a partner computes it: HMAC-SHA256 of `id.timestamp.body` keyed with the secret's bytes.
fn expected_signature(secret: &str, received: &Received) -> String {
    let key = base64::engine::general_purpose::STANDARD.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// A gauge of `/metrics`, read from this host.
async fn metric(app: &TestApp, name: &str) -> i64 {
    let request = actix_web::test::TestRequest::get().uri("/metrics").peer_addr("127.0.0.1:9".parse().unwrap());
    let (_, text, _) = hub_tests::send_raw(&app.state, request).await;
    let text = String::from_utf8(text.to_vec()).unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} in {text}"))
}

async fn deliveries(app: &TestApp, admin: &str) -> Vec<Value> {
    let data = app.ok_as(admin, "{ webhooks(first: 10) { nodes { enabled disabledReason deliveries(first: 100) { totalCount nodes { id event status attempts lastStatus lastError } } } } }", json!({})).await;
    data["webhooks"]["nodes"][0]["deliveries"]["nodes"].as_array().unwrap().clone()
}

#[actix_web::test]
async fn a_publish_produces_exactly_one_delivery_signed_correctly() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    let (_, secret) = create_webhook(&app, &admin, &url).await;
    assert!(secret.starts_with("whsec_") && secret.len() > 40);
    let tool = published_tool(&app, &editor, "Guidance on one-stop centres").await;
    let settings = settings();
    until(&app, &settings, "the delivery", || !receiver.got().is_empty()).await;
    for _ in 0..10 {
        pass(app.db(), &settings).await.unwrap();
    }
    let got = receiver.got();
    assert_eq!(got.len(), 1, "exactly one delivery: {got:?}");
    let delivery = &got[0];
    assert_eq!(delivery.signature, expected_signature(&secret, delivery), "signed as Standard Webhooks says");
    assert!(delivery.id.starts_with("msg_"));
    let age = chrono::Utc::now().timestamp() - delivery.timestamp.parse::<i64>().unwrap();
    assert!((0..60).contains(&age), "the timestamp is now");
    let body: Value = serde_json::from_str(&delivery.body).unwrap();
    assert_eq!(body["type"], "content.published");
    assert_eq!(body["data"]["recordId"], tool);
    assert_eq!(body["data"]["contentType"], "GUIDANCE_TOOL");
    assert_eq!(body["data"]["slug"], "guidance-on-one-stop-centres");
    assert_eq!(body["data"]["language"], "en");
    assert!(chrono::DateTime::parse_from_rfc3339(body["timestamp"].as_str().unwrap()).is_ok());
    // The cursor is the change's position in the feed: reading after it starts after this change.
    let feed = app
        .data(
            "query($after: String) { changes(after: $after) { edges { node { recordId } } } }",
            json!({ "after": body["data"]["cursor"] }),
        )
        .await;
    assert!(feed["changes"]["edges"].as_array().unwrap().is_empty());
    let log = deliveries(&app, &admin).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status"], "DELIVERED");
    assert_eq!(log[0]["attempts"], 1);
    assert_eq!(log[0]["lastStatus"], 204);

    // Redelivery on request: the same message again (same id, so receivers can drop repeats).
    app.ok_as(
        &admin,
        "mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { status } } }",
        json!({ "id": log[0]["id"] }),
    )
    .await;
    until(&app, &settings, "the redelivery", || receiver.got().len() == 2).await;
    assert_eq!(receiver.got()[1].id, delivery.id);
    assert_eq!(receiver.got()[1].body, delivery.body);
    server.stop(true).await;
}

#[actix_web::test]
async fn deliveries_wait_while_the_receiver_is_down_then_all_arrive_in_order_per_record() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    create_webhook(&app, &admin, &url).await;
    receiver.set(Mode::Down);
    let settings = settings();
    let first = published_tool(&app, &editor, "First toolkit on consular protection").await;
    let second = published_tool(&app, &editor, "Second toolkit on skills recognition").await;
    for version in [1, 2] {
        let query = "mutation($id: ID!, $v: Int!, $s: String!) { updateGuidanceTool(id: $id, version: $v, input: { summary: $s }) { guidanceTool { id } } }";
        app.ok_as(&editor, query, json!({ "id": first, "v": version, "s": format!("Summary, edition {version}.") }))
            .await;
    }
    app.ok_as(
        &editor,
        "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }",
        json!({ "id": first }),
    )
    .await;
    until(&app, &settings, "failed attempts", || receiver.got().len() >= 6).await;
    // While down: only the oldest pending delivery of each record is tried; the rest wait behind it.
    let tried: std::collections::BTreeSet<String> = receiver.got().iter().map(|r| r.id.clone()).collect();
    assert_eq!(tried.len(), 2, "one delivery per record in flight: {tried:?}");
    let log = deliveries(&app, &admin).await;
    assert_eq!(log.len(), 5);
    assert!(log.iter().all(|d| d["status"] == "PENDING"));
    assert!(log.iter().any(|d| d["lastStatus"] == 503 && d["attempts"].as_i64().unwrap() >= 2));
    assert_eq!(metric(&app, "hub_webhook_deliveries_pending").await, 5, "operators see the queue waiting");

    receiver.set(Mode::Up);
    until(&app, &settings, "every delivery", || receiver.accepted().len() == 5).await;
    let accepted = receiver.accepted();
    let of = |record: &Value| -> Vec<String> {
        accepted
            .iter()
            .filter(|b| &b["data"]["recordId"] == record)
            .map(|b| b["type"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(of(&first), ["content.published", "content.updated", "content.updated", "content.unpublished"]);
    assert_eq!(of(&second), ["content.published"]);
    // None lost: the bodies' cursors are the feed's.
    let feed = app.data("{ changes(first: 100) { edges { cursor } } }", json!({})).await;
    let mut cursors: Vec<String> = feed["changes"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["cursor"].as_str().unwrap().to_string())
        .collect();
    let mut delivered: Vec<String> =
        accepted.iter().map(|b| b["data"]["cursor"].as_str().unwrap().to_string()).collect();
    cursors.sort();
    delivered.sort();
    assert_eq!(delivered, cursors);
    assert!(deliveries(&app, &admin).await.iter().all(|d| d["status"] == "DELIVERED"));
    assert_eq!(metric(&app, "hub_webhook_deliveries_pending").await, 0);
    server.stop(true).await;
}

#[actix_web::test]
async fn a_delivery_in_flight_when_the_server_dies_is_sent_again_after_the_restart() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    create_webhook(&app, &admin, &url).await;
    receiver.set(Mode::Hang);
    published_tool(&app, &editor, "Toolkit on return and reintegration").await;
    let settings = Settings { timeout: Duration::from_secs(1), ..settings() };
    // The server dies while the receiver holds the request: the worker is dropped mid-delivery.
    let worker = hub::jobs::webhooks::pass(app.db(), &settings);
    let _ = tokio::time::timeout(Duration::from_millis(500), worker).await;
    assert_eq!(receiver.got().len(), 1, "the request reached the receiver");
    assert_eq!(deliveries(&app, &admin).await[0]["status"], "PENDING", "its outcome was never recorded");
    // After the restart, once the attempt's lease (twice the timeout) is over, it is sent again.
    receiver.set(Mode::Up);
    until(&app, &settings, "the redelivery after the restart", || receiver.accepted().len() == 1).await;
    let got = receiver.got();
    assert_eq!(got[0].id, got[1].id, "the same message");
    assert_eq!(deliveries(&app, &admin).await[0]["status"], "DELIVERED");
    server.stop(true).await;
}

#[actix_web::test]
async fn an_endpoint_failing_for_the_whole_window_is_disabled_and_audited() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    let (id, _) = create_webhook(&app, &admin, &url).await;
    receiver.set(Mode::Redirect);
    published_tool(&app, &editor, "Toolkit on labour migration").await;
    let settings = Settings { retry_window: Duration::from_millis(300), ..settings() };
    let query = "{ webhooks(first: 1) { nodes { enabled } } }";
    for _ in 0..400 {
        pass(app.db(), &settings).await.unwrap();
        if app.ok_as(&admin, query, json!({})).await["webhooks"]["nodes"][0]["enabled"] == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(receiver.got().len() >= 2, "retried before giving up");
    let data = app.ok_as(&admin, "{ webhooks(first: 1) { nodes { enabled disabledReason deliveries(first: 5) { nodes { status lastStatus lastError } } } } }", json!({})).await;
    let webhook = &data["webhooks"]["nodes"][0];
    assert_eq!(webhook["enabled"], false, "{webhook}");
    assert!(webhook["disabledReason"].as_str().unwrap().contains("retry window"));
    let delivery = &webhook["deliveries"]["nodes"][0];
    assert_eq!(delivery["status"], "FAILED");
    assert_eq!(delivery["lastStatus"], 302);
    assert!(delivery["lastError"].as_str().unwrap().contains("redirects are not followed"), "{delivery}");
    assert_eq!(metric(&app, "hub_webhook_endpoints_disabled").await, 1);
    assert_eq!(metric(&app, "hub_webhook_deliveries_failed").await, 1);
    let audit = app
        .ok_as(
            &admin,
            "{ auditTrail(first: 1, filter: { actions: [\"webhook.disable\"] }) { nodes { actorSubject subjectId } } }",
            json!({}),
        )
        .await;
    assert_eq!(audit["auditTrail"]["nodes"][0]["subjectId"], id);
    // Disabled: nothing more is tried.
    let before = receiver.got().len();
    pass(app.db(), &settings).await.unwrap();
    assert_eq!(receiver.got().len(), before);
    server.stop(true).await;
}

#[actix_web::test]
async fn private_addresses_redirects_and_non_admins_are_refused() {
    // By default, loopback and private addresses are refused when registering...
    let app = TestApp::new().await.unwrap();
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    for url in [
        "http://127.0.0.1:9/hook",
        "http://10.0.0.8/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest",
        "ftp://example.org/",
        "http://user:secret@example.org/",
    ] {
        let body = register(&app, &admin, url).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{url}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "url");
    }
    let body = app
        .graphql_as(
            Some(&editor),
            "mutation { createWebhook(input: { url: \"https://partner.example.org/hook\" }) { secret } }",
            json!({}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let body = app.graphql_as(Some(&editor), "{ webhooks { totalCount } }", json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let body = app.graphql_as(None, "{ webhooks { totalCount } }", json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

    // ...and at delivery time after DNS resolution: a name that resolves to loopback is refused.
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    let by_name = url.replace("127.0.0.1", "localhost");
    create_webhook(&app, &admin, &by_name).await;
    published_tool(&app, &editor, "Toolkit on climate and migration").await;
    let strict = Settings { allow_private: false, ..settings() };
    for _ in 0..5 {
        pass(app.db(), &strict).await.unwrap();
    }
    assert!(receiver.got().is_empty(), "nothing was sent to a private address");
    let log = deliveries(&app, &admin).await;
    assert!(log[0]["lastError"].as_str().unwrap().contains("refused"), "{log:?}");
    // Rotating the secret: deliveries are signed with the new one.
    let id =
        app.ok_as(&admin, "{ webhooks(first: 1) { nodes { id } } }", json!({})).await["webhooks"]["nodes"][0]["id"]
            .clone();
    let rotated =
        app.ok_as(&admin, "mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }", json!({ "id": id })).await;
    let secret = rotated["rotateWebhookSecret"]["secret"].as_str().unwrap().to_string();
    until(&app, &settings(), "the delivery", || !receiver.got().is_empty()).await;
    assert_eq!(receiver.got()[0].signature, expected_signature(&secret, &receiver.got()[0]));
    server.stop(true).await;
}

/// A code block of the syncing guide (`docs/syncing.md`, linked from the README): the one in `language` holding
/// `marker`.
fn readme_block(language: &str, marker: &str) -> String {
    let readme = include_str!("../../../docs/syncing.md");
    readme
        .split(&format!("```{language}\n"))
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap())
        .find(|block| block.contains(marker))
        .unwrap_or_else(|| panic!("docs/syncing.md has a {language} block with {marker}"))
        .to_string()
}

#[actix_web::test]
async fn the_readme_examples_verify_a_real_delivery_and_refuse_a_changed_body() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (receiver, url, server) = receiver();
    let (_, secret) = create_webhook(&app, &admin, &url).await;
    published_tool(&app, &editor, "Toolkit on data for migration policy").await;
    until(&app, &settings(), "a delivery", || !receiver.got().is_empty()).await;
    server.stop(true).await;
    let delivery = receiver.got()[0].clone();
    let dir = tempfile::tempdir().unwrap();
    let case = json!({
        "secret": secret,
        "headers": { "webhook-id": delivery.id, "webhook-timestamp": delivery.timestamp, "webhook-signature": delivery.signature },
        "body": delivery.body,
    });
    std::fs::write(dir.path().join("case.json"), case.to_string()).unwrap();
    let python = format!(
        "{}\n\nimport json, sys\nd = json.load(open(sys.argv[1]))\nb = d['body'].encode()\nprint(verify(d['secret'], d['headers'], b), verify(d['secret'], d['headers'], b + b' '))\n",
        readme_block("python", "def verify(")
    );
    let javascript = format!(
        "{}\n\nconst d = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));\nconsole.log(verify(d.secret, d.headers, d.body), verify(d.secret, d.headers, d.body + ' '));\n",
        readme_block("javascript", "function verify(")
    );
    for (program, file, code, expected) in
        [("python3", "verify.py", python, "True False"), ("node", "verify.js", javascript, "true false")]
    {
        std::fs::write(dir.path().join(file), code).unwrap();
        let output = match std::process::Command::new(program)
            .arg(dir.path().join(file))
            .arg(dir.path().join("case.json"))
            .output()
        {
            Ok(output) => output,
            Err(_) => {
                eprintln!("SKIPPED: {program} is not installed; the README's {program} example was not run");
                continue;
            }
        };
        let printed = String::from_utf8_lossy(&output.stdout);
        assert_eq!(printed.trim(), expected, "{program}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[actix_web::test]
async fn a_hanging_endpoint_does_not_hold_back_the_others() {
    let app = hub().await;
    let (editor, admin) = (app.token("eve", "editor"), app.token("ada", "admin"));
    let (slow, slow_url, slow_server) = receiver_holding(Duration::from_secs(20));
    let (fast, fast_url, fast_server) = receiver();
    create_webhook(&app, &admin, &slow_url).await;
    create_webhook(&app, &admin, &fast_url).await;
    slow.set(Mode::Hang);
    let settings = Settings { timeout: Duration::from_secs(8), ..settings() };
    // The server's own worker loop.
    let worker = actix_web::rt::spawn(hub::jobs::webhooks::run(app.db().clone(), settings));
    published_tool(&app, &editor, "Toolkit on regular pathways").await;
    let wait_for = |receiver: &Receiver, count: usize| {
        let receiver = receiver.clone();
        async move {
            for _ in 0..200 {
                if receiver.got().len() >= count {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            panic!("waited 5 s for {count} requests");
        }
    };
    wait_for(&slow, 1).await;
    wait_for(&fast, 1).await;
    // While the slow endpoint holds its request (up to the 8 s timeout), the other gets the next change at once.
    let started = std::time::Instant::now();
    published_tool(&app, &editor, "Toolkit on skills partnerships").await;
    wait_for(&fast, 2).await;
    assert!(started.elapsed() < Duration::from_secs(3), "the healthy endpoint waited {:?}", started.elapsed());
    assert!(slow.got().iter().all(|r| r.answered == Mode::Hang), "the slow endpoint still holds its requests");
    worker.abort();
    fast_server.stop(true).await;
    slow_server.stop(false).await;
}
