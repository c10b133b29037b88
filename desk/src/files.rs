//! File helpers shared by the desk's stores: private folders, durable writes that name the
//! file in their errors, and reads where a missing file is an answer rather than an error.
//! Unix permissions live here only, so no other module needs a `cfg`.

use std::fs;
use std::io;
use std::path::Path;

use crate::error::DeskError;

/// Creates `folder` readable by the server's user only (0700), and makes the new entry durable
/// by syncing its parent. Missing parents are created with ordinary permissions; an existing
/// folder is left as it is.
pub(crate) fn ensure_private_folder(folder: &Path) -> Result<(), DeskError> {
    if folder.is_dir() {
        return Ok(());
    }
    let parent = folder.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        fs::create_dir_all(parent).map_err(|source| DeskError::io(parent, source))?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(folder) {
        Ok(()) => {}
        // Another thread or process made it meanwhile: that is what was wanted.
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists && folder.is_dir() => {}
        Err(source) => return Err(DeskError::io(folder, source)),
    }
    if let Some(parent) = parent {
        store::durable::sync_folder(parent).map_err(|source| DeskError::io(parent, source))?;
    }
    Ok(())
}

/// Writes `bytes` with [`store::durable::write_atomically`] (temporary file, sync, rename,
/// folder sync).
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
    store::durable::write_atomically(path, bytes).map_err(|source| DeskError::io(path, source))
}

/// Like [`write_durably`], then narrows the file to its owner (0600). The folders holding such
/// files are 0700 already, so the moment before the narrowing exposes nothing.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
    write_durably(path, bytes)?;
    make_private(path)
}

/// Narrows a file to its owner: read and write for the server's user, nothing for others.
pub(crate) fn make_private(path: &Path) -> Result<(), DeskError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|source| DeskError::io(path, source))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The file's bytes, or `None` when it does not exist.
pub(crate) fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>, DeskError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(DeskError::io(path, source)),
    }
}

/// Random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], DeskError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| DeskError::Random(error.to_string()))?;
    Ok(bytes)
}
