//! Editors' and admins' writes over HTTP: guidance tools, peer exchanges, translations and resources, organizations,
//! themes, regional reviews and submissions, the fixed lists; per-field validation, stale versions, records still in
//! use, and the audit trail that records it all.

use hub_tests::TestApp;
use serde_json::{Value, json};

struct Editor {
    app: TestApp,
    token: String,
    admin: String,
}

impl Editor {
    async fn new() -> Editor {
        let app = TestApp::new().await.unwrap();
        let token = app.token("eve", "editor");
        let admin = app.token("ada", "admin");
        Editor { app, token, admin }
    }

    async fn run(&self, query: &str, variables: Value) -> Value {
        self.app.graphql_as(Some(&self.token), query, variables).await
    }

    /// Runs a query as the editor that must succeed and returns its data.
    async fn ok(&self, query: &str, variables: Value) -> Value {
        self.app.ok_as(&self.token, query, variables).await
    }

    /// Runs a query as the editor that must fail and returns `(code, field)`.
    async fn fails(&self, query: &str, variables: Value) -> (String, Option<String>) {
        self.app.fails_as(Some(&self.token), query, variables).await
    }
}

fn bad(field: &str) -> (String, Option<String>) {
    ("BAD_USER_INPUT".into(), Some(field.into()))
}

fn code(code: &str) -> (String, Option<String>) {
    (code.into(), None)
}

const CREATE_TOOL: &str = r#"mutation($input: CreateGuidanceToolInput!) {
    createGuidanceTool(input: $input) { guidanceTool { id slug status version year } } }"#;
const UPDATE_TOOL: &str = r#"mutation($id: ID!, $v: Int!, $input: UpdateGuidanceToolInput!) {
    updateGuidanceTool(id: $id, version: $v, input: $input) { guidanceTool { version title targetAudience } } }"#;
const READ_TOOL: &str = r#"query($id: ID) { guidanceTool(id: $id) {
    status title toolKind publicationDate year publishedAt
    links { language url } publisher { name } regionalReview { key } objectives { number } themes { key }
    history { action actorSubject } } }"#;

fn tool_input() -> Value {
    json!({
        "title": "Guidance on alternatives to immigration detention",
        "summary": "How States can move from detention to community-based alternatives.",
        "toolKind": "GUIDANCE_NOTE",
        "publicationDate": "2022-06-15",
        "objectives": [13],
        "themes": ["alternatives_to_detention"],
        "links": [
            { "language": "en", "url": "https://example.org/atd-en.pdf" },
            { "language": "fr", "url": "https://example.org/atd-fr.pdf" },
        ],
    })
}

