//! List queries with all their relations cost the same number of SQL statements for 5 records as for 100.

use chrono::{TimeZone, Utc};
use hub::service::content::tags::{self, Tags};
use hub_entity::enums::{ContentKind, ExchangeFormat, OrganizationRole, Participation, Status, ToolKind};
use hub_entity::{content, guidance_tool, guidance_tool_link, organization, peer_exchange, regional_review};
use hub_tests::TestApp;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

const PRACTICES: &str = r#"query($n: Int) { practices(first: $n) { totalCount edges { cursor node {
  id slug language status title summary year publishedAt description implementation results lessonsLearned enablingFactors
  challenges replicability submitterKind geographicLevel startDate endDate completion callForPractices
  objectives { number title shortLabel } principles { key name } themes { key name } regions { key name }
  countries { iso3 name isChampion region { key name } }
  mainImplementer { id name kind country { iso3 region { key } } } partners { id name }
  resources { title url kind } translations { id title countries { iso3 } objectives { number } }
} } pageInfo { hasNextPage endCursor } } }"#;

const TOOLS: &str = r#"query($n: Int) { guidanceTools(first: $n) { totalCount nodes {
  id title toolKind targetAudience workingGroup publicationDate publisher { name country { iso3 } } links { language url }
  regionalReview { key region { key } submissions { id } } objectives { number } principles { key } themes { key }
  regions { key } countries { iso3 region { key } } translations { id title }
} } }"#;

const EXCHANGES: &str = r#"query($n: Int) { peerExchanges(first: $n) { totalCount nodes {
  id title series number format startsAt endsAt participation chathamHouse outcomes
  coHostCountries { iso3 region { key } } coHostOrganizations { name }
  relatedPractices { id title countries { iso3 } mainImplementer { name } }
  relatedGuidanceTools { id title publisher { name } }
  objectives { number } principles { key } themes { key } regions { key } countries { iso3 } translations { id }
} } }"#;

async fn statements(app: &TestApp, query: &str, n: i64, list: &str) -> (Vec<String>, usize) {
    let before = app.statement_count();
    let data = app.data(query, json!({ "n": n })).await;
    let returned = data[list]["edges"].as_array().or(data[list]["nodes"].as_array()).unwrap().len();
    (app.statements_since(before), returned)
}

#[actix_web::test]
async fn statement_count_does_not_grow_with_page_size() {
    // Uniform records (every practice has every kind of relation, translations included), so that a small page
    // and a large one exercise the same relations; tools and exchanges come from the demo corpus.
    let app = TestApp::with(|config| config.response_cache_mb = 0).await.unwrap();
    hub::seed::synthetic::generate(app.db(), 240, 2020, &hub::progress::Silent).await.unwrap();
    uniform_tools_and_exchanges(&app, 120).await;
    // The reference lists are read once per process and public epoch; a first request of each query loads them, so
    // that the measured pair compares relations only (the response cache is off: every request runs).

    for (query, list, small, large) in
        [(PRACTICES, "practices", 5, 100), (TOOLS, "guidanceTools", 5, 100), (EXCHANGES, "peerExchanges", 5, 100)]
    {
        statements(&app, query, small, list).await;
        let (few, few_rows) = statements(&app, query, small, list).await;
        let (many, many_rows) = statements(&app, query, large, list).await;
        assert_eq!(few_rows as i64, small);
        assert!(many_rows > few_rows, "{list}: the large page really is larger ({many_rows})");
        assert_eq!(
            few.len(),
            many.len(),
            "{list}: {} statements for {few_rows} records, {} for {many_rows}:\n{}\n---\n{}",
            few.len(),
            many.len(),
            few.join("\n"),
            many.join("\n")
        );
        eprintln!(
            "{list}: {} statements for a page of {many_rows} with all relations ({})",
            many.len(),
            hub_tests::backend()
        );
    }
}

