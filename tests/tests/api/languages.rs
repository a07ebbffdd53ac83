//! The request's language over HTTP: the `@inContext(language:)` directive beats `Accept-Language`, which beats
//! English; every answer says which in `Content-Language`; the shared cache and the `ETag` vary by it, and anonymous
//! answers send `Vary: Accept-Language`, on GET, POST and persisted queries.

use crate::caching::{header, url_encode};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use hub_tests::TestApp;
use serde_json::json;

const LIST: &str = "{ practices(first: 3) { nodes { id title objectives { title } } } }";

fn get(query: &str, accept: Option<&str>) -> TestRequest {
    let request = TestRequest::get().uri(&format!("/graphql?query={}", url_encode(query)));
    match accept {
        Some(accept) => request.insert_header(("accept-language", accept)),
        None => request,
    }
}

fn post(query: &str, accept: Option<&str>) -> TestRequest {
    let request = TestRequest::post().uri("/graphql").set_json(json!({ "query": query }));
    match accept {
        Some(accept) => request.insert_header(("accept-language", accept)),
        None => request,
    }
}

#[actix_web::test]
async fn the_directive_beats_the_header_which_beats_english() {
    let app = TestApp::new().await.unwrap();
    for (query, accept, expected) in [
        ("{ __typename }", None, "en"),
        ("{ __typename }", Some("fr-CH, fr;q=0.9, en;q=0.8"), "fr"),
        ("{ __typename }", Some("de, it;q=0.5"), "en"),
        ("query @inContext(language: ES) { __typename }", Some("fr"), "es"),
        ("query @inContext(language: AR) { regions { key } }", None, "ar"),
        (LIST, Some("zh-Hant-TW;q=0.7, ru;q=0.8"), "ru"),
    ] {
        for request in [get(query, accept), post(query, accept)] {
            let (status, body, headers) = app.send(request).await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            assert!(body.get("errors").is_none(), "{query}: {body}");
            assert_eq!(header(&headers, "content-language"), expected, "{query} with {accept:?}");
        }
    }
}

#[actix_web::test]
async fn a_language_that_is_not_one_of_the_hub_s_is_bad_user_input() {
    let app = TestApp::new().await.unwrap();
    let (_, body, _) = app.send(post("query @inContext(language: XX) { __typename }", None)).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    let by_variable = TestRequest::post().uri("/graphql").set_json(json!({
        "query": "query($l: LanguageCode!) @inContext(language: $l) { regions { key } }", "variables": { "l": "KLINGON" } }));
    let (_, body, _) = app.send(by_variable).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    let good = TestRequest::post().uri("/graphql").set_json(json!({
        "query": "query($l: LanguageCode!) @inContext(language: $l) { regions { key } }", "variables": { "l": "FR" } }));
    let (_, body, headers) = app.send(good).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(header(&headers, "content-language"), "fr");
    // On a field, the directive has no place.
    let (_, body, _) = app.send(post("{ regions @inContext(language: FR) { key } }", None)).await;
    assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("inContext"), "{body}");
}

#[actix_web::test]
async fn cached_answers_are_never_served_in_another_language() {
    let app = TestApp::demo().await.unwrap();
    // French first: it fills the shared cache; English must not be served the French entry, and the reverse.
    let (_, french, fr_headers) = app.send(get(LIST, Some("fr"))).await;
    let (_, english, en_headers) = app.send(get(LIST, Some("en"))).await;
    let (_, _, fr_again) = app.send(get(LIST, Some("fr-FR"))).await;
    let (_, _, en_again) = app.send(get(LIST, None)).await;
    assert_ne!(french, english, "the objectives' titles come in each language");
    assert_eq!(header(&fr_headers, "content-language"), "fr");
    assert_eq!(header(&en_headers, "content-language"), "en");
    assert_eq!(header(&fr_again, "content-language"), "fr");
    assert_eq!(header(&en_again, "content-language"), "en");
    assert_ne!(header(&fr_headers, "etag"), header(&en_headers, "etag"), "the tag carries the language");
    assert_eq!(header(&fr_headers, "etag"), header(&fr_again, "etag"));
    assert!(header(&en_headers, "vary").contains("Accept-Language"), "{en_headers:?}");
    // A French tag does not revalidate an English request.
    let revalidate = get(LIST, Some("en")).insert_header(("if-none-match", header(&fr_headers, "etag")));
    let (status, _, headers) = app.send(revalidate).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "content-language"), "en");

    // POST, and a persisted query sent by hash: the same.
    let (_, _, headers) = app.send(post(LIST, Some("es"))).await;
    assert_eq!(header(&headers, "content-language"), "es");
    let (_, _, headers) = app.send(post(LIST, Some("en"))).await;
    assert_eq!(header(&headers, "content-language"), "en");
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(LIST.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
    let register = TestRequest::post().uri("/graphql").set_json(json!({ "query": LIST, "extensions": extensions }));
    app.send(register).await;
    let by_hash = |accept: &str| {
        TestRequest::get()
            .uri(&format!("/graphql?extensions={}", url_encode(&extensions.to_string())))
            .insert_header(("accept-language", accept.to_string()))
    };
    let (_, body, headers) = app.send(by_hash("ru")).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(header(&headers, "content-language"), "ru");
    let (_, _, headers) = app.send(by_hash("en")).await;
    assert_eq!(header(&headers, "content-language"), "en");
}

#[actix_web::test]
async fn search_prefers_the_request_s_language_unless_one_is_given() {
    let app = TestApp::new().await.unwrap();
    app.state.search.prepare().await.unwrap();
    hub::seed::demo::load(app.db()).await.unwrap();
    hub::jobs::relay::drain(app.db(), app.state.search.as_ref()).await.unwrap();
    let query = r#"{ search(query: "alternatives to detention", collapseTranslations: true, first: 5) { nodes {
        ... on Practice { language } ... on GuidanceTool { language } ... on PeerExchange { language } ... on ReviewSubmission { language } } } }"#;
    let languages = |body: &serde_json::Value| -> Vec<String> {
        body["data"]["search"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["language"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let (_, english, _) = app.send(post(query, None)).await;
    let (_, french, _) = app.send(post(query, Some("fr"))).await;
    let (_, directed, _) = app.send(post(&format!("query @inContext(language: FR) {}", query), None)).await;
    assert!(languages(&french).contains(&"fr".to_string()), "{french}");
    assert_eq!(languages(&french), languages(&directed));
    assert_ne!(languages(&english), languages(&french), "{english}");
    let given = query.replace("collapseTranslations: true", "collapseTranslations: true, preferredLanguage: \"en\"");
    let (_, explicit, _) = app.send(post(&given, Some("fr"))).await;
    let (_, plain, _) = app.send(post(&given, None)).await;
    assert_eq!(languages(&explicit), languages(&plain), "a given preferredLanguage wins over the header");
}
