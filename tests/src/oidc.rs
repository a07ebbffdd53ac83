//! An OpenID Connect provider stand-in on loopback: discovery, a JWKS it can rotate, a switch that takes it down,
//! and a count of key fetches. It signs tokens with the private keys of `fixtures/oidc-jwks.json`.

use actix_web::{HttpResponse, web};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The private key (in `fixtures/`) behind each published `kid`.
const PRIVATE_KEYS: [(&str, &str); 3] =
    [("idp-key-1", "rsa-private.pem"), ("idp-key-2", "rsa2-private.pem"), ("idp-key-3", "rsa3-private.pem")];

#[derive(Default)]
struct Published {
    /// The `kid`s in the JWKS now (the encryption key `idp-enc-1` is always there too).
    kids: Mutex<Vec<String>>,
    /// `Cache-Control: max-age` of the JWKS, if any.
    max_age: Mutex<Option<u64>>,
    down: AtomicBool,
    fetches: AtomicUsize,
    issuer: Mutex<String>,
}

/// A running provider; stopped when dropped.
pub struct OidcProvider {
    /// The issuer, as `HUB_OIDC_ISSUER` names it and tokens carry it.
    pub issuer: String,
    published: Arc<Published>,
    handle: actix_web::dev::ServerHandle,
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

async fn discovery(published: web::Data<Published>) -> HttpResponse {
    if published.down.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let issuer = published.issuer.lock().unwrap().clone();
    HttpResponse::Ok().json(json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/discovery/v2.0/keys"),
        "authorization_endpoint": format!("{issuer}/oauth2/v2.0/authorize"),
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn keys(published: web::Data<Published>) -> HttpResponse {
    published.fetches.fetch_add(1, Ordering::SeqCst);
    if published.down.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let all: Value = serde_json::from_str(&std::fs::read_to_string(fixture("oidc-jwks.json")).unwrap()).unwrap();
    let kids = published.kids.lock().unwrap().clone();
    let keys: Vec<&Value> = all["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|key| key["use"] == "enc" || kids.iter().any(|kid| key["kid"] == kid.as_str()))
        .collect();
    let mut response = HttpResponse::Ok();
    if let Some(seconds) = *published.max_age.lock().unwrap() {
        response.insert_header(("Cache-Control", format!("public, max-age={seconds}")));
    }
    response.json(json!({ "keys": keys }))
}

impl OidcProvider {
    /// A provider at `http://127.0.0.1:<port>/<tenant>/v2.0` (Entra ID's shape) publishing `kids`.
    pub fn start(kids: &[&str]) -> OidcProvider {
        let published = Arc::new(Published::default());
        let data = web::Data::from(published.clone());
        let server = actix_web::HttpServer::new(move || {
            actix_web::App::new()
                .app_data(data.clone())
                .route("/tenant/v2.0/.well-known/openid-configuration", web::get().to(discovery))
                .route("/tenant/v2.0/discovery/v2.0/keys", web::get().to(keys))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .expect("a free port on loopback");
        let issuer = format!("http://{}/tenant/v2.0", server.addrs()[0]);
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        *published.issuer.lock().unwrap() = issuer.clone();
        let provider = OidcProvider { issuer, published, handle };
        provider.publish(kids);
        provider
    }

    /// Publishes these keys from now on (a rotation).
    pub fn publish(&self, kids: &[&str]) {
        *self.published.kids.lock().unwrap() = kids.iter().map(|kid| kid.to_string()).collect();
    }

    /// Sends `Cache-Control: max-age` with the keys from now on.
    pub fn set_max_age(&self, seconds: u64) {
        *self.published.max_age.lock().unwrap() = Some(seconds);
    }

    /// Answers 503 to everything while down.
    pub fn set_down(&self, down: bool) {
        self.published.down.store(down, Ordering::SeqCst);
    }

    /// Makes discovery name another issuer than the one asked for.
    pub fn claim_issuer(&self, issuer: &str) {
        *self.published.issuer.lock().unwrap() = issuer.to_string();
    }

    /// How many times the keys were fetched.
    pub fn key_fetches(&self) -> usize {
        self.published.fetches.load(Ordering::SeqCst)
    }

    /// A token signed with `kid`'s private key (`kid` may be made up: it is then signed with `idp-key-1`).
    pub fn sign(&self, kid: &str, claims: &Value) -> String {
        let file = PRIVATE_KEYS.iter().find(|(known, _)| *known == kid).map_or("rsa-private.pem", |(_, file)| file);
        let key = EncodingKey::from_rsa_pem(&std::fs::read(fixture(file)).unwrap()).unwrap();
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(kid.to_string());
        jsonwebtoken::encode(&header, claims, &key).unwrap()
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}
