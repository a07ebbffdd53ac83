//! The layers of `api/src` point one way: a module names (`crate::…`) only its own layer and the layers below it,
//! and the entity crate knows nothing of GraphQL or HTTP. Read from the source text, so a new arrow upwards fails
//! here before review. The order is the one `api/src/lib.rs` documents.

use std::path::{Path, PathBuf};

/// Top-level modules of the `hub` library, from the bottom up; a module may use those with a lower rank.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("config", 0),
    ("progress", 0),
    ("telemetry", 0),
    ("domain", 1),
    ("auth", 2),
    ("db", 2),
    ("i18n", 2),
    ("index", 3),
    ("service", 4),
    ("jobs", 5),
    ("seed", 5),
    ("graphql", 6),
    ("http", 7),
    ("cli", 8),
];

fn rank(module: &str) -> u8 {
    LAYERS.iter().find(|(name, _)| *name == module).map(|(_, rank)| *rank).unwrap_or_else(|| {
        panic!("`{module}` is not in the layer table of tests/tests/api/layers.rs: give it its place")
    })
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source file names through `crate::`, outside comments.
fn named_modules(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines().map(str::trim_start).filter(|line| !line.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `crate::practice_own!`: a macro exported at the root, not a module; `$crate::$expand!`: a macro's own.
            if !name.is_empty() && !rest[name.len()..].starts_with('!') {
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn every_module_imports_only_from_its_layer_or_below() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 40, "found the sources in {}", root.display());
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap();
        let top =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        // The crate root declares the modules; the binary sits above them all.
        if top == "lib" || top == "main" {
            continue;
        }
        let own = rank(&top);
        for name in named_modules(&std::fs::read_to_string(file).unwrap()) {
            if name != top && rank(&name) >= own {
                upward.push(format!("{} uses crate::{name}", relative.display()));
            }
        }
    }
    assert!(upward.is_empty(), "imports against the layers:\n{}", upward.join("\n"));
}

#[test]
fn the_table_knows_every_module_of_the_crate_root() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src/lib.rs")).unwrap();
    for line in lib.lines().filter_map(|line| line.strip_prefix("pub mod ")) {
        rank(line.trim_end_matches(';'));
    }
}

#[test]
fn the_entity_crate_is_persistence_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../entity/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for foreign in ["async_graphql", "actix", "hub::", "meilisearch", "tantivy"] {
            assert!(!text.contains(foreign), "{} names {foreign}", file.display());
        }
    }
}

#[test]
fn the_check_sees_an_upward_import() {
    let names = named_modules(
        "use crate::http::AppState;\n// crate::graphql in a comment\nlet x = crate::db::connect;\ncrate::practice_own!(x);",
    );
    assert_eq!(names, ["http", "db"]);
}

/// The module path of a source file under `api/src`: `graphql/content/record.rs` is `graphql::content::record`,
/// `graphql/mod.rs` is `graphql`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        relative.with_extension("").components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// The modules a source text names through `crate::` and `super::` paths (grouped ones too), outside comments, as
/// absolute module paths of what they name (an item resolves to the module that holds it, in `resolve`).
fn named_paths(text: &str, own: &[String]) -> Vec<Vec<String>> {
    let code: String =
        text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join(" ");
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let mut paths = Vec::new();
    for (start, root) in code
        .match_indices("crate::")
        .map(|(i, _)| (i, "crate"))
        .chain(code.match_indices("super::").filter(|(i, _)| !code[..*i].ends_with("::")).map(|(i, _)| (i, "super")))
    {
        let mut base: Vec<String> =
            if root == "crate" { Vec::new() } else { own[..own.len().saturating_sub(1)].to_vec() };
        let mut rest = &code[start + root.len() + 2..];
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let inside = &group[..group.find('}').unwrap_or(group.len())];
                for item in inside.split(',') {
                    let mut path = base.clone();
                    path.extend(item.trim().split("::").map(ident).filter(|s| !s.is_empty() && s != "self"));
                    paths.push(path);
                }
                break;
            }
            let name = ident(rest);
            if name.is_empty() {
                paths.push(base);
                break;
            }
            if name == "super" {
                base.pop();
            } else {
                base.push(name.clone());
            }
            rest = &rest[name.len()..];
            match rest.strip_prefix("::") {
                Some(more) => rest = more,
                None => {
                    paths.push(base);
                    break;
                }
            }
        }
    }
    paths
}

