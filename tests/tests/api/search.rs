//! The search contract, run against every available engine: the embedded one always; Meilisearch when
//! `TEST_MEILISEARCH_URL` is set or a `meilisearch` binary is on PATH (skipped loudly otherwise). Typos, facets that
//! agree with the list queries, filter injection, publish and archive, and loss-free sync through engine outages,
//! crashes mid-batch and mid-reindex (in `search_sync`): afterwards the index holds exactly the published rows.

use hub::index::{SearchEngine, SearchQuery};
use hub::jobs::reindex;
use hub::jobs::relay::{self, Pass};
use hub_entity::content;
use hub_entity::enums::Status;
use hub_tests::{SearchLeg, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// A demo hub with its index brought up to date.
pub(crate) async fn hub(leg: &SearchLeg) -> TestApp {
    let app = TestApp::with(|config| leg.configure(config)).await.unwrap();
    app.state.search.prepare().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    drain(&app).await;
    app
}

pub(crate) async fn drain(app: &TestApp) {
    assert!(matches!(relay::drain(app.db(), app.state.search.as_ref()).await.unwrap(), Pass::Applied(_)));
}

/// Every id the engine holds.
pub(crate) async fn indexed(engine: &dyn SearchEngine) -> BTreeSet<i64> {
    let all = SearchQuery { limit: 10_000, ..SearchQuery::default() };
    engine.search(&all).await.unwrap().hits.into_iter().map(|hit| hit.id).collect()
}

/// Every published record of a kind search holds (calls for practices are not among them).
pub(crate) async fn published(app: &TestApp) -> BTreeSet<i64> {
    let searchable = hub::domain::kind::searchable().map(|names| names.kind);
    content::Entity::find()
        .filter(content::Column::Status.eq(Status::Published))
        .filter(content::Column::Kind.is_in(searchable))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect()
}

pub(crate) async fn assert_index_is_exact(app: &TestApp, when: &str) {
    assert_eq!(indexed(app.state.search.as_ref()).await, published(app).await, "{when}: index = published rows");
}

pub(crate) const SEARCH: &str = r#"query($q: String!, $types: [ContentType!], $filter: SearchFilter, $first: Int, $after: String) {
    search(query: $q, types: $types, filter: $filter, first: $first, after: $after) {
        totalCount totalCountIsExact
        pageInfo { hasNextPage endCursor }
        edges { cursor highlights { field snippet } node { __typename ... on Practice { id title status } ... on GuidanceTool { id title status } ... on PeerExchange { id title status } ... on ReviewSubmission { id title status } } }
        facets { field values { value label count } }
    } }"#;

async fn search(app: &TestApp, variables: Value) -> Value {
    let body = app.graphql(SEARCH, variables).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["search"].clone()
}

fn facet(results: &Value, field: &str, value: &str) -> i64 {
    results["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .and_then(|f| f["values"].as_array().unwrap().iter().find(|v| v["value"] == value))
        .map_or(0, |v| v["count"].as_i64().unwrap())
}

async fn total(app: &TestApp, list: &str, filter: Value) -> i64 {
    let query = format!("query($f: {}Filter) {{ {list}(filter: $f) {{ totalCount }} }}", filter_type(list));
    app.data(&query, json!({ "f": filter })).await[list]["totalCount"].as_i64().unwrap()
}

fn filter_type(list: &str) -> &'static str {
    match list {
        "practices" => "Practice",
        "guidanceTools" => "GuidanceTool",
        _ => "PeerExchange",
    }
}

