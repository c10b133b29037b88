use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{ArticleDetail, ArticlePageData, get_article};
use crate::components::{ArticleList, ErrorPage, PageMeta, use_site};
use crate::error::AppError;
use crate::routes::Loading;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let site = use_site();
    let data = Resource::new(
        move || params.read().get("id"),
        |id| async move {
            let id = id
                .and_then(|id| id.parse::<u64>().ok())
                .ok_or(AppError::NotFound)?;
            get_article(id).await
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let site_name = site.await.map(|s| s.name).unwrap_or_default();
                match data.await {
                    Ok(data) => view! { <ArticleView data site_name/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleView(data: ArticlePageData, site_name: String) -> impl IntoView {
    let ArticlePageData {
        article,
        more_in_category,
    } = data;
    let category_href = format!("/list/{}", article.category.slug);
    view! {
        <PageMeta
            title=article.title.clone()
            description=article.summary.clone()
            site_name
            canonical=format!("/article/{}", article.id)
        />
        <nav class="breadcrumb" aria-label="当前位置">
            <a href="/">"首页"</a>
            " > "
            <a href=category_href.clone()>{article.category.name.clone()}</a>
            " > 正文"
        </nav>
        <div class="columns">
            <ArticleBody article/>
            <aside class="sidebar">
                <section class="block">
                    <h2>
                        "同类资讯" <a class="more" href=category_href>"更多>"</a>
                    </h2>
                    <ArticleList items=more_in_category/>
                </section>
            </aside>
        </div>
    }
}

#[component]
fn ArticleBody(article: ArticleDetail) -> impl IntoView {
    let meta = [
        ("来源", article.source),
        ("作者", article.author),
        ("责任编辑", article.editor),
    ];
    view! {
        <article class="article">
            <h1>{article.title}</h1>
            {article.subtitle.map(|subtitle| view! { <p class="subtitle">{subtitle}</p> })}
            <p class="article-meta">
                <span>"日期：" <time datetime=article.published_iso>{article.published}</time></span>
                {meta
                    .into_iter()
                    .filter_map(|(label, value)| {
                        value.map(|value| view! { <span>{label} "：" {value}</span> })
                    })
                    .collect_view()}
            </p>
            // Sanitized by the store's allow-list before it left the server.
            <div class="article-body" inner_html=article.body_html></div>
            {article
                .source_url
                .map(|url| {
                    view! {
                        <p class="source-link">
                            "原文链接：" <a href=url.clone() rel="external nofollow noopener">{url.clone()}</a>
                        </p>
                    }
                })}
            {(!article.tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tags" aria-label="标签">
                            {article.tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}
