//! Timestamps as they are written into the desk's files: RFC 3339 in UTC. One place, so every
//! file spells time the same way and every reader parses it the same way.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, SecondsFormat, Utc};

/// `2026-11-28T10:15:00Z`: whole seconds, for records people read.
pub(crate) fn seconds(at: SystemTime) -> String {
    DateTime::<Utc>::from(at).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `2026-11-28T10:15:00.123456789Z`: full precision, where a comparison with another
/// `SystemTime` must be exact (a session started a moment before a password reset in the same
/// second must still count as older).
pub(crate) fn exact(at: SystemTime) -> String {
    DateTime::<Utc>::from(at).to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// Reads any RFC 3339 time back; `None` when the text is not one.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| SystemTime::from(time.with_timezone(&Utc)))
}

/// The UTC calendar day as `YYYYMMDD`, for contribution references.
pub(crate) fn day(at: SystemTime) -> String {
    DateTime::<Utc>::from(at).format("%Y%m%d").to_string()
}

/// Whole seconds since 1970; a clock set before 1970 counts as 0.
pub(crate) fn unix_seconds(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or(0)
}

/// How long ago `then` was at `now`; zero when the clock went backwards.
pub(crate) fn elapsed(then: SystemTime, now: SystemTime) -> std::time::Duration {
    now.duration_since(then).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn round_trips_at_both_precisions() {
        let at = UNIX_EPOCH + Duration::new(1_795_000_000, 123_456_789);
        assert_eq!(parse(&exact(at)), Some(at));
        assert_eq!(
            parse(&seconds(at)),
            Some(UNIX_EPOCH + Duration::from_secs(1_795_000_000))
        );
        assert_eq!(seconds(at), "2026-11-18T11:06:40Z");
        assert_eq!(day(at), "20261118");
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_clock_before_1970_or_going_backwards_counts_as_zero() {
        assert_eq!(unix_seconds(UNIX_EPOCH - Duration::from_secs(5)), 0);
        let now = UNIX_EPOCH + Duration::from_secs(10);
        assert_eq!(elapsed(now + Duration::from_secs(1), now), Duration::ZERO);
    }
}