#[actix_web::test]
async fn typos_prefixes_highlights_and_paging() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let results = search(&app, json!({ "q": "detension" })).await;
        let titles: Vec<&str> =
            results["edges"].as_array().unwrap().iter().map(|e| e["node"]["title"].as_str().unwrap()).collect();
        assert!(titles.len() >= 3, "{engine}: a misspelt query finds the detention records: {titles:?}");
        // Best matches first: the records about detention (in any language) before anything matched through typos
        // elsewhere (`retention` is two typos from `detension`, as Meilisearch also allows for long words).
        let about = |t: &str| t.to_lowercase().replace('é', "e").contains("detention");
        let leading = titles.iter().take_while(|t| about(t)).count();
        assert!(leading >= 8 && titles[leading..].iter().all(|t| !about(t)), "{engine}: {titles:?}");
        assert!(results["edges"].as_array().unwrap().iter().all(|e| e["node"]["status"] == "PUBLISHED"));
        let first = &results["edges"][0]["highlights"];
        assert!(first.to_string().contains("<em>"), "{engine}: highlights mark the match: {first}");
        // Snippets, facets and their labels are made only when asked for, however they are asked for: through a
        // fragment and an alias too; leaving them out changes nothing else.
        let through_fragment = app
            .data(
                "fragment Marked on SearchEdge { marks: highlights { snippet } }
                 { search(query: \"detension\", first: 1) { totalCount edges { ...Marked } } }",
                json!({}),
            )
            .await;
        let marks = &through_fragment["search"]["edges"][0]["marks"];
        assert_eq!(
            marks,
            &json!(first.as_array().unwrap().iter().map(|h| json!({"snippet": h["snippet"]})).collect::<Vec<_>>()),
            "{engine}"
        );
        assert_eq!(through_fragment["search"]["totalCount"], results["totalCount"], "{engine}: counted without facets");
        let bare = app
            .data(
                "fragment Counted on SearchResults { sums: facets { field values { value count } } }
                 { search(query: \"detension\") { ...Counted edges { node { ... on Practice { id } } } } }",
                json!({}),
            )
            .await;
        let unlabelled: Vec<Value> = results["facets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let values: Vec<Value> = f["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| json!({"value": v["value"], "count": v["count"]}))
                    .collect();
                json!({"field": f["field"], "values": values})
            })
            .collect();
        assert_eq!(bare["search"]["sums"], json!(unlabelled), "{engine}: facets through a fragment, without labels");
        // Search-as-you-type: the last word is a prefix.
        let prefix = search(&app, json!({ "q": "reintegr" })).await;
        assert!(prefix["totalCount"].as_i64().unwrap() > 0, "{engine}: prefix");
        // Types narrow, and pages walk the whole result once.
        let practices = search(&app, json!({ "q": "", "types": ["PRACTICE"], "first": 7 })).await;
        let expected = total(&app, "practices", json!({})).await;
        assert_eq!(practices["totalCount"], expected, "{engine}");
        let mut seen = BTreeSet::new();
        let mut after = Value::Null;
        loop {
            let page = search(&app, json!({ "q": "", "types": ["PRACTICE"], "first": 7, "after": after })).await;
            for edge in page["edges"].as_array().unwrap() {
                assert_eq!(edge["node"]["__typename"], "Practice");
                assert!(seen.insert(edge["node"]["id"].as_str().unwrap().to_string()), "{engine}: each once");
            }
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(seen.len() as i64, expected, "{engine}: every page walked");
    }
}

#[actix_web::test]
async fn facet_counts_equal_the_list_queries() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let everything = search(&app, json!({ "q": "" })).await;
        let lists = [
            ("PRACTICE", "practices"),
            ("GUIDANCE_TOOL", "guidanceTools"),
            ("PEER_EXCHANGE", "peerExchanges"),
            ("REVIEW_SUBMISSION", "reviewSubmissions"),
        ];
        let mut sum = 0;
        for (kind, list) in lists {
            let count = total(&app, list, json!({})).await;
            assert_eq!(facet(&everything, "TYPE", kind), count, "{engine}: {kind}");
            sum += count;
        }
        assert_eq!(everything["totalCount"], sum, "{engine}: the empty query lists everything");
        assert_eq!(everything["totalCountIsExact"], true, "{engine}: far below any bound on counting");
        for (field, value, filter) in [
            ("OBJECTIVE", "13", json!({ "objectives": [13] })),
            ("REGION", "unece", json!({ "regions": ["unece"] })),
            ("COUNTRY", "MEX", json!({ "countries": ["MEX"] })),
            ("THEME", "alternatives_to_detention", json!({ "themes": ["alternatives_to_detention"] })),
            ("LANGUAGE", "fr", json!({ "languages": ["fr"] })),
            ("PRINCIPLE", "human_rights", json!({ "principles": ["human_rights"] })),
        ] {
            let mut expected = 0;
            for (_, list) in lists {
                expected += total(&app, list, filter.clone()).await;
            }
            assert!(expected > 0, "{engine}: the demo corpus has {field} {value}");
            assert_eq!(facet(&everything, field, value), expected, "{engine}: facet {field} {value}");
            let filtered = search(&app, json!({ "q": "", "filter": filter })).await;
            assert_eq!(filtered["totalCount"], expected, "{engine}: filter {field} {value}");
        }
        let labelled = everything["facets"].as_array().unwrap().iter().find(|f| f["field"] == "COUNTRY").unwrap();
        assert!(labelled["values"].as_array().unwrap().iter().all(|v| v["label"].is_string()), "{engine}: labels");
        // Text and filters combine.
        let both =
            search(&app, json!({ "q": "detention", "filter": { "themes": ["alternatives_to_detention"] } })).await;
        let text = search(&app, json!({ "q": "detention" })).await;
        assert!(both["totalCount"].as_i64().unwrap() <= text["totalCount"].as_i64().unwrap());
    }
}

