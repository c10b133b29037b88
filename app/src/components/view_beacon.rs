//! Counting a page view: the browser tells the server once the page has hydrated, so HTML
//! fetched without being shown (link prefetchers, crawlers that do not run scripts) is not
//! counted, and cached HTML still is. Readers without JavaScript load an image instead.

use leptos::prelude::*;

fn record_url(id: u64) -> String {
    format!("/views/{id}")
}

/// Records one view of article `id`: from an effect (an island's effects run only in the
/// browser, once it has hydrated), or from the `<noscript>` image.
#[island]
pub fn ViewBeacon(id: u64) -> impl IntoView {
    Effect::new(move |_| send(record_url(id)));
    // As markup rather than a child element: with scripting on, the browser parses a
    // `<noscript>`'s content as text, which hydration could not match to an element.
    let image = format!(
        r#"<img src="{}/pixel.gif" alt="" width="1" height="1">"#,
        record_url(id)
    );
    view! { <noscript inner_html=image></noscript> }
}

#[cfg(feature = "hydrate")]
fn send(url: String) {
    leptos::task::spawn_local(async move {
        // A lost view is not worth bothering the reader with.
        if let Err(error) = gloo_net::http::Request::post(&url).send().await {
            leptos::logging::debug_warn!("view not recorded: {error}");
        }
    });
}

/// The server renders the page; only the browser records the view.
#[cfg(not(feature = "hydrate"))]
fn send(_url: String) {}
