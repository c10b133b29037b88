//! Security headers and the cross-site request check (shared/SECURITY.md, "HTTP").

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::header::HOST;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, HeaderMap, HeaderValue, ORIGIN, REFERRER_POLICY, SERVER,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::Env;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

use crate::state::AppState;

/// The policy for server-rendered pages: scripts only from this origin and only with the
/// page's nonce (Leptos puts it on its own hydration scripts), WebAssembly allowed to
/// compile, nothing framed, no plugins, forms only to this site.
pub fn page_csp(nonce: &str, dev_reload_port: Option<u32>) -> String {
    let reload = dev_reload_port
        .map(|port| format!(" ws://127.0.0.1:{port} ws://localhost:{port}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for everything else (static files, server-function answers): nothing may run.
const DEFAULT_CSP: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The nonce of one response, chosen by [`security_headers`] before the page renders.
#[derive(Debug, Clone)]
pub struct PageNonce(pub String);

/// Hands the response's nonce to Leptos, which puts it on its own scripts. Called in the
/// Leptos request context. The header itself is set by [`security_headers`], so it never
/// depends on the render.
pub fn provide_page_nonce() {
    let nonce =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(nonce)) = nonce {
        provide_context(Nonce::from_value(nonce));
    }
}

/// What the security headers depend on, fixed at start-up: small, so that handing it to
/// every request costs nothing.
#[derive(Debug, Clone, Copy)]
pub struct HeaderPolicy {
    hsts: bool,
    /// The live-reload socket pages may connect to (development builds only).
    dev_reload_port: Option<u32>,
}

impl HeaderPolicy {
    pub fn of(state: &AppState) -> HeaderPolicy {
        let options = &state.leptos_options;
        HeaderPolicy {
            hsts: state.hsts,
            dev_reload_port: (options.env == Env::DEV).then_some(options.reload_port),
        }
    }
}

/// Adds the security headers to every response: pages get the policy with this response's
/// nonce, everything else a policy under which nothing runs.
pub async fn security_headers(
    State(policy): State<HeaderPolicy>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new().to_string();
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let page_policy = if is_html {
        HeaderValue::from_str(&page_csp(&nonce, policy.dev_reload_port)).ok()
    } else {
        None
    };
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_SECURITY_POLICY,
        page_policy.unwrap_or(HeaderValue::from_static(DEFAULT_CSP)),
    );
    add_static_headers(headers, policy.hsts);
    response
}

/// The headers every response carries whatever it holds, and a policy under which nothing
/// runs unless the response has one already. For responses made outside
/// [`security_headers`].
pub fn add_static_headers(headers: &mut HeaderMap, hsts: bool) {
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(DEFAULT_CSP));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if hsts {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.remove(SERVER);
    headers.remove("x-powered-by");
}

/// Refuses state-changing requests that a browser sent on behalf of another site.
pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers()) {
        tracing::warn!(
            method = %request.method(),
            uri = %request.uri(),
            origin = ?request.headers().get(ORIGIN),
            "refused a cross-site request"
        );
        return (
            StatusCode::FORBIDDEN,
            "跨站请求被拒绝 (cross-site request refused)",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether a request changes state and comes from another site. Browsers send
/// `Sec-Fetch-Site` (and `Origin` on POST); a request with neither is not from a browser
/// page, so it cannot be a forgery riding on a visitor's cookies.
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    comes_from_another_site(headers)
}

/// Whether the browser says the request was made by a page of another site (for a form, a
/// script's request or an embedded image alike).
pub fn comes_from_another_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match (headers.get(ORIGIN), headers.get(HOST)) {
        (None, _) => false,
        (Some(origin), Some(host)) => !origin_matches_host(origin.as_bytes(), host.as_bytes()),
        (Some(_), None) => true,
    }
}

fn origin_matches_host(origin: &[u8], host: &[u8]) -> bool {
    let without_scheme = origin
        .strip_prefix(b"https://")
        .or_else(|| origin.strip_prefix(b"http://"));
    without_scheme == Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    type Headers = &'static [(&'static str, &'static str)];

    #[test]
    fn tells_cross_site_requests() {
        let cases: &[(Method, Headers, bool)] = &[
            (Method::GET, &[("sec-fetch-site", "cross-site")], false),
            (Method::POST, &[("sec-fetch-site", "same-origin")], false),
            (Method::POST, &[("sec-fetch-site", "none")], false),
            (Method::POST, &[("sec-fetch-site", "cross-site")], true),
            (Method::POST, &[("sec-fetch-site", "same-site")], true),
            (
                Method::POST,
                &[("origin", "http://a.example"), ("host", "a.example")],
                false,
            ),
            (
                Method::POST,
                &[
                    ("origin", "https://a.example:8443"),
                    ("host", "a.example:8443"),
                ],
                false,
            ),
            (
                Method::POST,
                &[("origin", "https://evil.example"), ("host", "a.example")],
                true,
            ),
            (
                Method::POST,
                &[("origin", "null"), ("host", "a.example")],
                true,
            ),
            (Method::DELETE, &[("origin", "https://evil.example")], true),
            (Method::POST, &[], false),
        ];
        for (method, pairs, expected) in cases {
            assert_eq!(
                is_cross_site(method, &headers(pairs)),
                *expected,
                "{method} {pairs:?}"
            );
        }
    }

    #[test]
    fn page_policy_carries_the_nonce() {
        let csp = page_csp("abc", None);
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("ws://"));
        assert!(page_csp("abc", Some(3001)).contains("ws://127.0.0.1:3001"));
    }
}
