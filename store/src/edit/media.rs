//! Storing an uploaded image under `media/`.

use std::path::Path;

use super::{EditError, create_folders, write_new_file};
use crate::article::is_media_path;
use crate::loader::MEDIA_DIR;

/// Writes `bytes` to `media/<relative>` below `content_root`, creating folders as needed.
/// `relative` must be a path the store accepts as a cover (plain names, no `..`, not
/// absolute), so an upload can never land outside `media/`. Refuses to replace a file:
/// a published image keeps its bytes, so pages and caches that show it stay right.
pub fn write_media(content_root: &Path, relative: &str, bytes: &[u8]) -> Result<(), EditError> {
    if !is_media_path(relative) {
        return Err(EditError::BadMediaPath(relative.to_string()));
    }
    let path = content_root.join(MEDIA_DIR).join(relative);
    if let Some(folder) = path.parent() {
        create_folders(folder)?;
    }
    write_new_file(&path, bytes)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn writes_inside_media_once() {
        let root = tempfile::tempdir().expect("temporary folder");
        write_media(root.path(), "contributions/2026/a-1.jpg", b"jpeg").expect("written");
        let path = root.path().join("media/contributions/2026/a-1.jpg");
        assert_eq!(fs::read(&path).expect("read back"), b"jpeg");
        let again = write_media(root.path(), "contributions/2026/a-1.jpg", b"other");
        assert!(matches!(again, Err(EditError::Exists(p)) if p == path));
        assert_eq!(fs::read(&path).expect("read back"), b"jpeg");
    }

    #[test]
    fn refuses_paths_that_leave_media() {
        let root = tempfile::tempdir().expect("temporary folder");
        for bad in [
            "../x.jpg",
            "a/../../x.jpg",
            "/etc/x.jpg",
            "",
            "a\\b.jpg",
            "a//b.jpg",
        ] {
            let result = write_media(root.path(), bad, b"x");
            assert!(
                matches!(&result, Err(EditError::BadMediaPath(p)) if p == bad),
                "{bad:?}: {result:?}"
            );
        }
        assert!(!root.path().join("media").exists(), "nothing was created");
    }
}
