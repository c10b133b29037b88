//! The accept loop on a real socket: header timeouts and graceful shutdown. A process of
//! its own, apart from the `oneshot` tests, so that their runtimes don't share it.

use std::time::Duration;

use leptos::config::LeptosOptions;
use server::config::Limits;
use server::router::router;
use server::serve::serve;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

mod common;

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
    let (state, data) = common::fixture_state(
        limits,
        LeptosOptions::builder().output_name("wenming").build(),
    );
    let app = router(state);
    let task = tokio::spawn(async move {
        serve(listener, app, limits, async {
            let _ = stopped.await;
        })
        .await;
        drop(data);
    });
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
async fn a_client_that_sends_nothing_is_cut_off() {
    let limits = Limits {
        header_read_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let (addr, _stop, _task) = start(limits).await;
    let mut idle = TcpStream::connect(addr).await.expect("connect");
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), idle.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "an idle connection was still open 5 s after the 300 ms header timeout"
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
