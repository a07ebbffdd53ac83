//! Anonymous callers never see an unpublished record, through any path.

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
