//! `/admin`: the editors' desk. Pages are rendered on the server and work as plain forms
//! (post, then redirect), with no script at all: nothing of the desk ships in the readers'
//! bundle, and an editor's browser runs no code it doesn't need.
//!
//! Every handler takes an [`Editor`], which only a live session yields: anonymous requests
//! are sent to the login page (GET) or refused with 401 (anything else), never given data.
//! Every change is an atomic edit of a content file, logged in the audit log.

mod articles;
mod audit;
mod failure;
mod html;
mod login;
mod review;
mod session;

use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

pub use session::{Editor, SESSION_COOKIE};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(review::queue))
        .route("/admin/login", get(login::form).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/contributions/{reference}", get(review::show))
        .route(
            "/admin/contributions/{reference}/approve",
            post(review::approve),
        )
        .route(
            "/admin/contributions/{reference}/reject",
            post(review::reject),
        )
        .route(
            "/admin/contributions/{reference}/images/{name}",
            get(review::image),
        )
        .route("/admin/articles", get(articles::list))
        .route("/admin/articles/{id}/flags", post(articles::set_flags))
        .route("/admin/audit", get(audit::show))
        // Editors' pages hold unpublished text and personal details: never stored anywhere.
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
