//! Changing an article's flags in place.

use std::fs;
use std::ops::Range;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use toml_edit::{Document, Item, Value};

use super::EditError;
use crate::{ParsedArticle, durable, front_matter};

/// The flags an editor sets from the article list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// 头条
    pub headline: bool,
    /// 推荐
    pub recommended: bool,
    /// 幻灯
    pub slide: bool,
    /// 草稿: not published.
    pub draft: bool,
}

/// Read, change, write: two editors flagging one article at once must not each write back
/// the file without the other's change. (Within this process; edits made outside it, such
/// as a `git pull`, are not serialised with these.)
static EDITING: Mutex<()> = Mutex::new(());

/// Sets the four flags in the front matter of the article file at `path`, keeping every
/// other byte of the file (comments, key order, spacing, the body), so a site kept in git
/// shows a one-line diff per flag changed.
///
/// The rule for each flag: a key that is present gets the new value in place (its comment
/// and spacing kept); an absent key is added at the end of the front matter when it becomes
/// `true`, and stays absent when `false` (which is what absent means). Refuses, writing
/// nothing, when the file does not load now or would not load afterwards (`slide = true`
/// without a cover, say), with the store's message. Writes nothing when nothing changes.
pub fn set_flags(path: &Path, flags: Flags) -> Result<(), EditError> {
    let _editing = EDITING.lock().unwrap_or_else(PoisonError::into_inner);
    let text = fs::read_to_string(path).map_err(EditError::io(path))?;
    ParsedArticle::parse(path, &text)?;
    let changed = with_flags(&text, flags)?;
    if changed == text {
        return Ok(());
    }
    ParsedArticle::parse(path, &changed)?;
    durable::write_atomically(path, changed.as_bytes()).map_err(EditError::io(path))
}