#[actix_web::test]
async fn editors_write_guidance_tools_and_publish_them_directly() {
    let e = Editor::new().await;
    let reviews = e.ok("{ regionalReviews { id key } }", json!({})).await;
    let review = reviews["regionalReviews"][0].clone();
    let org = e
        .ok(
            r#"mutation { createOrganization(input: { name: "Network Working Group", kind: UN }) { organization { id } } }"#,
            json!({}),
        )
        .await["createOrganization"]["organization"]["id"]
        .clone();
    let mut input = tool_input();
    input["publisher"] = org;
    input["regionalReview"] = review["id"].clone();
    let tool = e.ok(CREATE_TOOL, json!({ "input": input })).await["createGuidanceTool"]["guidanceTool"].clone();
    assert_eq!(tool["status"], "DRAFT");
    let provisional = tool["slug"].as_str().unwrap();
    assert!(provisional.starts_with("guidance-on-alternatives-to-immigration-detention-draft-"), "{provisional}");
    assert_eq!(tool["year"], 2022, "a tool is dated by its publication");
    let id = tool["id"].clone();

    // A stale version is a conflict; the current one lands and moves the version on.
    let change = json!({ "id": id, "v": 7, "input": { "targetAudience": "Ministries of interior" } });
    assert_eq!(e.fails(UPDATE_TOOL, change).await, code("CONFLICT"));
    let change = json!({ "id": id, "v": 1, "input": { "targetAudience": "Ministries of interior" } });
    let updated = e.ok(UPDATE_TOOL, change).await["updateGuidanceTool"]["guidanceTool"].clone();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["targetAudience"], "Ministries of interior");

    // Archiving a draft is not a move of the workflow; publishing it directly is.
    let archive = "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { status } } }";
    assert_eq!(e.fails(archive, json!({ "id": id })).await, code("INVALID_TRANSITION"));
    let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { status } } }";
    assert_eq!(e.ok(publish, json!({ "id": id })).await["publishGuidanceTool"]["guidanceTool"]["status"], "PUBLISHED");
    assert_eq!(e.fails(publish, json!({ "id": id })).await, code("INVALID_TRANSITION"));
    let delete = "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }";
    assert_eq!(e.fails(delete, json!({ "id": id })).await, code("INVALID_TRANSITION"), "published, so archived");

    // Anonymous readers now see it, with every relation written.
    let public = READ_TOOL.replace("history { action actorSubject } ", "");
    let read = e.app.graphql_as(None, &public, json!({ "id": id }));
    let read = read.await["data"]["guidanceTool"].clone();
    assert_eq!(read["toolKind"], "GUIDANCE_NOTE");
    assert_eq!(read["publicationDate"], "2022-06-15");
    assert!(read["publishedAt"].is_string());
    assert_eq!(
        read["links"],
        json!([{ "language": "en", "url": "https://example.org/atd-en.pdf" }, { "language": "fr", "url": "https://example.org/atd-fr.pdf" }])
    );
    assert_eq!(read["publisher"]["name"], "Network Working Group");
    assert_eq!(read["regionalReview"]["key"], review["key"]);
    assert_eq!(read["objectives"], json!([{ "number": 13 }]));
    assert_eq!(read["themes"], json!([{ "key": "alternatives_to_detention" }]));

    // Editors read its history.
    let history = e.ok(READ_TOOL, json!({ "id": id })).await["guidanceTool"]["history"].clone();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["guidance_tool.create", "guidance_tool.update", "guidance_tool.publish"]);
    assert!(history.as_array().unwrap().iter().all(|h| h["actorSubject"] == "eve"));
}

#[actix_web::test]
async fn guidance_tool_inputs_are_checked_field_by_field() {
    let e = Editor::new().await;
    let with = |key: &str, value: Value| {
        let mut input = tool_input();
        input[key] = value;
        json!({ "input": input })
    };
    let cases = [
        (with("title", json!("ab")), bad("title")),
        (with("summary", json!("short")), bad("summary")),
        (with("language", json!("English")), bad("language")),
        (with("toolKind", Value::Null), bad("toolKind")),
        (with("objectives", json!([0])), bad("objectives")),
        (with("themes", json!(["no_such_theme"])), bad("themes")),
        (with("countries", json!(["XXX"])), bad("countries")),
        (with("countries", json!(vec!["PRT"; 251])), bad("countries")),
        (with("links", json!([{ "language": "en", "url": "javascript:alert(1)" }])), bad("links.url")),
        (
            with(
                "links",
                json!([{ "language": "en", "url": "https://a.org" }, { "language": "en", "url": "https://b.org" }]),
            ),
            bad("links.language"),
        ),
        (with("publisher", json!("not-an-id")), bad("publisher")),
        (
            with("regionalReview", json!(hub_tests::global_id(hub::domain::kind::RecordType::RegionalReview, 999))),
            bad("regionalReview"),
        ),
        (
            with("translationOf", json!(hub_tests::global_id(hub::domain::kind::RecordType::GUIDANCE_TOOL, 999))),
            bad("translationOf"),
        ),
    ];
    for (variables, expected) in cases {
        assert_eq!(e.fails(CREATE_TOOL, variables.clone()).await, expected, "{variables}");
    }
    let (count, _) = (e.ok("{ guidanceTools(filter: { statuses: [DRAFT] }) { totalCount } }", json!({})).await, ());
    assert_eq!(count["guidanceTools"]["totalCount"], 0, "nothing was written");
}

const CREATE_EXCHANGE: &str = r#"mutation($input: CreatePeerExchangeInput!) {
    createPeerExchange(input: $input) { peerExchange { id version year } } }"#;
