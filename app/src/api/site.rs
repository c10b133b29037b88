use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::api::SiteInfo;
use crate::error::AppError;
use crate::script::Script;

/// The site's identity and navigation, for the header and footer of every page.
#[server(input = GetUrl)]
pub async fn get_site(script: Script) -> Result<SiteInfo, AppError> {
    use crate::ssr::*;
    let store = store()?;
    let mut site = Localize(script).site_info(&store.site());
    site.public_url = use_context::<PublicUrl>().map(|url| url.0.to_string());
    Ok(site)
}
