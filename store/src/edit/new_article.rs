//! Writing a new article file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat};
use toml_edit::{DocumentMut, Item, Value, value};

use super::{EditError, create_folders, write_new_file};
use crate::loader::ARTICLES_DIR;
use crate::{ArticleId, ParsedArticle};

/// What an editor (or an approved contribution) supplies for a new article. The optional
/// fields are left out of the file when `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    pub id: ArticleId,
    pub title: String,
    /// Written to the second, in its own offset, like the hand-written files (a date taken
    /// from the clock loses its fraction of a second).
    pub date: DateTime<FixedOffset>,
    /// A category slug from `site.toml` (not checked here: the index checks it on load, so
    /// check it against [`crate::Site::category`] before writing).
    pub category: String,
    pub author: Option<String>,
    pub source: Option<String>,
    pub summary: Option<String>,
    /// A path below `media/`.
    pub cover: Option<String>,
    pub headline: bool,
    pub recommended: bool,
    pub slide: bool,
    pub contributed: bool,
}

/// Writes `articles/YYYY/MM/<id>.md` below `content_root` (the year and month of the
/// article's date, in its own offset) and returns its path. Pass [`crate::Store::root`] as
/// the root, so the path is one [`crate::Store::apply_changes`] recognises.
///
/// The front matter is generated, so every string is escaped; the body follows the closing
/// `+++` line byte for byte (start it with a blank line for the usual look). The text is
/// parsed as the store will parse it before anything is written: an article that would not
/// load is refused with the store's message. Refuses to replace an existing file. Whether
/// another file already uses the id is the index's knowledge, not this function's: take the
/// id from [`crate::Store::next_id`].
pub fn write_new_article(
    content_root: &Path,
    article: &NewArticle,
    body: &str,
) -> Result<PathBuf, EditError> {
    let text = format!("+++\n{}+++\n{body}", front_matter(article)?);
    let folder = content_root
        .join(ARTICLES_DIR)
        .join(article.date.format("%Y").to_string())
        .join(article.date.format("%m").to_string());
    let path = folder.join(format!("{}.md", article.id));
    ParsedArticle::parse(&path, &text)?;
    create_folders(&folder)?;
    write_new_file(&path, text.as_bytes())?;
    Ok(path)
}

/// The front matter's TOML, keys in the order of the hand-written files.
fn front_matter(article: &NewArticle) -> Result<String, EditError> {
    let id = i64::try_from(article.id)
        .map_err(|_| EditError::Invalid(format!("id {} is too large", article.id)))?;
    let date = article
        .date
        .to_rfc3339_opts(SecondsFormat::Secs, false)
        .parse::<Value>()
        .map_err(|_| EditError::Invalid(format!("date {} cannot be written", article.date)))?;
    let optional = |text: &Option<String>| text.as_deref().map(one_line_string).transpose();
    let keys = [
        ("id", Some(value(id))),
        ("title", Some(one_line_string(&article.title)?)),
        ("date", Some(Item::Value(date))),
        ("source", optional(&article.source)?),
        ("author", optional(&article.author)?),
        ("category", Some(one_line_string(&article.category)?)),
        ("summary", optional(&article.summary)?),
        ("cover", optional(&article.cover)?),
        ("headline", Some(value(article.headline))),
        ("recommended", Some(value(article.recommended))),
        ("slide", Some(value(article.slide))),
        ("draft", Some(value(false))),
        ("contributed", article.contributed.then(|| value(true))),
    ];
    let mut front = DocumentMut::new();
    for (key, item) in keys {
        if let Some(item) = item {
            front.insert(key, item);
        }
    }
    Ok(front.to_string())
}

