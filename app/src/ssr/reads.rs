//! What a page read while it rendered. The server's page cache hands a [`PageReads`] to the
//! render; the server functions read the store only through [`TrackedStore`], which notes
//! every part they read, so the cache knows exactly which changes outdate the page.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use store::{Article, ArticleId, ListKey, Listing, Page, Part, Site, Store, StoreError};

/// The parts of the store one render read, whether it showed view counts, and whether it
/// read something no change stamp covers (a search), which makes it uncacheable.
#[derive(Debug, Default)]
pub struct PageReads {
    parts: Mutex<HashSet<Part>>,
    view_counts: AtomicBool,
    uncacheable: AtomicBool,
}

impl PageReads {
    pub fn parts(&self) -> Vec<Part> {
        self.parts_lock().iter().cloned().collect()
    }

    pub fn shows_view_counts(&self) -> bool {
        self.view_counts.load(Ordering::Acquire)
    }

    pub fn is_cacheable(&self) -> bool {
        !self.uncacheable.load(Ordering::Acquire)
    }

    fn note(&self, parts: impl IntoIterator<Item = Part>) {
        self.parts_lock().extend(parts);
    }

    /// Notes that the page shows something no change stamp covers.
    pub(crate) fn mark_uncacheable(&self) {
        self.uncacheable.store(true, Ordering::Release);
    }

    /// Notes that the page shows view counts (called when a server function takes the
    /// counter).
    pub(crate) fn note_view_counts(&self) {
        self.view_counts.store(true, Ordering::Release);
    }

    fn parts_lock(&self) -> std::sync::MutexGuard<'_, HashSet<Part>> {
        self.parts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The store, as server functions see it: every read is noted in the request's
/// [`PageReads`], when the server gave it one.
#[derive(Clone)]
pub struct TrackedStore {
    store: Arc<Store>,
    reads: Option<Arc<PageReads>>,
}

impl TrackedStore {
    pub(crate) fn new(store: Arc<Store>, reads: Option<Arc<PageReads>>) -> TrackedStore {
        TrackedStore { store, reads }
    }

    fn note(&self, parts: impl IntoIterator<Item = Part>) {
        if let Some(reads) = &self.reads {
            reads.note(parts);
        }
    }

    fn note_cards<'a>(&self, articles: impl IntoIterator<Item = &'a Arc<Article>>) {
        self.note(articles.into_iter().map(|a| Part::Card(a.id)));
    }

    /// The site changes only by a full reload, which outdates every page anyway.
    pub fn site(&self) -> Arc<Site> {
        self.store.site()
    }

    /// One page of a listing: depends on the listing and on the cards it shows.
    pub fn list(&self, listing: Listing<'_>, offset: usize, limit: usize) -> Page {
        let page = self.store.list(listing, offset, limit);
        self.note([Part::Listing(ListKey::from(listing))]);
        self.note_cards(&page.items);
        page
    }

    /// A published article, all of it (metadata and body).
    pub fn article(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.note([Part::Article(id)]);
        self.store.article(id)
    }

    /// A published article as a listing shows it (metadata only).
    pub fn card(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.note([Part::Card(id)]);
        self.store.article(id)
    }

    /// The articles before and after `article` in its category.
    pub fn neighbours(&self, article: &Article) -> (Option<Arc<Article>>, Option<Arc<Article>>) {
        let (newer, older) = self.store.neighbours(article.id);
        self.note([Part::Listing(ListKey::Category(article.category.clone()))]);
        self.note_cards(newer.iter().chain(&older));
        (newer, older)
    }

    /// The article's body (covered by [`Part::Article`], noted by [`TrackedStore::article`]).
    pub fn body_html(&self, article: &Arc<Article>) -> Result<Arc<str>, StoreError> {
        self.store.body_html(article)
    }

    /// A search scans every article: no stamp covers its answer, so the page is not cached.
    pub fn search(&self, query: &str, limit: usize) -> Page {
        if let Some(reads) = &self.reads {
            reads.mark_uncacheable();
        }
        self.store.search(query, limit)
    }
}
