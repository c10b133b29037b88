//! Editor sessions, kept in memory only: a restart logs everyone out, which is acceptable for
//! a handful of editors and leaves no session secrets on disk.
//!
//! The map is keyed by the SHA-256 of the token, never the token itself: a memory dump or the
//! timing of a map lookup yields nothing that can be replayed as a cookie.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::files;
use crate::stamp::elapsed;

/// Most sessions kept at once; beyond this the least recently used one is dropped.
pub const MAX_SESSIONS: usize = 10_000;
/// Characters in a token: 32 random bytes in unpadded base64url.
pub const TOKEN_CHARS: usize = 43;

/// What a valid session tells the web layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The editor logged in.
    pub user: String,
    /// When the session began; compare with [`crate::Account::changed_at`].
    pub started: SystemTime,
}

/// All live sessions, with their idle and absolute lifetimes.
#[derive(Debug)]
pub struct Sessions {
    idle: Duration,
    absolute: Duration,
    cap: usize,
    live: Mutex<HashMap<[u8; 32], Entry>>,
}

#[derive(Debug)]
struct Entry {
    user: String,
    started: SystemTime,
    last_seen: SystemTime,
}

impl Entry {
    fn expired(&self, now: SystemTime, idle: Duration, absolute: Duration) -> bool {
        elapsed(self.last_seen, now) > idle || elapsed(self.started, now) > absolute
    }
}

impl Sessions {
    /// No sessions yet. A session ends after `idle` without a request, and after `absolute`
    /// whatever the activity.
    pub fn new(idle: Duration, absolute: Duration) -> Sessions {
        Sessions::with_cap(idle, absolute, MAX_SESSIONS)
    }

    fn with_cap(idle: Duration, absolute: Duration, cap: usize) -> Sessions {
        Sessions {
            idle,
            absolute,
            cap,
            live: Mutex::new(HashMap::new()),
        }
    }

    /// Starts a session for `user` and returns its token, to be sent as the cookie.
    ///
    /// # Panics
    /// When the operating system has no random numbers, which leaves no safe way to go on.
    pub fn start(&self, user: &str, now: SystemTime) -> String {
        let random = files::random_bytes::<32>()
            .expect("the operating system must provide random numbers for session tokens");
        let token = URL_SAFE_NO_PAD.encode(random);
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        live.retain(|_, entry| !entry.expired(now, self.idle, self.absolute));
        while live.len() >= self.cap {
            let oldest = live
                .iter()
                .min_by_key(|(_, entry)| entry.last_seen)
                .map(|(key, _)| *key);
            match oldest {
                Some(key) => live.remove(&key),
                None => break,
            };
        }
        live.insert(
            key_of(&token),
            Entry {
                user: user.to_string(),
                started: now,
                last_seen: now,
            },
        );
        token
    }

    /// The session for `token`, when it exists and has not expired; a valid check counts as
    /// activity. Expired sessions are removed.
    pub fn check(&self, token: &str, now: SystemTime) -> Option<Session> {
        if !well_formed(token) {
            return None;
        }
        let key = key_of(token);
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = live.get_mut(&key)?;
        if entry.expired(now, self.idle, self.absolute) {
            live.remove(&key);
            return None;
        }
        entry.last_seen = entry.last_seen.max(now);
        Some(Session {
            user: entry.user.clone(),
            started: entry.started,
        })
    }

