//! Articles ordered by their count in each window, site-wide and per group (category), kept
//! up to date one change at a time: reading the top N costs N steps, however many articles
//! there are.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::{ArticleId, Window};

/// Most views first; among equal counts, the higher id (the later article) first. The order
/// is total, so a ranking never changes between two reads without a view in between.
type Key = (Reverse<u64>, Reverse<ArticleId>);

#[derive(Default)]
struct Orders([BTreeSet<Key>; 4]);

#[derive(Default)]
pub(crate) struct Ranking {
    site: Orders,
    groups: HashMap<Arc<str>, Orders>,
}

impl Ranking {
    /// Moves `id` in `window` from count `old` to `new` in the site order and its group's.
    pub(crate) fn update(
        &mut self,
        id: ArticleId,
        group: &Arc<str>,
        window: Window,
        old: u64,
        new: u64,
    ) {
        Self::move_in(&mut self.site, id, window, old, new);
        let orders = self.groups.entry(group.clone()).or_default();
        Self::move_in(orders, id, window, old, new);
    }

    /// Takes `id` out of every order (it left the listed articles or its group).
    pub(crate) fn remove(&mut self, id: ArticleId, group: &Arc<str>, counts: &[u64; 4]) {
        for window in Window::EVERY {
            let old = counts[window.index()];
            Self::move_in(&mut self.site, id, window, old, 0);
            if let Some(orders) = self.groups.get_mut(group) {
                Self::move_in(orders, id, window, old, 0);
            }
        }
        if self
            .groups
            .get(group)
            .is_some_and(|orders| orders.0.iter().all(BTreeSet::is_empty))
        {
            self.groups.remove(group);
        }
    }

    /// Puts `id` into every order with its counts.
    pub(crate) fn insert(&mut self, id: ArticleId, group: &Arc<str>, counts: &[u64; 4]) {
        for window in Window::EVERY {
            self.update(id, group, window, 0, counts[window.index()]);
        }
    }

    /// The first `limit` articles of a window, site-wide (`group` None) or in one group.
    pub(crate) fn top(
        &self,
        window: Window,
        group: Option<&str>,
        limit: usize,
    ) -> Vec<(ArticleId, u64)> {
        let orders = match group {
            None => Some(&self.site),
            Some(group) => self.groups.get(group),
        };
        orders.map_or_else(Vec::new, |orders| {
            orders.0[window.index()]
                .iter()
                .take(limit)
                .map(|&(Reverse(count), Reverse(id))| (id, count))
                .collect()
        })
    }

    fn move_in(orders: &mut Orders, id: ArticleId, window: Window, old: u64, new: u64) {
        let order = &mut orders.0[window.index()];
        if old > 0 {
            order.remove(&(Reverse(old), Reverse(id)));
        }
        if new > 0 {
            order.insert((Reverse(new), Reverse(id)));
        }
    }
}
