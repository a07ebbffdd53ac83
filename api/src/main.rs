//! The `hub` binary: parses the command line, sets up logging (to stderr), runs the chosen command, and draws the
//! progress of long jobs on stderr.

use anyhow::Context as _;
use clap::Parser;
use hub::cli::{Cli, Command};
use hub::config::Config;
use hub::progress::Progress;
use hub::{auth, db, graphql, http, index, jobs, seed, telemetry};
use indicatif::{ProgressBar, ProgressStyle};

/// glibc's allocator spent about 15% of the server's CPU on the list benchmark (perf, case L of `bench/load.py`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A progress bar on stderr.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let style = ProgressStyle::with_template("{spinner} {msg} {wide_bar} {pos}/{len} ({per_sec}, eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        Bar(ProgressBar::hidden().with_style(style))
    }
}

impl Progress for Bar {
    fn start(&self, message: &str, total: u64) {
        self.0.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        self.0.set_length(total);
        self.0.set_message(message.to_string());
    }

    fn advance(&self, steps: u64) {
        self.0.inc(steps);
    }

    fn finish(&self, message: &str) {
        self.0.finish_with_message(message.to_string());
    }
}

/// A migrated database.
async fn database(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let connection = db::connect(config).await?;
    db::migrate(&connection).await?;
    Ok(connection)
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    // A missing .env is the normal case.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let telemetry = telemetry::init(&cli.config.log_format)?;
    let result = run(cli.config, cli.command.unwrap_or(Command::Serve { demo: false })).await;
    telemetry.shutdown();
    result
}

async fn run(config: Config, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Token { sub, role, org, ttl } => {
            println!("{}", auth::mint(&config, &sub, &role, org.as_deref(), ttl)?);
            Ok(())
        }
        Command::Migrate => {
            database(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed { demo, synthetic } => {
            if !demo && synthetic.is_none() {
                anyhow::bail!("say what to seed: --demo and/or --synthetic N");
            }
            let db = database(&config).await?;
            if demo {
                let report = seed::demo::load(&db).await?;
                tracing::info!(?report, "demo corpus loaded");
            }
            if let Some(count) = synthetic {
                let seed = chrono::Utc::now().timestamp_millis().unsigned_abs();
                seed::synthetic::generate(&db, count, seed, &Bar::new()).await?;
            }
            Ok(())
        }
        Command::Reindex => {
            let db = database(&config).await?;
            let engine = index::engine(&config)?;
            let indexed = jobs::reindex::reindex(&db, engine.as_ref(), &Bar::new()).await?;
            tracing::info!(indexed, engine = engine.name(), "search index rebuilt and swapped in");
            Ok(())
        }
        Command::Copy { from, to } => {
            anyhow::ensure!(from != to, "--from and --to name the same database");
            let open = |url: &str| {
                let mut config = config.clone();
                config.database_url = Some(url.to_string());
                config
            };
            let source = db::connect(&open(&from)).await.context("cannot open the source (--from)")?;
            let target = db::connect(&open(&to)).await.context("cannot open the target (--to)")?;
            let copied = db::copy::copy_all(&source, &target, &Bar::new()).await?;
            tracing::info!(
                tables = copied.tables,
                rows = copied.rows,
                "hub copied; now run `hub reindex` against the target"
            );
            Ok(())
        }
        Command::Serve { demo } => {
            let db = database(&config).await?;
            if demo {
                let report = seed::demo::load(&db).await?;
                tracing::info!(?report, "demo corpus loaded");
            }
            http::serve(http::AppState::new(config, db).await?).await
        }
    }
}
