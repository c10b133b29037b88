use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::{MAX_QUERY_CHARS, SiteInfo};
use crate::components::use_site;
use crate::script::{Script, encode_query_value, use_script};

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
    let script = use_script().get_untracked();
    let pathname = use_location().pathname;
    let is_current = move |href: &str| {
        let path = pathname.get();
        let path = Script::neutral_path(&path);
        (path == href || (href != "/" && path.starts_with(&format!("{href}/")))).then_some("page")
    };
    let categories = site
        .categories
        .into_iter()
        .map(|category| {
            let href = format!("/list/{}", category.slug);
            let current = {
                let href = href.clone();
                move || is_current(&href)
            };
            view! {
                <li>
                    <a href=script.href(&href) aria-current=current>{category.name}</a>
                </li>
            }
        })
        .collect_view();
    // The phone menu is a checkbox, so it opens without JavaScript; every navigation is a
    // page load, which closes it (`autocomplete="off"`: going back does not restore it).
    view! {
        <div class="top-bar">
            <div class="wrap">
                <p class="hosts">{site.hosts.join("  ")} {script.pick(" 主办", " 主辦")}</p>
                <ul class="header-links">
                    {site
                        .header_links
                        .into_iter()
                        .map(|link| view! { <li><a href=link.url rel="external">{link.label}</a></li> })
                        .collect_view()}
                    <li>
                        <a href=script.href("/submit")>{script.pick("投稿", "投稿")}</a>
                    </li>
                    <li>
                        <a href=script.href("/")>{script.pick("返回首页", "返回首頁")}</a>
                    </li>
                    <li>
                        <ScriptSwitch/>
                    </li>
                </ul>
            </div>
        </div>
        <div class="masthead wrap">
            <a class="site-name" href=script.href("/")>{site.name}</a>
            <form class="search-form" method="get" action=script.href("/search") role="search">
                <input type="search" name="q" aria-label=script.pick("搜索本站", "搜尋本站") placeholder=script.pick("搜索", "搜尋") maxlength=MAX_QUERY_CHARS/>
                <button type="submit">{script.pick("搜索", "搜尋")}</button>
            </form>
        </div>
        <nav class="category-nav" aria-label=script.pick("栏目", "欄目")>
            <div class="wrap">
                <input type="checkbox" id="menu-toggle" class="menu-toggle" autocomplete="off"/>
                <label for="menu-toggle" class="menu-button">{script.pick("栏目导航", "欄目導航")}</label>
                <ul>
                    <li>
                        <a href=script.href("/") aria-current=move || is_current("/")>{script.pick("首页", "首頁")}</a>
                    </li>
                    {categories}
                </ul>
            </div>
        </nav>
    }
}

/// 简体 | 繁體: the same page in the other script, through `/script/<choice>`, which
/// remembers the choice in a cookie.
#[component]
fn ScriptSwitch() -> impl IntoView {
    let location = use_location();
    let script = use_script();
    let target = move |to: Script| {
        let path = location.pathname.get();
        let search = location.search.get();
        let page = to.href(Script::neutral_path(&path));
        let page = if search.is_empty() {
            page
        } else {
            format!("{page}?{search}")
        };
        let choice = match to {
            Script::Hans => "hans",
            Script::Hant => "hant",
        };
        format!("/script/{choice}?to={}", encode_query_value(&page))
    };
    view! {
        <span class="script-switch">
            {move || match script.get() {
                Script::Hans => view! {
                    <span aria-current="true">"简体"</span>
                    " | "
                    <a href=target(Script::Hant) lang="zh-Hant" hreflang="zh-Hant">"繁體"</a>
                }.into_any(),
                Script::Hant => view! {
                    <a href=target(Script::Hans) lang="zh-Hans" hreflang="zh-Hans">"简体"</a>
                    " | "
                    <span aria-current="true">"繁體"</span>
                }.into_any(),
            }}
        </span>
    }
}
