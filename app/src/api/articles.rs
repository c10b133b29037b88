use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::api::{ArticlePageData, HomeData, ListingData};
use crate::error::AppError;

#[server(input = GetUrl)]
pub async fn get_home() -> Result<HomeData, AppError> {
    use crate::ssr::*;
    /// How many titles each category column shows.
    const HOME_SECTION_SIZE: usize = 6;
    /// How many items the headline, slide and recommended blocks show.
    const HOME_BLOCK_SIZE: usize = 5;
    use store::Listing;
    let store = store()?;
    let cards = |listing, limit| cards(&store.list(listing, 0, limit).items);
    let site = store.site();
    let sections = site
        .categories
        .iter()
        .map(|category| crate::api::HomeSection {
            category: category_link(category),
            items: cards(Listing::Category(&category.slug), HOME_SECTION_SIZE),
        })
        .collect();
    Ok(HomeData {
        headlines: cards(Listing::Headlines, HOME_BLOCK_SIZE),
        slides: cards(Listing::Slides, HOME_BLOCK_SIZE),
        recommended: cards(Listing::Recommended, HOME_BLOCK_SIZE),
        sections,
    })
}

/// Page `page` (1-based) of a category's listing, newest first.
#[server(input = GetUrl)]
pub async fn get_listing(category: String, page: usize) -> Result<ListingData, AppError> {
    use crate::ssr::*;
    let store = store()?;
    let site = store.site();
    let category = site.category(&category).ok_or_else(not_found)?;
    let per_page = site.per_page;
    let first = store.list(store::Listing::Category(&category.slug), 0, 0);
    let pages = first.total.div_ceil(per_page).max(1);
    if page == 0 || page > pages {
        return Err(not_found());
    }
    let listed = store.list(
        store::Listing::Category(&category.slug),
        (page - 1) * per_page,
        per_page,
    );
    Ok(ListingData {
        category: category_link(category),
        description: category.description.clone(),
        items: cards(&listed.items),
        page,
        pages,
        total: listed.total,
    })
}

#[server(input = GetUrl)]
pub async fn get_article(id: u64) -> Result<ArticlePageData, AppError> {
    use crate::ssr::*;
    /// How many titles the 更多同类资讯 block shows.
    const MORE_IN_CATEGORY: usize = 8;
    let store = store()?;
    let article = store.article(id).ok_or_else(not_found)?;
    let site = store.site();
    let category = site.category(&article.category).ok_or_else(|| {
        tracing::error!(article.id = id, category = %article.category, "indexed article has an unknown category");
        AppError::Internal
    })?;
    let body_html = {
        let (store, article) = (store.clone(), article.clone());
        blocking(move || store.body_html(&article))
            .await?
            .map_err(|error| {
                tracing::error!(article.id = id, %error, "cannot render article body");
                AppError::Internal
            })?
    };
    let more = store.list(
        store::Listing::Category(&article.category),
        0,
        MORE_IN_CATEGORY + 1,
    );
    let more_in_category = more
        .items
        .into_iter()
        .filter(|a| a.id != id)
        .take(MORE_IN_CATEGORY);
    Ok(ArticlePageData {
        article: article_detail(&article, category, &body_html),
        more_in_category: cards(&more_in_category.collect::<Vec<_>>()),
    })
}
