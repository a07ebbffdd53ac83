//! Budgets kept in Redis (`HUB_REDIS_URL`), so that every instance behind a load balancer charges one budget per
//! client. The same GCRA as the in-memory limiter, run as one Lua script so that reading and moving a client's
//! theoretical arrival time is atomic, on Redis's clock so that instances with drifting clocks agree.
//!
//! Redis being unreachable never fails a request: the charge goes to the instance's own in-memory budget, the
//! change is logged once (and again when Redis is back), `hub_budget_redis_fallbacks_total` counts such charges, and
//! Redis is not asked again for a second, so an outage does not add a timeout to every request.

use super::Client;
use redis::aio::ConnectionManager;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Longest a charge waits for Redis before the instance charges its own budget.
const TIMEOUT: Duration = Duration::from_millis(250);
/// How long Redis is left alone after a failure.
const PAUSE_AFTER_FAILURE: Duration = Duration::from_secs(1);
/// Prefix of the budget keys (`hub:budget:s:<subject>`, `hub:budget:a:<address>`).
const PREFIX: &str = "hub:budget:";

/// GCRA on one key, in microseconds. KEYS[1]: the client's key; ARGV: the emission interval (µs per point), the
/// burst (points), the points charged. Returns {1 if paid, points left, µs to wait (-1: more than the burst)}.
const GCRA: &str = r"
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local points = tonumber(ARGV[3])
if points > burst then return {0, 0, -1} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tolerance = interval * burst
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval * points
local allowed_at = new_tat - tolerance
if allowed_at > now then
  return {0, math.floor((tolerance - (tat - now)) / interval), math.ceil(allowed_at - now)}
end
redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, math.floor((tolerance - (new_tat - now)) / interval), 0}
";

/// What Redis answered for a charge.
pub enum Verdict {
    Paid {
        remaining: u32,
    },
    Wait(Duration),
    /// More than the whole burst: never payable at once.
    Never,
}

pub struct Shared {
    connection: ConnectionManager,
    script: redis::Script,
    /// When Redis may be asked again after a failure.
    paused_until: Mutex<Option<Instant>>,
    up: AtomicBool,
    fallbacks: AtomicU64,
}

fn key(client: &Client) -> String {
    match client {
        Client::Subject(subject) => format!("{PREFIX}s:{subject}"),
        Client::Address(address) => format!("{PREFIX}a:{address}"),
    }
}

impl Shared {
    /// A lazy connection to `url`: the hub starts whether Redis answers yet or not; a URL that cannot be one is
    /// refused.
    pub fn new(url: &str) -> anyhow::Result<Shared> {
        let client =
            redis::Client::open(url).map_err(|error| anyhow::anyhow!("HUB_REDIS_URL is not usable: {error}"))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(PAUSE_AFTER_FAILURE);
        let connection = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|error| anyhow::anyhow!("HUB_REDIS_URL: {error}"))?;
        Ok(Shared {
            connection,
            script: redis::Script::new(GCRA),
            paused_until: Mutex::new(None),
            up: AtomicBool::new(true),
            fallbacks: AtomicU64::new(0),
        })
    }

    /// Charges `points` in Redis, or `None` when Redis cannot answer now (the caller charges locally).
    pub async fn charge(&self, client: &Client, points: u32, interval: Duration, burst: u32) -> Option<Verdict> {
        if self.paused() {
            self.fallbacks.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        let interval_us = u64::try_from(interval.as_micros()).unwrap_or(u64::MAX).max(1);
        let mut connection = self.connection.clone();
        let mut invocation = self.script.key(key(client));
        invocation.arg(interval_us).arg(burst).arg(points);
        let answer = tokio::time::timeout(TIMEOUT, invocation.invoke_async::<(i64, i64, i64)>(&mut connection)).await;
        match answer {
            Ok(Ok((paid, remaining, wait))) => {
                if !self.up.swap(true, Ordering::Relaxed) {
                    tracing::info!("Redis answers again: cost budgets are shared across instances again");
                }
                let remaining = u32::try_from(remaining.max(0)).unwrap_or(u32::MAX);
                Some(match (paid, wait) {
                    (1, _) => Verdict::Paid { remaining },
                    (_, wait) if wait < 0 => Verdict::Never,
                    (_, wait) => Verdict::Wait(Duration::from_micros(wait.unsigned_abs())),
                })
            }
            Ok(Err(error)) => self.failed(&error.to_string()),
            Err(_) => self.failed("no answer in time"),
        }
    }

    fn paused(&self) -> bool {
        let paused = self.paused_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        paused.is_some_and(|until| Instant::now() < until)
    }

    fn failed(&self, why: &str) -> Option<Verdict> {
        *self.paused_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(Instant::now() + PAUSE_AFTER_FAILURE);
        self.fallbacks.fetch_add(1, Ordering::Relaxed);
        if self.up.swap(false, Ordering::Relaxed) {
            tracing::warn!(why, "Redis does not answer: cost budgets are per instance until it does");
        }
        None
    }

    /// Whether Redis answered the last time it was asked, and how many charges went to the instance's own budget
    /// because it did not.
    pub fn state(&self) -> (bool, u64) {
        (self.up.load(Ordering::Relaxed), self.fallbacks.load(Ordering::Relaxed))
    }
}
