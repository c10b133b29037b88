//! Simplified (简体) and Traditional (繁體) views of the site. Content is stored in
//! Simplified; the Traditional view lives under its own URLs (`/zh-hant/…`), its text is
//! converted on the server, and only the interface's own words exist in both scripts here.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

/// The URL prefix of the Traditional view.
pub const HANT_PREFIX: &str = "/zh-hant";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Script {
    #[default]
    Hans,
    Hant,
}

impl Script {
    /// The script a path is in: everything below `/zh-hant` is Traditional.
    pub fn of_path(path: &str) -> Script {
        match path.strip_prefix(HANT_PREFIX) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => Script::Hant,
            _ => Script::Hans,
        }
    }

    /// `path` (a Simplified-view path such as `/article/7`) in this script's view.
    pub fn href(self, path: &str) -> String {
        match self {
            Script::Hans => path.to_string(),
            Script::Hant if path == "/" => HANT_PREFIX.to_string(),
            Script::Hant => format!("{HANT_PREFIX}{path}"),
        }
    }

    /// The Simplified-view path of any path (the inverse of [`Script::href`]).
    pub fn neutral_path(path: &str) -> &str {
        match path.strip_prefix(HANT_PREFIX) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => path,
        }
    }

    /// The interface's own words: the Simplified and the Traditional form.
    pub fn pick(self, hans: &'static str, hant: &'static str) -> &'static str {
        match self {
            Script::Hans => hans,
            Script::Hant => hant,
        }
    }

    /// The BCP 47 tag for `lang` and `hreflang`.
    pub fn lang(self) -> &'static str {
        match self {
            Script::Hans => "zh-Hans",
            Script::Hant => "zh-Hant",
        }
    }

    pub fn other(self) -> Script {
        match self {
            Script::Hans => Script::Hant,
            Script::Hant => Script::Hans,
        }
    }
}

/// Percent-encodes `text` for use as one query-string value.
pub fn encode_query_value(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The script of the current page, from its URL (so the server and the browser agree).
pub fn use_script() -> Memo<Script> {
    let pathname = use_location().pathname;
    Memo::new(move |_| Script::of_path(&pathname.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_between_the_views() {
        let cases = [
            ("/", Script::Hans, "/"),
            ("/article/7", Script::Hans, "/article/7"),
            ("/zh-hant", Script::Hant, "/"),
            ("/zh-hant/", Script::Hant, "/"),
            ("/zh-hant/list/news/2", Script::Hant, "/list/news/2"),
            ("/zh-hantx/list", Script::Hans, "/zh-hantx/list"),
        ];
        for (path, script, neutral) in cases {
            assert_eq!(Script::of_path(path), script, "{path}");
            assert_eq!(Script::neutral_path(path), neutral, "{path}");
        }
        assert_eq!(Script::Hant.href("/"), "/zh-hant");
        assert_eq!(Script::Hant.href("/article/7"), "/zh-hant/article/7");
        assert_eq!(Script::Hans.href("/article/7"), "/article/7");
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(
            encode_query_value("/list/news?page=2&x=#a b+"),
            "/list/news%3Fpage%3D2%26x%3D%23a%20b%2B"
        );
        assert_eq!(encode_query_value("/文明"), "/%E6%96%87%E6%98%8E");
    }
}
