//! The application state the router tests serve: the store's fixture site and a view
//! counter and the editors' desk in a temporary data folder.

use std::path::Path;
use std::sync::Arc;

use leptos::config::LeptosOptions;
use server::config::Limits;
use server::editorial::Editorial;
use server::page_cache::PageCache;
use server::state::AppState;
use server::views::open_counter;
use store::Store;

/// The state, and the data folder to keep for as long as it is used.
pub fn fixture_state(
    limits: Limits,
    leptos_options: LeptosOptions,
) -> (AppState, tempfile::TempDir) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/site");
    let (store, problems) = Store::open(fixture).expect("fixture loads");
    assert!(
        !problems.is_empty(),
        "the fixture's bad files are reported, and the rest serves"
    );
    let store = Arc::new(store);
    let data = tempfile::tempdir().expect("data folder");
    let views = Arc::new(open_counter(data.path(), store.clone()).expect("view counter"));
    let state = AppState {
        leptos_options: Arc::new(leptos_options),
        store: store.clone(),
        views: views.clone(),
        limits,
        pages: Arc::new(PageCache::new(
            16 * 1024 * 1024,
            store.clone(),
            views.clone(),
            false,
        )),
        editorial: Arc::new(Editorial::open(data.path(), 10).expect("editors' desk")),
        hsts: false,
        behind_proxy: false,
        public_url: None,
    };
    (state, data)
}
