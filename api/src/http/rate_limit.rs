//! Per-client request rate limits, with governor's keyed GCRA limiter: signed-in callers are counted by token
//! subject, everybody else (and every refused token) by client address. A caller over the limit gets HTTP 429 with
//! `RATE_LIMITED` and `Retry-After`, before anything else is done for the request.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

/// What a client is counted as.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Client {
    Subject(String),
    Address(String),
}

pub struct RateLimiter {
    /// `None` when limits are off.
    limiter: Option<DefaultKeyedRateLimiter<Client>>,
    clock: DefaultClock,
}

impl RateLimiter {
    /// `per_minute` requests a minute per client on average, in bursts of up to `burst`; 0 turns limits off.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let limiter = NonZeroU32::new(per_minute).map(|rate| {
            let burst = NonZeroU32::new(burst).unwrap_or(rate);
            DefaultKeyedRateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst))
        });
        RateLimiter { limiter, clock: DefaultClock::default() }
    }

    /// Counts one request; `Err` carries how long the client must wait.
    pub fn check(&self, client: &Client) -> Result<(), Duration> {
        match &self.limiter {
            Some(limiter) => limiter.check_key(client).map_err(|not_until| not_until.wait_time_from(self.clock.now())),
            None => Ok(()),
        }
    }

    /// Forgets clients whose allowance is full again, so memory stays bounded by the recently active clients.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_client_waits() {
        let limiter = RateLimiter::new(60, 3);
        let alice = Client::Subject("alice".into());
        for _ in 0..3 {
            assert!(limiter.check(&alice).is_ok());
        }
        let wait = limiter.check(&alice).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(1), "{wait:?}");
        assert!(limiter.check(&Client::Subject("bob".into())).is_ok(), "others keep their allowance");
        assert!(limiter.check(&Client::Address("alice".into())).is_ok(), "subjects and addresses never collide");
    }

    #[test]
    fn zero_turns_limits_off() {
        let limiter = RateLimiter::new(0, 0);
        let client = Client::Address("127.0.0.1".into());
        assert!((0..1000).all(|_| limiter.check(&client).is_ok()));
    }
}
