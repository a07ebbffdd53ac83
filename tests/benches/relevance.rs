//! Relevance evaluation: the judged queries of `tests/relevance/judgments.json` on the demo corpus, through the real
//! `search` query, on every available engine side by side (the embedded one always; Meilisearch when
//! `TEST_MEILISEARCH_URL` is set or a `meilisearch` binary is on PATH). Prints NDCG@10 and recall@20 per query and their
//! means, so that a change can be judged query by query.
//!
//! `cargo bench -p hub-tests --bench relevance`; add `-- --json` for the scores as JSON, `-- --rankings` for each
//! engine's first ten hits of every query with their grades.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use hub_tests::relevance::{self, RelatedScored, Scored};

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.3}"))
}

#[actix_web::main]
async fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let rankings = std::env::args().any(|a| a == "--rankings");
    let legs = hub_tests::search_legs();
    let mut runs: Vec<(&str, Vec<Scored>)> = Vec::new();
    let mut related: Vec<(&str, Vec<RelatedScored>)> = Vec::new();
    for leg in &legs {
        let app = relevance::demo_hub(leg).await;
        runs.push((leg.name, relevance::evaluate(&app).await));
        related.push((leg.name, relevance::evaluate_related(&app).await));
    }
    if json {
        let all: serde_json::Map<String, serde_json::Value> =
            runs.iter().map(|(name, scored)| (name.to_string(), relevance::as_json(scored))).collect();
        println!("{}", serde_json::Value::Object(all));
        return;
    }
    let names: Vec<&str> = runs.iter().map(|(name, _)| *name).collect();
    let header: Vec<String> = names.iter().map(|n| format!("{n} NDCG@10 | {n} recall@20 | {n} hits")).collect();
    println!("| query | text | {} |", header.join(" | "));
    println!("|---|---|{}", "---|".repeat(3 * names.len()));
    let count = runs.first().map_or(0, |(_, scored)| scored.len());
    for i in 0..count {
        let first = &runs[0].1[i];
        let cells: Vec<String> = runs
            .iter()
            .map(|(_, scored)| {
                let s = &scored[i];
                format!("{} | {} | {}", cell(s.ndcg), cell(s.recall), s.total)
            })
            .collect();
        println!("| {} | {} | {} |", first.id, first.query, cells.join(" | "));
    }
    if rankings {
        for (name, scored) in &related {
            println!("\n{name}, related:");
            for s in scored {
                let top: Vec<String> =
                    s.returned.iter().map(|(slug, hit)| format!("{} {slug}", if *hit { "+" } else { "-" })).collect();
                println!("  {} [{:.1}]\n    {}", s.slug, s.precision, top.join("\n    "));
            }
        }
        for (name, scored) in &runs {
            println!("\n{name}:");
            for s in scored {
                let top: Vec<String> =
                    s.ranking.iter().take(10).map(|(slug, grade)| format!("{grade} {slug}")).collect();
                println!("  {} {} [{}]\n    {}", s.id, s.query, cell(s.ndcg), top.join("\n    "));
            }
        }
    }
    println!();
    println!(
        "| engine | mean NDCG@10 | mean recall@20 | queries with answers | no-answer queries returning nothing | \
         answered queries returning nothing | related precision@5 |"
    );
    println!("|---|---|---|---|---|---|---|");
    for ((name, scored), (_, related)) in runs.iter().zip(&related) {
        let s = relevance::summary(scored);
        println!(
            "| {name} | {:.3} | {:.3} | {} | {} of {} | {} | {:.3} |",
            s.ndcg,
            s.recall,
            s.answered,
            s.unanswerable_empty,
            s.unanswerable,
            s.answered_empty,
            relevance::related_precision(related)
        );
    }
    println!();
    println!("| engine | kind of query | queries | mean NDCG@10 |");
    println!("|---|---|---|---|");
    for (name, scored) in &runs {
        for (kind, prefixes) in relevance::KINDS {
            let of_kind: Vec<Scored> =
                scored.iter().filter(|s| prefixes.iter().any(|p| s.id.starts_with(p))).cloned().collect();
            let s = relevance::summary(&of_kind);
            println!("| {name} | {kind} | {} | {:.3} |", s.answered, s.ndcg);
        }
    }
}
