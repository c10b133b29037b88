//! 点击排行: a numbered list with counts, and the sidebar's tabs for the time windows.

use leptos::prelude::*;

use crate::api::{RankWindow, RankedArticle, Ranking};
use crate::components::article_href;
use crate::script::{Script, use_script};

pub fn window_label(window: RankWindow, script: Script) -> &'static str {
    match window {
        RankWindow::Day => script.pick("日榜", "日榜"),
        RankWindow::Week => script.pick("周榜", "週榜"),
        RankWindow::Month => script.pick("月榜", "月榜"),
        RankWindow::All => script.pick("总榜", "總榜"),
    }
}

/// Articles numbered by rank, each with its view count.
#[component]
pub fn RankedList(items: Vec<RankedArticle>) -> impl IntoView {
    let script = use_script().get_untracked();
    if items.is_empty() {
        return view! { <p class="empty">{script.pick("暂无点击", "暫無點擊")}</p> }.into_any();
    }
    let views_label = script.pick("点击数", "點擊數");
    view! {
        <ol class="ranked-list">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            <a href=article_href(script, item.card.id)>{item.card.title}</a>
                            <span class="count" title=views_label>{item.views}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

/// One ranking per window behind tabs that need no JavaScript: the tabs are radio buttons
/// and the stylesheet shows the panel of the checked one, so every window is in the page
/// (cacheable, no request on switching) and the keyboard moves between tabs with the
/// arrow keys as in any radio group.
#[component]
pub fn RankingTabs(rankings: Vec<Ranking>) -> impl IntoView {
    let script = use_script().get_untracked();
    let switches = rankings
        .iter()
        .map(|ranking| {
            let id = format!("rank-{}", ranking.window.slug());
            view! {
                <input
                    type="radio"
                    name="rank-window"
                    class="rank-switch"
                    id=id.clone()
                    checked=ranking.window == RankWindow::default()
                />
                <label for=id>{window_label(ranking.window, script)}</label>
            }
        })
        .collect_view();
    let panels = rankings
        .into_iter()
        .map(|ranking| {
            view! {
                <div class=format!("rank-panel rank-{}", ranking.window.slug())>
                    <RankedList items=ranking.items/>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="rank-tabs" role="group" aria-label=script.pick("时间范围", "時間範圍")>
            {switches}
            {panels}
        </div>
    }
}
