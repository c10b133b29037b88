//! The server's settings, resolved once at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::ServeArgs;

/// Limits that protect the server from slow or oversized requests. Fixed for now: they are
/// generous for every request this site accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// How long a request may take from its headers to its response.
    pub request_timeout: Duration,
    /// How long a client may take to send its request headers.
    pub header_read_timeout: Duration,
    /// How long shutdown waits for requests in flight.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub content: PathBuf,
    pub data: PathBuf,
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    pub hsts: bool,
    pub behind_proxy: bool,
    pub public_url: Option<String>,
    /// How much memory rendered pages may take (0: render every request).
    pub page_cache_bytes: usize,
    /// Contributions one address may send in 10 minutes.
    pub submit_limit: u32,
    pub limits: Limits,
}

impl From<ServeArgs> for ServeConfig {
    fn from(args: ServeArgs) -> Self {
        ServeConfig {
            content: args.content,
            data: args.data,
            addr: args.addr,
            site_root: args.site_root,
            hsts: args.hsts,
            behind_proxy: args.behind_proxy,
            public_url: args.public_url,
            page_cache_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
            submit_limit: args.submit_limit,
            limits: Limits::default(),
        }
    }
}
