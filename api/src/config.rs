//! The one configuration of the service: environment variables (and `.env`), each also a command-line flag.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL (`postgres://…` or `sqlite://…`); default: a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Where the embedded defaults keep their files (SQLite database, generated secrets, search index).
    #[arg(long, env = "HUB_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// Address the HTTP server listens on.
    #[arg(long, env = "HUB_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,

    /// The public address of the site (scheme, host, optional path), for the links exports carry; default: the bind
    /// address over http.
    #[arg(long, env = "HUB_PUBLIC_URL", global = true)]
    pub public_url: Option<url::Url>,

    /// Let webhooks reach loopback, private and link-local addresses (tests, on-premise receivers); refused
    /// otherwise, checked after DNS resolution.
    #[arg(long, env = "HUB_WEBHOOK_ALLOW_PRIVATE_NETWORKS", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub webhook_allow_private_networks: bool,

    /// Deliveries in flight at once per webhook endpoint.
    #[arg(long, env = "HUB_WEBHOOK_CONCURRENCY", default_value_t = 4, global = true)]
    pub webhook_concurrency: usize,

    /// The first retry's delay after a failed delivery; each next one doubles (up to an hour), with jitter.
    #[arg(long, env = "HUB_WEBHOOK_RETRY_BASE", default_value = "10s", value_parser = humantime::parse_duration, global = true)]
    pub webhook_retry_base: Duration,

    /// The longest one delivery may take, connecting included (an attempt in flight is leased for twice this:
    /// one whose server died is sent again after that).
    #[arg(long, env = "HUB_WEBHOOK_TIMEOUT", default_value = "10s", value_parser = humantime::parse_duration, global = true)]
    pub webhook_timeout: Duration,

    /// How long a delivery is retried before it fails for good and its endpoint is disabled.
    #[arg(long, env = "HUB_WEBHOOK_RETRY_WINDOW", default_value = "24h", value_parser = humantime::parse_duration, global = true)]
    pub webhook_retry_window: Duration,

    /// Origins allowed by CORS, comma-separated; `*` allows any origin (no credentials are ever allowed).
    #[arg(long, env = "HUB_CORS_ORIGINS", default_value = "*", value_delimiter = ',', global = true)]
    pub cors_origins: Vec<String>,

    /// Production mode: no introspection, no field suggestions, no GraphiQL.
    #[arg(long, env = "HUB_PRODUCTION", default_value_t = false, global = true)]
    pub production: bool,

    /// Serve GraphiQL at `GET /graphql` (never in production mode).
    #[arg(long, env = "HUB_GRAPHIQL", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub graphiql: bool,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "HUB_MAX_BODY_BYTES", default_value_t = 64 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// Longest a client may take to send a request body, in seconds (then 408).
    #[arg(long, env = "HUB_BODY_TIMEOUT_SECS", default_value_t = 10, global = true)]
    pub body_timeout_secs: u64,

    /// Deepest query accepted (GraphiQL's introspection query needs 13).
    #[arg(long, env = "HUB_MAX_DEPTH", default_value_t = 15, global = true)]
    pub max_depth: usize,

    /// Most directives one field may carry.
    #[arg(long, env = "HUB_MAX_DIRECTIVES", default_value_t = 10, global = true)]
    pub max_directives: usize,

    /// Longest a query may run before it is abandoned, in seconds.
    #[arg(long, env = "HUB_QUERY_TIMEOUT_SECS", default_value_t = 10, global = true)]
    pub query_timeout_secs: u64,

    /// Cost points each client may spend a minute on average (signed-in callers by token subject, others by
    /// address; see `graphql::cost`); 0 turns budgets off.
    #[arg(long, env = "HUB_COST_PER_MINUTE", default_value_t = 60_000, global = true)]
    pub cost_per_minute: u32,

    /// Cost points a client may spend at once before the average applies (keep it at least `HUB_MAX_COST`).
    #[arg(long, env = "HUB_COST_BURST", default_value_t = 20_000, global = true)]
    pub cost_burst: u32,

    /// Most one request may cost; a dearer document is refused with `COST_LIMIT_EXCEEDED` before it runs.
    #[arg(long, env = "HUB_MAX_COST", default_value_t = 10_000, global = true)]
    pub max_cost: u64,

    /// Searches and counts that may run at once (the rest wait up to `HUB_BUSY_WAIT_MS`, then get `SERVICE_BUSY`);
    /// 0 means half the cores, at least 1, so that cheap queries keep a core.
    #[arg(long, env = "HUB_EXPENSIVE_CONCURRENCY", default_value_t = 0, global = true)]
    pub expensive_concurrency: usize,

    /// How long a search or count waits for its turn before it is shed with `SERVICE_BUSY`, in ms.
    #[arg(long, env = "HUB_BUSY_WAIT_MS", default_value_t = 1000, global = true)]
    pub busy_wait_ms: u64,

    /// Take the client address from `Forwarded` / `X-Forwarded-For` (only behind a proxy that sets them).
    #[arg(long, env = "HUB_TRUST_FORWARDED_FOR", default_value_t = false, global = true)]
    pub trust_forwarded_for: bool,

    /// Who may read `/metrics`: `local` (callers on this host, the default), `token` (callers sending
    /// `HUB_METRICS_TOKEN` as a bearer token, and local ones) or `public`.
    #[arg(long, env = "HUB_METRICS", value_enum, default_value_t = MetricsAccess::Local, global = true)]
    pub metrics: MetricsAccess,

    /// The bearer token `/metrics` accepts when `HUB_METRICS=token`.
    #[arg(long, env = "HUB_METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<Secret>,

    /// Meilisearch to search with (e.g. `http://127.0.0.1:7700`); unset: the embedded engine in the data directory.
    #[arg(long, env = "MEILISEARCH_URL", global = true)]
    pub meilisearch_url: Option<String>,

    /// Meilisearch API key (the master key or a key with search, documents, indexes, settings and tasks rights).
    #[arg(long, env = "MEILISEARCH_API_KEY", global = true, hide_env_values = true)]
    pub meilisearch_api_key: Option<Secret>,

    /// Name of the live Meilisearch index.
    #[arg(long, env = "HUB_MEILISEARCH_INDEX", default_value = "hub_content", global = true)]
    pub meilisearch_index: String,

    /// Longest a call to the search engine may take before `search` fails with `SEARCH_UNAVAILABLE`, in ms.
    #[arg(long, env = "HUB_SEARCH_TIMEOUT_MS", default_value_t = 2000, global = true)]
    pub search_timeout_ms: u64,

    /// On PostgreSQL, follow the epochs by `LISTEN`/`NOTIFY` instead of reading them on every request that reads
    /// data: a commit's move reaches every instance within the notification's delivery (about a millisecond on one
    /// host; see docs/performance.md), with a read every 5 s as a safety net and a read on every reconnection. Off,
    /// every such request reads the epochs first, and nothing is ever served stale. Ignored on SQLite.
    #[arg(long, env = "HUB_EPOCH_NOTIFY", default_value_t = false, global = true)]
    pub epoch_notify: bool,

    /// Memory for the shared cache of anonymous query responses, in MiB; 0 turns it off.
    #[arg(long, env = "HUB_RESPONSE_CACHE_MB", default_value_t = 64, global = true)]
    pub response_cache_mb: u64,

    /// `max-age` of anonymous query responses for browsers and CDNs, in seconds. 0 (the default) sends
    /// `Cache-Control: public, no-cache`: caches keep responses but revalidate them (`ETag`, 304) every time, so
    /// nothing served is stale; above 0 they may serve a response that old without asking.
    #[arg(long, env = "HUB_CACHE_MAX_AGE_SECS", default_value_t = 0, global = true)]
    pub cache_max_age_secs: u32,

    /// Size of the database connection pool.
    #[arg(long, env = "HUB_DB_POOL_SIZE", default_value_t = 10, global = true)]
    pub db_pool_size: u32,

    /// HS256 secret for bearer tokens (the raw string, at least 32 bytes). Default: generated into the data dir.
    #[arg(long, env = "HUB_JWT_SECRET", global = true, hide_env_values = true)]
    pub jwt_secret: Option<Secret>,

    /// RS256 or ES256 public key (PEM, inline or a file path) verifying bearer tokens instead of a secret.
    #[arg(long, env = "HUB_JWT_PUBLIC_KEY", global = true, conflicts_with = "jwt_secret", allow_hyphen_values = true)]
    pub jwt_public_key: Option<String>,

    /// JWKS document (a file) whose key is chosen by the token's `kid`, for key rotation.
    #[arg(long, env = "HUB_JWT_JWKS", global = true, conflicts_with_all = ["jwt_secret", "jwt_public_key"])]
    pub jwt_jwks: Option<String>,

    /// An OpenID Connect issuer (e.g. `https://login.microsoftonline.com/<tenant>/v2.0`): its discovery document
    /// names the JWKS that verifies tokens, fetched at start, cached and refreshed; tokens must carry that `iss`.
    #[arg(long, env = "HUB_OIDC_ISSUER", global = true, conflicts_with_all = ["jwt_secret", "jwt_public_key", "jwt_jwks"])]
    pub oidc_issuer: Option<String>,

    /// Shortest time between two fetches of the provider's keys caused by a token with an unknown `kid` (so forged
    /// `kid`s cannot make the hub hammer the provider); also the shortest `max-age` honoured.
    #[arg(long, env = "HUB_OIDC_MIN_REFRESH", default_value = "60s", value_parser = humantime::parse_duration, global = true)]
    pub oidc_min_refresh: Duration,

    /// Redis holding the cost budgets (e.g. `redis://127.0.0.1:6379`), so that every instance charges one budget per
    /// client; unset: each instance keeps its own in memory.
    #[arg(long, env = "HUB_REDIS_URL", global = true, hide_env_values = true)]
    pub redis_url: Option<String>,

    /// SMTP server notifications are mailed through, e.g. `smtps://user:pass@mail.example.org:465` or
    /// `smtp://127.0.0.1:2525` (plain, for a relay on the host); unset, notifications are recorded but not mailed.
    #[arg(long, env = "HUB_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// The sender of notification mails, e.g. `Migration Network Hub <hub@migrationnetwork.un.org>`.
    #[arg(long, env = "HUB_MAIL_FROM", default_value = "Migration Network Hub <no-reply@localhost>", global = true)]
    pub mail_from: String,

    /// Required `iss` of bearer tokens (with `HUB_OIDC_ISSUER`, the provider's issuer is required instead).
    #[arg(long, env = "HUB_JWT_ISSUER", default_value = "migration-network-hub", global = true)]
    pub jwt_issuer: String,

    /// Required `aud` of bearer tokens.
    #[arg(long, env = "HUB_JWT_AUDIENCE", default_value = "migration-network-hub-api", global = true)]
    pub jwt_audience: String,

    /// The claim that carries a caller's role: `role`, `roles` (an array, as Entra ID sends), `groups`, or a dotted
    /// path (`realm_access.roles`, as Keycloak sends).
    #[arg(long, env = "HUB_ROLE_CLAIM", default_value = "role", global = true)]
    pub role_claim: String,

    /// The identity provider's role values as hub roles, e.g. `Hub.Editors=editor,Hub.Admins=admin`; unset: the
    /// claim's values are hub role names.
    #[arg(long, env = "HUB_ROLE_MAP", global = true)]
    pub role_map: Option<String>,

    /// `contributor`: callers whose role claim names no known role are contributors (unset: they are refused).
    #[arg(long, env = "HUB_DEFAULT_ROLE", global = true)]
    pub default_role: Option<String>,

    /// The claim that carries a caller's organization (a name or a dotted path).
    #[arg(long, env = "HUB_ORG_CLAIM", default_value = "org", global = true)]
    pub org_claim: String,

    /// Log format: `text` or `json`.
    #[arg(long, env = "HUB_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
}

