//! Keeping the index in step with the folder while the server runs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use crate::{Store, StoreError};

/// After the first event of a burst, wait this long for quiet before applying the changes
/// (an editor's save or a `git pull` is many events), but never longer than `MAX_DELAY`, so
/// a change reaches the index well within a second.
const QUIET: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_millis(400);

/// Watches a store's folder until dropped.
pub struct Watcher {
    _watcher: notify::RecommendedWatcher,
}

/// Starts watching the store's content folder on a thread of its own. Problems found in
/// changed files are logged as warnings naming the file.
pub fn watch(store: Arc<Store>) -> Result<Watcher, StoreError> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    watcher.watch(store.root(), RecursiveMode::Recursive)?;
    thread::Builder::new()
        .name("content-watcher".into())
        .spawn(move || apply_batches(&store, &receiver))
        .map_err(|e| StoreError::Watch(notify::Error::io(e)))?;
    Ok(Watcher { _watcher: watcher })
}

type EventResult = notify::Result<notify::Event>;

/// Runs until the watcher is dropped (which closes the channel).
fn apply_batches(store: &Store, receiver: &mpsc::Receiver<EventResult>) {
    while let Ok(first) = receiver.recv() {
        let mut batch = Batch::default();
        batch.add(first);
        let deadline = Instant::now() + MAX_DELAY;
        loop {
            let wait = QUIET.min(deadline.saturating_duration_since(Instant::now()));
            match receiver.recv_timeout(wait) {
                Ok(event) => batch.add(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let problems = if batch.rescan {
            tracing::info!("content folder changed in a way that needs a full reload");
            store.reload()
        } else {
            store.apply_changes(&batch.paths)
        };
        for problem in problems {
            tracing::warn!(file = %problem.path.display(), line = ?problem.line, "{}", problem.message);
        }
    }
}

#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    rescan: bool,
}

impl Batch {
    fn add(&mut self, event: EventResult) {
        match event {
            Ok(event) if event.need_rescan() => self.rescan = true,
            Ok(event) => {
                if !event.kind.is_access() {
                    self.paths.extend(event.paths);
                }
            }
            Err(error) => {
                tracing::warn!(%error, "content watcher error; reloading the folder");
                self.rescan = true;
            }
        }
    }
}
