use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use store::Store;
use views::ViewCounter;

use crate::config::Limits;
use crate::editorial::Editorial;
use crate::page_cache::PageCache;

/// What every handler may reach. Cheap to clone: axum clones a route's state for every
/// request that reaches it.
#[derive(Clone, FromRef)]
pub struct AppState {
    #[from_ref(skip)]
    pub leptos_options: Arc<LeptosOptions>,
    pub store: Arc<Store>,
    pub views: Arc<ViewCounter>,
    pub limits: Limits,
    pub pages: Arc<PageCache>,
    #[from_ref(skip)]
    pub editorial: Arc<Editorial>,
    #[from_ref(skip)]
    pub hsts: bool,
    /// Whether the reader's address comes from `X-Forwarded-For` (see the CLI's
    /// `--behind-proxy`).
    #[from_ref(skip)]
    pub behind_proxy: bool,
    /// See the CLI's `--public-url`.
    #[from_ref(skip)]
    pub public_url: Option<Arc<str>>,
}

/// Leptos' handlers take the options by value (once per render).
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        LeptosOptions::clone(&state.leptos_options)
    }
}
