//! Where a token carries the caller's role and organization. Identity providers put roles in claims of their own:
//! `role` (the hub's own tokens), `roles` (an array, as Entra ID sends), `groups`, or a nested claim
//! (`realm_access.roles`, as Keycloak sends), or a namespaced one (`https://hub.example.org/roles`, as Auth0 sends), with values of their own (`Hub.Editors`) that `HUB_ROLE_MAP` maps to
//! hub roles. With several matches the highest role wins; with none, the caller is a contributor only where
//! `HUB_DEFAULT_ROLE=contributor`, and is refused otherwise.

use crate::config::Config;
use crate::domain::viewer::Role;
use anyhow::{Context as _, bail};
use serde_json::Value;
use std::collections::HashMap;

/// How roles and organizations are read from claims.
#[derive(Debug, Clone)]
pub struct ClaimMapping {
    /// The role claim's path: `["realm_access", "roles"]` for `realm_access.roles`.
    role_claim: Vec<String>,
    /// The provider's values and the hub roles they stand for; empty: the values are hub role names.
    role_map: HashMap<String, Role>,
    /// The role of a caller whose claim names no known value (only `contributor` may be given).
    default_role: Option<Role>,
    organization_claim: Vec<String>,
}

fn path(dotted: &str, setting: &str) -> anyhow::Result<Vec<String>> {
    let parts: Vec<String> = dotted.split('.').map(|part| part.trim().to_string()).collect();
    if parts.iter().any(String::is_empty) {
        bail!("{setting}: `{dotted}` is not a claim name or a dotted path such as realm_access.roles");
    }
    Ok(parts)
}

impl ClaimMapping {
    /// From `HUB_ROLE_CLAIM`, `HUB_ROLE_MAP`, `HUB_DEFAULT_ROLE` and `HUB_ORG_CLAIM`; a setting that cannot be read
    /// stops the start, naming it.
    pub fn from_config(config: &Config) -> anyhow::Result<ClaimMapping> {
        let mut role_map = HashMap::new();
        for pair in config.role_map.as_deref().unwrap_or_default().split(',').filter(|pair| !pair.trim().is_empty()) {
            let (value, role) = pair
                .rsplit_once('=')
                .with_context(|| format!("HUB_ROLE_MAP: `{pair}` is not VALUE=ROLE (e.g. Hub.Editors=editor)"))?;
            let role = Role::from_claim(role.trim())
                .with_context(|| format!("HUB_ROLE_MAP: `{role}` is not contributor, editor or admin"))?;
            role_map.insert(value.trim().to_string(), role);
        }
        let default_role = match config.default_role.as_deref() {
            None | Some("") => None,
            Some("contributor") => Some(Role::Contributor),
            Some(other) => {
                bail!("HUB_DEFAULT_ROLE: only `contributor` may be given to callers no role names, not `{other}`")
            }
        };
        Ok(ClaimMapping {
            role_claim: path(&config.role_claim, "HUB_ROLE_CLAIM")?,
            role_map,
            default_role,
            organization_claim: path(&config.org_claim, "HUB_ORG_CLAIM")?,
        })
    }

    /// The caller's role: the highest any value of the role claim stands for, or the default role; why not, when
    /// there is none.
    pub fn role(&self, claims: &Value) -> Result<Role, String> {
        let found = values(claims, &self.role_claim);
        let role = found
            .iter()
            .filter_map(|value| match self.role_map.is_empty() {
                true => Role::from_claim(value),
                false => self.role_map.get(*value).copied(),
            })
            .max();
        role.or(self.default_role).ok_or_else(|| match found.is_empty() {
            true => format!("no `{}` claim", self.role_claim.join(".")),
            false => format!("no known role in `{}`: {found:?}", self.role_claim.join(".")),
        })
    }

    /// The caller's organization, when the organization claim holds one (the first, for an array).
    pub fn organization(&self, claims: &Value) -> Option<String> {
        values(claims, &self.organization_claim).first().map(|value| value.to_string())
    }
}

