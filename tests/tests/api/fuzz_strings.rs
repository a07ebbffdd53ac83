//! Every string argument of the schema, found by introspection (top-level arguments and the fields of their input
//! objects), is sent hostile values as an admin and anonymously: NUL and other control characters, a 60 KB string
//! (under the 64 KiB body limit), lone surrogates, injection strings. Every list argument is sent lists of hostile
//! sizes (empty, one, 250, 251, 3,000). No answer may be `INTERNAL` or a 5xx.

use actix_web::test::TestRequest;
use hub_tests::TestApp;
use serde_json::{Map, Value, json};

const INTROSPECTION: &str = r#"{ __schema { queryType { name } mutationType { name } types { name kind
  fields { name args { name type { ...T } } type { ...T } }
  inputFields { name type { ...T } } enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// Hostile text, as raw JSON string literals (lone surrogates cannot be a Rust string).
fn hostile() -> Vec<String> {
    let long = "a".repeat(60_000);
    [
        json!("abc\u{0}"),
        json!("\u{1b}[31mred\u{7}"),
        json!("\u{7f}\u{85}\u{9b}"),
        json!(long),
        json!("'; DROP TABLE contents; --"),
        json!("\" OR 1=1 --"),
        json!("<script>alert(1)</script>"),
        json!("../../etc/passwd"),
        json!("\u{202e}gnp.exe"),
        json!("  "),
    ]
    .iter()
    .map(Value::to_string)
    .chain(["\"\\ud800\"".to_string(), "\"a\\udfffb\"".to_string()])
    .collect()
}

/// The named type under `NON_NULL`/`LIST` wrappers, and the GraphQL spelling of the whole type.
fn unwrap(ty: &Value) -> (&Value, String) {
    match ty["kind"].as_str() {
        Some("NON_NULL") => {
            let (inner, spelled) = unwrap(&ty["ofType"]);
            (inner, format!("{spelled}!"))
        }
        Some("LIST") => {
            let (inner, spelled) = unwrap(&ty["ofType"]);
            (inner, format!("[{spelled}]"))
        }
        _ => (ty, ty["name"].as_str().unwrap_or_default().to_string()),
    }
}

struct Schema {
    types: Map<String, Value>,
}

/// What goes at the target path: a hostile string, or a list of this many plausible values.
enum Slot {
    Text(String),
    Repeat(usize),
}

impl Schema {
    fn of(&self, name: &str) -> &Value {
        &self.types[name]
    }

    /// A plausible value of a type (required input fields filled in), with `slot` as the string to place at the
    /// `target` path (`None` everywhere else).
    fn value(&self, ty: &Value, path: &[String], target: &[String], slot: &Slot, depth: usize) -> String {
        let required = ty["kind"] == "NON_NULL";
        let (named, _) = unwrap(ty);
        let is_list = ty["kind"] == "LIST" || (required && ty["ofType"]["kind"] == "LIST");
        let name = named["name"].as_str().unwrap_or_default();
        let single = if let (true, Slot::Text(text)) = (path == target, slot) {
            text.to_string()
        } else {
            match (named["kind"].as_str().unwrap_or_default(), name) {
                ("SCALAR", "Int") => "1".into(),
                ("SCALAR", "Float") => "1.0".into(),
                ("SCALAR", "Boolean") => "false".into(),
                ("SCALAR", "Date") => "\"2020-01-01\"".into(),
                ("SCALAR", "DateTime") => "\"2020-01-01T00:00:00Z\"".into(),
                ("SCALAR", _) => "\"x\"".into(),
                ("ENUM", _) => format!("\"{}\"", self.of(name)["enumValues"][0]["name"].as_str().unwrap()),
                ("INPUT_OBJECT", _) if depth < 3 => {
                    let fields = self.of(name)["inputFields"].as_array().unwrap();
                    let given: Vec<String> = fields
                        .iter()
                        .filter_map(|field| {
                            let field_name = field["name"].as_str().unwrap().to_string();
                            let mut field_path = path.to_vec();
                            field_path.push(field_name.clone());
                            let on_target = target.starts_with(&field_path);
                            (field["type"]["kind"] == "NON_NULL" || on_target).then(|| {
                                let value = self.value(&field["type"], &field_path, target, slot, depth + 1);
                                format!("\"{field_name}\": {value}")
                            })
                        })
                        .collect();
                    format!("{{{}}}", given.join(", "))
                }
                _ => "null".into(),
            }
        };
        match (is_list, slot) {
            (true, Slot::Repeat(items)) if path == target => format!("[{}]", vec![single; *items].join(", ")),
            (true, _) => format!("[{single}]"),
            (false, _) => single,
        }
    }

