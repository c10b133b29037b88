use leptos::prelude::*;

use crate::components::ErrorPage;
use crate::error::AppError;

/// Any path that no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}
