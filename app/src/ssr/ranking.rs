use views::{ViewCounter, Window};

use crate::api::{RankWindow, RankedArticle, Ranking};
use crate::ssr::{Localize, TrackedStore};

fn counter_window(window: RankWindow) -> Window {
    match window {
        RankWindow::Day => Window::Day,
        RankWindow::Week => Window::Week,
        RankWindow::Month => Window::Month,
        RankWindow::All => Window::All,
    }
}

/// The most viewed published articles in `window`, site-wide or in one category. Reads the
/// counter's ordered ranking, so it costs `limit` steps, not one per article. An article
/// unpublished within the last flush interval is left out (the list may then be one short).
pub fn ranking(
    counter: &ViewCounter,
    store: &TrackedStore,
    to_wire: Localize,
    window: RankWindow,
    category: Option<&str>,
    limit: usize,
) -> Ranking {
    let items = counter
        .top(counter_window(window), category, limit)
        .into_iter()
        .filter_map(|(id, views)| {
            let article = store.card(id)?;
            Some(RankedArticle {
                card: to_wire.card(&article),
                views,
            })
        })
        .collect();
    Ranking { window, items }
}