/// A TOML basic string on one line, with every quote, backslash and control character
/// escaped. toml_edit would choose a multi-line string for text with a line break, and a
/// line `+++` inside one would end the front matter early.
fn one_line_string(text: &str) -> Result<Item, EditError> {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    // Parsed back rather than trusted: a mistake here is an error, not a corrupt file.
    quoted
        .parse::<Value>()
        .map(Item::Value)
        .map_err(|_| EditError::Invalid(format!("{text:?} cannot be written as TOML")))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn full() -> NewArticle {
        NewArticle {
            id: 1001,
            title: "青禾市召开推进大会".into(),
            date: DateTime::parse_from_rfc3339("2026-12-03T09:30:00+08:00").expect("date"),
            category: "news".into(),
            author: Some("王思远".into()),
            source: Some("青禾日报".into()),
            summary: Some("摘要".into()),
            cover: Some("covers/a.png".into()),
            headline: true,
            recommended: true,
            slide: true,
            contributed: true,
        }
    }

    fn minimal() -> NewArticle {
        NewArticle {
            author: None,
            source: None,
            summary: None,
            cover: None,
            headline: false,
            recommended: false,
            slide: false,
            contributed: false,
            ..full()
        }
    }

    #[test]
    fn writes_every_field_in_the_usual_order() {
        let root = tempfile::tempdir().expect("temporary folder");
        let body = "\n第一段。\n\n+++\n\n第二段。\n";
        let path = write_new_article(root.path(), &full(), body).expect("written");
        assert_eq!(path, root.path().join("articles/2026/12/1001.md"));
        let text = fs::read_to_string(&path).expect("read back");
        assert_eq!(
            text,
            "+++\nid = 1001\ntitle = \"青禾市召开推进大会\"\ndate = 2026-12-03T09:30:00+08:00\n\
             source = \"青禾日报\"\nauthor = \"王思远\"\ncategory = \"news\"\nsummary = \"摘要\"\n\
             cover = \"covers/a.png\"\nheadline = true\nrecommended = true\nslide = true\n\
             draft = false\ncontributed = true\n+++\n\n第一段。\n\n+++\n\n第二段。\n"
        );
        let parsed = ParsedArticle::parse(&path, &text).expect("parses");
        let article = parsed.article;
        assert_eq!(parsed.body, body, "a `+++` line in the body stays body");
        assert_eq!(article.id, 1001);
        assert_eq!(article.title, "青禾市召开推进大会");
        assert_eq!(article.date.to_rfc3339(), "2026-12-03T09:30:00+08:00");
        let now = NewArticle {
            id: 2,
            date: DateTime::parse_from_rfc3339("2026-12-03T09:30:05.123456789+08:00")
                .expect("date"),
            ..minimal()
        };
        let path = write_new_article(root.path(), &now, "").expect("written");
        let text = fs::read_to_string(&path).expect("read back");
        assert!(
            text.contains("\ndate = 2026-12-03T09:30:05+08:00\n"),
            "{text}"
        );
        assert_eq!(article.category, "news");
        assert_eq!(article.author.as_deref(), Some("王思远"));
        assert_eq!(article.source.as_deref(), Some("青禾日报"));
        assert_eq!(article.summary, "摘要");
        assert_eq!(article.cover.as_deref(), Some("covers/a.png"));
        assert!(article.headline && article.recommended && article.slide);
        assert!(article.contributed && !article.draft);
    }

    #[test]
    fn leaves_out_what_is_not_given() {
        let root = tempfile::tempdir().expect("temporary folder");
        let path = write_new_article(root.path(), &minimal(), "正文").expect("written");
        let text = fs::read_to_string(&path).expect("read back");
        assert_eq!(
            text,
            "+++\nid = 1001\ntitle = \"青禾市召开推进大会\"\ndate = 2026-12-03T09:30:00+08:00\n\
             category = \"news\"\nheadline = false\nrecommended = false\nslide = false\n\
             draft = false\n+++\n正文"
        );
    }

    #[test]
    fn nasty_strings_round_trip() {
        let titles = [
            "引号\"中\"的\"\"\"三个",
            "+++",
            "第一行\n+++\n第三行",
            "'''单引号'''",
            "反斜杠\\n不是换行\\",
            "制表\t与\r回车\u{0}\u{1f}\u{7f}\u{85}",
            "#不是注释 = 1",
            "title = \"x\"\n[table]",
            "\u{feff}+++ 开头",
            "emoji 😀 与 \u{2028} 分隔符",
        ];
        for (n, title) in titles.iter().enumerate() {
            let root = tempfile::tempdir().expect("temporary folder");
            let article = NewArticle {
                id: n as u64 + 1,
                title: (*title).into(),
                author: Some((*title).into()),
                summary: Some((*title).into()),
                ..minimal()
            };
            let path = write_new_article(root.path(), &article, "\n+++\n正文").expect(title);
            let text = fs::read_to_string(&path).expect("read back");
            let parsed = ParsedArticle::parse(&path, &text).expect(title);
            assert_eq!(parsed.article.title, title.trim(), "{text}");
            assert_eq!(
                parsed.article.author.as_deref(),
                Some(title.trim()),
                "{text}"
            );
            assert_eq!(parsed.article.summary, title.trim(), "{text}");
            assert_eq!(parsed.body, "\n+++\n正文", "{text}");
        }
    }

    #[test]
    fn refuses_what_would_not_load_or_exists() {
        let root = tempfile::tempdir().expect("temporary folder");
        let cases: &[(NewArticle, &str)] = &[
            (
                NewArticle {
                    slide: true,
                    ..minimal()
                },
                "needs a `cover`",
            ),
            (
                NewArticle {
                    title: " ".into(),
                    ..minimal()
                },
                "must not be empty",
            ),
            (NewArticle { id: 0, ..minimal() }, "positive"),
            (
                NewArticle {
                    id: u64::MAX,
                    ..minimal()
                },
                "too large",
            ),
            (
                NewArticle {
                    cover: Some("../x.png".into()),
                    ..minimal()
                },
                "inside media/",
            ),
        ];
        for (article, needle) in cases {
            let error = write_new_article(root.path(), article, "").expect_err(needle);
            assert!(
                matches!(&error, EditError::Invalid(m) if m.contains(needle)),
                "{error}"
            );
        }
        assert!(
            !root.path().join("articles").exists(),
            "nothing was written"
        );

        let path = write_new_article(root.path(), &minimal(), "一").expect("first");
        let error = write_new_article(root.path(), &full(), "二").expect_err("exists");
        assert!(
            matches!(&error, EditError::Exists(p) if *p == path),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&path).expect("read").split("+++").last(),
            Some("\n一")
        );
    }
}
