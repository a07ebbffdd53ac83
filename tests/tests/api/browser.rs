//! The explorer, a record page, the coverage page and GraphiQL in a real browser: Debian's chromium driven through
//! chromedriver with fantoccini, against the app on a real socket. Screenshots at desktop and phone width go to
//! `tests/screenshots/` (git-ignored). Without chromedriver and chromium the test skips loudly, unless
//! `HUB_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs them) makes their absence a failure.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hub_tests::TestApp;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: [&str; 2] = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CANADA: &str = "/practices/canada-community-based-alternatives-to-detention";

/// chromedriver on PATH and a chromium binary, or why the test cannot run.
fn tools() -> Result<(PathBuf, String), String> {
    let driver = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join("chromedriver")).find(|p| p.is_file()))
        .ok_or("chromedriver is not on PATH (apt-get install chromium-driver)")?;
    let chromium = CHROMIUM.iter().find(|p| std::path::Path::new(p).is_file()).ok_or("chromium is not installed")?;
    Ok((driver, chromium.to_string()))
}

/// A chromedriver process, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_driver(driver: &PathBuf) -> (Driver, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let guard = Driver(child);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return (guard, format!("http://127.0.0.1:{port}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not listen on {port}");
}

/// ChromeDriver's log endpoint: the browser console's entries since the last read.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// Runs `script` (returning a boolean) until it holds, for up to 10 seconds.
async fn until(client: &Client, script: &str, what: &str) {
    for _ in 0..100 {
        if client.execute(script, vec![]).await.unwrap() == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("waited 10 s for {what} ({script}) at {}", client.current_url().await.unwrap());
}

async fn text_of(client: &Client, css: &str) -> String {
    client.find(Locator::Css(css)).await.unwrap().text().await.unwrap()
}

async fn total_shown(client: &Client) -> u64 {
    let status = client.find(Locator::Css("#status")).await.unwrap();
    status.attr("data-total").await.unwrap().unwrap_or_default().parse().unwrap()
}

async fn api_total(app: &TestApp, q: &str, types: Value, filter: Value) -> u64 {
    let query = "query($q: String!, $t: [ContentType!], $f: SearchFilter) { search(query: $q, types: $t, filter: $f) { totalCount } }";
    let data = app.data(query, json!({ "q": q, "t": types, "f": filter })).await;
    data["search"]["totalCount"].as_u64().unwrap()
}

async fn screenshot(client: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), client.screenshot().await.unwrap()).unwrap();
}

/// Text on the page whose contrast with its background is under WCAG AA (4.5:1, or 3:1 for large text), computed
/// from the rendered colours (SVG charts are checked where their colours are chosen, in `coverage.rs`).
const LOW_CONTRAST: &str = r#"
const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const parse = (text) => { const m = text.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const parts = m[1].split(',').map(parseFloat); return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 }; };
const background = (element) => { for (let e = element; e; e = e.parentElement) {
  const c = parse(getComputedStyle(e).backgroundColor); if (c && c.alpha > 0.99) return c.rgb; } return [255, 255, 255]; };