#[actix_web::test]
async fn filter_values_never_inject() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let hostile = r#"x" OR status = "DRAFT"#;
        for filter in [
            json!({ "themes": [hostile] }),
            json!({ "languages": [hostile] }),
            json!({ "principles": [hostile, "' OR 1=1 --"] }),
            json!({ "regions": ["unece\" OR kind = \"PRACTICE"] }),
        ] {
            let results = search(&app, json!({ "q": "", "filter": filter })).await;
            assert_eq!(results["totalCount"], 0, "{engine}: {filter}");
        }
        let results = search(&app, json!({ "q": hostile })).await;
        assert!(results["edges"].as_array().unwrap().iter().all(|e| e["node"]["status"] == "PUBLISHED"), "{engine}");
        let body = app.graphql(SEARCH, json!({ "q": "", "filter": { "organizations": [hostile] } })).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{engine}: ids are checked");
        let body = app.graphql(SEARCH, json!({ "q": "", "filter": { "countries": [hostile] } })).await;
        assert_eq!(body["errors"][0]["extensions"]["field"], "countries", "{engine}: ISO3 codes are checked: {body}");
    }
}

/// The search filter is the lists' filter, checked the same way: what a list refuses, search refuses, by field.
#[actix_web::test]
async fn the_search_filter_refuses_what_the_list_filters_refuse() {
    let app = TestApp::demo().await.unwrap();
    for (filter, field) in [
        (json!({ "objectives": [0] }), "objectives"),
        (json!({ "objectives": [24] }), "objectives"),
        (json!({ "objectives": [-5] }), "objectives"),
        (json!({ "yearFrom": 2021, "yearTo": 2020 }), "yearTo"),
        (json!({ "countries": ["MEXICO"] }), "countries"),
    ] {
        let list = app
            .graphql("query($f: PracticeFilter) { practices(filter: $f) { totalCount } }", json!({ "f": filter }))
            .await;
        let search = app.graphql(SEARCH, json!({ "q": "", "filter": filter })).await;
        for body in [&list, &search] {
            assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{filter}: {body}");
            assert_eq!(body["errors"][0]["extensions"]["field"], field, "{filter}: {body}");
        }
    }
    for first in [0, 101] {
        let body = app.graphql(SEARCH, json!({ "q": "", "first": first })).await;
        assert_eq!(body["errors"][0]["extensions"]["field"], "first", "the lists' page sizes: {body}");
    }
    let list_cursor = app.data("{ practices(first: 1) { pageInfo { endCursor } } }", json!({})).await;
    let cursor = &list_cursor["practices"]["pageInfo"]["endCursor"];
    assert!(cursor.is_string(), "{list_cursor}");
    let body = app.graphql(SEARCH, json!({ "q": "", "after": cursor })).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "a list's cursor is not a search cursor: {body}");
}

