//! Reading a content folder from disk: the only part of the store that does file I/O for
//! loading (the watcher decides *when*, this decides *how*).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{ContentError, Index, ParsedArticle, Site, StoreError};

pub(crate) const SITE_FILE: &str = "site.toml";
pub(crate) const ARTICLES_DIR: &str = "articles";
pub(crate) const MEDIA_DIR: &str = "media";

/// No content file is legitimately this large; a bigger one is a mistake, not an article.
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Reads and validates `site.toml`.
pub(crate) fn read_site(root: &Path) -> Result<Site, StoreError> {
    let path = root.join(SITE_FILE);
    let text = read_text(&path).map_err(StoreError::Site)?;
    Site::parse(&path, &text).map_err(StoreError::Site)
}

/// Reads and parses one article file.
pub(crate) fn read_article(path: &Path) -> Result<ParsedArticle, ContentError> {
    let text = read_text(path)?;
    ParsedArticle::parse(path, &text)
}

/// Reads a whole file as UTF-8, refusing oversized files and naming the line of the first
/// invalid byte.
fn read_text(path: &Path) -> Result<String, ContentError> {
    let io_error =
        |e: std::io::Error| ContentError::new(path, None, format!("cannot read the file: {e}"));
    let file = fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ContentError::new(
            path,
            None,
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ContentError::new(
            path,
            Some(line),
            "the file is not valid UTF-8: save it as UTF-8",
        )
    })
}

/// Whether a path names an article file: `*.md`, not hidden (editors' swap and temporary
/// files start with a dot).
pub(crate) fn is_article_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && path.extension().is_some_and(|e| e == "md")
}

/// Every article file below `articles/`, sorted, so that loading is deterministic (the
/// first of two files with one id wins, every time).
fn article_files(root: &Path) -> (Vec<PathBuf>, Vec<ContentError>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut folders = vec![root.join(ARTICLES_DIR)];
    while let Some(folder) = folders.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(ContentError::new(
                    &folder,
                    None,
                    format!("cannot list the folder: {e}"),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            match entry.file_type() {
                Ok(kind) if kind.is_dir() && !hidden => folders.push(path),
                Ok(kind) if kind.is_file() && is_article_file(&path) => files.push(path),
                _ => {}
            }
        }
    }
    files.sort();
    (files, problems)
}

/// Checks what an article needs from the rest of the content folder, and adds it to the
/// index. A missing cover image is reported and the article is kept without it.
pub(crate) fn admit(
    index: &mut Index,
    root: &Path,
    site: &Site,
    parsed: ParsedArticle,
) -> Result<(), Vec<ContentError>> {
    let mut article = parsed.article;
    let path = article.path.clone();
    if site.category(&article.category).is_none() {
        let known: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
        return Err(vec![ContentError::new(
            &path,
            None,
            format!(
                "category {:?} is not in site.toml; use one of: {}",
                article.category,
                known.join(", ")
            ),
        )]);
    }
    let mut problems = Vec::new();
    if let Some(cover) = &article.cover {
        match imagesize::size(root.join(MEDIA_DIR).join(cover)) {
            Ok(size) => article.cover_size = Some((size.width as u32, size.height as u32)),
            Err(error) => {
                let why = match error {
                    imagesize::ImageError::IoError(_) => "does not exist".to_string(),
                    other => format!("is not an image this site can show ({other})"),
                };
                problems.push(ContentError::new(
                    &path,
                    None,
                    format!("cover image media/{cover} {why}; the article is shown without it"),
                ));
                article.cover = None;
                article.slide = false;
            }
        }
    }
    index
        .insert(article)
        .map_err(|message| vec![ContentError::new(&path, None, message)])?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Loads every article below `root` into a fresh, sorted index.
pub(crate) fn load_index(root: &Path, site: &Site) -> (Index, Vec<ContentError>) {
    let (files, mut problems) = article_files(root);
    let mut index = Index::default();
    for path in files {
        let admitted = read_article(&path)
            .map_err(|e| vec![e])
            .and_then(|parsed| admit(&mut index, root, site, parsed));
        if let Err(found) = admitted {
            problems.extend(found);
        }
    }
    index.sort();
    (index, problems)
}
