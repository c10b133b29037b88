//! Rules for editor names and passwords, checked when the CLI creates or resets an account.
//! Pure functions, so the rules are tested with tables and no disk.

use std::collections::HashSet;
use std::fmt;

use crate::error::DeskError;

/// Fewest characters in a password: long enough that guessing through the throttled login
/// is hopeless.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Most characters in a password: bounds the work of hashing one.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Fewest different characters: refuses `aaaaaaaaaaaa` and `abababababab`.
pub const MIN_DISTINCT_CHARS: usize = 5;
/// Most characters in an editor name.
pub const MAX_USER_NAME_CHARS: usize = 32;

/// Passwords that meet the length rules but are among the first an attacker tries.
/// Compared case-insensitively.
const COMMON: &[&str] = &[
    "password1234",
    "password12345",
    "password123456",
    "passw0rd1234",
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "1q2w3e4r5t6y",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwerty123456",
    "asdfghjkl123",
    "1qaz2wsx3edc",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "changeme1234",
    "admin1234567",
    "administrator",
    "wenming12345",
    "wenming123456",
    "editor123456",
];

/// Why a password was refused, in words for the operator at the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_CHARS`] characters.
    TooLong,
    /// The editor's name appears in it.
    ContainsUserName,
    /// Fewer than [`MIN_DISTINCT_CHARS`] different characters.
    TooRepetitive,
    /// On the built-in list of common passwords.
    Common,
}

impl fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordProblem::TooShort => write!(
                f,
                "the password must have at least {MIN_PASSWORD_CHARS} characters"
            ),
            PasswordProblem::TooLong => write!(
                f,
                "the password must have at most {MAX_PASSWORD_CHARS} characters"
            ),
            PasswordProblem::ContainsUserName => {
                write!(f, "the password must not contain the editor's name")
            }
            PasswordProblem::TooRepetitive => write!(
                f,
                "the password must use at least {MIN_DISTINCT_CHARS} different characters"
            ),
            PasswordProblem::Common => write!(
                f,
                "the password is one of the most common passwords; choose another"
            ),
        }
    }
}

impl std::error::Error for PasswordProblem {}

/// Checks a new password for `user` against the rules above; the first broken rule is returned.
pub fn check_password(user: &str, password: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    if !user.is_empty() && lowered.contains(&user.to_lowercase()) {
        return Err(PasswordProblem::ContainsUserName);
    }
    if password.chars().collect::<HashSet<_>>().len() < MIN_DISTINCT_CHARS {
        return Err(PasswordProblem::TooRepetitive);
    }
    if COMMON.contains(&lowered.as_str()) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

/// Checks an editor name: 1 to 32 characters from `a-z 0-9 _ . -`, starting with a letter or a
/// digit. Lowercase only, so `Alice` and `alice` cannot be two accounts.
pub fn check_user_name(user: &str) -> Result<(), DeskError> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
    let starts_well = user
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if starts_well && user.len() <= MAX_USER_NAME_CHARS && user.chars().all(allowed) {
        Ok(())
    } else {
        Err(DeskError::BadUserName(user.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        let long = "ab3dE".repeat(26); // 130 characters
        let cases: &[(&str, &str, Result<(), PasswordProblem>)] = &[
            ("alice", "short", Err(PasswordProblem::TooShort)),
            ("alice", "elevenchars", Err(PasswordProblem::TooShort)),
            // Twelve characters but 24 bytes: characters count, not bytes.
            ("alice", "文明新闻网站编辑部大家好", Ok(())),
            (
                "alice",
                "文明新闻网站编辑部大家",
                Err(PasswordProblem::TooShort),
            ),
            ("alice", &long, Err(PasswordProblem::TooLong)),
            (
                "alice",
                "my-ALICE-secret-9",
                Err(PasswordProblem::ContainsUserName),
            ),
            (
                "alice",
                "aaaaaaaaaaaaaaaa",
                Err(PasswordProblem::TooRepetitive),
            ),
            (
                "alice",
                "abcdabcdabcdabcd",
                Err(PasswordProblem::TooRepetitive),
            ),
            ("alice", "abcdeabcdeabcde", Ok(())),
            ("alice", "Password1234", Err(PasswordProblem::Common)),
            ("alice", "123456789012", Err(PasswordProblem::Common)),
            ("alice", "QWERTYUIOP12", Err(PasswordProblem::Common)),
            ("alice", "Wenming12345", Err(PasswordProblem::Common)),
            ("alice", "admin1234567", Err(PasswordProblem::Common)),
            ("alice", "correct horse battery staple", Ok(())),
        ];
        for (user, password, expected) in cases {
            assert_eq!(
                &check_password(user, password),
                expected,
                "user {user:?}, password {password:?}"
            );
        }
    }

    #[test]
    fn every_common_password_is_long_enough_to_need_the_list() {
        for common in COMMON {
            assert!(common.chars().count() >= MIN_PASSWORD_CHARS, "{common}");
            assert_eq!(*common, common.to_lowercase());
        }
    }

    #[test]
    fn problems_read_as_sentences() {
        assert_eq!(
            PasswordProblem::TooShort.to_string(),
            "the password must have at least 12 characters"
        );
    }

    #[test]
    fn user_name_rules() {
        let ok = [
            "a",
            "alice",
            "li.wei",
            "editor_2",
            "9lives",
            "a-b",
            &"x".repeat(32),
        ];
        for name in ok {
            assert!(check_user_name(name).is_ok(), "{name:?} should pass");
        }
        let bad = [
            "",
            "Alice",
            "_alice",
            ".alice",
            "-alice",
            "al ice",
            "alice/../x",
            "李伟",
            "alice\n",
            &"x".repeat(33),
        ];
        for name in bad {
            assert!(
                matches!(check_user_name(name), Err(DeskError::BadUserName(n)) if n == name),
                "{name:?} should fail"
            );
        }
    }
}
