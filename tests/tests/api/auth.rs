//! Bearer tokens: every way a token can be wrong gets 401 `UNAUTHENTICATED` with nothing said about why; valid
//! tokens of each key kind name the caller in `me`.

use actix_web::http::{StatusCode, header};
use actix_web::test::TestRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hub_tests::TestApp;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use std::time::Duration;

const SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";
const ISS: &str = "migration-network-hub";
const AUD: &str = "migration-network-hub-api";
const ME: &str = "{ me { subject role organization } }";

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn now() -> i64 {
    jsonwebtoken::get_current_timestamp() as i64
}

fn claims() -> Value {
    json!({ "sub": "alice", "role": "contributor", "org": "IOM", "iss": ISS, "aud": AUD, "iat": now(), "exp": now() + 600 })
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    if value.is_null() {
        claims.as_object_mut().unwrap().remove(key);
    } else {
        claims[key] = value;
    }
    claims
}

fn hs256(claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

fn signed(claims: &Value, algorithm: Algorithm, private_pem: &str, kid: Option<&str>) -> String {
    let pem = std::fs::read(fixture(private_pem)).unwrap();
    let key = match algorithm {
        Algorithm::RS256 => EncodingKey::from_rsa_pem(&pem).unwrap(),
        _ => EncodingKey::from_ec_pem(&pem).unwrap(),
    };
    let mut header = Header::new(algorithm);
    header.kid = kid.map(str::to_string);
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

async fn me(app: &TestApp, authorization: Option<&str>) -> (StatusCode, Value) {
    let mut request = TestRequest::post().uri("/graphql").set_json(json!({ "query": ME }));
    if let Some(value) = authorization {
        request = request.insert_header((header::AUTHORIZATION, value.to_string()));
    }
    let (status, body, _) = app.send(request).await;
    (status, body)
}

async fn assert_refused(app: &TestApp, token: &str, case: &str) {
    let (status, body) = me(app, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{case}: {body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{case}");
    assert_eq!(body["errors"][0]["message"], "invalid or expired token", "{case}: no hint of why");
    assert!(body.get("data").is_none(), "{case}");
}

#[actix_web::test]
async fn hs256_tokens_and_every_way_to_get_them_wrong() {
    let app = TestApp::with(|config| config.jwt_secret = Some(SECRET.parse().unwrap())).await.unwrap();

    let (status, body) = me(&app, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["me"], json!({ "subject": null, "role": "ANONYMOUS", "organization": null }));

    let (status, body) = me(&app, Some(&format!("Bearer {}", hs256(&claims(), SECRET)))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["me"], json!({ "subject": "alice", "role": "CONTRIBUTOR", "organization": "IOM" }));
    for role in ["editor", "admin"] {
        let token = hs256(&with(claims(), "role", json!(role)), SECRET);
        let (_, body) = me(&app, Some(&format!("Bearer {token}"))).await;
        assert_eq!(body["data"]["me"]["role"], role.to_uppercase());
    }

    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims().to_string());
    let cases = [
        ("expired", hs256(&with(claims(), "exp", json!(now() - 3600)), SECRET)),
        ("not yet valid", hs256(&with(claims(), "nbf", json!(now() + 3600)), SECRET)),
        ("wrong issuer", hs256(&with(claims(), "iss", json!("someone-else")), SECRET)),
        ("wrong audience", hs256(&with(claims(), "aud", json!("another-api")), SECRET)),
        ("wrong key", hs256(&claims(), "another-secret-that-is-long-enough-9876543210")),
        ("alg none", format!("{none_header}.{payload}.")),
        ("alg from another family", signed(&claims(), Algorithm::RS256, "rsa-private.pem", None)),
        ("string exp", hs256(&with(claims(), "exp", json!((now() + 600).to_string())), SECRET)),
        ("string nbf", hs256(&with(claims(), "nbf", json!((now() + 3600).to_string())), SECRET)),
        ("missing exp", hs256(&with(claims(), "exp", Value::Null), SECRET)),
        ("missing iss", hs256(&with(claims(), "iss", Value::Null), SECRET)),
        ("missing aud", hs256(&with(claims(), "aud", Value::Null), SECRET)),
        ("missing sub", hs256(&with(claims(), "sub", Value::Null), SECRET)),
        ("empty sub", hs256(&with(claims(), "sub", json!(" ")), SECRET)),
        ("unknown role", hs256(&with(claims(), "role", json!("superuser")), SECRET)),
        ("missing role", hs256(&with(claims(), "role", Value::Null), SECRET)),
        ("malformed", "not.a.jwt".to_string()),
        ("garbage", "%%%".to_string()),
        ("empty", String::new()),
    ];
    for (case, token) in &cases {
        assert_refused(&app, token, case).await;
    }
    for header_value in ["Basic YWxpY2U6c2VjcmV0", "Bearer", "Token abc"] {
        let (status, body) = me(&app, Some(header_value)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{header_value}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
    // GET refuses bad tokens the same way.
    let request = TestRequest::get()
        .uri("/graphql?query=%7B%20me%20%7B%20role%20%7D%20%7D")
        .insert_header((header::AUTHORIZATION, "Bearer not.a.jwt"));
    let (status, _, headers) = app.send(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
}

#[actix_web::test]
async fn public_keys_pin_their_algorithm_family() {
    let rsa = TestApp::with(|config| config.jwt_public_key = Some(fixture("rsa-public.pem"))).await.unwrap();
    let (status, body) =
        me(&rsa, Some(&format!("Bearer {}", signed(&claims(), Algorithm::RS256, "rsa-private.pem", None)))).await;
    assert_eq!((status, body["data"]["me"]["subject"].clone()), (StatusCode::OK, json!("alice")), "{body}");
    // The classic confusion: an HS256 token "signed" with the public key as secret.
    let public_pem = std::fs::read_to_string(fixture("rsa-public.pem")).unwrap();
    assert_refused(&rsa, &hs256(&claims(), &public_pem), "HS256 with the public key as secret").await;
    assert_refused(&rsa, &signed(&claims(), Algorithm::ES256, "ec-private-pk8.pem", None), "ES256 against RS256").await;
    assert_refused(&rsa, &signed(&claims(), Algorithm::RS256, "rsa2-private.pem", None), "another RSA key").await;

    let inline = std::fs::read_to_string(fixture("ec-public.pem")).unwrap();
    let ec = TestApp::with(|config| config.jwt_public_key = Some(inline.clone())).await.unwrap();
    let (status, body) =
        me(&ec, Some(&format!("Bearer {}", signed(&claims(), Algorithm::ES256, "ec-private-pk8.pem", None)))).await;
    assert_eq!((status, body["data"]["me"]["role"].clone()), (StatusCode::OK, json!("CONTRIBUTOR")), "{body}");
    assert_refused(&ec, &signed(&claims(), Algorithm::RS256, "rsa-private.pem", None), "RS256 against ES256").await;
}

#[actix_web::test]
async fn jwks_keys_are_chosen_by_kid() {
    let app = TestApp::with(|config| config.jwt_jwks = Some(fixture("jwks.json"))).await.unwrap();
    let rsa = signed(&claims(), Algorithm::RS256, "rsa-private.pem", Some("rsa-2026-a"));
    let ec = signed(&with(claims(), "sub", json!("bob")), Algorithm::ES256, "ec-private-pk8.pem", Some("ec-2026-b"));
    assert_eq!(me(&app, Some(&format!("Bearer {rsa}"))).await.1["data"]["me"]["subject"], "alice");
    assert_eq!(me(&app, Some(&format!("Bearer {ec}"))).await.1["data"]["me"]["subject"], "bob");
    let cases = [
        ("no kid", signed(&claims(), Algorithm::RS256, "rsa-private.pem", None)),
        ("unknown kid", signed(&claims(), Algorithm::RS256, "rsa-private.pem", Some("retired-key"))),
        ("kid of another key", signed(&claims(), Algorithm::RS256, "rsa2-private.pem", Some("rsa-2026-a"))),
        (
            "algorithm other than the key's",
            signed(&claims(), Algorithm::ES256, "ec-private-pk8.pem", Some("rsa-2026-a")),
        ),
        ("HS256 under a JWKS", hs256(&claims(), SECRET)),
    ];
    for (case, token) in &cases {
        assert_refused(&app, token, case).await;
    }
}

#[actix_web::test]
async fn short_secrets_refuse_to_start_and_the_embedded_default_generates_one() {
    let short = TestApp::with(|config| config.jwt_secret = Some("too-short".parse().unwrap())).await;
    let message = format!("{:#}", short.err().expect("a 9-byte secret is refused"));
    assert!(message.contains("at least 32 bytes"), "{message}");
    assert!(TestApp::with(|config| config.jwt_jwks = Some("/nonexistent/jwks.json".into())).await.is_err());

    let app = TestApp::new().await.unwrap();
    let file = app.state.config.data_dir.join("jwt-secret");
    let generated = std::fs::read_to_string(&file).unwrap();
    assert!(generated.trim().len() >= 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // `hub token` mints what the local server accepts.
    let token =
        hub::auth::mint(&app.state.config, "carol", "editor", Some("UNICEF"), Duration::from_secs(3600)).unwrap();
    let (status, body) = me(&app, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["me"], json!({ "subject": "carol", "role": "EDITOR", "organization": "UNICEF" }));
    assert!(hub::auth::mint(&app.state.config, "carol", "root", None, Duration::from_secs(60)).is_err());
    // A token of the generated secret that expired beyond the clock-skew leeway is refused.
    let old = with(claims(), "exp", json!(now() - 120));
    assert_refused(&app, &hs256(&old, &generated), "expired beyond the leeway").await;
}

/// Every character an identifier must not hold, for the claims the hub records as who did something.
fn forbidden_in_identifiers() -> impl Iterator<Item = char> {
    let controls = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32);
    let others = ['\u{2028}', '\u{2029}', '\u{200e}', '\u{200f}', '\u{61c}'];
    let directions = ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}');
    controls.chain(others).chain(directions)
}

#[actix_web::test]
async fn claims_with_control_or_direction_characters_are_refused() {
    let app = TestApp::with(|config| config.jwt_secret = Some(SECRET.parse().unwrap())).await.unwrap();
    let mut cases = 0;
    for bad in forbidden_in_identifiers() {
        for claim in ["sub", "org"] {
            // At the start, inside (a forged audit line), and at the end.
            for value in
                [format!("{bad}mallory"), format!("mallory{bad}2026-12-06 actor=root"), format!("mallory{bad}")]
            {
                let token = hs256(&with(claims(), claim, json!(value)), SECRET);
                assert_refused(&app, &token, &format!("{claim} holding U+{:04X}", bad as u32)).await;
                cases += 1;
            }
        }
    }
    assert!(cases > 400, "{cases} cases");
    // Names in any script pass.
    let token = hs256(&with(with(claims(), "sub", json!("José Ñúñez 李")), "org", json!("Organización ÁÉ")), SECRET);
    let (status, body) = me(&app, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["me"]["subject"], "José Ñúñez 李");
}

/// Tokens shaped like Microsoft Entra ID's (`roles`, an array of app-role values) and Keycloak's
/// (`realm_access.roles`, nested), read through `HUB_ROLE_CLAIM`, `HUB_ROLE_MAP`, `HUB_DEFAULT_ROLE` and
/// `HUB_ORG_CLAIM`, over the real HTTP stack.
#[actix_web::test]
async fn roles_and_organizations_come_from_the_claims_the_provider_uses() {
    let entra = TestApp::with(|config| {
        config.jwt_secret = Some(SECRET.parse().unwrap());
        config.role_claim = "roles".into();
        config.role_map = Some("Hub.Editors=editor,Hub.Admins=admin".into());
        config.org_claim = "tid".into();
    })
    .await
    .unwrap();
    let base = || with(with(claims(), "role", Value::Null), "org", Value::Null);
    let token =
        hs256(&with(with(base(), "roles", json!(["Hub.Editors", "Hub.Admins"])), "tid", json!("un-network")), SECRET);
    let (status, body) = me(&entra, Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["me"], json!({ "subject": "alice", "role": "ADMIN", "organization": "un-network" }));
    // Without a default role, a caller no value maps is refused, and so is the hub's own claim under a map.
    assert_refused(&entra, &hs256(&with(base(), "roles", json!(["Hub.Readers"])), SECRET), "unmapped role").await;
    assert_refused(&entra, &hs256(&with(claims(), "roles", Value::Null), SECRET), "no roles claim").await;

    let keycloak = TestApp::with(|config| {
        config.jwt_secret = Some(SECRET.parse().unwrap());
        config.role_claim = "realm_access.roles".into();
        config.role_map = Some("hub-editor=editor".into());
        config.default_role = Some("contributor".into());
    })
    .await
    .unwrap();
    let nested = |roles: Value| hs256(&with(base(), "realm_access", json!({ "roles": roles })), SECRET);
    let (_, body) = me(&keycloak, Some(&format!("Bearer {}", nested(json!(["offline_access", "hub-editor"]))))).await;
    assert_eq!(body["data"]["me"]["role"], "EDITOR", "{body}");
    let (_, body) = me(&keycloak, Some(&format!("Bearer {}", nested(json!(["offline_access"]))))).await;
    assert_eq!(body["data"]["me"]["role"], "CONTRIBUTOR", "the default role: {body}");
    let other_issuer = hs256(
        &with(with(base(), "realm_access", json!({ "roles": ["hub-editor"] })), "iss", json!("https://elsewhere")),
        SECRET,
    );
    assert_refused(&keycloak, &other_issuer, "another issuer").await;
}
