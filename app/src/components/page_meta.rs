use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::components::use_site;
use crate::script::{Script, use_script};

/// The page's `<title>`, meta description, canonical link and the links to the same page in
/// the other script.
#[component]
pub fn PageMeta(
    /// The page's own title; the site's name is added after it.
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    #[prop(into)] site_name: String,
    /// The page's path in the Simplified view (`/article/1017`); the canonical URL is this
    /// path in the current script, so that variants of a URL count as one.
    #[prop(into)]
    path: String,
) -> impl IntoView {
    let script = use_script().get_untracked();
    // Read once: pages render their meta only after the site has loaded.
    let origin = use_site()
        .get_untracked()
        .and_then(Result::ok)
        .and_then(|site| site.public_url)
        .unwrap_or_default();
    let absolute = move |href: String| format!("{origin}{href}");
    let title = if title.is_empty() {
        site_name
    } else {
        format!("{title} - {site_name}")
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=absolute(script.href(&path))/>
        <Link rel="alternate" hreflang=Script::Hans.lang() href=absolute(Script::Hans.href(&path))/>
        <Link rel="alternate" hreflang=Script::Hant.lang() href=absolute(Script::Hant.href(&path))/>
    }
}
