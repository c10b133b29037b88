//! The counter against real files in a temporary folder, with a clock the tests move.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use views::{
    ArticleId, Catalog, CounterConfig, ManualClock, Recorded, ViewCounter, ViewsError, Visit,
    Window,
};

/// 2026-11-28 12:00 UTC.
const START: u64 = 1_795_867_200;
const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

#[derive(Default)]
struct Categories {
    groups: Mutex<HashMap<ArticleId, &'static str>>,
    generation: AtomicU64,
}

impl Categories {
    fn with(entries: &[(ArticleId, &'static str)]) -> Arc<Categories> {
        let categories = Categories::default();
        categories
            .groups
            .lock()
            .expect("lock")
            .extend(entries.iter().copied());
        Arc::new(categories)
    }

    fn set(&self, id: ArticleId, group: Option<&'static str>) {
        let mut groups = self.groups.lock().expect("lock");
        match group {
            Some(group) => groups.insert(id, group),
            None => groups.remove(&id),
        };
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

impl Catalog for Categories {
    fn group_of(&self, id: ArticleId) -> Option<Arc<str>> {
        self.groups
            .lock()
            .expect("lock")
            .get(&id)
            .map(|&g| Arc::from(g))
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// Flushing only when a test says so (the background tick is an hour away).
fn quiet() -> CounterConfig {
    CounterConfig {
        flush_every: Duration::from_secs(3600),
        ..CounterConfig::default()
    }
}

/// Writing a snapshot at every flush that wrote anything.
fn compacting_every_flush() -> CounterConfig {
    CounterConfig {
        compact_at_log_bytes: 1,
        ..quiet()
    }
}

struct Fixture {
    folder: tempfile::TempDir,
    clock: Arc<ManualClock>,
    catalog: Arc<Categories>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            folder: tempfile::tempdir().expect("temporary folder"),
            clock: Arc::new(ManualClock::at(START)),
            catalog: Categories::with(&[(1, "news"), (2, "news"), (3, "culture")]),
        }
    }

    fn open_with(&self, config: CounterConfig) -> (ViewCounter, Vec<views::StoredProblem>) {
        ViewCounter::open(
            self.folder.path(),
            self.clock.clone(),
            self.catalog.clone(),
            config,
        )
        .expect("the counter opens")
    }

    fn open(&self) -> ViewCounter {
        let (counter, problems) = self.open_with(quiet());
        assert_eq!(problems, vec![], "no problems expected");
        counter
    }

    fn logs(&self) -> Vec<String> {
        let mut logs: Vec<String> = fs::read_dir(self.folder.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("log."))
            .collect();
        logs.sort();
        logs
    }
}

fn view(counter: &ViewCounter, article: ArticleId, visitor: &str) -> Recorded {
    counter.record(Visit {
        article,
        visitor,
        user_agent: BROWSER,
    })
}

#[test]
fn views_show_after_the_flush_and_survive_a_restart() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    for visitor in ["a", "b", "c"] {
        assert_eq!(view(&counter, 1, visitor), Recorded::Counted);
    }
    assert_eq!(view(&counter, 2, "a"), Recorded::Counted);
    assert_eq!(counter.views(1, Window::All), 0, "not before the flush");
    counter.flush().expect("flush");
    assert_eq!(counter.views(1, Window::All), 3);
    assert_eq!(counter.top(Window::Day, None, 10), vec![(1, 3), (2, 1)]);
    drop(counter);

    let counter = fixture.open();
    assert_eq!(counter.views(1, Window::All), 3);
    assert_eq!(counter.views(2, Window::Day), 1);
    assert_eq!(
        counter.top(Window::Day, Some("news"), 10),
        vec![(1, 3), (2, 1)]
    );
}

#[test]
fn a_clean_close_writes_what_was_not_flushed_yet() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    view(&counter, 3, "a");
    view(&counter, 3, "b");
    counter.close();
    drop(counter);
    assert_eq!(fixture.open().views(3, Window::All), 2);
}

#[test]
fn the_background_flush_runs_on_its_own() {
    let fixture = Fixture::new();
    let (counter, _) = fixture.open_with(CounterConfig {
        flush_every: Duration::from_millis(20),
        ..CounterConfig::default()
    });
    view(&counter, 1, "a");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while counter.views(1, Window::All) == 0 {
        assert!(std::time::Instant::now() < deadline, "never flushed");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn bots_and_repeat_views_are_not_counted() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    assert_eq!(view(&counter, 1, "a"), Recorded::Counted);
    assert_eq!(view(&counter, 1, "a"), Recorded::Repeat);
    fixture.clock.advance(29 * 60);
    assert_eq!(view(&counter, 1, "a"), Recorded::Repeat);
    fixture.clock.advance(60);
    assert_eq!(
        view(&counter, 1, "a"),
        Recorded::Counted,
        "after 30 minutes"
    );
    let bot = counter.record(Visit {
        article: 1,
        visitor: "b",
        user_agent: "Mozilla/5.0 (compatible; Baiduspider/2.0)",
    });
    assert_eq!(bot, Recorded::Bot);
    counter.flush().expect("flush");
    assert_eq!(counter.views(1, Window::All), 2);
}

#[test]
fn windows_roll_over_with_the_clock() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    view(&counter, 1, "a");
    counter.flush().expect("flush");
    fixture.clock.advance(25 * 3600);
    view(&counter, 2, "a");
    counter.flush().expect("flush");
    assert_eq!(counter.views(1, Window::Day), 0);
    assert_eq!(counter.views(1, Window::Week), 1);
    assert_eq!(counter.top(Window::Day, None, 10), vec![(2, 1)]);
    assert_eq!(counter.top(Window::Week, None, 10), vec![(2, 1), (1, 1)]);
    drop(counter);
    // The restored tally ends its windows at the same hour.
    let counter = fixture.open();
    assert_eq!(counter.top(Window::Day, None, 10), vec![(2, 1)]);
}

#[test]
fn rankings_follow_category_changes_and_drop_unpublished_articles() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    view(&counter, 1, "a");
    view(&counter, 3, "a");
    counter.flush().expect("flush");
    assert_eq!(counter.top(Window::All, Some("culture"), 10), vec![(3, 1)]);
    fixture.catalog.set(1, Some("culture"));
    fixture.catalog.set(3, None);
    counter.flush().expect("flush");
    assert_eq!(counter.top(Window::All, Some("culture"), 10), vec![(1, 1)]);
    assert_eq!(counter.top(Window::All, None, 10), vec![(1, 1)]);
    assert_eq!(counter.views(3, Window::All), 1, "still counted");
}

#[test]
fn changes_count_only_flushes_that_change_what_readers_see() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    let before = counter.changes();
    counter.flush().expect("flush");
    assert_eq!(counter.changes(), before, "an empty flush changes nothing");
    view(&counter, 1, "a");
    counter.flush().expect("flush");
    let after_view = counter.changes();
    assert!(after_view > before, "a flush with a view is a change");
    assert_eq!(view(&counter, 1, "a"), Recorded::Repeat);
    counter.flush().expect("flush");
    assert_eq!(
        counter.changes(),
        after_view,
        "a repeat view is not a change"
    );
    // A category change of an article without views, then of one with views.
    fixture.catalog.set(2, Some("culture"));
    counter.flush().expect("flush");
    assert_eq!(
        counter.changes(),
        after_view,
        "article 2 has no counts to regroup"
    );
    fixture.catalog.set(1, Some("culture"));
    counter.flush().expect("flush");
    let after_regroup = counter.changes();
    assert!(
        after_regroup > after_view,
        "article 1 moved to another ranking"
    );
    // The hour turns: the day window may lose views.
    fixture.clock.advance(3600);
    counter.flush().expect("flush");
    assert!(counter.changes() > after_regroup, "a new hour is a change");
}