const UPDATE_EXCHANGE: &str = r#"mutation($id: ID!, $v: Int!, $input: UpdatePeerExchangeInput!) {
    updatePeerExchange(id: $id, version: $v, input: $input) { peerExchange { version endsAt } } }"#;

#[actix_web::test]
async fn peer_exchanges_keep_their_dates_in_order_and_relate_to_practices_and_tools() {
    let e = Editor::new().await;
    let tool =
        e.ok(CREATE_TOOL, json!({ "input": tool_input() })).await["createGuidanceTool"]["guidanceTool"]["id"].clone();
    let practice = e
        .ok(
            "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }",
            json!({ "input": {
                "title": "Case management instead of detention",
                "summary": "Caseworkers support people in the community while their cases are decided.",
                "description": "A pilot in three cities pairs each person with a caseworker from arrival to decision.",
            } }),
        )
        .await["createPractice"]["practice"]["id"]
        .clone();
    let org = e
        .ok(r#"mutation { createOrganization(input: { name: "City of Mexico", kind: LOCAL_AUTHORITY, country: "MEX" }) { organization { id } } }"#, json!({}))
        .await["createOrganization"]["organization"]["id"]
        .clone();
    let input = json!({
        "title": "Peer exchange on alternatives to detention",
        "summary": "Governments share how they moved from detention to case management.",
        "series": "Alternatives to detention",
        "number": 1,
        "format": "VIRTUAL",
        "startsAt": "2020-11-17T14:00:00Z",
        "endsAt": "2020-11-17T16:00:00Z",
        "participation": "GOVERNMENTS_ONLY",
        "chathamHouse": true,
        "coHostCountries": ["mex", "THA"],
        "coHostOrganizations": [org],
        "related": [practice, tool],
    });
    let mut backwards = input.clone();
    backwards["endsAt"] = json!("2020-11-16T16:00:00Z");
    assert_eq!(e.fails(CREATE_EXCHANGE, json!({ "input": backwards })).await, bad("endsAt"));
    let mut wrong_kind = input.clone();
    wrong_kind["related"] = json!([org]);
    assert_eq!(e.fails(CREATE_EXCHANGE, json!({ "input": wrong_kind })).await, bad("related"));
    let mut no_start = input.clone();
    no_start.as_object_mut().unwrap().remove("startsAt");
    assert_eq!(e.fails(CREATE_EXCHANGE, json!({ "input": no_start })).await, bad("startsAt"));

    let exchange = e.ok(CREATE_EXCHANGE, json!({ "input": input })).await["createPeerExchange"]["peerExchange"].clone();
    assert_eq!(exchange["year"], 2020);
    let id = exchange["id"].clone();
    // The order holds against the stored start too.
    let early = json!({ "id": id, "v": 1, "input": { "endsAt": "2020-11-01T00:00:00Z" } });
    assert_eq!(e.fails(UPDATE_EXCHANGE, early).await, bad("endsAt"));
    let later = json!({ "id": id, "v": 1, "input": { "endsAt": "2020-11-17T17:00:00Z" } });
    assert_eq!(e.ok(UPDATE_EXCHANGE, later).await["updatePeerExchange"]["peerExchange"]["version"], 2);

    let read = e
        .ok(
            r#"query($id: ID) { peerExchange(id: $id) { series number chathamHouse participation
                coHostCountries { iso3 } coHostOrganizations { name } relatedPractices { id } relatedGuidanceTools { id } } }"#,
            json!({ "id": id }),
        )
        .await["peerExchange"]
        .clone();
    assert_eq!(read["series"], "Alternatives to detention");
    assert_eq!(read["chathamHouse"], true);
    assert_eq!(read["participation"], "GOVERNMENTS_ONLY");
    let mut hosts: Vec<&str> =
        read["coHostCountries"].as_array().unwrap().iter().map(|c| c["iso3"].as_str().unwrap()).collect();
    hosts.sort_unstable();
    assert_eq!(hosts, ["MEX", "THA"]);
    assert_eq!(read["coHostOrganizations"], json!([{ "name": "City of Mexico" }]));
    assert_eq!(read["relatedPractices"], json!([{ "id": practice }]));
    assert_eq!(read["relatedGuidanceTools"], json!([{ "id": tool }]));
}

