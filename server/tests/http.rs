//! The router, driven as a client would through `oneshot`. The accept loop's timeouts and
//! shutdown are in `socket.rs`.

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::Limits;
use server::router::router;
use server::state::AppState;
use tower::ServiceExt;
use views::{ViewCounter, Window};

mod common;

/// One runtime for every test in this file, as in the server: the app below is built once
/// and its background tasks must outlive any single test.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    });
    &RUNTIME
}

/// A built site (as `cargo leptos build` leaves it) with one bundle file.
fn site_root() -> &'static Path {
    static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("pkg")).expect("pkg folder");
        std::fs::write(
            root.path().join("pkg/wenming.js"),
            "export function hydrate() {}",
        )
        .expect("bundle");
        // What `cargo leptos build --precompress` leaves beside it (any bytes do here).
        std::fs::write(root.path().join("pkg/wenming.js.br"), b"brotli bytes")
            .expect("compressed bundle");
        root
    });
    ROOT.path()
}

fn state(limits: Limits) -> AppState {
    static DATA: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let (state, data) = common::fixture_state(
        limits,
        LeptosOptions::builder()
            .output_name("wenming")
            .site_root(site_root().to_string_lossy().into_owned())
            .build(),
    );
    DATA.set(data).expect("the state is built once");
    COUNTER
        .set(state.views.clone())
        .unwrap_or_else(|_| panic!("the state is built once"));
    state
}

/// The application's view counter, to flush and read in tests.
static COUNTER: std::sync::OnceLock<Arc<ViewCounter>> = std::sync::OnceLock::new();

fn counter() -> &'static ViewCounter {
    let _ = app();
    COUNTER.get().expect("the app is built")
}

/// The application, built once per process as the server does at start-up (route-list
/// generation renders the app and must not run beside requests).
fn app() -> axum::Router {
    static APP: LazyLock<axum::Router> = LazyLock::new(|| router(state(Limits::default())));
    APP.clone()
}

async fn get(uri: &str) -> (StatusCode, header::HeaderMap, String) {
    let response = app()
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[test]
fn pages_carry_security_headers_and_a_nonce_for_every_script() {
    runtime().block_on(async {
        let (status, headers, html) = get("/article/1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<h1>第一篇"), "{html}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
        assert!(headers.get(header::SERVER).is_none());
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());

        let csp = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy");
        let scripts = html.matches("<script").count();
        assert!(scripts > 0);
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{html}"
        );
    });
}

/// The nonce in the policy and on the page's scripts.
fn nonce_of(headers: &header::HeaderMap, html: &str) -> String {
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{html}");
    nonce
}

