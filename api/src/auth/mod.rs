//! Authentication: verifying bearer JWTs (HS256 secret, RS256/ES256 public key, a JWKS file whose key a token picks
//! by `kid`, or an OpenID Connect provider's published keys, [`oidc`]) and minting tokens for the embedded default. One algorithm family is pinned per key; `sub`, `exp`, `iss` and `aud`
//! are required and `nbf` is honoured; the role and organization come from the claims the configuration names
//! (`claims`: `role` and `org` by default). Why a token failed is logged, never told to the caller.

mod claims;
mod keys;
pub mod oidc;

use crate::config::Config;
use crate::domain::viewer::{Role, Viewer};
use anyhow::Context as _;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use claims::ClaimMapping;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use keys::KeySet;
use oidc::Provider;
use rand::RngCore;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Shortest HS256 secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECS: u64 = 30;
/// File, in the data directory, holding the secret generated for the embedded default.
const SECRET_FILE: &str = "jwt-secret";

/// Claims of a minted token.
#[derive(Serialize)]
struct MintedClaims<'a> {
    sub: &'a str,
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a str>,
    iss: &'a str,
    aud: &'a str,
    iat: u64,
    nbf: u64,
    exp: u64,
}

/// Why a token was refused (for the log only).
#[derive(Debug)]
pub struct Rejected(pub String);

/// The token of an `Authorization: Bearer <token>` header value; the scheme is case-insensitive (RFC 7235).
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

enum Keys {
    One(DecodingKey, Algorithm),
    ByKid(KeySet),
    Provider(Arc<Provider>),
}

/// Verifies bearer tokens against the configured key(s).
pub struct Verifier {
    keys: Keys,
    issuer: String,
    audience: String,
    /// Where the role and organization are read.
    claims: ClaimMapping,
}

