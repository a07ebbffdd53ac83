//! Document-size limits async-graphql does not have: aliases and field selections are counted in the parsed
//! document (each fragment once), so a query cannot multiply work with `a1: … a500: …` or 500 repeated fields.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Most aliased fields one document may hold.
pub const MAX_ALIASES: usize = 100;
/// Most field selections one document may hold (GraphiQL's introspection query has about 80).
pub const MAX_FIELDS: usize = 300;

#[derive(Default)]
struct Count {
    aliases: usize,
    fields: usize,
}

fn walk(set: &SelectionSet, count: &mut Count) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                count.fields += 1;
                if field.node.alias.is_some() {
                    count.aliases += 1;
                }
                walk(&field.node.selection_set.node, count);
            }
            Selection::InlineFragment(fragment) => walk(&fragment.node.selection_set.node, count),
            // Named fragments are counted once, with their definitions.
            Selection::FragmentSpread(_) => {}
        }
    }
}

/// Why a document is refused, if it is.
pub fn check(document: &ExecutableDocument) -> Result<(), String> {
    let mut count = Count::default();
    for (_, operation) in document.operations.iter() {
        walk(&operation.node.selection_set.node, &mut count);
    }
    for fragment in document.fragments.values() {
        walk(&fragment.node.selection_set.node, &mut count);
    }
    if count.aliases > MAX_ALIASES {
        return Err(format!("the query uses {} aliases; at most {MAX_ALIASES} are allowed", count.aliases));
    }
    if count.fields > MAX_FIELDS {
        return Err(format!("the query selects {} fields; at most {MAX_FIELDS} are allowed", count.fields));
    }
    Ok(())
}
