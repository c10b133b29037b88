//! Blocks used by more than one page.

mod article_list;
mod error_page;
mod footer;
mod header;
mod page_meta;
mod pager;
mod ranking;
mod sidebar;
mod site;
mod view_beacon;

pub use article_list::{ArticleList, PictureList, article_href};
pub use error_page::ErrorPage;
pub use footer::SiteFooter;
pub use header::SiteHeader;
pub use page_meta::PageMeta;
pub use pager::{Pager, page_href};
pub use ranking::{RankedList, RankingTabs, window_label};
pub use sidebar::Sidebar;
pub use site::{provide_shared, use_sidebar, use_site};
pub use view_beacon::ViewBeacon;
