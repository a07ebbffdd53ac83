//! The cost model: what a GraphQL document costs, known before it runs, in the style of GitHub's and Shopify's
//! APIs. Rate-limit budgets, the per-request ceiling (`COST_LIMIT_EXCEEDED`) and `extensions.cost` all use it.
//!
//! - Every request costs `REQUEST` (parsing, checking, answering), and every selected field 1.
//! - A paginated field (one with `first` or `last`: the content lists, organizations, the audit trail, search)
//!   counts its `nodes` and `edges` selections once per record the page may hold (20 when not given).
//! - What really costs more costs more: `search` and `related` (one engine query) `SEARCH`, `facets` (counts over
//!   the whole result set) and `coverage` (grouped counts over the matching records) `FACETS`, `totalCount` (a count over the filtered list) `COUNT`, each mutation
//!   `MUTATION`. `related` counts its selection once per record it may return (`first`, 5 when not given).
//! - Named and inline fragments count as if written in place; type conditions are ignored (a union's item costs
//!   its dearest member), so the figure is an upper bound.
//!
//! `requested` prices the document as written; `actual` prices it again with the page sizes the answer really has.
//! Both depend on the document, the variables and the public data only, so every caller of the same request sees
//! the same figures (and cached answers stay shareable).

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
/// The page size assumed when a paginated field gives none.
const DEFAULT_PAGE: u64 = 20;
/// How many records `related` returns when not told.
const DEFAULT_RELATED: u64 = 5;
/// The largest page any list serves.
const MAX_PAGE: u64 = 100;
/// The paginated fields of the schema (those with `first` and `after`; a test holds this to the schema).
pub const PAGINATED: [&str; 9] = [
    "practices",
    "guidanceTools",
    "peerExchanges",
    "organizations",
    "auditTrail",
    "search",
    "changes",
    "webhooks",
    "deliveries",
];
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
    let Some(operation) = pick(document, operation) else { return REQUEST };
    let walk = Walk { document, variables, operation };
    let per_field = if operation.ty == OperationType::Mutation { MUTATION } else { 0 };
    REQUEST.saturating_add(walk.set(&operation.selection_set.node, data, per_field, 0))
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
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    operation: &'a OperationDefinition,
}

impl Walk<'_> {
    /// The cost of a selection set over `data` (its answer, when pricing the actual cost); `extra` is added per
    /// field at this level (mutations).
    fn set(&self, set: &SelectionSet, data: Option<&ConstValue>, extra: u64, depth: usize) -> u64 {
        self.each(set, depth, &|selection, depth| match selection {
            Step::Field(field) => self.field(field, data, extra, depth),
            Step::Set(set) => self.set(set, data, extra, depth),
        })
    }

    /// A paginated field's selection: `nodes` and `edges` once per record (as many as the answer holds when there
    /// is one), everything else once.
    fn page(&self, set: &SelectionSet, answer: Option<&ConstValue>, size: u64, depth: usize) -> u64 {
        self.each(set, depth, &|selection, depth| match selection {
            Step::Field(field) if matches!(field.name.node.as_str(), "nodes" | "edges") => {
                let items = answer.and_then(|answer| object_field(answer, response_key(field)));
                // Without an answer the page is full; with one, it holds what came back.
                let count = match (items, answer) {
                    (Some(ConstValue::List(items)), _) => items.len() as u64,
                    (None, None) => size,
                    _ => 0,
                };
                let each = self.set(&field.selection_set.node, first_item(items), 0, depth);
                1u64.saturating_add(count.saturating_mul(each))
            }
            Step::Field(field) => self.field(field, answer, 0, depth),
            Step::Set(set) => self.page(set, answer, size, depth),
        })
    }

    /// One field: itself, what it costs beyond a field, and its selection.
    fn field(&self, field: &Field, data: Option<&ConstValue>, extra: u64, depth: usize) -> u64 {
        let answer = data.and_then(|data| object_field(data, response_key(field)));
        let name = field.name.node.as_str();
        let own = 1
            + extra
            + match name {
                "search" | "related" => SEARCH,
                "facets" | "coverage" => FACETS,
                "totalCount" => COUNT,
                _ => 0,
            };
        let children = &field.selection_set.node;
        let below = if PAGINATED.contains(&name) {
            self.page(children, answer, self.page_size(field, DEFAULT_PAGE), depth)
        } else if name == "related" {
            let count = match answer {
                Some(ConstValue::List(items)) => items.len() as u64,
                Some(_) => 0,
                None => self.page_size(field, DEFAULT_RELATED),
            };
            count.saturating_mul(self.set(children, first_item(answer), 0, depth))
        } else {
            self.set(children, first_item(answer), 0, depth)
        };
        own.saturating_add(below)
    }

    /// Sums `price` over a selection set's fields, following fragments in place.
    fn each(&self, set: &SelectionSet, depth: usize, price: &dyn Fn(Step<'_>, usize) -> u64) -> u64 {
        set.items.iter().fold(0u64, |cost, item| {
            let item_cost = match &item.node {
                Selection::Field(field) => price(Step::Field(&field.node), depth),
                Selection::InlineFragment(fragment) => price(Step::Set(&fragment.node.selection_set.node), depth),
                Selection::FragmentSpread(spread) if depth < MAX_FRAGMENT_DEPTH => {
                    match self.document.fragments.get(&spread.node.fragment_name.node) {
                        Some(fragment) => price(Step::Set(&fragment.node.selection_set.node), depth + 1),
                        None => 0,
                    }
                }
                Selection::FragmentSpread(_) => 0,
            };
            cost.saturating_add(item_cost)
        })
    }

    /// The page size of a paginated field: `first` or `last` (a literal, a variable, or the variable's default),
    /// within what the lists serve.
    fn page_size(&self, field: &Field, default: u64) -> u64 {
        let argument = field
            .arguments
            .iter()
            .find(|(name, _)| matches!(name.node.as_str(), "first" | "last"))
            .map(|(_, value)| &value.node);
        let given = match argument {
            Some(Value::Number(number)) => number.as_u64(),
            Some(Value::Variable(name)) => match self.variables.get(name) {
                Some(ConstValue::Number(number)) => number.as_u64(),
                Some(_) => None,
                None => self.variable_default(name),
            },
            _ => None,
        };
        given.unwrap_or(default).clamp(1, MAX_PAGE)
    }

    fn variable_default(&self, name: &Name) -> Option<u64> {
        let definition = self.operation.variable_definitions.iter().find(|v| v.node.name.node == *name)?;
        match &definition.node.default_value.as_ref()?.node {
            ConstValue::Number(number) => number.as_u64(),
            _ => None,
        }
    }
}

/// A step of a walk: a field, or a fragment's selection to walk in place.
enum Step<'a> {
    Field(&'a Field),
    Set(&'a SelectionSet),
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
    fn every_paginated_field_of_the_schema_is_priced_per_record() {
        let sdl = crate::graphql::sdl();
        let with_first: std::collections::BTreeSet<&str> = sdl
            .lines()
            .filter(|line| line.contains("first: Int") && line.contains("after: String"))
            .filter_map(|line| line.trim().split('(').next())
            .collect();
        assert_eq!(with_first, PAGINATED.into_iter().collect());
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
