#![recursion_limit = "256"]
//! Wenming's pages: the HTML shell, the app with its route table, and the browser entry.

pub mod api;
mod components;
pub mod contribution;
pub mod error;
mod response_status;
mod routes;
pub mod script;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Html, Link, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use components::{SiteFooter, SiteHeader, provide_shared};
use routes::{
    ArticlePage, HomePage, ListingPage, NotFound, RankingPage, SearchPage, SubmitPage,
    SubmitThanksPage,
};
use script::use_script;

/// The HTML document around the app; only ever rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every route renders completely before the response starts (`SsrMode::Async`), so
    // that a missing article can answer with a real 404 status and crawlers and readers
    // without JavaScript get the whole page. The Traditional view (`/zh-hant/…`) has the same
    // routes under its prefix.
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/list/:category") view=ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/list/:category/:page") view=ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/article/:id") view=ArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("/submit") view=SubmitPage ssr=SsrMode::Async/>
                    <Route path=path!("/submit/thanks/:reference") view=SubmitThanksPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/ranking") view=RankingPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/list/:category") view=ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/list/:category/:page") view=ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/article/:id") view=ArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/submit") view=SubmitPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/submit/thanks/:reference") view=SubmitThanksPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/zh-hant/ranking") view=RankingPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// What surrounds every page: the document's language, the header, the footer, and the data
/// they share.
#[component]
fn Layout(children: Children) -> impl IntoView {
    provide_shared();
    let script = use_script();
    view! {
        <Html {..} lang=move || script.get().lang()/>
        <a class="skip-link" href="#main">{move || script.get().pick("跳到正文", "跳到正文")}</a>
        <SiteHeader/>
        <main id="main" class="page">
            {children()}
        </main>
        <SiteFooter/>
    }
}