#[test]
fn every_render_gets_a_fresh_nonce_that_its_cached_copy_keeps() {
    runtime().block_on(async {
        // URLs of their own: the tests of this file share one cache.
        let (_, first, first_html) = get("/?test=nonce").await;
        let (_, again, again_html) = get("/?test=nonce").await;
        let (_, other, other_html) = get("/?test=nonce-2").await;
        assert_eq!(first["x-cache"], "miss");
        assert_eq!(again["x-cache"], "hit");
        // Answered before the security layer, with the headers of its render.
        assert_eq!(again[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(again[header::REFERRER_POLICY], "same-origin");
        assert_eq!(nonce_of(&first, &first_html), nonce_of(&again, &again_html));
        assert_eq!(first_html, again_html);
        assert_ne!(nonce_of(&first, &first_html), nonce_of(&other, &other_html));
    });
}

async fn body_of(response: axum::response::Response) -> axum::body::Bytes {
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
}

async fn send_with(uri: &str, headers: &[(header::HeaderName, &str)]) -> axum::response::Response {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    app()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("response")
}

fn vary(headers: &header::HeaderMap) -> Vec<&str> {
    headers
        .get_all(header::VARY)
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect()
}

#[test]
fn cached_pages_revalidate_with_their_entity_tag() {
    runtime().block_on(async {
        let uri = "/?test=etag";
        let (status, headers, _) = get(uri).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
        assert_eq!(vary(&headers), ["Cookie", "accept-encoding"]);
        let etag = headers[header::ETAG].to_str().expect("ascii").to_string();
        assert!(etag.starts_with("W/\""), "{etag}");

        let response = send_with(uri, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(response.headers()[header::ETAG], etag.as_str());
        assert_eq!(vary(response.headers()), ["Cookie", "accept-encoding"]);
        let body = body_of(response).await;
        assert!(body.is_empty());

        let response = send_with(uri, &[(header::IF_NONE_MATCH, "W/\"another\"")]).await;
        assert_eq!(response.status(), StatusCode::OK);
    });
}

#[test]
fn cached_pages_go_out_in_the_encoding_asked_for() {
    runtime().block_on(async {
        let uri = "/?test=encodings";
        let (_, _, plain) = get(uri).await;
        let decoded = |encoding: &str, bytes: &[u8]| {
            let mut out = Vec::new();
            match encoding {
                "br" => brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out),
                _ => flate2::read::GzDecoder::new(bytes).read_to_end(&mut out),
            }
            .expect("decodes");
            String::from_utf8(out).expect("UTF-8")
        };
        for (accept, expected) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
            let response = send_with(uri, &[(header::ACCEPT_ENCODING, accept)]).await;
            assert_eq!(response.headers()["x-cache"], "hit");
            assert_eq!(response.headers()[header::CONTENT_ENCODING], expected);
            let body = body_of(response).await;
            assert_eq!(decoded(expected, &body), plain, "{expected}");
        }
        let response = send_with(uri, &[(header::ACCEPT_ENCODING, "br;q=0, gzip;q=0")]).await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    });
}

#[test]
fn searches_and_missing_pages_are_not_cached() {
    runtime().block_on(async {
        for uri in ["/search?q=第一篇", "/article/999"] {
            get(uri).await;
            let (_, headers, _) = get(uri).await;
            assert!(headers.get("x-cache").is_none(), "{uri}: {headers:?}");
            assert!(headers.get(header::ETAG).is_none(), "{uri}");
        }
    });
}

/// Hits skip the compression layer (their bytes are compressed already); what the cache does
/// not keep still goes through it.
#[test]
fn pages_the_cache_does_not_keep_are_compressed_as_they_go_out() {
    runtime().block_on(async {
        for (uri, status) in [
            ("/search?q=%E7%AC%AC%E4%B8%80%E7%AF%87", StatusCode::OK),
            ("/article/999", StatusCode::NOT_FOUND),
        ] {
            let response = send_with(uri, &[(header::ACCEPT_ENCODING, "br")]).await;
            assert_eq!(response.status(), status, "{uri}");
            assert!(response.headers().get("x-cache").is_none(), "{uri}");
            assert_eq!(response.headers()[header::CONTENT_ENCODING], "br", "{uri}");
            let body = body_of(response).await;
            let mut html = String::new();
            brotli::Decompressor::new(&body[..], 4096)
                .read_to_string(&mut html)
                .expect("brotli");
            assert!(html.starts_with("<!DOCTYPE html>"), "{uri}: {html}");
            assert!(html.contains("</html>"), "{uri}");
        }
    });
}

#[test]
fn missing_pages_answer_404_with_a_page() {
    runtime().block_on(async {
        for uri in [
            "/article/3",
            "/article/99999",
            "/article/x",
            "/list/sports",
            "/list/news/9",
            "/no/such/page",
        ] {
            let (status, headers, html) = get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert!(html.contains("您访问的页面不存在"), "{uri}: {html}");
            assert!(
                headers.contains_key(header::CONTENT_SECURITY_POLICY),
                "{uri}"
            );
        }
    });
}

#[test]
fn media_is_served_from_the_content_folder_only() {
    runtime().block_on(async {
        let (status, headers, _) = get("/media/covers/one.png").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=86400");
        let (status, headers, _) = get("/media/covers/missing.png").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        for uri in [
            "/media/../site.toml",
            "/media/%2e%2e/site.toml",
            "/media/covers/../../site.toml",
        ] {
            let (status, _, body) = get(uri).await;
            assert_ne!(status, StatusCode::OK, "{uri}");
            assert!(!body.contains("测试文明网"), "{uri} leaked site.toml");
        }
    });
}

#[test]
fn cross_site_and_oversized_requests_are_refused() {
    runtime().block_on(async {
        let app = app();
        let cross_site = Request::post("/api/anything")
            .header("sec-fetch-site", "cross-site")
            .body(Body::empty())
            .expect("request");
        let response = app.clone().oneshot(cross_site).await.expect("response");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);

        let huge = Request::post("/api/anything")
            .header(header::CONTENT_LENGTH, 2 * 1024 * 1024)
            .body(Body::from(vec![b'x'; 2 * 1024 * 1024]))
            .expect("request");
        let response = app.oneshot(huge).await.expect("response");
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    });
}

