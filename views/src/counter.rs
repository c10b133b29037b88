//! [`ViewCounter`]: recording views, the once-a-second flush to the log, compaction into
//! snapshots, and recovery at start-up.
//!
//! Files in the counter's folder:
//! - `log.<n>`: the append logs, one line per (hour, article) per flush;
//! - `snapshot`: the whole tally up to the end of log `covers`, replaced atomically;
//! - `lock`: held while a process uses the folder.
//!
//! Views reach the tally only after their log line is on disk, so the tally always equals
//! snapshot + logs, and a snapshot written from it covers exactly the logs so far.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::hash::Hash;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use store::durable::{sync_folder, write_atomically};

use crate::snapshot::{Snapshot, SnapshotError};
use crate::{
    ArticleId, Clock, Dedupe, Hour, LogEntry, StoredProblem, Tally, ViewsError, Window, decode_log,
    encode_entry, hour_of, is_bot,
};

const SNAPSHOT: &str = "snapshot";
const LOG_PREFIX: &str = "log.";
const LOCK: &str = "lock";

/// What the counter needs to know about articles: which group (category) each is ranked in.
pub trait Catalog: Send + Sync {
    /// The group `id` is ranked in; `None` keeps it out of the rankings (unknown, a draft).
    fn group_of(&self, id: ArticleId) -> Option<Arc<str>>;
    /// A number that changes whenever `group_of` may answer differently.
    fn generation(&self) -> u64;
}

#[derive(Debug, Clone, Copy)]
pub struct CounterConfig {
    /// How often recorded views are written to the log (and become visible).
    pub flush_every: Duration,
    /// How often the logs are folded into a snapshot...
    pub compact_every: Duration,
    /// ...or sooner, once the current log is this large.
    pub compact_at_log_bytes: u64,
    /// How long a visitor's repeated views of one article count once, in seconds.
    pub repeat_window: u64,
    /// How long one dedupe salt is used, in seconds.
    pub salt_lifetime: u64,
    /// The most visitor hashes held at once.
    pub dedupe_capacity: usize,
}

impl Default for CounterConfig {
    fn default() -> Self {
        CounterConfig {
            flush_every: Duration::from_secs(1),
            compact_every: Duration::from_secs(10 * 60),
            compact_at_log_bytes: 4 * 1024 * 1024,
            repeat_window: 30 * 60,
            salt_lifetime: 24 * 3600,
            dedupe_capacity: 1_000_000,
        }
    }
}

/// One page view as the server saw it.
#[derive(Debug, Clone, Copy)]
pub struct Visit<'a, V: Hash + ?Sized> {
    pub article: ArticleId,
    /// Who viewed it, as precisely as the server can tell (address and user agent); only
    /// ever kept as a salted hash.
    pub visitor: &'a V,
    pub user_agent: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Counted,
    /// The same visitor viewed the article within the repeat window.
    Repeat,
    /// A crawler or script, by its user agent.
    Bot,
}

pub struct ViewCounter {
    inner: Arc<Inner>,
    flusher: Mutex<Option<JoinHandle<()>>>,
}

struct Inner {
    folder: PathBuf,
    clock: Arc<dyn Clock>,
    catalog: Arc<dyn Catalog>,
    config: CounterConfig,
    pending: Mutex<Pending>,
    tally: RwLock<Tally>,
    /// Counts the flushes that changed what [`ViewCounter::views`] or [`ViewCounter::top`]
    /// may answer. Raised under the tally's write lock, before the change is visible.
    changes: AtomicU64,
    disk: Mutex<Disk>,
    stopping: Mutex<bool>,
    wake: Condvar,
    /// Held (and locked) for the counter's life.
    _lock: File,
}

struct Pending {
    dedupe: Dedupe,
    /// Views recorded since the last flush.
    batch: HashMap<(Hour, ArticleId), u64>,
}

struct Disk {
    generation: u64,
    log: File,
    log_bytes: u64,
    compacted_at: Instant,
    catalog_generation: u64,
}

