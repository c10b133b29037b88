//! Counting events per key in a sliding window, to slow down guessing and flooding: failed
//! logins per IP and per account, contributions per IP. Kept in memory; a restart forgets.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::stamp::elapsed;

/// Most keys remembered at once; beyond this, keys with no recent event go first, then the
/// key whose last event is oldest.
pub const MAX_KEYS: usize = 100_000;

/// A limit of `limit` events per `window` for each key.
#[derive(Debug)]
pub struct Throttle {
    limit: u32,
    window: Duration,
    cap: usize,
    /// For each key, the times of its recent events, oldest first, at most `limit` of them.
    events: Mutex<HashMap<String, VecDeque<SystemTime>>>,
}

impl Throttle {
    /// Allows `limit` events per key in any span of `window`.
    pub fn new(limit: u32, window: Duration) -> Throttle {
        Throttle::with_cap(limit, window, MAX_KEYS)
    }

    fn with_cap(limit: u32, window: Duration, cap: usize) -> Throttle {
        Throttle {
            limit,
            window,
            cap,
            events: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` when another event for `key` is allowed at `now`; otherwise how long until it is.
    /// Checking records nothing: call [`Throttle::hit`] when the event happens.
    pub fn check(&self, key: &str, now: SystemTime) -> Result<(), Duration> {
        if self.limit == 0 {
            return Err(self.window);
        }
        let mut events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(times) = events.get_mut(key) else {
            return Ok(());
        };
        self.forget_old(times, now);
        if times.len() < self.limit as usize {
            return Ok(());
        }
        // Full: the next event is allowed once the oldest one leaves the window.
        let oldest = times.front().copied().unwrap_or(now);
        Err(self.window.saturating_sub(elapsed(oldest, now)))
    }

    /// Records an event for `key` at `now`.
    pub fn hit(&self, key: &str, now: SystemTime) {
        if self.limit == 0 {
            return;
        }
        let mut events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        if !events.contains_key(key) && events.len() >= self.cap {
            self.make_room(&mut events, now);
        }
        let times = events.entry(key.to_string()).or_default();
        self.forget_old(times, now);
        if times.len() >= self.limit as usize {
            times.pop_front();
        }
        times.push_back(now);
    }

    /// Forgets every event of `key`, e.g. after a successful login.
    pub fn clear(&self, key: &str) {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(key);
    }

    fn forget_old(&self, times: &mut VecDeque<SystemTime>, now: SystemTime) {
        while times
            .front()
            .is_some_and(|&time| elapsed(time, now) >= self.window)
        {
            times.pop_front();
        }
    }

    /// Drops keys with no event in the window; if all are recent, drops the key whose latest
    /// event is oldest, so memory stays bounded even under a flood of new keys.
    fn make_room(&self, events: &mut HashMap<String, VecDeque<SystemTime>>, now: SystemTime) {
        events.retain(|_, times| {
            times
                .back()
                .is_some_and(|&time| elapsed(time, now) < self.window)
        });
        if events.len() >= self.cap {
            let stalest = events
                .iter()
                .min_by_key(|(_, times)| times.back().copied())
                .map(|(key, _)| key.clone());
            if let Some(key) = stalest {
                events.remove(&key);
            }
        }
    }

    #[cfg(test)]
    fn keys(&self) -> usize {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    #[cfg(test)]
    fn has(&self, key: &str) -> bool {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
    }

    #[test]
    fn the_limit_holds_within_the_window_and_lifts_after_it() {
        let throttle = Throttle::new(3, Duration::from_secs(60));
        for second in [0, 10, 20] {
            assert_eq!(throttle.check("1.2.3.4", at(second)), Ok(()));
            throttle.hit("1.2.3.4", at(second));
        }
        assert_eq!(
            throttle.check("1.2.3.4", at(30)),
            Err(Duration::from_secs(30))
        );
        assert_eq!(throttle.check("5.6.7.8", at(30)), Ok(()), "keys are apart");
        // The window slides: at 60 s the event of 0 s has left it.
        assert_eq!(throttle.check("1.2.3.4", at(60)), Ok(()));
        throttle.hit("1.2.3.4", at(60));
        assert_eq!(
            throttle.check("1.2.3.4", at(61)),
            Err(Duration::from_secs(9))
        );
    }

    #[test]
    fn clear_forgets_a_key() {
        let throttle = Throttle::new(1, Duration::from_secs(60));
        throttle.hit("alice", at(0));
        assert!(throttle.check("alice", at(1)).is_err());
        throttle.clear("alice");
        assert_eq!(throttle.check("alice", at(1)), Ok(()));
    }

    #[test]
    fn a_limit_of_zero_allows_nothing() {
        let throttle = Throttle::new(0, Duration::from_secs(60));
        assert_eq!(throttle.check("x", at(0)), Err(Duration::from_secs(60)));
        throttle.hit("x", at(0));
        assert_eq!(throttle.keys(), 0);
    }

    #[test]
    fn a_clock_going_backwards_does_not_lift_the_limit() {
        let throttle = Throttle::new(1, Duration::from_secs(60));
        throttle.hit("x", at(100));
        assert!(throttle.check("x", at(50)).is_err());
    }

    #[test]
    fn keys_are_capped_stale_ones_first() {
        let throttle = Throttle::with_cap(2, Duration::from_secs(60), 3);
        throttle.hit("old", at(0));
        throttle.hit("a", at(100));
        throttle.hit("b", at(101));
        throttle.hit("c", at(102));
        assert_eq!(throttle.keys(), 3, "old was stale and dropped");
        throttle.hit("a", at(103));
        throttle.hit("d", at(104));
        assert_eq!(throttle.keys(), 3);
        assert!(!throttle.has("b"), "b's latest event was the oldest");
        for kept in ["a", "c", "d"] {
            assert!(throttle.has(kept), "{kept}");
        }
        assert!(
            throttle.check("a", at(105)).is_err(),
            "a kept its two events"
        );
    }
}
