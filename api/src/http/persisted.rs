//! Automatic persisted queries (Apollo's protocol): a client sends `extensions.persistedQuery.sha256Hash` instead
//! of the document once the server knows it, so GET requests stay short and cacheable by CDNs. Hand-made rather
//! than async-graphql's APQ extension because the document must be known before execution: the HTTP layer refuses
//! mutations over GET and counts aliases and fields on the text, and the extension only resolves the hash inside
//! the executor. The store is a bounded moka cache per instance; a miss is `PERSISTED_QUERY_NOT_FOUND`, and the
//! client sends the document with its hash again.

use moka::sync::Cache;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Most documents remembered per instance.
const CAPACITY: u64 = 10_000;

/// The answer to a request that names a persisted query.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The request has no `persistedQuery` extension.
    NotPersisted,
    /// The document to run (registered now, or known).
    Document(Arc<str>),
    /// The hash is unknown here: the client must send the document with it.
    NotFound,
    /// The extension is malformed, or the document does not have the hash it claims.
    Invalid(&'static str),
}

pub struct PersistedQueries(Cache<String, Arc<str>>);

impl Default for PersistedQueries {
    fn default() -> Self {
        PersistedQueries(Cache::new(CAPACITY))
    }
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

impl PersistedQueries {
    /// Resolves a request's document from its `persistedQuery` extension, registering a document sent with its
    /// hash.
    pub fn resolve(&self, query: &str, extensions: &async_graphql::Extensions) -> Lookup {
        let Some(persisted) = extensions.get("persistedQuery") else { return Lookup::NotPersisted };
        let async_graphql::Value::Object(fields) = persisted else {
            return Lookup::Invalid("`persistedQuery` must be an object");
        };
        if fields.get("version") != Some(&async_graphql::Value::from(1)) {
            return Lookup::Invalid("only `persistedQuery` version 1 is supported");
        }
        let Some(async_graphql::Value::String(hash)) = fields.get("sha256Hash") else {
            return Lookup::Invalid("`persistedQuery` needs a `sha256Hash`");
        };
        let hash = hash.to_ascii_lowercase();
        if query.is_empty() {
            return self.0.get(&hash).map_or(Lookup::NotFound, Lookup::Document);
        }
        if sha256_hex(query) != hash {
            return Lookup::Invalid("the query does not match its `sha256Hash`");
        }
        let document: Arc<str> = query.into();
        self.0.insert(hash, document.clone());
        Lookup::Document(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::Value;

    fn extension(hash: &str) -> async_graphql::Extensions {
        let mut fields = async_graphql::indexmap::IndexMap::new();
        fields.insert(async_graphql::Name::new("version"), Value::from(1));
        fields.insert(async_graphql::Name::new("sha256Hash"), Value::from(hash));
        let mut extensions = async_graphql::Extensions::default();
        extensions.insert("persistedQuery".into(), Value::Object(fields));
        extensions
    }

    #[test]
    fn a_hash_is_known_once_its_document_was_sent() {
        let store = PersistedQueries::default();
        let query = "{ __typename }";
        let hash = sha256_hex(query);
        assert_eq!(store.resolve("", &extension(&hash)), Lookup::NotFound);
        assert_eq!(store.resolve(query, &extension(&hash)), Lookup::Document(query.into()));
        assert_eq!(store.resolve("", &extension(&hash)), Lookup::Document(query.into()));
        assert!(matches!(store.resolve("{ x }", &extension(&hash)), Lookup::Invalid(_)));
        assert_eq!(store.resolve(query, &Default::default()), Lookup::NotPersisted);
    }
}