impl ViewCounter {
    /// Opens (or creates) the counter's folder, restores the counts from the snapshot and
    /// the logs, and starts flushing. Damaged or cut-short records are skipped and returned.
    pub fn open(
        folder: impl AsRef<Path>,
        clock: Arc<dyn Clock>,
        catalog: Arc<dyn Catalog>,
        config: CounterConfig,
    ) -> Result<(ViewCounter, Vec<StoredProblem>), ViewsError> {
        let folder = folder.as_ref().to_path_buf();
        let folder_error = |source| ViewsError::Folder {
            path: folder.clone(),
            source,
        };
        fs::create_dir_all(&folder).map_err(folder_error)?;
        if let Some(parent) = folder.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_folder(parent).map_err(folder_error)?;
        }
        let lock = File::create(folder.join(LOCK)).map_err(folder_error)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(ViewsError::Busy { path: folder }),
            Err(TryLockError::Error(source)) => return Err(folder_error(source)),
        }

        let now = clock.now();
        let mut tally = Tally::new(hour_of(now));
        let mut problems = Vec::new();
        remove_temporary_files(&folder);
        let covers = restore_snapshot(&folder, &mut tally, now, &mut problems)?;
        let logs = log_generations(&folder).map_err(folder_error)?;
        let newest = logs.last().copied().unwrap_or(0).max(covers);
        for &generation in logs.iter().filter(|&&g| g > covers) {
            let path = log_path(&folder, generation);
            let bytes = fs::read(&path).map_err(|source| ViewsError::Folder {
                path: path.clone(),
                source,
            })?;
            let (entries, found) = decode_log(&bytes);
            for entry in entries {
                tally.add(entry.hour, entry.id, entry.views);
            }
            problems.extend(found.into_iter().map(|problem| StoredProblem {
                path: path.clone(),
                line: Some(problem.line),
                message: problem.message,
            }));
        }
        let catalog_generation = catalog.generation();
        let ids: Vec<_> = tally.ids().collect();
        for id in ids {
            tally.set_group(id, catalog.group_of(id));
        }

        let mut disk = Disk {
            generation: newest + 1,
            log: open_log(&folder, newest + 1)?,
            log_bytes: 0,
            compacted_at: Instant::now(),
            catalog_generation,
        };
        // Fold what was replayed into a fresh snapshot now, so that start-up work and the
        // files on disk stay small, and no log written before a crash is ever appended to.
        if !logs.is_empty() || !problems.is_empty() {
            let snapshot = Snapshot::of(&tally, newest).encode();
            compact_through(&folder, &snapshot, &mut disk, newest)?;
        }
        let inner = Arc::new(Inner {
            pending: Mutex::new(Pending {
                dedupe: Dedupe::new(
                    config.repeat_window,
                    config.salt_lifetime,
                    config.dedupe_capacity,
                    now,
                ),
                batch: HashMap::new(),
            }),
            tally: RwLock::new(tally),
            changes: AtomicU64::new(0),
            disk: Mutex::new(disk),
            folder,
            clock,
            catalog,
            config,
            stopping: Mutex::new(false),
            wake: Condvar::new(),
            _lock: lock,
        });
        let flusher = {
            let inner = inner.clone();
            std::thread::Builder::new()
                .name("view-flusher".into())
                .spawn(move || inner.flush_until_stopped())
                .map_err(ViewsError::Thread)?
        };
        Ok((
            ViewCounter {
                inner,
                flusher: Mutex::new(Some(flusher)),
            },
            problems,
        ))
    }

    /// Counts a view unless it comes from a bot or repeats the visitor's recent view. The
    /// caller checks that the article exists: nothing else here bounds the ids.
    pub fn record<V: Hash + ?Sized>(&self, visit: Visit<'_, V>) -> Recorded {
        if is_bot(visit.user_agent) {
            return Recorded::Bot;
        }
        let now = self.inner.clock.now();
        let mut pending = self.inner.pending_lock();
        if !pending
            .dedupe
            .first_view(&(visit.visitor, visit.user_agent), visit.article, now)
        {
            return Recorded::Repeat;
        }
        *pending
            .batch
            .entry((hour_of(now), visit.article))
            .or_default() += 1;
        Recorded::Counted
    }

    /// The article's views in `window`, as of the last flush.
    pub fn views(&self, article: ArticleId, window: Window) -> u64 {
        self.inner.tally_read().views(article, window)
    }

    /// The most viewed articles in `window`, site-wide or in one group, as of the last flush.
    pub fn top(&self, window: Window, group: Option<&str>, limit: usize) -> Vec<(ArticleId, u64)> {
        self.inner.tally_read().top(window, group, limit)
    }

    /// A number that changes whenever the counts or rankings may have changed (a flush with
    /// views in it, a new hour, a category change), so that anything derived from them can
    /// tell whether it is still current. Read it *before* reading the counts.
    pub fn changes(&self) -> u64 {
        self.inner.changes.load(Ordering::Acquire)
    }

    /// Writes the views recorded so far now, rather than at the next tick.
    pub fn flush(&self) -> Result<(), ViewsError> {
        self.inner.flush()
    }

    /// Stops the flusher after a last flush, so that nothing recorded is lost. Also done on
    /// drop.
    pub fn close(&self) {
        *self
            .inner
            .stopping
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = true;
        self.inner.wake.notify_all();
        let flusher = self
            .flusher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(flusher) = flusher
            && flusher.join().is_err()
        {
            tracing::error!("the view flusher panicked");
        }
    }
}