pub(crate) const CREATE_TOOL: &str = r#"mutation($title: String!) { createGuidanceTool(input: {
    title: $title, summary: "A zyxwvut handbook on labour mobility partnerships.", toolKind: HANDBOOK }) { guidanceTool { id } } }"#;

#[actix_web::test]
async fn publishing_adds_a_hit_and_archiving_removes_it() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let editor = app.token("eve", "editor");
        let created = app.graphql_as(Some(&editor), CREATE_TOOL, json!({ "title": "Handbook on mobility" })).await;
        let id = created["data"]["createGuidanceTool"]["guidanceTool"]["id"].clone();
        drain(&app).await;
        assert_eq!(search(&app, json!({ "q": "zyxwvut" })).await["totalCount"], 0, "{engine}: drafts are not indexed");
        let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
        app.graphql_as(Some(&editor), publish, json!({ "id": id })).await;
        drain(&app).await;
        let found = search(&app, json!({ "q": "zyxwvut" })).await;
        assert_eq!(found["totalCount"], 1, "{engine}: published");
        assert_eq!(found["edges"][0]["node"]["id"], id);
        let archive = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }";
        app.graphql_as(Some(&editor), archive, json!({ "id": id })).await;
        drain(&app).await;
        assert_eq!(search(&app, json!({ "q": "zyxwvut" })).await["totalCount"], 0, "{engine}: archived");
        // Renaming an organization reaches the documents that name it.
        let org = app
            .graphql_as(Some(&editor), "{ organizations(first: 1, filter: { nameContains: \"International Organization for Migration\" }) { nodes { id version } } }", json!({}))
            .await["data"]["organizations"]["nodes"][0]
            .clone();
        let rename = r#"mutation($id: ID!, $v: Int!) { updateOrganization(id: $id, version: $v, input: { name: "Qwertyuiop Migration Agency" }) { organization { id } } }"#;
        let body = app.graphql_as(Some(&editor), rename, json!({ "id": org["id"], "v": org["version"] })).await;
        assert!(body.get("errors").is_none(), "{body}");
        drain(&app).await;
        assert!(search(&app, json!({ "q": "qwertyuiop" })).await["totalCount"].as_i64().unwrap() > 0, "{engine}");
        assert_index_is_exact(&app, engine).await;
    }
}

/// An acronym a published record defines is learned for every search, on every engine: "seasonal employer scheme
/// (RSE)" would not do (the glossary knows RSE), so the record defines an acronym of its own.
#[actix_web::test]
async fn acronyms_the_records_define_are_learned_and_forgotten() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let editor = app.token("eve", "editor");
        let create = r#"mutation { createGuidanceTool(input: { title: "Handbook on seasonal employment",
            summary: "How the Pacific horticulture seasonal scheme (PHSS) recruits workers.", toolKind: HANDBOOK })
            { guidanceTool { id } } }"#;
        let created = app.graphql_as(Some(&editor), create, json!({})).await;
        let id = created["data"]["createGuidanceTool"]["guidanceTool"]["id"].clone();
        let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
        app.graphql_as(Some(&editor), publish, json!({ "id": id })).await;
        drain(&app).await;
        // The New Zealand scheme never writes PHSS, but is about Pacific horticulture seasonal work.
        let hits = slugs(&ranked(&app, json!({ "q": "PHSS", "first": 5 })).await);
        assert!(hits.contains(&"new-zealand-seasonal-employer-scheme".to_string()), "{engine}: {hits:?}");
        let archive = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }";
        app.graphql_as(Some(&editor), archive, json!({ "id": id })).await;
        drain(&app).await;
        let hits = slugs(&ranked(&app, json!({ "q": "PHSS", "first": 5 })).await);
        assert!(hits.is_empty(), "{engine}: forgotten with the record that defined it: {hits:?}");
    }
}

pub(crate) const RANKED: &str = r#"query($q: String!, $lang: String, $collapse: Boolean, $first: Int) {
    search(query: $q, preferredLanguage: $lang, collapseTranslations: $collapse, first: $first) {
        totalCount
        nodes { ... on Practice { slug language translations { slug } }
                ... on GuidanceTool { slug language translations { slug } }
                ... on PeerExchange { slug language translations { slug } } ... on ReviewSubmission { slug language translations { slug } } }
        edges { highlights { field snippet } }
        facets { field values { value count } }
    } }"#;

