//! Writing files so that a crash never leaves half of one where it is read
//! (shared/SECURITY.md, "Writes"). Used for content edits and for runtime state alike.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces `path` with `bytes` in one step: the bytes go to a temporary file in the same
/// folder, reach the disk, and are renamed into place; then the folder itself is synced so
/// the rename survives a power cut. A reader sees the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    place(path, bytes, |temporary| fs::rename(temporary, path))
}

/// Like [`write_atomically`], but fails with [`io::ErrorKind::AlreadyExists`] instead of
/// replacing a file that is there: the finished temporary file is hard-linked to `path`,
/// which the operating system refuses to do over an existing name. Checking first and then
/// renaming would let two writers of one new name (two editors given the same next id)
/// silently overwrite each other.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    place(path, bytes, |temporary| {
        fs::hard_link(temporary, path)?;
        // The file is in place: a leftover hidden temporary name must not turn that into
        // a reported failure.
        let _ = fs::remove_file(temporary);
        Ok(())
    })
}

/// Writes `bytes` to a synced temporary file beside `path`, calls `put` to move it into
/// place, removes the temporary file if anything failed, and syncs the folder.
fn place(path: &Path, bytes: &[u8], put: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let folder = parent_of(path)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a file path is needed"))?;
    // Hidden, so that a content watcher ignores it; the process id and a counter keep two
    // writers apart, in two processes or in two threads of one.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let temporary = folder.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        put(&temporary)
    })();
    if written.is_err() {
        // Best effort: the temporary file is useless now, and its absence harms no one.
        let _ = fs::remove_file(&temporary);
    }
    written?;
    sync_folder(folder)
}

/// Makes a folder's entries (files created, renamed or removed in it) durable.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

fn parent_of(path: &Path) -> io::Result<&Path> {
    match path.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Ok(Path::new(".")),
        Some(parent) => Ok(parent),
        None => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a file path is needed",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("state");
        write_atomically(&path, b"first").expect("first write");
        write_atomically(&path, b"second").expect("second write");
        assert_eq!(fs::read(&path).expect("read back"), b"second");
        let names: Vec<_> = fs::read_dir(folder.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec!["state"]);
    }

    #[test]
    fn refuses_a_path_without_a_file_name() {
        assert!(write_atomically(Path::new("/"), b"x").is_err());
        assert!(write_new(Path::new("/"), b"x").is_err());
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("article.md");
        write_new(&path, b"first").expect("first write");
        let error = write_new(&path, b"second").expect_err("exists");
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read back"), b"first");
        let names: Vec<_> = fs::read_dir(folder.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec!["article.md"], "no temporary file left behind");
    }
}
