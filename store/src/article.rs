//! One article file: parsing and validating it, without touching the disk.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;

use crate::ContentError;
use crate::front_matter;
use crate::markdown::summary_from_markdown;
use crate::site::is_safe_link;

/// An article's stable id, from its front matter; it is the article's URL.
pub type ArticleId = u64;

/// How long a derived summary (and so a meta description) may be, in characters.
const SUMMARY_CHARS: usize = 120;

/// A published article with only the required fields set, for the index's tests.
#[cfg(test)]
pub(crate) fn test_article(id: ArticleId, date: &str, category: &str) -> Article {
    Article {
        id,
        title: format!("t{id}"),
        subtitle: None,
        date: DateTime::parse_from_rfc3339(date).expect("test date"),
        source: None,
        author: None,
        editor: None,
        category: category.into(),
        tags: vec![],
        summary: String::new(),
        cover: None,
        cover_size: None,
        source_url: None,
        headline: false,
        recommended: false,
        slide: false,
        draft: false,
        contributed: false,
        path: PathBuf::from(format!("{id}.md")),
    }
}

/// The front matter exactly as written. Unknown keys are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: ArticleId,
    title: String,
    subtitle: Option<String>,
    date: toml::value::Datetime,
    source: Option<String>,
    author: Option<String>,
    editor: Option<String>,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    cover: Option<String>,
    source_url: Option<String>,
    #[serde(default)]
    headline: bool,
    #[serde(default)]
    recommended: bool,
    #[serde(default)]
    slide: bool,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    contributed: bool,
}

/// An article's metadata, as the index keeps it. The body stays on disk and is rendered on
/// demand (see [`crate::Store::body_html`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub subtitle: Option<String>,
    pub date: DateTime<FixedOffset>,
    /// 来源: the outlet that first published it.
    pub source: Option<String>,
    /// 记者: the reporter byline.
    pub author: Option<String>,
    /// 责任编辑: the editor responsible.
    pub editor: Option<String>,
    /// A category slug from `site.toml`.
    pub category: String,
    pub tags: Vec<String>,
    /// The front matter's summary, or the start of the body when there is none.
    pub summary: String,
    /// A path below the content folder's `media/`.
    pub cover: Option<String>,
    /// The cover's width and height in pixels, read from the image when the article is
    /// loaded, so pages can reserve its space before it arrives.
    pub cover_size: Option<(u32, u32)>,
    pub source_url: Option<String>,
    /// 头条
    pub headline: bool,
    /// 推荐
    pub recommended: bool,
    /// 幻灯
    pub slide: bool,
    pub draft: bool,
    /// Sent in by a reader (投稿) rather than written by an editor: its body is rendered
    /// under the stricter rules for contributions (raw HTML shown as text, `nofollow ugc`
    /// links, images only from `media/`), however the editor who approved it edits it.
    pub contributed: bool,
    /// The file it came from.
    pub path: PathBuf,
}

/// An article and its Markdown body, as read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedArticle {
    pub article: Article,
    pub body: String,
}

impl ParsedArticle {
    /// Parses the text of an article file; `path` is recorded and used in errors. Checks
    /// everything that can be checked without the rest of the site (the category's existence
    /// is checked by the index).
    pub fn parse(path: &Path, text: &str) -> Result<ParsedArticle, ContentError> {
        let fail = |(line, message): front_matter::Problem| ContentError::new(path, line, message);
        let split = front_matter::split(text).map_err(fail)?;
        let front: FrontMatter =
            front_matter::decode(split.front, split.front_line).map_err(fail)?;
        let at = |key: &str, message: String| fail((front_matter::key_line(&split, key), message));

        if front.id == 0 {
            return Err(at("id", "`id` must be a positive whole number".into()));
        }
        let title = front.title.trim();
        if title.is_empty() {
            return Err(at("title", "`title` must not be empty".into()));
        }
        if title.chars().count() > 200 {
            return Err(at("title", "`title` is longer than 200 characters".into()));
        }
        let date = to_date_time(&front.date).map_err(|message| at("date", message))?;
        if let Some(cover) = &front.cover
            && !is_media_path(cover)
        {
            return Err(at(
                "cover",
                format!(
                    "`cover` {cover:?} must be a path inside media/, like \"covers/photo.png\""
                ),
            ));
        }
        if front.slide && front.cover.is_none() {
            return Err(at(
                "slide",
                "`slide = true` needs a `cover` image to show".into(),
            ));
        }
        if let Some(url) = &front.source_url
            && (!is_safe_link(url) || url.starts_with('/'))
        {
            return Err(at(
                "source_url",
                format!("`source_url` {url:?} must be a full http:// or https:// address"),
            ));
        }
        if front.tags.iter().any(|t| t.trim().is_empty()) {
            return Err(at("tags", "`tags` must not contain empty strings".into()));
        }

        let body = split.body;
        let summary = match front.summary.as_deref().map(str::trim) {
            Some(summary) if !summary.is_empty() => summary.to_string(),
            _ => summary_from_markdown(body, SUMMARY_CHARS),
        };
        let non_empty =
            |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(ParsedArticle {
            article: Article {
                id: front.id,
                title: title.to_string(),
                subtitle: non_empty(front.subtitle),
                date,
                source: non_empty(front.source),
                author: non_empty(front.author),
                editor: non_empty(front.editor),
                category: front.category,
                tags: front.tags,
                summary,
                cover: front.cover,
                cover_size: None,
                source_url: front.source_url,
                headline: front.headline,
                recommended: front.recommended,
                slide: front.slide,
                draft: front.draft,
                contributed: front.contributed,
                path: path.to_path_buf(),
            },
            body: body.to_string(),
        })
    }
}

