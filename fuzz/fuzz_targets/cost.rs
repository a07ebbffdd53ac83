//! Any document that parses is priced without panicking, and never for less than a request; its actual cost, priced
//! against an empty answer, is never more than its requested cost.
#![no_main]

use async_graphql::{Value, Variables};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(document) = async_graphql::parser::parse_query(text) else { return };
    let variables = Variables::default();
    let requested = hub::graphql::cost::requested(&document, None, &variables);
    assert!(requested >= hub::graphql::cost::REQUEST);
    let actual = hub::graphql::cost::actual(&document, None, &variables, &Value::Null);
    assert!(actual <= requested, "actual {actual} > requested {requested} for {text:?}");
});