const low = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const text = walker.currentNode, element = text.parentElement;
  if (!element || !text.textContent.trim() || element.closest('svg, [hidden], .visually-hidden')) continue;
  const style = getComputedStyle(element), box = element.getBoundingClientRect();
  if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
  const [a, b] = [luminance(parse(style.color).rgb), luminance(background(element))];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(style.fontSize), large = size >= 24 || (parseInt(style.fontWeight) >= 700 && size >= 18.66);
  if (ratio < (large ? 3 : 4.5)) low.push(`${element.tagName.toLowerCase()}.${element.className}: "${text.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
}
return low;
"#;

async fn assert_contrast(client: &Client, what: &str) {
    let low = client.execute(LOW_CONTRAST, vec![]).await.unwrap();
    assert_eq!(low, json!([]), "{what}: text under WCAG AA contrast");
}

async fn press(client: &Client, key: Key) {
    let key: char = key.into();
    let actions =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    client.perform_actions(actions).await.unwrap();
}

/// The browser tools, or `None` when the test should skip (loudly; a failure under `HUB_REQUIRE_BROWSER=1`).
fn tools_or_skip() -> Option<(PathBuf, String)> {
    match tools() {
        Ok(tools) => Some(tools),
        Err(why) if std::env::var("HUB_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("HUB_REQUIRE_BROWSER=1 but {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED: browser tests need chromium and chromedriver: {why}");
            None
        }
    }
}

/// A headless chromium session (with `extra` arguments) through a fresh chromedriver.
async fn session(driver: &PathBuf, chromium: &str, extra: &[&str]) -> (Driver, Client) {
    let (guard, webdriver) = start_driver(driver).await;
    let mut args =
        vec!["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"];
    args.extend_from_slice(extra);
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" }
    });
    // WebDriver over plain HTTP on loopback: no TLS connector.
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&webdriver)
        .await
        .expect("a chromium session");
    (guard, client)
}

/// The console's errors since the last read: script errors, refused resources, policy violations.
async fn console_errors(client: &Client) -> Vec<Value> {
    let log = client.issue_cmd(BrowserLog).await.unwrap();
    log.as_array().unwrap().iter().filter(|entry| entry["level"] == "SEVERE").cloned().collect()
}

#[actix_web::test]
async fn a_researcher_searches_filters_goes_back_opens_a_record_and_exports_in_a_real_browser() {
    let Some((driver, chromium)) = tools_or_skip() else { return };
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let (address, server) = app.serve();
    let base = format!("http://{address}");
    let (_driver, client) = session(&driver, &chromium, &[]).await;

    // Search as you type, with a typo: the practice appears with its highlight, and the URL follows.
    client.goto(&format!("{base}/")).await.unwrap();
    let everything = total_shown(&client).await;
    assert_eq!(everything, api_total(&app, "", Value::Null, json!({})).await);
    client.find(Locator::Css("#q")).await.unwrap().send_keys("detenton").await.unwrap();
    until(&client, &format!("return !!document.querySelector('.cards a[href=\"{CANADA}\"]')"), "the typed search")
        .await;
    until(&client, "return location.search === '?q=detenton'", "the URL to hold the text").await;
    let title = text_of(&client, &format!(".cards a[href=\"{CANADA}\"] mark")).await;
    assert_eq!(title, "detention", "the typo's word is highlighted");
    let searched = total_shown(&client).await;
    assert_eq!(searched, api_total(&app, "detenton", Value::Null, json!({})).await);
    screenshot(&client, "explorer-desktop").await;

    // A facet click narrows the results, its count and the URL.
    client.find(Locator::Css("a[data-facet=\"TYPE\"][data-value=\"practice\"]")).await.unwrap().click().await.unwrap();
    until(&client, "return location.search === '?q=detenton&type=practice'", "the facet in the URL").await;
    let narrowed = total_shown(&client).await;
    assert_eq!(narrowed, api_total(&app, "detenton", json!(["PRACTICE"]), json!({})).await);
    assert!(narrowed < searched, "practices only narrow the {searched} hits");
    let chosen = client.find(Locator::Css("a[data-facet=\"TYPE\"][data-value=\"practice\"]")).await.unwrap();
    assert_eq!(chosen.attr("aria-current").await.unwrap().as_deref(), Some("true"));
    assert_eq!(chosen.find(Locator::Css(".count")).await.unwrap().text().await.unwrap(), narrowed.to_string());
    assert_contrast(&client, "the explorer with a facet chosen").await;

    // Back restores the previous state: URL, text and results.
    client.back().await.unwrap();
    until(&client, "return location.search === '?q=detenton'", "back to the unfiltered search").await;
    until(
        &client,
        &format!("return document.getElementById('status').dataset.total === '{searched}'"),
        "the previous total",
    )
    .await;
    assert_eq!(
        client.find(Locator::Css("#q")).await.unwrap().prop("value").await.unwrap().as_deref(),
        Some("detenton")
    );

    // A record page opens and lists its translations.
    client.find(Locator::Css(&format!(".cards a[href=\"{CANADA}\"]"))).await.unwrap().click().await.unwrap();
    until(&client, &format!("return location.pathname === '{CANADA}'"), "the record page").await;
    let translations = client.find_all(Locator::Css(".translations a[hreflang]")).await.unwrap();
    assert!(!translations.is_empty(), "the Canadian practice has a French translation");
    assert_eq!(translations[0].attr("hreflang").await.unwrap().as_deref(), Some("fr"));
    screenshot(&client, "record-desktop").await;
    assert_contrast(&client, "a record page").await;

    // Keyboard alone reaches a result and opens it.
    client.goto(&format!("{base}/?q=detention")).await.unwrap();
    let mut reached = false;
    for _ in 0..300 {
        press(&client, Key::Tab).await;
        let on_result = client
            .execute("const a = document.activeElement; return a.tagName === 'A' && !!a.closest('.cards');", vec![])
            .await
            .unwrap();
        if on_result == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches a result");
    let target = client.execute("return document.activeElement.getAttribute('href')", vec![]).await.unwrap();
    press(&client, Key::Enter).await;
    until(&client, &format!("return location.pathname === {target}"), "Enter to open the result").await;

    // One cell of the coverage matrix shows the count of the coverage query.
    let coverage = app
        .data("{ coverage(types: [PRACTICE]) { cells { objective { number } region { key } count } } }", json!({}))
        .await;
    let cell = coverage["coverage"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["objective"]["number"] == 13 && c["region"]["key"] == "unece")
        .unwrap()
        .clone();
    client.goto(&format!("{base}/coverage")).await.unwrap();
    let shown = text_of(&client, "g.cell[data-objective=\"13\"][data-region=\"unece\"] text").await;
    assert_eq!(shown, cell["count"].to_string());
    screenshot(&client, "coverage-desktop").await;
    assert_contrast(&client, "the coverage page").await;

    // The explorer's CSV button exports as many rows as the API counts for the same filter.
    client.goto(&format!("{base}/?objective=13&region=unece")).await.unwrap();
    let href = client.find(Locator::LinkText("Export CSV")).await.unwrap().attr("href").await.unwrap().unwrap();
    let csv = reqwest::get(format!("{base}{href}")).await.unwrap().text().await.unwrap();
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count() as u64;
    assert_eq!(rows, api_total(&app, "", Value::Null, json!({ "objectives": [13], "regions": ["unece"] })).await);
    assert_eq!(rows, total_shown(&client).await);

    // Phone width: the same pages, looked at.
    let phone = [("explorer-phone", "/?q=detention"), ("record-phone", CANADA), ("coverage-phone", "/coverage")];
    on_a_phone_then_close(client, &base, &phone).await;
    server.stop(true).await;
}

/// Each page at phone width: nothing wider than the phone (wide charts scroll in their box), a screenshot each; then
/// the console must have stayed clean (no script error, no refused resource, no policy violation).
async fn on_a_phone_then_close(client: Client, base: &str, pages: &[(&str, &str)]) {
    client.set_window_size(390, 844).await.unwrap();
    for (name, path) in pages {
        client.goto(&format!("{base}{path}")).await.unwrap();
        screenshot(&client, name).await;
        let overflow = client
            .execute("return document.documentElement.scrollWidth > window.innerWidth + 1", vec![])
            .await
            .unwrap();
        // What sticks out, to say what to fix.
        let wide = client
            .execute(
                "return [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); \
                 return r.right > window.innerWidth + 1 || r.left < -1; }).slice(0, 5).map(e => e.tagName + '.' + \
                 e.className + ' ' + (e.textContent || '').slice(0, 40));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(overflow, json!(false), "{path}: nothing wider than the phone: {wide}");
    }
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    client.close().await.unwrap();
}

/// An editor's view of the repository process as the public sees it: the calls (open, upcoming, closed), one call
/// with its published answers, the landing page's featured collection and the collection itself.
#[actix_web::test]
async fn calls_and_a_collection_open_in_a_real_browser() {
    let Some((driver, chromium)) = tools_or_skip() else { return };
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let (address, server) = app.serve();
    let base = format!("http://{address}");
    let (_driver, client) = session(&driver, &chromium, &[]).await;

    client.goto(&format!("{base}/calls")).await.unwrap();
    for (group, count) in [("calls-open", 1), ("calls-upcoming", 0), ("calls-closed", 2)] {
        let cards =
            client.find_all(Locator::Css(&format!("section[aria-labelledby=\"{group}\"] li.result"))).await.unwrap();
        assert_eq!(cards.len(), count, "{group}");
    }
    screenshot(&client, "calls-desktop").await;
    assert_contrast(&client, "the calls").await;

    client.find(Locator::Css("a[href=\"/calls/migration-data\"]")).await.unwrap().click().await.unwrap();
    until(&client, "return location.pathname === '/calls/migration-data'", "the call's page").await;
    assert_eq!(text_of(&client, ".call-status strong").await, "Closed");
    let answers = client.find_all(Locator::Css(".answers li a")).await.unwrap();
    assert_eq!(answers.len(), 4, "the call's published answers, its French translation among them");
    screenshot(&client, "call-desktop").await;
    assert_contrast(&client, "a call").await;

    client.goto(&format!("{base}/")).await.unwrap();
    screenshot(&client, "landing-desktop").await;
    assert_contrast(&client, "the landing page with its featured collection").await;
    client
        .find(Locator::Css(".featured a[href=\"/collections/global-practices\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(&client, "return location.pathname === '/collections/global-practices'", "the collection's page").await;
    let items = client.find_all(Locator::Css(".collection-items li.result")).await.unwrap();
    assert_eq!(items.len(), 22, "one practice or more for each objective the demo covers");
    assert!(text_of(&client, ".collection-items li.result .note").await.starts_with("For Objective 1 (Data)"));
    screenshot(&client, "collection-desktop").await;
    assert_contrast(&client, "a collection").await;

    let phone = [("calls-phone", "/calls"), ("collection-phone", "/collections/global-practices")];
    on_a_phone_then_close(client, &base, &phone).await;
    server.stop(true).await;
}

/// The chain of the background note as a researcher reads it: priorities and gaps (all regions, then one), a
/// country's profile with its peer matches, and a review submission's page.
#[actix_web::test]
async fn priorities_a_country_and_a_submission_open_in_a_real_browser() {
    let Some((driver, chromium)) = tools_or_skip() else { return };
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let (address, server) = app.serve();
    let base = format!("http://{address}");
    let (_driver, client) = session(&driver, &chromium, &[]).await;

    client.goto(&format!("{base}/priorities")).await.unwrap();
    let bars = client.find_all(Locator::Css("#priorities-chart g.bar")).await.unwrap();
    assert_eq!(bars.len(), 23, "one bar per objective");
    assert_eq!(bars[0].attr("data-objective").await.unwrap().as_deref(), Some("11"), "the widest gap first");
    let chad = client.find(Locator::Css("#challenges-map path[data-country=\"TCD\"]")).await.unwrap();
    assert_eq!(chad.attr("data-count").await.unwrap().as_deref(), Some("1"), "Chad raises one objective");
    let neutral = client.find(Locator::Css("#challenges-map path[data-country=\"AUS\"]")).await.unwrap();
    assert_eq!(neutral.attr("data-count").await.unwrap().as_deref(), Some("0"));
    screenshot(&client, "priorities-desktop").await;
    assert_contrast(&client, "the priorities").await;
    client.find(Locator::Css("a[href=\"/priorities?region=lac\"]")).await.unwrap().click().await.unwrap();
    until(&client, "return location.search === '?region=lac'", "the region's priorities").await;
    let first = client.find(Locator::Css("#priorities-chart g.bar")).await.unwrap();
    assert_eq!(first.attr("data-challenges").await.unwrap().as_deref(), Some("1"));
    screenshot(&client, "priorities-lac-desktop").await;

    client.goto(&format!("{base}/coverage?type=practice&type=review_submission")).await.unwrap();
    let mexico = client.find(Locator::Css("#countries-map path[data-country=\"MEX\"]")).await.unwrap();
    let in_table = text_of(&client, "#countries tr[data-country=\"MEX\"] td:nth-of-type(2)").await;
    assert_eq!(mexico.attr("data-count").await.unwrap(), Some(in_table), "the map and its table agree");
    client.execute("document.getElementById('countries-map').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "coverage-map-desktop").await;

    client.goto(&format!("{base}/countries/MEX")).await.unwrap();
    let matches = client.find_all(Locator::Css("#peer-matches > li")).await.unwrap();
    assert_eq!(matches.len(), 4, "Canada, Portugal, Zambia, Belgium");
    assert_eq!(matches[0].attr("data-country").await.unwrap().as_deref(), Some("CAN"));
    screenshot(&client, "country-desktop").await;
    assert_contrast(&client, "a country's profile").await;
    client
        .find(Locator::Css("a[href=\"/review-submissions/mexico-eclac-2021\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(&client, "return location.pathname === '/review-submissions/mexico-eclac-2021'", "the submission").await;
    let stances = client.find_all(Locator::Css(".reports td .stance")).await.unwrap();
    assert_eq!(stances.len(), 4, "its four reports");
    screenshot(&client, "submission-desktop").await;
    assert_contrast(&client, "a review submission").await;

    let phone = [
        ("priorities-phone", "/priorities"),
        ("coverage-phone", "/coverage"),
        ("country-phone", "/countries/MEX"),
        ("submission-phone", "/review-submissions/mexico-eclac-2021"),
    ];
    on_a_phone_then_close(client, &base, &phone).await;
    server.stop(true).await;
}

/// The explorer and coverage in French, then in Arabic through the language switcher: the words translated, the
/// filters kept across the switch and by type-ahead, `dir=rtl` with the heat map mirrored, nothing wider than a
/// phone, and WCAG AA contrast as in English.
#[actix_web::test]
async fn the_explorer_in_french_and_in_arabic_in_a_real_browser() {
    let Some((driver, chromium)) = tools_or_skip() else { return };
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let (address, server) = app.serve();
    let base = format!("http://{address}");
    let (_driver, client) = session(&driver, &chromium, &[]).await;

    client.goto(&format!("{base}/?lang=fr&objective=13")).await.unwrap();
    let html = |attribute: &'static str| format!("return document.documentElement.getAttribute('{attribute}')");
    assert_eq!(client.execute(&html("lang"), vec![]).await.unwrap(), json!("fr"));
    assert_eq!(text_of(&client, "#search button").await, "Rechercher");
    let headings: Vec<String> = {
        let mut found = Vec::new();
        for heading in client.find_all(Locator::Css(".facet h2")).await.unwrap() {
            found.push(heading.text().await.unwrap());
        }
        found
    };
    assert!(headings.iter().any(|h| h == "Objectif du Pacte"), "{headings:?}");
    let objective_labels = client.find_all(Locator::Css(".facet a[data-facet=\"OBJECTIVE\"] .label")).await.unwrap();
    let mut labels = Vec::new();
    for label in objective_labels {
        labels.push(label.text().await.unwrap());
    }
    assert!(labels.iter().any(|l| l.contains("Alternatives à la rétention")), "{labels:?}");
    screenshot(&client, "explorer-fr-desktop").await;
    assert_contrast(&client, "the explorer in French").await;

    // The switcher keeps the filter; the page turns right to left.
    client.find(Locator::Css("nav.languages a[hreflang=\"ar\"]")).await.unwrap().click().await.unwrap();
    until(&client, "return new URLSearchParams(location.search).get('lang') === 'ar'", "the Arabic page").await;
    assert_eq!(client.execute(&html("dir"), vec![]).await.unwrap(), json!("rtl"));
    assert!(client.current_url().await.unwrap().query().unwrap_or_default().contains("objective=13"));
    assert_eq!(text_of(&client, "#search button").await, "بحث");
    // Type-ahead keeps the language: the script sends the form, and `lang` is in it.
    let input = client.find(Locator::Css("#q")).await.unwrap();
    input.send_keys("detention").await.unwrap();
    until(&client, "return new URLSearchParams(location.search).get('q') === 'detention'", "the typed search").await;
    until(&client, "return new URLSearchParams(location.search).get('lang') === 'ar'", "the language kept").await;
    assert_eq!(client.execute(&html("dir"), vec![]).await.unwrap(), json!("rtl"));
    screenshot(&client, "explorer-ar-desktop").await;
    assert_contrast(&client, "the explorer in Arabic").await;

    // Coverage in Arabic: the heat map reads from the right (objective labels on the right of the cells).
    client.goto(&format!("{base}/coverage?lang=ar")).await.unwrap();
    let mirrored = client
        .execute(
            "const svg = document.getElementById('heat-map');
             const label = svg.querySelector('text.label');
             const cell = svg.querySelector('g.cell rect');
             return label !== null && Number(label.getAttribute('x')) > Number(cell.getAttribute('x'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(mirrored, json!(true), "the heat map is mirrored right to left");
    screenshot(&client, "coverage-ar-desktop").await;
    assert_contrast(&client, "the coverage page in Arabic").await;

    let phone = [
        ("explorer-fr-phone", "/?lang=fr&q=detention"),
        ("explorer-ar-phone", "/?lang=ar&q=detention"),
        ("coverage-ar-phone", "/coverage?lang=ar"),
        ("priorities-ar-phone", "/priorities?lang=ar"),
        ("record-ar-phone", "/practices/canada-community-based-alternatives-to-detention?lang=ar"),
    ];
    on_a_phone_then_close(client, &base, &phone).await;
    server.stop(true).await;
}

/// GraphiQL on a network that reaches nothing but loopback (every other host unresolvable, every other request sent
/// to a dead proxy): its code comes from the hub, a query typed into it runs, and its answer shows.
#[actix_web::test]
async fn graphiql_runs_a_query_with_no_network_beyond_loopback() {
    let Some((driver, chromium)) = tools_or_skip() else { return };
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    let (address, server) = app.serve();
    let offline = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9"];
    let (_driver, client) = session(&driver, &chromium, &offline).await;

    client.goto(&format!("http://{address}/graphql")).await.unwrap();
    until(&client, "return !!document.querySelector('.graphiql-query-editor .CodeMirror')", "GraphiQL's editor").await;
    let query = "{ practices(first: 1) { totalCount } }";
    client
        .execute(
            "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0]); return true",
            vec![json!(query)],
        )
        .await
        .unwrap();
    client.find(Locator::Css(".graphiql-execute-button")).await.unwrap().click().await.unwrap();
    let answer = "const r = document.querySelector('.graphiql-response .CodeMirror'); \
                  return !!r && r.CodeMirror.getValue().includes('totalCount')";
    until(&client, answer, "the query's answer in GraphiQL").await;
    let shown: Value = client
        .execute(
            "return JSON.parse(document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue())",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown["data"], app.data(query, json!({})).await, "GraphiQL shows what the API answers");
    screenshot(&client, "graphiql").await;
    let errors = console_errors(&client).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    client.close().await.unwrap();
    server.stop(true).await;
}
