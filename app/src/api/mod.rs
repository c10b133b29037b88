//! What the browser and the server exchange: small view types and the server functions
//! that produce them, grouped by domain.

mod articles;
mod contribute;
mod ranking;
mod site;
mod types;

pub use articles::{MAX_QUERY_CHARS, get_article, get_home, get_listing, get_sidebar, search};
pub use contribute::{
    ContributionForm, ContributionReceipt, get_contribution_form, get_contribution_receipt,
};
pub use ranking::get_ranking;
pub use site::get_site;
pub use types::*;
