//! Writing content files for the editors' desk: a new article, an uploaded image, an
//! article's 头条/推荐/幻灯/草稿 flags. Every write is atomic and durable
//! (shared/SECURITY.md, "Writes"), never replaces a file it means to create, and never
//! leaves an article file the store would refuse to load.
//!
//! These functions only write: the watcher picks the change up, and a caller that wants the
//! next page to show it at once passes the returned path to [`crate::Store::apply_changes`].

mod flags;
mod media;
mod new_article;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::{ContentError, durable};

pub use flags::{Flags, set_flags};
pub use media::write_media;
pub use new_article::{NewArticle, write_new_article};

/// Why an edit was not made. Nothing was written when one of these is returned (except,
/// for `Io`, possibly an empty folder).
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{} already exists; nothing was written", .0.display())]
    Exists(PathBuf),
    /// The article would not load (or, for [`set_flags`], does not load now): the message
    /// the store would report, for the editor to act on.
    #[error("{0}")]
    Invalid(String),
    #[error(
        "media path {0:?} must be a relative path of plain names (letters, digits, `-`, `_`, \
         `.`), like \"contributions/photo.jpg\""
    )]
    BadMediaPath(String),
}

impl EditError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> EditError + '_ {
        move |source| EditError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<ContentError> for EditError {
    /// Only the message: the line refers to text the editor may never have seen (a generated
    /// file), and the server's path is not theirs to read.
    fn from(error: ContentError) -> Self {
        EditError::Invalid(error.message)
    }
}

/// Creates `folder` and whatever parents it lacks, then syncs the parent of each folder it
/// created, so that a file written inside survives a crash along with the folders leading to
/// it.
fn create_folders(folder: &Path) -> Result<(), EditError> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|ancestor| !ancestor.as_os_str().is_empty() && !ancestor.exists())
        .collect();
    fs::create_dir_all(folder).map_err(EditError::io(folder))?;
    for created in missing.iter().rev() {
        if let Some(parent) = created.parent().filter(|p| !p.as_os_str().is_empty()) {
            durable::sync_folder(parent).map_err(EditError::io(parent))?;
        }
    }
    Ok(())
}

/// Writes a file that must not exist yet (see [`durable::write_new`]).
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    durable::write_new(path, bytes).map_err(|source| match source.kind() {
        io::ErrorKind::AlreadyExists => EditError::Exists(path.to_path_buf()),
        _ => EditError::Io {
            path: path.to_path_buf(),
            source,
        },
    })
}
