//! The `wenming` binary as an operator runs it: started, fed views, killed or stopped, and
//! started again over the same data folder.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
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
        for _ in 0..3 {
            if let Some(server) = Server::try_start(data) {
                return server;
            }
        }
        panic!("the server did not start (see its log above)");
    }

    fn try_start(data: &Path) -> Option<Server> {
        let addr = free_address();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/site");
        let child = Command::new(env!("CARGO_BIN_EXE_wenming"))
            .arg("serve")
            .arg("--content")
            .arg(&fixture)
            .arg("--data")
            .arg(data)
            .arg("--site-root")
            .arg(data.join("no-site"))
            .arg("--addr")
            .arg(addr.to_string())
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
    let response = request(
        addr,
        &format!(
            "POST /views/{ARTICLE} HTTP/1.1\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/{reader}.0\r\n"
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
