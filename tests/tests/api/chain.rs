//! The chain of the Network's background note over HTTP, on the demo corpus: review submissions found by `search`
//! on every engine, `priorities` (its gap formula, its order, its constant statement count), country profiles and
//! peer matches computed by hand for four countries, and the unhappy paths.

use crate::search::hub;
use hub_tests::TestApp;
use serde_json::{Value, json};

const PRIORITIES: &str = r#"query($region: String, $first: Int) { priorities(region: $region, first: $first) {
    objective { number } challengeCount progressCount practiceCount toolCount exchangeCount regionsReporting gap
    reportingCountries { iso3 } } }"#;

const PEERS: &str = r#"query($country: String!, $objectives: [Int!]) { peerMatches(country: $country, objectives: $objectives) {
    country { iso3 } score objectives { number } reasons
    practices { ... on Practice { slug } } exchanges { slug } } }"#;

fn error(body: &Value) -> (String, String) {
    let e = &body["errors"][0]["extensions"];
    (e["code"].as_str().unwrap_or_default().to_string(), e["field"].as_str().unwrap_or_default().to_string())
}

#[actix_web::test]
async fn review_submissions_are_found_by_search_on_every_engine() {
    for leg in &hub_tests::search_legs() {
        let app = hub(leg).await;
        let query = r#"{ search(query: "regularization", types: [REVIEW_SUBMISSION]) { totalCount nodes {
            ... on ReviewSubmission { slug submitterCountry { iso3 } objectiveReports { objective { number } stance } } } } }"#;
        let found = app.data(query, json!({})).await;
        let slugs: Vec<&str> =
            found["search"]["nodes"].as_array().unwrap().iter().map(|n| n["slug"].as_str().unwrap()).collect();
        assert!(slugs.contains(&"portugal-unece-2020"), "{}: {slugs:?}", leg.name);
        // Its reports made it a record of its objectives and its region: the filters and facets find it.
        let filtered = r#"{ search(query: "", types: [REVIEW_SUBMISSION], filter: { objectives: [11], regions: ["africa"] }) {
            nodes { ... on ReviewSubmission { slug } } facets { field values { value count } } } }"#;
        let found = app.data(filtered, json!({})).await;
        assert_eq!(found["search"]["nodes"], json!([{ "slug": "chad-eca-2021" }]), "{}", leg.name);
        let facets = found["search"]["facets"].as_array().unwrap();
        let types = facets.iter().find(|f| f["field"] == "TYPE").unwrap();
        assert_eq!(types["values"], json!([{ "value": "REVIEW_SUBMISSION", "count": 1 }]), "{}", leg.name);
        // A French query finds the French submission among its first hits (the glossary lets `frontières` also match
        // the French case-management practice that names the Canada Border Services Agency, with `gestion` in its
        // title).
        let french = r#"{ search(query: "gestion intégrée des frontières", first: 3) {
            nodes { ... on ReviewSubmission { slug } ... on Practice { slug } } } }"#;
        let found = app.data(french, json!({})).await;
        assert!(found["search"]["nodes"].to_string().contains("chad-eca-2021"), "{}: {found}", leg.name);
    }
}