/// The strings of the claim named by the whole of `path` (a namespaced claim such as
/// `https://hub.example.org/roles`, as Auth0 and Okta send), or else at `path` followed through nested objects: one
/// for a string, each string of an array.
fn values<'a>(claims: &'a Value, path: &[String]) -> Vec<&'a str> {
    let whole = (path.len() > 1).then(|| claims.get(path.join("."))).flatten();
    let found = whole.or_else(|| path.iter().try_fold(claims, |value, part| value.get(part)));
    match found {
        Some(Value::String(text)) => vec![text.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mapping(role_claim: &str, role_map: Option<&str>, default_role: Option<&str>) -> ClaimMapping {
        let mut config = Config::defaults().unwrap();
        config.role_claim = role_claim.into();
        config.role_map = role_map.map(Into::into);
        config.default_role = default_role.map(Into::into);
        ClaimMapping::from_config(&config).unwrap()
    }

    #[test]
    fn the_hubs_own_role_claim_by_default() {
        let hub = mapping("role", None, None);
        assert_eq!(hub.role(&json!({ "role": "editor" })), Ok(Role::Editor));
        assert!(hub.role(&json!({ "role": "superuser" })).is_err());
        assert!(hub.role(&json!({})).is_err());
        assert_eq!(hub.organization(&json!({ "org": "IOM" })).as_deref(), Some("IOM"));
    }

    #[test]
    fn entra_and_keycloak_shaped_tokens() {
        let entra = mapping("roles", Some("Hub.Editors=editor, Hub.Admins=admin"), None);
        let token = json!({ "roles": ["Hub.Readers", "Hub.Editors", "Hub.Admins"] });
        assert_eq!(entra.role(&token), Ok(Role::Admin), "the highest role wins");
        assert_eq!(entra.role(&json!({ "roles": ["Hub.Editors"] })), Ok(Role::Editor));
        assert!(entra.role(&json!({ "roles": ["editor"] })).is_err(), "with a map, only mapped values count");
        let keycloak = mapping("realm_access.roles", Some("hub-editor=editor"), Some("contributor"));
        assert_eq!(keycloak.role(&json!({ "realm_access": { "roles": ["hub-editor"] } })), Ok(Role::Editor));
        assert_eq!(keycloak.role(&json!({ "realm_access": { "roles": ["offline_access"] } })), Ok(Role::Contributor));
        assert_eq!(keycloak.role(&json!({})), Ok(Role::Contributor));
    }

    #[test]
    fn namespaced_claims_are_one_claim_however_many_dots_they_hold() {
        let auth0 = mapping("https://hub.example.org/roles", Some("hub-editors=editor"), None);
        let token = json!({ "https://hub.example.org/roles": ["hub-editors"], "https://hub": { "example": {} } });
        assert_eq!(auth0.role(&token), Ok(Role::Editor));
        // A nested path still works when no claim has the whole name.
        let keycloak = mapping("realm_access.roles", None, None);
        assert_eq!(keycloak.role(&json!({ "realm_access": { "roles": ["admin"] } })), Ok(Role::Admin));
    }

    #[test]
    fn settings_that_cannot_be_read_stop_the_start() {
        let mut config = Config::defaults().unwrap();
        config.role_map = Some("Hub.Editors".into());
        assert!(ClaimMapping::from_config(&config).unwrap_err().to_string().contains("HUB_ROLE_MAP"));
        config.role_map = Some("Hub.Gods=root".into());
        assert!(ClaimMapping::from_config(&config).is_err());
        config.role_map = None;
        config.default_role = Some("admin".into());
        assert!(ClaimMapping::from_config(&config).unwrap_err().to_string().contains("HUB_DEFAULT_ROLE"));
        config.default_role = None;
        config.role_claim = "realm_access..roles".into();
        assert!(ClaimMapping::from_config(&config).unwrap_err().to_string().contains("HUB_ROLE_CLAIM"));
    }
}
