//! The `coverage` query: its counts agree with the list queries under the same filter, count published records only
//! (whoever asks), and refuse what the lists refuse.

use hub_tests::TestApp;
use serde_json::{Value, json};

const COVERAGE: &str = r#"query($types: [ContentType!], $filter: SearchFilter) { coverage(types: $types, filter: $filter) {
    total
    cells { objective { number } region { key } count }
    years { year count }
    countries { country { iso3 isChampion } count } } }"#;

const LISTS: [(&str, &str, &str); 4] = [
    ("PRACTICE", "practices", "Practice"),
    ("GUIDANCE_TOOL", "guidanceTools", "GuidanceTool"),
    ("PEER_EXCHANGE", "peerExchanges", "PeerExchange"),
    ("REVIEW_SUBMISSION", "reviewSubmissions", "ReviewSubmission"),
];

async fn coverage(app: &TestApp, token: Option<&str>, variables: Value) -> Value {
    let body = app.graphql_as(token, COVERAGE, variables).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["coverage"].clone()
}

/// The published records of every type that match a list filter, by the list queries.
async fn listed(app: &TestApp, filter: Value) -> i64 {
    let mut total = 0;
    for (_, list, typename) in LISTS {
        let query = format!("query($f: {typename}Filter) {{ {list}(filter: $f) {{ totalCount }} }}");
        total += app.data(&query, json!({ "f": filter })).await[list]["totalCount"].as_i64().unwrap();
    }
    total
}

fn cell(coverage: &Value, objective: i64, region: &str) -> i64 {
    coverage["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["objective"]["number"] == objective && c["region"]["key"] == region)
        .map_or(0, |c| c["count"].as_i64().unwrap())
}

#[actix_web::test]
async fn coverage_counts_agree_with_the_lists() {
    let app = TestApp::demo().await.unwrap();
    let all = coverage(&app, None, json!({})).await;
    assert_eq!(all["total"], listed(&app, json!({})).await, "total: every published record");
    // A cell is the records having both the objective and the region.
    let mut cells = 0;
    for (objective, region) in [(13, "unece"), (5, "lac"), (6, "asia_pacific")] {
        let expected = listed(&app, json!({ "objectives": [objective], "regions": [region] })).await;
        assert_eq!(cell(&all, objective, region), expected, "cell {objective} × {region}");
        cells += expected;
    }
    assert!(cells > 0, "the demo corpus fills these cells");
    assert!(all["cells"].as_array().unwrap().iter().all(|c| c["count"].as_i64().unwrap() > 0), "no empty cells");
    // Years and countries, each by its list filter.
    for year in all["years"].as_array().unwrap() {
        let y = year["year"].as_i64().unwrap();
        assert_eq!(year["count"], listed(&app, json!({ "yearFrom": y, "yearTo": y })).await, "year {y}");
    }
    let mex = all["countries"].as_array().unwrap().iter().find(|c| c["country"]["iso3"] == "MEX").unwrap();
    assert_eq!(mex["count"], listed(&app, json!({ "countries": ["MEX"] })).await);
    let counts: Vec<i64> = all["countries"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most records first: {counts:?}");
    assert!(all["countries"].to_string().contains("\"isChampion\":true"), "champions are marked");
    // The filter and the types narrow it like the lists.
    let narrowed = coverage(&app, None, json!({ "filter": { "objectives": [13], "languages": ["en"] } })).await;
    assert_eq!(narrowed["total"], listed(&app, json!({ "objectives": [13], "languages": ["en"] })).await);
    let unece = listed(&app, json!({ "objectives": [13], "languages": ["en"], "regions": ["unece"] })).await;
    assert_eq!(cell(&narrowed, 13, "unece"), unece, "a narrowed cell");
    for (kind, list, _) in LISTS {
        let one = coverage(&app, None, json!({ "types": [kind] })).await;
        let expected = app.data(&format!("{{ {list} {{ totalCount }} }}"), json!({})).await[list]["totalCount"].clone();
        assert_eq!(one["total"], expected, "{kind}");
    }
}

#[actix_web::test]
async fn coverage_counts_published_records_only_and_checks_its_filter() {
    let app = TestApp::demo().await.unwrap();
    let editor = app.token("ed", "editor");
    let anonymous = coverage(&app, None, json!({})).await;
    let as_editor = coverage(&app, Some(&editor), json!({ "filter": {} })).await;
    assert_eq!(anonymous, as_editor, "drafts and archived records never count, whoever asks");
    let published: i64 = listed(&app, json!({})).await;
    let all_statuses = "{ practices(filter: { statuses: [DRAFT, SUBMITTED, PUBLISHED, ARCHIVED] }) { totalCount } }";
    let body = app.graphql_as(Some(&editor), all_statuses, json!({})).await;
    let practices_any_status = body["data"]["practices"]["totalCount"].as_i64().unwrap();
    let practices_published = coverage(&app, None, json!({ "types": ["PRACTICE"] })).await["total"].as_i64().unwrap();
    assert!(practices_any_status > practices_published, "the demo corpus has unpublished practices: {body}");
    assert_eq!(anonymous["total"], published);
    for (filter, field) in [
        (json!({ "objectives": [24] }), "objectives"),
        (json!({ "countries": ["not-a-code"] }), "countries"),
        (json!({ "yearFrom": 2030, "yearTo": 2020 }), "yearTo"),
    ] {
        let body = app.graphql(COVERAGE, json!({ "filter": filter })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{filter}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{filter}: {body}");
    }
}