    /// Paths from an argument to each list it may carry (the argument itself, or its input object's fields).
    fn list_paths(&self, name: &str, ty: &Value, depth: usize) -> Vec<Vec<String>> {
        let (named, spelled) = unwrap(ty);
        if spelled.starts_with('[') {
            return vec![vec![name.to_string()]];
        }
        match named["kind"].as_str() {
            Some("INPUT_OBJECT") if depth < 3 => self.of(named["name"].as_str().unwrap_or_default())["inputFields"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|field| {
                    self.list_paths(field["name"].as_str().unwrap(), &field["type"], depth + 1).into_iter().map(
                        |mut tail| {
                            tail.insert(0, name.to_string());
                            tail
                        },
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Paths from an argument to each string it may carry (the argument itself, or its input object's fields).
    fn string_paths(&self, name: &str, ty: &Value, depth: usize) -> Vec<Vec<String>> {
        let (named, _) = unwrap(ty);
        let type_name = named["name"].as_str().unwrap_or_default();
        match named["kind"].as_str() {
            Some("SCALAR") if matches!(type_name, "String" | "ID") => vec![vec![name.to_string()]],
            Some("INPUT_OBJECT") if depth < 3 => self.of(type_name)["inputFields"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|field| {
                    self.string_paths(field["name"].as_str().unwrap(), &field["type"], depth + 1).into_iter().map(
                        |mut tail| {
                            tail.insert(0, name.to_string());
                            tail
                        },
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Every root field's every argument path that `paths` finds, each with every slot `slots` gives: the document (the
/// target argument and the required ones as variables) and its JSON body.
fn requests(
    schema: &Value,
    types: &Schema,
    paths: impl Fn(&str, &Value) -> Vec<Vec<String>>,
    slots: &[Slot],
) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for (operation, root) in [("query", &schema["queryType"]["name"]), ("mutation", &schema["mutationType"]["name"])] {
        let root = types.of(root.as_str().unwrap()).clone();
        for field in root["fields"].as_array().unwrap() {
            let field_name = field["name"].as_str().unwrap();
            let selection = match unwrap(&field["type"]).0["kind"].as_str() {
                Some("OBJECT" | "INTERFACE" | "UNION") => " { __typename }",
                _ => "",
            };
            let args = field["args"].as_array().unwrap();
            for arg in args {
                for target in paths(arg["name"].as_str().unwrap(), &arg["type"]) {
                    for slot in slots {
                        // Every argument as a variable: the target one hostile, the others plausible.
                        let mut declared = Vec::new();
                        let mut passed = Vec::new();
                        let mut variables = Vec::new();
                        for other in args {
                            let name = other["name"].as_str().unwrap();
                            let on_target = target[0] == name;
                            if other["type"]["kind"] != "NON_NULL" && !on_target {
                                continue;
                            }
                            let (_, spelled) = unwrap(&other["type"]);
                            declared.push(format!("${name}: {spelled}"));
                            passed.push(format!("{name}: ${name}"));
                            let path = vec![name.to_string()];
                            variables
                                .push(format!("\"{name}\": {}", types.value(&other["type"], &path, &target, slot, 0)));
                        }
                        let query = format!(
                            "{operation}({}) {{ {field_name}({}){selection} }}",
                            declared.join(", "),
                            passed.join(", ")
                        );
                        let body = format!(
                            "{{\"query\": {}, \"variables\": {{{}}}}}",
                            Value::from(query.clone()),
                            variables.join(", ")
                        );
                        out.push((query, body, target.clone()));
                    }
                }
            }
        }
    }
    out
}

async fn introspect(app: &TestApp) -> (Value, Schema) {
    let schema = app.data(INTROSPECTION, json!({})).await["__schema"].clone();
    let types: Map<String, Value> = schema["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ty| (ty["name"].as_str().unwrap().to_string(), ty.clone()))
        .collect();
    (schema, Schema { types })
}

/// Sends a body as an admin and anonymously; asserts no 5xx and no `INTERNAL`; the answers.
async fn send_both(app: &TestApp, admin: &str, body: &str, what: &str) -> Vec<Value> {
    let mut answers = Vec::new();
    for token in [Some(admin), None] {
        let mut request = TestRequest::post()
            .uri("/graphql")
            .insert_header(("content-type", "application/json"))
            .set_payload(body.to_string());
        if let Some(token) = token {
            request = request.insert_header(("authorization", format!("Bearer {token}")));
        }
        let (status, answer, _) = app.send(request).await;
        assert!(status.as_u16() < 500, "{status} for {what}: {answer}");
        for error in answer["errors"].as_array().into_iter().flatten() {
            assert_ne!(error["extensions"]["code"], "INTERNAL", "{what}: {answer}");
        }
        answers.push(answer);
    }
    answers
}

#[actix_web::test]
async fn hostile_strings_in_every_argument_never_give_internal_or_5xx() {
    let app = TestApp::demo().await.unwrap();
    let admin = app.token("ada", "admin");
    let (schema, types) = introspect(&app).await;
    let slots: Vec<Slot> = hostile().into_iter().map(Slot::Text).collect();
    let mut sent = 0;
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for (query, body, target) in requests(&schema, &types, |name, ty| types.string_paths(name, ty, 0), &slots) {
        let tail: String = body.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
        let what = format!("{query} at {target:?}: {tail}");
        for answer in send_both(&app, &admin, &body, &what).await {
            sent += 1;
            let outcome = answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("ok").to_string();
            *outcomes.entry(outcome).or_insert(0) += 1;
        }
    }
    assert!(sent > 500, "every string argument was tried ({sent} requests)");
    // Most reach the resolvers: answered, or refused by the rules of the field rather than by GraphQL validation.
    assert!(outcomes.get("ok").copied().unwrap_or_default() > sent / 20, "{outcomes:?}");
    eprintln!("{sent} hostile requests, none INTERNAL or 5xx ({}): {outcomes:?}", hub_tests::backend());
}

#[actix_web::test]
async fn lists_of_every_size_in_every_argument_never_give_internal_or_5xx() {
    let app = TestApp::demo().await.unwrap();
    let admin = app.token("ada", "admin");
    let (schema, types) = introspect(&app).await;
    // Empty, one, the most a list input takes and one more, and far more (under the body limit).
    let slots = [0, 1, 250, 251, 3_000].map(Slot::Repeat);
    let mut sent = 0;
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for (query, body, target) in requests(&schema, &types, |name, ty| types.list_paths(name, ty, 0), &slots) {
        let what = format!("{query} at {target:?} ({} bytes)", body.len());
        for answer in send_both(&app, &admin, &body, &what).await {
            sent += 1;
            let outcome = answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("ok").to_string();
            *outcomes.entry(outcome).or_insert(0) += 1;
        }
    }
    assert!(sent > 100, "every list argument was tried ({sent} requests)");
    assert!(outcomes.get("ok").copied().unwrap_or_default() > 0, "{outcomes:?}");
    eprintln!("{sent} list-size requests, none INTERNAL or 5xx ({}): {outcomes:?}", hub_tests::backend());
}
