//! Remembering a reader's choice between the Simplified and the Traditional view.
//!
//! The 简体/繁體 switch links to `/script/<choice>?to=<page>`, which stores the choice in a
//! cookie and redirects to the page in that script. Later visits to a Simplified page by a
//! reader who chose Traditional are redirected to its Traditional URL. Traditional URLs never
//! redirect, so shared links and crawlers always get what the URL says.

use app::script::Script;
use axum::extract::{Path, Query, Request};
use axum::http::header::{CACHE_CONTROL, LOCATION, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::cookies::cookie;

const COOKIE_NAME: &str = "wenming_script";

#[derive(Debug, Deserialize)]
pub struct Target {
    to: Option<String>,
}

/// `GET /script/{hans|hant}?to=/path`
pub async fn choose_script(Path(choice): Path<String>, Query(target): Query<Target>) -> Response {
    let script = match choice.as_str() {
        "hans" => Script::Hans,
        "hant" => Script::Hant,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let path = target
        .to
        .filter(|to| is_local_path(to))
        .unwrap_or_else(|| "/".into());
    // Checked again after rewriting: `/zh-hant//evil.example` must not become `//evil.example`.
    let location = Some(script.href(Script::neutral_path(&path)))
        .filter(|location| is_local_path(location))
        .unwrap_or_else(|| script.href("/"));
    let cookie = format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        if script == Script::Hant {
            "hant"
        } else {
            "hans"
        }
    );
    match (
        HeaderValue::from_str(&location),
        HeaderValue::from_str(&cookie),
    ) {
        (Ok(location), Ok(cookie)) => (
            StatusCode::SEE_OTHER,
            [
                (LOCATION, location),
                (SET_COOKIE, cookie),
                (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// Whether [`follow_chosen_script`] sends this request elsewhere: a page load of a
/// Simplified URL by a reader who chose Traditional.
pub fn redirects_to_chosen_script(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && is_page_path(path)
        && loads_a_document(request.headers())
        && Script::of_path(path) == Script::Hans
        && chosen_script(request.headers()) == Some(Script::Hant)
}

/// Sends a reader who chose Traditional from a Simplified page to its Traditional URL.
pub async fn follow_chosen_script(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_page = is_page_path(path);
    if redirects_to_chosen_script(&request) {
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let location = format!("{}{query}", Script::Hant.href(path));
        if let Ok(location) = HeaderValue::from_str(&location) {
            return (
                StatusCode::FOUND,
                [
                    (LOCATION, location),
                    (VARY, HeaderValue::from_static("Cookie")),
                ],
            )
                .into_response();
        }
    }
    let mut response = next.run(request).await;
    // A Simplified page's answer depends on the cookie: caches must keep them apart.
    if is_page {
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

fn chosen_script(headers: &HeaderMap) -> Option<Script> {
    match cookie(headers, COOKIE_NAME)? {
        "hant" => Some(Script::Hant),
        "hans" => Some(Script::Hans),
        _ => None,
    }
}

/// Whether the browser is loading a page, not something for a page (an image, a script's
/// fetch): those must never be redirected to a page URL. Browsers too old to say are judged
/// by the path alone.
fn loads_a_document(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-dest")
        .is_none_or(|destination| destination == "document")
}

/// Paths that are pages (as opposed to assets, APIs and the switch itself).
fn is_page_path(path: &str) -> bool {
    // The editors' desk exists in Simplified only.
    const NOT_PAGES: [&str; 9] = [
        "/api/", "/pkg/", "/media/", "/script/", "/qr/", "/views/", "/healthz", "/favicon",
        "/admin",
    ];
    !NOT_PAGES.iter().any(|prefix| path.starts_with(prefix))
}

/// A path on this site: no scheme, no host (`//evil.example`), nothing a header can't carry.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && path.len() <= 512
        && path.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    #[test]
    fn only_local_paths_are_followed() {
        for ok in ["/", "/article/7", "/zh-hant/list/news/2"] {
            assert!(is_local_path(ok), "{ok}");
        }
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/a b",
            "/a\r\nSet-Cookie: x",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }

    #[test]
    fn only_page_loads_are_redirected() {
        let mut headers = HeaderMap::new();
        assert!(loads_a_document(&headers), "a browser that does not say");
        for (destination, expected) in [("document", true), ("image", false), ("empty", false)] {
            headers.insert("sec-fetch-dest", HeaderValue::from_static(destination));
            assert_eq!(loads_a_document(&headers), expected, "{destination}");
        }
    }

    #[tokio::test]
    async fn never_redirects_off_the_site() {
        let attempts = [
            ("hans", "/zh-hant//evil.example"),
            ("hant", "//evil.example"),
            ("hans", "https://evil.example"),
        ];
        for (choice, to) in attempts {
            let target = Target {
                to: Some(to.into()),
            };
            let response = choose_script(Path(choice.into()), Query(target)).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            let location = response.headers()[LOCATION].to_str().expect("ascii");
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{to} went to {location}"
            );
        }
    }

    #[test]
    fn reads_the_choice_from_cookies() {
        let mut headers = HeaderMap::new();
        assert_eq!(chosen_script(&headers), None);
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; wenming_script=hant; b=2"),
        );
        assert_eq!(chosen_script(&headers), Some(Script::Hant));
        headers.insert(COOKIE, HeaderValue::from_static("wenming_script=hans"));
        assert_eq!(chosen_script(&headers), Some(Script::Hans));
        headers.insert(COOKIE, HeaderValue::from_static("wenming_script=klingon"));
        assert_eq!(chosen_script(&headers), None);
    }

    #[test]
    fn tells_pages_from_everything_else() {
        assert!(is_page_path("/"));
        assert!(is_page_path("/article/7"));
        assert!(!is_page_path("/pkg/wenming.wasm"));
        assert!(!is_page_path("/api/get_article123"));
        assert!(!is_page_path("/script/hant"));
        assert!(!is_page_path("/views/7/pixel.gif"));
        assert!(!is_page_path("/qr/footer/1"));
        assert!(!is_page_path("/admin"));
        assert!(!is_page_path("/admin/articles"));
    }
}