#[test]
fn the_bundle_is_served_and_revalidated() {
    runtime().block_on(async {
        let (status, headers, body) = get("/pkg/wenming.js").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("hydrate"));
        let modified = headers[header::LAST_MODIFIED].clone();
        // A browser revalidating its cached copy gets 304, not the 404 page.
        let request = Request::get("/pkg/wenming.js")
            .header(header::IF_MODIFIED_SINCE, modified)
            .body(Body::empty())
            .expect("request");
        let response = app().oneshot(request).await.expect("response");
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        let (status, _, _) = get("/pkg/missing.js").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

async fn send(request: Request<Body>) -> (StatusCode, header::HeaderMap) {
    let response = app().oneshot(request).await.expect("response");
    (response.status(), response.headers().clone())
}

/// A request from a reader's browser: its user agent and what `Sec-Fetch-Site` says.
fn from_reader(method: &str, uri: &str, user_agent: &str, fetch_site: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::USER_AGENT, user_agent)
        .header("sec-fetch-site", fetch_site)
        .body(Body::empty())
        .expect("request")
}

/// The article page's script recording a view.
fn beacon(uri: &str, user_agent: &str) -> Request<Body> {
    from_reader("POST", uri, user_agent, "same-origin")
}

#[test]
fn views_are_counted_once_per_reader_and_never_for_unknown_articles() {
    runtime().block_on(async {
        // Not a published article: refused before anything is recorded.
        for uri in [
            "/views/99999",
            "/views/3",
            "/views/x",
            "/views/-1",
            "/views/1e3",
        ] {
            let (status, _) = send(beacon(uri, BROWSER)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        }
        let (status, headers) = send(beacon("/views/2", BROWSER)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        // The same reader again, and a crawler: answered alike, not counted.
        assert_eq!(
            send(beacon("/views/2", BROWSER)).await.0,
            StatusCode::NO_CONTENT
        );
        let crawler = "Mozilla/5.0 (compatible; Baiduspider/2.0)";
        assert_eq!(
            send(beacon("/views/2", crawler)).await.0,
            StatusCode::NO_CONTENT
        );
        // A reader without JavaScript: the image.
        let pixel = from_reader(
            "GET",
            "/views/2/pixel.gif",
            "Mozilla/5.0 (Windows NT 10.0) Firefox/133.0",
            "same-origin",
        );
        let (status, headers) = send(pixel).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "image/gif");
        // The image embedded by another site: served, not counted.
        let hotlinked = from_reader(
            "GET",
            "/views/2/pixel.gif",
            "Mozilla/5.0 (Macintosh) Safari/605.1.15",
            "cross-site",
        );
        assert_eq!(send(hotlinked).await.0, StatusCode::OK);
        // A cross-site POST never reaches the counter.
        let forged = Request::post("/views/2")
            .header(
                header::USER_AGENT,
                "Mozilla/5.0 (Macintosh) Safari/605.1.15",
            )
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .expect("request");
        assert_eq!(send(forged).await.0, StatusCode::FORBIDDEN);

        counter().flush().expect("flush");
        assert_eq!(counter().views(2, Window::All), 2);
        for id in [3, 99999] {
            assert_eq!(counter().views(id, Window::All), 0);
        }

        let (_, _, html) = get("/article/2").await;
        assert!(html.contains(r#"data-views="2""#), "{html}");
        assert!(
            html.contains(r#"<noscript><img src="/views/2/pixel.gif""#),
            "{html}"
        );
        // The page's own list (the sidebar beside it ranks the whole site).
        let main_column =
            |html: String| html.split("<aside").next().unwrap_or_default().to_string();
        let (status, _, html) = get("/ranking?window=day&category=notices").await;
        assert_eq!(status, StatusCode::OK);
        assert!(main_column(html).contains("第二篇"));
        let (_, _, html) = get("/ranking?window=day&category=news").await;
        assert!(
            !main_column(html).contains("第二篇"),
            "another category's ranking"
        );
    });
}

#[test]
fn unknown_ranking_windows_and_categories_answer_404() {
    runtime().block_on(async {
        assert_eq!(get("/ranking").await.0, StatusCode::OK);
        assert_eq!(get("/zh-hant/ranking?window=all").await.0, StatusCode::OK);
        for uri in ["/ranking?window=year", "/ranking?category=sports"] {
            assert_eq!(get(uri).await.0, StatusCode::NOT_FOUND, "{uri}");
        }
    });
}

#[test]
fn the_bundle_goes_precompressed_to_browsers_that_accept_it() {
    runtime().block_on(async {
        let request = Request::get("/pkg/wenming.js")
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .body(Body::empty())
            .expect("request");
        let response = app().oneshot(request).await.expect("response");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        // Plain names (no hashes in this build) are revalidated; a missing file is not kept.
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        let body = body_of(response).await;
        assert_eq!(&body[..], b"brotli bytes");

        let (_, headers, body) = get("/pkg/wenming.js").await;
        assert!(headers.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(headers[header::VARY], "accept-encoding");
        assert!(body.contains("hydrate"));
        let (status, headers, _) = get("/pkg/missing.js").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    });
}

#[test]
fn pages_are_compressed_for_browsers_that_accept_it() {
    runtime().block_on(async {
        let (_, _, plain) = get("/article/1").await;
        for encoding in ["br", "gzip"] {
            let request = Request::get("/article/1")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .expect("request");
            let response = app().oneshot(request).await.expect("response");
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
            let vary: Vec<_> = response.headers().get_all(header::VARY).iter().collect();
            assert!(
                vary.iter()
                    .any(|v| v.to_str().unwrap_or_default().contains("accept-encoding")),
                "{vary:?}"
            );
            let body = body_of(response).await;
            assert!(
                !body.is_empty() && body.len() < plain.len() / 2,
                "{encoding}: {} bytes",
                body.len()
            );
        }
    });
}

#[test]
fn a_reader_who_chose_traditional_is_redirected_even_from_a_cached_page() {
    runtime().block_on(async {
        let uri = "/?test=script";
        get(uri).await;
        assert_eq!(get(uri).await.1["x-cache"], "hit");
        let response = send_with(uri, &[(header::COOKIE, "wenming_script=hant")]).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(response.headers()[header::LOCATION], "/zh-hant?test=script");
    });
}