async fn ranked(app: &TestApp, variables: Value) -> Value {
    let body = app.graphql(RANKED, variables).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["search"].clone()
}

fn slugs(results: &Value) -> Vec<String> {
    results["nodes"].as_array().unwrap().iter().map(|n| n["slug"].as_str().unwrap().to_string()).collect()
}

/// The relevance rules, on every engine: records matching more of the words first (one word is enough to be
/// found), word forms and the field's synonyms meet, a query reaches translations, and the reader's language.
#[actix_web::test]
async fn words_forms_synonyms_and_languages_meet_on_every_engine() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        // A four-word question: the record matching three of the words is found, after those matching all four.
        let found = slugs(&ranked(&app, json!({ "q": "seasonal horticulture jobs spaceships" })).await);
        assert_eq!(found.first().map(String::as_str), Some("new-zealand-seasonal-employer-scheme"), "{engine}");
        let all = slugs(&ranked(&app, json!({ "q": "seasonal horticulture jobs" })).await);
        assert_eq!(all.first(), found.first(), "{engine}: the same best match with or without the unmatched word");
        // Word forms: plural and singular, derived forms through their stems.
        for (query, expected) in [
            ("programmes for returnees", "el-salvador-returnee-reception-centre"),
            ("regularizaciones", "spain-social-roots-regularization-es"),
            ("détenus", "canada-community-based-alternatives-to-detention-fr"),
            ("orientations seminar", "philippines-pre-departure-orientation"),
        ] {
            let hits = slugs(&ranked(&app, json!({ "q": query })).await);
            assert!(hits.contains(&expected.to_string()), "{engine}: {query} finds {expected}: {hits:?}");
        }
        // The field's synonyms and spellings.
        for (query, expected) in [
            ("ATD", "atd-peer-exchange-2-case-management"),
            ("regularisation", "regularization-guidance"),
            ("labor", "fair-recruitment-toolkit"),
            ("detained", "zambia-child-sensitive-alternatives"),
            ("GCM implementation", "gcm-implementation-guide"),
        ] {
            let hits = slugs(&ranked(&app, json!({ "q": query })).await);
            assert!(hits.contains(&expected.to_string()), "{engine}: {query} finds {expected}: {hits:?}");
        }
        // A query whose first words no record holds still finds the records holding the others (Meilisearch keeps
        // the first word whatever its matching strategy: the words that match nothing are dropped before asking).
        for query in ["zzyzx quuxly detention children", "reconocimiento enfermeras nurses"] {
            let hits = slugs(&ranked(&app, json!({ "q": query })).await);
            assert!(!hits.is_empty(), "{engine}: {query} finds something");
        }
        assert!(slugs(&ranked(&app, json!({ "q": "zzyzx quuxly" })).await).is_empty(), "{engine}: words of no record");
        // Questions, other languages and acronyms spelled out only: question words go, the glossary translates the
        // field's terms, and acronyms of the field meet their expansion: the record is among the first five (the
        // judged set measures how high; Meilisearch ranks the New Zealand scheme fifth for the French words).
        for (query, expected) in [
            ("how can I get free legal advice by phone before leaving", "kyrgyzstan-pre-departure-legal-aid-hotline"),
            ("reconocimiento de títulos de enfermeras", "germany-philippines-triple-win-nurses"),
            ("travailleurs saisonniers", "new-zealand-seasonal-employer-scheme"),
            ("OFW", "philippines-pre-departure-orientation"),
        ] {
            let hits = slugs(&ranked(&app, json!({ "q": query })).await);
            assert!(hits.iter().take(5).any(|h| h == expected), "{engine}: {query} finds {expected}: {hits:?}");
        }
        // Across languages: a French query finds the English version through its translation group.
        let hits = slugs(&ranked(&app, json!({ "q": "lignes directrices détention enfants", "first": 50 })).await);
        for expected in ["zambia-child-sensitive-alternatives-fr", "zambia-child-sensitive-alternatives"] {
            assert!(hits.contains(&expected.to_string()), "{engine}: {expected} in {hits:?}");
        }
        // The reader's language is a BCP 47 tag, checked like the filters'.
        for tag in ["not a tag", "FR", "fr_"] {
            let body = app.graphql(RANKED, json!({ "q": "detention", "lang": tag })).await;
            assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{engine}: {tag}: {body}");
            assert_eq!(body["errors"][0]["extensions"]["field"], "preferredLanguage", "{engine}: {body}");
        }
        // A language without a stemmer or a ranking flag is accepted: nothing ranks first, and the search answers.
        assert!(!slugs(&ranked(&app, json!({ "q": "detention", "lang": "de-CH" })).await).is_empty(), "{engine}");
        // The reader's language first, among records matching as many words (it is not a filter).
        let results = ranked(&app, json!({ "q": "detention", "lang": "fr-BE", "first": 50 })).await;
        let languages: Vec<&str> =
            results["nodes"].as_array().unwrap().iter().map(|n| n["language"].as_str().unwrap()).collect();
        let french = languages.iter().take_while(|l| **l == "fr").count();
        assert!(french >= 3 && languages[french..].iter().all(|l| *l != "fr"), "{engine}: {languages:?}");
        assert!(languages.contains(&"en"), "{engine}: a preference, not a filter");
        let highlights = results["edges"].to_string();
        assert!(highlights.contains("<em>détention</em>"), "{engine}: marks follow stems and accents: {highlights}");
    }
}

