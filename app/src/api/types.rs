//! Wire types: only what a page shows, already in the page's script. Storage types stay on
//! the server.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub name: String,
    pub description: String,
    pub hosts: Vec<String>,
    pub copyright: String,
    /// The current year, for the copyright line.
    pub year: i32,
    pub icp: Option<NavLink>,
    pub public_security: Option<NavLink>,
    pub contact: Option<String>,
    pub header_links: Vec<NavLink>,
    pub footer_links: Vec<NavLink>,
    pub categories: Vec<CategoryLink>,
    /// The site's public address (`https://wm.example.cn`), when the operator gave one:
    /// canonical and alternate links are then absolute, as search engines want them.
    pub public_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavLink {
    pub label: String,
    pub url: String,
    /// Where a QR code of `url` is served, when the site shows one.
    pub qr_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

/// An image with its size, so the page reserves its space before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// An article in a list: enough for a title line or a picture card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCard {
    pub id: u64,
    pub title: String,
    /// `YYYY-MM-DD`, in the article's own offset.
    pub date: String,
    pub summary: String,
    pub cover: Option<Image>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDetail {
    pub id: u64,
    pub title: String,
    pub subtitle: Option<String>,
    /// `YYYY-MM-DD HH:MM`, in the article's own offset.
    pub published: String,
    /// RFC 3339, for `<time datetime>`.
    pub published_iso: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub category: CategoryLink,
    pub tags: Vec<String>,
    pub summary: String,
    pub cover: Option<Image>,
    pub source_url: Option<String>,
    /// Sanitized HTML (never anything else goes into `inner_html`).
    pub body_html: String,
    /// 点击数: views of all time, as of the last flush of the counter.
    pub views: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePageData {
    pub article: ArticleDetail,
    /// 上一篇: the newer neighbour in the category's listing.
    pub newer: Option<ArticleCard>,
    /// 下一篇: the older neighbour.
    pub older: Option<ArticleCard>,
    /// 更多同类资讯: the latest other articles of the same category.
    pub more_in_category: Vec<ArticleCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingData {
    pub category: CategoryLink,
    pub description: Option<String>,
    pub items: Vec<ArticleCard>,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSection {
    pub category: CategoryLink,
    pub items: Vec<ArticleCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    /// 头条
    pub headlines: Vec<ArticleCard>,
    /// 幻灯
    pub slides: Vec<ArticleCard>,
    /// The latest articles of each category, in menu order.
    pub sections: Vec<HomeSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as searched (trimmed).
    pub query: String,
    pub items: Vec<ArticleCard>,
    /// How many articles match in all (only the first ones are listed).
    pub total: usize,
}

/// The blocks beside every page's main column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SidebarData {
    /// 推荐图文: recommended articles with a cover.
    pub picture_recommendations: Vec<ArticleCard>,
    /// 推荐资讯
    pub recommendations: Vec<ArticleCard>,
    /// 点击排行: one ranking per window, in [`RankWindow::EVERY`] order.
    pub most_viewed: Vec<Ranking>,
}

/// The time window of a 点击排行.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RankWindow {
    /// The last 24 hours.
    Day,
    /// The last 7 days: what a ranking shows unless asked otherwise.
    #[default]
    Week,
    /// The last 30 days.
    Month,
    All,
}

impl RankWindow {
    pub const EVERY: [RankWindow; 4] = [
        RankWindow::Day,
        RankWindow::Week,
        RankWindow::Month,
        RankWindow::All,
    ];

    /// The window's name in URLs and element ids.
    pub const fn slug(self) -> &'static str {
        match self {
            RankWindow::Day => "day",
            RankWindow::Week => "week",
            RankWindow::Month => "month",
            RankWindow::All => "all",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RankWindow> {
        RankWindow::EVERY.into_iter().find(|w| w.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedArticle {
    pub card: ArticleCard,
    pub views: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranking {
    pub window: RankWindow,
    /// Most viewed first.
    pub items: Vec<RankedArticle>,
}

/// The `/ranking` page: one window, site-wide or for one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingPageData {
    pub category: Option<CategoryLink>,
    /// Every category, for the page's filter.
    pub categories: Vec<CategoryLink>,
    pub ranking: Ranking,
}