    /// Ends the session for `token` (logout). Unknown tokens are ignored.
    pub fn end(&self, token: &str) {
        if well_formed(token) {
            let key = key_of(token);
            self.live
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&key);
        }
    }

    /// Ends every session of `user`, e.g. after their password was reset.
    pub fn end_user(&self, user: &str) {
        self.live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, entry| entry.user != user);
    }

    /// How many sessions are held, expired ones not yet pruned included.
    pub fn len(&self) -> usize {
        self.live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether `token` could have come from [`Sessions::start`]: checked before hashing, so
/// garbage of any size costs nothing.
fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn key_of(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    const MINUTE: Duration = Duration::from_secs(60);
    const HOUR: Duration = Duration::from_secs(3600);

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
    }

    fn sessions() -> Sessions {
        Sessions::new(30 * MINUTE, 8 * HOUR)
    }

    #[test]
    fn a_token_is_43_url_safe_characters_and_checks() {
        let sessions = sessions();
        let token = sessions.start("alice", at(0));
        assert!(well_formed(&token), "{token}");
        assert_eq!(
            sessions.check(&token, at(10)),
            Some(Session {
                user: "alice".into(),
                started: at(0)
            })
        );
    }

    #[test]
    fn idle_sessions_expire() {
        let sessions = sessions();
        let token = sessions.start("alice", at(0));
        assert!(sessions.check(&token, at(30 * 60)).is_some());
        // Activity at 30 min moved the idle clock.
        assert!(sessions.check(&token, at(59 * 60)).is_some());
        assert!(sessions.check(&token, at(59 * 60 + 30 * 60 + 1)).is_none());
        assert!(sessions.is_empty(), "the expired session is removed");
    }

    #[test]
    fn activity_does_not_outlive_the_absolute_limit() {
        let sessions = sessions();
        let token = sessions.start("alice", at(0));
        let mut now = 0;
        while now < 8 * 3600 {
            now += 20 * 60;
            let checked = sessions.check(&token, at(now));
            assert_eq!(checked.is_some(), now <= 8 * 3600, "at {now} s");
        }
        assert!(sessions.check(&token, at(now + 60)).is_none());
    }

    #[test]
    fn end_really_ends() {
        let sessions = sessions();
        let token = sessions.start("alice", at(0));
        sessions.end(&token);
        assert!(sessions.check(&token, at(1)).is_none());
        sessions.end("not a token");
    }

    #[test]
    fn forged_and_malformed_tokens_are_refused() {
        let sessions = sessions();
        let token = sessions.start("alice", at(0));
        let mut forged = token.clone();
        let last = if forged.ends_with('A') { "B" } else { "A" };
        forged.replace_range(42.., last);
        let too_long = format!("{token}A");
        let with_padding = format!("{}=", &token[..42]);
        for bad in [
            forged.as_str(),
            "",
            &token[..42],
            &too_long,
            &with_padding,
            &format!("{}+", &token[..42]),
            &format!("{}a", "é".repeat(21)),
        ] {
            assert!(sessions.check(bad, at(1)).is_none(), "{bad:?}");
        }
        assert!(sessions.check(&token, at(1)).is_some());
    }

    #[test]
    fn two_sessions_are_independent() {
        let sessions = sessions();
        let alice = sessions.start("alice", at(0));
        let bob = sessions.start("bob", at(5));
        assert_ne!(alice, bob);
        sessions.end(&alice);
        assert!(sessions.check(&alice, at(6)).is_none());
        assert_eq!(
            sessions.check(&bob, at(6)).map(|s| s.user),
            Some("bob".into())
        );
    }

    #[test]
    fn end_user_ends_all_their_sessions() {
        let sessions = sessions();
        let one = sessions.start("alice", at(0));
        let two = sessions.start("alice", at(1));
        let bob = sessions.start("bob", at(2));
        sessions.end_user("alice");
        assert!(sessions.check(&one, at(3)).is_none());
        assert!(sessions.check(&two, at(3)).is_none());
        assert!(sessions.check(&bob, at(3)).is_some());
    }

    #[test]
    fn starting_prunes_expired_sessions_and_the_map_is_capped() {
        let sessions = Sessions::with_cap(30 * MINUTE, 8 * HOUR, 3);
        sessions.start("alice", at(0));
        let bob = sessions.start("bob", at(31 * 60));
        assert_eq!(sessions.len(), 1, "alice's idle session was pruned");
        let carol = sessions.start("carol", at(32 * 60));
        let dave = sessions.start("dave", at(33 * 60));
        assert!(sessions.check(&bob, at(34 * 60)).is_some());
        let erin = sessions.start("erin", at(35 * 60));
        assert_eq!(sessions.len(), 3);
        assert!(
            sessions.check(&carol, at(36 * 60)).is_none(),
            "the least recently used goes first"
        );
        for kept in [&bob, &dave, &erin] {
            assert!(sessions.check(kept, at(36 * 60)).is_some());
        }
    }
}