#[actix_web::test]
async fn priorities_rank_by_the_documented_gap_in_a_constant_number_of_statements() {
    let app = TestApp::demo().await.unwrap();
    let all = app.data(PRIORITIES, json!({})).await["priorities"].as_array().unwrap().clone();
    assert_eq!(all.len(), 23);
    // Objective 11 (integrated border management): two submissions raise it (Chad's, Brazil's), no practice answers it.
    assert_eq!(
        all[0],
        json!({ "objective": { "number": 11 }, "challengeCount": 2, "progressCount": 0, "practiceCount": 0,
                "toolCount": 0, "exchangeCount": 0, "regionsReporting": 2, "gap": 1.0,
                "reportingCountries": [{ "iso3": "BRA" }, { "iso3": "TCD" }] })
    );
    check_formula(&all);
    // Fair recruitment (6) is raised in four regions: a priority that straddles them.
    let six = all.iter().find(|p| p["objective"]["number"] == 6).unwrap();
    assert_eq!((six["challengeCount"].as_i64(), six["regionsReporting"].as_i64()), (Some(5), Some(4)));
    // The practice counts are the lists' counts.
    let practices = |filter: Value| {
        let app = &app;
        async move {
            let body = app
                .data("query($f: PracticeFilter) { practices(filter: $f) { totalCount } }", json!({ "f": filter }))
                .await;
            body["practices"]["totalCount"].as_i64().unwrap()
        }
    };
    assert_eq!(six["practiceCount"].as_i64().unwrap(), practices(json!({ "objectives": [6] })).await);
    // In one region only its submissions and practices count.
    let lac =
        app.data(PRIORITIES, json!({ "region": "lac", "first": 5 })).await["priorities"].as_array().unwrap().clone();
    assert_eq!(lac.len(), 5);
    check_formula(&lac);
    let thirteen = app.data(PRIORITIES, json!({ "region": "lac" })).await["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["objective"]["number"] == 13)
        .cloned()
        .unwrap();
    assert_eq!(thirteen["challengeCount"], 1, "Mexico's");
    assert_eq!(
        thirteen["practiceCount"].as_i64().unwrap(),
        practices(json!({ "objectives": [13], "regions": ["lac"] })).await
    );

    // The same number of statements for a bigger corpus (each measured just after a write, as a first reader
    // would: the reference tables are read again, once).
    hub::seed::synthetic::generate(app.db(), 5, 2021, &hub::progress::Silent).await.unwrap();
    let before = app.statement_count();
    app.data(PRIORITIES, json!({ "region": "africa" })).await;
    let small = app.statement_count() - before;
    hub::seed::synthetic::generate(app.db(), 300, 2022, &hub::progress::Silent).await.unwrap();
    let before = app.statement_count();
    app.data(PRIORITIES, json!({ "region": "africa" })).await;
    let big = app.statement_count() - before;
    assert_eq!(small, big, "{:#?}", app.statements_since(before));

    for (variables, field) in [
        (json!({ "region": "atlantis" }), "region"),
        (json!({ "first": 0 }), "first"),
        (json!({ "first": 24 }), "first"),
    ] {
        let body = app.graphql(PRIORITIES, variables.clone()).await;
        assert_eq!(error(&body), ("BAD_USER_INPUT".into(), field.into()), "{variables}");
    }
}

/// Every row's gap is `challengeCount / (1 + practiceCount)` over the answer's largest, widest first, ties by number.
fn check_formula(rows: &[Value]) {
    let raw = |p: &Value| p["challengeCount"].as_f64().unwrap() / (1.0 + p["practiceCount"].as_f64().unwrap());
    let widest = rows.iter().map(raw).fold(0.0, f64::max);
    for p in rows {
        let expected = if widest > 0.0 { raw(p) / widest } else { 0.0 };
        assert!((p["gap"].as_f64().unwrap() - expected).abs() < 1e-9, "{p}");
    }
    for pair in rows.windows(2) {
        let (a, b) = (pair[0]["gap"].as_f64().unwrap(), pair[1]["gap"].as_f64().unwrap());
        let by_number = pair[0]["objective"]["number"].as_i64() < pair[1]["objective"]["number"].as_i64();
        assert!(a > b || (a == b && by_number), "{pair:?}");
    }
}

#[actix_web::test]
async fn peer_matches_are_the_ones_computed_by_hand() {
    let app = TestApp::demo().await.unwrap();
    let peers = |country: &'static str| {
        let app = &app;
        async move { app.data(PEERS, json!({ "country": country })).await["peerMatches"].clone() }
    };
    // Mexico, a GCM Champion, raised 13 (a challenge) and 21 (a priority); it has a practice on 21, so 13 is asked.
    // Canada: 3 (objective) + 0.5 (one ongoing practice, in two languages) + 1 (an exchange) + 2 (champion) = 6.5;
    // Portugal: 3 + 1 (co-hosted the first exchange with Canada) + 2 = 6; Zambia: 3 + 1 (mostly completed) + 1 = 5;
    // Belgium: 3 + 0.5 = 3.5. Mexico's own exchange never makes it a match of its own.
    assert_eq!(
        peers("MEX").await,
        json!([
            { "country": { "iso3": "CAN" }, "score": 6.5, "objectives": [{ "number": 13 }],
              "reasons": ["1 published practice on objective 13", "co-hosted 1 peer exchange on objective 13", "a GCM Champion since 2020"],
              "practices": [{ "slug": "canada-community-based-alternatives-to-detention" }],
              "exchanges": [{ "slug": "atd-peer-exchange-1-covid19" }] },
            { "country": { "iso3": "PRT" }, "score": 6.0, "objectives": [{ "number": 13 }],
              "reasons": ["co-hosted 1 peer exchange on objective 13", "a GCM Champion since 2020"],
              "practices": [], "exchanges": [{ "slug": "atd-peer-exchange-1-covid19" }] },
            { "country": { "iso3": "ZMB" }, "score": 5.0, "objectives": [{ "number": 13 }],
              "reasons": ["1 published practice on objective 13", "co-hosted 1 peer exchange on objective 13"],
              "practices": [{ "slug": "zambia-child-sensitive-alternatives" }],
              "exchanges": [{ "slug": "atd-peer-exchange-3-children" }] },
            { "country": { "iso3": "BEL" }, "score": 3.5, "objectives": [{ "number": 13 }],
              "reasons": ["1 published practice on objective 13"],
              "practices": [{ "slug": "belgium-family-coaching-alternatives-to-detention" }], "exchanges": [] },
        ])
    );
    // Nepal raised 6 (it has a practice there) and 20: Bangladesh is a champion of its own region.
    let nepal: Vec<(String, f64, Value)> = peers("NPL")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (m["country"]["iso3"].as_str().unwrap().to_string(), m["score"].as_f64().unwrap(), m["reasons"].clone())
        })
        .collect();
    assert_eq!(
        nepal,
        [
            (
                "BGD".into(),
                6.5,
                json!(["1 published practice on objective 20", "a GCM Champion since 2020", "same region"])
            ),
            ("GHA".into(), 5.5, json!(["1 published practice on objective 20", "a GCM Champion since 2020"])),
            ("MDA".into(), 3.5, json!(["1 published practice on objective 20"])),
        ]
    );
    // Venezuela reported nothing; Chad's challenge (border management) is answered by no published practice.
    assert_eq!(peers("VEN").await, json!([]));
    assert_eq!(peers("TCD").await, json!([]));
    // Asked objectives replace the reported ones; the country itself is never its own match.
    let asked = app.data(PEERS, json!({ "country": "MEX", "objectives": [12] })).await;
    let countries: Vec<&str> =
        asked["peerMatches"].as_array().unwrap().iter().map(|m| m["country"]["iso3"].as_str().unwrap()).collect();
    assert!(!countries.is_empty() && !countries.contains(&"MEX"), "{countries:?}");
    for (variables, field) in [
        (json!({ "country": "XXX" }), "country"),
        (json!({ "country": "mexico" }), "country"),
        (json!({ "country": "MEX", "objectives": [24] }), "objectives"),
    ] {
        let body = app.graphql(PEERS, variables.clone()).await;
        assert_eq!(error(&body), ("BAD_USER_INPUT".into(), field.into()), "{variables}");
    }
}

