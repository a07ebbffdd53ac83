//! Verification keys: one PEM key, or a JWKS whose key a token picks by `kid` (from a file, or from an identity
//! provider through [`super::oidc`]). Each key is pinned to one algorithm, so a token cannot choose a weaker one.

use anyhow::Context as _;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use std::collections::HashMap;

/// Keys by `kid`, each with the one algorithm it verifies.
pub type KeySet = HashMap<String, (DecodingKey, Algorithm)>;

/// Reads a PEM given inline or as a file path.
pub fn pem(value: &str) -> anyhow::Result<Vec<u8>> {
    if value.trim_start().starts_with("-----BEGIN") {
        return Ok(value.as_bytes().to_vec());
    }
    std::fs::read(value).with_context(|| format!("cannot read the public key file {value}"))
}

/// The algorithm a key verifies: its `alg` when it names one this key type can do, else the usual one for its type
/// (RS256 for RSA, ES256/ES384 for P-256/P-384). Other key types (HMAC secrets, EdDSA) are not accepted.
fn algorithm(jwk: &Jwk) -> Result<Algorithm, String> {
    let named = jwk.common.key_algorithm.and_then(|named| Algorithm::try_from(named).ok());
    match (&jwk.algorithm, named) {
        (
            AlgorithmParameters::RSA(_),
            Some(
                algorithm @ (Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512),
            ),
        ) => Ok(algorithm),
        (AlgorithmParameters::RSA(_), None) => Ok(Algorithm::RS256),
        (AlgorithmParameters::EllipticCurve(ec), None | Some(Algorithm::ES256)) if ec.curve == EllipticCurve::P256 => {
            Ok(Algorithm::ES256)
        }
        (AlgorithmParameters::EllipticCurve(ec), None | Some(Algorithm::ES384)) if ec.curve == EllipticCurve::P384 => {
            Ok(Algorithm::ES384)
        }
        _ => Err("only RSA (RS*/PS*) and P-256/P-384 (ES256/ES384) signing keys are accepted".into()),
    }
}

/// The usable keys of a JWKS, and why each other key was left out (no `kid`, an encryption key, a key type the hub
/// does not verify with).
pub fn from_jwks(set: &JwkSet) -> (KeySet, Vec<String>) {
    let mut keys = KeySet::new();
    let mut skipped = Vec::new();
    for (position, jwk) in set.keys.iter().enumerate() {
        let Some(kid) = jwk.common.key_id.clone() else {
            skipped.push(format!("key {position}: no `kid`"));
            continue;
        };
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption | PublicKeyUse::Other(_))) {
            skipped.push(format!("key {kid}: not a signing key"));
            continue;
        }
        match algorithm(jwk).and_then(|algorithm| {
            DecodingKey::from_jwk(jwk).map(|key| (key, algorithm)).map_err(|error| error.to_string())
        }) {
            Ok(key) => {
                keys.insert(kid, key);
            }
            Err(why) => skipped.push(format!("key {kid}: {why}")),
        }
    }
    (keys, skipped)
}

/// The keys of a JWKS file (`HUB_JWT_JWKS`): every key must be usable, since the file is the operator's own.
pub fn from_file(path: &str) -> anyhow::Result<KeySet> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the JWKS file {path}"))?;
    let set: JwkSet = serde_json::from_str(&text).with_context(|| format!("{path} is not a JWKS document"))?;
    let (keys, skipped) = from_jwks(&set);
    if let Some(why) = skipped.first() {
        anyhow::bail!("{path}: {why}");
    }
    anyhow::ensure!(!keys.is_empty(), "{path} holds no keys");
    Ok(keys)
}
