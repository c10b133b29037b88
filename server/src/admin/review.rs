//! The review queue: pending contributions, newest first; a sanitized preview of each, exactly
//! as its body will publish; approval (which writes a normal article file) or rejection (with
//! the reason kept in the record).

use std::sync::{Arc, PoisonError};
use std::time::SystemTime;

use app::contribution::{Field, check_text};
use app::script::Script;
use app::ssr::{beijing_minute, china_time};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use desk::audit::entry;
use desk::{Contribution, Status};
use leptos::prelude::*;
use serde::Deserialize;
use store::{NewArticle, Store, render_body, write_media, write_new_article};

use super::Editor;
use super::audit::{content_file, record};
use super::failure::{Failure, off_executor};
use super::html::page;
use crate::state::AppState;

pub async fn queue(State(state): State<AppState>, editor: Editor) -> Response {
    let contributions = state.editorial.contributions.clone();
    let (pending, decided) = match off_executor(move || contributions.queue(20)).await {
        Ok(lists) => lists,
        Err(failure) => return failure.respond(&state.leptos_options, &editor),
    };
    let site = state.store.site();
    let category_name = move |slug: &str| {
        site.categories
            .iter()
            .find(|c| c.slug == slug)
            .map_or_else(|| slug.to_string(), |c| c.name.clone())
    };
    let rows = pending
        .into_iter()
        .map(|c| {
            let href = format!("/admin/contributions/{}", c.reference);
            view! {
                <tr>
                    <td><a href=href>{c.story.title}</a></td>
                    <td>{category_name(&c.story.category)}</td>
                    <td>{c.story.name}</td>
                    <td>{beijing_minute(&c.received_at)}</td>
                    <td class="reference">{c.reference}</td>
                </tr>
            }
        })
        .collect_view();
    let decided = decided
        .into_iter()
        .map(|c| {
            let href = format!("/admin/contributions/{}", c.reference);
            view! { <li><a href=href>{c.story.title}</a>" · "{status_text(&c.status)}</li> }
        })
        .collect_view();
    page(&state.leptos_options, "待审稿件", Some(&editor), view! {
        <h1>"待审稿件"</h1>
        <table class="desk-table queue">
            <thead><tr><th>"标题"</th><th>"栏目"</th><th>"投稿人"</th><th>"收稿时间"</th><th>"编号"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <h2>"最近处理"</h2>
        <ul class="decided">{decided}</ul>
    })
    .into_response()
}

fn status_text(status: &Status) -> String {
    match status {
        Status::Pending => "待审".into(),
        Status::Approved { article, by, .. } => format!("已采用（文章 {article}，{by}）"),
        Status::Rejected { reason, by, .. } => format!("已退回（{by}：{reason}）"),
    }
}

/// The body as it will publish: the contributor's text (rendered under the contribution
/// rules), then the images.
pub fn published_markdown(body: &str, image_urls: &[String]) -> String {
    // The blank line after the front matter's closing fence, as in every article file.
    let mut markdown = format!("\n{}", body.trim());
    for url in image_urls {
        markdown.push_str(&format!("\n\n![]({url})"));
    }
    markdown.push('\n');
    markdown
}

/// Where an approved contribution's `n`th image goes, below the content folder's media/.
fn media_name(reference: &str, n: usize) -> String {
    format!("contributions/{reference}-{n}.jpg")
}

