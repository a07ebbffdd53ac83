//! Strings at the boundary: every string a GraphQL request carries, in its variables or as a literal in its
//! document, is checked and normalized once, before anything reads it. A control character other than tab, line
//! feed and carriage return is refused (`BAD_USER_INPUT`: PostgreSQL cannot store NUL, and nobody means to send
//! the others); every other string is trimmed, with CRLF and lone CR stored as LF. Services check lengths and
//! shapes on exactly what they store.

use crate::domain::text::cleaned;
use async_graphql::parser::Positioned;
use async_graphql::parser::types::{
    Directive, DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Variables};
use async_graphql_value::{ConstValue, Value};

/// Why a request's strings were refused: which variable or argument, and the character.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub field: String,
    pub character: char,
}

impl Refused {
    pub fn message(&self) -> String {
        format!(
            "`{}` holds the control character U+{:04X}; only tab, line feed and carriage return are allowed",
            self.field, self.character as u32
        )
    }
}

/// The first query-string parameter whose name or value is not UTF-8 once percent-decoded (`%FF`, an overlong
/// `%C0%80`, a surrogate `%ED%A0%80`), if any. URL decoders replace such bytes with U+FFFD and go on; the hub
/// refuses them instead (400), as it refuses a POST body that is not UTF-8, so what it answers is what was asked.
pub fn invalid_utf8_parameter(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decodes = |text: &str| {
            let spaced = text.replace('+', " ");
            percent_encoding::percent_decode_str(&spaced).decode_utf8().is_ok()
        };
        let shown = || percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned();
        (!decodes(name) || !decodes(value)).then(shown)
    })
}

/// Whether a request path is UTF-8 once percent-decoded (actix decodes path segments lossily, with U+FFFD).
pub fn path_is_utf8(path: &str) -> bool {
    percent_encoding::percent_decode_str(path).decode_utf8().is_ok()
}

fn clean_string(text: &mut String, field: &str) -> Result<(), Refused> {
    match cleaned(text) {
        Ok(Some(clean)) => *text = clean,
        Ok(None) => {}
        Err(character) => return Err(Refused { field: field.to_string(), character }),
    }
    Ok(())
}

/// Cleans every string of a variable's value, object keys aside (they are names the schema checks).
fn clean_const(value: &mut ConstValue, field: &str) -> Result<(), Refused> {
    match value {
        ConstValue::String(text) => clean_string(text, field),
        ConstValue::List(items) => items.iter_mut().try_for_each(|item| clean_const(item, field)),
        ConstValue::Object(fields) => fields.values_mut().try_for_each(|item| clean_const(item, field)),
        _ => Ok(()),
    }
}

fn clean_value(value: &mut Value, field: &str) -> Result<(), Refused> {
    match value {
        Value::String(text) => clean_string(text, field),
        Value::List(items) => items.iter_mut().try_for_each(|item| clean_value(item, field)),
        Value::Object(fields) => fields.values_mut().try_for_each(|item| clean_value(item, field)),
        _ => Ok(()),
    }
}

fn clean_arguments(arguments: &mut [(Positioned<Name>, Positioned<Value>)]) -> Result<(), Refused> {
    arguments.iter_mut().try_for_each(|(name, value)| clean_value(&mut value.node, name.node.as_str()))
}

fn clean_directives(directives: &mut [Positioned<Directive>]) -> Result<(), Refused> {
    directives.iter_mut().try_for_each(|directive| clean_arguments(&mut directive.node.arguments))
}

fn clean_selections(set: &mut SelectionSet) -> Result<(), Refused> {
    for item in &mut set.items {
        match &mut item.node {
            Selection::Field(field) => {
                clean_arguments(&mut field.node.arguments)?;
                clean_directives(&mut field.node.directives)?;
                clean_selections(&mut field.node.selection_set.node)?;
            }
            Selection::FragmentSpread(spread) => clean_directives(&mut spread.node.directives)?,
            Selection::InlineFragment(fragment) => {
                clean_directives(&mut fragment.node.directives)?;
                clean_selections(&mut fragment.node.selection_set.node)?;
            }
        }
    }
    Ok(())
}

fn clean_operation(operation: &mut OperationDefinition) -> Result<(), Refused> {
    for variable in &mut operation.variable_definitions {
        if let Some(default) = &mut variable.node.default_value {
            clean_const(&mut default.node, variable.node.name.node.as_str())?;
        }
    }
    clean_directives(&mut operation.directives)?;
    clean_selections(&mut operation.selection_set.node)
}

/// Cleans a parsed document's literal strings in place.
pub fn clean_document(document: &mut ExecutableDocument) -> Result<(), Refused> {
    match &mut document.operations {
        DocumentOperations::Single(operation) => clean_operation(&mut operation.node)?,
        DocumentOperations::Multiple(operations) => {
            operations.values_mut().try_for_each(|operation| clean_operation(&mut operation.node))?
        }
    }
    for fragment in document.fragments.values_mut() {
        clean_directives(&mut fragment.node.directives)?;
        clean_selections(&mut fragment.node.selection_set.node)?;
    }
    Ok(())
}

/// Cleans a request's variables in place.
pub fn clean_variables(variables: &mut Variables) -> Result<(), Refused> {
    variables.iter_mut().try_for_each(|(name, value)| clean_const(value, name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_that_are_not_utf8_are_named() {
        for bad in ["query=%FF", "q=%C0%80", "q=%ED%A0%80", "a=1&%FF=2", "q=ok&theme=%E2%82"] {
            assert!(invalid_utf8_parameter(bad).is_some(), "{bad}");
        }
        assert_eq!(invalid_utf8_parameter("a=1&q=%ED%A0%80").as_deref(), Some("q"));
        for good in ["", "q=caf%C3%A9", "q=a+b&x", "query=%7B%20me%20%7D", "q=%E2%82%AC"] {
            assert_eq!(invalid_utf8_parameter(good), None, "{good}");
        }
    }

    #[test]
    fn every_literal_of_a_document_is_cleaned() {
        let mut document = async_graphql::parser::parse_query(
            r#"query($s: String = " default ") { a(x: " one ", y: ["two\r\n"]) { ...F @include(if: true) }
               ... on Q { b(z: { k: " three " }) } }
               fragment F on T { c(w: "four ") }"#,
        )
        .unwrap();
        clean_document(&mut document).unwrap();
        let printed = format!("{document:?}");
        for dirty in ["\" one \"", "two\\r\\n", "\" three \"", "four ", "\" default \""] {
            assert!(!printed.contains(dirty), "{dirty} was cleaned");
        }
        let mut bad = async_graphql::parser::parse_query(r#"{ a(x: "nul\u0000") }"#).unwrap();
        assert_eq!(clean_document(&mut bad), Err(Refused { field: "x".into(), character: '\u{0}' }));
    }
}
