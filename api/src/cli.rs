//! The `hub` command line: `serve` (default), `migrate`, `seed`, `reindex`, `copy`, `schema`, `token`.

use crate::config::Config;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "hub", version, about = "Migration Network Hub API")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default); pending migrations run first.
    Serve {
        /// Load the demo corpus first (idempotent), for a server that shows something out of the box.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Load data: `--demo` for the realistic demo corpus, `--synthetic N` for N generated practices.
    Seed {
        /// Load the demo corpus (idempotent).
        #[arg(long)]
        demo: bool,
        /// Generate this many practices for benchmarks.
        #[arg(long, value_name = "N")]
        synthetic: Option<u64>,
    },
    /// Rebuild the search index from the published records into a fresh one and swap it in (zero downtime); the
    /// changes made meanwhile are replayed.
    Reindex,
    /// Copy a whole hub into a new database (e.g. from the embedded SQLite to PostgreSQL), in one transaction on the
    /// target; then run `hub reindex` against the target.
    Copy {
        /// The hub's database now, e.g. `sqlite://data/hub.sqlite`.
        #[arg(long, value_name = "URL")]
        from: String,
        /// An empty (or new) database at the same schema version, e.g. `postgres://hub@db.internal/hub`.
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// Print the SDL of the public schema on stdout.
    Schema,
    /// Mint a bearer token the local server accepts (HS256 secret only), printed on stdout.
    Token {
        /// The caller's subject (`sub`).
        #[arg(long)]
        sub: String,
        /// contributor, editor or admin.
        #[arg(long)]
        role: String,
        /// The caller's organization (`org`).
        #[arg(long)]
        org: Option<String>,
        /// Lifetime, e.g. `30m`, `1h`, `7d`.
        #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
        ttl: std::time::Duration,
    },
}