#[actix_web::test]
async fn a_country_profile_holds_its_records_reports_and_coverage() {
    let app = TestApp::demo().await.unwrap();
    let query = r#"query($iso3: String!) { countryProfile(iso3: $iso3) { country { iso3 isChampion championSince }
        objectivesReported { objective { number } progressCount challengeCount priorityCount }
        coverage { objective { number } count }
        practices(first: 2) { totalCount nodes { slug } } reviewSubmissions { totalCount nodes { slug } } } }"#;
    let profile = app.data(query, json!({ "iso3": "mex" })).await["countryProfile"].clone();
    assert_eq!(profile["country"], json!({ "iso3": "MEX", "isChampion": true, "championSince": "2020-11-01" }));
    assert_eq!(
        profile["objectivesReported"],
        json!([
            { "objective": { "number": 12 }, "progressCount": 1, "challengeCount": 0, "priorityCount": 0 },
            { "objective": { "number": 13 }, "progressCount": 0, "challengeCount": 1, "priorityCount": 0 },
            { "objective": { "number": 15 }, "progressCount": 1, "challengeCount": 0, "priorityCount": 0 },
            { "objective": { "number": 21 }, "progressCount": 0, "challengeCount": 0, "priorityCount": 1 },
        ])
    );
    assert_eq!(profile["reviewSubmissions"]["nodes"], json!([{ "slug": "mexico-eclac-2021" }]));
    let listed = app.data(r#"{ practices(filter: { countries: ["MEX"] }) { totalCount } }"#, json!({})).await;
    assert_eq!(profile["practices"]["totalCount"], listed["practices"]["totalCount"]);
    assert_eq!(profile["practices"]["nodes"].as_array().unwrap().len(), 2);
    // Coverage counts every published record naming the country, per objective, once each.
    for count in profile["coverage"].as_array().unwrap() {
        let number = count["objective"]["number"].as_i64().unwrap();
        let filter = json!({ "countries": ["MEX"], "objectives": [number] });
        let listed =
            app.data("query($f: SearchFilter) { coverage(filter: $f) { total } }", json!({ "f": filter })).await;
        assert_eq!(count["count"], listed["coverage"]["total"], "objective {number}");
    }
    let unknown = app.data(query, json!({ "iso3": "XXX" })).await;
    assert_eq!(unknown["countryProfile"], Value::Null);
    let body = app.graphql(query, json!({ "iso3": "mexico" })).await;
    assert_eq!(error(&body), ("BAD_USER_INPUT".into(), "iso3".into()));
}

