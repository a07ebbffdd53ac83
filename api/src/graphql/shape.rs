//! What the cost model knows of the schema: for every field, the type it returns and how many items it may return,
//! read once from the schema's own SDL (parsed by async-graphql's parser), never from a hand-kept list of names.
//!
//! A field's multiplier follows from its definition:
//! - `first`/`last` on a field returning one object (a connection, `search`): a **page**; the `nodes` and `edges`
//!   lists of the type it returns hold that many items;
//! - `first`/`last` on a field returning a list (`related`): that many items, the SDL's default when not given;
//! - a list-typed argument on a field returning a list (`nodes(ids:)`): as many items as the argument holds;
//! - any other list: its length is set by the hub's data, not by the caller, and [`UNSIZED`] says why each one may
//!   be priced as it is (a test walks the schema and fails on a list that is in none of these cases).

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use async_graphql_value::ConstValue;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How many items a field may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Multiplier {
    /// One value, or a list priced once (see [`UNSIZED`]).
    One,
    /// A page: its type's `nodes` and `edges` hold `first`/`last` items (`default` when not given).
    Page { default: u64 },
    /// `nodes`/`edges` of a page: as many items as the enclosing page.
    PageItems,
    /// A list of `first`/`last` items (`default` when not given).
    First { default: u64 },
    /// A list of as many items as the list argument `argument` holds.
    ListArgument { argument: String },
    /// A list the data sizes, priced at this many items (see [`UNSIZED`]).
    Bounded(u64),
}

