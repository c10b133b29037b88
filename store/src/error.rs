use std::fmt;
use std::path::PathBuf;

/// A problem with one content file. The store leaves the file out (or, for a missing cover,
/// keeps the article without it) and goes on serving the rest; `wenming check` prints
/// every one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub path: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl ContentError {
    pub fn new(path: impl Into<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ContentError {}

/// Errors that stop the store from working at all (as opposed to one bad file).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("content folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Site(ContentError),
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Content(ContentError),
    #[error("watching the content folder: {0}")]
    Watch(#[from] notify::Error),
}