/// `text` with its front matter's flags set. toml_edit finds where each flag's value is
/// written, and only those bytes are replaced (or a line added), so even line endings and
/// spacing that a serialiser would normalise are kept.
fn with_flags(text: &str, flags: Flags) -> Result<String, EditError> {
    let split = front_matter::split(text).map_err(|(_, message)| EditError::Invalid(message))?;
    let front = Document::parse(split.front).map_err(|error| {
        EditError::Invalid(format!("the front matter is not valid TOML: {error}"))
    })?;
    let newline = if split.front.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let wanted = [
        ("headline", flags.headline),
        ("recommended", flags.recommended),
        ("slide", flags.slide),
        ("draft", flags.draft),
    ];
    // (where in `front`, what to put there); sorted by place below.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (key, on) in wanted {
        match front.get(key) {
            Some(Item::Value(Value::Boolean(flag))) if *flag.value() != on => {
                let span = flag.span().ok_or_else(|| {
                    EditError::Invalid(format!("cannot find where `{key}` is set"))
                })?;
                edits.push((span, on.to_string()));
            }
            Some(Item::Value(Value::Boolean(_))) => {}
            Some(_) => {
                return Err(EditError::Invalid(format!("`{key}` must be true or false")));
            }
            None if on => {
                let end = split.front.len();
                edits.push((end..end, format!("{key} = true{newline}")));
            }
            None => {}
        }
    }
    edits.sort_by_key(|(span, _)| span.start);
    let mut changed = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for (span, replacement) in edits {
        changed.push_str(&text[copied..split.front_at + span.start]);
        changed.push_str(&replacement);
        copied = split.front_at + span.end;
    }
    changed.push_str(&text[copied..]);
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written file with comments, odd spacing and a `+++` line in its body.
    const FILE: &str = "+++\n\
        # 编辑部备注：保留这一行\n\
        id = 7\n\
        title  =  \"标题\"   # 行尾注释\n\
        date = 2026-09-03T09:30:00+08:00\n\
        category = \"news\"\n\
        cover = \"covers/x.png\"\n\
        headline=false # 头条\n\
        recommended = true\n\
        \n\
        # 结尾注释\n\
        +++\n\
        \n\
        正文第一段。\n\
        +++\n\
        headline = true\n";

    const NONE: Flags = Flags {
        headline: false,
        recommended: false,
        slide: false,
        draft: false,
    };

    /// The lines of `after` that are not in `before`, and those of `before` not in `after`.
    fn diff<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
        let added = after.lines().filter(|l| !before.lines().any(|b| b == *l));
        let removed = before.lines().filter(|l| !after.lines().any(|a| a == *l));
        (added.collect(), removed.collect())
    }

    #[test]
    fn changes_only_the_flag_lines() {
        let cases: &[(Flags, &[&str], &[&str])] = &[
            (
                Flags {
                    recommended: true,
                    ..NONE
                },
                &[],
                &[],
            ),
            (
                Flags {
                    headline: true,
                    recommended: true,
                    ..NONE
                },
                &["headline=true # 头条"],
                &["headline=false # 头条"],
            ),
            (NONE, &["recommended = false"], &["recommended = true"]),
            (
                Flags {
                    recommended: true,
                    slide: true,
                    ..NONE
                },
                &["slide = true"],
                &[],
            ),
            (
                Flags {
                    recommended: true,
                    draft: true,
                    ..NONE
                },
                &["draft = true"],
                &[],
            ),
        ];
        for (flags, added, removed) in cases {
            let after = with_flags(FILE, *flags).expect("valid");
            let (a, r) = diff(FILE, &after);
            assert_eq!((&a[..], &r[..]), (*added, *removed), "{flags:?}:\n{after}");
            ParsedArticle::parse(Path::new("7.md"), &after).expect("still loads");
            let split = front_matter::split(&after).expect("splits");
            assert_eq!(
                split.body, "\n正文第一段。\n+++\nheadline = true\n",
                "{after}"
            );
            assert!(after.starts_with("+++\n# 编辑部备注：保留这一行\nid = 7\n"));
            assert!(after.contains("title  =  \"标题\"   # 行尾注释\n"));
            assert!(after.contains("\n# 结尾注释\n"));
        }
    }

    #[test]
    fn unchanged_flags_give_the_same_bytes() {
        let same = Flags {
            recommended: true,
            ..NONE
        };
        assert_eq!(with_flags(FILE, same).expect("valid"), FILE);
        let bom = format!("\u{feff}{FILE}");
        assert_eq!(with_flags(&bom, same).expect("valid"), bom);
        let crlf = FILE.replace('\n', "\r\n");
        assert_eq!(with_flags(&crlf, same).expect("valid"), crlf);
        let slide = Flags {
            slide: true,
            ..same
        };
        assert_eq!(
            with_flags(&crlf, slide).expect("valid"),
            crlf.replace("# 结尾注释\r\n", "# 结尾注释\r\nslide = true\r\n")
        );
    }

    #[test]
    fn writes_the_file_and_refuses_what_would_not_load() {
        let root = tempfile::tempdir().expect("temporary folder");
        let path = root.path().join("7.md");
        fs::write(&path, FILE).expect("write");

        set_flags(
            &path,
            Flags {
                headline: true,
                ..NONE
            },
        )
        .expect("set");
        let article = crate::loader::read_article(&path).expect("loads").article;
        assert!(article.headline && !article.recommended && !article.slide && !article.draft);

        let no_cover = FILE.replace("cover = \"covers/x.png\"\n", "");
        fs::write(&path, &no_cover).expect("write");
        let error = set_flags(
            &path,
            Flags {
                slide: true,
                ..NONE
            },
        )
        .expect_err("no cover");
        assert!(
            matches!(&error, EditError::Invalid(m) if m.contains("needs a `cover`")),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            no_cover,
            "file unchanged"
        );

        let broken = FILE.replace("id = 7", "id = 0");
        fs::write(&path, &broken).expect("write");
        let error = set_flags(&path, NONE).expect_err("does not load now");
        assert!(
            matches!(&error, EditError::Invalid(m) if m.contains("positive")),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            broken,
            "file unchanged"
        );

        let missing = root.path().join("none.md");
        assert!(matches!(
            set_flags(&missing, NONE),
            Err(EditError::Io { .. })
        ));
    }
}
