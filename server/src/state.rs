use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use store::Store;

use crate::config::Limits;

/// What every handler may reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Arc<Store>,
    pub limits: Limits,
    pub hsts: bool,
}
