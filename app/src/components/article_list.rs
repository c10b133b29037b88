use leptos::prelude::*;

use crate::api::ArticleCard;

pub fn article_href(id: u64) -> String {
    format!("/article/{id}")
}

/// A list of titles with their dates: the basic block of a news portal.
#[component]
pub fn ArticleList(items: Vec<ArticleCard>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"暂无文章"</p> }.into_any();
    }
    view! {
        <ul class="title-list">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            <a href=article_href(item.id)>{item.title}</a>
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
    view! {
        <ul class="picture-list">
            {items
                .into_iter()
                .filter_map(|item| {
                    let cover = item.cover?;
                    Some(view! {
                        <li>
                            <a href=article_href(item.id)>
                                <img src=cover alt="" width="640" height="360" loading="lazy"/>
                                <span>{item.title}</span>
                            </a>
                        </li>
                    })
                })
                .collect_view()}
        </ul>
    }
}