/// The longest prefix of `path` that is a module of the crate.
fn resolve(path: &[String], modules: &std::collections::BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|prefix| modules.contains(prefix))
}

/// The circles of a graph (its strongly connected components of more than one node), by Tarjan's algorithm.
fn circles(
    edges: &std::collections::BTreeMap<Vec<String>, std::collections::BTreeSet<Vec<String>>>,
) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a std::collections::BTreeMap<Vec<String>, std::collections::BTreeSet<Vec<String>>>,
        index: std::collections::HashMap<&'a Vec<String>, (usize, usize)>,
        stack: Vec<&'a Vec<String>>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a Vec<String>) {
            let n = self.index.len();
            self.index.insert(node, (n, n));
            self.stack.push(node);
            for next in self.edges.get(node).into_iter().flatten() {
                match self.index.get(next).copied() {
                    None => {
                        self.visit(next);
                        let low = self.index[next].1.min(self.index[node].1);
                        self.index.get_mut(node).unwrap().1 = low;
                    }
                    Some((at, _)) if self.stack.contains(&next) => {
                        let low = at.min(self.index[node].1);
                        self.index.get_mut(node).unwrap().1 = low;
                    }
                    Some(_) => {}
                }
            }
            if self.index[node].0 == self.index[node].1 {
                let at = self.stack.iter().position(|n| *n == node).unwrap();
                let component: Vec<String> = self.stack.drain(at..).map(|m| m.join("::")).collect();
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk { edges, index: Default::default(), stack: Vec::new(), found: Vec::new() };
    for node in edges.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn no_module_imports_itself_through_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let texts: Vec<(Vec<String>, String)> = files
        .iter()
        .map(|file| (module_of(file.strip_prefix(&root).unwrap()), std::fs::read_to_string(file).unwrap()))
        .filter(|(module, _)| !matches!(module.as_slice(), [only] if only == "lib" || only == "main"))
        .collect();
    let modules: std::collections::BTreeSet<Vec<String>> = texts.iter().map(|(module, _)| module.clone()).collect();
    let mut edges = std::collections::BTreeMap::new();
    for (module, text) in &texts {
        let named: std::collections::BTreeSet<Vec<String>> = named_paths(text, module)
            .iter()
            .filter_map(|path| resolve(path, &modules))
            .filter(|target| target != module)
            .collect();
        edges.insert(module.clone(), named);
    }
    assert!(edges.len() > 40);
    let found = circles(&edges);
    assert!(found.is_empty(), "modules that import each other in a circle:\n{found:#?}");
}

#[test]
fn the_circle_check_sees_a_circle_and_resolves_paths() {
    let own = vec!["graphql".to_string(), "content".to_string(), "record".to_string()];
    let paths = named_paths("use super::{ContentFields, practice::PracticeExtras};\nuse crate::graphql::id;", &own);
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        ["graphql::id", "graphql::content::ContentFields", "graphql::content::practice::PracticeExtras"]
    );
    let module = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let mut edges = std::collections::BTreeMap::new();
    edges.insert(module("a"), [module("b")].into());
    edges.insert(module("b"), [module("c")].into());
    edges.insert(module("c"), [module("a")].into());
    edges.insert(module("d"), [module("a")].into());
    assert_eq!(circles(&edges).len(), 1);
    edges.insert(module("c"), Default::default());
    assert!(circles(&edges).is_empty());
}
