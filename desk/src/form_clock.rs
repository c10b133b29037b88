//! Timing checks for the public contribution form, a cheap filter for spam robots: the form
//! carries a signed issue time, and a submission that comes back within seconds (a robot) or
//! after a day (a harvested form) is refused, as is one whose hidden honeypot field was filled.
//!
//! The token is `<unix seconds>.<hex HMAC-SHA256(secret, seconds)>`. The secret lives in
//! `<data>/desk/form.key` so forms handed out before a restart still work after it.

use std::fmt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::DeskError;
use crate::files;
use crate::stamp::unix_seconds;

/// A person needs at least this long to fill the form in.
pub const MIN_FILL: Duration = Duration::from_secs(3);
/// A form older than this is refused.
pub const MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

type HmacSha256 = Hmac<Sha256>;

/// Why a submission looks like spam. The messages are short enough to show the sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpamProblem {
    /// Sent back sooner than [`MIN_FILL`] after the form was issued.
    TooFast,
    /// Sent back later than [`MAX_AGE`] after the form was issued.
    Expired,
    /// The token was not issued by this site.
    Forged,
}

impl fmt::Display for SpamProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpamProblem::TooFast => "the form was sent too quickly; please try again",
            SpamProblem::Expired => "the form has expired; please reload the page",
            SpamProblem::Forged => "the form is not valid; please reload the page",
        })
    }
}

impl std::error::Error for SpamProblem {}

/// Issues and judges form tokens with one secret.
pub struct FormClock {
    secret: [u8; 32],
}

impl fmt::Debug for FormClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FormClock { secret: <hidden> }")
    }
}

impl FormClock {
    /// Loads the secret from `<data>/desk/form.key`, creating a random one (0600) if missing.
    pub fn open(data_dir: &Path) -> Result<FormClock, DeskError> {
        let folder = data_dir.join("desk");
        let path = folder.join("form.key");
        if let Some(bytes) = files::read_if_present(&path)? {
            let secret = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
                DeskError::corrupt(
                    &path,
                    format!(
                        "the key must be 32 bytes, it has {}; delete the file to make a new one \
                         (open forms will have to be reloaded)",
                        bytes.len()
                    ),
                )
            })?;
            return Ok(FormClock { secret });
        }
        let secret = files::random_bytes::<32>()?;
        files::ensure_private_folder(&folder)?;
        files::write_private(&path, &secret)?;
        Ok(FormClock { secret })
    }

    /// A clock with a given secret, for tests.
    #[cfg(test)]
    pub fn for_tests(secret: [u8; 32]) -> FormClock {
        FormClock { secret }
    }

    /// A token stamped `now`, to put in a hidden field of the form.
    pub fn issue(&self, now: SystemTime) -> String {
        let seconds = unix_seconds(now).to_string();
        format!(
            "{seconds}.{}",
            hex(&self.mac(&seconds).finalize().into_bytes())
        )
    }

    /// Whether a token sent back at `now` came from [`FormClock::issue`] between
    /// [`MIN_FILL`] and [`MAX_AGE`] ago. The signature is checked first, in constant time.
    pub fn judge(&self, token: &str, now: SystemTime) -> Result<(), SpamProblem> {
        let (seconds, signature) = token.split_once('.').ok_or(SpamProblem::Forged)?;
        if seconds.is_empty() || seconds.len() > 20 || !seconds.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(SpamProblem::Forged);
        }
        let signature = unhex(signature).ok_or(SpamProblem::Forged)?;
        self.mac(seconds)
            .verify_slice(&signature)
            .map_err(|_| SpamProblem::Forged)?;
        let issued: u64 = seconds.parse().map_err(|_| SpamProblem::Forged)?;
        let now = unix_seconds(now);
        // A token from the future only comes from a clock set back: too fast to trust.
        let age = now.checked_sub(issued).ok_or(SpamProblem::TooFast)?;
        if age < MIN_FILL.as_secs() {
            Err(SpamProblem::TooFast)
        } else if age > MAX_AGE.as_secs() {
            Err(SpamProblem::Expired)
        } else {
            Ok(())
        }
    }

    fn mac(&self, seconds: &str) -> HmacSha256 {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(seconds.as_bytes());
        mac
    }
}

/// Whether the hidden honeypot field holds anything but whitespace: people never see it,
/// robots fill every field.
pub fn honeypot_filled(value: &str) -> bool {
    value.chars().any(|c| !c.is_whitespace())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Lowercase hex of exactly 32 bytes, or `None`.
fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
    }

    fn clock() -> FormClock {
        FormClock::for_tests([7; 32])
    }

    #[test]
    fn timing_rules() {
        let clock = clock();
        let token = clock.issue(at(0));
        assert_eq!(clock.judge(&token, at(0)), Err(SpamProblem::TooFast));
        assert_eq!(clock.judge(&token, at(2)), Err(SpamProblem::TooFast));
        assert_eq!(clock.judge(&token, at(3)), Ok(()));
        assert_eq!(clock.judge(&token, at(24 * 3600)), Ok(()));
        assert_eq!(
            clock.judge(&token, at(24 * 3600 + 1)),
            Err(SpamProblem::Expired)
        );
        assert_eq!(
            clock.judge(&token, at(0) - MIN_FILL),
            Err(SpamProblem::TooFast)
        );
    }

    #[test]
    fn forged_and_garbage_tokens() {
        let clock = clock();
        let token = clock.issue(at(0));
        let (seconds, signature) = token.split_once('.').expect("two parts");
        let earlier = format!("{}.{signature}", seconds.parse::<u64>().expect("n") - 60);
        let other_key = FormClock::for_tests([8; 32]).issue(at(0));
        let flipped = format!(
            "{seconds}.{}{}",
            &signature[..63],
            if signature.ends_with('0') { '1' } else { '0' }
        );
        let plus = format!("+{token}");
        let upper = token.to_uppercase();
        for bad in [
            earlier.as_str(),
            &other_key,
            &flipped,
            &plus,
            &upper,
            "",
            ".",
            "123",
            "123.",
            "abc.def",
            &format!("{seconds}.{signature}00"),
            &format!("{seconds}.{}", &signature[..62]),
            &format!("{seconds}.{}", "é".repeat(32)),
        ] {
            assert_eq!(
                clock.judge(bad, at(10)),
                Err(SpamProblem::Forged),
                "{bad:?}"
            );
        }
        assert_eq!(clock.judge(&token, at(10)), Ok(()));
    }

    #[test]
    fn honeypot() {
        assert!(!honeypot_filled(""));
        assert!(!honeypot_filled(" \t\n "));
        assert!(honeypot_filled("http://spam.example"));
        assert!(honeypot_filled(" x "));
    }

    #[test]
    fn the_secret_survives_a_restart_and_is_private() {
        let data = tempfile::tempdir().expect("temporary folder");
        let token = FormClock::open(data.path()).expect("create").issue(at(0));
        let reopened = FormClock::open(data.path()).expect("reopen");
        assert_eq!(reopened.judge(&token, at(5)), Ok(()));
        let key = data.path().join("desk/form.key");
        assert_eq!(std::fs::read(&key).expect("key").len(), 32);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&key, b"short").expect("damage");
        assert!(matches!(
            FormClock::open(data.path()),
            Err(DeskError::Corrupt { .. })
        ));
    }
}
