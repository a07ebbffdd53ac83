//! `schema.graphql` is the public contract: the generated SDL must equal it. `UPDATE_SCHEMA=1` rewrites the file
//! (as does `cargo run -p hub -- schema > schema.graphql`); review the diff like any contract change.

use std::path::PathBuf;

fn contract_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("schema.graphql")
}

#[test]
fn generated_sdl_matches_the_committed_contract() {
    let generated = hub::graphql::sdl();
    let path = contract_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(n, (a, b))| format!("line {}: committed `{a}`, generated `{b}`", n + 1))
            .unwrap_or_else(|| "one is a prefix of the other".into());
        panic!(
            "schema.graphql differs from the code ({first_difference}); run `UPDATE_SCHEMA=1 cargo nextest run -p hub-tests schema` and review the diff"
        );
    }
}

#[test]
fn contract_names_partners_depend_on_are_present() {
    let sdl = hub::graphql::sdl();
    for name in [
        "interface Node",
        "node(id: ID!): Node",
        "nodes(ids: [ID!]!): [Node]!",
        "type PracticeConnection",
        "type PageInfo",
        "totalCount: Int!",
        "practices(first: Int, after: String, last: Int, before: String, filter: PracticeFilter, orderBy: PracticeOrder): PracticeConnection!",
        "practice(id: ID, slug: String): Practice",
        "guidanceTools(",
        "peerExchanges(",
        "objectives: [GcmObjective!]!",
        "guidingPrinciples: [GuidingPrinciple!]!",
        "countries(championsOnly: Boolean! = false): [Country!]!",
        "regionalReviews: [RegionalReview!]!",
        "updatedSince: DateTime",
        "statuses: [ContentStatus!]",
        "championSince: Date",
    ] {
        assert!(sdl.contains(name), "the SDL lacks `{name}`");
    }
}