pub async fn show(
    State(state): State<AppState>,
    editor: Editor,
    Path(reference): Path<String>,
) -> Response {
    let contributions = state.editorial.contributions.clone();
    let found = off_executor(move || contributions.get(&reference)?.ok_or(Failure::NotFound));
    let contribution = match found.await {
        Ok(contribution) => contribution,
        Err(failure) => return failure.respond(&state.leptos_options, &editor),
    };
    let site = state.store.site();
    // The preview is the body exactly as the public page will render it, images included
    // (so a body that swallows them, say with an open code fence, shows it); only the images'
    // addresses point at the desk's copy, as they are not published yet.
    let reference = &contribution.reference;
    let public_urls: Vec<String> = (1..=contribution.images.len())
        .map(|n| format!("/media/{}", media_name(reference, n)))
        .collect();
    let mut preview = render_body(
        &published_markdown(&contribution.story.body, &public_urls),
        true,
    );
    for (url, name) in public_urls.iter().zip(&contribution.images) {
        let desk_copy = format!("/admin/contributions/{reference}/images/{name}");
        preview = preview.replace(&format!("src=\"{url}\""), &format!("src=\"{desk_copy}\""));
    }
    let decision = match &contribution.status {
        Status::Pending => decision_forms(&contribution, &site).into_any(),
        status => view! { <p class="decision">{status_text(status)}</p> }.into_any(),
    };
    let c = contribution.clone();
    page(
        &state.leptos_options,
        &contribution.story.title,
        Some(&editor),
        view! {
            <h1>{c.story.title.clone()}</h1>
            <dl class="contribution-meta">
                <dt>"编号"</dt><dd class="reference">{c.reference.clone()}</dd>
                <dt>"投稿人"</dt><dd>{c.story.name.clone()}</dd>
                <dt>"单位"</dt><dd>{c.story.organisation.clone()}</dd>
                <dt>"联系方式"</dt><dd>{c.story.contact.clone()}</dd>
                <dt>"收稿时间"</dt><dd>{beijing_minute(&c.received_at)}</dd>
                <dt>"来源地址"</dt><dd>{c.ip.clone()}</dd>
            </dl>
            <section class="preview" aria-label="发布预览">
                <h2>"发布预览"</h2>
                <div class="article-body" inner_html=preview></div>
            </section>
            {decision}
        },
    )
    .into_response()
}