#[test]
fn a_cut_short_log_tail_is_reported_and_skipped() {
    let fixture = Fixture::new();
    let counter = fixture.open();
    view(&counter, 1, "a");
    view(&counter, 2, "a");
    counter.flush().expect("flush");
    drop(counter);
    let [log] = fixture.logs().try_into().expect("one log");
    let path = fixture.folder.path().join(log);
    let mut bytes = fs::read(&path).expect("read log");
    // A crash in the middle of the next line.
    bytes.extend_from_slice(b"496000 3 1");
    fs::write(&path, &bytes).expect("write log");

    let (counter, problems) = fixture.open_with(quiet());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, path);
    assert!(problems[0].message.contains("incomplete"));
    assert_eq!(counter.views(1, Window::All), 1);
    assert_eq!(counter.views(2, Window::All), 1);
    assert_eq!(counter.views(3, Window::All), 0);
    // The damaged log was folded into a snapshot and removed; the next start is clean.
    drop(counter);
    assert_eq!(fixture.open().views(1, Window::All), 1);
}

#[test]
fn compaction_folds_the_logs_into_the_snapshot() {
    let fixture = Fixture::new();
    let (counter, _) = fixture.open_with(compacting_every_flush());
    for round in 0..3 {
        view(&counter, 1, &format!("visitor {round}"));
        counter.flush().expect("flush");
    }
    assert!(fixture.folder.path().join("snapshot").is_file());
    assert_eq!(fixture.logs().len(), 1, "only the current, empty log");
    drop(counter);
    assert_eq!(fixture.open().views(1, Window::All), 3);
}

