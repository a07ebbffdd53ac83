//! Per-client cost budgets, with governor's keyed GCRA limiter counting cost points (see `graphql::cost`): signed-in
//! callers are counted by token subject, everybody else (and every refused token) by client address. Each request
//! pays `cost::REQUEST` on arrival, before anything else is done for it, and the rest of its cost once the document
//! is priced (from the cache entry on a hit); a client whose budget cannot pay gets HTTP 429 with `RATE_LIMITED`
//! and `Retry-After`. Every answer reports the budget in `RateLimit-Limit` (points that can be spent at once),
//! `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the budget is full again). Budgets are per instance,
//! or shared by every instance through Redis ([`shared`], `HUB_REDIS_URL`), with the instance's own as the fallback.

mod shared;

use actix_web::HttpResponse;
use actix_web::http::header::{HeaderName, HeaderValue};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::cell::Cell;
use std::num::NonZeroU32;
use std::time::Duration;

/// What a client is counted as.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Client {
    Subject(String),
    Address(String),
}

/// A client's budget after a charge, as its headers tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub limit: u32,
    pub remaining: u32,
    /// Until the budget is full again.
    pub reset: Duration,
}

/// A charge the budget could not pay: how long to wait, and the budget as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    pub retry_after: Duration,
    pub allowance: Allowance,
}

impl Spent {
    /// The wait in whole seconds, rounded up.
    pub fn seconds(&self) -> u64 {
        seconds(self.retry_after)
    }
}

type Limiter = DefaultKeyedRateLimiter<Client, StateInformationMiddleware>;

pub struct Budgets {
    /// `None` when budgets are off.
    limiter: Option<Limiter>,
    quota: Option<Quota>,
    clock: DefaultClock,
    /// Budgets in Redis, when configured; `limiter` is then the fallback.
    shared: Option<shared::Shared>,
}

impl Budgets {
    /// `per_minute` points a minute per client on average, of which up to `burst` at once; 0 turns budgets off.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let quota = NonZeroU32::new(per_minute).map(|rate| {
            let burst = NonZeroU32::new(burst).unwrap_or(rate);
            Quota::per_minute(rate).allow_burst(burst)
        });
        let limiter = quota.map(|quota| {
            DefaultKeyedRateLimiter::<Client>::keyed(quota).with_middleware::<StateInformationMiddleware>()
        });
        Budgets { limiter, quota, clock: DefaultClock::default(), shared: None }
    }

    /// Like `new`, with the budgets kept in the Redis at `redis_url` (when budgets are on).
    pub fn shared(per_minute: u32, burst: u32, redis_url: &str) -> anyhow::Result<Self> {
        let mut budgets = Budgets::new(per_minute, burst);
        if budgets.quota.is_some() {
            budgets.shared = Some(shared::Shared::new(redis_url)?);
        }
        Ok(budgets)
    }

    /// With Redis: whether it answered last time, and the charges made on this instance's budget since it did not.
    pub fn redis_state(&self) -> Option<(bool, u64)> {
        self.shared.as_ref().map(shared::Shared::state)
    }

    /// Takes `points` (at least 1) from the client's budget: the budget left (`None` when budgets are off), or how
    /// long to wait.
    pub async fn charge(&self, client: &Client, points: u64) -> Result<Option<Allowance>, Spent> {
        let (Some(limiter), Some(quota)) = (&self.limiter, self.quota) else { return Ok(None) };
        let burst = quota.burst_size().get();
        let full_wait = quota.burst_size_replenished_in();
        let allowance = |remaining: u32| Allowance {
            limit: burst,
            remaining,
            reset: quota.replenish_interval().saturating_mul(burst.saturating_sub(remaining)),
        };
        let points = NonZeroU32::new(u32::try_from(points).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN);
        if let Some(shared) = &self.shared
            && let Some(verdict) = shared.charge(client, points.get(), quota.replenish_interval(), burst).await
        {
            return match verdict {
                shared::Verdict::Paid { remaining } => Ok(Some(allowance(remaining))),
                shared::Verdict::Wait(retry_after) => Err(Spent { retry_after, allowance: allowance(0) }),
                shared::Verdict::Never => Err(Spent { retry_after: full_wait, allowance: allowance(0) }),
            };
        }
        match limiter.check_key_n(client, points) {
            Ok(Ok(snapshot)) => Ok(Some(allowance(snapshot.remaining_burst_capacity()))),
            Ok(Err(not_until)) => {
                Err(Spent { retry_after: not_until.wait_time_from(self.clock.now()), allowance: allowance(0) })
            }
            // More than the whole budget: it can never be paid at once (the cost ceiling stays below the burst).
            Err(_) => Err(Spent { retry_after: full_wait, allowance: allowance(0) }),
        }
    }

    /// Forgets clients whose budget is full again, so memory stays bounded by the recently active clients.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// One request's account with its client's budget: what it paid, and the budget as it last stood.
pub struct Account<'a> {
    budgets: &'a Budgets,
    client: Client,
    last: Cell<Option<Allowance>>,
}

impl<'a> Account<'a> {
    pub fn new(budgets: &'a Budgets, client: Client) -> Self {
        Account { budgets, client, last: Cell::new(None) }
    }

    /// Pays `points` from the client's budget, or says how long to wait.
    pub async fn pay(&self, points: u64) -> Result<(), Spent> {
        match self.budgets.charge(&self.client, points).await {
            Ok(allowance) => {
                self.last.set(allowance);
                Ok(())
            }
            Err(spent) => {
                self.last.set(Some(spent.allowance));
                Err(spent)
            }
        }
    }

    /// Puts the budget as it stands into the response's `RateLimit-*` headers (none when budgets are off).
    pub fn report(&self, mut response: HttpResponse) -> HttpResponse {
        if let Some(allowance) = self.last.get() {
            let headers = response.headers_mut();
            for (name, value) in [
                ("ratelimit-limit", u64::from(allowance.limit)),
                ("ratelimit-remaining", u64::from(allowance.remaining)),
                ("ratelimit-reset", seconds(allowance.reset)),
            ] {
                headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
            }
        }
        response
    }
}

/// Whole seconds, rounded up.
fn seconds(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_passes_then_the_client_waits() {
        let budgets = Budgets::new(60, 30);
        let alice = Client::Subject("alice".into());
        assert_eq!(budgets.charge(&alice, 10).await.unwrap().unwrap().remaining, 20);
        assert_eq!(budgets.charge(&alice, 20).await.unwrap().unwrap().remaining, 0);
        let spent = budgets.charge(&alice, 5).await.unwrap_err();
        assert!(spent.retry_after > Duration::from_secs(4) && spent.retry_after <= Duration::from_secs(5), "{spent:?}");
        assert_eq!(spent.allowance.remaining, 0);
        assert!(spent.allowance.reset > Duration::from_secs(25), "{spent:?}");
        assert!(budgets.charge(&Client::Subject("bob".into()), 30).await.is_ok(), "others keep their budget");
        assert!(
            budgets.charge(&Client::Address("alice".into()), 30).await.is_ok(),
            "subjects and addresses never collide"
        );
        assert!(
            budgets.charge(&Client::Address("carol".into()), 31).await.is_err(),
            "more than the burst never passes"
        );
    }

    #[tokio::test]
    async fn zero_turns_budgets_off() {
        let budgets = Budgets::new(0, 0);
        let client = Client::Address("127.0.0.1".into());
        for _ in 0..1000 {
            assert_eq!(budgets.charge(&client, 10_000).await, Ok(None));
        }
    }
}
