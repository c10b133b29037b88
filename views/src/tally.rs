//! The counts in memory: views per article per hour for the last 30 days, each article's
//! count in every window, and the rankings. Pure: time only moves when [`Tally::advance`]
//! is called, which makes rollover testable with any clock.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use crate::ranking::Ranking;
use crate::{ArticleId, Hour, KEPT_HOURS, Window};

#[derive(Default)]
struct Counts {
    /// The count in each window, by [`Window::index`].
    windows: [u64; 4],
    /// Views in hours no longer kept (older than the longest window).
    old: u64,
    /// The group (category) the article is ranked in; `None` keeps it out of the rankings
    /// (a draft, a deleted article) while its counts are kept.
    group: Option<Arc<str>>,
}

pub(crate) struct Tally {
    now: Hour,
    hours: BTreeMap<Hour, HashMap<ArticleId, u64>>,
    articles: HashMap<ArticleId, Counts>,
    ranking: Ranking,
}

impl Tally {
    pub(crate) fn new(now: Hour) -> Tally {
        Tally {
            now,
            hours: BTreeMap::new(),
            articles: HashMap::new(),
            ranking: Ranking::default(),
        }
    }

    /// The hour the windows end in.
    pub(crate) fn now(&self) -> Hour {
        self.now
    }

    /// Adds `views` of `id` in `hour`.
    pub(crate) fn add(&mut self, hour: Hour, id: ArticleId, views: u64) {
        if views == 0 {
            return;
        }
        let now = self.now;
        // An hour after the windows' end (counts written under a clock that was ahead) is
        // taken as the current hour, so it leaves the windows when the current one does.
        let hour = hour.min(now);
        let counts = self.articles.entry(id).or_default();
        if Window::Month.covers(hour, now) {
            let kept = self.hours.entry(hour).or_default().entry(id).or_default();
            *kept = kept.saturating_add(views);
        } else {
            counts.old = counts.old.saturating_add(views);
        }
        for window in Window::EVERY {
            if window.covers(hour, now) {
                let old = counts.windows[window.index()];
                let new = old.saturating_add(views);
                counts.windows[window.index()] = new;
                if let Some(group) = &counts.group {
                    self.ranking.update(id, group, window, old, new);
                }
            }
        }
    }

    /// Moves the windows' end to `now`: views in the hours that leave a window are taken out
    /// of it. Costs as much as the views in those hours, not the number of articles. A clock
    /// going back is ignored (the windows never move backwards).
    pub(crate) fn advance(&mut self, now: Hour) {
        if now <= self.now {
            return;
        }
        let before = self.now;
        let Tally {
            hours,
            articles,
            ranking,
            ..
        } = self;
        for window in [Window::Day, Window::Week, Window::Month] {
            let Some(length) = window.hours() else {
                continue;
            };
            if now < length {
                continue;
            }
            // Hours in (before − length, now − length] leave the window.
            let start = if before < length {
                Bound::Unbounded
            } else {
                Bound::Excluded(before - length)
            };
            for (_, views_by_article) in hours.range((start, Bound::Included(now - length))) {
                for (&id, &views) in views_by_article {
                    let Some(counts) = articles.get_mut(&id) else {
                        continue;
                    };
                    let old = counts.windows[window.index()];
                    let new = old.saturating_sub(views);
                    counts.windows[window.index()] = new;
                    if let Some(group) = &counts.group {
                        ranking.update(id, group, window, old, new);
                    }
                }
            }
        }
        if now >= KEPT_HOURS {
            let kept = hours.split_off(&(now - KEPT_HOURS + 1));
            for (_, views_by_article) in std::mem::replace(hours, kept) {
                for (id, views) in views_by_article {
                    if let Some(counts) = articles.get_mut(&id) {
                        counts.old = counts.old.saturating_add(views);
                    }
                }
            }
        }
        self.now = now;
    }

