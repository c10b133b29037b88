//! Blocks used by more than one page.

mod article_list;
mod error_page;
mod footer;
mod header;
mod page_meta;
mod pager;
mod sidebar;
mod site;

pub use article_list::{ArticleList, PictureList, RankedList, article_href};
pub use error_page::ErrorPage;
pub use footer::SiteFooter;
pub use header::SiteHeader;
pub use page_meta::PageMeta;
pub use pager::{Pager, page_href};
pub use sidebar::Sidebar;
pub use site::{provide_shared, use_sidebar, use_site};
