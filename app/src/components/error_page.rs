use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::response_status::set_response_status;
use crate::script::use_script;

/// What a reader sees instead of a page that failed: a plain message, a way on, and the
/// right HTTP status for crawlers.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_response_status(error.status());
    let script = use_script().get_untracked();
    let heading = match error {
        AppError::NotFound => "404",
        AppError::Network | AppError::Internal => script.pick("出错了", "出錯了"),
    };
    view! {
        <Title text=error.message(script)/>
        <section class="error-page" data-status=error.status()>
            <h1>{heading}</h1>
            <p>{error.message(script)}</p>
            <p>
                <a href=script.href("/")>{script.pick("返回首页", "返回首頁")}</a>
            </p>
        </section>
    }
}
