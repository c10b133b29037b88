//! The one error type of the crate. Each message says what went wrong in words an operator
//! can act on; the web layer decides what, if anything, a visitor sees.

use std::io;
use std::path::PathBuf;

use crate::images::ImageProblem;
use crate::password::PasswordProblem;

/// Everything that can go wrong at the desk.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// Reading or writing a file of the desk's state failed.
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// A file of the desk's state exists but cannot be understood.
    #[error("{} is damaged: {message}", path.display())]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// `add` was asked for a name that already has an account.
    #[error("an editor named {0:?} already exists (use reset to give them a new password)")]
    UserExists(String),
    /// `reset` was asked for a name that has no account.
    #[error("no editor is named {0:?}")]
    NoSuchUser(String),
    /// An editor name outside the allowed form.
    #[error(
        "{0:?} is not a valid editor name: use 1 to 32 characters from a-z, 0-9, '_', '.' \
         and '-', starting with a letter or a digit"
    )]
    BadUserName(String),
    /// A password that breaks the rules of [`crate::check_password`].
    #[error("password refused: {0}")]
    WeakPassword(#[from] PasswordProblem),
    /// No contribution has this reference.
    #[error("no contribution has the reference {0}")]
    NotFound(String),
    /// The contribution was approved or rejected before.
    #[error("contribution {0} has already been decided")]
    AlreadyDecided(String),
    /// `decide` was given `Status::Pending`, which is not a decision.
    #[error("contribution {0} can only be approved or rejected, not set back to pending")]
    NotADecision(String),
    /// More images than a contribution may carry.
    #[error("a contribution carries at most {max} images")]
    TooManyImages {
        /// The most allowed.
        max: usize,
    },
    /// Password hashing failed for a reason other than a wrong password.
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// An image that cannot be taken.
    #[error("image refused: {0}")]
    Image(#[from] ImageProblem),
    /// The operating system gave no random bytes.
    #[error("no secure random numbers available: {0}")]
    Random(String),
}

impl DeskError {
    /// Wraps an I/O error with the path it concerns, so the message names the file.
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> DeskError {
        DeskError::Io {
            path: path.into(),
            source,
        }
    }

    /// A damaged file, with what is wrong with it.
    pub(crate) fn corrupt(path: impl Into<PathBuf>, message: impl ToString) -> DeskError {
        DeskError::Corrupt {
            path: path.into(),
            message: message.to_string(),
        }
    }
}
