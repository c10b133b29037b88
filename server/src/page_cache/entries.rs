//! The cached pages by URL, least recently used first out when they outgrow their budget.

use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

use super::page::CachedPage;

pub struct PageCache {
    budget_bytes: usize,
    entries: Mutex<Entries>,
}

struct Entries {
    pages: LruCache<String, Arc<CachedPage>>,
    bytes: usize,
}

impl PageCache {
    /// A cache holding at most `budget_bytes` of pages (all encodings counted); 0 turns
    /// caching off.
    pub fn new(budget_bytes: usize) -> PageCache {
        PageCache {
            budget_bytes,
            entries: Mutex::new(Entries {
                pages: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.budget_bytes > 0
    }

    pub(super) fn get(&self, url: &str) -> Option<Arc<CachedPage>> {
        self.lock().pages.get(url).cloned()
    }

    pub(super) fn put(&self, url: String, page: Arc<CachedPage>) {
        let size = url.len() + page.size();
        if size > self.budget_bytes {
            return;
        }
        let mut entries = self.lock();
        if let Some(old) = entries.pages.put(url.clone(), page) {
            entries.bytes -= url.len() + old.size();
        }
        entries.bytes += size;
        while entries.bytes > self.budget_bytes {
            let Some((url, old)) = entries.pages.pop_lru() else {
                break;
            };
            entries.bytes -= url.len() + old.size();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
