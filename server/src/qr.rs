//! QR codes of the site's footer links (the official WeChat account, the volunteer app),
//! drawn from `site.toml` so that an operator only writes the link.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::QrCode;
use qrcode::render::svg;

use crate::state::AppState;

/// `GET /qr/footer/{position}`: an SVG QR code of the footer link at that position, if the
/// link asks for one (`qr = true`).
pub async fn footer_qr(State(state): State<AppState>, Path(position): Path<usize>) -> Response {
    let site = state.store.site();
    let Some(link) = site.footer_links.get(position).filter(|link| link.qr) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match QrCode::new(link.url.as_bytes()) {
        Ok(code) => {
            let image = code
                .render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build();
            (
                [
                    (CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
                    (
                        CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=300"),
                    ),
                ],
                image,
            )
                .into_response()
        }
        Err(error) => {
            tracing::warn!(%error, url = %link.url, "cannot draw a QR code for a footer link");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}
