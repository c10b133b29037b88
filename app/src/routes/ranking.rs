use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{RankWindow, RankingPageData, get_ranking};
use crate::components::{PageMeta, RankedList, Sidebar, window_label};
use crate::error::AppError;
use crate::routes::loaded_page;
use crate::script::{Script, encode_query_value, use_script};

/// `/ranking?window=day&category=…`: the top 50 of one window, site-wide or per category.
/// Without `window`, the last 7 days.
#[component]
pub fn RankingPage() -> impl IntoView {
    let query = use_query_map();
    let script = use_script();
    let data = Resource::new(
        move || {
            let query = query.read();
            (query.get("window"), query.get("category"), script.get())
        },
        |(window, category, script)| async move {
            let window = match window {
                None => RankWindow::default(),
                Some(slug) => RankWindow::from_slug(&slug).ok_or(AppError::NotFound)?,
            };
            get_ranking(window, category, script).await
        },
    );
    loaded_page(
        data,
        |data, site| view! { <RankingView data site_name=site.name/> },
    )
}

/// The path of a ranking (in the Simplified view).
fn ranking_path(window: RankWindow, category: Option<&str>) -> String {
    let mut path = format!("/ranking?window={}", window.slug());
    if let Some(category) = category {
        path.push_str("&category=");
        path.push_str(&encode_query_value(category));
    }
    path
}

fn current(is: bool) -> Option<&'static str> {
    is.then_some("page")
}

#[component]
fn RankingView(data: RankingPageData, site_name: String) -> impl IntoView {
    let script: Script = use_script().get_untracked();
    let RankingPageData {
        category,
        categories,
        ranking,
    } = data;
    let window = ranking.window;
    let slug = category.as_ref().map(|c| c.slug.clone());
    let title = match &category {
        Some(category) => format!("{}{}", category.name, script.pick("点击排行", "點擊排行")),
        None => script.pick("点击排行", "點擊排行").to_string(),
    };
    let window_links = RankWindow::EVERY
        .into_iter()
        .map(|w| {
            view! {
                <a href=script.href(&ranking_path(w, slug.as_deref())) aria-current=current(w == window)>
                    {window_label(w, script)}
                </a>
            }
        })
        .collect_view();
    let all_link = view! {
        <a href=script.href(&ranking_path(window, None)) aria-current=current(slug.is_none())>
            {script.pick("全部", "全部")}
        </a>
    };
    let category_links = categories
        .into_iter()
        .map(|c| {
            let is_current = slug.as_deref() == Some(c.slug.as_str());
            view! {
                <a href=script.href(&ranking_path(window, Some(&c.slug))) aria-current=current(is_current)>
                    {c.name}
                </a>
            }
        })
        .collect_view();
    view! {
        <PageMeta
            title=format!("{title}（{}）", window_label(window, script))
            description=script.pick("本站文章按点击数排列。", "本站文章按點擊數排列。")
            site_name
            path=ranking_path(window, slug.as_deref())
        />
        <div class="columns">
            <section class="listing main-column ranking-page">
                <h1>{title}</h1>
                <nav class="filter" aria-label=script.pick("时间范围", "時間範圍")>{window_links}</nav>
                <nav class="filter" aria-label=script.pick("栏目", "欄目")>{all_link}{category_links}</nav>
                <RankedList items=ranking.items/>
            </section>
            <Sidebar/>
        </div>
    }
}
