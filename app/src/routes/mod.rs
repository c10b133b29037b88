//! One page a file.

mod article;
mod home;
mod listing;
mod not_found;
mod ranking;
mod search;
mod submit;
mod submit_thanks;

pub use article::ArticlePage;
pub use home::HomePage;
pub use listing::ListingPage;
pub use not_found::NotFound;
pub use ranking::RankingPage;
pub use search::SearchPage;
pub use submit::SubmitPage;
pub use submit_thanks::SubmitThanksPage;

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::SiteInfo;
use crate::components::{ErrorPage, use_site};
use crate::error::AppError;

/// What every page's title and description need from the site.
#[derive(Debug, Clone, Default)]
pub struct SiteNames {
    pub name: String,
    pub description: String,
}

impl From<SiteInfo> for SiteNames {
    fn from(site: SiteInfo) -> Self {
        SiteNames {
            name: site.name,
            description: site.description,
        }
    }
}

/// Waits for the site and a page's data, then shows the page (or the error page, with its
/// status). Pages render whole on the server (`SsrMode::Async`), so nothing is ever shown
/// while waiting. Every route renders through this, so loading and errors look the same
/// everywhere.
pub fn loaded_page<T, V>(
    data: Resource<Result<T, AppError>>,
    render: impl Fn(T, SiteNames) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let site = use_site();
    view! {
        <Suspense>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let names = site.await.map(SiteNames::from).unwrap_or_default();
                    match data.await {
                        Ok(data) => render(data, names).into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
