//! Labels in the six UN languages: every objective, principle and region has a label in each (official where the
//! Compact's text gives one, and saying so), countries are named from CLDR, enum values have display labels, themes
//! get names per language from editors, and search facets, pages and exports speak the request's language.

use crate::caching::header;
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use hub_tests::TestApp;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const UN_LANGUAGES: [&str; 6] = ["AR", "ZH", "EN", "FR", "RU", "ES"];

/// The demo hub with its search index up to date.
async fn indexed_demo() -> TestApp {
    let app = TestApp::demo().await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    app
}

fn in_language(language: &str, query: &str) -> String {
    format!("query @inContext(language: {language}) {query}")
}

fn languages_of(labels: &Value) -> BTreeSet<String> {
    labels.as_array().unwrap().iter().map(|l| l["language"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn every_reference_label_exists_in_every_un_language_and_says_where_it_comes_from() {
    let app = TestApp::new().await.unwrap();
    let data = app
        .data(
            "{ objectives { number labels { language title { text source } shortLabel { text language } } }
               guidingPrinciples { key labels { language text source } }
               regions { key labels { language text source } } }",
            json!({}),
        )
        .await;
    let un: BTreeSet<String> = UN_LANGUAGES.iter().map(|l| l.to_string()).collect();
    for objective in data["objectives"].as_array().unwrap() {
        let labels = &objective["labels"];
        assert!(languages_of(labels).is_superset(&un), "objective {}: {labels}", objective["number"]);
        for label in labels.as_array().unwrap() {
            assert!(!label["title"]["text"].as_str().unwrap().is_empty());
            assert_eq!(label["shortLabel"]["language"], label["language"], "a short label in every language");
        }
    }
    for list in ["guidingPrinciples", "regions"] {
        for item in data[list].as_array().unwrap() {
            assert!(languages_of(&item["labels"]).is_superset(&un), "{list} {}: {}", item["key"], item["labels"]);
        }
    }
    // Objective 1's titles: official in English, French and Spanish (A/RES/73/195), a working translation in Arabic.
    let first = &data["objectives"][0]["labels"];
    let of = |language: &str| first.as_array().unwrap().iter().find(|l| l["language"] == language).unwrap().clone();
    assert_eq!(of("EN")["title"]["source"], "OFFICIAL");
    assert_eq!(of("FR")["title"]["source"], "OFFICIAL");
    assert!(of("FR")["title"]["text"].as_str().unwrap().starts_with("Collecter et utiliser des données précises"));
    assert_eq!(of("ES")["title"]["source"], "OFFICIAL");
    assert_eq!(of("AR")["title"]["source"], "WORKING");
    // One language only, when asked.
    let only = app.data("{ objectives { labels(language: ZH) { language } } }", json!({})).await;
    assert_eq!(only["objectives"][0]["labels"], json!([{ "language": "ZH" }]));
}

#[actix_web::test]
async fn labels_resolve_in_the_request_s_language_and_say_which() {
    let app = TestApp::new().await.unwrap();
    let query = "{ objectives { number title shortLabel language } guidingPrinciples { key name language }
                   regions { key name language } countries { iso3 name language } }";
    let french = app.data(&in_language("FR", query), json!({})).await;
    assert_eq!(french["objectives"][12]["shortLabel"], "Alternatives à la rétention");
    assert_eq!(french["objectives"][12]["language"], "FR");
    let principle =
        french["guidingPrinciples"].as_array().unwrap().iter().find(|p| p["key"] == "human_rights").unwrap();
    assert_eq!(principle["name"], "Droits de l’homme");
    let country = |data: &Value, iso3: &str| {
        data["countries"].as_array().unwrap().iter().find(|c| c["iso3"] == iso3).unwrap().clone()
    };
    // Country names come from CLDR: never from a hand-typed list.
    assert_eq!(country(&french, "MEX")["name"], "Mexique");
    assert_eq!(country(&french, "MEX")["language"], "FR");
    let arabic = app.data(&in_language("AR", query), json!({})).await;
    assert_eq!(country(&arabic, "MEX")["name"], "المكسيك");
    assert_eq!(arabic["regions"][0]["language"], "AR");
    let chinese = app.data(&in_language("ZH", query), json!({})).await;
    assert_eq!(country(&chinese, "KOR")["name"], "韩国");
    // No language asked for: English, as before.
    let english = app.data(query, json!({})).await;
    assert_eq!(english["objectives"][12]["shortLabel"], "Alternatives to detention");
    assert_eq!(country(&english, "MEX")["name"], "Mexico");
    assert_eq!(english["objectives"][0]["language"], "EN");
    // The header decides when the document does not.
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header(("accept-language", "es-MX"))
        .set_json(json!({ "query": "{ objectives { shortLabel } }" }));
    let (_, body, headers) = app.send(request).await;
    assert_eq!(body["data"]["objectives"][12]["shortLabel"], "Alternativas a la detención");
    assert_eq!(header(&headers, "content-language"), "es");
}

#[actix_web::test]
async fn every_enum_value_has_a_display_label_in_every_language() {
    let app = TestApp::new().await.unwrap();
    let english = app.data("{ enumLabels { enum value label language } }", json!({})).await["enumLabels"].clone();
    let english = english.as_array().unwrap();
    assert!(english.len() > 50, "{}", english.len());
    let completion = english.iter().find(|l| l["enum"] == "Completion" && l["value"] == "MOSTLY_COMPLETED").unwrap();
    assert_eq!(completion["label"], "Mostly completed");
    for language in UN_LANGUAGES {
        let labels = app
            .data(&format!("{{ enumLabels(language: {language}) {{ enum value label language }} }}"), json!({}))
            .await;
        let labels = labels["enumLabels"].as_array().unwrap().clone();
        assert_eq!(labels.len(), english.len(), "{language}");
        for label in &labels {
            assert_eq!(label["language"], language);
            let text = label["label"].as_str().unwrap();
            assert!(!text.is_empty() && text != label["value"].as_str().unwrap(), "{language}: {label}");
        }
    }
    let french = app.data(&in_language("FR", "{ enumLabels { enum value label } }"), json!({})).await;
    let stance = french["enumLabels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["enum"] == "Stance" && l["value"] == "PRIORITY")
        .unwrap()
        .clone();
    assert_eq!(stance["label"], "Priorité");
}

#[actix_web::test]
async fn editors_name_a_theme_per_language_audited_and_it_falls_back_to_english() {
    let app = TestApp::new().await.unwrap();
    let editor = app.token("editor-1", "editor");
    let created = app
        .ok_as(
            &editor,
            r#"mutation { createTheme(input: { key: "urban", name: "Cities and migration" }) { theme { version } } }"#,
            json!({}),
        )
        .await;
    let version = created["createTheme"]["theme"]["version"].as_i64().unwrap();
    let theme = |language: &'static str| {
        in_language(language, r#"{ themes { key name language labels { language text source } } }"#)
    };
    let urban = |data: &Value| data["themes"].as_array().unwrap().iter().find(|t| t["key"] == "urban").unwrap().clone();
    // No French name yet: English, and the answer says so.
    let before = urban(&app.data(&theme("FR"), json!({})).await);
    assert_eq!((before["name"].as_str(), before["language"].as_str()), (Some("Cities and migration"), Some("EN")));
    let set = r#"mutation($v: Int!, $name: String) { setThemeName(key: "urban", version: $v, language: FR, name: $name) {
        theme { version name labels { language text source } } } }"#;
    let named = app.ok_as(&editor, set, json!({ "v": version, "name": " Villes et migrations " })).await;
    assert_eq!(named["setThemeName"]["theme"]["version"], version + 1);
    let labels = &named["setThemeName"]["theme"]["labels"];
    assert_eq!(labels[1], json!({ "language": "FR", "text": "Villes et migrations", "source": "EDITOR" }), "{labels}");
    let after = urban(&app.data(&theme("FR"), json!({})).await);
    assert_eq!((after["name"].as_str(), after["language"].as_str()), (Some("Villes et migrations"), Some("FR")));
    assert_eq!(urban(&app.data(&theme("ES"), json!({})).await)["language"], "EN", "Spanish still falls back");
    // Audited, with what changed.
    let audit = app
        .ok_as(
            &app.token("admin-1", "admin"),
            r#"{ auditTrail(last: 5) { nodes { action subjectKey note } } }"#,
            json!({}),
        )
        .await;
    let events = audit["auditTrail"]["nodes"].as_array().unwrap();
    assert!(
        events.iter().any(|e| e["subjectKey"] == "urban" && e["note"].as_str().unwrap_or("").contains("name in fr")),
        "{audit}"
    );
    // A stale version, English, a contributor: refused, nothing changed.
    assert_eq!(app.fails_as(Some(&editor), set, json!({ "v": version, "name": "Autre" })).await.0, "CONFLICT");
    let english = set.replace("language: FR", "language: EN");
    assert_eq!(
        app.fails_as(Some(&editor), &english, json!({ "v": version + 1, "name": "x y" })).await.0,
        "BAD_USER_INPUT"
    );
    let contributor = app.token("contributor-1", "contributor");
    assert_eq!(
        app.fails_as(Some(&contributor), set, json!({ "v": version + 1, "name": "Autre" })).await.0,
        "FORBIDDEN"
    );
    assert_eq!(urban(&app.data(&theme("FR"), json!({})).await)["name"], "Villes et migrations");
    // A null name removes the French name.
    app.ok_as(&editor, set, json!({ "v": version + 1, "name": null })).await;
    assert_eq!(urban(&app.data(&theme("FR"), json!({})).await)["language"], "EN");
}

