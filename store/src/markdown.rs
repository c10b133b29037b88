//! Markdown to safe HTML. Every body passes the allow-list sanitizer before it can reach a
//! page (shared/SECURITY.md): the Markdown parser lets raw HTML through, ammonia removes
//! whatever is not on the list.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The sanitizer for files written by editors: ammonia's default allow-list (no `script`,
/// `style`, `iframe`, `object`, `embed`, `form`, `svg`, `math`, `base`, `meta`, and no `on*`
/// or `style` attributes) with link schemes narrowed to http, https, mailto and relative.
static EDITORIAL: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.url_schemes(HashSet::from(["http", "https", "mailto"]));
    // `external` keeps the browser-side router away from body links: a link to a file in
    // media/ or to another site must be a real page load, not a route.
    builder.link_rel(Some("noopener noreferrer external"));
    builder
});

/// Renders an editor's Markdown body to sanitized HTML.
pub fn render_editorial(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut unsafe_html,
        Parser::new_ext(markdown, parser_options()),
    );
    EDITORIAL.clean(&unsafe_html).to_string()
}

/// Plain text of the first paragraphs of `markdown`, cut to at most `max_chars` characters
/// (with an ellipsis when cut). Used as the summary and meta description when an article
/// has none of its own.
pub fn summary_from_markdown(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    // A line or paragraph break: a space between Latin words, nothing between Chinese ones.
    let mut pending_break = false;
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                pending_break = true;
                if text.chars().count() >= max_chars {
                    break;
                }
            }
            Event::Text(piece) | Event::Code(piece) if in_paragraph => {
                let needs_space = text
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_graphic())
                    && piece.chars().next().is_some_and(|c| c.is_ascii_graphic());
                if pending_break && needs_space {
                    text.push(' ');
                }
                pending_break = false;
                text.push_str(&piece);
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => pending_break = true,
            _ => {}
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_chars(&collapsed, max_chars)
}

fn truncate_chars(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = render_editorial("## 小标题\n\n第一段**重点**。\n\n- 一\n- 二\n");
        assert_eq!(
            html,
            "<h2>小标题</h2>\n<p>第一段<strong>重点</strong>。</p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n"
        );
    }

    #[test]
    fn removes_everything_off_the_allow_list() {
        let hostile = [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("<p style=\"color:red\">x</p>", "style"),
            ("[x](javascript:alert(1))", "javascript:"),
            ("<a href=\"data:text/html,<b>\">x</a>", "data:"),
            ("<iframe src=\"https://a.example\"></iframe>", "<iframe"),
            ("<svg onload=alert(1)></svg>", "<svg"),
            ("<math><mi>x</mi></math>", "<math"),
            ("<form action=/x><input></form>", "<form"),
            ("<object data=x></object><embed src=x>", "<object"),
            ("<base href=\"https://evil.example/\">", "<base"),
            ("<meta http-equiv=refresh content=0>", "<meta"),
            ("<style>body{}</style>", "<style"),
        ];
        for (input, forbidden) in hostile {
            let html = render_editorial(input);
            assert!(!html.contains(forbidden), "{input:?} gave {html:?}");
        }
    }

    #[test]
    fn keeps_allowed_links() {
        let html =
            render_editorial("[a](https://a.example/x) [b](/article/1) [c](mailto:x@a.example)");
        assert!(html.contains("href=\"https://a.example/x\""), "{html}");
        assert!(html.contains("href=\"/article/1\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer external\""),
            "{html}"
        );
        assert!(html.contains("href=\"mailto:x@a.example\""), "{html}");
    }

    #[test]
    fn summarizes_the_first_paragraphs() {
        let cases = [
            (
                "## 标题\n\n第一段。\n第二行。\n\n第二段。",
                100,
                "第一段。第二行。第二段。",
            ),
            ("first\nline\n\nsecond", 100, "first line second"),
            ("一二三四五六七八九十", 5, "一二三四五…"),
            ("`代码`与*强调*", 20, "代码与强调"),
            ("", 10, ""),
        ];
        for (markdown, max, expected) in cases {
            assert_eq!(
                summary_from_markdown(markdown, max),
                expected,
                "{markdown:?}"
            );
        }
    }
}
