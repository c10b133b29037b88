use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The page's `<title>`, meta description and canonical link.
#[component]
pub fn PageMeta(
    /// The page's own title; the site's name is added after it.
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    #[prop(into)] site_name: String,
    /// The page's canonical path (`/article/1017`), so that variants of a URL count as one.
    #[prop(into)]
    canonical: String,
) -> impl IntoView {
    let title = if title.is_empty() {
        site_name
    } else {
        format!("{title} - {site_name}")
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=canonical/>
    }
}
