//! The store against real folders: the fixture under `tests/fixtures/site`, copied into a
//! temporary folder so tests can change it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use store::{
    ArticleFilter, ArticleState, ContentError, Flags, ListKey, Listing, NewArticle, Part, Store,
};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site"),
        dir.path(),
    );
    dir
}

/// Writes a file the way an editor's tool should: a temporary file renamed into place.
fn write_atomically(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    let temp = path.with_extension("tmp");
    fs::write(&temp, text).expect("write temp");
    fs::rename(&temp, path).expect("rename");
}

fn article(id: u64, title: &str, date: &str, category: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\n+++\n\n{title}的正文。\n"
    )
}

/// Polls until `done` holds; the watcher applies changes within a second, the margin is for
/// a loaded machine.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn titles(store: &Store, listing: Listing<'_>) -> Vec<String> {
    store
        .list(listing, 0, 100)
        .items
        .iter()
        .map(|a| a.title.clone())
        .collect()
}

fn problem_for<'a>(problems: &'a [ContentError], file: &str) -> &'a ContentError {
    problems
        .iter()
        .find(|p| p.path.ends_with(file))
        .unwrap_or_else(|| panic!("no problem reported for {file}: {problems:?}"))
}

#[test]
fn loads_the_good_files_and_names_every_bad_one() {
    let dir = fixture();
    let (store, problems) = Store::open(dir.path()).expect("usable folder");

    assert_eq!(
        titles(&store, Listing::All),
        ["封面不存在", "第二篇", "第一篇"]
    );
    assert_eq!(
        titles(&store, Listing::Category("news")),
        ["封面不存在", "第一篇"]
    );
    assert_eq!(titles(&store, Listing::Slides), ["第一篇"]);
    assert!(store.article(3).is_none(), "drafts are not published");

    let expectations: &[(&str, Option<usize>, &str)] = &[
        (
            "bad-category.md",
            None,
            "category \"sports\" is not in site.toml; use one of: news, notices",
        ),
        ("duplicate.md", None, "id 1 is already used by"),
        (
            "missing-cover.md",
            None,
            "cover image media/covers/nowhere.png does not exist",
        ),
        ("no-fence.md", Some(1), "Did you forget to add `+++`?"),
        ("typo.md", Some(6), "unknown field `catgory`"),
        ("not-utf8.md", Some(3), "not valid UTF-8"),
    ];
    for (file, line, message) in expectations {
        let problem = problem_for(&problems, file);
        assert_eq!(problem.line, *line, "{problem}");
        assert!(problem.message.contains(message), "{problem}");
    }
    assert_eq!(problems.len(), expectations.len(), "{problems:#?}");

    let kept = store
        .article(5)
        .expect("article with a missing cover is kept");
    assert_eq!(kept.cover, None);
}

