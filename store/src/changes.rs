//! Which parts of the index changed, and when. Anything derived from the index (a rendered
//! page, say) remembers the stamp it started from and the parts it read; it is still current
//! while none of those parts changed after that stamp. No content is compared.

use std::collections::{HashMap, HashSet};

use crate::index::ListKey;
use crate::{Article, ArticleId};

/// A part of the index a reader can depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    /// Everything about one article: its metadata and its body.
    Article(ArticleId),
    /// What a listing shows of an article: its metadata (title, date, summary, cover,
    /// whether it is published). Not its body, and not the 头条/推荐/幻灯 flags, which only
    /// decide which listings hold it.
    Card(ArticleId),
    /// Which articles a listing holds, and in what order.
    Listing(ListKey),
}

/// A point in the index's history. Read it *before* reading what depends on it.
pub type Stamp = u64;

/// The stamp of each part's last change. Parts never changed since the last full reload
/// carry the reload's stamp.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    now: Stamp,
    reloaded: Stamp,
    changed: HashMap<Part, Stamp>,
}

impl Changes {
    pub(crate) fn now(&self) -> Stamp {
        self.now
    }

    /// Everything may have changed (a full reload).
    pub(crate) fn everything(&mut self) {
        self.now += 1;
        self.reloaded = self.now;
        self.changed.clear();
    }

    /// Records one batch of changes under one new stamp.
    pub(crate) fn record(&mut self, parts: impl IntoIterator<Item = Part>) {
        let stamp = self.now + 1;
        let mut any = false;
        for part in parts {
            self.changed.insert(part, stamp);
            any = true;
        }
        if any {
            self.now = stamp;
        }
    }

    /// Whether none of `parts` changed after `since`.
    pub(crate) fn unchanged_since<'a>(
        &self,
        since: Stamp,
        mut parts: impl Iterator<Item = &'a Part>,
    ) -> bool {
        self.reloaded <= since
            && parts.all(|part| self.changed.get(part).is_none_or(|&stamp| stamp <= since))
    }
}

/// The parts that change when the article `before` (as the index held it) becomes `after`
/// (either may be absent: a new or a deleted file).
pub(crate) fn parts_changed(before: Option<&Article>, after: Option<&Article>) -> HashSet<Part> {
    let mut parts = HashSet::new();
    for article in before.iter().chain(after.iter()) {
        parts.insert(Part::Article(article.id));
    }
    let same_card = matches!((before, after), (Some(b), Some(a)) if same_card(b, a));
    if !same_card {
        for article in before.iter().chain(after.iter()) {
            parts.insert(Part::Card(article.id));
        }
    }
    // A listing changes when the article enters it, leaves it, or moves within it.
    let same_place =
        matches!((before, after), (Some(b), Some(a)) if b.id == a.id && b.date == a.date);
    let listed_before = before.map(ListKey::all_of).unwrap_or_default();
    let listed_after = after.map(ListKey::all_of).unwrap_or_default();
    for key in listed_before.iter().chain(&listed_after) {
        let stays = same_place && listed_before.contains(key) && listed_after.contains(key);
        if !stays {
            parts.insert(Part::Listing(key.clone()));
        }
    }
    parts
}

fn same_card(before: &Article, after: &Article) -> bool {
    let without_flags = |article: &Article| Article {
        headline: false,
        recommended: false,
        slide: false,
        ..article.clone()
    };
    without_flags(before) == without_flags(after)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn article(id: ArticleId, category: &str) -> Article {
        crate::article::test_article(id, "2026-09-01T08:00:00+08:00", category)
    }

    fn listing(key: ListKey) -> Part {
        Part::Listing(key)
    }

    fn category(slug: &str) -> Part {
        listing(ListKey::Category(slug.into()))
    }

    fn set(parts: &[Part]) -> HashSet<Part> {
        parts.iter().cloned().collect()
    }

    #[test]
    fn a_body_edit_changes_only_the_article() {
        let a = article(1, "news");
        assert_eq!(
            parts_changed(Some(&a), Some(&a.clone())),
            set(&[Part::Article(1)])
        );
    }

    #[test]
    fn a_title_edit_changes_the_card_but_no_listing() {
        let before = article(1, "news");
        let mut after = before.clone();
        after.title = "new".into();
        assert_eq!(
            parts_changed(Some(&before), Some(&after)),
            set(&[Part::Article(1), Part::Card(1)])
        );
    }

    #[test]
    fn a_flag_changes_its_listing_only() {
        let before = article(1, "news");
        let mut after = before.clone();
        after.slide = true;
        assert_eq!(
            parts_changed(Some(&before), Some(&after)),
            set(&[Part::Article(1), listing(ListKey::Slides)])
        );
    }

    #[test]
    fn a_new_date_moves_it_in_every_listing() {
        let before = article(1, "news");
        let mut after = before.clone();
        after.date = DateTime::parse_from_rfc3339("2026-10-01T08:00:00+08:00").expect("date");
        after.recommended = true;
        assert_eq!(
            parts_changed(Some(&before), Some(&after)),
            set(&[
                Part::Article(1),
                Part::Card(1),
                listing(ListKey::All),
                category("news"),
                listing(ListKey::Recommended),
            ])
        );
    }

    #[test]
    fn moving_category_leaves_one_listing_for_another() {
        let before = article(1, "news");
        let after = article(1, "culture");
        let parts = parts_changed(Some(&before), Some(&after));
        assert!(parts.contains(&category("news")) && parts.contains(&category("culture")));
        assert!(
            !parts.contains(&listing(ListKey::All)),
            "same place in 全部"
        );
    }

    #[test]
    fn new_deleted_and_drafted_articles_change_their_listings() {
        let a = article(1, "news");
        let expected = set(&[
            Part::Article(1),
            Part::Card(1),
            listing(ListKey::All),
            category("news"),
        ]);
        assert_eq!(parts_changed(None, Some(&a)), expected);
        assert_eq!(parts_changed(Some(&a), None), expected);
        let mut draft = a.clone();
        draft.draft = true;
        assert_eq!(parts_changed(Some(&a), Some(&draft)), expected);
        assert_eq!(
            parts_changed(None, Some(&draft)),
            set(&[Part::Article(1), Part::Card(1)])
        );
    }

    #[test]
    fn stamps_tell_what_changed_since() {
        let mut changes = Changes::default();
        let start = changes.now();
        changes.record([Part::Card(1)]);
        assert!(!changes.unchanged_since(start, [Part::Card(1)].iter()));
        assert!(changes.unchanged_since(start, [Part::Card(2)].iter()));
        assert!(changes.unchanged_since(changes.now(), [Part::Card(1)].iter()));
        changes.record([]);
        assert_eq!(changes.now(), start + 1, "an empty batch is no change");
        let before_reload = changes.now();
        changes.everything();
        assert!(!changes.unchanged_since(before_reload, [Part::Card(2)].iter()));
        assert!(!changes.unchanged_since(before_reload, [].iter()));
        assert!(changes.unchanged_since(changes.now(), [Part::Card(1)].iter()));
    }
}
