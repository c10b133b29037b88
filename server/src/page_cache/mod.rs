//! The render cache: pages rendered once and served from memory until something they show
//! changes. A render notes every part of the store it read ([`PageReads`]); a cached page is
//! served while none of those parts changed since its render began, so an edit re-renders
//! exactly the pages that show it, within the watcher's delay.
//!
//! The cache sits outside every other layer but compression: a hit is answered at once with
//! the headers its render went out with (security headers included), and skips the rest.
//!
//! Each render keeps its own CSP nonce with its bytes. The nonce still does its job: it is
//! chosen at random when the page is rendered, after every input of the page (content files,
//! the URL) is fixed, so markup smuggled into an input cannot know it; and any other input is
//! another URL, hence another render and another nonce.

mod entries;
mod negotiate;
mod page;

use std::sync::Arc;

use app::ssr::PageReads;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, IF_NONE_MATCH, SET_COOKIE,
};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::{provide_context, use_context};

pub use entries::PageCache;
use page::{CachedPage, RenderStart, Source};

use crate::script_choice::redirects_to_chosen_script;
use crate::security::add_static_headers;
use crate::state::AppState;

/// The largest page the cache reads into memory; Leptos' pages are a few dozen kilobytes.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Serves GET requests for pages from the cache, and caches what the render answers when it
/// is a complete HTML page that read only what change stamps cover.
pub async fn serve_cached_pages(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET
        || !state.pages.is_enabled()
        || redirects_to_chosen_script(&request)
    {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if let Some(page) = state.pages.get(&key)
        && page.is_current(&state.store, &state.views)
    {
        return page.response(request.headers(), Source::Hit);
    }
    let start = RenderStart::now(&state.store, &state.views);
    let reads = Arc::new(PageReads::default());
    request.extensions_mut().insert(reads.clone());
    let negotiation = negotiation_headers(request.headers());
    let response = next.run(request).await;
    if !is_shareable_page(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let html = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, uri = %key, "cannot read the rendered page");
            return internal_error(&state);
        }
    };
    if !reads.is_cacheable() {
        return Response::from_parts(parts, Body::from(html));
    }
    let compressed =
        tokio::task::spawn_blocking(move || CachedPage::new(start, &reads, parts.headers, html))
            .await;
    match compressed {
        Ok(Ok(page)) => {
            let page = Arc::new(page);
            state.pages.put(key, page.clone());
            page.response(&negotiation, Source::Miss)
        }
        Ok(Err(error)) => {
            tracing::error!(%error, uri = %key, "cannot compress the rendered page");
            internal_error(&state)
        }
        Err(error) => {
            tracing::error!(%error, uri = %key, "page compression failed");
            internal_error(&state)
        }
    }
}

/// A whole page, the same for every reader: `200`, HTML, no cookie set, nothing that asks
/// caches to keep out.
fn is_shareable_page(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && headers
            .get(CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"))
        && !headers.contains_key(SET_COOKIE)
        && !headers.get_all(CACHE_CONTROL).iter().any(|value| {
            let value = value.as_bytes();
            value.windows(8).any(|w| w == b"no-store") || value.windows(7).any(|w| w == b"private")
        })
}

/// This layer is outside the one that adds the security headers: it adds them itself.
fn internal_error(state: &AppState) -> Response {
    let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    add_static_headers(response.headers_mut(), state.hsts);
    response
}

/// The request headers a cached page's response depends on, kept while the page renders.
fn negotiation_headers(request: &HeaderMap) -> HeaderMap {
    let mut kept = HeaderMap::new();
    for name in [ACCEPT_ENCODING, IF_NONE_MATCH] {
        if let Some(value) = request.get(&name) {
            kept.insert(name, value.clone());
        }
    }
    kept
}

/// Hands the render its [`PageReads`], so server functions note what they read. Called in
/// the Leptos request context.
pub fn provide_page_reads() {
    let reads = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Arc<PageReads>>().cloned());
    if let Some(reads) = reads {
        provide_context(reads);
    }
}
