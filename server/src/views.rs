//! The view-recording endpoints and the glue between the view counter and the store.
//!
//! - `POST /views/{id}`: sent by the article page's script after hydration (204);
//! - `GET /views/{id}/pixel.gif`: the same from an image inside `<noscript>`, for readers
//!   without JavaScript. A GET that records something: acceptable here because repeating it
//!   changes nothing (the dedupe), and it is refused from other sites.
//!
//! An id that is not a published article is answered 404 before the counter is touched, so
//! the endpoint cannot make the stored counts grow beyond the articles that exist.

use std::net::{IpAddr, Ipv6Addr};
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, USER_AGENT};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use store::{ArticleId, Store};
use views::{Catalog, CounterConfig, SystemClock, ViewCounter, ViewsError, Visit};

use crate::client::client_address;
use crate::security::comes_from_another_site;
use crate::state::AppState;

/// The view counter's folder inside the runtime data folder.
pub const VIEWS_DIR: &str = "views";

/// A transparent 1×1 GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// Articles as the view counter sees them: published ones are ranked in their category.
struct StoreCatalog(Arc<Store>);

impl Catalog for StoreCatalog {
    fn group_of(&self, id: ArticleId) -> Option<Arc<str>> {
        self.0
            .article(id)
            .map(|article| Arc::from(article.category.as_str()))
    }

    fn generation(&self) -> u64 {
        self.0.stamp()
    }
}

/// Opens the view counter in `data`'s views folder; problems found in the stored counts
/// are logged, not fatal.
pub fn open_counter(data: &Path, store: Arc<Store>) -> Result<ViewCounter, ViewsError> {
    let (counter, problems) = ViewCounter::open(
        data.join(VIEWS_DIR),
        Arc::new(SystemClock),
        Arc::new(StoreCatalog(store)),
        CounterConfig::default(),
    )?;
    for problem in &problems {
        tracing::warn!("view counts: {problem}; skipped");
    }
    Ok(counter)
}

/// `POST /views/{id}`.
pub async fn record_view(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    parts: Parts,
) -> Response {
    match record(&state, &id, &parts) {
        Ok(()) => no_store(StatusCode::NO_CONTENT.into_response()),
        Err(status) => no_store(status.into_response()),
    }
}

/// `GET /views/{id}/pixel.gif`.
pub async fn record_view_pixel(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    parts: Parts,
) -> Response {
    // Another site embedding the image (to inflate counts), or a HEAD: served, not counted.
    if comes_from_another_site(&parts.headers) || parts.method != Method::GET {
        return no_store(pixel());
    }
    match record(&state, &id, &parts) {
        Ok(()) => no_store(pixel()),
        Err(status) => no_store(status.into_response()),
    }
}

fn record(state: &AppState, id: &str, parts: &Parts) -> Result<(), StatusCode> {
    let id: ArticleId = id.parse().map_err(|_| StatusCode::NOT_FOUND)?;
    if state.store.article(id).is_none() {
        return Err(StatusCode::NOT_FOUND);
    }
    let user_agent = parts
        .headers
        .get(USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    // Bots and repeats get the same answer as a counted view: nothing to learn from it.
    state.views.record(Visit {
        article: id,
        visitor: &visitor(client_address(parts, state.behind_proxy)),
        user_agent,
    });
    Ok(())
}

/// Who a view is from, for the dedupe: the address, except that an IPv6 reader counts by
/// the /64 network, which one subscriber gets whole and could otherwise rotate through.
fn visitor(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !(u128::from(u64::MAX));
            IpAddr::V6(Ipv6Addr::from(network))
        }
    }
}

fn pixel() -> Response {
    (
        [(CONTENT_TYPE, HeaderValue::from_static("image/gif"))],
        PIXEL,
    )
        .into_response()
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_reader_counts_by_network() {
        let address = |text: &str| text.parse::<IpAddr>().expect("an address");
        assert_eq!(
            visitor(address("2001:db8:1:2:aaaa::1")),
            visitor(address("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            visitor(address("2001:db8:1:2::1")),
            visitor(address("2001:db8:1:3::1"))
        );
        assert_eq!(visitor(address("203.0.113.7")), address("203.0.113.7"));
    }
}