#[actix_web::test]
async fn practices_carry_resources_and_translations() {
    let e = Editor::new().await;
    let alice = e.app.token("alice", "contributor");
    let create =
        "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id slug language } } }";
    let english = json!({
        "title": "Firewall between health services and immigration enforcement",
        "summary": "Clinics treat everyone without passing data to immigration authorities.",
        "description": "A law forbids health services to share patients' immigration status with enforcement.",
        "resources": [
            { "title": "The law", "url": "https://example.org/law.pdf", "kind": "DOCUMENT" },
            { "title": "Evaluation", "url": "https://example.org/evaluation", "kind": "WEBSITE" },
        ],
    });
    let body = e.app.graphql_as(Some(&alice), create, json!({ "input": english })).await;
    let original = body["data"]["createPractice"]["practice"].clone();
    assert_eq!(original["language"], "en");

    let mut french = english.clone();
    french["title"] = json!("Pare-feu entre services de santé et contrôle de l'immigration");
    french["language"] = json!("fr");
    french["translationOf"] = original["id"].clone();
    let body = e.app.graphql_as(Some(&alice), create, json!({ "input": french.clone() })).await;
    let translation = body["data"]["createPractice"]["practice"].clone();
    let slug = translation["slug"].as_str().unwrap();
    assert!(slug.starts_with("pare-feu-entre-services-de-sante-et-controle-de-l-immigration-draft-"), "{body}");

    // One record per language in a translation group.
    let mut again = french.clone();
    again["title"] = json!("Une autre traduction");
    let body = e.app.graphql_as(Some(&alice), create, json!({ "input": again })).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "language", "{body}");

    let read = r#"query($id: ID) { practice(id: $id) { translations { language } resources { title url kind } } }"#;
    let body = e.app.graphql_as(Some(&alice), read, json!({ "id": original["id"] })).await;
    assert_eq!(body["data"]["practice"]["translations"], json!([{ "language": "fr" }]));
    assert_eq!(
        body["data"]["practice"]["resources"][1],
        json!({ "title": "Evaluation", "url": "https://example.org/evaluation", "kind": "WEBSITE" })
    );

    // Resources are replaced as a whole, and checked.
    let update = r#"mutation($id: ID!, $input: UpdatePracticeInput!) { updatePractice(id: $id, version: 1, input: $input) { practice { resources { title } } } }"#;
    let bad_url = json!({ "id": original["id"], "input": { "resources": [{ "title": "x", "url": "not a url", "kind": "OTHER" }] } });
    let body = e.app.graphql_as(Some(&alice), update, bad_url).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "resources.url", "{body}");
    let one = json!({ "id": original["id"], "input": { "resources": [{ "title": "Only this", "url": "https://example.org/x", "kind": "VIDEO" }] } });
    let body = e.app.graphql_as(Some(&alice), update, one).await;
    assert_eq!(body["data"]["updatePractice"]["practice"]["resources"], json!([{ "title": "Only this" }]), "{body}");
}

const UPDATE_ORG: &str = r#"mutation($id: ID!, $v: Int!, $input: UpdateOrganizationInput!) {
    updateOrganization(id: $id, version: $v, input: $input) { organization { name acronym version country { iso3 } } } }"#;

