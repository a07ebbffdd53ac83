//! The read API over real HTTP: lists, filters, ordering, pagination edges, lookups and reference lists.

use hub::domain::kind::RecordType;
use hub_entity::{content, enums::ContentKind, enums::Status};
use hub_tests::{TestApp, global_id};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashSet;

async fn published(app: &TestApp, kind: ContentKind) -> Vec<content::Model> {
    content::Entity::find()
        .filter(content::Column::Kind.eq(kind))
        .filter(content::Column::Status.eq(Status::Published))
        .all(app.db())
        .await
        .unwrap()
}

fn titles(connection: &Value) -> Vec<String> {
    connection["nodes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_string()).collect()
}

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $order: PracticeOrder, $filter: PracticeFilter) {
  practices(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: $filter) {
    totalCount
    edges { cursor node { id slug title } }
    nodes { title }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

#[actix_web::test]
async fn done_when_query_answers_with_demo_data() {
    let app = TestApp::demo().await.unwrap();
    let data = app
        .data(
            "{ practices(first: 5) { totalCount nodes { title countries { name } objectives { number title } } } }",
            json!({}),
        )
        .await;
    let practices = &data["practices"];
    assert_eq!(practices["totalCount"], published(&app, ContentKind::Practice).await.len());
    assert_eq!(practices["nodes"].as_array().unwrap().len(), 5);
    for node in practices["nodes"].as_array().unwrap() {
        assert!(!node["countries"].as_array().unwrap().is_empty());
        let objective = &node["objectives"][0];
        assert!((1..=23).contains(&objective["number"].as_i64().unwrap()));
        assert!(objective["title"].as_str().unwrap().len() > 20);
    }
}

/// Walks a list to the end in one direction and returns the ids in list order.
async fn walk(app: &TestApp, order: Value, page: i64, forward: bool) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let variables = if forward {
            json!({ "first": page, "after": cursor, "order": order })
        } else {
            json!({ "last": page, "before": cursor, "order": order })
        };
        let data = app.data(PAGE, variables).await;
        let connection = &data["practices"];
        let mut batch: Vec<String> =
            connection["edges"].as_array().unwrap().iter().map(|e| e["node"]["id"].as_str().unwrap().into()).collect();
        assert!(batch.len() as i64 <= page);
        let info = &connection["pageInfo"];
        if forward {
            ids.append(&mut batch);
            if !info["hasNextPage"].as_bool().unwrap() {
                break;
            }
            cursor = info["endCursor"].as_str().map(str::to_string);
        } else {
            batch.append(&mut ids);
            ids = batch;
            if !info["hasPreviousPage"].as_bool().unwrap() {
                break;
            }
            cursor = info["startCursor"].as_str().map(str::to_string);
        }
    }
    ids
}

#[actix_web::test]
async fn walking_all_pages_forward_and_backward_gives_each_record_once_in_every_order() {
    let app = TestApp::demo().await.unwrap();
    let expected = published(&app, ContentKind::Practice).await.len();
    for field in ["PUBLISHED_AT", "UPDATED_AT", "TITLE"] {
        for direction in ["ASC", "DESC"] {
            let order = json!({ "field": field, "direction": direction });
            let forward = walk(&app, order.clone(), 7, true).await;
            assert_eq!(forward.len(), expected, "{field} {direction}");
            assert_eq!(forward.iter().collect::<HashSet<_>>().len(), expected, "no duplicates {field} {direction}");
            let backward = walk(&app, order.clone(), 6, false).await;
            assert_eq!(backward, forward, "backward walk gives the same order ({field} {direction})");
        }
    }
}

#[actix_web::test]
async fn ordering_by_title_is_sorted_and_directions_are_reverses() {
    let app = TestApp::demo().await.unwrap();
    let asc = app.data(PAGE, json!({ "first": 100, "order": { "field": "TITLE", "direction": "ASC" } })).await;
    let desc = app.data(PAGE, json!({ "first": 100, "order": { "field": "TITLE", "direction": "DESC" } })).await;
    let mut asc_titles = titles(&asc["practices"]);
    let desc_titles = titles(&desc["practices"]);
    assert!(asc_titles.len() > 40);
    asc_titles.reverse();
    assert_eq!(asc_titles, desc_titles);
    let newest = app.data("{ practices(first: 100) { nodes { publishedAt } } }", json!({})).await;
    let dates: Vec<String> = newest["practices"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["publishedAt"].as_str().unwrap().into())
        .collect();
    assert!(dates.len() > 40);
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "newest first by default: {dates:?}");
}