    /// Ranks `id` in `group`, or takes it out of the rankings (`None`). Its counts stay.
    /// Returns whether the rankings changed.
    pub(crate) fn set_group(&mut self, id: ArticleId, group: Option<Arc<str>>) -> bool {
        let Some(counts) = self.articles.get_mut(&id) else {
            return false;
        };
        if counts.group == group {
            return false;
        }
        if let Some(old) = &counts.group {
            self.ranking.remove(id, old, &counts.windows);
        }
        if let Some(new) = &group {
            self.ranking.insert(id, new, &counts.windows);
        }
        counts.group = group;
        true
    }

    /// The article's views in `window`.
    pub(crate) fn views(&self, id: ArticleId, window: Window) -> u64 {
        self.articles
            .get(&id)
            .map_or(0, |counts| counts.windows[window.index()])
    }

    /// The most viewed ranked articles in `window`, site-wide or in one group, with their
    /// counts: most views first, then the higher id.
    pub(crate) fn top(
        &self,
        window: Window,
        group: Option<&str>,
        limit: usize,
    ) -> Vec<(ArticleId, u64)> {
        self.ranking.top(window, group, limit)
    }

    /// Every article with views.
    pub(crate) fn ids(&self) -> impl Iterator<Item = ArticleId> + '_ {
        self.articles.keys().copied()
    }

    /// Views per (hour, article) for the kept hours, oldest first.
    pub(crate) fn kept_hours(&self) -> impl Iterator<Item = (Hour, ArticleId, u64)> + '_ {
        self.hours.iter().flat_map(|(&hour, views_by_article)| {
            views_by_article
                .iter()
                .map(move |(&id, &views)| (hour, id, views))
        })
    }

    /// Views per article in hours no longer kept.
    pub(crate) fn old_views(&self) -> impl Iterator<Item = (ArticleId, u64)> + '_ {
        self.articles
            .iter()
            .filter(|(_, counts)| counts.old > 0)
            .map(|(&id, counts)| (id, counts.old))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An hour in 2026, far from the epoch's edge cases.
    const NOW: Hour = 496_000;

    fn place(tally: &mut Tally, id: ArticleId, group: &str) {
        tally.set_group(id, Some(Arc::from(group)));
    }

    #[test]
    fn a_view_counts_in_every_window() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, 3);
        for window in Window::EVERY {
            assert_eq!(tally.views(1, window), 3, "{window:?}");
        }
        assert_eq!(tally.views(2, Window::All), 0);
    }

    #[test]
    fn views_leave_each_window_as_the_hours_roll_over() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, 5);
        tally.advance(NOW + 23);
        assert_eq!(tally.views(1, Window::Day), 5, "still within 24 hours");
        tally.advance(NOW + 24);
        assert_eq!(tally.views(1, Window::Day), 0);
        assert_eq!(tally.views(1, Window::Week), 5);
        tally.advance(NOW + 7 * 24);
        assert_eq!(tally.views(1, Window::Week), 0);
        assert_eq!(tally.views(1, Window::Month), 5);
        tally.advance(NOW + KEPT_HOURS);
        assert_eq!(tally.views(1, Window::Month), 0);
        assert_eq!(tally.views(1, Window::All), 5);
        assert_eq!(
            tally.kept_hours().count(),
            0,
            "the expired bucket is dropped"
        );
        assert_eq!(tally.old_views().collect::<Vec<_>>(), vec![(1, 5)]);
    }

    #[test]
    fn a_long_jump_takes_out_every_expired_hour_once() {
        let mut tally = Tally::new(NOW);
        for hour in 0..48 {
            tally.add(NOW - hour, 1, 1);
        }
        assert_eq!(tally.views(1, Window::Day), 24);
        assert_eq!(tally.views(1, Window::Week), 48);
        tally.advance(NOW + 10_000);
        for window in [Window::Day, Window::Week, Window::Month] {
            assert_eq!(tally.views(1, window), 0, "{window:?}");
        }
        assert_eq!(tally.views(1, Window::All), 48);
    }

    #[test]
    fn hour_by_hour_the_day_window_holds_the_last_24_hours() {
        let start = NOW - 47;
        let mut tally = Tally::new(start);
        for hour in 0..48 {
            tally.advance(start + hour);
            tally.add(start + hour, 1, 1);
        }
        assert_eq!(tally.views(1, Window::Day), 24);
        assert_eq!(tally.views(1, Window::Week), 48);
    }

    #[test]
    fn views_for_hours_already_out_of_a_window_count_only_where_they_belong() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW - 30, 1, 2);
        tally.add(NOW - KEPT_HOURS - 5, 1, 7);
        assert_eq!(tally.views(1, Window::Day), 0);
        assert_eq!(tally.views(1, Window::Week), 2);
        assert_eq!(tally.views(1, Window::Month), 2);
        assert_eq!(tally.views(1, Window::All), 9);
    }

    #[test]
    fn views_from_a_clock_that_ran_ahead_count_as_current() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW + 50, 1, 1);
        assert_eq!(tally.views(1, Window::Day), 1);
        tally.advance(NOW + 24);
        assert_eq!(
            tally.views(1, Window::Day),
            0,
            "it left with the hour it was taken as"
        );
    }

    #[test]
    fn counts_saturate_rather_than_overflow() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, u64::MAX);
        tally.add(NOW, 1, 5);
        assert_eq!(tally.views(1, Window::All), u64::MAX);
    }

    #[test]
    fn a_clock_going_back_changes_nothing() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, 1);
        tally.advance(NOW - 100);
        assert_eq!(tally.now(), NOW);
        assert_eq!(tally.views(1, Window::Day), 1);
    }

    #[test]
    fn rankings_order_by_views_then_by_higher_id() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 10, 2);
        tally.add(NOW, 11, 5);
        tally.add(NOW, 12, 2);
        for id in [10, 11, 12] {
            place(&mut tally, id, "news");
        }
        assert_eq!(
            tally.top(Window::Day, None, 10),
            vec![(11, 5), (12, 2), (10, 2)]
        );
        assert_eq!(tally.top(Window::Day, None, 1), vec![(11, 5)]);
        tally.add(NOW, 10, 4);
        assert_eq!(
            tally.top(Window::Day, Some("news"), 2),
            vec![(10, 6), (11, 5)]
        );
    }

    #[test]
    fn rankings_follow_the_windows() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW - 100, 1, 9);
        tally.add(NOW, 2, 1);
        place(&mut tally, 1, "a");
        place(&mut tally, 2, "a");
        assert_eq!(tally.top(Window::Day, None, 10), vec![(2, 1)]);
        assert_eq!(tally.top(Window::Week, None, 10), vec![(1, 9), (2, 1)]);
        tally.advance(NOW + 24);
        assert_eq!(tally.top(Window::Day, None, 10), vec![]);
        assert_eq!(tally.top(Window::All, None, 10), vec![(1, 9), (2, 1)]);
    }

    #[test]
    fn groups_rank_apart_and_follow_category_changes() {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, 3);
        tally.add(NOW, 2, 2);
        place(&mut tally, 1, "news");
        place(&mut tally, 2, "culture");
        assert_eq!(tally.top(Window::All, Some("news"), 10), vec![(1, 3)]);
        assert_eq!(tally.top(Window::All, Some("culture"), 10), vec![(2, 2)]);
        place(&mut tally, 1, "culture");
        assert_eq!(tally.top(Window::All, Some("news"), 10), vec![]);
        assert_eq!(
            tally.top(Window::All, Some("culture"), 10),
            vec![(1, 3), (2, 2)]
        );
        // Unpublished: counted, not ranked.
        tally.set_group(1, None);
        assert_eq!(tally.top(Window::All, None, 10), vec![(2, 2)]);
        assert_eq!(tally.views(1, Window::All), 3);
        tally.add(NOW, 1, 1);
        assert_eq!(tally.top(Window::All, None, 10), vec![(2, 2)]);
        assert_eq!(tally.top(Window::All, Some("unknown"), 10), vec![]);
    }
}