#[actix_web::test]
async fn organizations_are_edited_at_a_version_and_kept_while_named() {
    let e = Editor::new().await;
    let create = r#"mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id version acronym } } }"#;
    let input = json!({ "name": "International Labour Organization", "acronym": "ILO", "kind": "UN" });
    let mut wrong = input.clone();
    wrong["country"] = json!("ZZZ");
    assert_eq!(e.fails(create, json!({ "input": wrong })).await, bad("country"));
    wrong["country"] = json!("Portugal");
    assert_eq!(e.fails(create, json!({ "input": wrong })).await, bad("country"));
    let org = e.ok(create, json!({ "input": input })).await["createOrganization"]["organization"].clone();
    assert_eq!(org["version"], 1);
    let id = org["id"].clone();

    let renamed = e.ok(UPDATE_ORG, json!({ "id": id, "v": 1, "input": { "name": "ILO", "country": "che" } })).await;
    assert_eq!(renamed["updateOrganization"]["organization"]["version"], 2);
    assert_eq!(renamed["updateOrganization"]["organization"]["country"]["iso3"], "CHE");
    // `null` clears an optional field; an omitted one stays.
    let cleared = e.ok(UPDATE_ORG, json!({ "id": id, "v": 2, "input": { "acronym": null } })).await;
    assert_eq!(cleared["updateOrganization"]["organization"]["acronym"], Value::Null);
    assert_eq!(cleared["updateOrganization"]["organization"]["country"]["iso3"], "CHE");
    assert_eq!(
        e.fails(UPDATE_ORG, json!({ "id": id, "v": 2, "input": { "name": "Lost write" } })).await,
        code("CONFLICT")
    );
    let missing = hub_tests::global_id(hub::domain::kind::RecordType::Organization, 99_999);
    assert_eq!(
        e.fails(UPDATE_ORG, json!({ "id": missing, "v": 1, "input": { "name": "Nobody" } })).await,
        code("NOT_FOUND")
    );

    // An organization a practice names cannot be removed from under it.
    let practice = json!({
        "title": "Fair recruitment corridor",
        "summary": "Two governments and the ILO run recruitment without fees for workers.",
        "description": "Recruitment agencies are licensed and audited; workers pay no recruitment fees at all.",
        "mainImplementer": id,
    });
    e.ok(
        "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }",
        json!({ "input": practice }),
    )
    .await;
    let delete = "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }";
    assert_eq!(e.fails(delete, json!({ "id": id })).await, code("CONFLICT"));
    let spare = e.ok(create, json!({ "input": { "name": "Spare", "kind": "ACADEMIA" } })).await;
    let spare = spare["createOrganization"]["organization"]["id"].clone();
    assert_eq!(e.ok(delete, json!({ "id": spare })).await["deleteOrganization"]["deletedId"], spare);
    assert_eq!(e.fails(delete, json!({ "id": spare })).await, code("NOT_FOUND"));
}

#[actix_web::test]
async fn themes_are_managed_by_key_and_kept_while_in_use() {
    let e = Editor::new().await;
    let create = r#"mutation($key: String!, $name: String!) { createTheme(input: { key: $key, name: $name }) { theme { key version } } }"#;
    let update = r#"mutation($key: String!, $v: Int!) { updateTheme(key: $key, version: $v, input: { name: "Social cohesion and inclusion" }) { theme { name version } } }"#;
    let delete = "mutation($key: String!) { deleteTheme(key: $key) { deletedKey } }";
    assert_eq!(e.fails(create, json!({ "key": "Social Cohesion", "name": "Social cohesion" })).await, bad("key"));
    assert_eq!(e.fails(create, json!({ "key": "social_cohesion", "name": "S" })).await, bad("name"));
    e.ok(create, json!({ "key": "social_cohesion", "name": "Social cohesion" })).await;
    assert_eq!(e.fails(create, json!({ "key": "social_cohesion", "name": "Again" })).await, code("CONFLICT"));
    let themes = e.ok("{ themes { key } }", json!({})).await;
    assert_eq!(themes["themes"].as_array().unwrap().last().unwrap()["key"], "social_cohesion", "new themes go last");
    assert_eq!(e.ok(update, json!({ "key": "social_cohesion", "v": 1 })).await["updateTheme"]["theme"]["version"], 2);
    assert_eq!(e.fails(update, json!({ "key": "social_cohesion", "v": 1 })).await, code("CONFLICT"));
    assert_eq!(e.fails(update, json!({ "key": "nope", "v": 1 })).await, code("NOT_FOUND"));
    // In use: a practice is tagged with it.
    let practice = json!({
        "title": "Neighbourhood mentors",
        "summary": "Long-time residents mentor newly arrived families for a year.",
        "description": "Volunteers are trained and matched with families by the municipality's integration office.",
        "themes": ["social_cohesion"],
    });
    e.ok(
        "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }",
        json!({ "input": practice }),
    )
    .await;
    assert_eq!(e.fails(delete, json!({ "key": "social_cohesion" })).await, code("CONFLICT"));
    e.ok(create, json!({ "key": "unused", "name": "Unused theme" })).await;
    assert_eq!(e.ok(delete, json!({ "key": "unused" })).await["deleteTheme"]["deletedKey"], "unused");

    let trail = e
        .ok(
            r#"{ auditTrail(first: 10, filter: { subjectTypes: ["Theme"] }) { totalCount nodes { action subjectKey } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        trail["auditTrail"]["nodes"],
        json!([
            { "action": "theme.delete", "subjectKey": "unused" },
            { "action": "theme.create", "subjectKey": "unused" },
            { "action": "theme.update", "subjectKey": "social_cohesion" },
            { "action": "theme.create", "subjectKey": "social_cohesion" },
        ])
    );
}

