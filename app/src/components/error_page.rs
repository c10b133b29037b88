use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::response_status::set_response_status;

/// What a reader sees instead of a page that failed: a plain message, a way on, and the
/// right HTTP status for crawlers.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_response_status(error.status());
    let heading = match error {
        AppError::NotFound => "404",
        AppError::Network | AppError::Internal => "出错了",
    };
    view! {
        <Title text=error.to_string()/>
        <section class="error-page" data-status=error.status()>
            <h1>{heading}</h1>
            <p>{error.to_string()}</p>
            <p>
                <a href="/">"返回首页"</a>
            </p>
        </section>
    }
}
