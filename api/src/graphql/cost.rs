//! The cost model: what a GraphQL document costs, known before it runs, in the style of GitHub's and Shopify's
//! APIs. Rate-limit budgets, the per-request ceiling (`COST_LIMIT_EXCEEDED`) and `extensions.cost` all use it.
//!
//! - Every request costs `REQUEST` (parsing, checking, answering), and every selected field 1.
//! - A field that returns several items counts its selection once per item it may return, as the schema says
//!   ([`shape`](super::shape)): a page (`first`/`last`: the content lists, organizations, the audit trail, search)
//!   counts its `nodes` and `edges` once per record the page may hold (20 when not given); a list sized by
//!   `first` (`related`: 5 when not given) or by a list argument (`nodes(ids:)`: one per id) once per item; lists
//!   the data sizes as their entry in `shape::UNSIZED` says (their plain fields once, what costs more below them
//!   once per item they may hold).
//! - What really costs more costs more: `search` and `related` (one engine query) `SEARCH`, `facets` (counts over
//!   the whole result set), `coverage`, `priorities`, `peerMatches` and `objectivesReported` (grouped counts over
//!   the matching records) `FACETS`, `totalCount` (a
//!   count over the filtered list) `COUNT`, each mutation `MUTATION`.
//! - Named and inline fragments count as if written in place, under their type condition.
//!
//! `requested` prices the document as written; `actual` prices it again with the list lengths the answer really
//! has. Both depend on the document, the variables and the public data only, so every caller of the same request
//! sees the same figures (and cached answers stay shareable).

use super::shape::{Multiplier, SHAPE, Shape};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, OperationDefinition, OperationType, Selection, SelectionSet,
};
use async_graphql::{Name, Value as ConstValue, Variables};
use async_graphql_value::Value;
use serde::Serialize;

/// The fixed cost of any request.
pub const REQUEST: u64 = 10;
/// A `search` field: one query to the engine, hits read back from the database.
pub const SEARCH: u64 = 50;
/// A `facets` field: value counts over the whole result set.
pub const FACETS: u64 = 50;
/// A `totalCount` field: a count over the whole filtered list.
pub const COUNT: u64 = 20;
/// Rows of an export that cost one point (an export is priced by its rows before its first byte is sent).
pub const EXPORT_ROWS_PER_POINT: u64 = 10;
/// A mutation: a transaction, an audit row, an outbox row.
pub const MUTATION: u64 = 10;
/// The largest page any list serves, and the most items a list argument is priced for.
const MAX_PAGE: u64 = 100;
/// Fragments nested deeper than this are not followed (validation refuses such documents anyway).
const MAX_FRAGMENT_DEPTH: usize = 32;

/// A request's cost, as reported in `extensions.cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cost {
    pub requested: u64,
    pub actual: u64,
}

/// What the document costs as written.
pub fn requested(document: &ExecutableDocument, operation: Option<&str>, variables: &Variables) -> u64 {
    price(document, operation, variables, None)
}

/// What it cost with the page sizes of `data` (the response's `data`).
pub fn actual(document: &ExecutableDocument, operation: Option<&str>, variables: &Variables, data: &ConstValue) -> u64 {
    price(document, operation, variables, Some(data))
}

fn price(
    document: &ExecutableDocument,
    operation: Option<&str>,
    variables: &Variables,
    data: Option<&ConstValue>,
) -> u64 {
    price_with(&SHAPE, document, operation, variables, data)
}

/// The price of a document against a schema's shape.
pub fn price_with(
    shape: &Shape,
    document: &ExecutableDocument,
    operation: Option<&str>,
    variables: &Variables,
    data: Option<&ConstValue>,
) -> u64 {
    let Some(operation) = pick(document, operation) else { return REQUEST };
    let walk = Walk { shape, document, variables, operation };
    let (root, per_field) =
        if operation.ty == OperationType::Mutation { (&shape.mutation, MUTATION) } else { (&shape.query, 0) };
    let at = At { owner: Some(root.as_str()), data, page: 1, extra: per_field, depth: 0 };
    REQUEST.saturating_add(walk.set(&operation.selection_set.node, at))
}

/// The operation a request runs: the named one, or the only one.
fn pick<'a>(document: &'a ExecutableDocument, name: Option<&str>) -> Option<&'a OperationDefinition> {
    match (&document.operations, name) {
        (DocumentOperations::Single(operation), _) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => {
            operations.get(&Name::new(name)).map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(operations), None) => operations.values().next().map(|operation| &operation.node),
    }
}

struct Walk<'a> {
    shape: &'a Shape,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    operation: &'a OperationDefinition,
}

