//! The router and the accept loop, driven as a client would: `oneshot` for responses, and a
//! real socket for timeouts and shutdown.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::Limits;
use server::router::router;
use server::serve::serve;
use server::state::AppState;
use store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

fn state(limits: Limits) -> AppState {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/site");
    let (store, problems) = Store::open(fixture).expect("fixture loads");
    assert!(
        !problems.is_empty(),
        "the fixture's bad files are reported, and the rest serves"
    );
    AppState {
        leptos_options: LeptosOptions::builder().output_name("wenming").build(),
        store: Arc::new(store),
        limits,
        hsts: false,
    }
}

async fn get(uri: &str) -> (StatusCode, header::HeaderMap, String) {
    let response = router(state(Limits::default()))
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_for_every_script() {
    let (status, headers, html) = get("/article/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>第一篇</h1>"), "{html}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    assert!(headers.get(header::SERVER).is_none());
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());

    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{html}"
    );
}

#[tokio::test]
async fn every_page_gets_a_fresh_nonce() {
    let nonce = |headers: &header::HeaderMap| {
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii")
            .to_string()
    };
    let (_, first, _) = get("/").await;
    let (_, second, _) = get("/").await;
    assert_ne!(nonce(&first), nonce(&second));
}

#[tokio::test]
async fn missing_pages_answer_404_with_a_page() {
    for uri in [
        "/article/3",
        "/article/99999",
        "/article/x",
        "/list/sports",
        "/list/news/9",
        "/no/such/page",
    ] {
        let (status, headers, html) = get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("您访问的页面不存在"), "{uri}: {html}");
        assert!(
            headers.contains_key(header::CONTENT_SECURITY_POLICY),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn media_is_served_from_the_content_folder_only() {
    let (status, headers, _) = get("/media/covers/one.png").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    for uri in [
        "/media/../site.toml",
        "/media/%2e%2e/site.toml",
        "/media/covers/../../site.toml",
    ] {
        let (status, _, body) = get(uri).await;
        assert_ne!(status, StatusCode::OK, "{uri}");
        assert!(!body.contains("测试文明网"), "{uri} leaked site.toml");
    }
}

#[tokio::test]
async fn cross_site_and_oversized_requests_are_refused() {
    let app = router(state(Limits::default()));
    let cross_site = Request::post("/api/anything")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .expect("request");
    let response = app.clone().oneshot(cross_site).await.expect("response");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let huge = Request::post("/api/anything")
        .header(header::CONTENT_LENGTH, 2 * 1024 * 1024)
        .body(Body::from(vec![b'x'; 2 * 1024 * 1024]))
        .expect("request");
    let response = app.oneshot(huge).await.expect("response");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// Starts the real accept loop on a free port; returns its address and a shutdown trigger.
async fn start(
    limits: Limits,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = router(state(limits));
    let task = tokio::spawn(serve(listener, app, limits, async {
        let _ = stopped.await;
    }));
    (addr, stop, task)
}

async fn exchange(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .expect("the server answers and closes")
        .expect("read");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let limits = Limits {
        header_read_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let (addr, _stop, _task) = start(limits).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "the connection was still open 5 s after the 300 ms header timeout"
    );
}

#[tokio::test]
async fn serves_on_a_real_socket_and_shuts_down_gracefully() {
    let (addr, stop, task) = start(Limits::default()).await;
    let response = exchange(
        addr,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("ok"), "{response}");

    stop.send(()).expect("server running");
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("shutdown completes")
        .expect("server task");
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "the listener is closed after shutdown"
    );
}
