//! The command line. Every setting is documented here and in the README.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "wenming",
    version,
    about = "A news portal engine for city civilization sites (文明网)",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings for `serve`, which is what runs when no command is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve a content folder over HTTP (the default).
    Serve(ServeArgs),
    /// Check a content folder: print every problem with its file and line, and exit with
    /// status 1 if there is any.
    Check(CheckArgs),
    /// Write a deterministic demo corpus of any size (for benchmarks and load tests) into a
    /// new folder.
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// The folder to create (it must not exist or be empty).
    pub out: PathBuf,
    /// How many articles.
    #[arg(long, default_value_t = 100_000)]
    pub articles: u64,
    /// Another seed gives other titles and texts; the same seed, the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The content folder: site.toml, articles/ and media/.
    #[arg(long, env = "WENMING_CONTENT", default_value = "content")]
    pub content: PathBuf,
    /// The runtime data folder: view counts (and, later, contributions and sessions). Kept
    /// apart from the content folder, which holds only what editors write.
    #[arg(long, env = "WENMING_DATA", default_value = "data")]
    pub data: PathBuf,
    /// The address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// The folder holding the built browser bundle and static files (`cargo leptos build`
    /// writes it to target/site).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Send Strict-Transport-Security: set this when the site is reached over HTTPS (through
    /// a TLS-terminating proxy).
    #[arg(long, env = "WENMING_HSTS")]
    pub hsts: bool,
    /// Take the reader's address from the last `X-Forwarded-For` entry: set this only when
    /// every request comes through a proxy that sets that header (otherwise readers could
    /// choose their own address).
    #[arg(long, env = "WENMING_BEHIND_PROXY")]
    pub behind_proxy: bool,
    /// Memory for rendered pages, in MiB (every encoding counted). Pages are served from
    /// it until something they show changes; 0 renders every request.
    #[arg(long, env = "WENMING_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: usize,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The content folder to check.
    #[arg(default_value = "content")]
    pub content: PathBuf,
}
