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

use crate::script::use_script;

/// Shown while a page's data loads after a client-side navigation (the server always sends
/// complete pages).
#[component]
fn Loading() -> impl IntoView {
    let script = use_script();
    view! { <p class="loading" aria-live="polite">{move || script.get().pick("加载中…", "載入中…")}</p> }
}
