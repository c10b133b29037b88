//! The render cache: pages rendered once and served from memory until something they show
//! changes. A render notes every part of the store it read ([`PageReads`]); a cached page is
//! served while none of those parts changed since its render began, so an edit re-renders
//! exactly the pages that show it, within the watcher's delay.
//!
//! The cache sits outside every other layer: a hit is answered at once with the headers its
//! render went out with (security headers included), and skips the rest, compression too
//! (its bytes are compressed already). Only renders go through the compression layer.
//!
//! Each render keeps its own CSP nonce with its bytes. The nonce still does its job: it is
//! chosen at random when the page is rendered, after every input of the page (content files,
//! the URL) is fixed, so markup smuggled into an input cannot know it; and any other input is
//! another URL, hence another render and another nonce.

mod entries;
mod negotiate;
mod page;

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use app::ssr::PageReads;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, IF_NONE_MATCH, SET_COOKIE,
};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::{provide_context, use_context};
use store::Store;
use tower::util::BoxCloneSyncService;
use tower::{Service, ServiceExt};
use views::ViewCounter;

use entries::Entries;
use page::{CachedPage, RenderStart, Source};

use crate::script_choice::redirects_to_chosen_script;
use crate::security::add_static_headers;

/// The cached pages and what tells whether they are current. Its own state rather than the
/// application's, so that a hit clones one `Arc`.
pub struct PageCache {
    entries: Entries,
    store: Arc<Store>,
    views: Arc<ViewCounter>,
    /// For the few answers this layer makes itself.
    hsts: bool,
}

impl PageCache {
    /// A cache of at most `budget_bytes` (all encodings counted); 0 turns caching off.
    pub fn new(
        budget_bytes: usize,
        store: Arc<Store>,
        views: Arc<ViewCounter>,
        hsts: bool,
    ) -> PageCache {
        PageCache {
            entries: Entries::new(budget_bytes),
            store,
            views,
            hsts,
        }
    }
}

/// The largest page the cache reads into memory; Leptos' pages are a few dozen kilobytes.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What answers a request the cache cannot: the application, rendering (and keeping what it
/// renders), behind the compression layer.
pub type Render = BoxCloneSyncService<Request, Response, Infallible>;

/// The application behind its render cache, as one service. Not an axum middleware: axum
/// clones a route's whole stack of layers for every request, which cost a cache hit a tenth
/// of its time; this clones two `Arc`s, and a hit never reaches the router nor the
/// compression layer (whose response types are large: moving them cost a hit about 4 % of
/// its time in memcpy, by perf).
#[derive(Clone)]
pub struct CachedPages {
    cache: Arc<PageCache>,
    render: Render,
}

impl CachedPages {
    /// `wrap` puts the layers that only renders need (compression) around the render.
    pub fn new(
        cache: Arc<PageCache>,
        app: Router,
        wrap: impl FnOnce(Keeping) -> Render,
    ) -> CachedPages {
        let render = wrap(Keeping {
            cache: cache.clone(),
            app,
        });
        CachedPages { cache, render }
    }
}

impl Service<Request> for CachedPages {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // A router is always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if let Some(page) = current_page(&self.cache, &request) {
            let response = page.response(request.headers(), Source::Hit);
            return Box::pin(std::future::ready(Ok(response)));
        }
        Box::pin(self.render.clone().oneshot(request))
    }
}

/// The cached page that answers `request`, if it is a GET for a page still current.
fn current_page(cache: &PageCache, request: &Request) -> Option<Arc<CachedPage>> {
    if !is_cacheable_request(cache, request) {
        return None;
    }
    let uri = request.uri();
    let key = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    cache
        .entries
        .get(key)
        .filter(|page| page.is_current(&cache.store, &cache.views))
}

fn is_cacheable_request(cache: &PageCache, request: &Request) -> bool {
    request.method() == Method::GET
        && cache.entries.is_enabled()
        && !redirects_to_chosen_script(request)
}

/// The render side of the cache: the application, whose cacheable answers it keeps.
#[derive(Clone)]
pub struct Keeping {
    cache: Arc<PageCache>,
    app: Router,
}

impl Service<Request> for Keeping {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let (cache, app) = (self.cache.clone(), self.app.clone());
        Box::pin(async move { Ok(render_and_keep(cache, app, request).await) })
    }
}

/// Renders a request the cache could not answer, and caches the answer when it is a complete
/// HTML page that read only what change stamps cover.
async fn render_and_keep(cache: Arc<PageCache>, app: Router, mut request: Request) -> Response {
    let next = |request: Request| async move {
        match app.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    };
    if !is_cacheable_request(&cache, &request) {
        return next(request).await;
    }
    let uri = request.uri();
    let key = uri
        .path_and_query()
        .map_or(uri.path(), |p| p.as_str())
        .to_string();
    let start = RenderStart::now(&cache.store, &cache.views);
    let reads = Arc::new(PageReads::default());
    request.extensions_mut().insert(reads.clone());
    let negotiation = negotiation_headers(request.headers());
    let response = next(request).await;
    if !is_shareable_page(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let html = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, uri = %key, "cannot read the rendered page");
            return internal_error(&cache);
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
            cache.entries.put(key, page.clone());
            page.response(&negotiation, Source::Miss)
        }
        Ok(Err(error)) => {
            tracing::error!(%error, uri = %key, "cannot compress the rendered page");
            internal_error(&cache)
        }
        Err(error) => {
            tracing::error!(%error, uri = %key, "page compression failed");
            internal_error(&cache)
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
fn internal_error(cache: &PageCache) -> Response {
    let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    add_static_headers(response.headers_mut(), cache.hsts);
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
