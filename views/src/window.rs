//! The time windows rankings are kept for, and the hour buckets they are made of.

/// Hours since the Unix epoch (UTC): the unit views are bucketed by.
pub(crate) type Hour = u32;

/// How many hours of buckets are kept: the longest window with an end.
pub(crate) const KEPT_HOURS: Hour = 30 * 24;

/// The hour a Unix time (in seconds) falls in.
pub(crate) fn hour_of(unix_seconds: u64) -> Hour {
    Hour::try_from(unix_seconds / 3600).unwrap_or(Hour::MAX)
}

/// A ranking's time window. A window of N hours holds the current hour and the N − 1 before
/// it, so "24 hours" is between 23 and 24 hours of views depending on the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Window {
    Day,
    Week,
    Month,
    All,
}

impl Window {
    pub const EVERY: [Window; 4] = [Window::Day, Window::Week, Window::Month, Window::All];

    /// The window's length, or `None` for all time.
    pub(crate) const fn hours(self) -> Option<Hour> {
        match self {
            Window::Day => Some(24),
            Window::Week => Some(7 * 24),
            Window::Month => Some(KEPT_HOURS),
            Window::All => None,
        }
    }

    /// Whether views in `hour` count in this window when the current hour is `now` (hours
    /// after `now` count as current).
    pub(crate) fn covers(self, hour: Hour, now: Hour) -> bool {
        match self.hours() {
            None => true,
            Some(length) => hour > now.saturating_sub(length) || (now < length),
        }
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_covers_the_current_hour_and_the_23_before() {
        let now = 1000;
        assert!(Window::Day.covers(now, now));
        assert!(Window::Day.covers(now - 23, now));
        assert!(!Window::Day.covers(now - 24, now));
        assert!(Window::Week.covers(now - 24, now));
        assert!(!Window::Month.covers(now - KEPT_HOURS, now));
        assert!(Window::All.covers(0, now));
        assert!(
            Window::Day.covers(now + 5, now),
            "a future hour counts as current"
        );
    }

    #[test]
    fn hours_are_counted_from_the_epoch() {
        assert_eq!(hour_of(0), 0);
        assert_eq!(hour_of(3599), 0);
        assert_eq!(hour_of(3600), 1);
    }
}
