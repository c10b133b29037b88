//! Article management: find articles (drafts included), set or clear 头条 / 推荐 / 幻灯, and
//! unpublish (draft) or republish. Each change is an atomic edit of the article's front
//! matter, so a site kept in git shows it as a one-line diff.

use std::time::SystemTime;

use app::script::encode_query_value;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use desk::audit::entry;
use leptos::prelude::*;
use serde::Deserialize;
use store::{ArticleFilter, ArticleId, ArticleState, Flags, set_flags as write_flags};

use super::Editor;
use super::audit::{content_file, record};
use super::failure::{Failure, off_executor};
use super::html::page;
use crate::state::AppState;

const PER_PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    category: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<usize>,
}

impl Filter {
    fn state(&self) -> ArticleState {
        match self.state.as_str() {
            "published" => ArticleState::Published,
            "draft" => ArticleState::Draft,
            "headline" => ArticleState::Headline,
            "recommended" => ArticleState::Recommended,
            "slide" => ArticleState::Slide,
            _ => ArticleState::Any,
        }
    }
}

const STATES: [(&str, &str); 6] = [
    ("", "全部"),
    ("published", "已发布"),
    ("draft", "草稿（未发布）"),
    ("headline", "头条"),
    ("recommended", "推荐"),
    ("slide", "幻灯"),
];

pub async fn list(
    State(state): State<AppState>,
    editor: Editor,
    Query(filter): Query<Filter>,
) -> Response {
    let page_number = filter.page.unwrap_or(1).max(1);
    let found = state.store.find(
        &ArticleFilter {
            category: Some(filter.category.as_str()).filter(|c| !c.is_empty()),
            query: Some(filter.q.trim()).filter(|q| !q.is_empty()),
            state: filter.state(),
        },
        (page_number - 1).saturating_mul(PER_PAGE),
        PER_PAGE,
    );
    let site = state.store.site();
    let category_options = site
        .categories
        .iter()
        .map(|c| {
            let selected = c.slug == filter.category;
            view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    let state_options = STATES
        .iter()
        .map(|(value, label)| {
            let selected = *value == filter.state;
            view! { <option value=*value selected=selected>{*label}</option> }
        })
        .collect_view();
    // Where a row's form returns to: this very list, filter and page kept.
    let back = format!(
        "/admin/articles?category={}&state={}&q={}&page={page_number}",
        encode_query_value(&filter.category),
        encode_query_value(&filter.state),
        encode_query_value(filter.q.trim()),
    );
    let rows = found
        .items
        .iter()
        .map(|article| {
            let back = back.clone();
            let action = format!("/admin/articles/{}/flags", article.id);
            let public = format!("/article/{}", article.id);
            let checkbox = |name: &'static str, label: &'static str, checked: bool| {
                view! { <label><input type="checkbox" name=name value="on" checked=checked/>{label}</label> }
            };
            view! {
                <tr>
                    <td>{article.id}</td>
                    <td>
                        {if article.draft {
                            view! { <span>{article.title.clone()}</span> }.into_any()
                        } else {
                            view! { <a href=public>{article.title.clone()}</a> }.into_any()
                        }}
                    </td>
                    <td>{article.date.format("%Y-%m-%d").to_string()}</td>
                    <td>{article.category.clone()}</td>
                    <td>
                        <form class="flags-form" method="post" action=action>
                            {checkbox("headline", "头条", article.headline)}
                            {checkbox("recommended", "推荐", article.recommended)}
                            {checkbox("slide", "幻灯", article.slide)}
                            {checkbox("draft", "草稿", article.draft)}
                            <input type="hidden" name="back" value=back/>
                            <button type="submit">"保存"</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let q = filter.q.clone();
    page(&state.leptos_options, "文章管理", Some(&editor), view! {
        <h1>"文章管理"</h1>
        <form class="desk-filter" method="get" action="/admin/articles">
            <label>"栏目 "<select name="category"><option value="">"全部栏目"</option>{category_options}</select></label>
            <label>"状态 "<select name="state">{state_options}</select></label>
            <label>"标题 "<input name="q" value=q/></label>
            <button type="submit">"筛选"</button>
        </form>
        <p>{format!("共 {} 篇，第 {page_number} / {pages} 页", found.total)}</p>
        <table class="desk-table articles">
            <thead><tr><th>"编号"</th><th>"标题"</th><th>"日期"</th><th>"栏目"</th><th>"推荐位与状态"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    })
    .into_response()
}

/// The checkboxes of one row: a box sends `on` when checked and nothing otherwise.
#[derive(Debug, Deserialize)]
pub struct FlagForm {
    headline: Option<String>,
    recommended: Option<String>,
    slide: Option<String>,
    draft: Option<String>,
    /// The list the form was on.
    back: Option<String>,
}

pub async fn set_flags(
    State(state): State<AppState>,
    editor: Editor,
    Path(id): Path<ArticleId>,
    Form(form): Form<FlagForm>,
) -> Response {
    let Some(article) = state.store.any_article(id) else {
        return Failure::NotFound.respond(&state.leptos_options, &editor);
    };
    let flags = Flags {
        headline: form.headline.is_some(),
        recommended: form.recommended.is_some(),
        slide: form.slide.is_some(),
        draft: form.draft.is_some(),
    };
    if flags.slide && article.cover.is_none() {
        return Failure::Invalid("幻灯需要封面图片：这篇文章没有封面。".into())
            .respond(&state.leptos_options, &editor);
    }
    let action = match (article.draft, flags.draft) {
        (false, true) => "unpublish",
        (true, false) => "republish",
        _ => "flags",
    };
    let detail = format!(
        "headline={} recommended={} slide={} draft={}",
        flags.headline, flags.recommended, flags.slide, flags.draft
    );
    let (edit_state, name) = (state.clone(), editor.name.clone());
    let edited = off_executor(move || {
        let store = &edit_state.store;
        write_flags(&article.path, flags)?;
        store.apply_changes(std::slice::from_ref(&article.path));
        let file = content_file(store, &article.path);
        record(
            &edit_state,
            &entry(
                &name,
                action,
                &format!("article {id}"),
                Some(&file),
                Some(&detail),
                SystemTime::now(),
            ),
        );
        Ok::<(), store::EditError>(())
    })
    .await;
    match edited {
        Ok(()) => {
            tracing::info!(editor = %editor.name, article = id, action, "article flags changed");
            // Only ever back to the article list (never elsewhere, never another site).
            let back = form
                .back
                .filter(|back| {
                    back.starts_with("/admin/articles?")
                        && back.bytes().all(|b| b.is_ascii_graphic())
                })
                .unwrap_or_else(|| "/admin/articles".into());
            Redirect::to(&back).into_response()
        }
        Err(failure) => failure.respond(&state.leptos_options, &editor),
    }
}