/// The HS256 secret: configured (at least 32 bytes), or generated once into the data directory.
pub fn secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.jwt_secret {
        let secret = secret.expose();
        anyhow::ensure!(
            secret.len() >= MIN_SECRET_BYTES,
            "HUB_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long (it is {})",
            secret.len()
        );
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join(SECRET_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_string();
        anyhow::ensure!(existing.len() >= MIN_SECRET_BYTES, "{} is too short; delete it to regenerate", path.display());
        return Ok(existing.into_bytes());
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let generated = URL_SAFE_NO_PAD.encode(bytes);
    write_private(&path, &generated)?;
    tracing::info!(path = %path.display(), "generated a JWT secret for the embedded default");
    Ok(generated.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    Ok(std::fs::write(path, text)?)
}

impl Verifier {
    /// Builds the verifier from the configuration (exactly one of an OpenID Connect issuer, JWKS, public key, or
    /// secret; the secret is generated when none is given). With an issuer, its discovery must succeed.
    pub async fn new(config: &Config) -> anyhow::Result<Verifier> {
        let mut issuer = config.jwt_issuer.clone();
        let keys = if let Some(oidc_issuer) = &config.oidc_issuer {
            let provider = Provider::discover(oidc_issuer, config.oidc_min_refresh)
                .await
                .context("OpenID Connect discovery failed (HUB_OIDC_ISSUER)")?;
            issuer = provider.issuer.clone();
            Keys::Provider(provider)
        } else if let Some(path) = &config.jwt_jwks {
            Keys::ByKid(keys::from_file(path)?)
        } else if let Some(key) = &config.jwt_public_key {
            let pem = keys::pem(key)?;
            match DecodingKey::from_rsa_pem(&pem) {
                Ok(rsa) => Keys::One(rsa, Algorithm::RS256),
                Err(_) => Keys::One(
                    DecodingKey::from_ec_pem(&pem)
                        .context("HUB_JWT_PUBLIC_KEY is neither an RSA nor an EC public key")?,
                    Algorithm::ES256,
                ),
            }
        } else {
            Keys::One(DecodingKey::from_secret(&secret(config)?), Algorithm::HS256)
        };
        let claims = ClaimMapping::from_config(config)?;
        Ok(Verifier { keys, issuer, audience: config.jwt_audience.clone(), claims })
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        validation
    }

    /// The identity provider, when tokens come from one (for `/metrics`).
    pub fn provider(&self) -> Option<&Provider> {
        match &self.keys {
            Keys::Provider(provider) => Some(provider),
            _ => None,
        }
    }

    /// The caller a bearer token names.
    pub async fn verify(&self, token: &str) -> Result<Viewer, Rejected> {
        let reject = |why: &dyn std::fmt::Display| Rejected(why.to_string());
        let kid = || -> Result<String, Rejected> {
            let header = jsonwebtoken::decode_header(token).map_err(|e| reject(&e))?;
            header.kid.ok_or_else(|| reject(&"no kid"))
        };
        let unknown = |kid: &str| reject(&format!("unknown kid {kid}"));
        let from_provider;
        let (key, algorithm) = match &self.keys {
            Keys::One(key, algorithm) => (key, *algorithm),
            Keys::ByKid(keys) => {
                let kid = kid()?;
                let (key, algorithm) = keys.get(&kid).ok_or_else(|| unknown(&kid))?;
                (key, *algorithm)
            }
            Keys::Provider(provider) => {
                let kid = kid()?;
                from_provider = provider.keys_with(&kid).await.ok_or_else(|| unknown(&kid))?;
                let (key, algorithm) = from_provider.get(&kid).ok_or_else(|| unknown(&kid))?;
                (key, *algorithm)
            }
        };
        // `exp`, `iss`, `aud`, `sub` and `nbf` are checked by the validation; the role and organization are read
        // where the configuration says (`claims`).
        let data = jsonwebtoken::decode::<serde_json::Value>(token, key, &self.validation(algorithm))
            .map_err(|e| reject(&e))?;
        let claims = data.claims;
        let sub = claims.get("sub").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
        if sub.trim().is_empty() {
            return Err(reject(&"empty sub"));
        }
        let role = self.claims.role(&claims).map_err(|why| reject(&why))?;
        let organization = self.claims.organization(&claims);
        let mut claimed = std::iter::once(&sub).chain(organization.as_ref());
        if claimed.any(|text| crate::domain::text::identifier_forbidden_character(text).is_some()) {
            return Err(reject(&"a control or direction character in sub or org"));
        }
        // An address the hub may mail, when the token carries one that looks like one.
        let email = claims
            .get("email")
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|email| email.len() <= 254 && email.contains('@') && !email.chars().any(char::is_control))
            .map(str::to_string);
        Ok(Viewer { subject: Some(sub), role, organization, email })
    }
}

/// Mints an HS256 token the local server accepts (`hub token`).
pub fn mint(
    config: &Config,
    subject: &str,
    role: &str,
    organization: Option<&str>,
    ttl: Duration,
) -> anyhow::Result<String> {
    anyhow::ensure!(
        config.jwt_public_key.is_none() && config.jwt_jwks.is_none() && config.oidc_issuer.is_none(),
        "tokens can only be minted for an HS256 secret; this server verifies with a public key"
    );
    anyhow::ensure!(Role::from_claim(role).is_some(), "role must be contributor, editor or admin");
    anyhow::ensure!(!subject.trim().is_empty(), "sub must not be empty");
    let now = jsonwebtoken::get_current_timestamp();
    let claims = MintedClaims {
        sub: subject,
        role,
        org: organization,
        iss: &config.jwt_issuer,
        aud: &config.jwt_audience,
        iat: now,
        nbf: now,
        exp: now + ttl.as_secs(),
    };
    Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&secret(config)?))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_whatever_the_scheme_case() {
        for header in ["Bearer abc", "bearer abc", "BEARER  abc ", " bEaReR abc"] {
            assert_eq!(bearer_token(header), Some("abc"), "{header}");
        }
        for header in ["Basic abc", "Bearer", "abc", ""] {
            assert_eq!(bearer_token(header), None, "{header}");
        }
    }
}