#[actix_web::test]
async fn collapsed_results_show_one_record_per_translation_group() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let everything = ranked(&app, json!({ "q": "detention", "first": 100 })).await;
        let collapsed = ranked(&app, json!({ "q": "detention", "collapse": true, "lang": "fr", "first": 100 })).await;
        let nodes = collapsed["nodes"].as_array().unwrap();
        // No hit is another hit's translation, and every record found belongs to a group shown.
        let shown: BTreeSet<String> = slugs(&collapsed).into_iter().collect();
        for node in nodes {
            for translation in node["translations"].as_array().unwrap() {
                assert!(!shown.contains(translation["slug"].as_str().unwrap()), "{engine}: {node}");
            }
        }
        let groups: BTreeSet<BTreeSet<String>> = everything["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let mut group: BTreeSet<String> =
                    n["translations"].as_array().unwrap().iter().map(|t| t["slug"].as_str().unwrap().into()).collect();
                group.insert(n["slug"].as_str().unwrap().into());
                group
            })
            .collect();
        assert_eq!(collapsed["totalCount"], groups.len(), "{engine}: totalCount counts groups");
        assert!(collapsed["totalCount"].as_i64().unwrap() < everything["totalCount"].as_i64().unwrap());
        // The group shows its French record when it has one.
        assert!(shown.contains("zambia-child-sensitive-alternatives-fr"), "{engine}: {shown:?}");
        assert!(!shown.contains("zambia-child-sensitive-alternatives"), "{engine}");
        // Facets count groups too: the type facet adds up to the groups.
        let types = collapsed["facets"].as_array().unwrap().iter().find(|f| f["field"] == "TYPE").unwrap();
        let sum: i64 = types["values"].as_array().unwrap().iter().map(|v| v["count"].as_i64().unwrap()).sum();
        assert_eq!(sum, groups.len() as i64, "{engine}: {types}");
        // Paging through collapsed results walks every group once.
        let mut seen = BTreeSet::new();
        let mut after = Value::Null;
        loop {
            let body = app
                .graphql(
                    "query($after: String) { search(query: \"detention\", collapseTranslations: true, first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { ... on Practice { slug } ... on GuidanceTool { slug } ... on PeerExchange { slug } ... on ReviewSubmission { slug } } } }",
                    json!({ "after": after }),
                )
                .await;
            let page = &body["data"]["search"];
            for slug in slugs(page) {
                assert!(seen.insert(slug), "{engine}: each group once");
            }
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(seen.len(), groups.len(), "{engine}");
    }
}

