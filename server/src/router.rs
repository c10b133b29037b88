//! The HTTP routes and the middleware around them.

use std::sync::Arc;

use app::{App, shell};
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::get;
use leptos::config::Env;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::qr::footer_qr;
use crate::script_choice::{choose_script, follow_chosen_script};
use crate::security::{reject_cross_site, security_headers, set_page_csp};
use crate::state::AppState;

/// Builds the whole application; `main` only binds it to a socket, so tests can drive it
/// with `oneshot`.
pub fn router(state: AppState) -> Router {
    let store = state.store.clone();
    let dev_reload_port =
        (state.leptos_options.env == Env::DEV).then_some(state.leptos_options.reload_port);
    // What every Leptos page and server function may `use_context` for.
    let leptos_context = move || {
        provide_context(Arc::clone(&store));
        set_page_csp(dev_reload_port);
    };
    let options = state.leptos_options.clone();
    let limits = state.limits;
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/script/{choice}", get(choose_script))
        .route("/qr/footer/{position}", get(footer_qr))
        .nest_service("/media", ServeDir::new(state.store.media_dir()))
        .leptos_routes_with_context(&state, generate_route_list(App), leptos_context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(leptos_context, shell))
        .layer(middleware::from_fn(follow_chosen_script))
        .layer(middleware::from_fn(reject_cross_site))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("fallback");
            tracing::info_span!("request", method = %request.method(), route, uri = %request.uri())
        }))
        .with_state(state)
}