/// TOML date-times are local or offset; an article needs a full date, time and offset so
/// that its order is the same on every server.
fn to_date_time(value: &toml::value::Datetime) -> Result<DateTime<FixedOffset>, String> {
    let hint = "`date` must be a full date-time with an offset, like 2026-09-03T09:30:00+08:00";
    let (Some(date), Some(time), Some(offset)) = (value.date, value.time, value.offset) else {
        return Err(hint.into());
    };
    let minutes = match offset {
        toml::value::Offset::Z => 0,
        toml::value::Offset::Custom { minutes } => i32::from(minutes),
    };
    let zone = FixedOffset::east_opt(minutes * 60).ok_or(hint)?;
    let day = NaiveDate::from_ymd_opt(i32::from(date.year), date.month.into(), date.day.into())
        .ok_or(hint)?;
    let clock = NaiveTime::from_hms_nano_opt(
        time.hour.into(),
        time.minute.into(),
        time.second.unwrap_or(0).into(),
        time.nanosecond.unwrap_or(0),
    )
    .ok_or(hint)?;
    zone.from_local_datetime(&day.and_time(clock))
        .single()
        .ok_or_else(|| hint.to_string())
}

/// A relative path of plain segments: no `..`, no leading `/`, no backslashes, so that it
/// can only name a file inside the media folder.
pub(crate) fn is_media_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 200
        && path.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(front: &str) -> String {
        format!("+++\n{front}\n+++\n\n第一段正文。\n")
    }

    const VALID: &str =
        "id = 7\ntitle = \"标题\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"";

    #[test]
    fn parses_a_full_article() {
        let text = file(&format!(
            "{VALID}\nsubtitle = \"副题\"\nsource = \"青禾日报\"\nauthor = \"王思远\"\neditor = \"陈静\"\ntags = [\"a\"]\ncover = \"covers/x.png\"\nsource_url = \"https://a.example/1\"\nheadline = true\nrecommended = true\nslide = true\ncontributed = true"
        ));
        let parsed = ParsedArticle::parse(Path::new("a/7.md"), &text).expect("valid");
        let article = parsed.article;
        assert_eq!(article.id, 7);
        assert_eq!(article.date.to_rfc3339(), "2026-09-03T09:30:00+08:00");
        assert_eq!(article.summary, "第一段正文。");
        assert_eq!(article.cover.as_deref(), Some("covers/x.png"));
        assert!(article.headline && article.recommended && article.slide && !article.draft);
        assert!(article.contributed);
        assert_eq!(parsed.body, "\n第一段正文。\n");
    }

    #[test]
    fn optional_keys_default_sensibly() {
        let text = file(&format!("{VALID}\nsummary = \"  \"\nauthor = \"\""));
        let article = ParsedArticle::parse(Path::new("7.md"), &text)
            .expect("valid")
            .article;
        assert_eq!(article.summary, "第一段正文。");
        assert_eq!(article.author, None);
        assert!(article.tags.is_empty() && !article.headline && !article.draft);
        assert!(!article.contributed);
    }

    #[test]
    fn reports_every_mistake_with_its_line() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "id = 0\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"",
                2,
                "positive",
            ),
            (
                "id = 7\ntitle = \" \"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"",
                3,
                "`title` must not be empty",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03\ncategory = \"news\"",
                4,
                "full date-time with an offset",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00\ncategory = \"news\"",
                4,
                "full date-time with an offset",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\ncolour = 1",
                6,
                "unknown field `colour`",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00",
                2,
                "missing field `category`",
            ),
            (
                "id = \"seven\"\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"",
                2,
                "invalid type",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\ncover = \"../secret.png\"",
                6,
                "must be a path inside media/",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\ncover = \"/etc/x.png\"",
                6,
                "must be a path inside media/",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\nslide = true",
                6,
                "needs a `cover`",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\nsource_url = \"javascript:alert(1)\"",
                6,
                "full http:// or https://",
            ),
            (
                "id = 7\ntitle = \"t\"\ndate = 2026-09-03T09:30:00+08:00\ncategory = \"news\"\ntags = [\"\"]",
                6,
                "empty strings",
            ),
            ("id = 7\ntitle = \"t\n", 3, ""),
        ];
        for (front, line, needle) in cases {
            let error = ParsedArticle::parse(Path::new("x/7.md"), &file(front)).expect_err(front);
            assert_eq!(error.line, Some(*line), "{front:?}: {error}");
            assert!(error.message.contains(needle), "{front:?}: {error}");
            assert_eq!(error.path, Path::new("x/7.md"));
        }
    }

    #[test]
    fn media_paths_stay_inside_media() {
        for ok in ["covers/a.png", "a.jpg", "2026/09/a-b_c.webp"] {
            assert!(is_media_path(ok), "{ok}");
        }
        for bad in [
            "",
            "../a.png",
            "covers/../../a",
            "/a.png",
            "a\\b.png",
            "covers//a.png",
            "./a.png",
            "a b.png",
        ] {
            assert!(!is_media_path(bad), "{bad}");
        }
    }
}
