use leptos::prelude::*;

use crate::api::SiteInfo;
use crate::components::use_site;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <Suspense>
                {move || Suspend::new(async move { site.await.ok().map(|site| view! { <FooterContent site/> }) })}
            </Suspense>
        </footer>
    }
}

#[component]
fn FooterContent(site: SiteInfo) -> impl IntoView {
    view! {
        <div class="wrap">
            <ul class="footer-links">
                {site
                    .footer_links
                    .into_iter()
                    .map(|link| view! { <li><a href=link.url rel="external">{link.label}</a></li> })
                    .collect_view()}
            </ul>
            <p>{format!("© {} {}", site.year, site.copyright)}</p>
            <p>{site.hosts.join("  ")} " 主办"</p>
            <p class="registrations">
                {site.icp.map(|icp| view! { <a href=icp.url rel="external">{icp.label}</a> })}
                {site
                    .public_security
                    .map(|psb| view! { <a href=psb.url rel="external">{psb.label}</a> })}
            </p>
            {site.contact.map(|contact| view! { <p class="contact">{contact}</p> })}
        </div>
    }
}
