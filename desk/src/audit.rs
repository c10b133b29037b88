//! The audit log, `<data>/desk/audit.log`: one JSON object per line for every editor action,
//! appended and synced before the action is reported done. Nothing ever rewrites it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::error::DeskError;
use crate::files;
use crate::stamp;

/// One editor action.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub editor: String,
    /// What: `login`, `logout`, `approve`, `reject`, `flags`, `unpublish`, `republish`.
    pub action: String,
    /// On what: a contribution reference or `article 1001`.
    pub target: String,
    /// The content file touched, if any.
    pub file: Option<String>,
    /// Anything else worth keeping, e.g. a rejection reason.
    pub detail: Option<String>,
}

/// An entry stamped `now`.
pub fn entry(
    editor: &str,
    action: &str,
    target: &str,
    file: Option<&str>,
    detail: Option<&str>,
    now: SystemTime,
) -> AuditEntry {
    AuditEntry {
        at: stamp::seconds(now),
        editor: editor.to_string(),
        action: action.to_string(),
        target: target.to_string(),
        file: file.map(str::to_string),
        detail: detail.map(str::to_string),
    }
}

/// The audit log of one data folder.
#[derive(Debug)]
pub struct AuditLog {
    path: PathBuf,
    /// Held while appending, so lines from two threads never interleave.
    appending: Mutex<()>,
}

impl AuditLog {
    /// The log under `data_dir`; creates `<data>/desk` (0700) if needed.
    pub fn open(data_dir: &Path) -> Result<AuditLog, DeskError> {
        let folder = data_dir.join("desk");
        files::ensure_private_folder(&folder)?;
        Ok(AuditLog {
            path: folder.join("audit.log"),
            appending: Mutex::new(()),
        })
    }

    /// Appends `entry` as one line and syncs it to disk before returning.
    pub fn append(&self, entry: &AuditEntry) -> Result<(), DeskError> {
        let mut line =
            serde_json::to_vec(entry).map_err(|error| DeskError::corrupt(&self.path, error))?;
        line.push(b'\n');
        let io = |source| DeskError::io(&self.path, source);
        let _appending = self
            .appending
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let existed = self.path.exists();
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(io)?;
        if !ends_with_newline(&mut file).map_err(io)? {
            // A crash cut the last line short; start a fresh one so this entry stays readable.
            line.insert(0, b'\n');
        }
        file.write_all(&line).map_err(io)?;
        file.sync_data().map_err(io)?;
        if !existed {
            files::make_private(&self.path)?;
            if let Some(folder) = self.path.parent() {
                store::durable::sync_folder(folder)
                    .map_err(|source| DeskError::io(folder, source))?;
            }
        }
        Ok(())
    }

    /// The `limit` latest entries, newest first. Damaged lines are skipped.
    pub fn recent(&self, limit: usize) -> Result<Vec<AuditEntry>, DeskError> {
        let Some(bytes) = files::read_if_present(&self.path)? else {
            return Ok(Vec::new());
        };
        let mut skipped = 0usize;
        let entries: Vec<AuditEntry> = bytes
            .split(|&b| b == b'\n')
            .rev()
            .filter(|line| !line.is_empty())
            .filter_map(|line| {
                let parsed = serde_json::from_slice(line).ok();
                skipped += usize::from(parsed.is_none());
                parsed
            })
            .take(limit)
            .collect();
        if skipped > 0 {
            tracing::warn!(path = %self.path.display(), skipped, "skipped damaged audit lines");
        }
        Ok(entries)
    }
}

/// Whether the file is empty or its last byte is a newline.
fn ends_with_newline(file: &mut File) -> std::io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_795_000_000 + seconds)
    }

    #[test]
    fn recent_returns_newest_first() {
        let data = tempfile::tempdir().expect("temporary folder");
        let log = AuditLog::open(data.path()).expect("open");
        assert_eq!(log.recent(10).expect("empty"), vec![]);
        let entries = [
            entry("alice", "login", "", None, None, at(0)),
            entry(
                "alice",
                "approve",
                "TG20261118-K7XQ2M",
                Some("articles/1001.md"),
                None,
                at(1),
            ),
            entry(
                "alice",
                "reject",
                "TG20261118-ABCDEF",
                None,
                Some("spam\n\"quoted\""),
                at(2),
            ),
        ];
        for one in &entries {
            log.append(one).expect("append");
        }
        let recent = log.recent(10).expect("recent");
        assert_eq!(recent, entries.iter().rev().cloned().collect::<Vec<_>>());
        assert_eq!(log.recent(2).expect("recent").len(), 2);
        assert_eq!(recent[0].at, "2026-11-18T11:06:42Z");
        let text = fs::read_to_string(data.path().join("desk/audit.log")).expect("read");
        assert_eq!(
            text.lines().count(),
            3,
            "a multi-line detail stays on one line"
        );
    }

    #[test]
    fn a_line_cut_short_by_a_crash_is_skipped_and_appending_goes_on() {
        let data = tempfile::tempdir().expect("temporary folder");
        let log = AuditLog::open(data.path()).expect("open");
        log.append(&entry("alice", "login", "", None, None, at(0)))
            .expect("append");
        let path = data.path().join("desk/audit.log");
        let mut file = OpenOptions::new().append(true).open(&path).expect("open");
        file.write_all(br#"{"at":"2026-11-18T11:06:41Z","editor":"ali"#)
            .expect("cut");
        drop(file);
        log.append(&entry("bob", "logout", "", None, None, at(2)))
            .expect("append");
        let editors: Vec<_> = log
            .recent(10)
            .expect("recent")
            .into_iter()
            .map(|e| e.editor)
            .collect();
        assert_eq!(editors, vec!["bob", "alice"]);
        fs::write(&path, b"\xFF\xFE\nnot json\n").expect("garbage");
        assert_eq!(log.recent(10).expect("recent"), vec![]);
    }

    #[cfg(unix)]
    #[test]
    fn the_log_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let data = tempfile::tempdir().expect("temporary folder");
        let log = AuditLog::open(data.path()).expect("open");
        log.append(&entry("alice", "login", "", None, None, at(0)))
            .expect("append");
        let mode = fs::metadata(data.path().join("desk/audit.log"))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