#[test]
fn bodies_are_sanitized_html() {
    let dir = fixture();
    let (store, _) = Store::open(dir.path()).expect("usable folder");
    let article = store.article(2).expect("article 2");
    assert_eq!(article.summary, "自己的摘要");
    let html = store.body_html(&article).expect("body");
    assert!(html.starts_with("<p>第二篇的正文，带"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
}

#[test]
fn an_unusable_folder_is_an_error() {
    let missing = Store::open("/nonexistent/content")
        .err()
        .expect("missing folder");
    assert!(
        missing.to_string().contains("/nonexistent/content"),
        "{missing}"
    );

    let dir = fixture();
    fs::write(dir.path().join("site.toml"), "name = 1\n").expect("write");
    let broken = Store::open(dir.path()).err().expect("broken site.toml");
    assert!(broken.to_string().contains("site.toml:1:"), "{broken}");
}

#[test]
fn the_watcher_follows_adds_edits_renames_and_deletes() {
    let dir = fixture();
    // Another file claims id 1; with it gone, article 1 has a single home to follow.
    fs::remove_file(dir.path().join("articles/2026/10/duplicate.md")).expect("remove duplicate");
    let (store, _) = Store::open(dir.path()).expect("usable folder");
    let store = Arc::new(store);
    let _watcher = store::watch(store.clone()).expect("watcher");
    let root: PathBuf = store.root().to_path_buf();
    let news = |store: &Store| titles(store, Listing::Category("news"));

    // Add.
    let added = root.join("articles/2026/11/10.md");
    write_atomically(
        &added,
        &article(10, "新增", "2026-11-01T09:00:00+08:00", "news"),
    );
    eventually("a new file is indexed", || store.article(10).is_some());
    assert_eq!(news(&store)[0], "新增");

    // Edit: the metadata and the body both change (no stale cached body).
    let first = store.article(10).expect("added");
    assert!(
        store
            .body_html(&first)
            .expect("body")
            .contains("新增的正文")
    );
    write_atomically(
        &added,
        &article(10, "改过", "2026-11-01T09:00:00+08:00", "news"),
    );
    eventually("an edit is indexed", || {
        store.article(10).is_some_and(|a| a.title == "改过")
    });
    let edited = store.article(10).expect("edited");
    assert!(
        store
            .body_html(&edited)
            .expect("body")
            .contains("改过的正文")
    );

    // Move it to a name that sorts before the old one (both paths change in one batch).
    let moved = root.join("articles/2026/11/0-moved.md");
    fs::rename(&added, &moved).expect("move");
    eventually("a moved file keeps its article", || {
        store.article(10).is_some_and(|a| a.path == moved)
    });
    fs::rename(&moved, &added).expect("move back");
    eventually("a file moved back keeps its article", || {
        store.article(10).is_some_and(|a| a.path == added)
    });

    // A broken edit takes the article out and the rest keeps serving.
    write_atomically(&added, "+++\nid = 10\n");
    eventually("a broken file leaves the index", || {
        store.article(10).is_none()
    });
    assert!(store.article(1).is_some());

    // Rename a folder: its articles move with it.
    fs::rename(
        root.join("articles/2026/09"),
        root.join("articles/2026/september"),
    )
    .expect("rename folder");
    eventually("a renamed folder is re-read", || {
        store
            .article(1)
            .is_some_and(|a| a.path.starts_with(root.join("articles/2026/september")))
    });

    // Delete.
    fs::remove_file(root.join("articles/2026/september/1.md")).expect("delete");
    eventually("a deleted file leaves the index", || {
        store.article(1).is_none()
    });

    // site.toml: a new category appears, and editors' temporary files are ignored.
    let site = fs::read_to_string(root.join("site.toml")).expect("site");
    write_atomically(
        &root.join("site.toml"),
        &format!("{site}\n[[categories]]\nslug = \"extra\"\nname = \"新栏目\"\n"),
    );
    eventually("a site.toml change is applied", || {
        store.site().category("extra").is_some()
    });
    fs::write(
        root.join("articles/.12.md"),
        article(12, "隐藏文件", "2026-11-03T09:00:00+08:00", "news"),
    )
    .expect("hidden file");
    write_atomically(
        &root.join("articles/11.md"),
        &article(11, "新栏目文章", "2026-11-02T09:00:00+08:00", "extra"),
    );
    eventually("an article in the new category is indexed", || {
        titles(&store, Listing::Category("extra")) == ["新栏目文章"]
    });
    assert!(
        store.article(12).is_none(),
        "hidden files are editors' temporary files, not articles"
    );
}

#[test]
fn stamps_name_exactly_the_parts_a_change_touched() {
    let dir = fixture();
    let (store, _) = Store::open(dir.path()).expect("opens");
    let root = store.root().to_path_buf();
    let file = root.join("articles/2026/09/1.md");
    let news = || Part::Listing(ListKey::Category("news".into()));
    let notices = || Part::Listing(ListKey::Category("notices".into()));

    // A body edit: only the article itself (with a summary of its own: a summary taken
    // from the body would change with it, and so would the card).
    let text = fs::read_to_string(&file).expect("read").replacen(
        "slide = true",
        "slide = true\nsummary = \"摘要\"",
        1,
    );
    write_atomically(&file, &text);
    assert!(store.apply_changes(std::slice::from_ref(&file)).is_empty());
    let start = store.stamp();
    write_atomically(&file, &format!("{text}\n另一段。\n"));
    assert!(store.apply_changes(std::slice::from_ref(&file)).is_empty());
    assert!(!store.unchanged_since(start, &[Part::Article(1)]));
    assert!(store.unchanged_since(start, &[Part::Card(1), news(), Part::Article(2)]));

    // A new article in `notices`: that listing and 全部, not `news`.
    let start = store.stamp();
    let added = root.join("articles/2026/10/9.md");
    write_atomically(
        &added,
        &article(9, "新的通知", "2026-10-09T08:00:00+08:00", "notices"),
    );
    assert!(store.apply_changes(std::slice::from_ref(&added)).is_empty());
    assert!(!store.unchanged_since(start, &[notices()]));
    assert!(!store.unchanged_since(start, &[Part::Listing(ListKey::All)]));
    assert!(store.unchanged_since(start, &[news(), Part::Card(1)]));

    // Deleting it changes the same listings back.
    let start = store.stamp();
    fs::remove_file(&added).expect("delete");
    assert!(store.apply_changes(std::slice::from_ref(&added)).is_empty());
    assert!(!store.unchanged_since(start, &[notices()]));
    assert!(!store.unchanged_since(start, &[Part::Card(9)]));

    // A full reload outdates everything read before it.
    let start = store.stamp();
    assert!(store.unchanged_since(start, &[news()]));
    store.reload();
    assert!(!store.unchanged_since(start, &[]));
}

fn new_article(id: u64, date: &str) -> NewArticle {
    NewArticle {
        id,
        title: "读者投稿".into(),
        date: chrono::DateTime::parse_from_rfc3339(date).expect("date"),
        category: "news".into(),
        author: Some("读者".into()),
        source: None,
        summary: None,
        cover: None,
        headline: false,
        recommended: false,
        slide: false,
        contributed: true,
    }
}

#[test]
fn written_articles_show_at_once_and_again_harmlessly() {
    let dir = fixture();
    let (store, _) = Store::open(dir.path()).expect("opens");
    let root = store.root().to_path_buf();
    let id = store.next_id();
    let count = store.len() + 1;
    assert!(
        store.any_article(3).is_some_and(|a| a.draft),
        "drafts count"
    );
    assert_eq!(id, 6, "one more than the largest id in the index");

    // A month with no folder yet: the file's own path is enough, no folder event needed.
    let body = "\n<script>alert(1)</script>\n\n[链接](https://a.example)\n";
    let path = store::write_new_article(&root, &new_article(id, "2026-12-01T09:00:00+08:00"), body)
        .expect("written");
    assert_eq!(path, root.join("articles/2026/12/6.md"));
    assert!(store.apply_changes(std::slice::from_ref(&path)).is_empty());
    let article = store.article(id).expect("indexed at once");
    assert!(article.contributed);
    assert_eq!(titles(&store, Listing::All)[0], "读者投稿");

    // A contribution's body is rendered under the stricter rules.
    let html = store.body_html(&article).expect("body");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(
        html.contains("rel=\"nofollow ugc noopener external\""),
        "{html}"
    );

    // The watcher reports the same file, and the new folder, later: no harm done.
    let folder = root.join("articles/2026/12");
    for later in [vec![path.clone()], vec![folder, path.clone()]] {
        store.apply_changes(&later);
        assert_eq!(
            store.article(id).map(|a| a.path.clone()),
            Some(path.clone())
        );
        assert_eq!(store.len(), count);
        assert_eq!(
            store
                .body_html(&store.article(id).expect("kept"))
                .expect("body"),
            html
        );
    }

    // Flags set on disk reach the listings with the same call.
    let flags = Flags {
        headline: true,
        ..Flags::default()
    };
    store::set_flags(&path, flags).expect("flags set");
    assert!(store.apply_changes(std::slice::from_ref(&path)).is_empty());
    assert_eq!(titles(&store, Listing::Headlines), ["读者投稿"]);
    let headlines = ArticleFilter {
        state: ArticleState::Headline,
        ..ArticleFilter::default()
    };
    assert_eq!(store.find(&headlines, 0, 10).total, 1);

    // Drafted: gone from the public pages, still on the editors' list.
    store::set_flags(
        &path,
        Flags {
            draft: true,
            ..flags
        },
    )
    .expect("drafted");
    assert!(store.apply_changes(std::slice::from_ref(&path)).is_empty());
    assert!(store.article(id).is_none());
    let drafts = ArticleFilter {
        state: ArticleState::Draft,
        ..ArticleFilter::default()
    };
    let found: Vec<u64> = store
        .find(&drafts, 0, 10)
        .items
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(found, [6, 3]);
    assert_eq!(store.next_id(), 7);
}
