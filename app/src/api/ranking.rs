use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::api::{RankWindow, RankingPageData};
use crate::error::AppError;
use crate::script::Script;

/// 点击排行 for one window, site-wide (`category` None) or for one category.
#[server(input = GetUrl)]
pub async fn get_ranking(
    window: RankWindow,
    category: Option<String>,
    script: Script,
) -> Result<RankingPageData, AppError> {
    use crate::ssr::*;
    /// How many articles the ranking page lists.
    const RANKING_PAGE_SIZE: usize = 50;
    let store = store()?;
    let counter = view_counter()?;
    let to_wire = Localize(script);
    let site = store.site();
    let category = match category {
        None => None,
        Some(slug) => Some(site.category(&slug).ok_or_else(not_found)?),
    };
    Ok(RankingPageData {
        ranking: ranking(
            &counter,
            &store,
            to_wire,
            window,
            category.map(|c| c.slug.as_str()),
            RANKING_PAGE_SIZE,
        ),
        category: category.map(|c| to_wire.category_link(c)),
        categories: site
            .categories
            .iter()
            .map(|c| to_wire.category_link(c))
            .collect(),
    })
}
