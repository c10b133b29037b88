//! [`Store`]: the site and the index behind a lock, and a cache of rendered bodies.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use lru::LruCache;

use crate::changes::{Changes, parts_changed};
use crate::loader::{self, ARTICLES_DIR, MEDIA_DIR, SITE_FILE};
use crate::markdown::render_body;
use crate::{
    Article, ArticleFilter, ArticleId, ContentError, Index, Listing, Page, Part, Site, Stamp,
    StoreError,
};

/// How many rendered bodies stay in memory. Bodies are rendered on first read rather than at
/// start-up, so that a large archive starts fast and its memory stays bounded.
const BODY_CACHE_ENTRIES: usize = 2048;

struct Loaded {
    site: Arc<Site>,
    index: Index,
    /// Changed together with the index, under the same lock, so a stamp read before the
    /// index always covers what was read.
    changes: Changes,
}

/// A rendered body and the exact article value it was rendered for: when the index replaces
/// the article (its file changed), the pointer no longer matches and the body is rendered
/// again, so a stale body can never be served.
struct CachedBody {
    article: Arc<Article>,
    html: Arc<str>,
}

/// The content folder in memory. Cheap to share (`Arc<Store>`); every method is safe to call
/// from many threads. Reads never wait on disk except a body's first render.
pub struct Store {
    root: PathBuf,
    loaded: RwLock<Loaded>,
    bodies: Mutex<LruCache<ArticleId, CachedBody>>,
}

impl Store {
    /// Loads the content folder at `root`. Fails only when the folder or `site.toml` is
    /// unusable; problems with single articles are returned beside the store, whose index
    /// holds every article that is fine.
    pub fn open(root: impl AsRef<Path>) -> Result<(Store, Vec<ContentError>), StoreError> {
        let root = root.as_ref();
        // Watch events carry absolute paths: keep the root absolute so paths compare equal.
        let root = root.canonicalize().map_err(|source| StoreError::Folder {
            path: root.to_path_buf(),
            source,
        })?;
        let site = loader::read_site(&root)?;
        let (index, problems) = loader::load_index(&root, &site);
        let store = Store {
            root,
            loaded: RwLock::new(Loaded {
                site: Arc::new(site),
                index,
                changes: Changes::default(),
            }),
            bodies: Mutex::new(LruCache::new(
                NonZeroUsize::new(BODY_CACHE_ENTRIES).unwrap_or(NonZeroUsize::MIN),
            )),
        };
        Ok((store, problems))
    }

    /// The content folder (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder that `cover` paths and `/media/` URLs point into.
    pub fn media_dir(&self) -> PathBuf {
        self.root.join(MEDIA_DIR)
    }

    pub fn site(&self) -> Arc<Site> {
        self.read(|loaded| loaded.site.clone())
    }

    /// A published article.
    pub fn article(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.read(|loaded| loaded.index.published(id))
    }

    /// Any article, drafts included: for the editors' desk, never for public pages.
    pub fn any_article(&self, id: ArticleId) -> Option<Arc<Article>> {
        self.read(|loaded| loaded.index.get(id))
    }

    /// Articles for the editors' list, drafts included unless `filter` leaves them out,
    /// newest first: `limit` from `offset`, and how many match in all.
    pub fn find(&self, filter: &ArticleFilter<'_>, offset: usize, limit: usize) -> Page {
        self.read(|loaded| loaded.index.find(filter, offset, limit))
    }

    /// The id for a new article: one more than the largest in use, drafts included.
    pub fn next_id(&self) -> ArticleId {
        self.read(|loaded| loaded.index.next_id())
    }

    /// Published articles whose title or summary contains `query`, newest first.
    pub fn search(&self, query: &str, limit: usize) -> Page {
        self.read(|loaded| loaded.index.search(query, limit))
    }

    /// The published articles before and after `id` in its category (newer, older).
    pub fn neighbours(&self, id: ArticleId) -> (Option<Arc<Article>>, Option<Arc<Article>>) {
        self.read(|loaded| loaded.index.neighbours(id))
    }

    /// One page of a listing.
    pub fn list(&self, listing: Listing<'_>, offset: usize, limit: usize) -> Page {
        self.read(|loaded| loaded.index.list(listing, offset, limit))
    }