/// Where a walk is: the type whose fields are selected (`None` when unknown), its answer (when pricing the actual
/// cost), the size of the page being walked, what is added per field at this level (mutations), the fragment depth.
#[derive(Clone, Copy)]
struct At<'a> {
    owner: Option<&'a str>,
    data: Option<&'a ConstValue>,
    page: u64,
    extra: u64,
    depth: usize,
}

impl<'a> Walk<'a> {
    /// The cost of a selection set, following fragments in place under their type condition.
    fn set(&self, set: &'a SelectionSet, at: At<'a>) -> u64 {
        set.items.iter().fold(0u64, |cost, item| {
            let item_cost = match &item.node {
                Selection::Field(field) => self.field(&field.node, at),
                Selection::InlineFragment(fragment) => {
                    let owner = fragment.node.type_condition.as_ref().map(|c| c.node.on.node.as_str());
                    self.set(&fragment.node.selection_set.node, At { owner: owner.or(at.owner), ..at })
                }
                Selection::FragmentSpread(spread) if at.depth < MAX_FRAGMENT_DEPTH => {
                    match self.document.fragments.get(&spread.node.fragment_name.node) {
                        Some(fragment) => {
                            let owner = Some(fragment.node.type_condition.node.on.node.as_str());
                            self.set(&fragment.node.selection_set.node, At { owner, depth: at.depth + 1, ..at })
                        }
                        None => 0,
                    }
                }
                Selection::FragmentSpread(_) => 0,
            };
            cost.saturating_add(item_cost)
        })
    }

    /// One field: itself, what it costs beyond a field, and its selection once per item it may return.
    fn field(&self, field: &'a Field, at: At<'a>) -> u64 {
        let answer = at.data.and_then(|data| object_field(data, response_key(field)));
        let name = field.name.node.as_str();
        let own = 1
            + at.extra
            + match name {
                "search" | "related" => SEARCH,
                "facets" | "coverage" | "priorities" | "peerMatches" | "objectivesReported" => FACETS,
                "totalCount" => COUNT,
                _ => 0,
            };
        let shape = at.owner.and_then(|owner| self.shape.field(owner, name));
        let owner = shape.map(|shape| shape.returns.as_str());
        let multiplier = shape.map_or(&Multiplier::One, |shape| &shape.multiplier);
        // Without an answer a list holds as many items as it may; with one, what came back.
        let (items, page) = match multiplier {
            Multiplier::One => (1, at.page),
            Multiplier::Page { default } => (1, self.page_size(field, *default)),
            Multiplier::PageItems => (at.page, at.page),
            Multiplier::First { default } => (self.page_size(field, *default), at.page),
            Multiplier::ListArgument { argument } => (self.list_length(field, argument), at.page),
            Multiplier::Bounded(items) => (*items, at.page),
        };
        let items = match (answer, at.data, multiplier) {
            (_, _, Multiplier::One | Multiplier::Page { .. }) => items,
            (Some(ConstValue::List(list)), _, _) => list.len() as u64,
            (None, None, _) => items,
            _ => 0,
        };
        let children = &field.selection_set.node;
        let each = self.set(children, At { owner, data: first_item(answer), page, extra: 0, ..at });
        let below = if let Multiplier::Bounded(_) = multiplier {
            // A list the data sizes: its plain fields once (its items are few and cheap), what costs more below
            // them (an engine query, a count, a page) once per item it may hold.
            let plain = self.plain(children, at.depth).min(each);
            plain.saturating_add(items.saturating_mul(each - plain))
        } else {
            items.saturating_mul(each)
        };
        own.saturating_add(below)
    }

    /// The fields of a selection set, one point each, fragments in place: its cost were nothing dearer than a field.
    fn plain(&self, set: &SelectionSet, depth: usize) -> u64 {
        set.items.iter().fold(0u64, |count, item| {
            let more = match &item.node {
                Selection::Field(field) => 1u64.saturating_add(self.plain(&field.node.selection_set.node, depth)),
                Selection::InlineFragment(fragment) => self.plain(&fragment.node.selection_set.node, depth),
                Selection::FragmentSpread(spread) if depth < MAX_FRAGMENT_DEPTH => {
                    match self.document.fragments.get(&spread.node.fragment_name.node) {
                        Some(fragment) => self.plain(&fragment.node.selection_set.node, depth + 1),
                        None => 0,
                    }
                }
                Selection::FragmentSpread(_) => 0,
            };
            count.saturating_add(more)
        })
    }

    /// The page size of a paginated field: `first` or `last` (a literal, a variable, or the variable's default),
    /// within what the lists serve.
    fn page_size(&self, field: &Field, default: u64) -> u64 {
        let given = self.argument(field, &["first", "last"]).and_then(|value| match value {
            Argument::Literal(Value::Number(number)) => number.as_u64(),
            Argument::Given(ConstValue::Number(number)) => number.as_u64(),
            _ => None,
        });
        given.unwrap_or(default).clamp(1, MAX_PAGE)
    }

