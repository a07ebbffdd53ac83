//! Anonymous callers never see an unpublished record, through any path; a contributor's draft is seen by its owner
//! and editors only.

use crate::authorization::{CALLERS, Caller, Fixture, World};
use hub::domain::kind::RecordType;
use hub_entity::content;
use hub_entity::enums::{ContentKind, Status};
use hub_tests::{TestApp, global_id};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashSet;

/// Every string value anywhere in a JSON document.
fn strings(value: &Value, out: &mut HashSet<String>) {
    match value {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[actix_web::test]
async fn unpublished_records_are_invisible_to_anonymous_callers_everywhere() {
    let app = TestApp::demo().await.unwrap();
    let hidden =
        content::Entity::find().filter(content::Column::Status.ne(Status::Published)).all(app.db()).await.unwrap();
    // The demo corpus holds every unpublished status, for every kind where the workflow allows it.
    let statuses: HashSet<_> = hidden.iter().map(|m| m.status).collect();
    for status in [Status::Draft, Status::Submitted, Status::ChangesRequested, Status::Archived] {
        assert!(statuses.contains(&status), "{status:?} present in the demo corpus");
    }
    let kinds: HashSet<_> = hidden.iter().map(|m| m.kind).collect();
    assert_eq!(kinds.len(), 3, "unpublished practices, tools and exchanges exist");

    let hidden_ids: HashSet<String> = hidden.iter().map(|m| global_id(RecordType::Content(m.kind), m.id)).collect();
    let hidden_slugs: HashSet<String> = hidden.iter().map(|m| m.slug.clone()).collect();

    // Lists (with every relation that can point at content), counts.
    let everything = app
        .data(
            r#"{
          practices(first: 100) { totalCount nodes { id slug status translations { id slug status } } }
          guidanceTools(first: 100) { totalCount nodes { id slug status translations { id slug status } } }
          peerExchanges(first: 100) { totalCount nodes { id slug status translations { id slug }
            relatedPractices { id slug status translations { id slug } } relatedGuidanceTools { id slug status } } }
        }"#,
            json!({}),
        )
        .await;
    let mut seen = HashSet::new();
    strings(&everything, &mut seen);
    assert!(
        seen.is_disjoint(&hidden_ids),
        "an unpublished id leaked: {:?}",
        seen.intersection(&hidden_ids).collect::<Vec<_>>()
    );
    assert!(
        seen.is_disjoint(&hidden_slugs),
        "an unpublished slug leaked: {:?}",
        seen.intersection(&hidden_slugs).collect::<Vec<_>>()
    );
    for status in ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "ARCHIVED"] {
        assert!(!seen.contains(status), "{status} visible");
    }
    for (list, kind) in [
        ("practices", ContentKind::Practice),
        ("guidanceTools", ContentKind::GuidanceTool),
        ("peerExchanges", ContentKind::PeerExchange),
    ] {
        let published = content::Entity::find()
            .filter(content::Column::Kind.eq(kind))
            .filter(content::Column::Status.eq(Status::Published))
            .all(app.db())
            .await
            .unwrap()
            .len();
        assert_eq!(everything[list]["totalCount"], published, "{list} counts published records only");
        // A published record whose relations point at unpublished ones exists in the corpus, so the checks above bite.
    }

    // node, nodes, and lookups by id and slug.
    for row in &hidden {
        let id = global_id(RecordType::Content(row.kind), row.id);
        let node = app.data("query($id: ID!) { node(id: $id) { id } }", json!({ "id": id })).await;
        assert_eq!(node["node"], Value::Null, "node({})", row.slug);
        let (field, _) = match row.kind {
            ContentKind::Practice => ("practice", 0),
            ContentKind::GuidanceTool => ("guidanceTool", 0),
            ContentKind::PeerExchange => ("peerExchange", 0),
            ContentKind::CallForPractices => ("callForPractices", 0),
            ContentKind::Collection => ("collection", 0),
            ContentKind::ReviewSubmission => ("reviewSubmission", 0),
        };
        let by_slug =
            app.data(&format!("query($s: String) {{ {field}(slug: $s) {{ id }} }}"), json!({ "s": row.slug })).await;
        assert_eq!(by_slug[field], Value::Null, "{field}(slug: {})", row.slug);
        let by_id = app.data(&format!("query($id: ID) {{ {field}(id: $id) {{ id }} }}"), json!({ "id": id })).await;
        assert_eq!(by_id[field], Value::Null, "{field}(id) of {}", row.slug);
    }
    let ids: Vec<&String> = hidden_ids.iter().collect();
    let nodes = app.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": ids })).await;
    assert!(nodes["nodes"].as_array().unwrap().iter().all(Value::is_null));
}

