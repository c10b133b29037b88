//! "One visitor re-loading an article counts once": remembered as salted hashes only.
//!
//! A visitor is whatever the caller passes (the server uses the client address and the user
//! agent). Only a keyed hash of (visitor, article) is kept, with keys that live in memory,
//! are never written anywhere, and are replaced every day; so nothing stored can be turned
//! back into an address, and yesterday's hashes cannot be linked to today's.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash};

use crate::ArticleId;

pub(crate) struct Dedupe {
    /// How long a (visitor, article) pair counts once, in seconds.
    window: u64,
    /// How long one salt is used, in seconds.
    rotate_every: u64,
    salt: RandomState,
    /// The salt before the current one, still checked for one window after a rotation so
    /// that a reload straddling it is not counted twice.
    previous: Option<(RandomState, u64)>,
    salt_since: u64,
    /// Hash → when the counted view happened.
    seen: HashMap<u64, u64>,
    /// The same hashes in the order they were counted, so that expired ones are found from
    /// the front without walking the table.
    order: VecDeque<(u64, u64)>,
    /// The most hashes kept: when full, the oldest is forgotten first, so a flood of new
    /// visitors costs memory no more than this, and readers' repeats within the last
    /// moments are still recognised.
    capacity: usize,
}

impl Dedupe {
    pub(crate) fn new(window: u64, rotate_every: u64, capacity: usize, now: u64) -> Dedupe {
        Dedupe {
            window,
            rotate_every: rotate_every.max(window),
            salt: RandomState::new(),
            previous: None,
            salt_since: now,
            seen: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// Whether this is the first view of `article` by `visitor` within the window; if so,
    /// it is remembered.
    pub(crate) fn first_view<V: Hash + ?Sized>(
        &mut self,
        visitor: &V,
        article: ArticleId,
        now: u64,
    ) -> bool {
        self.rotate(now);
        self.forget_expired(now);
        let fresh = |seen: &HashMap<u64, u64>, hash: u64| {
            seen.get(&hash)
                .is_some_and(|&at| now.saturating_sub(at) < self.window)
        };
        let hash = self.salt.hash_one((visitor, article));
        if fresh(&self.seen, hash) {
            return false;
        }
        if let Some((previous, _)) = &self.previous
            && fresh(&self.seen, previous.hash_one((visitor, article)))
        {
            return false;
        }
        while self.seen.len() >= self.capacity && self.forget_oldest() {}
        self.seen.insert(hash, now);
        self.order.push_back((hash, now));
        true
    }

    fn rotate(&mut self, now: u64) {
        if now.saturating_sub(self.salt_since) >= self.rotate_every {
            let old = std::mem::take(&mut self.salt);
            self.previous = Some((old, now));
            self.salt_since = now;
        }
        if self
            .previous
            .as_ref()
            .is_some_and(|&(_, since)| now.saturating_sub(since) >= self.window)
        {
            self.previous = None;
        }
    }

    fn forget_expired(&mut self, now: u64) {
        while self
            .order
            .front()
            .is_some_and(|&(_, at)| now.saturating_sub(at) >= self.window)
        {
            self.forget_oldest();
        }
    }

    /// Drops the oldest remembered view; false when there is none.
    fn forget_oldest(&mut self) -> bool {
        let Some((hash, at)) = self.order.pop_front() else {
            return false;
        };
        // The hash may have been counted again since (after its window): keep that one.
        if self.seen.get(&hash) == Some(&at) {
            self.seen.remove(&hash);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF_HOUR: u64 = 30 * 60;
    const DAY: u64 = 24 * 3600;

    #[test]
    fn a_reload_within_the_window_counts_once() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 1000, 0);
        assert!(dedupe.first_view("1.2.3.4 Firefox", 7, 10));
        assert!(!dedupe.first_view("1.2.3.4 Firefox", 7, 20));
        assert!(!dedupe.first_view("1.2.3.4 Firefox", 7, 10 + HALF_HOUR - 1));
        assert!(dedupe.first_view("1.2.3.4 Firefox", 7, 10 + HALF_HOUR));
    }

    #[test]
    fn other_visitors_and_other_articles_count() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 1000, 0);
        assert!(dedupe.first_view("1.2.3.4 Firefox", 7, 10));
        assert!(dedupe.first_view("1.2.3.5 Firefox", 7, 10));
        assert!(dedupe.first_view("1.2.3.4 Chrome", 7, 10));
        assert!(dedupe.first_view("1.2.3.4 Firefox", 8, 10));
        assert_eq!(dedupe.seen.len(), 4);
    }

    #[test]
    fn a_reload_straddling_a_salt_rotation_still_counts_once() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 1000, 0);
        assert!(dedupe.first_view("visitor", 1, DAY - 60));
        assert!(
            !dedupe.first_view("visitor", 1, DAY + 60),
            "after the rotation"
        );
        // Once the previous salt has aged out, its hashes are unreachable.
        assert!(dedupe.first_view("visitor", 1, DAY + HALF_HOUR + 1));
    }

    #[test]
    fn a_full_table_forgets_its_oldest_visitors_first() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 3, 0);
        for visitor in 0u32..10 {
            assert!(dedupe.first_view(&visitor, 1, 5 + u64::from(visitor)));
        }
        assert_eq!(dedupe.seen.len(), 3);
        assert_eq!(dedupe.order.len(), 3);
        // The latest visitors are still recognised; the first ones were forgotten.
        assert!(!dedupe.first_view(&9u32, 1, 20));
        assert!(dedupe.first_view(&0u32, 1, 20));
    }

    #[test]
    fn expired_views_are_forgotten() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 100, 0);
        for visitor in 0u32..10 {
            dedupe.first_view(&visitor, 1, 5);
        }
        assert!(dedupe.first_view("late", 1, 5 + HALF_HOUR));
        assert_eq!(dedupe.seen.len(), 1);
        assert_eq!(dedupe.order.len(), 1);
    }

    #[test]
    fn the_stored_hash_does_not_contain_the_visitor() {
        let mut dedupe = Dedupe::new(HALF_HOUR, DAY, 10, 0);
        dedupe.first_view("203.0.113.9", 1, 0);
        let other = Dedupe::new(HALF_HOUR, DAY, 10, 0);
        let stored: Vec<u64> = dedupe.seen.keys().copied().collect();
        // A second table (another salt) hashes the same visitor differently.
        assert_ne!(stored, vec![other.salt.hash_one(("203.0.113.9", 1u64))]);
    }
}
