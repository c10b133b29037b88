use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{SearchResults, search};
use crate::components::{ArticleList, PageMeta, Sidebar};
use crate::routes::loaded_page;
use crate::script::use_script;

/// `/search?q=…`: what the header's search box sends.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let script = use_script();
    let data = Resource::new(
        move || (query.read().get("q").unwrap_or_default(), script.get()),
        |(query, script)| search(query, script),
    );
    loaded_page(
        data,
        |results, site| view! { <SearchView results site_name=site.name/> },
    )
}

#[component]
fn SearchView(results: SearchResults, site_name: String) -> impl IntoView {
    let script = use_script().get_untracked();
    let summary = if results.query.is_empty() {
        script
            .pick("请输入要搜索的词语。", "請輸入要搜尋的詞語。")
            .to_string()
    } else {
        format!(
            "{}“{}”{}{}{}",
            script.pick("搜索", "搜尋"),
            results.query,
            script.pick("，共找到 ", "，共找到 "),
            results.total,
            script.pick(" 篇文章", " 篇文章")
        )
    };
    view! {
        <PageMeta
            title=script.pick("搜索", "搜尋")
            description=script.pick("在本站文章的标题和摘要中搜索。", "在本站文章的標題和摘要中搜尋。")
            site_name
            path="/search"
        />
        <div class="columns">
            <section class="listing main-column">
                <h1>{script.pick("搜索结果", "搜尋結果")}</h1>
                <p class="search-summary">{summary}</p>
                {(!results.query.is_empty()).then(|| view! { <ArticleList items=results.items/> })}
            </section>
            <Sidebar/>
        </div>
    }
}