#[actix_web::test]
async fn pagination_edges_are_rejected_or_empty() {
    let app = TestApp::demo().await.unwrap();
    for variables in [
        json!({ "first": 0 }),
        json!({ "first": 101 }),
        json!({ "last": 0 }),
        json!({ "last": 101 }),
        json!({ "first": -3 }),
        json!({ "first": 2, "last": 2 }),
    ] {
        assert_eq!(app.error_code(PAGE, variables.clone()).await, "BAD_USER_INPUT", "{variables}");
    }
    let body = app.graphql(PAGE, json!({ "first": 101 })).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("between 1 and 100"));

    // A forged cursor, a cursor of another list, a cursor of another ordering.
    assert_eq!(app.error_code(PAGE, json!({ "first": 5, "after": "bm90LWEtY3Vyc29y" })).await, "BAD_USER_INPUT");
    assert_eq!(app.error_code(PAGE, json!({ "first": 5, "after": "%%%" })).await, "BAD_USER_INPUT");
    let tools = app.data("{ guidanceTools(first: 1) { pageInfo { endCursor } } }", json!({})).await;
    let tool_cursor = tools["guidanceTools"]["pageInfo"]["endCursor"].clone();
    assert_eq!(app.error_code(PAGE, json!({ "first": 5, "after": tool_cursor })).await, "BAD_USER_INPUT");
    let titled = app.data(PAGE, json!({ "first": 1, "order": { "field": "TITLE", "direction": "ASC" } })).await;
    let title_cursor = titled["practices"]["pageInfo"]["endCursor"].clone();
    assert_eq!(app.error_code(PAGE, json!({ "first": 5, "after": title_cursor })).await, "BAD_USER_INPUT");

    // A well-formed cursor of the right list whose value has the wrong type (forged) never reaches SQL.
    use base64::Engine;
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(r#"{"l":"practices/PUBLISHED_AT/DESC","v":{"s":"x' OR 1=1"},"i":1}"#);
    let body = app.graphql(PAGE, json!({ "first": 5, "after": forged })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(r#"{"l":"practices/TITLE/ASC","v":{"t":"2020-01-01T00:00:00Z"},"i":1}"#);
    let order = json!({ "field": "TITLE", "direction": "ASC" });
    assert_eq!(app.error_code(PAGE, json!({ "first": 5, "after": forged, "order": order })).await, "BAD_USER_INPUT");
    let forged =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"l":"practices/TITLE/ASC","v":{"s":"M"},"i":-5}"#);
    let page = app.data(PAGE, json!({ "first": 5, "after": forged, "order": order })).await;
    assert_eq!(
        page["practices"]["nodes"].as_array().unwrap().len(),
        5,
        "a hand-made but well-typed position is just a position"
    );

    // Past the end: empty page, no cursors, no next page.
    let all = app.data(PAGE, json!({ "first": 100, "order": { "field": "TITLE", "direction": "ASC" } })).await;
    let last_cursor = all["practices"]["pageInfo"]["endCursor"].clone();
    let after_end = app
        .data(PAGE, json!({ "first": 5, "after": last_cursor, "order": { "field": "TITLE", "direction": "ASC" } }))
        .await;
    assert_eq!(after_end["practices"]["edges"], json!([]));
    assert_eq!(after_end["practices"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(after_end["practices"]["pageInfo"]["endCursor"], Value::Null);

    // A filter matching nothing: empty list, zero count.
    let none = app.data(PAGE, json!({ "first": 5, "filter": { "countries": ["ATA"] } })).await;
    assert_eq!(none["practices"]["totalCount"], 0);
    assert_eq!(none["practices"]["nodes"], json!([]));
    assert_eq!(none["practices"]["pageInfo"]["hasNextPage"], false);
}

#[actix_web::test]
async fn empty_hub_lists_nothing() {
    let app = TestApp::new().await.unwrap();
    for list in ["practices", "guidanceTools", "peerExchanges", "organizations"] {
        let data = app
            .data(
                &format!(
                    "{{ {list}(first: 10) {{ totalCount nodes {{ id }} pageInfo {{ hasNextPage startCursor }} }} }}"
                ),
                json!({}),
            )
            .await;
        assert_eq!(data[list]["totalCount"], 0, "{data}");
        assert_eq!(data[list]["nodes"], json!([]));
        assert_eq!(data[list]["pageInfo"]["startCursor"], Value::Null);
    }
}

async fn count_with(app: &TestApp, filter: Value) -> i64 {
    let data = app.data(PAGE, json!({ "first": 1, "filter": filter })).await;
    data["practices"]["totalCount"].as_i64().unwrap()
}

#[actix_web::test]
async fn filters_combine_and_across_fields_or_within_a_list() {
    let app = TestApp::demo().await.unwrap();
    let detention = count_with(&app, json!({ "objectives": [13] })).await;
    let returns = count_with(&app, json!({ "objectives": [21] })).await;
    let either = count_with(&app, json!({ "objectives": [13, 21] })).await;
    assert!(detention > 0 && returns > 0);
    assert!(either >= detention.max(returns) && either <= detention + returns);

    let canada = count_with(&app, json!({ "countries": ["CAN"] })).await;
    let canada_detention = count_with(&app, json!({ "countries": ["can"], "objectives": [13] })).await;
    assert!(canada_detention > 0 && canada_detention <= canada.min(detention));

    // Every returned record really matches: objectives 13 AND theme alternatives_to_detention.
    let q = r#"query($f: PracticeFilter) { practices(first: 100, filter: $f) { nodes { objectives { number } themes { key } } } }"#;
    let data = app.data(q, json!({ "f": { "objectives": [13], "themes": ["alternatives_to_detention"] } })).await;
    let nodes = data["practices"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    for node in nodes {
        assert!(node["objectives"].as_array().unwrap().iter().any(|o| o["number"] == 13));
        assert!(node["themes"].as_array().unwrap().iter().any(|t| t["key"] == "alternatives_to_detention"));
    }

    for (filter, at_least) in [
        (json!({ "principles": ["child_sensitive"] }), 1),
        (json!({ "regions": ["africa"] }), 3),
        (json!({ "regions": ["arab"] }), 2),
        (json!({ "languages": ["fr"] }), 5),
        (json!({ "languages": ["es", "pt"] }), 5),
        (json!({ "yearFrom": 2019, "yearTo": 2020 }), 3),
        (json!({ "updatedSince": "2021-01-01T00:00:00Z" }), 10),
    ] {
        let n = count_with(&app, filter.clone()).await;
        assert!(n >= at_least, "{filter}: {n}");
    }
    let total = count_with(&app, json!({})).await;
    assert_eq!(count_with(&app, json!({ "updatedSince": "2100-01-01T00:00:00Z" })).await, 0);
    assert_eq!(count_with(&app, json!({ "updatedSince": "2000-01-01T00:00:00Z" })).await, total);
    // Years are checked against the records.
    let q = r#"query($f: PracticeFilter) { practices(first: 100, filter: $f) { nodes { year } } }"#;
    let data = app.data(q, json!({ "f": { "yearFrom": 2018, "yearTo": 2019 } })).await;
    for node in data["practices"]["nodes"].as_array().unwrap() {
        let year = node["year"].as_i64().unwrap();
        assert!((2018..=2019).contains(&year));
    }

    // By organization id.
    let orgs = app
        .data(
            r#"{ organizations(first: 50, filter: { nameContains: "detention coalition" }) { nodes { id name } } }"#,
            json!({}),
        )
        .await;
    let idc = orgs["organizations"]["nodes"][0]["id"].clone();
    assert!(count_with(&app, json!({ "organizations": [idc] })).await >= 1);

    // Bad filter values are the caller's error, with the field named.
    for (filter, field) in [
        (json!({ "objectives": [24] }), "objectives"),
        (json!({ "countries": ["CANADA"] }), "countries"),
        (json!({ "yearFrom": 2021, "yearTo": 2019 }), "yearTo"),
        (json!({ "organizations": ["not-an-id"] }), "organizations"),
        (json!({ "organizations": [global_id(RecordType::PRACTICE, 1)] }), "organizations"),
        (json!({ "languages": vec!["en"; 251] }), "languages"),
    ] {
        let body = app.graphql(PAGE, json!({ "first": 1, "filter": filter })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
}

#[actix_web::test]
async fn statuses_filter_is_ignored_for_anonymous_callers() {
    let app = TestApp::demo().await.unwrap();
    let all = count_with(&app, json!({})).await;
    assert_eq!(count_with(&app, json!({ "statuses": ["DRAFT", "SUBMITTED"] })).await, all);
    let data = app
        .data(
            PAGE.replace("slug title", "slug title status").as_str(),
            json!({ "first": 100, "filter": { "statuses": ["DRAFT"] } }),
        )
        .await;
    for edge in data["practices"]["edges"].as_array().unwrap() {
        assert_eq!(edge["node"]["status"], "PUBLISHED");
    }
}

#[actix_web::test]
async fn lookups_by_id_and_slug_and_node() {
    let app = TestApp::demo().await.unwrap();
    let q = r#"query($id: ID, $slug: String) { practice(id: $id, slug: $slug) { id slug title description implementation results lessonsLearned
        submitterKind geographicLevel startDate endDate completion mainImplementer { id name kind country { iso3 } } partners { name }
        resources { title url kind } translations { language title } regions { key name } principles { key name } } }"#;
    let data = app.data(q, json!({ "slug": "portugal-covid19-temporary-regularization" })).await;
    let practice = &data["practice"];
    assert_eq!(practice["slug"], "portugal-covid19-temporary-regularization");
    assert_eq!(practice["startDate"], "2020-03-28");
    assert_eq!(practice["completion"], "COMPLETED");
    assert_eq!(practice["mainImplementer"]["country"]["iso3"], "PRT");
    assert_eq!(
        practice["translations"],
        json!([{ "language": "pt", "title": "Regularização temporária de migrantes com pedidos pendentes durante a COVID-19" }])
    );
    assert_eq!(practice["regions"][0]["key"], "unece");
    let id = practice["id"].clone();
    let by_id = app.data(q, json!({ "id": id })).await;
    assert_eq!(by_id["practice"], data["practice"]);

    let node = app.data("query($id: ID!) { node(id: $id) { id ... on Practice { slug } } }", json!({ "id": id })).await;
    assert_eq!(node["node"]["slug"], "portugal-covid19-temporary-regularization");

    // Unknown ids and slugs give null; an id of another type gives null; malformed ids are the caller's error.
    let missing = global_id(RecordType::PRACTICE, 999_999);
    assert_eq!(app.data(q, json!({ "id": missing })).await["practice"], Value::Null);
    assert_eq!(app.data(q, json!({ "slug": "no-such-practice" })).await["practice"], Value::Null);
    assert_eq!(
        app.data("query($id: ID!) { node(id: $id) { id } }", json!({ "id": missing })).await["node"],
        Value::Null
    );
    let tool = app.data(r#"{ guidanceTool(slug: "gcm-implementation-guide") { id } }"#, json!({})).await;
    assert_eq!(app.data(q, json!({ "id": tool["guidanceTool"]["id"] })).await["practice"], Value::Null);
    for bad in ["garbage", "", "UHJhY3RpY2U6YWJj"] {
        assert_eq!(
            app.error_code("query($id: ID!) { node(id: $id) { id } }", json!({ "id": bad })).await,
            "BAD_USER_INPUT"
        );
    }
    assert_eq!(app.error_code(q, json!({})).await, "BAD_USER_INPUT");
    assert_eq!(app.error_code(q, json!({ "id": id, "slug": "x" })).await, "BAD_USER_INPUT");

    // nodes: order kept, nulls in place, mixed types, capped.
    let org =
        app.data("{ organizations(first: 1) { nodes { id } } }", json!({})).await["organizations"]["nodes"][0]["id"]
            .clone();
    let nodes = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            json!({ "ids": [org, missing, id, tool["guidanceTool"]["id"]] }),
        )
        .await;
    let types: Vec<Value> = nodes["nodes"].as_array().unwrap().iter().map(|n| n["__typename"].clone()).collect();
    assert_eq!(types, vec![json!("Organization"), Value::Null, json!("Practice"), json!("GuidanceTool")]);
    let too_many: Vec<String> = (1..=101).map(|n| global_id(RecordType::PRACTICE, n)).collect();
    assert_eq!(
        app.error_code("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": too_many })).await,
        "BAD_USER_INPUT"
    );
}

#[actix_web::test]
async fn guidance_tools_and_peer_exchanges_with_their_relations() {
    let app = TestApp::demo().await.unwrap();
    let tools = app
        .data(r#"{ guidanceTools(first: 100, filter: { regions: ["unece"] }) { totalCount nodes { slug toolKind publicationDate publisher { name }
            links { language url } regionalReview { key commission region { key } } translations { language } } } }"#, json!({}))
        .await;
    let nodes = tools["guidanceTools"]["nodes"].as_array().unwrap();
    let questionnaire = nodes.iter().find(|n| n["slug"] == "unece-regional-review-questionnaire").unwrap();
    assert_eq!(questionnaire["regionalReview"]["commission"], "UNECE");
    assert_eq!(questionnaire["links"].as_array().unwrap().len(), 2);
    assert_eq!(
        published(&app, ContentKind::GuidanceTool).await.len(),
        app.data("{ guidanceTools { totalCount } }", json!({})).await["guidanceTools"]["totalCount"].as_u64().unwrap()
            as usize
    );

    let exchange = app
        .data(r#"{ peerExchange(slug: "atd-peer-exchange-1-covid19") { title series number format startsAt endsAt chathamHouse participation
            coHostCountries { iso3 } coHostOrganizations { acronym } relatedPractices { slug } relatedGuidanceTools { slug } objectives { number } } }"#, json!({}))
        .await;
    let exchange = &exchange["peerExchange"];
    assert_eq!(exchange["startsAt"], "2020-11-17T13:00:00+00:00");
    assert_eq!(exchange["number"], 1);
    assert_eq!(exchange["chathamHouse"], true);
    assert_eq!(exchange["coHostCountries"], json!([{ "iso3": "CAN" }, { "iso3": "PRT" }]));
    assert_eq!(exchange["relatedGuidanceTools"], json!([{ "slug": "alternatives-to-detention-covid19-brief" }]));
    assert_eq!(exchange["relatedPractices"].as_array().unwrap().len(), 2);

    let ordered = app
        .data(r#"{ peerExchanges(first: 100, orderBy: { field: TITLE, direction: ASC }) { totalCount nodes { title language } } }"#, json!({}))
        .await;
    let titles = titles(&ordered["peerExchanges"]);
    assert_eq!(titles.len(), published(&app, ContentKind::PeerExchange).await.len());
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles.len(), sorted.len());
    assert!(
        app.data(r#"{ peerExchanges(filter: { languages: ["fr"] }) { totalCount } }"#, json!({})).await["peerExchanges"]
            ["totalCount"]
            == 1
    );
}

