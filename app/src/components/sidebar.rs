use leptos::prelude::*;

use crate::components::{ArticleList, PictureList, RankingTabs, use_sidebar};
use crate::script::use_script;

/// 推荐图文, 推荐资讯 and 点击排行, beside the main column of every page. `children` go
/// first (a page's own blocks, such as 更多同类资讯).
#[component]
pub fn Sidebar(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let sidebar = use_sidebar();
    let script = use_script();
    view! {
        <aside class="sidebar">
            {children.map(|children| children())}
            <Suspense>
                {move || Suspend::new(async move {
                    let script = script.get_untracked();
                    sidebar.await.ok().map(|data| view! {
                        <section class="block" id="picture-recommendations">
                            <h2>{script.pick("推荐图文", "推薦圖文")}</h2>
                            <PictureList items=data.picture_recommendations/>
                        </section>
                        <section class="block" id="recommendations">
                            <h2>{script.pick("推荐资讯", "推薦資訊")}</h2>
                            <ArticleList items=data.recommendations/>
                        </section>
                        <section class="block" id="most-viewed">
                            <h2>
                                {script.pick("点击排行", "點擊排行")}
                                <a class="more" href=script.href("/ranking")>{script.pick("更多>", "更多>")}</a>
                            </h2>
                            <RankingTabs rankings=data.most_viewed/>
                        </section>
                    })
                })}
            </Suspense>
        </aside>
    }
}
