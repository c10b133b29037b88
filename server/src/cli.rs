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
    /// Manage editor accounts (the only way to create or reset one).
    Admin(AdminArgs),
    /// Write a deterministic demo corpus of any size (for benchmarks and load tests) into a
    /// new folder.
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AdminArgs {
    /// The runtime data folder the server uses.
    #[arg(long, env = "WENMING_DATA", default_value = "data")]
    pub data: PathBuf,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create an editor; asks for the password (twice on a terminal, one line from a pipe).
    Add { user: String },
    /// Set a new password for an editor; their open sessions end.
    Reset { user: String },
    /// List the editors.
    List,
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
    /// The runtime data folder: view counts, contributions awaiting review, editor accounts
    /// and the audit log. Kept apart from the content folder, which holds only what is
    /// published.
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
    /// The site's public address (`https://wm.example.cn`): canonical and alternate links
    /// become absolute, as search engines want them. Relative when not given.
    #[arg(long, env = "WENMING_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
    /// Memory for rendered pages, in MiB (every encoding counted). Pages are served from
    /// it until something they show changes; 0 renders every request.
    #[arg(long, env = "WENMING_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: usize,
    /// How many contributions (投稿) one address may send in 10 minutes; more get 429.
    #[arg(long, env = "WENMING_SUBMIT_LIMIT", default_value_t = 10)]
    pub submit_limit: u32,
}

/// An `http(s)://host[:port]` address, kept without a trailing slash.
fn parse_public_url(text: &str) -> Result<String, String> {
    let url = text.trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("give the address with its scheme, like https://wm.example.cn")?;
    let host_is_plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if host_is_plain {
        Ok(url.to_string())
    } else {
        Err("give only the scheme and host (and port), like https://wm.example.cn".into())
    }
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The content folder to check.
    #[arg(default_value = "content")]
    pub content: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::parse_public_url;

    #[test]
    fn public_urls_are_a_scheme_and_a_host() {
        assert_eq!(
            parse_public_url("https://wm.example.cn/"),
            Ok("https://wm.example.cn".into())
        );
        assert_eq!(
            parse_public_url("http://127.0.0.1:3000"),
            Ok("http://127.0.0.1:3000".into())
        );
        for bad in [
            "wm.example.cn",
            "https://",
            "https://a.cn/path",
            "javascript:alert(1)",
            "https://a.cn\"x",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }
}
