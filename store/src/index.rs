//! The in-memory index of every article, with its listings kept sorted.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{Article, ArticleFilter, ArticleId};

/// Which articles a listing shows. Drafts are never in any listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing<'a> {
    All,
    Category(&'a str),
    /// 头条
    Headlines,
    /// 推荐
    Recommended,
    /// 幻灯
    Slides,
}

/// A listing by value, as the index keys it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListKey {
    All,
    Category(String),
    Headlines,
    Recommended,
    Slides,
}

impl ListKey {
    /// Every listing `article` belongs in: none for a draft.
    pub fn all_of(article: &Article) -> Vec<ListKey> {
        if article.draft {
            return Vec::new();
        }
        let mut keys = vec![ListKey::All, ListKey::Category(article.category.clone())];
        keys.extend(article.headline.then_some(ListKey::Headlines));
        keys.extend(article.recommended.then_some(ListKey::Recommended));
        keys.extend(article.slide.then_some(ListKey::Slides));
        keys
    }
}

impl From<Listing<'_>> for ListKey {
    fn from(listing: Listing<'_>) -> Self {
        match listing {
            Listing::All => ListKey::All,
            Listing::Category(slug) => ListKey::Category(slug.to_string()),
            Listing::Headlines => ListKey::Headlines,
            Listing::Recommended => ListKey::Recommended,
            Listing::Slides => ListKey::Slides,
        }
    }
}

/// One page of a listing and the listing's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub items: Vec<Arc<Article>>,
    pub total: usize,
}

/// Newest first; among articles of the same instant, the higher id first, so that a listing
/// never changes order between runs.
pub fn newest_first(a: &Article, b: &Article) -> Ordering {
    b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id))
}

/// Every article by id and by file, and each listing as a sorted vector of ids, so that any
/// page of any listing is a slice.
#[derive(Debug, Default)]
pub struct Index {
    articles: HashMap<ArticleId, Arc<Article>>,
    by_path: HashMap<PathBuf, ArticleId>,
    lists: HashMap<ListKey, Vec<ArticleId>>,
}

impl Index {
    /// Adds an article, or replaces the one read earlier from the same file. Fails when
    /// another file already uses the id. Call [`Index::sort`] after a batch of changes.
    pub fn insert(&mut self, article: Article) -> Result<(), String> {
        if let Some(existing) = self.articles.get(&article.id)
            && existing.path != article.path
        {
            return Err(format!(
                "id {} is already used by {}: give this article an id of its own",
                article.id,
                existing.path.display()
            ));
        }
        self.remove_path(&article.path);
        self.by_path.insert(article.path.clone(), article.id);
        self.articles.insert(article.id, Arc::new(article));
        Ok(())
    }

    /// Removes the article read from `path`, if any, and returns its id.
    pub fn remove_path(&mut self, path: &Path) -> Option<ArticleId> {
        let id = self.by_path.remove(path)?;
        self.articles.remove(&id);
        Some(id)
    }

    /// Rebuilds every listing. O(n log n); called once per batch of file changes.
    pub fn sort(&mut self) {
        let mut published: Vec<&Arc<Article>> =
            self.articles.values().filter(|a| !a.draft).collect();
        published.sort_by(|a, b| newest_first(a, b));
        let mut lists: HashMap<ListKey, Vec<ArticleId>> = HashMap::new();
        for article in published {
            for key in ListKey::all_of(article) {
                lists.entry(key).or_default().push(article.id);
            }
        }
        self.lists = lists;
    }

    /// A published article (drafts are not found).
    pub fn published(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.articles.get(&id).filter(|a| !a.draft).cloned()
    }

    /// Any article, drafts included.
    pub fn get(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.articles.get(&id).cloned()
    }

    /// The id of the article read from `path`.
    pub fn id_of(&self, path: &Path) -> Option<ArticleId> {
        self.by_path.get(path).copied()
    }

