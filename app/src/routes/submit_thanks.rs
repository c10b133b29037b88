use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{ContributionReceipt, get_contribution_receipt};
use crate::components::{PageMeta, Sidebar};
use crate::routes::loaded_page;
use crate::script::use_script;

/// `/submit/thanks/{reference}`: where an accepted contribution leads, with its reference
/// number. Only references the server holds are shown (anything else is a 404), so the
/// page can't be made to display other text.
#[component]
pub fn SubmitThanksPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("reference").unwrap_or_default(),
        get_contribution_receipt,
    );
    loaded_page(data, |receipt, site| {
        view! { <ThanksView receipt site_name=site.name/> }
    })
}

#[component]
fn ThanksView(receipt: ContributionReceipt, site_name: String) -> impl IntoView {
    let script = use_script().get_untracked();
    view! {
        <PageMeta
            title=script.pick("投稿已收到", "投稿已收到")
            description=script.pick("您的投稿已收到，将由编辑审核。", "您的投稿已收到，將由編輯審核。")
            site_name
            path=format!("/submit/thanks/{}", receipt.reference)
        />
        <div class="columns">
            <section class="article main-column">
                <h1>{script.pick("投稿已收到", "投稿已收到")}</h1>
                <p>{script.pick("感谢您的投稿。稿件编号：", "感謝您的投稿。稿件編號：")}
                    <strong class="reference">{receipt.reference}</strong></p>
                <p>{script.pick("收稿时间：", "收稿時間：")}{receipt.received_at}</p>
                <p>{script.pick(
                    "编辑审核通过后，稿件将在本站发布。如需查询，请提供稿件编号。",
                    "編輯審核通過後，稿件將在本站發佈。如需查詢，請提供稿件編號。",
                )}</p>
                <p><a href=script.href("/submit")>{script.pick("继续投稿", "繼續投稿")}</a></p>
            </section>
            <Sidebar/>
        </div>
    }
}
