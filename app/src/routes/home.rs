use std::time::Duration;

use leptos::prelude::*;

use crate::api::{ArticleCard, HomeData, get_home};
use crate::components::{ArticleList, PageMeta, Sidebar, article_href};
use crate::routes::loaded_page;
use crate::script::{Script, use_script};

#[component]
pub fn HomePage() -> impl IntoView {
    let script = use_script();
    let data = Resource::new(move || script.get(), get_home);
    loaded_page(
        data,
        |data, site| view! { <HomeView data site_name=site.name description=site.description/> },
    )
}

#[component]
fn HomeView(data: HomeData, site_name: String, description: String) -> impl IntoView {
    let script = use_script().get_untracked();
    view! {
        <PageMeta title="" description site_name=site_name.clone() path="/"/>
        <h1 class="visually-hidden">{site_name}</h1>
        <section class="headlines" aria-label=script.pick("头条", "頭條")>
            {data
                .headlines
                .into_iter()
                .map(|item| {
                    view! {
                        <article class="headline">
                            <h2>
                                <a href=article_href(script, item.id)>{item.title}</a>
                            </h2>
                            <p>{item.summary}</p>
                        </article>
                    }
                })
                .collect_view()}
        </section>
        <div class="columns">
            <div class="main-column">
                <Slideshow slides=data.slides/>
                <div class="sections">
                    {data
                        .sections
                        .into_iter()
                        .map(|section| {
                            let href = script.href(&format!("/list/{}", section.category.slug));
                            view! {
                                <section class="block home-section">
                                    <h2>
                                        {section.category.name}
                                        <a class="more" href=href>{script.pick("更多>", "更多>")}</a>
                                    </h2>
                                    <ArticleList items=section.items/>
                                </section>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            <Sidebar/>
        </div>
    }
}

/// How long each slide shows before the next, once JavaScript runs.
const SLIDE_INTERVAL: Duration = Duration::from_secs(5);

/// 幻灯: without JavaScript a scroll-snapping strip with a numbered link to every slide;
/// with it, the strip also advances by itself (the [`SlideStrip`] island).
#[component]
fn Slideshow(slides: Vec<ArticleCard>) -> impl IntoView {
    let script = use_script().get_untracked();
    let figures: Vec<_> = slides
        .into_iter()
        .filter_map(|slide| Some((slide.cover.clone()?, slide)))
        .enumerate()
        .map(|(index, (cover, slide))| {
            view! {
                <figure class="slide" id=format!("slide-{}", index + 1)>
                    <a href=article_href(script, slide.id)>
                        <img src=cover.url alt="" width=cover.width height=cover.height loading=if index == 0 { "eager" } else { "lazy" }/>
                        <figcaption>{slide.title}</figcaption>
                    </a>
                </figure>
            }
        })
        .collect();
    let count = figures.len();
    view! {
        <SlideStrip count script>
            {figures}
        </SlideStrip>
    }
}

/// The slideshow's moving parts, the one piece of the home page that runs in the browser:
/// the slides themselves are server-rendered children, so only a count and the script cross
/// to the island. It advances every [`SLIDE_INTERVAL`], pausing while the pointer or focus
/// is inside; the dots follow scrolling and jump to their slide.
#[island]
fn SlideStrip(count: usize, script: Script, children: Children) -> impl IntoView {
    let current = RwSignal::new(0usize);
    let paused = RwSignal::new(false);
    let strip = NodeRef::<leptos::html::Div>::new();

    let show = move |index: usize| {
        if let Some(strip) = strip.get_untracked() {
            strip.set_scroll_left(index as i32 * strip.client_width());
        }
        current.set(index);
    };
    // Effects run only in the browser: the timer never exists on the server.
    Effect::new(move || {
        if count < 2 {
            return;
        }
        let timer = set_interval_with_handle(
            move || {
                if !paused.get_untracked() {
                    show((current.get_untracked() + 1) % count);
                }
            },
            SLIDE_INTERVAL,
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    });
    let on_scroll = move |_| {
        if let Some(strip) = strip.get_untracked() {
            let width = strip.client_width().max(1);
            current.set(((strip.scroll_left() + width / 2) / width) as usize);
        }
    };
    let dots = (0..count)
        .map(|index| {
            let label = format!("{} {}", script.pick("第", "第"), index + 1);
            view! {
                <a
                    href=format!("#slide-{}", index + 1)
                    aria-label=label
                    aria-current=move || (current.get() == index).then_some("true")
                    on:click=move |ev| {
                        ev.prevent_default();
                        show(index);
                    }
                >
                    {index + 1}
                </a>
            }
        })
        .collect_view();
    view! {
        <section
            class="slideshow block"
            aria-roledescription="carousel"
            aria-label=script.pick("图片新闻", "圖片新聞")
            on:mouseenter=move |_| paused.set(true)
            on:mouseleave=move |_| paused.set(false)
            on:focusin=move |_| paused.set(true)
            on:focusout=move |_| paused.set(false)
        >
            <div class="slides" node_ref=strip on:scroll=on_scroll>
                {children()}
            </div>
            <nav class="slide-dots" aria-label=script.pick("选择图片", "選擇圖片")>
                {dots}
            </nav>
        </section>
    }
}