/// A secret from the configuration: usable, never shown by `Debug`.
#[derive(Clone)]
pub struct Secret(String);

/// Who may read `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MetricsAccess {
    Local,
    Token,
    Public,
}

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_string()))
    }
}

impl Config {
    /// Every setting at its default, as `hub` has it with no flag, no environment variable and no `.env`: where the
    /// tests start from, so that the caller's shell never reaches the app under test.
    pub fn defaults() -> Result<Config, clap::Error> {
        use clap::FromArgMatches as _;
        let command = Config::augment_args(clap::Command::new("hub")).mut_args(|arg| arg.env(None));
        command.try_get_matches_from(["hub"]).and_then(|matches| Config::from_arg_matches(&matches))
    }

    /// The database URL, defaulting to the embedded SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("hub.sqlite").display()),
        }
    }

    /// How many searches and counts run at once (`HUB_EXPENSIVE_CONCURRENCY`, or when 0 half the cores, at least 1):
    /// the gate's turns, and the embedded engine's search threads.
    pub fn expensive_turns(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if self.expensive_concurrency == 0 { (cores / 2).max(1) } else { self.expensive_concurrency }
    }

    pub fn query_timeout(&self) -> Duration {
        Duration::from_secs(self.query_timeout_secs)
    }

    pub fn body_timeout(&self) -> Duration {
        Duration::from_secs(self.body_timeout_secs)
    }

    /// The public address links start with, without a trailing slash.
    pub fn public_base(&self) -> String {
        match &self.public_url {
            Some(url) => url.as_str().trim_end_matches('/').to_string(),
            None => format!("http://{}", self.bind),
        }
    }

    pub fn graphiql_enabled(&self) -> bool {
        self.graphiql && !self.production
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_without_the_environment() -> Result<(), clap::Error> {
        let config = Config::defaults()?;
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(config.data_dir, PathBuf::from("./data"));
        assert_eq!(config.max_depth, 15);
        assert!(config.graphiql && !config.production);
        Ok(())
    }
}