    /// `limit` articles of a listing, starting at `offset`. Costs O(limit), whatever the
    /// offset.
    pub fn list(&self, listing: Listing<'_>, offset: usize, limit: usize) -> Page {
        let ids = self
            .lists
            .get(&ListKey::from(listing))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let items = ids
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|id| self.articles.get(id).cloned())
            .collect();
        Page {
            items,
            total: ids.len(),
        }
    }

    /// Published articles whose title or summary contains `query` (ASCII letters match
    /// either case), newest first: at most `limit`, and how many match in all. A scan of
    /// every published article: fine for a city site's archive, not for millions.
    pub fn search(&self, query: &str, limit: usize) -> Page {
        let needle = query.to_ascii_lowercase();
        let matches = |text: &str| text.to_ascii_lowercase().contains(&needle);
        let ids = self
            .lists
            .get(&ListKey::All)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut items = Vec::new();
        let mut total = 0;
        for article in ids.iter().filter_map(|id| self.articles.get(id)) {
            if matches(&article.title) || matches(&article.summary) {
                total += 1;
                if items.len() < limit {
                    items.push(article.clone());
                }
            }
        }
        Page { items, total }
    }

    /// The published articles either side of `id` in its category's listing: the newer one
    /// (listed before it) and the older one (listed after it). O(log n).
    pub fn neighbours(&self, id: ArticleId) -> (Option<Arc<Article>>, Option<Arc<Article>>) {
        let Some(article) = self.published(id) else {
            return (None, None);
        };
        let key = ListKey::Category(article.category.clone());
        let Some(ids) = self.lists.get(&key) else {
            return (None, None);
        };
        let found = ids.binary_search_by(|other| match self.articles.get(other) {
            Some(other) => newest_first(other, &article),
            None => Ordering::Less,
        });
        let Ok(position) = found else {
            return (None, None);
        };
        let at = |i: Option<usize>| {
            i.and_then(|i| ids.get(i))
                .and_then(|id| self.articles.get(id).cloned())
        };
        (at(position.checked_sub(1)), at(Some(position + 1)))
    }

    /// Every article `filter` matches, drafts included, newest first: `limit` of them from
    /// `offset`, and how many match in all. O(n log n) in the matches: for the editors' list,
    /// not for public pages (those use the sorted listings).
    pub fn find(&self, filter: &ArticleFilter<'_>, offset: usize, limit: usize) -> Page {
        let matches = filter.matcher();
        let mut found: Vec<&Arc<Article>> = self.articles.values().filter(|a| matches(a)).collect();
        found.sort_by(|a, b| newest_first(a, b));
        Page {
            total: found.len(),
            items: found
                .into_iter()
                .skip(offset)
                .take(limit)
                .cloned()
                .collect(),
        }
    }

    /// The id for a new article: one more than the largest in use, drafts included (at
    /// least 1). Ids are never reused while their article exists, since an id is a URL.
    pub fn next_id(&self) -> ArticleId {
        self.articles
            .keys()
            .max()
            .map_or(1, |largest| largest.saturating_add(1))
    }

    /// How many articles, drafts included.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: ArticleId, date: &str, category: &str) -> Article {
        crate::article::test_article(id, date, category)
    }

    fn ids(page: &Page) -> Vec<ArticleId> {
        page.items.iter().map(|a| a.id).collect()
    }

    #[test]
    fn lists_newest_first_with_id_as_tie_break() {
        let mut index = Index::default();
        let same = "2026-09-01T08:00:00+08:00";
        for a in [
            article(1, same, "news"),
            article(3, same, "news"),
            article(2, same, "news"),
            // The same instant as `same`, written in another offset.
            article(4, "2026-09-01T00:00:00+00:00", "news"),
            article(5, "2026-10-01T08:00:00+08:00", "notices"),
            article(6, "2026-08-01T08:00:00+08:00", "news"),
        ] {
            index.insert(a).expect("unique");
        }
        index.sort();
        assert_eq!(ids(&index.list(Listing::All, 0, 10)), [5, 4, 3, 2, 1, 6]);
        assert_eq!(ids(&index.list(Listing::Category("news"), 1, 2)), [3, 2]);
        assert_eq!(index.list(Listing::Category("news"), 0, 2).total, 5);
        assert_eq!(index.list(Listing::Category("none"), 0, 2).total, 0);
        assert!(index.list(Listing::All, 100, 10).items.is_empty());
    }

    #[test]
    fn drafts_and_flags() {
        let mut index = Index::default();
        let mut draft = article(1, "2026-09-01T08:00:00+08:00", "news");
        draft.draft = true;
        draft.headline = true;
        let mut flagged = article(2, "2026-09-01T08:00:00+08:00", "news");
        flagged.recommended = true;
        flagged.slide = true;
        index.insert(draft).expect("unique");
        index.insert(flagged).expect("unique");
        index.sort();
        assert!(index.published(1).is_none());
        assert!(index.get(1).is_some());
        assert_eq!(ids(&index.list(Listing::All, 0, 10)), [2]);
        assert_eq!(index.list(Listing::Headlines, 0, 10).total, 0);
        assert_eq!(ids(&index.list(Listing::Recommended, 0, 10)), [2]);
        assert_eq!(ids(&index.list(Listing::Slides, 0, 10)), [2]);
    }

    #[test]
    fn search_matches_titles_and_summaries_newest_first() {
        let mut index = Index::default();
        let mut with_summary = article(1, "2026-09-01T08:00:00+08:00", "news");
        with_summary.summary = "志愿服务进社区".into();
        let mut titled = article(2, "2026-09-02T08:00:00+08:00", "news");
        titled.title = "青禾志愿服务 Day".into();
        let mut draft = article(3, "2026-09-03T08:00:00+08:00", "news");
        draft.title = "志愿服务草稿".into();
        draft.draft = true;
        for a in [
            with_summary,
            titled,
            draft,
            article(4, "2026-09-04T08:00:00+08:00", "news"),
        ] {
            index.insert(a).expect("unique");
        }
        index.sort();
        assert_eq!(ids(&index.search("志愿服务", 10)), [2, 1]);
        assert_eq!(index.search("志愿服务", 1).total, 2);
        assert_eq!(ids(&index.search("day", 10)), [2]);
        assert!(index.search("没有", 10).items.is_empty());
    }

    #[test]
    fn finds_drafts_and_published_by_filter() {
        let mut index = Index::default();
        let mut draft = article(1, "2026-09-04T08:00:00+08:00", "news");
        draft.draft = true;
        draft.headline = true;
        draft.title = "志愿服务草稿".into();
        let mut recommended = article(2, "2026-09-01T08:00:00+08:00", "notices");
        recommended.recommended = true;
        recommended.title = "Volunteer Day 通知".into();
        let mut slide = article(3, "2026-09-02T08:00:00+08:00", "news");
        slide.slide = true;
        slide.title = "青禾志愿服务".into();
        let plain = article(4, "2026-09-03T08:00:00+08:00", "news");
        for a in [draft, recommended, slide, plain] {
            index.insert(a).expect("unique");
        }
        index.sort();
        let filter = |category, query, state| ArticleFilter {
            category,
            query,
            state,
        };
        use crate::ArticleState::*;
        let cases: &[(ArticleFilter<'_>, &[ArticleId])] = &[
            (ArticleFilter::default(), &[1, 4, 3, 2]),
            (filter(None, None, Published), &[4, 3, 2]),
            (filter(None, None, Draft), &[1]),
            (filter(None, None, Headline), &[1]),
            (filter(None, None, Recommended), &[2]),
            (filter(None, None, Slide), &[3]),
            (filter(Some("news"), None, Any), &[1, 4, 3]),
            (filter(Some("none"), None, Any), &[]),
            (filter(None, Some("志愿服务"), Any), &[1, 3]),
            (filter(None, Some("志愿服务"), Published), &[3]),
            (filter(None, Some("VOLUNTEER day"), Any), &[2]),
            (filter(None, Some("  "), Any), &[1, 4, 3, 2]),
            (filter(Some("notices"), Some("志愿"), Any), &[]),
        ];
        for (filter, expected) in cases {
            let page = index.find(filter, 0, 10);
            assert_eq!(ids(&page), *expected, "{filter:?}");
            assert_eq!(page.total, expected.len(), "{filter:?}");
        }
        let page = index.find(&ArticleFilter::default(), 1, 2);
        assert_eq!((ids(&page), page.total), (vec![4, 3], 4));
        assert!(index.find(&ArticleFilter::default(), 9, 2).items.is_empty());
    }

    #[test]
    fn next_id_counts_drafts() {
        let mut index = Index::default();
        assert_eq!(index.next_id(), 1);
        let mut draft = article(41, "2026-09-01T08:00:00+08:00", "news");
        draft.draft = true;
        index.insert(draft).expect("unique");
        index
            .insert(article(7, "2026-09-02T08:00:00+08:00", "news"))
            .expect("unique");
        assert_eq!(index.next_id(), 42);
    }

    #[test]
    fn neighbours_within_the_category() {
        let mut index = Index::default();
        for a in [
            article(1, "2026-09-01T08:00:00+08:00", "news"),
            article(2, "2026-09-02T08:00:00+08:00", "notices"),
            article(3, "2026-09-03T08:00:00+08:00", "news"),
            article(4, "2026-09-03T08:00:00+08:00", "news"),
        ] {
            index.insert(a).expect("unique");
        }
        index.sort();
        let ids = |(newer, older): (Option<Arc<Article>>, Option<Arc<Article>>)| {
            (newer.map(|a| a.id), older.map(|a| a.id))
        };
        assert_eq!(ids(index.neighbours(4)), (None, Some(3)));
        assert_eq!(ids(index.neighbours(3)), (Some(4), Some(1)));
        assert_eq!(ids(index.neighbours(1)), (Some(3), None));
        assert_eq!(ids(index.neighbours(2)), (None, None));
        assert_eq!(ids(index.neighbours(99)), (None, None));
    }

    #[test]
    fn refuses_a_second_file_with_the_same_id() {
        let mut index = Index::default();
        index
            .insert(article(1, "2026-09-01T08:00:00+08:00", "news"))
            .expect("unique");
        let mut copy = article(1, "2026-09-02T08:00:00+08:00", "news");
        copy.path = PathBuf::from("copy.md");
        let error = index.insert(copy).expect_err("duplicate id");
        assert!(error.contains("id 1 is already used by 1.md"), "{error}");
    }

    #[test]
    fn replacing_a_file_that_changed_its_id() {
        let mut index = Index::default();
        index
            .insert(article(1, "2026-09-01T08:00:00+08:00", "news"))
            .expect("unique");
        let mut renumbered = article(9, "2026-09-01T08:00:00+08:00", "news");
        renumbered.path = PathBuf::from("1.md");
        index.insert(renumbered).expect("same file");
        index.sort();
        assert!(index.get(1).is_none());
        assert_eq!(index.id_of(Path::new("1.md")), Some(9));
        assert_eq!(index.remove_path(Path::new("1.md")), Some(9));
        assert!(index.is_empty());
    }
}