#[actix_web::test]
async fn related_records_share_topics_and_never_the_group() {
    let legs = hub_tests::search_legs();
    for leg in &legs {
        let engine = leg.name;
        let app = hub(leg).await;
        let query = r#"query($slug: String!, $first: Int) { practice(slug: $slug) { slug
            related(first: $first) { __typename ... on Practice { slug status objectives { number } }
                ... on GuidanceTool { slug status objectives { number } } ... on PeerExchange { slug status objectives { number } } ... on ReviewSubmission { slug status objectives { number } } } } }"#;
        let data = app.data(query, json!({ "slug": "zambia-child-sensitive-alternatives", "first": 5 })).await;
        let related = data["practice"]["related"].as_array().unwrap();
        assert_eq!(related.len(), 5, "{engine}: {related:?}");
        let slugs: Vec<&str> = related.iter().map(|r| r["slug"].as_str().unwrap()).collect();
        for own in ["zambia-child-sensitive-alternatives", "zambia-child-sensitive-alternatives-fr"] {
            assert!(!slugs.contains(&own), "{engine}: never itself nor its translations: {slugs:?}");
        }
        assert!(related.iter().all(|r| r["status"] == "PUBLISHED"), "{engine}");
        // Records about the same thing: child detention, alternatives to detention (objective 13).
        let about = related.iter().filter(|r| r["objectives"].to_string().contains("13")).count();
        assert!(about >= 3, "{engine}: {slugs:?}");
        assert!(
            slugs.iter().any(|s| s.contains("children") || s.contains("belgium")),
            "{engine}: the child-detention records come up: {slugs:?}"
        );
        // Countries' review submissions are suggested beside other submissions, never beside practices.
        let many =
            app.data(query, json!({ "slug": "canada-community-based-alternatives-to-detention", "first": 20 })).await;
        let kinds: Vec<&str> =
            many["practice"]["related"].as_array().unwrap().iter().map(|r| r["__typename"].as_str().unwrap()).collect();
        assert!(kinds.len() >= 10 && !kinds.contains(&"ReviewSubmission"), "{engine}: {kinds:?}");
        let submission =
            r#"query($slug: String!) { reviewSubmission(slug: $slug) { related(first: 20) { __typename } } }"#;
        let data = app.data(submission, json!({ "slug": "canada-unece-2020" })).await;
        let kinds = data["reviewSubmission"]["related"].to_string();
        assert!(kinds.contains("ReviewSubmission") && kinds.contains("Practice"), "{engine}: {kinds}");
        let one = app.data(query, json!({ "slug": "zambia-child-sensitive-alternatives", "first": 1 })).await;
        assert_eq!(one["practice"]["related"].as_array().unwrap().len(), 1, "{engine}");
        for first in [0, 21, -1] {
            let body =
                app.graphql(query, json!({ "slug": "zambia-child-sensitive-alternatives", "first": first })).await;
            assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{engine}: first {first}: {body}");
        }
    }
}

/// A new index (a first start, or the embedded engine after a change of its schema) is filled from the database when
/// the relay starts; a filled one is left alone.
#[actix_web::test]
async fn an_empty_index_is_filled_at_start() {
    let app = TestApp::new().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    let engine = app.state.search.as_ref();
    assert!(indexed(engine).await.is_empty(), "nothing relayed yet");
    let filled = reindex::if_empty(app.db(), engine).await.unwrap();
    assert_eq!(filled, Some(published(&app).await.len() as u64));
    assert_index_is_exact(&app, "after filling").await;
    assert_eq!(reindex::if_empty(app.db(), engine).await.unwrap(), None, "a filled index is left alone");
}

/// An engine that takes `delay` over every search.
struct Slow {
    inner: std::sync::Arc<dyn SearchEngine>,
    delay: std::time::Duration,
}

