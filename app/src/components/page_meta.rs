use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

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
    let title = if title.is_empty() {
        site_name
    } else {
        format!("{title} - {site_name}")
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=script.href(&path)/>
        <Link rel="alternate" hreflang=Script::Hans.lang() href=Script::Hans.href(&path)/>
        <Link rel="alternate" hreflang=Script::Hant.lang() href=Script::Hant.href(&path)/>
    }
}
