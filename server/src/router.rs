//! The HTTP routes and the middleware around them.

use std::sync::Arc;

use app::ssr::PublicUrl;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::http::{HeaderValue, Response, StatusCode};
use axum::middleware;
use axum::routing::{get, post};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower::ServiceBuilder;
use tower::util::BoxCloneSyncService;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::admin;
use crate::contribute::{MAX_SUBMISSION_BYTES, SUBMISSION_TIMEOUT, receive_contribution};
use crate::page_cache::{CachedPages, provide_page_reads};
use crate::qr::footer_qr;
use crate::script_choice::{choose_script, follow_chosen_script};
use crate::security::{HeaderPolicy, provide_page_nonce, reject_cross_site, security_headers};
use crate::state::AppState;
use crate::views::{record_view, record_view_pixel};

/// Builds the whole application; `main` only binds it to a socket, so tests can drive it
/// with `oneshot`.
pub fn router(state: AppState) -> Router {
    let leptos_context = page_context(&state);
    let options = LeptosOptions::clone(&state.leptos_options);
    let site_root = std::path::PathBuf::from(options.site_root.as_ref());
    let bundle_folder = site_root.join(options.site_pkg_dir.as_ref());
    let hash_files = options.hash_files;
    let limits = state.limits;
    let cache = state.pages.clone();
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/script/{choice}", get(choose_script))
        .route("/qr/footer/{position}", get(footer_qr))
        .route("/views/{id}", post(record_view))
        .route("/views/{id}/pixel.gif", get(record_view_pixel))
        .nest_service("/media", media_files(&state.store.media_dir()))
        // The built bundle and public files, served directly: Leptos' fallback handler turns
        // any answer but 200 into its 404 page, so a browser revalidating its cached copy
        // (304) or asking for a range (206) would get "not found".
        .nest_service("/pkg", bundle_files(&bundle_folder, hash_files))
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            leptos_context.clone(),
            move || shell(options.clone()),
        )
        .fallback(file_and_error_handler_with_context::<AppState, _>(leptos_context, shell))
        .merge(admin::routes())
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        // Added after the general body limit and timeout, so only this route has its own,
        // larger ones.
        .route("/submit", post(receive_contribution).layer(submission_limits()))
        .route("/zh-hant/submit", post(receive_contribution).layer(submission_limits()))
        .layer(middleware::from_fn(follow_chosen_script))
        .layer(middleware::from_fn(reject_cross_site))
        .layer(middleware::from_fn_with_state(HeaderPolicy::of(&state), security_headers))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("fallback");
            tracing::info_span!("request", method = %request.method(), route, uri = %request.uri())
        }))
        .with_state(state);
    // Outside the layers above: a cached page is answered without them (it carries the
    // headers they gave its render).
    Router::new().fallback_service(CachedPages::new(cache, app, |render| {
        // Answers not already compressed (server-function answers, uncached pages) are
        // compressed as they go out; images and the precompressed bundle are left alone.
        // Brotli at a quality that costs well under a millisecond for a page.
        let compression = CompressionLayer::new()
            .br(true)
            .gzip(true)
            .quality(CompressionLevel::Precise(4));
        BoxCloneSyncService::new(
            ServiceBuilder::new()
                .map_response(|response: Response<_>| response.map(Body::new))
                .layer(compression)
                .service(render),
        )
    }))
}

/// What every Leptos page and server function may `use_context` for.
fn page_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let (store, views) = (state.store.clone(), state.views.clone());
    let form_clock = state.editorial.form_clock.clone();
    let contributions = state.editorial.contributions.clone();
    let public_url = state.public_url.clone();
    move || {
        provide_context(Arc::clone(&store));
        provide_context(Arc::clone(&views));
        provide_context(Arc::clone(&form_clock));
        provide_context(Arc::clone(&contributions));
        provide_page_nonce();
        provide_page_reads();
        if let Some(url) = &public_url {
            provide_context(PublicUrl(url.clone()));
        }
    }
}

/// Renders the page at `request`'s path with `extra` in its context: how a POST handler
/// answers with a page (the contribution form, turned back with what was typed).
pub async fn render_page_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    request: Request,
    extra: T,
) -> Response<Body> {
    let context = page_context(state);
    let options = LeptosOptions::clone(&state.leptos_options);
    let render = leptos_axum::render_app_async_with_context(
        move || {
            context();
            provide_context(extra.clone());
        },
        move || shell(options.clone()),
    );
    render(request).await
}

/// The contribution form's own body limit and timeout: images make it larger and slower to
/// arrive than any other request.
fn submission_limits() -> (DefaultBodyLimit, RequestBodyLimitLayer, TimeoutLayer) {
    (
        DefaultBodyLimit::max(MAX_SUBMISSION_BYTES),
        RequestBodyLimitLayer::new(MAX_SUBMISSION_BYTES),
        TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, SUBMISSION_TIMEOUT),
    )
}

/// Images from the content folder. Their names are not hashed (an editor may replace a
/// cover under the same name), so browsers keep them a day rather than a year.
fn media_files(folder: &std::path::Path) -> Router {
    let cache_control = |response: &Response<_>| {
        Some(if response.status().is_success() {
            HeaderValue::from_static("public, max-age=86400")
        } else {
            HeaderValue::from_static("no-store")
        })
    };
    Router::new()
        .fallback_service(ServeDir::new(folder))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            cache_control,
        ))
}

/// The browser bundle: sent precompressed when the build left `.br`/`.gz` files and the
/// browser accepts them. Hashed names never change content, so they are cached for a year;
/// plain names (a development build) are revalidated on every use.
fn bundle_files(folder: &std::path::Path, hashed_names: bool) -> Router {
    let policy = if hashed_names {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    };
    let cache_control = move |response: &Response<_>| {
        // A missing file must not be remembered for a year.
        Some(if response.status().is_success() {
            policy.clone()
        } else {
            HeaderValue::from_static("no-store")
        })
    };
    Router::new()
        .fallback_service(
            ServeDir::new(folder)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            cache_control,
        ))
        // The same URL answers compressed or not: shared caches must keep them apart.
        .layer(SetResponseHeaderLayer::appending(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
}
