//! The cached pages by URL, least recently used first out when they outgrow their budget.

use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

use super::page::CachedPage;

pub(super) struct Entries {
    budget_bytes: usize,
    held: Mutex<Held>,
}

struct Held {
    pages: LruCache<String, Arc<CachedPage>>,
    bytes: usize,
}

impl Entries {
    /// At most `budget_bytes` of pages (all encodings counted); 0 holds none.
    pub(super) fn new(budget_bytes: usize) -> Entries {
        Entries {
            budget_bytes,
            held: Mutex::new(Held {
                pages: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    pub(super) fn is_enabled(&self) -> bool {
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
