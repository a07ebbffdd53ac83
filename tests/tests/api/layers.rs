//! The layers of `api/src` point one way: a module names (`crate::…`) only its own layer and the layers below it,
//! and the entity crate knows nothing of GraphQL or HTTP. Read from the source text, so a new arrow upwards fails
//! here before review. The order is the one `api/src/lib.rs` documents.

use std::path::{Path, PathBuf};

/// Top-level modules of the `hub` library, from the bottom up; a module may use those with a lower rank.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("config", 0),
    ("progress", 0),
    ("domain", 1),
    ("auth", 2),
    ("db", 2),
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
            names.push(name);
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
    let names =
        named_modules("use crate::http::AppState;\n// crate::graphql in a comment\nlet x = crate::db::connect;");
    assert_eq!(names, ["http", "db"]);
}
