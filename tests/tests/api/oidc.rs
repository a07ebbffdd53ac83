//! Sign-in through an OpenID Connect provider (`HUB_OIDC_ISSUER`), against a real provider stand-in on loopback:
//! discovery at start, keys rotated while the hub runs, unknown `kid`s that cost the provider one fetch at most, a
//! provider that goes down, `max-age`, roles and organizations from Entra- and Keycloak-shaped tokens, and tokens
//! of another issuer.

use actix_web::http::{StatusCode, header};
use actix_web::test::TestRequest;
use hub::config::Config;
use hub_tests::TestApp;
use hub_tests::oidc::OidcProvider;
use serde_json::{Value, json};
use std::time::Duration;

const AUD: &str = "api://migration-network-hub";

fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

/// An Entra ID-shaped access token's claims.
fn entra(provider: &OidcProvider, roles: Value) -> Value {
    json!({
        "iss": provider.issuer, "aud": AUD, "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        "tid": "un-network", "roles": roles, "iat": now(), "nbf": now(), "exp": now() + 600,
    })
}

fn entra_config(provider: &OidcProvider, min_refresh: Duration) -> impl FnOnce(&mut Config) {
    let issuer = provider.issuer.clone();
    move |config| {
        config.oidc_issuer = Some(issuer);
        config.oidc_min_refresh = min_refresh;
        config.jwt_audience = AUD.into();
        config.role_claim = "roles".into();
        config.role_map = Some("Hub.Editors=editor,Hub.Admins=admin".into());
        config.default_role = Some("contributor".into());
        config.org_claim = "tid".into();
    }
}

/// `me` as the token's bearer: the status and `me` (or the error code).
async fn me(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let request = TestRequest::post()
        .uri("/graphql")
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .set_json(json!({ "query": "{ me { subject role organization } }" }));
    let (status, body, _) = app.send(request).await;
    match status {
        StatusCode::OK => (status, body["data"]["me"].clone()),
        _ => (status, body["errors"][0]["extensions"]["code"].clone()),
    }
}

async fn role(app: &TestApp, token: &str) -> Value {
    let (status, me) = me(app, token).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    me["role"].clone()
}

async fn refused(app: &TestApp, token: &str) -> bool {
    me(app, token).await == (StatusCode::UNAUTHORIZED, json!("UNAUTHENTICATED"))
}

#[actix_web::test]
async fn keys_rotate_while_the_hub_runs() {
    let provider = OidcProvider::start(&["idp-key-1", "idp-key-2"]);
    let app = TestApp::with(entra_config(&provider, Duration::from_secs(60))).await.unwrap();
    assert_eq!(provider.key_fetches(), 1, "the keys are fetched once at start");
    for kid in ["idp-key-1", "idp-key-2"] {
        assert_eq!(role(&app, &provider.sign(kid, &entra(&provider, json!(["Hub.Editors"])))).await, "EDITOR");
    }

    // The provider rotates: key 1 retires, key 3 comes in. The first token signed with key 3 makes the hub fetch.
    provider.publish(&["idp-key-2", "idp-key-3"]);
    let claims = entra(&provider, json!(["Hub.Admins"]));
    assert_eq!(role(&app, &provider.sign("idp-key-3", &claims)).await, "ADMIN");
    assert_eq!(provider.key_fetches(), 2);
    assert_eq!(role(&app, &provider.sign("idp-key-2", &claims)).await, "ADMIN", "the key kept across the rotation");
    assert!(refused(&app, &provider.sign("idp-key-1", &claims)).await, "the retired key no longer verifies");
    assert_eq!(provider.key_fetches(), 2, "a retired kid right after a fetch fetches nothing");
}

#[actix_web::test]
async fn made_up_kids_cost_the_provider_one_fetch_at_most() {
    let provider = OidcProvider::start(&["idp-key-1"]);
    let app = TestApp::with(entra_config(&provider, Duration::from_secs(60))).await.unwrap();
    let claims = entra(&provider, json!([]));
    // Fifty forged kids at once, then fifty more one by one: one fetch, for the first.
    let forged: Vec<String> = (0..100).map(|n| provider.sign(&format!("forged-{n}"), &claims)).collect();
    let verdicts = futures_util::future::join_all(forged[..50].iter().map(|token| refused(&app, token))).await;
    assert!(verdicts.iter().all(|refused| *refused));
    for token in &forged[50..] {
        assert!(refused(&app, token).await);
    }
    // One refresh for all the unknown kids, counted by the hub (an HTTP client may resend a request on a pooled
    // connection the server closed meanwhile, so the provider's own count says "at most").
    let refreshes =
        app.metric("hub_oidc_key_refreshes_total").await + app.metric("hub_oidc_key_refresh_failures_total").await;
    assert_eq!(refreshes, 1, "one refresh for a hundred unknown kids");
    assert!(provider.key_fetches() <= 2, "the start and that refresh: {}", provider.key_fetches());
    // Meanwhile real tokens go through, a caller no role maps is a contributor (HUB_DEFAULT_ROLE), and the
    // organization comes from `tid`.
    let (status, me) = me(&app, &provider.sign("idp-key-1", &claims)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["role"], "CONTRIBUTOR");
    assert_eq!(me["organization"], "un-network");
}

