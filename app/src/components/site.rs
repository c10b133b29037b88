//! The site's identity, fetched once per page load and shared by the header, the footer and
//! every page's title.

use leptos::prelude::*;

use crate::api::{SiteInfo, get_site};
use crate::error::AppError;

pub type SiteResource = Resource<Result<SiteInfo, AppError>>;

#[derive(Clone, Copy)]
struct SiteContext(SiteResource);

/// Starts loading the site's identity; call once, in `App`.
pub fn provide_site() {
    provide_context(SiteContext(Resource::new(|| (), |_| get_site())));
}

pub fn use_site() -> SiteResource {
    expect_context::<SiteContext>().0
}