impl Drop for ViewCounter {
    fn drop(&mut self) {
        self.close();
    }
}

impl Inner {
    /// Flushes at a fixed rate (a slow flush does not push the next one back), and once
    /// more when stopping.
    fn flush_until_stopped(&self) {
        let mut next = Instant::now() + self.config.flush_every;
        loop {
            let stopping = {
                let stopping = self.stopping.lock().unwrap_or_else(PoisonError::into_inner);
                let wait = next.saturating_duration_since(Instant::now());
                let (stopping, _) = self
                    .wake
                    .wait_timeout_while(stopping, wait, |stop| !*stop)
                    .unwrap_or_else(PoisonError::into_inner);
                *stopping
            };
            if let Err(error) = self.flush() {
                tracing::error!(%error, "cannot write view counts");
            }
            if stopping {
                return;
            }
            next += self.config.flush_every;
            let now = Instant::now();
            if next < now {
                next = now + self.config.flush_every;
            }
        }
    }

    fn flush(&self) -> Result<(), ViewsError> {
        let mut disk = self.disk_lock();
        let batch = std::mem::take(&mut self.pending_lock().batch);
        let ids: Vec<ArticleId> = batch.keys().map(|&(_, id)| id).collect();
        if !batch.is_empty() {
            self.append(&mut disk, &batch)?;
        }
        // Groups are looked up before the tally is locked: the catalog has locks of its own.
        let catalog_generation = self.catalog.generation();
        let regroup: Vec<ArticleId> = if catalog_generation != disk.catalog_generation {
            disk.catalog_generation = catalog_generation;
            let mut all: Vec<_> = self.tally_read().ids().collect();
            all.extend(ids);
            all
        } else {
            ids
        };
        let groups: Vec<_> = regroup
            .into_iter()
            .map(|id| (id, self.catalog.group_of(id)))
            .collect();
        {
            let mut tally = self.tally.write().unwrap_or_else(PoisonError::into_inner);
            let hour = hour_of(self.clock.now());
            let mut changed = !batch.is_empty() || hour > tally.now();
            tally.advance(hour);
            for ((hour, id), views) in batch {
                tally.add(hour, id, views);
            }
            for (id, group) in groups {
                changed |= tally.set_group(id, group);
            }
            // Still under the write lock: nobody has seen the change yet.
            if changed {
                self.changes.fetch_add(1, Ordering::AcqRel);
            }
        }
        let due = disk.log_bytes >= self.config.compact_at_log_bytes
            || (disk.log_bytes > 0 && disk.compacted_at.elapsed() >= self.config.compact_every);
        if due {
            let through = disk.generation;
            // Encoded under the lock, written without it: readers wait for memory, not disk.
            let snapshot = Snapshot::of(&self.tally_read(), through).encode();
            compact_through(&self.folder, &snapshot, &mut disk, through)?;
        }
        Ok(())
    }

    /// Appends to the current log and waits for the disk. A failed append is never
    /// retried into the same file (after a failed sync, what reached the disk is unknown):
    /// the log is cut back to where it was and left, and later appends go to a new log. The
    /// batch is put back for the next flush only when the cut succeeded; otherwise some of
    /// its lines may be on disk, and retrying could count them twice, so it is dropped.
    fn append(
        &self,
        disk: &mut Disk,
        batch: &HashMap<(Hour, ArticleId), u64>,
    ) -> Result<(), ViewsError> {
        let mut bytes = Vec::with_capacity(batch.len() * 32);
        for (&(hour, id), &views) in batch {
            encode_entry(LogEntry { hour, id, views }, &mut bytes);
        }
        let path = log_path(&self.folder, disk.generation);
        let written = disk
            .log
            .write_all(&bytes)
            .and_then(|()| disk.log.sync_data());
        let source = match written {
            Ok(()) => {
                disk.log_bytes += bytes.len() as u64;
                return Ok(());
            }
            Err(source) => source,
        };
        let undone = disk
            .log
            .set_len(disk.log_bytes)
            .and_then(|()| disk.log.sync_data())
            .is_ok();
        if undone {
            let mut pending = self.pending_lock();
            for (&key, &views) in batch {
                let kept = pending.batch.entry(key).or_default();
                *kept = kept.saturating_add(views);
            }
        } else {
            let lost: u64 = batch.values().sum();
            tracing::error!(lost, path = %path.display(), "views dropped: a failed write to the view log could not be undone");
        }
        if let Ok(log) = open_log(&self.folder, disk.generation + 1) {
            disk.log = log;
            disk.generation += 1;
            disk.log_bytes = 0;
        }
        Err(ViewsError::Write { path, source })
    }

