//! Binding the router to a socket: hyper with a header-read timeout (axum's `serve` leaves
//! it inert because it installs no timer) and graceful shutdown.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use store::Store;
use tokio::net::TcpListener;
use tower::ServiceExt as _;

use crate::config::{Limits, ServeConfig};
use crate::editorial::Editorial;
use crate::page_cache::PageCache;
use crate::router::router;
use crate::state::AppState;
use crate::views::open_counter;

/// Loads the content, starts the watcher, and serves until `shutdown` completes.
pub async fn run(
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServeError> {
    let mut leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| ServeError::Config(e.to_string()))?
        .leptos_options;
    // cargo-leptos sets LEPTOS_ENV while developing; an operator's plain run is production.
    if std::env::var_os("LEPTOS_ENV").is_none() {
        leptos_options.env = leptos::config::Env::PROD;
    }
    leptos_options.site_addr = config.addr;
    leptos_options.site_root = config.site_root.to_string_lossy().as_ref().into();
    // A release build with hashed bundle names leaves the hashes beside the binary; a plain
    // `cargo build` does not, and its bundle keeps its plain names.
    leptos_options.hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(leptos_options.hash_file.as_ref())))
        .is_some_and(|hashes| hashes.is_file());

    let content = config.content.clone();
    let (store, problems) = tokio::task::spawn_blocking(move || Store::open(content))
        .await
        .map_err(|e| ServeError::Config(e.to_string()))??;
    for problem in &problems {
        tracing::warn!(file = %problem.path.display(), line = ?problem.line, "{}", problem.message);
    }
    let store = Arc::new(store);
    // Load the Traditional conversion tables now, not on a reader's first request.
    if !tokio::task::spawn_blocking(app::ssr::traditional::warm_up)
        .await
        .unwrap_or(false)
    {
        tracing::warn!(
            "Traditional conversion is unavailable; the 繁體 view will show Simplified text"
        );
    }
    tracing::info!(articles = store.len(), problems = problems.len(), root = %store.root().display(), "content loaded");
    let _watcher = store::watch(store.clone())?;
    let views = {
        let (data, store) = (config.data.clone(), store.clone());
        tokio::task::spawn_blocking(move || open_counter(&data, store))
            .await
            .map_err(|e| ServeError::Config(e.to_string()))??
    };
    let views = Arc::new(views);
    let editorial = {
        let (data, submissions) = (config.data.clone(), config.submit_limit);
        tokio::task::spawn_blocking(move || Editorial::open(&data, submissions))
            .await
            .map_err(|e| ServeError::Config(e.to_string()))??
    };

    let state = AppState {
        leptos_options: Arc::new(leptos_options),
        store: store.clone(),
        views: views.clone(),
        limits: config.limits,
        pages: Arc::new(PageCache::new(
            config.page_cache_bytes,
            store.clone(),
            views.clone(),
            config.hsts,
        )),
        editorial: Arc::new(editorial),
        hsts: config.hsts,
        behind_proxy: config.behind_proxy,
        public_url: config.public_url.as_deref().map(Arc::from),
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    tracing::info!("listening on http://{}", config.addr);
    serve(listener, router(state), config.limits, shutdown).await;
    // The last views recorded reach the disk before the process ends.
    tokio::task::spawn_blocking(move || views.close())
        .await
        .map_err(|e| ServeError::Config(e.to_string()))?;
    tracing::info!("stopped");
    Ok(())
}

/// Accepts connections until `shutdown`, then waits up to the grace period for requests in
/// flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    // HTTP/1 only: TLS (and with it HTTP/2) ends at the proxy in front of the site. The
    // automatic HTTP/1-or-2 detection would first wait, without any time limit, for a
    // connection preface, which lets an idle client hold a connection forever.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app
            .clone()
            .map_request(move |request: axum::http::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let connection = builder
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("requests still running after the shutdown grace period; stopping anyway");
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Views(#[from] views::ViewsError),
    #[error("the editors' desk: {0}")]
    Desk(#[from] desk::DeskError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
}
