//! The browser entry point. The server sends whole pages; only their islands (the home
//! slideshow, the article's view count and print button, the 投稿 form) come alive here.

// Nothing here names the app crate, but its islands are exported from it: linking it in is
// what puts them in the bundle.
extern crate app;

use std::time::Duration;

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::prelude::wasm_bindgen;

/// Called by Leptos's island loader once, just before it hydrates the page's islands.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The loader hydrates the islands right after this returns, without yielding to the
    // event loop; a task queued now runs once they all are. Marking the document then lets
    // tests (and anyone debugging) tell a live page from server HTML, and shows `.js-only`
    // controls.
    set_timeout(
        || {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-hydrated", "");
            }
        },
        Duration::ZERO,
    );
}
