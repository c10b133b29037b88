//! Which articles the editors' article list shows: every article, drafts included, narrowed
//! by category, title and state.

use crate::Article;

/// Which articles, by their flags, an editors' list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ArticleState {
    /// Published and drafts alike.
    #[default]
    Any,
    Published,
    /// 草稿
    Draft,
    /// 头条, drafts included (a draft's flags wait for it to be published).
    Headline,
    /// 推荐, drafts included.
    Recommended,
    /// 幻灯, drafts included.
    Slide,
}

/// What [`crate::Store::find`] matches; `None` and [`ArticleState::Any`] match everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleFilter<'a> {
    /// A category slug, matched exactly.
    pub category: Option<&'a str>,
    /// Text the title contains, in any case. Blank text matches every title.
    pub query: Option<&'a str>,
    pub state: ArticleState,
}

impl ArticleFilter<'_> {
    /// The filter with its query prepared once for a scan of many articles.
    pub(crate) fn matcher(&self) -> impl Fn(&Article) -> bool + '_ {
        let needle = self
            .query
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase);
        move |article: &Article| {
            self.category.is_none_or(|slug| article.category == slug)
                && needle
                    .as_deref()
                    .is_none_or(|needle| article.title.to_lowercase().contains(needle))
                && match self.state {
                    ArticleState::Any => true,
                    ArticleState::Published => !article.draft,
                    ArticleState::Draft => article.draft,
                    ArticleState::Headline => article.headline,
                    ArticleState::Recommended => article.recommended,
                    ArticleState::Slide => article.slide,
                }
        }
    }
}