    /// How many values a list argument holds (a literal list, a variable, or the variable's default; a single value
    /// is a list of one), within what a list argument is priced for; as many as may be when it cannot be told.
    fn list_length(&self, field: &Field, argument: &str) -> u64 {
        let length = self.argument(field, &[argument]).map(|value| match value {
            Argument::Literal(Value::List(items)) => items.len() as u64,
            Argument::Given(ConstValue::List(items)) => items.len() as u64,
            Argument::Given(ConstValue::Null) | Argument::Literal(Value::Null) => 0,
            _ => 1,
        });
        length.unwrap_or(MAX_PAGE).min(MAX_PAGE)
    }

    /// An argument's value: as written, or the variable's value (or default) it names.
    fn argument(&self, field: &'a Field, names: &[&str]) -> Option<Argument<'a>> {
        let value = &field.arguments.iter().find(|(name, _)| names.contains(&name.node.as_str()))?.1.node;
        match value {
            Value::Variable(name) => match self.variables.get(name) {
                Some(given) => Some(Argument::Given(given.clone())),
                None => self.variable_default(name).map(Argument::Given),
            },
            literal => Some(Argument::Literal(literal)),
        }
    }

    fn variable_default(&self, name: &Name) -> Option<ConstValue> {
        let definition = self.operation.variable_definitions.iter().find(|v| v.node.name.node == *name)?;
        Some(definition.node.default_value.as_ref()?.node.clone())
    }
}

/// An argument's value: a literal of the document, or the value of the variable it names.
enum Argument<'a> {
    Literal(&'a Value),
    Given(ConstValue),
}

fn response_key(field: &Field) -> &str {
    field.alias.as_ref().unwrap_or(&field.name).node.as_str()
}

fn object_field<'a>(value: &'a ConstValue, key: &str) -> Option<&'a ConstValue> {
    match value {
        ConstValue::Object(fields) => fields.get(key),
        _ => None,
    }
}

