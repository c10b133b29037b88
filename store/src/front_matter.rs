//! Splitting a content file into TOML front matter and a Markdown body, and decoding the
//! front matter with errors that point at a line of the file.

use serde::de::DeserializeOwned;

const FENCE: &str = "+++";

/// A problem found while reading front matter: the 1-based line in the whole file (if known)
/// and a message for the person who wrote the file.
pub(crate) type Problem = (Option<usize>, String);

/// The two parts of a content file, with where each starts.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub front: &'a str,
    /// Where `front` starts in the text given to [`split`], in bytes, so an edit can replace
    /// the front matter and keep every other byte.
    pub front_at: usize,
    /// The line of the file on which `front` starts.
    pub front_line: usize,
    pub body: &'a str,
}

/// Splits `text` at its `+++` fences. The file must start with a `+++` line (after an
/// optional byte-order mark) and the front matter must be closed by another.
pub(crate) fn split(text: &str) -> Result<Split<'_>, Problem> {
    let whole = text.len();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mark = whole - text.len();
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err((
            Some(1),
            "the file must start with front matter: a line `+++`, TOML keys, then another \
             `+++` line. Did you forget to add `+++`?"
                .into(),
        ));
    }
    let front_start = first.len();
    let mut offset = front_start;
    for line in lines {
        if line.trim_end() == FENCE {
            return Ok(Split {
                front: &text[front_start..offset],
                front_at: mark + front_start,
                front_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err((
        Some(1),
        "the front matter opened on line 1 is never closed: add a line `+++` after the last key"
            .into(),
    ))
}

/// Decodes TOML into `T`, turning the parser's byte span into a line of the whole file.
pub(crate) fn decode<T: DeserializeOwned>(
    toml_text: &str,
    first_line: usize,
) -> Result<T, Problem> {
    toml::from_str(toml_text).map_err(|error| {
        let line = error
            .span()
            .map(|span| first_line + line_offset(toml_text, span.start));
        (line, error.message().trim().to_string())
    })
}

/// How many lines into `text` the byte `offset` lies (0 for the first line).
pub(crate) fn line_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The 1-based line on which `key = ` is set in the front matter, for errors found after
/// decoding (an unknown category, a bad URL).
pub(crate) fn key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    split
        .front
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| split.front_line + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let cases = [
            ("+++\na = 1\n+++\nbody\n", "a = 1\n", "body\n"),
            ("+++\r\na = 1\r\n+++\r\nbody", "a = 1\r\n", "body"),
            ("\u{feff}+++\n+++\n", "", ""),
            ("+++ \na = 1\n+++  \n\nbody", "a = 1\n", "\nbody"),
            // The first closing fence ends the front matter; later ones are body text.
            (
                "+++\na = 1\n+++\nx\n+++\ny = 2\n",
                "a = 1\n",
                "x\n+++\ny = 2\n",
            ),
        ];
        for (text, front, body) in cases {
            let split = split(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!((split.front, split.body), (front, body), "{text:?}");
            assert_eq!(split.front_line, 2);
            assert_eq!(&text[split.front_at..][..front.len()], front, "{text:?}");
        }
    }

    #[test]
    fn reports_missing_fences() {
        let cases = [
            ("", "Did you forget to add `+++`?"),
            ("title = 1\n", "Did you forget to add `+++`?"),
            ("---\ntitle: x\n---\n", "Did you forget to add `+++`?"),
            ("+++\ntitle = 1\n", "never closed"),
        ];
        for (text, needle) in cases {
            let (line, message) = split(text).expect_err(text);
            assert_eq!(line, Some(1), "{text:?}");
            assert!(message.contains(needle), "{text:?}: {message}");
        }
    }

    #[test]
    fn decode_errors_carry_the_file_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: i64,
        }
        let (line, message) = decode::<T>("a = 1\nb = 2\n", 2).expect_err("unknown key");
        assert_eq!(line, Some(3));
        assert!(message.contains("unknown field `b`"), "{message}");
        let (line, _) = decode::<T>("\n\na = \"x\"\n", 2).expect_err("wrong type");
        assert_eq!(line, Some(4));
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let text = "+++\nid = 1\ncategory = \"x\"\ncategory_x = 2\n+++\n";
        let split = split(text).expect("valid");
        assert_eq!(key_line(&split, "category"), Some(3));
        assert_eq!(key_line(&split, "cover"), None);
    }
}
