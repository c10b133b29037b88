use leptos::prelude::*;

use crate::api::{HomeData, get_home};
use crate::components::{ArticleList, ErrorPage, PageMeta, PictureList, use_site};
use crate::routes::Loading;

#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let data = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let site = site.await;
                let (site_name, description) = site
                    .map(|s| (s.name, s.description))
                    .unwrap_or_default();
                match data.await {
                    Ok(data) => view! { <HomeView data site_name description/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeView(data: HomeData, site_name: String, description: String) -> impl IntoView {
    view! {
        <PageMeta title="" description site_name canonical="/"/>
        <h1 class="visually-hidden">"首页"</h1>
        <section class="headlines" aria-label="头条">
            {data
                .headlines
                .into_iter()
                .map(|item| {
                    view! {
                        <article class="headline">
                            <h2>
                                <a href=format!("/article/{}", item.id)>{item.title}</a>
                            </h2>
                            <p>{item.summary}</p>
                        </article>
                    }
                })
                .collect_view()}
        </section>
        <div class="columns">
            <div class="sections">
                {data
                    .sections
                    .into_iter()
                    .map(|section| {
                        let href = format!("/list/{}", section.category.slug);
                        view! {
                            <section class="block home-section">
                                <h2>
                                    {section.category.name} <a class="more" href=href>"更多>"</a>
                                </h2>
                                <ArticleList items=section.items/>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
            <aside class="sidebar">
                <section class="block">
                    <h2>"图片新闻"</h2>
                    <PictureList items=data.slides/>
                </section>
                <section class="block">
                    <h2>"推荐资讯"</h2>
                    <ArticleList items=data.recommended/>
                </section>
            </aside>
        </div>
    }
}