/// A page reads, with its rows, only the kinds of tags its selection shows; a field of the same request that shows
/// another kind for a record a page fed still gets that record's true tags.
#[actix_web::test]
async fn a_page_reads_only_the_kinds_of_tags_it_shows() {
    let app = TestApp::with(|config| config.response_cache_mb = 0).await.unwrap();
    hub::seed::synthetic::generate(app.db(), 40, 2021, &hub::progress::Silent).await.unwrap();
    let every =
        "{ practices(first: 10) { nodes { id slug countries { iso3 } themes { key } objectives { number } } } }";
    let truth = app.data(every, json!({})).await["practices"]["nodes"].clone();
    let links = ["content_objectives", "content_principles", "content_themes", "content_regions", "content_countries"];
    let read = |statements: &[String]| -> Vec<&'static str> {
        links.iter().copied().filter(|link| statements.iter().any(|sql| sql.contains(link))).collect()
    };

    let countries = "{ practices(first: 10) { nodes { slug countries { iso3 } } } }";
    app.data(countries, json!({})).await;
    let before = app.statement_count();
    let nodes = app.data(countries, json!({})).await["practices"]["nodes"].clone();
    let statements = app.statements_since(before);
    assert_eq!(read(&statements), ["content_countries"], "{}", statements.join("\n"));
    for (node, truth) in nodes.as_array().unwrap().iter().zip(truth.as_array().unwrap()) {
        assert_eq!((&node["slug"], &node["countries"]), (&truth["slug"], &truth["countries"]));
    }
    let titles = "{ practices(first: 10) { nodes { slug title } } }";
    let before = app.statement_count();
    app.data(titles, json!({})).await;
    assert!(read(&app.statements_since(before)).is_empty(), "a page without tags reads none");

    // Two pages of the same records, each showing another kind, one record asked for a third, and one by its global
    // id (read without tags): each field gets the record's true tags, whichever page's tags reached the request's
    // loader first.
    let (slug, id) = (truth[0]["slug"].as_str().unwrap(), truth[1]["id"].as_str().unwrap());
    let mixed = format!(
        r#"{{ a: practices(first: 10) {{ nodes {{ slug countries {{ iso3 }} }} }}
              b: practices(first: 10) {{ nodes {{ slug themes {{ key }} }} }}
              c: practice(slug: "{slug}") {{ objectives {{ number }} countries {{ iso3 }} }}
              n: node(id: "{id}") {{ ... on Practice {{ themes {{ key }} objectives {{ number }} }} }} }}"#
    );
    for _ in 0..3 {
        let data = app.data(&mixed, json!({})).await;
        for (n, truth) in truth.as_array().unwrap().iter().enumerate() {
            assert_eq!(data["a"]["nodes"][n]["countries"], truth["countries"], "{data}");
            assert_eq!(data["b"]["nodes"][n]["themes"], truth["themes"], "{data}");
        }
        assert_eq!(data["c"]["objectives"], truth[0]["objectives"]);
        assert_eq!(data["c"]["countries"], truth[0]["countries"]);
        assert_eq!((&data["n"]["themes"], &data["n"]["objectives"]), (&truth[1]["themes"], &truth[1]["objectives"]));
    }
}

async fn insert_content(app: &TestApp, kind: ContentKind, n: usize) -> i64 {
    let at = Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(n as i64);
    let language = ["en", "fr"][n % 2];
    content::ActiveModel {
        kind: Set(kind),
        slug: Set(format!("uniform-{n}")),
        language: Set(language.into()),
        translation_key: Set(format!("uniform-{}", n / 2)),
        status: Set(Status::Published),
        title: Set(format!("Uniform record {n}")),
        summary: Set("A record with every relation.".into()),
        year: Set(Some(2021)),
        owner_sub: Set(None),
        review_note: Set(None),
        published_at: Set(Some(at)),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap()
    .id
}

/// Guidance tools and peer exchanges that all have every relation (the demo corpus varies too much for this test).
async fn uniform_tools_and_exchanges(app: &TestApp, count: usize) {
    let org = organization::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.country_iso3.is_some())
        .unwrap();
    let review = regional_review::Entity::find().all(app.db()).await.unwrap().remove(0);
    let practice = content::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.status == Status::Published)
        .unwrap();
    let tags = |role| Tags {
        objectives: vec![13, 21],
        principles: vec!["human_rights".into()],
        themes: vec!["data".into()],
        regions: vec!["africa".into()],
        countries: vec!["GHA".into(), "SEN".into()],
        organizations: vec![(org.id, role)],
    };
    let mut tools = Vec::new();
    for n in 0..count {
        let id = insert_content(app, ContentKind::GuidanceTool, n).await;
        guidance_tool::ActiveModel {
            content_id: Set(id),
            tool_kind: Set(ToolKind::Toolkit),
            target_audience: Set(None),
            geographic_scope: Set(None),
            working_group: Set(None),
            publication_date: Set(None),
            regional_review_id: Set(Some(review.id)),
        }
        .insert(app.db())
        .await
        .unwrap();
        guidance_tool_link::ActiveModel {
            tool_id: Set(id),
            language: Set("en".into()),
            url: Set("https://example.org".into()),
        }
        .insert(app.db())
        .await
        .unwrap();
        tags::insert(app.db(), &[(id, tags(OrganizationRole::Publisher))]).await.unwrap();
        tools.push(id);
    }
    for n in count..2 * count {
        let id = insert_content(app, ContentKind::PeerExchange, n).await;
        peer_exchange::ActiveModel {
            content_id: Set(id),
            series: Set(Some("Series".into())),
            number: Set(Some(1)),
            format: Set(ExchangeFormat::Virtual),
            starts_at: Set(Utc::now()),
            ends_at: Set(None),
            working_group: Set(None),
            participation: Set(Participation::Open),
            chatham_house: Set(false),
            outcomes: Set(None),
        }
        .insert(app.db())
        .await
        .unwrap();
        tags::insert(app.db(), &[(id, tags(OrganizationRole::CoHost))]).await.unwrap();
        tags::insert_exchange(app.db(), id, &["GHA".into()], &[practice.id, tools[n % tools.len()]]).await.unwrap();
    }
}
