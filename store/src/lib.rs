//! The file-backed content store.
//!
//! A content folder holds `site.toml` (site identity, navigation, categories), `articles/`
//! (Markdown files with TOML front matter, in any tree of sub-folders) and `media/` (images).
//! [`Store::open`] loads it into an in-memory [`Index`]; [`watch`] keeps the index in step
//! with the folder. Nothing here knows about HTTP or Leptos: the server maps these types to
//! what it sends.

mod article;
mod changes;
pub mod durable;
mod edit;
mod error;
mod find;
mod front_matter;
mod index;
mod loader;
mod markdown;
mod site;
mod store;
mod watch;

pub use article::{Article, ArticleId, ParsedArticle};
pub use changes::{Part, Stamp};
pub use edit::{EditError, Flags, NewArticle, set_flags, write_media, write_new_article};
pub use error::{ContentError, StoreError};
pub use find::{ArticleFilter, ArticleState};
pub use index::{Index, ListKey, Listing, Page};
pub use markdown::{render_body, render_contribution, render_editorial, summary_from_markdown};
pub use site::{Category, Link, Registration, Site};
pub use store::Store;
pub use watch::{Watcher, watch};