#[actix_web::test]
async fn the_pages_of_the_chain_render_their_numbers() {
    let app = TestApp::demo().await.unwrap();
    let (status, page, _) = app.get_text("/priorities?region=lac").await;
    assert_eq!(status, actix_web::http::StatusCode::OK);
    assert!(
        page.contains(r#"id="priorities-chart""#) && page.contains(r#"href="/?objective=13&amp;region=lac""#),
        "{page}"
    );
    assert!(page.contains(r#"id="across""#), "the priorities that straddle regions");
    assert!(page.contains(r#"id="challenges-map""#) && page.contains(r#"data-country="MEX" data-count="2""#), "{page}");
    let (status, _, _) = app.get_text("/priorities?region=atlantis").await;
    assert_eq!(status, actix_web::http::StatusCode::BAD_REQUEST);
    let (status, page, _) = app.get_text("/countries/MEX").await;
    assert_eq!(status, actix_web::http::StatusCode::OK);
    assert!(page.contains("Mexico") && page.contains(r#"id="country-objectives""#), "{page}");
    assert!(page.contains(r#"data-country="CAN""#), "its peer matches");
    assert!(page.contains("/review-submissions/mexico-eclac-2021"));
    let (status, _, _) = app.get_text("/countries/XXX").await;
    assert_eq!(status, actix_web::http::StatusCode::NOT_FOUND);
    let (status, page, _) = app.get_text("/review-submissions/chad-eca-2021").await;
    assert_eq!(status, actix_web::http::StatusCode::OK);
    assert!(page.contains("/countries/TCD") && page.contains("stance-challenge"), "{page}");
}
