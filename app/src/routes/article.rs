use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{ArticleCard, ArticleDetail, ArticlePageData, get_article};
use crate::components::{ArticleList, PageMeta, Sidebar, ViewBeacon, article_href};
use crate::error::AppError;
use crate::routes::loaded_page;
use crate::script::{Script, use_script};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let script = use_script();
    let data = Resource::new(
        move || (params.read().get("id"), script.get()),
        |(id, script)| async move {
            let id = id
                .and_then(|id| id.parse::<u64>().ok())
                .ok_or(AppError::NotFound)?;
            get_article(id, script).await
        },
    );
    loaded_page(
        data,
        |data, site| view! { <ArticleView data site_name=site.name/> },
    )
}

#[component]
fn ArticleView(data: ArticlePageData, site_name: String) -> impl IntoView {
    let script = use_script().get_untracked();
    let ArticlePageData {
        article,
        newer,
        older,
        more_in_category,
    } = data;
    let category_href = script.href(&format!("/list/{}", article.category.slug));
    view! {
        <PageMeta
            title=article.title.clone()
            description=article.summary.clone()
            site_name
            path=format!("/article/{}", article.id)
        />
        <nav class="breadcrumb" aria-label=script.pick("当前位置", "當前位置")>
            <a href=script.href("/")>{script.pick("首页", "首頁")}</a>
            " > "
            <a href=category_href.clone()>{article.category.name.clone()}</a>
            {script.pick(" > 正文", " > 正文")}
        </nav>
        <div class="columns">
            <div class="main-column">
                <ViewBeacon id=article.id/>
                <ArticleBody article/>
                <Neighbours newer older/>
            </div>
            <Sidebar>
                <section class="block" id="more-in-category">
                    <h2>
                        {script.pick("同类资讯", "同類資訊")}
                        <a class="more" href=category_href>{script.pick("更多>", "更多>")}</a>
                    </h2>
                    <ArticleList items=more_in_category/>
                </section>
            </Sidebar>
        </div>
    }
}

/// The reader's text size, from `?font=`: a link, so it works without JavaScript (and the
/// page with each size is cached like any other).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FontSize {
    Large,
    Medium,
    Small,
}

impl FontSize {
    const ALL: [FontSize; 3] = [FontSize::Large, FontSize::Medium, FontSize::Small];

    fn from_query(value: Option<String>) -> FontSize {
        match value.as_deref() {
            Some("large") => FontSize::Large,
            Some("small") => FontSize::Small,
            _ => FontSize::Medium,
        }
    }

    fn query(self) -> &'static str {
        match self {
            FontSize::Large => "?font=large",
            FontSize::Medium => "?font=medium",
            FontSize::Small => "?font=small",
        }
    }

    fn class(self) -> &'static str {
        match self {
            FontSize::Large => "font-large",
            FontSize::Medium => "font-medium",
            FontSize::Small => "font-small",
        }
    }

    fn label(self, script: Script) -> &'static str {
        match self {
            FontSize::Large => script.pick("大", "大"),
            FontSize::Medium => script.pick("中", "中"),
            FontSize::Small => script.pick("小", "小"),
        }
    }
}

#[component]
fn ArticleBody(article: ArticleDetail) -> impl IntoView {
    let script = use_script().get_untracked();
    let query = use_query_map();
    let font = Memo::new(move |_| FontSize::from_query(query.read().get("font")));
    let meta = [
        (script.pick("来源", "來源"), article.source),
        (script.pick("作者", "作者"), article.author),
        (script.pick("责任编辑", "責任編輯"), article.editor),
    ];
    let font_links = FontSize::ALL
        .into_iter()
        .map(|size| {
            view! {
                <a href=size.query() aria-current=move || (font.get() == size).then_some("true")>
                    {size.label(script)}
                </a>
            }
        })
        .collect_view();
    view! {
        <article class=move || format!("article {}", font.get().class())>
            <h1>{article.title}</h1>
            {article.subtitle.map(|subtitle| view! { <p class="subtitle">{subtitle}</p> })}
            <p class="article-meta">
                <span>{script.pick("日期：", "日期：")} <time datetime=article.published_iso>{article.published}</time></span>
                {meta
                    .into_iter()
                    .filter_map(|(label, value)| {
                        value.map(|value| view! { <span>{label} "：" {value}</span> })
                    })
                    .collect_view()}
                // As of the counter's last flush (at most a second behind).
                <span class="views">
                    {script.pick("点击数：", "點擊數：")}
                    <span data-views=article.views>{article.views}</span>
                </span>
            </p>
            <p class="article-tools">
                <span class="font-switch">"【" {script.pick("字体：", "字體：")} {font_links} "】"</span>
                <PrintButton script/>
            </p>
            // Sanitized by the store's allow-list before it left the server.
            <div class="article-body" inner_html=article.body_html></div>
            {article
                .source_url
                .map(|url| {
                    view! {
                        <p class="source-link">
                            {script.pick("原文链接：", "原文連結：")}
                            <a href=url.clone() rel="external nofollow noopener">{url.clone()}</a>
                        </p>
                    }
                })}
            {(!article.tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tags" aria-label=script.pick("标签", "標籤")>
                            {article.tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}

/// 打印: hidden until scripts run (`.js-only`), since a button needs them.
#[island]
fn PrintButton(script: Script) -> impl IntoView {
    view! {
        <button type="button" class="print-button js-only" on:click=|_| {
            let _ = window().print();
        }>{script.pick("打印", "列印")}</button>
    }
}

/// 上一篇 / 下一篇 within the category.
#[component]
fn Neighbours(newer: Option<ArticleCard>, older: Option<ArticleCard>) -> impl IntoView {
    let script = use_script().get_untracked();
    let link = move |label: &'static str, card: Option<ArticleCard>, class: &'static str| {
        view! {
            <p class=class>
                {label}
                {match card {
                    Some(card) => view! { <a href=article_href(script, card.id)>{card.title}</a> }.into_any(),
                    None => view! { <span>{script.pick("没有了", "沒有了")}</span> }.into_any(),
                }}
            </p>
        }
    };
    view! {
        <nav class="neighbours block" aria-label=script.pick("上下篇", "上下篇")>
            {link(script.pick("上一篇：", "上一篇："), newer, "newer")}
            {link(script.pick("下一篇：", "下一篇："), older, "older")}
        </nav>
    }
}
