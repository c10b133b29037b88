use leptos::prelude::*;

use crate::api::SiteInfo;
use crate::components::use_site;
use crate::script::use_script;

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
    let script = use_script().get_untracked();
    view! {
        <div class="wrap">
            <ul class="footer-links">
                {site
                    .footer_links
                    .into_iter()
                    .map(|link| {
                        let qr = link.qr_image.map(|src| {
                            let alt = format!("{}{}", link.label, script.pick("二维码", "二維碼"));
                            view! { <img class="qr" src=src alt=alt width="96" height="96" loading="lazy"/> }
                        });
                        view! {
                            <li>
                                <a href=link.url rel="external">{qr}<span>{link.label}</span></a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="copyright">{format!("© {} {}", site.year, site.copyright)}</p>
            <p>{site.hosts.join("  ")} {script.pick(" 主办", " 主辦")}</p>
            <p class="registrations">
                {site.icp.map(|icp| view! { <a class="icp" href=icp.url rel="external noopener">{icp.label}</a> })}
                {site
                    .public_security
                    .map(|psb| view! { <a class="public-security" href=psb.url rel="external noopener">{psb.label}</a> })}
            </p>
            {site.contact.map(|contact| view! { <p class="contact">{contact}</p> })}
        </div>
    }
}
