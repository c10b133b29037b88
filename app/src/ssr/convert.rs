//! Store types to wire types: what a page may see of them, in the page's script.

use std::sync::Arc;

use chrono::Datelike;

use crate::api::{ArticleCard, ArticleDetail, CategoryLink, Image, NavLink, SiteInfo};
use crate::script::Script;
use crate::ssr::traditional::to_traditional;

fn media_image(path: &str, size: Option<(u32, u32)>) -> Option<Image> {
    let (width, height) = size?;
    Some(Image {
        url: format!("/media/{path}"),
        width,
        height,
    })
}

/// Maps store values to wire values, converting every text to the page's script.
#[derive(Debug, Clone, Copy)]
pub struct Localize(pub Script);

impl Localize {
    pub fn text(self, text: &str) -> String {
        match self.0 {
            Script::Hans => text.to_string(),
            Script::Hant => to_traditional(text),
        }
    }

    fn optional(self, text: &Option<String>) -> Option<String> {
        text.as_deref().map(|t| self.text(t))
    }

    pub fn category_link(self, category: &store::Category) -> CategoryLink {
        CategoryLink {
            slug: category.slug.clone(),
            name: self.text(&category.name),
        }
    }

    fn nav_link(self, link: &store::Link) -> NavLink {
        NavLink {
            label: self.text(&link.label),
            url: link.url.clone(),
            qr_image: None,
        }
    }

    /// A footer link; its QR code, when it has one, is served by position (`/qr/footer/2`).
    fn footer_link(self, (position, link): (usize, &store::Link)) -> NavLink {
        NavLink {
            qr_image: link.qr.then(|| format!("/qr/footer/{position}")),
            ..self.nav_link(link)
        }
    }

    fn registration_link(self, registration: &store::Registration) -> NavLink {
        NavLink {
            label: self.text(&registration.number),
            url: registration.url.clone(),
            qr_image: None,
        }
    }

    pub fn site_info(self, site: &store::Site) -> SiteInfo {
        SiteInfo {
            name: self.text(&site.name),
            description: self.text(&site.description),
            hosts: site.hosts.iter().map(|h| self.text(h)).collect(),
            copyright: self.text(&site.copyright),
            year: chrono::Local::now().year(),
            icp: site.icp.as_ref().map(|r| self.registration_link(r)),
            public_security: site
                .public_security
                .as_ref()
                .map(|r| self.registration_link(r)),
            contact: self.optional(&site.contact),
            header_links: site.header_links.iter().map(|l| self.nav_link(l)).collect(),
            footer_links: site
                .footer_links
                .iter()
                .enumerate()
                .map(|l| self.footer_link(l))
                .collect(),
            categories: site
                .categories
                .iter()
                .map(|c| self.category_link(c))
                .collect(),
            // The operator's setting, not content: `get_site` fills it in.
            public_url: None,
        }
    }

    pub fn card(self, article: &store::Article) -> ArticleCard {
        ArticleCard {
            id: article.id,
            title: self.text(&article.title),
            date: article.date.format("%Y-%m-%d").to_string(),
            summary: self.text(&article.summary),
            cover: article
                .cover
                .as_deref()
                .and_then(|c| media_image(c, article.cover_size)),
        }
    }

    pub fn cards(self, articles: &[Arc<store::Article>]) -> Vec<ArticleCard> {
        articles.iter().map(|a| self.card(a)).collect()
    }

    /// `body_html` must already be in the page's script (its caller converts it off the
    /// async executor).
    pub fn article_detail(
        self,
        article: &store::Article,
        category: &store::Category,
        body_html: &str,
        views: u64,
    ) -> ArticleDetail {
        ArticleDetail {
            id: article.id,
            title: self.text(&article.title),
            subtitle: self.optional(&article.subtitle),
            published: article.date.format("%Y-%m-%d %H:%M").to_string(),
            published_iso: article.date.to_rfc3339(),
            source: self.optional(&article.source),
            author: self.optional(&article.author),
            editor: self.optional(&article.editor),
            category: self.category_link(category),
            tags: article.tags.iter().map(|t| self.text(t)).collect(),
            summary: self.text(&article.summary),
            cover: article
                .cover
                .as_deref()
                .and_then(|c| media_image(c, article.cover_size)),
            source_url: article.source_url.clone(),
            body_html: body_html.to_string(),
            views,
        }
    }
}