    fn pending_lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn disk_lock(&self) -> MutexGuard<'_, Disk> {
        self.disk.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn tally_read(&self) -> std::sync::RwLockReadGuard<'_, Tally> {
        self.tally.read().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Moves appends on to a new log, writes `snapshot` (the tally as of the end of log
/// `through`), then removes the logs it covers. In that order, a failure at any step leaves
/// every view either in the snapshot or in a log it does not cover.
fn compact_through(
    folder: &Path,
    snapshot: &[u8],
    disk: &mut Disk,
    through: u64,
) -> Result<(), ViewsError> {
    if disk.generation <= through {
        disk.log = open_log(folder, through + 1)?;
        disk.generation = through + 1;
        disk.log_bytes = 0;
    }
    // Not retried at every flush if the disk is full: at the next period.
    disk.compacted_at = Instant::now();
    let path = folder.join(SNAPSHOT);
    write_atomically(&path, snapshot).map_err(|source| ViewsError::Write { path, source })?;
    let covered = log_generations(folder)
        .unwrap_or_default()
        .into_iter()
        .filter(|&g| g <= through);
    for generation in covered {
        let path = log_path(folder, generation);
        if let Err(error) = fs::remove_file(&path) {
            tracing::warn!(path = %path.display(), %error, "cannot remove a compacted view log");
        }
    }
    sync_folder(folder).map_err(|source| ViewsError::Write {
        path: folder.to_path_buf(),
        source,
    })
}

/// Temporary files of snapshot writes cut short by a crash.
fn remove_temporary_files(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Reads the snapshot into `tally` and returns the last log generation it covers. A
/// snapshot that cannot be read stops the start (a passing error must not become lost
/// counts); a damaged one is moved aside and reported, and the logs after it still count.
fn restore_snapshot(
    folder: &Path,
    tally: &mut Tally,
    now: u64,
    problems: &mut Vec<StoredProblem>,
) -> Result<u64, ViewsError> {
    let path = folder.join(SNAPSHOT);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(ViewsError::Folder { path, source }),
    };
    let message = match Snapshot::decode(&bytes) {
        Ok(snapshot) => {
            snapshot.replay_into(tally);
            return Ok(snapshot.covers);
        }
        Err(SnapshotError::NewerFormat(header)) => {
            return Err(ViewsError::Snapshot {
                path,
                message: format!("written by a newer version of wenming ({header:?})"),
            });
        }
        Err(SnapshotError::Damaged(message)) => message,
    };
    let aside = folder.join(format!("{SNAPSHOT}.damaged-{now}"));
    fs::rename(&path, &aside).map_err(|source| ViewsError::Folder {
        path: path.clone(),
        source,
    })?;
    problems.push(StoredProblem {
        path,
        line: None,
        message: format!(
            "the snapshot is damaged ({message}); its counts are lost, the file is kept as {}",
            aside.display()
        ),
    });
    Ok(0)
}

fn log_path(folder: &Path, generation: u64) -> PathBuf {
    folder.join(format!("{LOG_PREFIX}{generation}"))
}

/// The generations of the logs in `folder`, oldest first.
fn log_generations(folder: &Path) -> std::io::Result<Vec<u64>> {
    let mut generations: Vec<u64> = fs::read_dir(folder)?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name();
            name.to_str()?.strip_prefix(LOG_PREFIX)?.parse().ok()
        })
        .collect();
    generations.sort_unstable();
    Ok(generations)
}

fn open_log(folder: &Path, generation: u64) -> Result<File, ViewsError> {
    let path = log_path(folder, generation);
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|source| ViewsError::Write {
            path: path.clone(),
            source,
        })?;
    sync_folder(folder).map_err(|source| ViewsError::Write { path, source })?;
    Ok(log)
}