#[actix_web::test]
async fn search_facets_and_exports_speak_the_request_s_language() {
    let app = indexed_demo().await;
    let query = r#"{ search(query: "", first: 1) { facets { field values { value label } } } }"#;
    let label = |data: &Value, field: &str, value: &str| -> String {
        let facet = data["search"]["facets"].as_array().unwrap().iter().find(|f| f["field"] == field).unwrap().clone();
        let found = facet["values"].as_array().unwrap().iter().find(|v| v["value"] == value).cloned();
        found.map(|v| v["label"].as_str().unwrap().to_string()).unwrap_or_default()
    };
    let french = app.data(&in_language("FR", query), json!({})).await;
    assert_eq!(label(&french, "OBJECTIVE", "13"), "Alternatives à la rétention");
    assert_eq!(label(&french, "TYPE", "PRACTICE"), "Pratique prometteuse");
    assert_eq!(label(&french, "COUNTRY", "MEX"), "Mexique");
    let english = app.data(query, json!({})).await;
    assert_eq!(label(&english, "OBJECTIVE", "13"), "Alternatives to detention");

    // Exports: the column names stay English and in place; the label columns follow `lang`.
    let (status, csv, headers) = app.get_text("/export.csv?objective=13&lang=fr").await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    assert_eq!(header(&headers, "content-language"), "fr");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let columns: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&columns[..3], ["id", "type", "slug"]);
    assert!(columns.contains(&"objective_labels".to_string()), "{columns:?}");
    let at = columns.iter().position(|c| c == "objective_labels").unwrap();
    let first = reader.records().next().unwrap().unwrap();
    assert!(first[at].contains("Alternatives à la rétention"), "{:?}", &first);
    let (_, csv, _) = app.get_text("/export.csv?objective=13").await;
    assert!(csv.contains("Alternatives to detention"));
    let (status, body, _) = app.get_text("/export.ndjson?lang=tlh").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.starts_with("BAD_USER_INPUT"), "{body}");
}

