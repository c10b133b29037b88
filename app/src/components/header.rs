use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::SiteInfo;
use crate::components::use_site;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    view! {
        <header class="site-header">
            <Suspense>
                {move || Suspend::new(async move { site.await.ok().map(|site| view! { <HeaderContent site/> }) })}
            </Suspense>
        </header>
    }
}

#[component]
fn HeaderContent(site: SiteInfo) -> impl IntoView {
    let pathname = use_location().pathname;
    let categories = site
        .categories
        .into_iter()
        .map(|category| {
            let href = format!("/list/{}", category.slug);
            let current = {
                let href = href.clone();
                move || {
                    let path = pathname.get();
                    (path == href || path.starts_with(&format!("{href}/"))).then_some("page")
                }
            };
            view! {
                <li>
                    <a href=href aria-current=current>{category.name}</a>
                </li>
            }
        })
        .collect_view();
    let home_current = move || (pathname.get() == "/").then_some("page");
    view! {
        <div class="top-bar">
            <div class="wrap">
                <p class="hosts">{site.hosts.join("  ")} " 主办"</p>
                <ul class="header-links">
                    {site
                        .header_links
                        .into_iter()
                        .map(|link| view! { <li><a href=link.url>{link.label}</a></li> })
                        .collect_view()}
                    <li>
                        <a href="/">"返回首页"</a>
                    </li>
                </ul>
            </div>
        </div>
        <div class="masthead wrap">
            <a class="site-name" href="/">{site.name}</a>
        </div>
        <nav class="category-nav" aria-label="栏目">
            <ul class="wrap">
                <li>
                    <a href="/" aria-current=home_current>"首页"</a>
                </li>
                {categories}
            </ul>
        </nav>
    }
}
