use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why the view counter cannot run.
#[derive(Debug, thiserror::Error)]
pub enum ViewsError {
    #[error("cannot use the data folder {path}: {source}")]
    Folder { path: PathBuf, source: io::Error },
    #[error(
        "the data folder {path} is in use by another wenming process (each server needs its own)"
    )]
    Busy { path: PathBuf },
    #[error("cannot use the view snapshot {path}: {message}")]
    Snapshot { path: PathBuf, message: String },
    #[error("cannot start the view flusher: {0}")]
    Thread(io::Error),
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// Something found in the stored counts and skipped: reported, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProblem {
    pub path: PathBuf,
    /// 1-based, when the problem is on one line.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for StoredProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}