#[async_trait::async_trait]
impl SearchEngine for Slow {
    fn name(&self) -> &'static str {
        "slow"
    }

    async fn search(&self, query: &SearchQuery) -> hub::index::EngineResult<hub::index::SearchResults> {
        tokio::time::sleep(self.delay).await;
        self.inner.search(query).await
    }

    async fn ranked(&self, query: &SearchQuery, depth: usize) -> hub::index::EngineResult<Vec<hub::index::Ranked>> {
        tokio::time::sleep(self.delay).await;
        self.inner.ranked(query, depth).await
    }

    async fn related(&self, document: &hub::index::SearchDocument, first: usize) -> hub::index::EngineResult<Vec<i64>> {
        self.inner.related(document, first).await
    }

    async fn upsert(&self, documents: Vec<hub::index::SearchDocument>) -> hub::index::EngineResult<()> {
        self.inner.upsert(documents).await
    }

    async fn delete(&self, ids: Vec<i64>) -> hub::index::EngineResult<()> {
        self.inner.delete(ids).await
    }

    async fn healthy(&self) -> bool {
        self.inner.healthy().await
    }

    async fn rebuild(&self) -> hub::index::EngineResult<Box<dyn hub::index::Rebuild>> {
        self.inner.rebuild().await
    }
}

#[actix_web::test]
async fn collapsing_takes_turns_at_the_gate_and_other_searches_do_not() {
    use hub::error::AppError;
    use hub::service::gate::Gate;
    use hub::service::search::{self, Search};
    let app = hub(&hub_tests::search_legs()[0]).await;
    // One turn, and a wait far shorter than a search: of three collapsing at once, the two without a turn are shed.
    // Without collapsing, a search ranks in its engine (which bounds its own turns: below), not at the gate.
    let gate = Gate::new(1, std::time::Duration::from_millis(50));
    let delay = std::time::Duration::from_millis(400);
    for (collapse, shed) in [(false, 0), (true, 2)] {
        let engine = Slow { inner: app.state.search.clone(), delay };
        let asked = || Search { text: "detention".into(), collapse, ..Search::default() };
        let outcomes =
            futures_util::future::join_all((0..3).map(|_| search::search(app.db(), &engine, &gate, asked()))).await;
        let busy = outcomes.iter().filter(|outcome| matches!(outcome, Err(AppError::ServiceBusy))).count();
        assert_eq!(busy, shed, "collapsed: {collapse}");
        for found in outcomes.iter().filter_map(|outcome| outcome.as_ref().ok()) {
            assert!(found.total > 0 && !found.hits.is_empty(), "the searches that ran found the detention records");
        }
    }
}

/// The embedded engine runs searches on its own threads (`HUB_EXPENSIVE_CONCURRENCY` of them), one at a time each:
/// those that wait for a thread longer than `HUB_BUSY_WAIT_MS` are shed with 503 `SERVICE_BUSY`, and the rest
/// answer in full.
#[actix_web::test]
async fn the_embedded_engine_sheds_searches_that_wait_too_long_for_its_threads() {
    let app = TestApp::with(|config| {
        config.expensive_concurrency = 1;
        config.busy_wait_ms = 0;
        // Every search reaches the engine: none is answered from the cache or joins another's identical request.
        config.response_cache_mb = 0;
    })
    .await
    .unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    drain(&app).await;
    let (address, handle) = app.serve();
    let url = format!("http://{address}/graphql");
    let client = reqwest::Client::new();
    let (client, url) = (&client, &url);
    let asked = (1..=24).map(|first| async move {
        let query =
            format!("{{ search(query: \"detention children\", first: {first}) {{ totalCount facets {{ field }} }} }}");
        let response = client.post(url).json(&json!({ "query": query })).send().await.unwrap();
        (response.status().as_u16(), response.json::<Value>().await.unwrap())
    });
    let answers = futures_util::future::join_all(asked).await;
    let shed = answers.iter().filter(|(status, _)| *status == 503).count();
    assert!(shed > 0, "24 searches at once on one thread, none allowed to wait: some are shed");
    for (status, body) in &answers {
        if *status == 503 {
            assert_eq!(body["errors"][0]["extensions"]["code"], "SERVICE_BUSY", "{body}");
        } else {
            assert_eq!(*status, 200, "{body}");
            assert!(body["data"]["search"]["totalCount"].as_u64().unwrap() > 0, "{body}");
        }
    }
    handle.stop(true).await;
}
