//! The `wenming` binary as an operator runs it: started, fed views, killed or stopped, and
//! started again over the same data folder; and serving while an editor changes files.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// An article of the fixture site.
const ARTICLE: u64 = 1;

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts the server on a free port; tries another port if the one picked was taken
    /// in the meantime.
    fn start(data: &Path) -> Server {
        Server::start_on(&fixture_site(), data)
    }

    /// Serves the content folder `content`.
    fn start_on(content: &Path, data: &Path) -> Server {
        Server::start_with(content, data, &[])
    }

    /// Serves `content` with more command-line flags.
    fn start_with(content: &Path, data: &Path, flags: &[&str]) -> Server {
        for _ in 0..3 {
            if let Some(server) = Server::try_start(content, data, flags) {
                return server;
            }
        }
        panic!("the server did not start (see its log above)");
    }

    fn try_start(content: &Path, data: &Path, flags: &[&str]) -> Option<Server> {
        let addr = free_address();
        let child = Command::new(env!("CARGO_BIN_EXE_wenming"))
            .arg("serve")
            .arg("--content")
            .arg(content)
            .arg("--data")
            .arg(data)
            .arg("--site-root")
            .arg(data.join("no-site"))
            .arg("--addr")
            .arg(addr.to_string())
            .args(flags)
            .env("RUST_LOG", "warn")
            .env("LEPTOS_OUTPUT_NAME", "wenming")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start wenming");
        let mut server = Server { child, addr };
        let deadline = Instant::now() + Duration::from_secs(30);
        while request(addr, "GET /healthz HTTP/1.1\r\n").is_none() {
            if server.child.try_wait().expect("child status").is_some() {
                return None;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not start in 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(server)
    }

    /// `kill -9`: no chance to flush.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }

    /// SIGTERM, as a service manager stops it; waits for a clean exit.
    fn stop(mut self) {
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill -TERM");
        assert!(status.success());
        let exit = self.child.wait().expect("wait");
        assert!(exit.success(), "{exit:?}");
    }

    /// The article's 点击数 as its page shows it.
    fn shown_views(&self) -> u64 {
        let page = request(self.addr, &format!("GET /article/{ARTICLE} HTTP/1.1\r\n"))
            .expect("the article page");
        let after = page
            .split(r#"data-views=""#)
            .nth(1)
            .unwrap_or_else(|| panic!("no view count on the page: {page}"));
        after
            .split('"')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fixture_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/site")
}

fn free_address() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
}

/// One HTTP/1.1 exchange; the response text, or None when the server is not reachable.
fn request(addr: SocketAddr, request_line_and_headers: &str) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let text = format!(
        "{request_line_and_headers}Host: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    );
    stream.write_all(text.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// A view from reader number `reader` (each has its own user agent, so each counts).
fn view(addr: SocketAddr, reader: u64) -> bool {
    view_of(addr, ARTICLE, reader)
}

fn view_of(addr: SocketAddr, article: u64, reader: u64) -> bool {
    let response = request(
        addr,
        &format!(
            "POST /views/{article} HTTP/1.1\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/{reader}.0\r\n"
        ),
    );
    response.is_some_and(|r| r.starts_with("HTTP/1.1 204"))
}

#[test]
fn after_kill_9_at_most_the_last_second_of_views_is_lost() {
    let data = tempfile::tempdir().expect("data folder");
    let server = Server::start(data.path());
    for reader in 0..20 {
        assert!(view(server.addr, reader));
    }
    // Shown once flushed, that is, once on disk.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.shown_views() < 20 {
        assert!(Instant::now() < deadline, "the views never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.shown_views(), 20);

    // Keep recording while the process is killed, at whatever point that falls.
    let addr = server.addr;
    let acknowledged = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let sender = {
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut reader = 1000;
            while !stop.load(Ordering::SeqCst) && view(addr, reader) {
                acknowledged.fetch_add(1, Ordering::SeqCst);
                reader += 1;
            }
        })
    };
    std::thread::sleep(Duration::from_millis(2200));
    server.kill();
    stop.store(true, Ordering::SeqCst);
    sender.join().expect("sender");
    let during = acknowledged.load(Ordering::SeqCst);
    assert!(during > 0, "views were recorded before the kill");

    let server = Server::start(data.path());
    let shown = server.shown_views();
    assert!(
        (20..=20 + during).contains(&shown),
        "{shown} views after the restart; 20 flushed before, {during} acknowledged around the kill"
    );
    // About a second of the second batch may be lost, never more: the batch ran for 2.2 s.
    assert!(
        shown > 20,
        "views flushed before the kill were lost: {shown}"
    );
    server.kill();
    // And the counts stay readable after a second crash.
    assert_eq!(Server::start(data.path()).shown_views(), shown);
}

#[test]
fn a_clean_shutdown_loses_no_view() {
    let data = tempfile::tempdir().expect("data folder");
    let server = Server::start(data.path());
    for reader in 0..30 {
        assert!(view(server.addr, reader));
    }
    // Stopped at once, before the next flush.
    server.stop();
    let server = Server::start(data.path());
    assert_eq!(server.shown_views(), 30);
    server.stop();
}

/// One page as the server answered it.
struct Answer {
    status: u16,
    cache: Option<String>,
    body: String,
}

fn fetch(addr: SocketAddr, path: &str) -> Answer {
    let text = request(addr, &format!("GET {path} HTTP/1.1\r\n"))
        .unwrap_or_else(|| panic!("no answer for {path}"));
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status for {path}: {head}"));
    let cache = head
        .lines()
        .find_map(|line| line.strip_prefix("x-cache: "))
        .map(str::to_string);
    Answer {
        status,
        cache,
        body: body.to_string(),
    }
}

/// A content folder with the fixture's site (two articles per listing page) and media, and
/// the given articles.
fn content_folder(articles: &[(u64, String)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("content folder");
    std::fs::copy(
        fixture_site().join("site.toml"),
        folder.path().join("site.toml"),
    )
    .expect("site.toml");
    let media = folder.path().join("media/covers");
    std::fs::create_dir_all(&media).expect("media folder");
    std::fs::copy(
        fixture_site().join("media/covers/one.png"),
        media.join("one.png"),
    )
    .expect("cover");
    for (id, text) in articles {
        write_file(&article_path(folder.path(), *id), text);
    }
    folder
}

fn article_path(content: &Path, id: u64) -> PathBuf {
    content.join(format!("articles/2026/09/{id}.md"))
}

/// As an editor's tool should write: a temporary file renamed into place.
fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    let temp = path.with_file_name(".editing.tmp");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, path).expect("rename");
}

/// An article of September `day`, with a summary of its own (so that a body edit leaves
/// what listings show unchanged) and `extra` front matter.
fn article_text(id: u64, title: &str, day: u32, category: &str, extra: &str) -> String {
    format!(
        "+++\nid = {id}\ntitle = \"{title}\"\ndate = 2026-09-{day:02}T09:00:00+08:00\ncategory = \"{category}\"\nsummary = \"{title}的摘要\"\n{extra}+++\n\n{title}的正文。\n"
    )
}

/// Every page the test watches.
const PAGES: [&str; 8] = [
    "/",
    "/list/news",
    "/list/news/2",
    "/list/notices",
    "/article/10",
    "/article/20",
    "/article/21",
    "/ranking",
];

/// What a change must do: the page to watch until it shows `text` (or stops showing it),
/// the other pages that must be rendered again, and the deadline.
struct Change<'a> {
    watch: &'a str,
    shows: &'a str,
    gone: bool,
    rendered_again: &'a [&'a str],
    within: Duration,
}