#[actix_web::test]
async fn regional_reviews_and_submissions() {
    let e = Editor::new().await;
    let create_review = r#"mutation($input: CreateRegionalReviewInput!) { createRegionalReview(input: $input) { regionalReview { id version } } }"#;
    let review = json!({ "key": "lac-2", "region": "lac", "title": "Second review for Latin America and the Caribbean", "commission": "ECLAC", "firstReview": "2024-04" });
    let mut wrong = review.clone();
    wrong["firstReview"] = json!("2024-13");
    assert_eq!(e.fails(create_review, json!({ "input": wrong })).await, bad("firstReview"));
    wrong["firstReview"] = json!("April 2024");
    assert_eq!(e.fails(create_review, json!({ "input": wrong })).await, bad("firstReview"));
    let mut wrong = review.clone();
    wrong["region"] = json!("atlantis");
    assert_eq!(e.fails(create_review, json!({ "input": wrong })).await, bad("region"));
    let id =
        e.ok(create_review, json!({ "input": review })).await["createRegionalReview"]["regionalReview"]["id"].clone();

    let create = r#"mutation($input: CreateReviewSubmissionInput!) { createReviewSubmission(input: $input) { reviewSubmission {
        id version slug status submitterCountry { iso3 } regions { key } countries { iso3 } objectives { number }
        objectiveReports { objective { number } stance excerpt } } } }"#;
    let submission = json!({ "title": "Colombia: input to the second ECLAC review (2024)", "review": id,
        "submitterCountry": "col", "submittedOn": "2024-03-01", "summary": "Colombia's voluntary review of GCM implementation.",
        "documentUrl": "https://example.org/col.pdf", "language": "es",
        "objectiveReports": [{ "objective": 16, "stance": "PROGRESS", "excerpt": "El Estatuto Temporal de Protección." },
                             { "objective": 4, "stance": "CHALLENGE" }] });
    let mut nobody = submission.clone();
    nobody.as_object_mut().unwrap().remove("submitterCountry");
    assert_eq!(e.fails(create, json!({ "input": nobody })).await, bad("submitterCountry"));
    let mut future = submission.clone();
    future["submittedOn"] = json!("2099-01-01");
    assert_eq!(e.fails(create, json!({ "input": future })).await, bad("submittedOn"));
    let mut bad_url = submission.clone();
    bad_url["documentUrl"] = json!("ftp://example.org/col.pdf");
    assert_eq!(e.fails(create, json!({ "input": bad_url })).await, bad("documentUrl"));
    let mut no_objective = submission.clone();
    no_objective["objectiveReports"] = json!([{ "objective": 24, "stance": "PROGRESS" }]);
    assert_eq!(e.fails(create, json!({ "input": no_objective })).await, bad("objectiveReports.objective"));
    let mut twice = submission.clone();
    twice["objectiveReports"] =
        json!([{ "objective": 4, "stance": "CHALLENGE" }, { "objective": 4, "stance": "CHALLENGE" }]);
    assert_eq!(e.fails(create, json!({ "input": twice })).await, bad("objectiveReports"));
    let created =
        e.ok(create, json!({ "input": submission })).await["createReviewSubmission"]["reviewSubmission"].clone();
    // Public on save, under a slug of its submitter, its review's commission and its year; tagged by what it is.
    assert_eq!(created["submitterCountry"]["iso3"], "COL");
    assert_eq!(created["status"], "PUBLISHED");
    assert_eq!(created["slug"], "colombia-eclac-2024");
    assert_eq!(created["regions"], json!([{ "key": "lac" }]));
    assert_eq!(created["countries"], json!([{ "iso3": "COL" }]));
    assert_eq!(created["objectives"], json!([{ "number": 4 }, { "number": 16 }]));
    assert_eq!(
        created["objectiveReports"],
        json!([{ "objective": { "number": 4 }, "stance": "CHALLENGE", "excerpt": null },
               { "objective": { "number": 16 }, "stance": "PROGRESS", "excerpt": "El Estatuto Temporal de Protección." }])
    );
    let public = e
        .app
        .data(
            "query($slug: String!) { reviewSubmission(slug: $slug) { title } }",
            json!({ "slug": "colombia-eclac-2024" }),
        )
        .await;
    assert_eq!(public["reviewSubmission"]["title"], "Colombia: input to the second ECLAC review (2024)");

    let update = r#"mutation($id: ID!, $v: Int!) { updateReviewSubmission(id: $id, version: $v, input: {
        documentUrl: "https://example.org/col-v2.pdf", objectiveReports: [{ objective: 15, stance: PRIORITY }] }) {
        reviewSubmission { documentUrl version slug status objectives { number } } } }"#;
    let updated = e.ok(update, json!({ "id": created["id"], "v": 1 })).await;
    assert_eq!(
        updated["updateReviewSubmission"]["reviewSubmission"],
        json!({ "documentUrl": "https://example.org/col-v2.pdf", "version": 2, "slug": "colombia-eclac-2024",
                "status": "PUBLISHED", "objectives": [{ "number": 15 }] })
    );
    assert_eq!(e.fails(update, json!({ "id": created["id"], "v": 1 })).await, code("CONFLICT"));

    let orphan = r#"mutation($id: ID!) { updateReviewSubmission(id: $id, version: 2, input: { submitterCountry: null }) { reviewSubmission { id } } }"#;
    assert_eq!(
        e.fails(orphan, json!({ "id": created["id"] })).await,
        bad("submitterCountry"),
        "nobody would have made it"
    );
    let delete_review = "mutation($id: ID!) { deleteRegionalReview(id: $id) { deletedId } }";
    assert_eq!(e.fails(delete_review, json!({ "id": id })).await, code("CONFLICT"), "it has a submission");
    // Editors archive a submission; only admins take one down.
    let delete = "mutation($id: ID!) { deleteReviewSubmission(id: $id) { deletedId } }";
    assert_eq!(e.fails(delete, json!({ "id": created["id"] })).await, code("INVALID_TRANSITION"));
    let archive = "mutation($id: ID!) { archiveReviewSubmission(id: $id) { reviewSubmission { status } } }";
    assert_eq!(
        e.ok(archive, json!({ "id": created["id"] })).await["archiveReviewSubmission"]["reviewSubmission"]["status"],
        "ARCHIVED"
    );
    e.app.ok_as(&e.admin, delete, json!({ "id": created["id"] })).await;
    e.ok(delete_review, json!({ "id": id })).await;
    let reviews = e.ok("{ regionalReviews { key } }", json!({})).await;
    assert_eq!(reviews["regionalReviews"].as_array().unwrap().len(), 5);
}

