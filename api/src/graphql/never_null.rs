//! `NeverNull`: an object or union value that is never null where the schema says it cannot be.

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value as ConstValue};
use std::borrow::Cow;

/// A value of an object or union type that resolves to `{}` when the selection picks none of its fields (say, only
/// `... on Practice` for a guidance tool). async-graphql answers null there, which breaks non-null positions such
/// as the items of `[SearchNode!]!`. The schema is unchanged: the wrapper takes its type's name and description.
#[derive(Clone)]
pub struct NeverNull<T>(pub T);

impl<T: OutputType> OutputType for NeverNull<T> {
    fn type_name() -> Cow<'static, str> {
        T::type_name()
    }

    fn introspection_type_name(&self) -> Cow<'static, str> {
        self.0.introspection_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        T::create_type_info(registry)
    }

    async fn resolve(&self, ctx: &ContextSelectionSet<'_>, field: &Positioned<Field>) -> ServerResult<ConstValue> {
        match self.0.resolve(ctx, field).await? {
            ConstValue::Null => Ok(ConstValue::Object(Default::default())),
            value => Ok(value),
        }
    }
}
