use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::api::{ArticlePageData, HomeData, ListingData, SearchResults, SidebarData};
use crate::error::AppError;
use crate::script::Script;

#[server(input = GetUrl)]
pub async fn get_home(script: Script) -> Result<HomeData, AppError> {
    use crate::ssr::*;
    /// How many titles each category column shows.
    const HOME_SECTION_SIZE: usize = 6;
    /// How many headlines and slides the home page shows.
    const HOME_BLOCK_SIZE: usize = 5;
    use store::Listing;
    let store = store()?;
    let to_wire = Localize(script);
    let latest = |listing, limit| to_wire.cards(&store.list(listing, 0, limit).items);
    let site = store.site();
    let sections = site
        .categories
        .iter()
        .map(|category| crate::api::HomeSection {
            category: to_wire.category_link(category),
            items: latest(Listing::Category(&category.slug), HOME_SECTION_SIZE),
        })
        .collect();
    Ok(HomeData {
        headlines: latest(Listing::Headlines, HOME_BLOCK_SIZE),
        slides: latest(Listing::Slides, HOME_BLOCK_SIZE),
        sections,
    })
}

/// Page `page` (1-based) of a category's listing, newest first.
#[server(input = GetUrl)]
pub async fn get_listing(
    category: String,
    page: usize,
    script: Script,
) -> Result<ListingData, AppError> {
    use crate::ssr::*;
    let store = store()?;
    let to_wire = Localize(script);
    let site = store.site();
    let category = site.category(&category).ok_or_else(not_found)?;
    let per_page = site.per_page;
    let listing = store::Listing::Category(&category.slug);
    let pages = store.list(listing, 0, 0).total.div_ceil(per_page).max(1);
    if page == 0 || page > pages {
        return Err(not_found());
    }
    let listed = store.list(listing, (page - 1) * per_page, per_page);
    Ok(ListingData {
        category: to_wire.category_link(category),
        description: category.description.as_deref().map(|d| to_wire.text(d)),
        items: to_wire.cards(&listed.items),
        page,
        pages,
        total: listed.total,
    })
}

#[server(input = GetUrl)]
pub async fn get_article(id: u64, script: Script) -> Result<ArticlePageData, AppError> {
    use crate::ssr::*;
    /// How many titles the 更多同类资讯 block shows.
    const MORE_IN_CATEGORY: usize = 8;
    let store = store()?;
    let to_wire = Localize(script);
    let article = store.article(id).ok_or_else(not_found)?;
    let site = store.site();
    let category = site.category(&article.category).ok_or_else(|| {
        tracing::error!(article.id = id, category = %article.category, "indexed article has an unknown category");
        AppError::Internal
    })?;
    // Reading, rendering and converting a body can take a while: off the async executor.
    // Conversion only touches Chinese characters, so the sanitized markup stays as it is.
    let body_html = {
        let (store, article) = (store.clone(), article.clone());
        blocking(move || store.body_html(&article).map(|html| to_wire.text(&html)))
            .await?
            .map_err(|error| {
                tracing::error!(article.id = id, %error, "cannot render article body");
                AppError::Internal
            })?
    };
    let (newer, older) = store.neighbours(&article);
    let more = store.list(
        store::Listing::Category(&article.category),
        0,
        MORE_IN_CATEGORY + 1,
    );
    let more: Vec<_> = more
        .items
        .into_iter()
        .filter(|a| a.id != id)
        .take(MORE_IN_CATEGORY)
        .collect();
    Ok(ArticlePageData {
        article: to_wire.article_detail(
            &article,
            category,
            &body_html,
            view_counter()?.views(id, views::Window::All),
        ),
        newer: newer.map(|a| to_wire.card(&a)),
        older: older.map(|a| to_wire.card(&a)),
        more_in_category: to_wire.cards(&more),
    })
}

#[server(input = GetUrl)]
pub async fn get_sidebar(script: Script) -> Result<SidebarData, AppError> {
    use crate::ssr::*;
    use store::Listing;
    /// How many entries each sidebar block shows.
    const BLOCK_SIZE: usize = 10;
    const PICTURES: usize = 4;
    let store = store()?;
    let to_wire = Localize(script);
    let recommended = store.list(Listing::Recommended, 0, 100).items;
    let pictures: Vec<_> = recommended
        .iter()
        .filter(|a| a.cover.is_some())
        .take(PICTURES)
        .cloned()
        .collect();
    let recommendations: Vec<_> = recommended.into_iter().take(BLOCK_SIZE).collect();
    let counter = view_counter()?;
    Ok(SidebarData {
        picture_recommendations: to_wire.cards(&pictures),
        recommendations: to_wire.cards(&recommendations),
        most_viewed: crate::api::RankWindow::EVERY
            .into_iter()
            .map(|window| ranking(&counter, &store, to_wire, window, None, BLOCK_SIZE))
            .collect(),
    })
}

/// The longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// Articles whose title or summary contains `query`. Searches the Simplified text.
#[server(input = GetUrl)]
pub async fn search(query: String, script: Script) -> Result<SearchResults, AppError> {
    use crate::ssr::*;
    /// How many results the page lists.
    const RESULTS: usize = 50;
    let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
    let store = store()?;
    let to_wire = Localize(script);
    if query.is_empty() {
        return Ok(SearchResults {
            query,
            items: Vec::new(),
            total: 0,
        });
    }
    let found = {
        let (store, query) = (store.clone(), query.clone());
        blocking(move || store.search(&query, RESULTS)).await?
    };
    Ok(SearchResults {
        items: to_wire.cards(&found.items),
        total: found.total,
        query,
    })
}
