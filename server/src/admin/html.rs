//! The desk's pages: one document around every page, rendered to a string on the server.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::HashedStylesheet;

use super::Editor;

/// A whole desk page: the site's stylesheet, the desk's menu (when signed in) and `main`.
/// No script: the page works as plain forms and links.
pub fn page(
    options: &LeptosOptions,
    title: &str,
    editor: Option<&Editor>,
    main: impl IntoView + 'static,
) -> Html<String> {
    let options = options.clone();
    let title = format!("{title} - 编辑部");
    let menu = editor.map(|editor| {
        let name = editor.name.clone();
        view! {
            <nav class="desk-menu" aria-label="编辑部">
                <a href="/admin">"待审稿件"</a>
                <a href="/admin/articles">"文章管理"</a>
                <a href="/admin/audit">"操作日志"</a>
                <span class="desk-user">{name}</span>
                <form method="post" action="/admin/logout">
                    <button type="submit">"退出登录"</button>
                </form>
            </nav>
        }
    });
    let document = view! {
        <html lang="zh-Hans">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex"/>
                <title>{title}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options/>
            </head>
            <body class="desk">
                <header class="desk-header">
                    <strong>"编辑部"</strong>
                    {menu}
                </header>
                <main id="main" class="page desk-main">{main}</main>
            </body>
        </html>
    };
    Html(format!("<!DOCTYPE html>{}", document.to_html()))
}

/// A page that only says something, under a status (a refusal, a missing item).
pub fn message(
    options: &LeptosOptions,
    editor: Option<&Editor>,
    status: StatusCode,
    text: &str,
) -> Response {
    let heading = text.to_string();
    let body = page(
        options,
        text,
        editor,
        view! {
            <h1>{heading}</h1>
            <p><a href="/admin">"返回待审稿件"</a></p>
        },
    );
    (status, body).into_response()
}
