//! Server-only helpers for the server functions: reaching the store, and mapping its types
//! to wire types. Server-function bodies start with `use crate::ssr::*;`.

mod convert;
mod desk;
mod ranking;
mod reads;
pub mod traditional;

use std::sync::Arc;

use leptos::prelude::use_context;

pub use convert::Localize;
pub use desk::{beijing_minute, china_time, contribution_receipt, form_token};
pub use ranking::ranking;
pub use reads::{PageReads, TrackedStore};
pub use views::ViewCounter;

use crate::error::AppError;

/// The site's public address without a trailing slash (`https://wm.example.cn`), put into
/// the request's context by the server when the operator gave one.
#[derive(Debug, Clone)]
pub struct PublicUrl(pub Arc<str>);

/// The store the server put into the request's context, noting what the page reads.
pub fn store() -> Result<TrackedStore, AppError> {
    let store = use_context::<Arc<store::Store>>().ok_or_else(|| {
        tracing::error!("no content store in the request context");
        AppError::Internal
    })?;
    Ok(TrackedStore::new(store, use_context::<Arc<PageReads>>()))
}

/// The view counter the server put into the request's context. Taking it notes that the
/// page shows view counts.
pub fn view_counter() -> Result<Arc<ViewCounter>, AppError> {
    if let Some(reads) = use_context::<Arc<PageReads>>() {
        reads.note_view_counts();
    }
    use_context::<Arc<ViewCounter>>().ok_or_else(|| {
        tracing::error!("no view counter in the request context");
        AppError::Internal
    })
}

/// The error for a missing article, category or page. Also sets the response status, so
/// that a server-function call answers 404 rather than 500.
pub fn not_found() -> AppError {
    crate::response_status::set_response_status(404);
    AppError::NotFound
}

/// Runs blocking work (file reads) off the async executor.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!(%error, "blocking task failed");
        AppError::Internal
    })
}