    /// How many articles are indexed, drafts included.
    pub fn len(&self) -> usize {
        self.read(|loaded| loaded.index.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index's current point in its history: read it before reading what a result
    /// depends on, then ask [`Store::unchanged_since`] whether the result is still current.
    pub fn stamp(&self) -> Stamp {
        self.read(|loaded| loaded.changes.now())
    }

    /// Whether none of `parts` changed after `since` (and no full reload happened).
    pub fn unchanged_since<'a>(
        &self,
        since: Stamp,
        parts: impl IntoIterator<Item = &'a Part>,
    ) -> bool {
        self.read(|loaded| loaded.changes.unchanged_since(since, parts.into_iter()))
    }

    /// The article's body as sanitized HTML. The first call reads the file (blocking I/O:
    /// call it off the async executor); later calls are served from memory.
    pub fn body_html(&self, article: &Arc<Article>) -> Result<Arc<str>, StoreError> {
        if let Some(cached) = self.bodies_lock().get(&article.id)
            && Arc::ptr_eq(&cached.article, article)
        {
            return Ok(cached.html.clone());
        }
        let parsed = loader::read_article(&article.path).map_err(StoreError::Content)?;
        if parsed.article.id != article.id {
            return Err(StoreError::Content(ContentError::new(
                &article.path,
                None,
                format!(
                    "the file now holds article {} instead of {}",
                    parsed.article.id, article.id
                ),
            )));
        }
        // The stricter rules if either the index or the file now says it is a contribution.
        let contributed = article.contributed || parsed.article.contributed;
        let html: Arc<str> = render_body(&parsed.body, contributed).into();
        self.bodies_lock().put(
            article.id,
            CachedBody {
                article: article.clone(),
                html: html.clone(),
            },
        );
        Ok(html)
    }

    /// Reads the whole folder again and replaces the index (and the site, if `site.toml`
    /// is valid; otherwise the previous site stays and the problem is returned).
    pub fn reload(&self) -> Vec<ContentError> {
        let mut problems = Vec::new();
        let site = match loader::read_site(&self.root) {
            Ok(site) => Arc::new(site),
            Err(StoreError::Site(problem)) => {
                problems.push(problem);
                self.site()
            }
            Err(other) => {
                problems.push(ContentError::new(&self.root, None, other.to_string()));
                self.site()
            }
        };
        let (index, found) = loader::load_index(&self.root, &site);
        problems.extend(found);
        let mut loaded = self.loaded.write().unwrap_or_else(PoisonError::into_inner);
        loaded.site = site;
        loaded.index = index;
        loaded.changes.everything();
        problems
    }

    /// Brings the index up to date with changes to `paths` (as reported by a watcher).
    /// Article files are re-read one by one; a change to `site.toml` or to a folder reloads
    /// everything. A changed file that no longer parses leaves the index (its problem is
    /// returned), rather than serving metadata whose body can't be rendered.
    pub fn apply_changes(&self, paths: &[PathBuf]) -> Vec<ContentError> {
        let articles_dir = self.root.join(ARTICLES_DIR);
        let mut changed = Vec::new();
        for path in paths {
            if path == &self.root.join(SITE_FILE) || path == &articles_dir {
                return self.reload();
            }
            if !path.starts_with(&articles_dir) {
                continue;
            }
            if loader::is_article_file(path) {
                changed.push(path.clone());
            } else if path.extension().is_none() && !is_hidden(path) {
                // A folder was created, moved or deleted: its files' events may not come.
                return self.reload();
            }
        }
        if changed.is_empty() {
            return Vec::new();
        }
        changed.sort();
        changed.dedup();
        // Read outside the lock, so readers are not held up by the disk.
        let reads: Vec<_> = changed
            .iter()
            .map(|path| (path, path.is_file().then(|| loader::read_article(path))))
            .collect();
        let site = self.site();
        let mut problems = Vec::new();
        let mut loaded = self.loaded.write().unwrap_or_else(PoisonError::into_inner);
        // Every changed path leaves first, so that a file moved to a name that sorts before
        // its old one is not refused as a duplicate of itself.
        let before: Vec<Option<Arc<Article>>> = reads
            .iter()
            .map(|(path, _)| {
                let article = loaded.index.id_of(path).and_then(|id| loaded.index.get(id));
                loaded.index.remove_path(path);
                article
            })
            .collect();
        for (_, read) in reads {
            match read {
                None => {}
                Some(Err(problem)) => problems.push(problem),
                Some(Ok(parsed)) => {
                    if let Err(found) = loader::admit(&mut loaded.index, &self.root, &site, parsed)
                    {
                        problems.extend(found);
                    }
                }
            }
        }
        loaded.index.sort();
        let changed_parts: Vec<Part> = changed
            .iter()
            .zip(&before)
            .flat_map(|(path, before)| {
                let after = loaded.index.id_of(path).and_then(|id| loaded.index.get(id));
                parts_changed(before.as_deref(), after.as_deref())
            })
            .collect();
        loaded.changes.record(changed_parts);
        problems
    }

    fn read<R>(&self, f: impl FnOnce(&Loaded) -> R) -> R {
        f(&self.loaded.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn bodies_lock(&self) -> std::sync::MutexGuard<'_, LruCache<ArticleId, CachedBody>> {
        self.bodies.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}
