//! The request's language in the schema: the `LanguageCode` enum and the `@inContext(language:)` operation
//! directive (the convention of Shopify's Storefront API). The directive is declared here so that documents using
//! it validate; the HTTP layer reads it from the parsed document before execution (`http::graphql::language`),
//! since it decides the cache entry, and hands the chosen language to resolvers in `RequestContext::language`.

use crate::domain::language::Language;
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::Directive;
use async_graphql::registry::{__DirectiveLocation, MetaDirective, MetaInputValue, Registry};
use async_graphql::{
    ContextDirective, CustomDirective, CustomDirectiveFactory, Enum, InputType, ServerError, ServerResult,
};
use std::borrow::Cow;

/// A language the hub answers in: the six UN languages and Portuguese.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::domain::language::Language")]
pub enum LanguageCode {
    /// Arabic.
    Ar,
    /// Chinese.
    Zh,
    /// English.
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
    /// Portuguese.
    Pt,
}

/// The directive's name in documents.
pub const IN_CONTEXT: &str = "inContext";

/// `directive @inContext(language: LanguageCode!) on QUERY`.
pub struct InContext;

impl CustomDirectiveFactory for InContext {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed(IN_CONTEXT)
    }

    fn register(&self, registry: &mut Registry) {
        // The enum's qualified name, `LanguageCode!`: the argument is required.
        let ty = <LanguageCode as InputType>::create_type_info(registry);
        let mut args = IndexMap::new();
        args.insert(
            "language".to_string(),
            MetaInputValue {
                name: "language".to_string(),
                description: Some("The language labels resolve in, and `search`'s preferred language.".to_string()),
                ty,
                deprecation: Default::default(),
                default_value: None,
                visible: None,
                inaccessible: false,
                tags: Vec::new(),
                is_secret: false,
                directive_invocations: Vec::new(),
            },
        );
        registry.add_directive(MetaDirective {
            name: IN_CONTEXT.to_string(),
            description: Some(
                "The language of the whole operation. It wins over the `Accept-Language` header; without either, \
                 English. Responses say which language they used in `Content-Language`."
                    .to_string(),
            ),
            locations: vec![__DirectiveLocation::QUERY],
            args,
            is_repeatable: false,
            visible: None,
            composable: None,
        });
    }

    fn create(&self, _: &ContextDirective<'_>, _: &Directive) -> ServerResult<Box<dyn CustomDirective>> {
        // Only fields' directives are created; an operation's is read by the HTTP layer before execution.
        Err(ServerError::new("@inContext applies to a query operation", None))
    }
}

/// The language a `LanguageCode` value names (`FR`), for values read from a document or its variables.
pub fn from_code(code: &str) -> Option<Language> {
    Language::ALL.into_iter().find(|language| language.tag().eq_ignore_ascii_case(code))
}
