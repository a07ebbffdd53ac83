//! The `hub` binary: parses the command line, sets up logging (to stderr), and runs the chosen command.

use clap::Parser;
use hub::cli::{Cli, Command};
use hub::{auth, graphql, search, seed, startup};
use tracing_subscriber::EnvFilter;

fn init_logging(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    // A request's span (method, route, status, request id, latency) is logged when it closes.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    // A missing .env is the normal case.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    init_logging(&cli.config.log_format);
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Token { sub, role, org, ttl } => {
            println!("{}", auth::mint(&cli.config, &sub, &role, org.as_deref(), ttl)?);
            Ok(())
        }
        Command::Migrate => {
            let db = startup::connect(&cli.config).await?;
            startup::migrate(&db).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed { demo, synthetic } => {
            let state = startup::prepare(cli.config).await?;
            if !demo && synthetic.is_none() {
                anyhow::bail!("say what to seed: --demo and/or --synthetic N");
            }
            if demo {
                let report = seed::demo::load(&state.db).await?;
                tracing::info!(?report, "demo corpus loaded");
            }
            if let Some(count) = synthetic {
                seed::synthetic::generate(&state.db, count, chrono::Utc::now().timestamp_millis().unsigned_abs())
                    .await?;
            }
            Ok(())
        }
        Command::Reindex => {
            let state = startup::prepare(cli.config).await?;
            let indexed = search::reindex::reindex(&state.db, state.search.as_ref(), true).await?;
            tracing::info!(indexed, engine = state.search.name(), "search index rebuilt and swapped in");
            Ok(())
        }
        Command::Serve { demo } => {
            let state = startup::prepare(cli.config).await?;
            if demo {
                let report = seed::demo::load(&state.db).await?;
                tracing::info!(?report, "demo corpus loaded");
            }
            startup::serve(state).await
        }
    }
}