#[test]
fn a_damaged_snapshot_is_moved_aside_and_later_logs_still_count() {
    let fixture = Fixture::new();
    let (counter, _) = fixture.open_with(compacting_every_flush());
    view(&counter, 1, "a");
    counter.flush().expect("flush (compacts)");
    drop(counter);
    let counter = fixture.open();
    view(&counter, 2, "a");
    counter.flush().expect("flush into a log");
    drop(counter);
    let snapshot = fixture.folder.path().join("snapshot");
    let mut bytes = fs::read(&snapshot).expect("read snapshot");
    let last = bytes.len() - 3;
    bytes[last] ^= 1;
    fs::write(&snapshot, bytes).expect("damage snapshot");

    let (counter, problems) = fixture.open_with(quiet());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(counter.views(1, Window::All), 0, "lost with the snapshot");
    assert_eq!(
        counter.views(2, Window::All),
        1,
        "replayed from the later log"
    );
}

#[test]
fn a_damaged_snapshot_is_reported_and_does_not_stop_the_start() {
    let fixture = Fixture::new();
    write_damaged_snapshot(fixture.folder.path());
    let (counter, problems) = fixture.open_with(quiet());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("damaged"), "{problems:?}");
    assert_eq!(counter.views(1, Window::All), 0);
    let moved_aside = fs::read_dir(fixture.folder.path()).expect("list").any(|e| {
        e.expect("entry")
            .file_name()
            .to_string_lossy()
            .starts_with("snapshot.damaged-")
    });
    assert!(moved_aside);
}

fn write_damaged_snapshot(folder: &Path) {
    fs::write(
        folder.join("snapshot"),
        b"wenming-views 1\ncovers 3\nold 1 5\nend 00000000\n",
    )
    .expect("write snapshot");
}

#[test]
fn a_second_process_cannot_use_the_same_folder() {
    let fixture = Fixture::new();
    let _first = fixture.open();
    let second = ViewCounter::open(
        fixture.folder.path(),
        fixture.clock.clone(),
        fixture.catalog.clone(),
        quiet(),
    );
    assert!(matches!(second, Err(ViewsError::Busy { .. })));
}

#[test]
fn a_snapshot_that_cannot_be_read_stops_the_start() {
    let fixture = Fixture::new();
    // Reading a folder fails like a disk error would.
    fs::create_dir(fixture.folder.path().join("snapshot")).expect("a folder in the way");
    let opened = ViewCounter::open(
        fixture.folder.path(),
        fixture.clock.clone(),
        fixture.catalog.clone(),
        quiet(),
    );
    assert!(matches!(opened, Err(ViewsError::Folder { .. })));
    assert!(
        fixture.folder.path().join("snapshot").is_dir(),
        "left as it was"
    );
}

#[test]
fn a_snapshot_of_a_newer_version_is_left_alone() {
    let fixture = Fixture::new();
    let later = b"wenming-views 2\ncovers 1\nend 00000000\n";
    let path = fixture.folder.path().join("snapshot");
    fs::write(&path, later).expect("write snapshot");
    let opened = ViewCounter::open(
        fixture.folder.path(),
        fixture.clock.clone(),
        fixture.catalog.clone(),
        quiet(),
    );
    assert!(matches!(opened, Err(ViewsError::Snapshot { .. })));
    assert_eq!(fs::read(&path).expect("read"), later);
}

#[test]
fn leftovers_of_an_interrupted_snapshot_write_are_removed() {
    let fixture = Fixture::new();
    let leftover = fixture.folder.path().join(".snapshot.4242.tmp");
    fs::write(&leftover, b"half a snapshot").expect("write leftover");
    let _counter = fixture.open();
    assert!(!leftover.exists());
}