/// The value a list's selection is priced against: its dearest-looking item is not known, so the first stands for
/// all (only page sizes differ between requested and actual).
fn first_item(value: Option<&ConstValue>) -> Option<&ConstValue> {
    match value {
        Some(ConstValue::List(items)) => items.first(),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn cost(query: &str, variables: serde_json::Value) -> u64 {
        let document = parse_query(query).unwrap();
        requested(&document, None, &Variables::from_json(variables))
    }

    #[test]
    fn pages_multiply_their_items_and_expensive_fields_cost_more() {
        assert_eq!(cost("{ __typename }", serde_json::json!({})), REQUEST + 1);
        // practices 1 + nodes (1 + 20 × title 1) = 22.
        assert_eq!(cost("{ practices { nodes { title } } }", serde_json::json!({})), REQUEST + 22);
        assert_eq!(cost("{ practices(first: 5) { nodes { title } } }", serde_json::json!({})), REQUEST + 7);
        let with_variable = "query($n: Int = 50) { practices(first: $n) { totalCount nodes { title } } }";
        assert_eq!(cost(with_variable, serde_json::json!({ "n": 100 })), REQUEST + 1 + (1 + COUNT) + 101);
        assert_eq!(cost(with_variable, serde_json::json!({})), REQUEST + 1 + (1 + COUNT) + 51);
        let search = r#"{ search(query: "m", first: 1) { totalCount facets { field } } }"#;
        assert_eq!(cost(search, serde_json::json!({})), REQUEST + (1 + SEARCH) + (1 + COUNT) + (1 + FACETS + 1));
        let aliased: String = (0..75)
            .map(|n| format!(r#"s{n}: search(query: "m", first: 1) {{ totalCount facets {{ field }} }} "#))
            .collect();
        assert_eq!(
            cost(&format!("{{ {aliased} }}"), serde_json::json!({})),
            REQUEST + 75 * (SEARCH + COUNT + FACETS + 4)
        );
        // related: an engine query, its selection once per record it may return (5 unless `first` says).
        let related = r#"{ practices(first: 2) { nodes { related { __typename } } } }"#;
        assert_eq!(cost(related, serde_json::json!({})), REQUEST + 1 + 1 + 2 * (1 + SEARCH + 5));
        let related = r#"{ practices(first: 2) { nodes { related(first: 20) { __typename } } } }"#;
        assert_eq!(cost(related, serde_json::json!({})), REQUEST + 1 + 1 + 2 * (1 + SEARCH + 20));
    }

    #[test]
    fn every_list_of_the_schema_has_a_multiplier_or_a_reason() {
        use crate::graphql::shape::{UNSIZED, Unsized, explained};
        let shape = &*SHAPE;
        assert!(shape.fields.len() > 100, "the schema's SDL was read");
        assert_eq!(shape.unexplained, Vec::<String>::new(), "lists sized by neither an argument nor a reason");
        for (owner, name, _) in UNSIZED {
            let field = shape.field(owner, name).unwrap_or_else(|| panic!("{owner}.{name} is not in the schema"));
            assert!(
                matches!(field.multiplier, Multiplier::One | Multiplier::Bounded(_)),
                "{owner}.{name} is sized by its arguments: no reason needed"
            );
        }
        // A list priced once must hold nothing a caller can multiply: below it, every field is priced once, and
        // none is an engine query, a count or a page.
        let priced = |name: &str| {
            matches!(
                name,
                "search"
                    | "related"
                    | "facets"
                    | "coverage"
                    | "priorities"
                    | "peerMatches"
                    | "objectivesReported"
                    | "totalCount"
            )
        };
        for ((owner, name), field) in &shape.fields {
            let Some(Unsized::Leaves(_)) = explained(owner, name) else { continue };
            let mut seen = std::collections::HashSet::new();
            let mut types = vec![field.returns.clone()];
            while let Some(ty) = types.pop() {
                if !seen.insert(ty.clone()) {
                    continue;
                }
                for ((inner_owner, inner), inner_field) in shape.fields.iter().filter(|((o, _), _)| *o == ty) {
                    let leaf = matches!(inner_field.multiplier, Multiplier::One) && !priced(inner);
                    assert!(leaf, "{owner}.{name} is priced once, but its items reach {inner_owner}.{inner}");
                    types.push(inner_field.returns.clone());
                }
            }
        }
    }

    #[test]
    fn lists_sized_by_an_argument_multiply_like_pages() {
        // The outside probe's document: 100 ids, each with related(first: 20) twice over. Under `practices` it was
        // refused; under `nodes` it must cost as much.
        let ids: Vec<String> = (0..100).map(|n| format!("\"id{n}\"")).collect();
        let nested = "... on Practice { related(first: 20) { ... on Practice { related(first: 20) { title } } } }";
        let by_ids = format!("{{ nodes(ids: [{}]) {{ {nested} }} }}", ids.join(", "));
        let by_page = format!("{{ practices(first: 100) {{ nodes {{ {nested} }} }} }}");
        let (by_ids, by_page) = (cost(&by_ids, serde_json::json!({})), cost(&by_page, serde_json::json!({})));
        assert!(by_ids > 100_000, "{by_ids}");
        assert_eq!(by_ids + 1, by_page, "the same shape costs the same (`practices` adds itself)");
        // Through a variable, its length counts; a variable not given is priced at the most a list takes.
        let query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
        assert_eq!(cost(query, serde_json::json!({ "ids": ["a", "b", "c"] })), REQUEST + 1 + 3);
        assert_eq!(cost(query, serde_json::json!({})), REQUEST + 1 + MAX_PAGE);
        // Translations and an exchange's linked records are priced at their bound, since their items hold related.
        let translations = "{ practice(slug: \"x\") { translations { related { __typename } } } }";
        assert_eq!(cost(translations, serde_json::json!({})), REQUEST + 1 + 1 + 2 + 7 * (SEARCH + 4));
        // Their plain fields count once: a partner's list of records with their translations costs what it did.
        let plain = "{ practices(first: 100) { nodes { id translations { id slug } } } }";
        assert_eq!(cost(plain, serde_json::json!({})), REQUEST + 1 + 1 + 100 * (1 + 1 + 2));
    }

    #[test]
    fn fragments_count_in_place_and_the_actual_cost_follows_the_answer() {
        let query =
            "query { practices(first: 10) { edges { node { ...F } } } } fragment F on Practice { title summary }";
        let document = parse_query(query).unwrap();
        let variables = Variables::default();
        assert_eq!(requested(&document, None, &variables), REQUEST + 1 + 1 + 10 * (1 + 2));
        let data = ConstValue::from_json(serde_json::json!({ "practices": { "edges": [
            { "node": { "title": "a", "summary": "b" } }, { "node": { "title": "c", "summary": "d" } } ] } }))
        .unwrap();
        assert_eq!(actual(&document, None, &variables, &data), REQUEST + 1 + 1 + 2 * (1 + 2));
        let mutation = parse_query("mutation { a: deletePractice(id: \"x\") { deletedId } }").unwrap();
        assert_eq!(requested(&mutation, None, &variables), REQUEST + 1 + MUTATION + 1);
    }
}