#[actix_web::test]
async fn pages_speak_the_url_s_language_else_the_reader_s_and_keep_it_in_their_links() {
    let app = indexed_demo().await;
    let (status, page, headers) = app.get_text("/?lang=fr&objective=13").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#), "{}", &page[..300]);
    assert!(page.contains(">Filtres<"), "the explorer's words are French");
    assert!(page.contains("Alternatives à la rétention"), "the facet labels too");
    assert!(page.contains(r#"hreflang="ar" href="/?objective=13&amp;lang=ar""#), "alternates keep the filters");
    assert!(page.contains(r#"hreflang="x-default" href="/?objective=13""#));
    assert!(page.contains(r#"href="/coverage?lang=fr""#), "links keep the chosen language");
    assert!(header(&headers, "content-security-policy").contains("default-src 'none'"));

    let (_, arabic, _) = app.get_text("/coverage?lang=ar").await;
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(arabic.contains("تغطية الاتفاق العالمي"), "the coverage page in Arabic");

    let request = TestRequest::get().uri("/priorities").insert_header(("accept-language", "es-CO, es;q=0.9"));
    let (_, spanish, _) = app.get_text_with(request).await;
    assert!(spanish.contains(r#"<html lang="es" dir="ltr">"#));
    assert!(spanish.contains("Prioridades y brechas"));
    assert!(spanish.contains(r#"href="/coverage""#), "a negotiated language is not written into links");

    let (_, english, _) = app.get_text("/calls").await;
    assert!(english.contains(r#"<html lang="en" dir="ltr">"#) && english.contains("Calls for practices"));

    let (status, refused, _) = app.get_text("/?lang=klingon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(refused.contains("BAD_USER_INPUT") && refused.contains("lang"), "{refused}");

    // A record page: its words in French, its own text in its own language.
    let slug = app.data("{ practices(first: 1) { nodes { slug language } } }", json!({})).await["practices"]["nodes"]
        [0]
    .clone();
    let (status, record, _) = app.get_text(&format!("/practices/{}?lang=fr", slug["slug"].as_str().unwrap())).await;
    assert_eq!(status, StatusCode::OK);
    assert!(record.contains("Traductions") && record.contains("Classement"), "the record page's words are French");
    assert!(record.contains(&format!(r#"<h1 lang="{}" dir="auto">"#, slug["language"].as_str().unwrap())));
}