#[actix_web::test]
async fn the_corpus_has_published_records_pointing_at_unpublished_ones() {
    // Guards the test above: without such links it would prove nothing about relations.
    let app = TestApp::demo().await.unwrap();
    let q = r#"{ peerExchange(slug: "fair-recruitment-asia-pacific-exchange") { relatedPractices { slug } }
                 practice(slug: "brazil-operation-welcome-relocation") { translations { slug } } }"#;
    let data = app.data(q, json!({})).await;
    let related: Vec<&str> = data["peerExchange"]["relatedPractices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(!related.contains(&"tajikistan-migrant-resource-centres"), "a draft practice is related but hidden");
    assert_eq!(related.len(), 3);
    assert_eq!(
        data["practice"]["translations"],
        json!([{ "slug": "brazil-operation-welcome-relocation-pt" }]),
        "the Spanish draft is hidden"
    );
}

/// Every caller reads another contributor's draft (and an editor's draft tool and exchange) through each path.
#[actix_web::test]
async fn drafts_are_visible_to_their_owner_and_editors_only_through_every_path() {
    let world = World::new().await;
    let practice = world.prepare(Fixture::OwnDraft).await["id"].clone();
    let slug_query = "query($id: ID) { practice(id: $id) { slug } }";
    let slug = world.app.ok_as(&world.alice, slug_query, json!({ "id": practice })).await["practice"]["slug"].clone();
    let tool = world.prepare(Fixture::ToolDraft).await["id"].clone();
    let exchange = world.prepare(Fixture::ExchangeDraft).await["id"].clone();
    let lists = r#"query {
        practices(first: 100, filter: { statuses: [DRAFT] }) { nodes { id } totalCount }
        guidanceTools(first: 100, filter: { statuses: [DRAFT] }) { nodes { id } totalCount }
        peerExchanges(first: 100, filter: { statuses: [DRAFT] }) { nodes { id } totalCount }
    }"#;
    let lookups = r#"query($p: ID!, $t: ID!, $e: ID!, $slug: String) {
        node(id: $p) { id }
        nodes(ids: [$p, $t, $e]) { id }
        practice(slug: $slug) { id }
        byId: practice(id: $p) { id }
        guidanceTool(id: $t) { id }
        peerExchange(id: $e) { id }
        tool: node(id: $t) { id }
        exchange: node(id: $e) { id }
    }"#;
    for caller in CALLERS {
        let sees_practice = matches!(caller, Caller::Owner | Caller::Editor | Caller::Admin);
        let sees_editorial = matches!(caller, Caller::Editor | Caller::Admin);
        let body = world.app.graphql_as(world.token(caller), lists, json!({})).await;
        assert!(body.get("errors").is_none(), "{caller:?}: {body}");
        for (list, id, visible) in [
            ("practices", &practice, sees_practice),
            ("guidanceTools", &tool, sees_editorial),
            ("peerExchanges", &exchange, sees_editorial),
        ] {
            let ids: Vec<&Value> = body["data"][list]["nodes"].as_array().unwrap().iter().map(|n| &n["id"]).collect();
            assert_eq!(ids.contains(&id), visible, "{caller:?} lists {list}: {body}");
            assert_eq!(body["data"][list]["totalCount"], ids.len(), "{caller:?} counts {list}");
        }
        let variables = json!({ "p": practice, "t": tool, "e": exchange, "slug": slug });
        let body = world.app.graphql_as(world.token(caller), lookups, variables).await;
        assert!(body.get("errors").is_none(), "{caller:?}: {body}");
        let data = &body["data"];
        let shown = |value: &Value| !value.is_null();
        assert_eq!(shown(&data["node"]), sees_practice, "{caller:?} node: {body}");
        assert_eq!(shown(&data["practice"]), sees_practice, "{caller:?} slug: {body}");
        assert_eq!(shown(&data["byId"]), sees_practice, "{caller:?} practice(id): {body}");
        assert_eq!(shown(&data["nodes"][0]), sees_practice, "{caller:?} nodes: {body}");
        assert_eq!(shown(&data["nodes"][1]), sees_editorial, "{caller:?} nodes: {body}");
        assert_eq!(shown(&data["nodes"][2]), sees_editorial, "{caller:?} nodes: {body}");
        for field in ["guidanceTool", "peerExchange", "tool", "exchange"] {
            assert_eq!(shown(&data[field]), sees_editorial, "{caller:?} {field}: {body}");
        }
    }
}