#[actix_web::test]
async fn a_provider_that_is_down_leaves_the_keys_held_in_use() {
    let provider = OidcProvider::start(&["idp-key-1"]);
    let app = TestApp::with(entra_config(&provider, Duration::from_millis(200))).await.unwrap();
    let claims = entra(&provider, json!(["Hub.Editors"]));
    provider.set_down(true);
    provider.publish(&["idp-key-1", "idp-key-3"]);
    assert!(refused(&app, &provider.sign("idp-key-3", &claims)).await, "a key the hub could not fetch");
    assert_eq!(role(&app, &provider.sign("idp-key-1", &claims)).await, "EDITOR", "the key held still verifies");
    assert_eq!(app.metric("hub_oidc_key_refresh_failures_total").await, 1);

    provider.set_down(false);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(role(&app, &provider.sign("idp-key-3", &claims)).await, "EDITOR", "fetched once the provider is back");
    assert_eq!(app.metric("hub_oidc_key_refreshes_total").await, 1);
}

#[actix_web::test]
async fn keys_are_fetched_again_when_their_max_age_runs_out() {
    let provider = OidcProvider::start(&["idp-key-1", "idp-key-2"]);
    provider.set_max_age(1);
    let app = TestApp::with(entra_config(&provider, Duration::from_secs(1))).await.unwrap();
    let claims = entra(&provider, json!(["Hub.Editors"]));
    assert_eq!(role(&app, &provider.sign("idp-key-1", &claims)).await, "EDITOR");
    // The provider withdraws key 1 (compromised, say): the hub stops accepting it once the keys expire, with no
    // token asking for a fetch.
    provider.publish(&["idp-key-2"]);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(provider.key_fetches() >= 3, "fetched again at each max-age: {}", provider.key_fetches());
    let fetches = provider.key_fetches();
    assert!(refused(&app, &provider.sign("idp-key-1", &claims)).await);
    assert!(provider.key_fetches() <= fetches + 1);
}

#[actix_web::test]
async fn keycloak_shaped_tokens_and_tokens_of_another_issuer() {
    let provider = OidcProvider::start(&["idp-key-1"]);
    let issuer = provider.issuer.clone();
    let app = TestApp::with(|config| {
        config.oidc_issuer = Some(issuer);
        config.jwt_audience = "hub-api".into();
        config.role_claim = "realm_access.roles".into();
        config.role_map = Some("hub-editor=editor,hub-admin=admin".into());
        config.org_claim = "organization.name".into();
    })
    .await
    .unwrap();
    let claims = |iss: &str, roles: Value| {
        json!({
            "iss": iss, "aud": ["hub-api", "account"], "sub": "f:8a2b:maria", "azp": "hub-frontend",
            "realm_access": { "roles": roles }, "organization": { "name": "IOM" },
            "iat": now(), "exp": now() + 600,
        })
    };
    let token = provider.sign("idp-key-1", &claims(&provider.issuer, json!(["offline_access", "hub-editor"])));
    let (status, me) = me(&app, &token).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me, json!({ "subject": "f:8a2b:maria", "role": "EDITOR", "organization": "IOM" }));
    // No default role here: a caller no value maps is refused.
    assert!(refused(&app, &provider.sign("idp-key-1", &claims(&provider.issuer, json!(["offline_access"])))).await);
    // The provider's own key, but another issuer's name (a token minted for another tenant or realm).
    for other in ["https://login.example.org/other/v2.0", &format!("{}/", provider.issuer), "migration-network-hub"] {
        let token = provider.sign("idp-key-1", &claims(other, json!(["hub-editor"])));
        assert!(refused(&app, &token).await, "{other}");
    }
}

#[actix_web::test]
async fn the_hub_does_not_start_when_discovery_fails_and_says_why() {
    let start = |issuer: String| TestApp::with(move |config| config.oidc_issuer = Some(issuer));
    let why = |result: anyhow::Result<TestApp>| format!("{:#}", result.err().expect("the start fails"));

    // Nobody listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let issuer = format!("http://{closed}/tenant/v2.0");
    let message = why(start(issuer.clone()).await);
    assert!(message.contains("HUB_OIDC_ISSUER"), "{message}");
    assert!(message.contains(&format!("{issuer}/.well-known/openid-configuration")), "names the URL: {message}");

    // The provider is down.
    let provider = OidcProvider::start(&["idp-key-1"]);
    provider.set_down(true);
    let message = why(start(provider.issuer.clone()).await);
    assert!(message.contains("503"), "{message}");

    // Discovery names another issuer.
    provider.set_down(false);
    provider.claim_issuer("https://login.example.org/impostor/v2.0");
    let message = why(start(provider.issuer.clone()).await);
    assert!(message.contains("names the issuer https://login.example.org/impostor/v2.0"), "{message}");

    // Plain HTTP beyond loopback.
    let message = why(start("http://login.example.org/tenant/v2.0".into()).await);
    assert!(message.contains("is not an https URL"), "{message}");
}