#[actix_web::test]
async fn admins_reword_the_fixed_lists() {
    let e = Editor::new().await;
    let update = r#"mutation($n: Int!, $v: Int!, $label: String) { updateObjective(number: $n, version: $v, input: { shortLabel: $label }) { objective { shortLabel version } } }"#;
    let admin = |query: &'static str, variables: Value| {
        let token = e.admin.clone();
        let app = &e.app;
        async move { app.graphql_as(Some(&token), query, variables).await }
    };
    let body = admin(update, json!({ "n": 1, "v": 1, "label": "Data" })).await;
    assert_eq!(body["data"]["updateObjective"]["objective"], json!({ "shortLabel": "Data", "version": 2 }), "{body}");
    let body = admin(update, json!({ "n": 1, "v": 1, "label": "Stale" })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "CONFLICT");
    let body = admin(update, json!({ "n": 24, "v": 1, "label": "None" })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let body = admin(update, json!({ "n": 2, "v": 1, "label": "x" })).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "shortLabel");
    // Editors may not.
    assert_eq!(e.fails(update, json!({ "n": 2, "v": 1, "label": "Drivers" })).await, code("FORBIDDEN"));
    let objectives = e.app.graphql_as(None, "{ objectives { number shortLabel } }", json!({})).await;
    assert_eq!(objectives["data"]["objectives"][0]["shortLabel"], "Data");
    assert_ne!(objectives["data"]["objectives"][1]["shortLabel"], "Drivers");
}

