//! One rendered page as the cache keeps it: the HTML in every encoding it is sent in, what
//! the render read (to tell when it is outdated), and the headers it went out with (its
//! security headers among them, with the CSP naming the nonce its scripts carry).

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use app::ssr::PageReads;
use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, ETAG,
    HeaderMap, HeaderValue, IF_NONE_MATCH, TRANSFER_ENCODING, VARY,
};
use axum::response::Response;
use store::{Part, Stamp, Store};
use views::ViewCounter;

use super::negotiate::{Encoding, matches_etag, preferred_encoding};

/// Brotli at a quality that compresses a page in about a millisecond and much better than
/// the on-the-fly level, since it is paid once per render rather than once per request.
const BROTLI_QUALITY: i32 = 9;
const BROTLI_WINDOW_BITS: i32 = 22;

/// Where the index and the view counts stood when a render began: read before anything the
/// page shows, so a change during the render makes the page outdated rather than lost.
#[derive(Debug, Clone, Copy)]
pub struct RenderStart {
    store: Stamp,
    view_changes: u64,
}

impl RenderStart {
    pub fn now(store: &Store, views: &ViewCounter) -> RenderStart {
        RenderStart {
            store: store.stamp(),
            view_changes: views.changes(),
        }
    }
}

/// Whether the response came from the cache, for the `X-Cache` header (tests and operators
/// read it; it says nothing a reader could misuse).
#[derive(Debug, Clone, Copy)]
pub enum Source {
    Hit,
    Miss,
}

pub struct CachedPage {
    start: RenderStart,
    parts: Vec<Part>,
    /// The latest store stamp at which none of `parts` had changed: while the store stays
    /// there, a hit needs no look at the parts.
    checked_at: AtomicU64,
    shows_view_counts: bool,
    /// Everything but the encoding and `X-Cache`, ready to send.
    headers: HeaderMap,
    etag: String,
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

impl CachedPage {
    /// Compresses the page (CPU work: call it off the async executor). `headers` are those
    /// the render's response carried.
    pub fn new(
        start: RenderStart,
        reads: &PageReads,
        mut headers: HeaderMap,
        html: Bytes,
    ) -> std::io::Result<CachedPage> {
        for name in [CONTENT_LENGTH, CONTENT_ENCODING, TRANSFER_ENCODING] {
            headers.remove(name);
        }
        let etag = entity_tag(&html);
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(ETAG, value);
        }
        // Stored, but checked with the server before each use: pages change.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        // The same URL answers in several encodings: shared caches must keep them apart.
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
        Ok(CachedPage {
            start,
            parts: reads.parts(),
            checked_at: AtomicU64::new(start.store),
            shows_view_counts: reads.shows_view_counts(),
            headers,
            etag,
            brotli: brotli(&html)?.into(),
            gzip: gzip(&html)?.into(),
            identity: html,
        })
    }

    /// Bytes held, for the cache's budget.
    pub fn size(&self) -> usize {
        self.identity.len() + self.brotli.len() + self.gzip.len()
    }

    /// Whether nothing the page read has changed since its render began.
    pub fn is_current(&self, store: &Store, views: &ViewCounter) -> bool {
        if self.shows_view_counts && views.changes() != self.start.view_changes {
            return false;
        }
        let now = store.stamp();
        if now == self.checked_at.load(Ordering::Relaxed) {
            return true;
        }
        // Checked against the store as it is now, which is at `now` or later.
        let current = store.unchanged_since(self.start.store, &self.parts);
        if current {
            self.checked_at.fetch_max(now, Ordering::Relaxed);
        }
        current
    }

    /// The page for a request: `304 Not Modified` when the browser holds this version,
    /// otherwise the body in the best encoding the browser accepts.
    pub fn response(&self, request: &HeaderMap, source: Source) -> Response {
        let mut response = Response::new(Body::empty());
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.insert(
            "x-cache",
            HeaderValue::from_static(match source {
                Source::Hit => "hit",
                Source::Miss => "miss",
            }),
        );
        if matches_etag(request.get(IF_NONE_MATCH), &self.etag) {
            headers.remove(CONTENT_TYPE);
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return response;
        }
        let body = match preferred_encoding(request.get(ACCEPT_ENCODING)) {
            Encoding::Brotli => {
                headers.insert(CONTENT_ENCODING, HeaderValue::from_static("br"));
                self.brotli.clone()
            }
            Encoding::Gzip => {
                headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                self.gzip.clone()
            }
            Encoding::Identity => self.identity.clone(),
        };
        *response.body_mut() = Body::from(body);
        response
    }
}

/// A weak tag (the encodings differ in bytes, not in content) from a hash of the HTML.
fn entity_tag(html: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    html.hash(&mut hasher);
    format!("W/\"{:016x}\"", hasher.finish())
}

fn brotli(html: &[u8]) -> std::io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(html.len() / 4);
    brotli::enc::BrotliCompress(&mut &html[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(html: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(html.len() / 3),
        flate2::Compression::default(),
    );
    encoder.write_all(html)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn both_encodings_give_back_the_page() {
        let html = "<!DOCTYPE html><p>文明城市</p>".repeat(50);
        let mut from_brotli = Vec::new();
        brotli::Decompressor::new(&brotli(html.as_bytes()).expect("br")[..], 4096)
            .read_to_end(&mut from_brotli)
            .expect("decompress br");
        let mut from_gzip = Vec::new();
        flate2::read::GzDecoder::new(&gzip(html.as_bytes()).expect("gzip")[..])
            .read_to_end(&mut from_gzip)
            .expect("decompress gzip");
        assert_eq!(from_brotli, html.as_bytes());
        assert_eq!(from_gzip, html.as_bytes());
    }

    #[test]
    fn entity_tags_follow_the_content() {
        assert_eq!(entity_tag(b"a"), entity_tag(b"a"));
        assert_ne!(entity_tag(b"a"), entity_tag(b"b"));
        assert!(entity_tag(b"a").starts_with("W/\""));
    }
}
