use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{ListingData, get_listing};
use crate::components::{ArticleList, PageMeta, Pager, Sidebar, page_href};
use crate::error::AppError;
use crate::routes::loaded_page;
use crate::script::use_script;

/// `/list/<category>`, `/list/<category>/<page>`, and `/list/<category>?page=<page>` (what
/// the page-jump form sends).
#[component]
pub fn ListingPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let script = use_script();
    let data = Resource::new(
        move || {
            let page = params
                .read()
                .get("page")
                .or_else(|| query.read().get("page"));
            (params.read().get("category"), page, script.get())
        },
        |(category, page, script)| async move {
            let category = category.ok_or(AppError::NotFound)?;
            let page = match page {
                None => 1,
                Some(page) => page
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| AppError::NotFound)?,
            };
            get_listing(category, page, script).await
        },
    );
    loaded_page(
        data,
        |data, site| view! { <ListingView data site_name=site.name/> },
    )
}

#[component]
fn ListingView(data: ListingData, site_name: String) -> impl IntoView {
    let script = use_script().get_untracked();
    let base = format!("/list/{}", data.category.slug);
    let title = if data.page > 1 {
        format!(
            "{}（第{}{}）",
            data.category.name,
            data.page,
            script.pick("页", "頁")
        )
    } else {
        data.category.name.clone()
    };
    let description = data
        .description
        .clone()
        .unwrap_or_else(|| format!("{site_name} {}", data.category.name));
    view! {
        <PageMeta title description site_name path=page_href(&base, data.page)/>
        <nav class="breadcrumb" aria-label=script.pick("当前位置", "當前位置")>
            <a href=script.href("/")>{script.pick("首页", "首頁")}</a>
            " > "
            {data.category.name.clone()}
        </nav>
        <div class="columns">
            <section class="listing main-column">
                <h1>{data.category.name}</h1>
                <ArticleList items=data.items/>
                <Pager page=data.page pages=data.pages base=script.href(&base)/>
                <form class="page-jump" method="get" action=script.href(&base)>
                    <label>
                        {script.pick("跳转到第", "跳轉到第")}
                        <input type="number" name="page" min="1" max=data.pages value=data.page inputmode="numeric" required/>
                        {script.pick("页", "頁")}
                    </label>
                    <button type="submit">{script.pick("跳转", "跳轉")}</button>
                </form>
            </section>
            <Sidebar/>
        </div>
    }
}
