use leptos::prelude::*;

use crate::components::{PageMeta, Sidebar, use_site};
use crate::routes::Loading;
use crate::script::use_script;

/// 投稿: how to send a story, until the contribution form exists.
#[component]
pub fn SubmitPage() -> impl IntoView {
    let site = use_site();
    let script = use_script();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let script = script.get_untracked();
                let site = site.await.ok();
                let site_name = site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                let contact = site.and_then(|s| s.contact);
                view! {
                    <PageMeta
                        title=script.pick("投稿", "投稿")
                        description=script.pick("向本站投稿的方法。", "向本站投稿的方法。")
                        site_name
                        path="/submit"
                    />
                    <div class="columns">
                        <section class="article main-column">
                            <h1>{script.pick("投稿", "投稿")}</h1>
                            <div class="article-body">
                                <p>{script.pick(
                                    "欢迎投稿反映本地精神文明建设的新闻、身边好人好事、志愿服务和文明实践活动。来稿请注明作者姓名、单位和联系方式，内容须真实，图片须为原创。",
                                    "歡迎投稿反映本地精神文明建設的新聞、身邊好人好事、志願服務和文明實踐活動。來稿請註明作者姓名、單位和聯繫方式，內容須真實，圖片須為原創。",
                                )}</p>
                                <p>{script.pick(
                                    "所有来稿经编辑审核后方可发布。",
                                    "所有來稿經編輯審核後方可發佈。",
                                )}</p>
                                {contact.map(|contact| view! { <p class="contact">{contact}</p> })}
                            </div>
                        </section>
                        <Sidebar/>
                    </div>
                }
            })}
        </Suspense>
    }
}