#[actix_web::test]
async fn reference_lists() {
    let app = TestApp::new().await.unwrap();
    let data = app
        .data("{ objectives { number title shortLabel } guidingPrinciples { key name } regions { key name commission } themes { key name }
               countries { iso3 name region { key } isChampion championSince } regionalReviews { key title commission firstReview region { key } submissions { id } } }", json!({}))
        .await;
    let objectives = data["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 23);
    assert_eq!(objectives[12]["number"], 13);
    assert_eq!(
        objectives[12]["title"],
        "Use migration detention only as a measure of last resort and work towards alternatives"
    );
    assert_eq!(data["guidingPrinciples"].as_array().unwrap().len(), 10);
    assert_eq!(data["regions"].as_array().unwrap().len(), 5);
    assert_eq!(data["regionalReviews"].as_array().unwrap().len(), 5);
    assert!(data["themes"].as_array().unwrap().iter().any(|t| t["key"] == "alternatives_to_detention"));
    let countries = data["countries"].as_array().unwrap();
    assert!(countries.len() >= 249, "{}", countries.len());
    let champions = app.data("{ countries(championsOnly: true) { iso3 isChampion championSince } }", json!({})).await;
    let champions = champions["countries"].as_array().unwrap();
    assert_eq!(champions.len(), 15);
    assert!(champions.iter().all(|c| c["isChampion"] == true && c["championSince"] == "2020-11-01"));
    assert!(champions.iter().any(|c| c["iso3"] == "PRT"));
    let ghana = countries.iter().find(|c| c["iso3"] == "GHA").unwrap();
    assert_eq!(ghana["region"]["key"], "africa");
    assert_eq!(
        content::Entity::find().count(app.db()).await.unwrap(),
        0,
        "reference data only, no content, in a fresh hub"
    );
}

#[actix_web::test]
async fn organizations_are_paged_and_filtered() {
    let app = TestApp::demo().await.unwrap();
    let all = app.data("{ organizations(first: 100) { totalCount nodes { name kind } } }", json!({})).await;
    let total = all["organizations"]["totalCount"].as_i64().unwrap();
    assert!(total >= 30);
    let un = app
        .data("{ organizations(first: 100, filter: { kinds: [UN] }) { totalCount nodes { kind } } }", json!({}))
        .await;
    assert!(un["organizations"]["nodes"].as_array().unwrap().iter().all(|n| n["kind"] == "UN"));
    // LIKE wildcards are matched literally.
    let wild =
        app.data(r#"{ organizations(first: 10, filter: { nameContains: "%" }) { totalCount } }"#, json!({})).await;
    assert_eq!(wild["organizations"]["totalCount"], 0);
    let by_acronym = app
        .data(r#"{ organizations(first: 10, filter: { nameContains: "iom" }) { nodes { acronym } } }"#, json!({}))
        .await;
    assert_eq!(by_acronym["organizations"]["nodes"][0]["acronym"], "IOM");
    let page1 = app.data("{ organizations(first: 10) { nodes { name } pageInfo { endCursor } } }", json!({})).await;
    let after = page1["organizations"]["pageInfo"]["endCursor"].clone();
    let page2 = app
        .data(
            "query($a: String) { organizations(first: 10, after: $a) { nodes { name } pageInfo { hasPreviousPage } } }",
            json!({ "a": after }),
        )
        .await;
    assert_eq!(page2["organizations"]["pageInfo"]["hasPreviousPage"], true);
    assert!(
        page1["organizations"]["nodes"][9]["name"].as_str().unwrap()
            <= page2["organizations"]["nodes"][0]["name"].as_str().unwrap()
    );
}

#[actix_web::test]
async fn regional_reviews_with_their_submissions() {
    let app = TestApp::demo().await.unwrap();
    let data = app
        .data("{ regionalReviews { id key title firstReview region { key name } submissions { id slug submittedOn summary documentUrl language
               submitterCountry { iso3 isChampion } submitterOrganization { acronym kind } review { key } } } }", json!({}))
        .await;
    let reviews = data["regionalReviews"].as_array().unwrap();
    let unece = reviews.iter().find(|r| r["key"] == "unece").unwrap();
    assert_eq!(unece["firstReview"], "2020-11");
    assert_eq!(unece["region"]["key"], "unece");
    let submissions = unece["submissions"].as_array().unwrap();
    assert_eq!(submissions.len(), 6);
    assert!(submissions.iter().all(|s| s["review"]["key"] == "unece"));
    assert!(submissions.iter().any(|s| s["slug"] == "picum-unece-2020"));
    let dates: Vec<&str> = submissions.iter().map(|s| s["submittedOn"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|pair| pair[0] <= pair[1]), "oldest first: {dates:?}");
    assert!(
        submissions.iter().any(|s| s["submitterOrganization"]["acronym"] == "PICUM" && s["submitterCountry"].is_null())
    );
    assert!(
        submissions
            .iter()
            .any(|s| s["submitterCountry"]["iso3"] == "PRT" && s["submitterCountry"]["isChampion"] == true)
    );
    // Reviews and submissions are nodes.
    let id = submissions[0]["id"].clone();
    let node = app
        .data(
            "query($id: ID!) { node(id: $id) { __typename ... on ReviewSubmission { summary } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(node["node"]["__typename"], "ReviewSubmission");
    let node = app
        .data("query($id: ID!) { node(id: $id) { ... on RegionalReview { key } } }", json!({ "id": unece["id"] }))
        .await;
    assert_eq!(node["node"]["key"], "unece");
}