impl Change<'_> {
    /// Makes the change on disk and checks its effect; every watched page not named must
    /// still come from the cache.
    fn check(&self, addr: SocketAddr, make: impl FnOnce()) {
        let started = Instant::now();
        make();
        let shown = loop {
            let answer = fetch(addr, self.watch);
            if answer.body.contains(self.shows) != self.gone {
                break answer;
            }
            assert!(
                started.elapsed() < self.within,
                "{} did not change within {:?}",
                self.watch,
                self.within
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        if shown.status == 200 {
            assert_eq!(
                shown.cache.as_deref(),
                Some("miss"),
                "{} rendered again",
                self.watch
            );
        }
        for page in PAGES.iter().filter(|p| **p != self.watch) {
            let answer = fetch(addr, page);
            let expected = if self.rendered_again.contains(page) {
                "miss"
            } else {
                "hit"
            };
            if answer.status == 200 {
                assert_eq!(
                    answer.cache.as_deref(),
                    Some(expected),
                    "after the change shown on {}: {page}",
                    self.watch
                );
            }
        }
    }
}

#[test]
fn edits_on_disk_show_at_once_on_exactly_the_pages_that_show_them() {
    let content = content_folder(&[
        (10, article_text(10, "新闻甲", 10, "news", "")),
        (11, article_text(11, "新闻乙", 11, "news", "")),
        (12, article_text(12, "新闻丙", 12, "news", "")),
        (20, article_text(20, "通知甲", 20, "notices", "")),
        (
            21,
            article_text(21, "通知乙", 21, "notices", "cover = \"covers/one.png\"\n"),
        ),
    ]);
    let root = content.path();
    let data = tempfile::tempdir().expect("data folder");
    let server = Server::start_on(root, data.path());
    let addr = server.addr;
    for page in PAGES {
        assert_eq!(fetch(addr, page).status, 200, "{page}");
    }
    for page in PAGES {
        assert_eq!(fetch(addr, page).cache.as_deref(), Some("hit"), "{page}");
    }
    let second = Duration::from_secs(1);

    // A body edit: only the article's own page.
    Change {
        watch: "/article/20",
        shows: "新的一段",
        gone: false,
        rendered_again: &[],
        within: second,
    }
    .check(addr, || {
        let text = article_text(20, "通知甲", 20, "notices", "");
        write_file(&article_path(root, 20), &format!("{text}\n新的一段。\n"));
    });

    // A title: the article, its listing, the home page, and the article that links to it.
    Change {
        watch: "/article/20",
        shows: "通知甲（更新）",
        gone: false,
        rendered_again: &["/", "/list/notices", "/article/21"],
        within: second,
    }
    .check(addr, || {
        let text = article_text(20, "通知甲（更新）", 20, "notices", "");
        write_file(&article_path(root, 20), &text);
    });

    // The slide flag: the home page's slideshow and the article itself.
    Change {
        watch: "/",
        shows: "<figcaption>通知乙",
        gone: false,
        rendered_again: &["/article/21"],
        within: second,
    }
    .check(addr, || {
        let extra = "cover = \"covers/one.png\"\nslide = true\n";
        write_file(
            &article_path(root, 21),
            &article_text(21, "通知乙", 21, "notices", extra),
        );
    });

    // A new article, newest in its category: every page of that listing, the home page,
    // and the article whose 更多同类资讯 lists it.
    Change {
        watch: "/list/news",
        shows: "新闻丁",
        gone: false,
        rendered_again: &["/", "/list/news/2", "/article/10"],
        within: second,
    }
    .check(addr, || {
        write_file(
            &article_path(root, 13),
            &article_text(13, "新闻丁", 13, "news", ""),
        );
    });
    assert!(
        fetch(addr, "/list/news/2").body.contains("新闻乙"),
        "pushed to page 2"
    );
    assert_eq!(fetch(addr, "/article/13").status, 200);

    // A deleted article: gone from its listing and its neighbour's page.
    Change {
        watch: "/list/news/2",
        shows: "新闻乙",
        gone: true,
        rendered_again: &["/", "/list/news", "/article/10"],
        within: second,
    }
    .check(addr, || {
        std::fs::remove_file(article_path(root, 11)).expect("delete");
    });
    assert_eq!(fetch(addr, "/article/11").status, 404);

    // A view: the ranking shows the article once the counts are flushed (every second);
    // every page shows rankings in its sidebar, so every page is rendered again.
    let started = Instant::now();
    assert!(view_of(addr, 21, 1));
    while !fetch(addr, "/ranking").body.contains("通知乙") {
        assert!(
            started.elapsed() < 3 * second,
            "the view never reached the ranking"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    for page in PAGES {
        fetch(addr, page);
    }

    // Unpublished: gone from its listing, its page answers 404.
    Change {
        watch: "/list/notices",
        shows: "通知甲",
        gone: true,
        rendered_again: &["/", "/article/20", "/article/21"],
        within: second,
    }
    .check(addr, || {
        let text = article_text(20, "通知甲（更新）", 20, "notices", "draft = true\n");
        write_file(&article_path(root, 20), &text);
    });
    assert_eq!(fetch(addr, "/article/20").status, 404);

    // A new title of a ranked article: the ranking page shows it (and so does every
    // sidebar).
    Change {
        watch: "/ranking",
        shows: "通知乙（更新）",
        gone: false,
        rendered_again: &PAGES,
        within: second,
    }
    .check(addr, || {
        let extra = "cover = \"covers/one.png\"\nslide = true\n";
        let text = article_text(21, "通知乙（更新）", 21, "notices", extra);
        write_file(&article_path(root, 21), &text);
    });
    server.stop();
}

#[test]
fn with_a_public_url_canonical_and_alternate_links_are_absolute() {
    let data = tempfile::tempdir().expect("data folder");
    let server = Server::start_with(
        &fixture_site(),
        data.path(),
        &["--public-url", "https://wm.example.cn/"],
    );
    let page = fetch(server.addr, &format!("/article/{ARTICLE}")).body;
    for link in [
        r#"<link href="https://wm.example.cn/article/1" rel="canonical">"#,
        r#"<link href="https://wm.example.cn/zh-hant/article/1" hreflang="zh-Hant" rel="alternate">"#,
    ] {
        assert!(page.contains(link), "{link} missing from {page}");
    }
    server.stop();
}

/// A POST with a body; the response text.
fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send head");
    stream.write_all(body).expect("send body");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    response
}

#[test]
fn a_contribution_is_on_disk_before_its_receipt_and_survives_kill_9() {
    let data = tempfile::tempdir().expect("data folder");
    let server = Server::start(data.path());
    let form = fetch(server.addr, "/submit");
    let token = form
        .body
        .split(r#"name="token" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form's token")
        .to_string();
    // People take longer than the form's minimum fill time.
    std::thread::sleep(Duration::from_millis(3100));
    let boundary = "kill9boundary";
    let title = "断电也不丢失的投稿";
    let fields = [
        ("token", token.as_str()),
        ("name", "李明"),
        ("contact", "li.ming@qinghe.example"),
        ("category", "news"),
        ("title", title),
        (
            "body",
            "这是一篇用来检验投稿在进程被强行终止后仍然保存完好的稿件。",
        ),
        ("consent", "yes"),
    ];
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let answer = post(
        server.addr,
        "/submit",
        &format!("multipart/form-data; boundary={boundary}"),
        body.as_bytes(),
    );
    // SIGKILL the moment the receipt is out: the process gets no chance to finish anything
    // it left for later. (The kernel keeps what was written; the fsync that makes it survive
    // a power cut is `write_atomically`'s, covered by the store's tests.)
    server.kill();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    let receipt = answer
        .lines()
        .find_map(|line| line.strip_prefix("location: "))
        .expect("a receipt address")
        .trim()
        .to_string();
    let reference = receipt.rsplit('/').next().expect("a reference");
    let stored =
        std::fs::read_to_string(data.path().join(format!("contributions/{reference}.toml")))
            .expect("the contribution is on disk");
    assert!(stored.contains(title), "{stored}");

    let restarted = Server::start(data.path());
    let page = fetch(restarted.addr, &receipt);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(reference));
}
