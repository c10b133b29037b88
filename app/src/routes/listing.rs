use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{ListingData, get_listing};
use crate::components::{ArticleList, ErrorPage, PageMeta, Pager, use_site};
use crate::error::AppError;
use crate::routes::Loading;

/// `/list/<category>` and `/list/<category>/<page>`.
#[component]
pub fn ListingPage() -> impl IntoView {
    let params = use_params_map();
    let site = use_site();
    let data = Resource::new(
        move || {
            let params = params.read();
            (params.get("category"), params.get("page"))
        },
        |(category, page)| async move {
            let category = category.ok_or(AppError::NotFound)?;
            let page = match page {
                None => 1,
                Some(page) => page.parse::<usize>().map_err(|_| AppError::NotFound)?,
            };
            get_listing(category, page).await
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let site_name = site.await.map(|s| s.name).unwrap_or_default();
                match data.await {
                    Ok(data) => view! { <ListingView data site_name/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListingView(data: ListingData, site_name: String) -> impl IntoView {
    let base = format!("/list/{}", data.category.slug);
    let canonical = crate::components::page_href(&base, data.page);
    let title = if data.page > 1 {
        format!("{}（第{}页）", data.category.name, data.page)
    } else {
        data.category.name.clone()
    };
    let description = data
        .description
        .clone()
        .unwrap_or_else(|| format!("{site_name}{}栏目", data.category.name));
    view! {
        <PageMeta title description site_name canonical/>
        <nav class="breadcrumb" aria-label="当前位置">
            <a href="/">"首页"</a>
            " > "
            {data.category.name.clone()}
        </nav>
        <section class="listing">
            <h1>{data.category.name}</h1>
            <ArticleList items=data.items/>
            <Pager page=data.page pages=data.pages base/>
        </section>
    }
}
