use leptos::prelude::*;

use crate::script::use_script;

/// The page numbers to show around `current` (1-based) out of `pages`: at most `width`
/// consecutive numbers, centred on `current` where the ends allow.
pub fn page_numbers(current: usize, pages: usize, width: usize) -> Vec<usize> {
    if pages == 0 || width == 0 {
        return Vec::new();
    }
    let current = current.clamp(1, pages);
    let width = width.min(pages);
    let start = current
        .saturating_sub(width / 2)
        .clamp(1, pages - width + 1);
    (start..start + width).collect()
}

/// The URL of page `page` of a listing whose first page is `base`.
pub fn page_href(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}/{page}")
    }
}

/// 首页 上一页 1 2 3 … 下一页 尾页
#[component]
pub fn Pager(page: usize, pages: usize, #[prop(into)] base: String) -> impl IntoView {
    let script = use_script().get_untracked();
    let link = move |target: usize, label: String, class: &'static str| {
        let disabled = target == page || target == 0 || target > pages;
        if disabled {
            view! { <span class=format!("{class} disabled")>{label}</span> }.into_any()
        } else {
            view! { <a class=class href=page_href(&base, target)>{label}</a> }.into_any()
        }
    };
    let numbers = page_numbers(page, pages, 7)
        .into_iter()
        .map(|n| {
            if n == page {
                view! { <span class="page-number" aria-current="page">{n}</span> }.into_any()
            } else {
                link(n, n.to_string(), "page-number")
            }
        })
        .collect_view();
    view! {
        <nav class="pager" aria-label=script.pick("分页", "分頁")>
            {link(1, script.pick("首页", "首頁").into(), "first")}
            {link(page.saturating_sub(1), script.pick("上一页", "上一頁").into(), "prev")}
            {numbers}
            {link(page + 1, script.pick("下一页", "下一頁").into(), "next")}
            {link(pages, script.pick("尾页", "尾頁").into(), "last")}
            <span class="page-count">{format!("{page} / {pages}")}</span>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_of_page_numbers() {
        let cases: &[(usize, usize, usize, &[usize])] = &[
            (1, 1, 7, &[1]),
            (1, 3, 7, &[1, 2, 3]),
            (1, 100, 7, &[1, 2, 3, 4, 5, 6, 7]),
            (50, 100, 7, &[47, 48, 49, 50, 51, 52, 53]),
            (100, 100, 7, &[94, 95, 96, 97, 98, 99, 100]),
            (3, 100, 7, &[1, 2, 3, 4, 5, 6, 7]),
            (5000, 5000, 5, &[4996, 4997, 4998, 4999, 5000]),
            (9, 4, 7, &[1, 2, 3, 4]),
            (1, 0, 7, &[]),
        ];
        for &(current, pages, width, expected) in cases {
            assert_eq!(
                page_numbers(current, pages, width),
                expected,
                "{current}/{pages}"
            );
        }
    }

    #[test]
    fn first_page_has_the_plain_url() {
        assert_eq!(page_href("/list/news", 1), "/list/news");
        assert_eq!(page_href("/list/news", 2), "/list/news/2");
    }
}
