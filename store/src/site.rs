//! `site.toml`: the site's identity, navigation and categories.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use crate::ContentError;
use crate::front_matter::decode;

/// Everything about the site that is not an article. Unknown keys are errors, so a typo
/// in `site.toml` is reported instead of silently ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The site's name, shown in the header and in every page title.
    pub name: String,
    /// One sentence for the home page's meta description.
    pub description: String,
    /// The hosting offices (主办), in the order they are shown.
    pub hosts: Vec<String>,
    /// The copyright holder line in the footer (the year is added when rendering).
    pub copyright: String,
    /// The ICP licence (备案) number and the registry it links to.
    pub icp: Option<Registration>,
    /// The public-security registration (公网安备) number and its registry link.
    pub public_security: Option<Registration>,
    /// A contact line for the footer (address, telephone, e-mail).
    pub contact: Option<String>,
    /// Articles per listing page.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Links in the header's top line (学习强国, 中国文明网, …).
    #[serde(default)]
    pub header_links: Vec<Link>,
    /// Links in the footer (WeChat, Weibo, mobile site, friendly links, …).
    #[serde(default)]
    pub footer_links: Vec<Link>,
    /// The categories, in menu order.
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub number: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
    /// Show a QR code of the link beside it (official WeChat accounts, app downloads).
    #[serde(default)]
    pub qr: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The category's name in URLs and in articles' `category` key: `a-z`, `0-9` and `-`.
    pub slug: String,
    /// The name readers see.
    pub name: String,
    /// One sentence for the listing page's meta description.
    pub description: Option<String>,
}

fn default_per_page() -> usize {
    20
}

impl Site {
    /// Parses and validates the text of `site.toml`; `path` is only used in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Site, ContentError> {
        let site: Site =
            decode(text, 1).map_err(|(line, message)| ContentError::new(path, line, message))?;
        site.validate()
            .map_err(|message| ContentError::new(path, None, message))?;
        Ok(site)
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("`name` must not be empty".into());
        }
        if !(1..=100).contains(&self.per_page) {
            return Err(format!(
                "`per_page` must be between 1 and 100, not {}",
                self.per_page
            ));
        }
        if self.categories.is_empty() {
            return Err("add at least one `[[categories]]` table with `slug` and `name`".into());
        }
        let mut seen = HashSet::new();
        for category in &self.categories {
            if !is_slug(&category.slug) {
                return Err(format!(
                    "category slug {:?} may only use a-z, 0-9 and -, up to 40 characters",
                    category.slug
                ));
            }
            if !seen.insert(category.slug.as_str()) {
                return Err(format!("category slug {:?} is listed twice", category.slug));
            }
        }
        if let Some(link) = self
            .footer_links
            .iter()
            .find(|l| l.qr && l.url.starts_with('/'))
        {
            return Err(format!(
                "footer link {:?} has `qr = true`: a QR code needs a full https:// address",
                link.label
            ));
        }
        let links = self.header_links.iter().chain(&self.footer_links);
        let registries = self.icp.iter().chain(&self.public_security);
        let urls = links.map(|l| &l.url).chain(registries.map(|r| &r.url));
        for url in urls {
            if !is_safe_link(url) {
                return Err(format!(
                    "link {url:?} must start with https://, http:// or / (a path on this site)"
                ));
            }
        }
        Ok(())
    }
}

pub(crate) fn is_slug(text: &str) -> bool {
    (1..=40).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether a link from a content file may be put into an `href`: absolute http(s) or a path
/// on this site (but not a protocol-relative `//host`).
pub(crate) fn is_safe_link(url: &str) -> bool {
    let has_host = |rest: &str| !rest.is_empty() && !rest.starts_with('/');
    // Browsers read `/\host` as `//host`: no backslashes anywhere.
    let no_space = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    no_space
        && (url.strip_prefix("https://").is_some_and(has_host)
            || url.strip_prefix("http://").is_some_and(has_host)
            || (url.starts_with('/') && !url.starts_with("//")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "name = \"青禾文明网\"\ndescription = \"d\"\nhosts = [\"h\"]\ncopyright = \"c\"\n\n[[categories]]\nslug = \"news\"\nname = \"新闻动态\"\n";

    #[test]
    fn parses_a_minimal_site() {
        let site = Site::parse(Path::new("site.toml"), MINIMAL).expect("valid");
        assert_eq!(site.per_page, 20);
        assert_eq!(
            site.category("news").map(|c| c.name.as_str()),
            Some("新闻动态")
        );
        assert!(site.category("other").is_none());
    }

    #[test]
    fn reports_each_mistake() {
        let cases = [
            (
                format!("{MINIMAL}colour = \"red\"\n"),
                "unknown field `colour`",
            ),
            (
                MINIMAL.replace("name = \"青禾文明网\"", "name = \" \""),
                "`name` must not be empty",
            ),
            (
                MINIMAL.replace("slug = \"news\"", "slug = \"News\""),
                "may only use a-z",
            ),
            (
                format!("{MINIMAL}[[categories]]\nslug = \"news\"\nname = \"x\"\n"),
                "listed twice",
            ),
            (
                format!("per_page = 0\n{MINIMAL}"),
                "`per_page` must be between 1 and 100",
            ),
            (
                format!(
                    "{MINIMAL}[[header_links]]\nlabel = \"x\"\nurl = \"javascript:alert(1)\"\n"
                ),
                "must start with https://",
            ),
            (
                MINIMAL.replace("[[categories]]\nslug = \"news\"\nname = \"新闻动态\"\n", ""),
                "missing field `categories`",
            ),
        ];
        for (text, needle) in cases {
            let error = Site::parse(Path::new("site.toml"), &text).expect_err(needle);
            assert!(error.message.contains(needle), "{needle}: {error}");
            assert_eq!(error.path, Path::new("site.toml"));
        }
    }

    #[test]
    fn tells_safe_links() {
        for url in ["https://a.example", "http://a.example/x", "/list/news"] {
            assert!(is_safe_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "//evil.example",
            "/\\evil.example",
            "https://",
            "data:x",
            "/a b",
            "ftp://a",
        ] {
            assert!(!is_safe_link(url), "{url}");
        }
    }
}
