//! Data every page shares: the site's identity (header, footer, titles) and the sidebar
//! blocks. Fetched once per page render, on the server.

use leptos::prelude::*;

use crate::api::{SidebarData, SiteInfo, get_sidebar, get_site};
use crate::error::AppError;
use crate::script::use_script;

pub type SiteResource = Resource<Result<SiteInfo, AppError>>;
pub type SidebarResource = Resource<Result<SidebarData, AppError>>;

#[derive(Clone, Copy)]
struct Shared {
    site: SiteResource,
    sidebar: SidebarResource,
}

/// Starts loading the shared data; call once, inside the router.
pub fn provide_shared() {
    let script = use_script();
    provide_context(Shared {
        site: Resource::new(move || script.get(), get_site),
        sidebar: Resource::new(move || script.get(), get_sidebar),
    });
}

pub fn use_site() -> SiteResource {
    expect_context::<Shared>().site
}

pub fn use_sidebar() -> SidebarResource {
    expect_context::<Shared>().sidebar
}
