use leptos::prelude::*;

use crate::api::ArticleCard;
use crate::script::{Script, use_script};

pub fn article_href(script: Script, id: u64) -> String {
    script.href(&format!("/article/{id}"))
}

/// A list of titles with their dates: the basic block of a news portal.
#[component]
pub fn ArticleList(items: Vec<ArticleCard>) -> impl IntoView {
    let script = use_script().get_untracked();
    if items.is_empty() {
        return view! { <p class="empty">{script.pick("暂无文章", "暫無文章")}</p> }.into_any();
    }
    view! {
        <ul class="title-list">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            <a href=article_href(script, item.id)>{item.title}</a>
                            <time>{item.date}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Picture cards for articles with a cover image.
#[component]
pub fn PictureList(items: Vec<ArticleCard>) -> impl IntoView {
    let script = use_script().get_untracked();
    view! {
        <ul class="picture-list">
            {items
                .into_iter()
                .filter_map(|item| {
                    let cover = item.cover?;
                    Some(view! {
                        <li>
                            <a href=article_href(script, item.id)>
                                <img src=cover.url alt="" width=cover.width height=cover.height loading="lazy"/>
                                <span>{item.title}</span>
                            </a>
                        </li>
                    })
                })
                .collect_view()}
        </ul>
    }
}