fn decision_forms(contribution: &Contribution, site: &store::Site) -> impl IntoView + use<> {
    let approve = format!("/admin/contributions/{}/approve", contribution.reference);
    let reject = format!("/admin/contributions/{}/reject", contribution.reference);
    let options = site
        .categories
        .iter()
        .map(|c| {
            let selected = c.slug == contribution.story.category;
            view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    let has_images = !contribution.images.is_empty();
    view! {
        <form class="desk-form approve" method="post" action=approve>
            <h2>"采用"</h2>
            <div class="field">
                <label for="title">"标题"</label>
                <input id="title" name="title" value=contribution.story.title.clone() required/>
            </div>
            <div class="field">
                <label for="category">"栏目"</label>
                <select id="category" name="category">{options}</select>
            </div>
            <fieldset class="flags">
                <legend>"推荐位"</legend>
                <label><input type="checkbox" name="headline" value="on"/>"头条"</label>
                <label><input type="checkbox" name="recommended" value="on"/>"推荐"</label>
                {has_images.then(|| view! { <label><input type="checkbox" name="slide" value="on"/>"幻灯（用第一张图片）"</label> })}
            </fieldset>
            <button type="submit">"采用并发布"</button>
        </form>
        <form class="desk-form reject" method="post" action=reject>
            <h2>"退回"</h2>
            <div class="field">
                <label for="reason">"退回理由"</label>
                <textarea id="reason" name="reason" rows="3" required></textarea>
            </div>
            <button type="submit">"退回"</button>
        </form>
    }
}

#[derive(Debug, Deserialize)]
pub struct Approval {
    title: String,
    category: String,
    headline: Option<String>,
    recommended: Option<String>,
    slide: Option<String>,
}

pub async fn approve(
    State(state): State<AppState>,
    editor: Editor,
    Path(reference): Path<String>,
    Form(approval): Form<Approval>,
) -> Response {
    // The contribution form's own rules: an editor's title meets what the contributor's did.
    let title = approval.title.trim().to_string();
    let site = state.store.site();
    let categories: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
    for (field, value) in [
        (Field::Title, &title),
        (Field::Category, &approval.category),
    ] {
        if let Some(problem) = check_text(field, value, &categories) {
            let text = format!(
                "{}：{}",
                field.label(Script::Hans),
                problem.message(Script::Hans)
            );
            return Failure::Invalid(text).respond(&state.leptos_options, &editor);
        }
    }
    let (store, desk_state, name) = (state.store.clone(), state.clone(), editor.name.clone());
    let target = reference.clone();
    let published =
        off_executor(move || publish(&store, &desk_state, &name, &target, &title, &approval)).await;
    match published {
        Ok(id) => {
            tracing::info!(editor = %editor.name, %reference, article = id, "contribution approved");
            Redirect::to(&format!("/admin/contributions/{reference}")).into_response()
        }
        Err(failure) => failure.respond(&state.leptos_options, &editor),
    }
}

/// Writes the approved contribution as an article file (images first, the article, then the
/// decision), has the store read it at once, and logs it. Blocking.
fn publish(
    store: &Arc<Store>,
    state: &AppState,
    editor: &str,
    reference: &str,
    title: &str,
    approval: &Approval,
) -> Result<u64, Failure> {
    let editorial = &state.editorial;
    let _one_at_a_time = editorial
        .decisions
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let contribution = editorial
        .contributions
        .get(reference)?
        .ok_or(Failure::NotFound)?;
    if contribution.status != Status::Pending {
        return Err(Failure::AlreadyDecided);
    }
    let slide = approval.slide.is_some() && !contribution.images.is_empty();
    for (n, name) in contribution.images.iter().enumerate() {
        let source = editorial
            .contributions
            .image_path(reference, name)
            .ok_or(Failure::NotFound)?;
        let bytes = std::fs::read(&source)
            .map_err(|error| Failure::Internal(format!("{}: {error}", source.display())))?;
        match write_media(store.root(), &media_name(reference, n + 1), &bytes) {
            // Left by an approval that failed later: the same bytes.
            Ok(()) | Err(store::EditError::Exists(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let id = store.next_id();
    let now = SystemTime::now();
    let article = NewArticle {
        id,
        title: title.to_string(),
        date: DateTime::<Utc>::from(now).with_timezone(&china_time()),
        category: approval.category.clone(),
        author: Some(contribution.story.name.clone()),
        source: Some(contribution.story.organisation.clone()).filter(|s| !s.is_empty()),
        summary: None,
        cover: (!contribution.images.is_empty()).then(|| media_name(reference, 1)),
        headline: approval.headline.is_some(),
        recommended: approval.recommended.is_some(),
        slide,
        contributed: true,
    };
    let image_urls: Vec<String> = (1..=contribution.images.len())
        .map(|n| format!("/media/{}", media_name(reference, n)))
        .collect();
    let body = published_markdown(&contribution.story.body, &image_urls);
    let path = write_new_article(store.root(), &article, &body)?;
    store.apply_changes(std::slice::from_ref(&path));
    if let Err(error) = editorial
        .contributions
        .decide(reference, Status::approved(id, editor, now))
    {
        // Unpublish what the record does not say was approved, or approving again would
        // publish it twice.
        if let Err(removal) = std::fs::remove_file(&path) {
            tracing::error!(file = %path.display(), %removal, "could not take back an article whose approval failed");
        }
        store.apply_changes(std::slice::from_ref(&path));
        return Err(error.into());
    }
    let file = content_file(store, &path);
    record(
        state,
        &entry(
            editor,
            "approve",
            reference,
            Some(&file),
            Some(&format!("article {id}")),
            now,
        ),
    );
    Ok(id)
}

#[derive(Debug, Deserialize)]
pub struct Rejection {
    reason: String,
}

pub async fn reject(
    State(state): State<AppState>,
    editor: Editor,
    Path(reference): Path<String>,
    Form(rejection): Form<Rejection>,
) -> Response {
    let reason = rejection.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Failure::Invalid("请写明退回理由（不超过 500 字）。".into())
            .respond(&state.leptos_options, &editor);
    }
    let (desk_state, name, target) = (state.clone(), editor.name.clone(), reference.clone());
    let rejected = off_executor(move || {
        let editorial = &desk_state.editorial;
        let _one_at_a_time = editorial
            .decisions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = SystemTime::now();
        editorial
            .contributions
            .decide(&target, Status::rejected(&reason, &name, now))?;
        record(
            &desk_state,
            &entry(&name, "reject", &target, None, Some(&reason), now),
        );
        Ok::<(), desk::DeskError>(())
    })
    .await;
    match rejected {
        Ok(()) => Redirect::to(&format!("/admin/contributions/{reference}")).into_response(),
        Err(failure) => failure.respond(&state.leptos_options, &editor),
    }
}

/// A contribution's image, for the editor's preview only.
pub async fn image(
    State(state): State<AppState>,
    editor: Editor,
    Path((reference, name)): Path<(String, String)>,
) -> Response {
    // Finding the path reads the contribution's record: a file read, off the executor.
    let contributions = state.editorial.contributions.clone();
    let path = tokio::task::spawn_blocking(move || contributions.image_path(&reference, &name))
        .await
        .ok()
        .flatten();
    let Some(path) = path else {
        return Failure::NotFound.respond(&state.leptos_options, &editor);
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => ([(CONTENT_TYPE, "image/jpeg")], bytes).into_response(),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "a contribution image is missing");
            (StatusCode::NOT_FOUND, "").into_response()
        }
    }
}
