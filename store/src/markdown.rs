//! Markdown to safe HTML. Every body passes the allow-list sanitizer before it can reach a
//! page (shared/SECURITY.md): the Markdown parser lets raw HTML through, ammonia removes
//! whatever is not on the list. Contributions from readers get stricter rules than editors'
//! files.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::article::is_media_path;

fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What both sanitizers allow: ammonia's default allow-list (no `script`, `style`, `iframe`,
/// `object`, `embed`, `form`, `svg`, `math`, `base`, `meta`, and no `on*` or `style`
/// attributes) with link schemes narrowed to http, https, mailto and relative.
fn allow_list() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder.url_schemes(HashSet::from(["http", "https", "mailto"]));
    builder
}

/// The sanitizer for files written by editors.
static EDITORIAL: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = allow_list();
    // `external` keeps the browser-side router away from body links: a link to a file in
    // media/ or to another site must be a real page load, not a route.
    builder.link_rel(Some("noopener noreferrer external"));
    builder
});

/// The sanitizer for contributions: the same list, links marked as user content that search
/// engines should not credit (spam links are what the old site was filled with), and images
/// only from this site's `media/` folder, so a contribution cannot load a tracker or an
/// image the editors never saw.
static CONTRIBUTION: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = allow_list();
    builder.link_rel(Some("nofollow ugc noopener external"));
    builder.attribute_filter(|element, attribute, value| {
        let foreign_image = element == "img"
            && attribute == "src"
            && !value.strip_prefix("/media/").is_some_and(is_media_path);
        (!foreign_image).then_some(Cow::Borrowed(value))
    });
    builder
});

/// Renders an article body under the rules its origin calls for: the one place that
/// chooses, so an editor's preview is exactly what will be published.
pub fn render_body(markdown: &str, contributed: bool) -> String {
    if contributed {
        render_contribution(markdown)
    } else {
        render_editorial(markdown)
    }
}

/// Renders an editor's Markdown body to sanitized HTML. Raw HTML in the body is allowed
/// where the allow-list allows it.
pub fn render_editorial(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut unsafe_html,
        Parser::new_ext(markdown, parser_options()),
    );
    EDITORIAL.clean(&unsafe_html).to_string()
}

/// Renders a reader's contribution to sanitized HTML. Raw HTML is shown as the text it is
/// (escaped, never parsed), so markup a contributor typed can do nothing at all; the
/// sanitizer then checks the Markdown's own links and images.
pub fn render_contribution(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, parser_options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    CONTRIBUTION.clean(&unsafe_html).to_string()
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

    /// Hostile contributions. Typed HTML may survive as escaped text (`&lt;script`), never
    /// as markup: the output's real tags are checked, not its text.
    const HOSTILE_CONTRIBUTIONS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "<svg onload=alert(1)></svg>",
        "<a href=\"https://a.example\" onclick=\"alert(1)\">x</a>",
        "<iframe src=\"https://a.example\"></iframe>",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![](data:image/png;base64,AAAA)",
        "![](https://evil.example/x.png)",
        "![](//evil.example/x.png)",
        "![](/media/../admin/x.png)",
        "![x](/media/a.png \"t\" onerror=alert(1))",
        "<p style=\"color:red\">x</p>",
        "<style>body{}</style>",
        "<form action=/x><input></form>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=refresh content=0>",
        "<math><mi>x</mi></math>",
        "text <b onmouseover=alert(1)>bold</b>",
        "<div>\n\n**x**\n\n</div>",
    ];

    /// The tags (the text between `<` and `>`) of sanitized HTML, where text can hold no
    /// `<`: ammonia escapes it.
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(rest))
            .collect()
    }

    #[test]
    fn contributions_show_raw_html_as_text() {
        let allowed = ["p", "/p", "a", "/a", "img", "strong", "/strong"];
        for input in HOSTILE_CONTRIBUTIONS {
            let html = render_contribution(input);
            for tag in tags(&html) {
                let name = tag.split(' ').next().unwrap_or(tag);
                assert!(allowed.contains(&name), "{input:?} gave {html:?}");
                let lower = tag.to_ascii_lowercase();
                for bad in [" on", "style=", "javascript:", "data:", "evil.example"] {
                    assert!(!lower.contains(bad), "{input:?} gave {html:?}");
                }
                if name == "img" {
                    assert!(
                        !tag.contains("src=") || tag.contains("src=\"/media/a.png\""),
                        "{input:?} gave {html:?}"
                    );
                }
            }
        }
        assert_eq!(
            render_contribution("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            render_contribution("a <b>b</b>"),
            "<p>a &lt;b&gt;b&lt;/b&gt;</p>\n"
        );
    }

    #[test]
    fn contribution_links_are_marked_as_user_content() {
        let html =
            render_contribution("[a](https://a.example/x) [b](/article/1) <https://c.example>");
        assert_eq!(
            html.matches("rel=\"nofollow ugc noopener external\"")
                .count(),
            3,
            "{html}"
        );
        assert!(html.contains("href=\"https://a.example/x\""), "{html}");
        assert!(html.contains("href=\"/article/1\""), "{html}");
    }

    #[test]
    fn contributions_keep_only_images_from_media() {
        let html = render_contribution("![照片](/media/contributions/TG20261128-ABCDEF-1.jpg)");
        assert!(
            html.contains(
                "<img src=\"/media/contributions/TG20261128-ABCDEF-1.jpg\" alt=\"照片\">"
            ),
            "{html}"
        );
        let html = render_contribution("![照片](https://evil.example/x.png)");
        assert!(!html.contains("src="), "{html}");
    }

    #[test]
    fn render_body_chooses_by_origin() {
        let input = "<b>x</b> [a](https://a.example)";
        assert_eq!(render_body(input, false), render_editorial(input));
        assert_eq!(render_body(input, true), render_contribution(input));
        assert_ne!(render_body(input, false), render_body(input, true));
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
