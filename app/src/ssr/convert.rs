//! Store types to wire types: what a page may see of them.

use std::sync::Arc;

use chrono::Datelike;

use crate::api::{ArticleCard, ArticleDetail, CategoryLink, NavLink, SiteInfo};

pub fn media_url(path: &str) -> String {
    format!("/media/{path}")
}

pub fn category_link(category: &store::Category) -> CategoryLink {
    CategoryLink {
        slug: category.slug.clone(),
        name: category.name.clone(),
    }
}

fn nav_link(link: &store::Link) -> NavLink {
    NavLink {
        label: link.label.clone(),
        url: link.url.clone(),
    }
}

fn registration_link(registration: &store::Registration) -> NavLink {
    NavLink {
        label: registration.number.clone(),
        url: registration.url.clone(),
    }
}

pub fn site_info(site: &store::Site) -> SiteInfo {
    SiteInfo {
        name: site.name.clone(),
        description: site.description.clone(),
        hosts: site.hosts.clone(),
        copyright: site.copyright.clone(),
        year: chrono::Local::now().year(),
        icp: site.icp.as_ref().map(registration_link),
        public_security: site.public_security.as_ref().map(registration_link),
        contact: site.contact.clone(),
        header_links: site.header_links.iter().map(nav_link).collect(),
        footer_links: site.footer_links.iter().map(nav_link).collect(),
        categories: site.categories.iter().map(category_link).collect(),
    }
}

pub fn card(article: &store::Article) -> ArticleCard {
    ArticleCard {
        id: article.id,
        title: article.title.clone(),
        date: article.date.format("%Y-%m-%d").to_string(),
        summary: article.summary.clone(),
        cover: article.cover.as_deref().map(media_url),
    }
}

pub fn cards(articles: &[Arc<store::Article>]) -> Vec<ArticleCard> {
    articles.iter().map(|a| card(a)).collect()
}

pub fn article_detail(
    article: &store::Article,
    category: &store::Category,
    body_html: &str,
) -> ArticleDetail {
    ArticleDetail {
        id: article.id,
        title: article.title.clone(),
        subtitle: article.subtitle.clone(),
        published: article.date.format("%Y-%m-%d %H:%M").to_string(),
        published_iso: article.date.to_rfc3339(),
        source: article.source.clone(),
        author: article.author.clone(),
        editor: article.editor.clone(),
        category: category_link(category),
        tags: article.tags.clone(),
        summary: article.summary.clone(),
        cover: article.cover.as_deref().map(media_url),
        source_url: article.source_url.clone(),
        body_html: body_html.to_string(),
    }
}