/// Why a list whose length the caller does not choose is priced as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsized {
    /// Reference data or a record's own small parts: the items hold no priced field (the test checks it), so their
    /// number does not multiply anything a caller can ask for.
    Leaves(&'static str),
    /// Items that hold priced fields (records that have `related`, say): their plain fields are priced once, and
    /// what costs more below them (an engine query, a count, a page) once per item, for `.0` items: the most the
    /// data holds or is meant to hold, said in `.1`.
    Bounded(u64, &'static str),
}

/// Every list field whose length the caller does not choose, with why it is priced as it is.
pub const UNSIZED: &[(&str, &str, Unsized)] = &[
    ("Query", "objectives", Unsized::Leaves("the 23 objectives of the Compact")),
    ("Query", "guidingPrinciples", Unsized::Leaves("the 10 guiding principles")),
    ("Query", "regions", Unsized::Leaves("the 5 regions of the regional reviews")),
    ("Query", "countries", Unsized::Leaves("the 249 ISO 3166-1 countries")),
    ("Query", "themes", Unsized::Leaves("the editors' themes, a short list")),
    ("Query", "enumLabels", Unsized::Leaves("the labels of the enum values pages show: about 60")),
    ("GcmObjective", "labels", Unsized::Leaves("one per language the hub speaks: at most 7")),
    ("GuidingPrinciple", "labels", Unsized::Leaves("one per language the hub speaks: at most 7")),
    ("Region", "labels", Unsized::Leaves("one per language the hub speaks: at most 7")),
    ("Theme", "labels", Unsized::Leaves("one per language the hub speaks: at most 7")),
    ("Query", "regionalReviews", Unsized::Bounded(8, "the regional review processes: five today, one per region")),
    ("RegionalReview", "submissions", Unsized::Bounded(50, "a review's voluntary inputs: a few dozen per region")),
    ("Priority", "reportingCountries", Unsized::Leaves("countries, which hold no list")),
    ("PeerMatch", "objectives", Unsized::Leaves("the objectives asked: at most 23")),
    ("PeerMatch", "reasons", Unsized::Leaves("sentences, which hold no list")),
    ("PeerMatch", "practices", Unsized::Bounded(69, "at most 3 practices per objective: 23 × 3")),
    ("PeerMatch", "exchanges", Unsized::Bounded(10, "the 10 newest exchanges it co-hosted on them")),
    ("CountryProfile", "objectivesReported", Unsized::Leaves("counts per objective: at most 23")),
    ("CountryProfile", "coverage", Unsized::Leaves("counts per objective: at most 23")),
    ("ReviewSubmission", "objectiveReports", Unsized::Bounded(69, "one report per objective and stance: 23 × 3")),
    ("Coverage", "cells", Unsized::Leaves("objective × region counts: at most 23 × 5")),
    ("Coverage", "years", Unsized::Leaves("counts by year")),
    ("Coverage", "countries", Unsized::Leaves("counts by country: at most 249")),
    ("SearchResults", "facets", Unsized::Leaves("the 8 facet fields")),
    ("Facet", "values", Unsized::Leaves("a facet's values")),
    ("SearchEdge", "highlights", Unsized::Leaves("a hit's matched fields")),
    ("Webhook", "types", Unsized::Leaves("the content types an endpoint takes")),
    ("Webhook", "events", Unsized::Leaves("the change kinds an endpoint takes")),
    ("Practice", "resources", Unsized::Leaves("a practice's links")),
    ("Practice", "submissionChecklist", Unsized::Leaves("the 8 items of the submission checklist")),
    ("PracticeReview", "rubric", Unsized::Leaves("the 7 criteria of the rubric")),
    ("ReviewRubricSummary", "latest", Unsized::Leaves("the 7 criteria of the rubric")),
    ("Practice", "partners", Unsized::Leaves("organizations, which hold no list")),
    ("PeerExchange", "coHostOrganizations", Unsized::Leaves("organizations, which hold no list")),
    ("PeerExchange", "coHostCountries", Unsized::Leaves("countries, which hold no list")),
    ("GuidanceTool", "links", Unsized::Leaves("a tool's URLs per language")),
    ("ReviewSubscriptions", "objectives", Unsized::Leaves("objective numbers: at most 23")),
    ("ReviewSubscriptions", "regions", Unsized::Leaves("region keys: the 5 regions")),
    ("Collection", "items", Unsized::Bounded(100, "a collection holds at most 100 items")),
    ("PeerExchange", "relatedPractices", Unsized::Bounded(10, "the practices an exchange presented, set by editors")),
    ("PeerExchange", "relatedGuidanceTools", Unsized::Bounded(10, "the tools of an exchange, set by editors")),
];

/// A record's tag lists, the same on every content type: reference data.
const TAG_LISTS: [&str; 5] = ["objectives", "principles", "themes", "regions", "countries"];

/// The lists every content type has beside its tags, with why each is priced as it is.
const CONTENT_LISTS: [(&str, Unsized); 3] = [
    ("history", Unsized::Leaves("audit events, which hold no list")),
    ("collections", Unsized::Bounded(10, "the collections a record is in: the editors curate a handful")),
    ("translations", Unsized::Bounded(7, "one record per language: the six UN languages and Portuguese")),
];

/// One field as the cost model sees it.
#[derive(Debug, Clone)]
pub struct FieldShape {
    /// The named type it returns (lists and non-null unwrapped).
    pub returns: String,
    pub multiplier: Multiplier,
}

/// Every field of every object and interface type, by `(type, field)`; the members of unions and the
/// implementations of interfaces.
#[derive(Debug, Default)]
pub struct Shape {
    pub fields: HashMap<(String, String), FieldShape>,
    pub query: String,
    pub mutation: String,
    /// List fields whose length neither an argument nor [`UNSIZED`] explains (empty for the hub's schema; the test
    /// holds it so).
    pub unexplained: Vec<String>,
}

/// The shape of the hub's schema, read once.
pub static SHAPE: LazyLock<Shape> = LazyLock::new(|| Shape::of(&crate::graphql::sdl()));

impl Shape {
    /// Reads a schema's SDL; a document that does not parse gives an empty shape (every field priced once), and says
    /// so in the log.
    pub fn of(sdl: &str) -> Shape {
        let document = match async_graphql::parser::parse_schema(sdl) {
            Ok(document) => document,
            Err(error) => {
                tracing::error!(%error, "the schema's SDL does not parse: costs are priced without multipliers");
                return Shape::default();
            }
        };
        let mut shape = Shape { query: "Query".into(), mutation: "Mutation".into(), ..Shape::default() };
        let mut pages = HashSet::new();
        let mut lists = Vec::new();
        for definition in &document.definitions {
            let definition = match definition {
                TypeSystemDefinition::Schema(schema) => {
                    if let Some(query) = &schema.node.query {
                        shape.query = query.node.to_string();
                    }
                    if let Some(mutation) = &schema.node.mutation {
                        shape.mutation = mutation.node.to_string();
                    }
                    continue;
                }
                TypeSystemDefinition::Type(definition) => &definition.node,
                TypeSystemDefinition::Directive(_) => continue,
            };
            let fields = match &definition.kind {
                TypeKind::Object(object) => &object.fields,
                TypeKind::Interface(interface) => &interface.fields,
                _ => continue,
            };
            let owner = definition.name.node.to_string();
            for field in fields {
                let field = &field.node;
                let (returns, list) = named(&field.ty.node);
                let sized_by = field.arguments.iter().find(|a| matches!(a.node.name.node.as_str(), "first" | "last"));
                let default =
                    sized_by.and_then(|a| a.node.default_value.as_ref()).and_then(|value| match &value.node {
                        ConstValue::Number(number) => number.as_u64(),
                        _ => None,
                    });
                let list_argument = field.arguments.iter().find(|a| matches!(a.node.ty.node.base, BaseType::List(_)));
                let multiplier = match (sized_by, list, list_argument) {
                    (Some(_), false, _) => {
                        pages.insert(returns.clone());
                        Multiplier::Page { default: default.unwrap_or(DEFAULT_PAGE) }
                    }
                    (Some(_), true, _) => Multiplier::First { default: default.unwrap_or(DEFAULT_PAGE) },
                    (None, true, Some(argument)) => {
                        Multiplier::ListArgument { argument: argument.node.name.node.to_string() }
                    }
                    (None, true, None) => {
                        lists.push((owner.clone(), field.name.node.to_string()));
                        Multiplier::One
                    }
                    (None, false, _) => Multiplier::One,
                };
                shape.fields.insert((owner.clone(), field.name.node.to_string()), FieldShape { returns, multiplier });
            }
        }
        for (owner, name) in lists {
            let multiplier = if pages.contains(&owner) && matches!(name.as_str(), "nodes" | "edges") {
                Multiplier::PageItems
            } else {
                match explained(&owner, &name) {
                    Some(Unsized::Bounded(items, _)) => Multiplier::Bounded(items),
                    Some(Unsized::Leaves(_)) => Multiplier::One,
                    None => {
                        shape.unexplained.push(format!("{owner}.{name}"));
                        Multiplier::One
                    }
                }
            };
            if let Some(field) = shape.fields.get_mut(&(owner, name)) {
                field.multiplier = multiplier;
            }
        }
        shape.unexplained.sort();
        shape
    }

    /// A field of a type, if the type has it.
    pub fn field(&self, owner: &str, name: &str) -> Option<&FieldShape> {
        self.fields.get(&(owner.to_string(), name.to_string()))
    }
}

/// Why a list field is priced as it is, from [`UNSIZED`] or the tag lists every content type has.
pub fn explained(owner: &str, name: &str) -> Option<Unsized> {
    if crate::domain::kind::KINDS.iter().any(|kind| kind.type_name == owner) {
        if TAG_LISTS.contains(&name) {
            return Some(Unsized::Leaves("a record's tags: reference data"));
        }
        if let Some((_, why)) = CONTENT_LISTS.iter().find(|(list, _)| *list == name) {
            return Some(*why);
        }
    }
    UNSIZED.iter().find(|(o, n, _)| *o == owner && *n == name).map(|(_, _, why)| *why)
}

/// The page size assumed when a paginated field gives none and its SDL states no default.
const DEFAULT_PAGE: u64 = 20;

/// The named type under list and non-null wrappers, and whether there was a list.
fn named(ty: &Type) -> (String, bool) {
    match &ty.base {
        BaseType::Named(name) => (name.to_string(), false),
        BaseType::List(inner) => (named(inner).0, true),
    }
}
