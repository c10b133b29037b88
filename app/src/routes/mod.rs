//! One page a file.

mod article;
mod home;
mod listing;
mod not_found;
mod submit;

pub use article::ArticlePage;
pub use home::HomePage;
pub use listing::ListingPage;
pub use not_found::NotFound;
pub use submit::SubmitPage;

use leptos::prelude::*;

/// Shown while a page's data loads after a client-side navigation (the server always sends
/// complete pages).
#[component]
fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">"加载中…"</p> }
}