#[actix_web::test]
async fn the_audit_trail_pages_and_filters() {
    let e = Editor::new().await;
    for n in 0..5 {
        let key = format!("theme-{n}");
        e.ok(
            r#"mutation($key: String!) { createTheme(input: { key: $key, name: "A theme" }) { theme { key } } }"#,
            json!({ "key": key }),
        )
        .await;
    }
    e.ok(
        r#"mutation { createOrganization(input: { name: "An NGO", kind: CIVIL_SOCIETY }) { organization { id } } }"#,
        json!({}),
    )
    .await;
    let page = r#"query($after: String, $filter: AuditFilter) { auditTrail(first: 2, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } nodes { action subjectKey actorSubject actorRole } } }"#;
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = e.ok(page, json!({ "after": after, "filter": { "actions": ["theme.create"] } })).await;
        let trail = &data["auditTrail"];
        assert_eq!(trail["totalCount"], 5);
        for node in trail["nodes"].as_array().unwrap() {
            assert_eq!(node["actorSubject"], "eve");
            assert_eq!(node["actorRole"], "editor");
            seen.push(node["subjectKey"].as_str().unwrap().to_string());
        }
        if trail["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = trail["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, ["theme-4", "theme-3", "theme-2", "theme-1", "theme-0"], "newest first, each once");
    let by_actor = e.ok(page, json!({ "filter": { "actors": ["somebody-else"] } })).await;
    assert_eq!(by_actor["auditTrail"]["totalCount"], 0);
    let since = e.ok(page, json!({ "filter": { "since": "2999-01-01T00:00:00Z" } })).await;
    assert_eq!(since["auditTrail"]["totalCount"], 0);
    let orgs = e.ok(page, json!({ "filter": { "subjectTypes": ["Organization"] } })).await;
    assert_eq!(orgs["auditTrail"]["totalCount"], 1);
}

#[actix_web::test]
async fn concurrent_creates_get_distinct_slugs_and_races_are_conflicts() {
    let e = Editor::new().await;
    let create = "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { slug } } }";
    let input = json!({ "input": {
        "title": "Same title written at once",
        "summary": "Several contributors send the same title at the same moment.",
        "description": "Each gets its own record and its own slug, none of them an internal error.",
    } });
    let bodies = futures_util::future::join_all((0..6).map(|_| e.run(create, input.clone()))).await;
    let mut slugs: Vec<String> = bodies
        .iter()
        .map(|b| b["data"]["createPractice"]["practice"]["slug"].as_str().unwrap_or_else(|| panic!("{b}")).to_string())
        .collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 6, "{slugs:?}");
    // Two editors creating the same theme key at once: one wins, the other is told of the conflict.
    let theme = r#"mutation { createTheme(input: { key: "raced", name: "A raced theme" }) { theme { key } } }"#;
    let (a, b) = tokio::join!(e.run(theme, json!({})), e.run(theme, json!({})));
    let codes: Vec<Option<&str>> =
        [&a, &b].iter().map(|body| body["errors"][0]["extensions"]["code"].as_str()).collect();
    assert!(codes.contains(&None) && codes.contains(&Some("CONFLICT")), "{a} {b}");
}
