//! The audit log, as the desk writes and shows it.

use std::path::Path;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use desk::AuditEntry;
use leptos::prelude::*;
use store::Store;

use super::Editor;
use super::failure::off_executor;
use super::html::page;
use crate::state::AppState;

/// Appends to the audit log. The action it records is already done: a failure to log it is
/// an operator's problem (logged loudly), not a reason to tell the editor it failed.
pub fn record(state: &AppState, entry: &AuditEntry) {
    if let Err(error) = state.editorial.audit.append(entry) {
        tracing::error!(%error, action = %entry.action, editor = %entry.editor, "the audit log could not be written");
    }
}

/// A content file's path as the audit log names it: relative to the content folder.
pub fn content_file(store: &Store, path: &Path) -> String {
    path.strip_prefix(store.root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// [`record`] for async code: the append waits for the disk, so it runs off the executor.
pub async fn record_async(state: &AppState, entry: AuditEntry) {
    let state = state.clone();
    if let Err(error) = tokio::task::spawn_blocking(move || record(&state, &entry)).await {
        tracing::error!(%error, "the audit task failed");
    }
}

/// The latest entries, newest first.
pub async fn show(State(state): State<AppState>, editor: Editor) -> Response {
    let audit_state = state.clone();
    let entries = match off_executor(move || audit_state.editorial.audit.recent(500)).await {
        Ok(entries) => entries,
        Err(failure) => return failure.respond(&state.leptos_options, &editor),
    };
    let rows = entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td>{app::ssr::beijing_minute(&e.at)}</td>
                    <td>{e.editor}</td>
                    <td>{e.action}</td>
                    <td>{e.target}</td>
                    <td>{e.file.unwrap_or_default()}</td>
                    <td>{e.detail.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    page(&state.leptos_options, "操作日志", Some(&editor), view! {
        <h1>"操作日志"</h1>
        <table class="desk-table audit">
            <thead><tr><th>"时间"</th><th>"编辑"</th><th>"操作"</th><th>"对象"</th><th>"文件"</th><th>"说明"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    })
    .into_response()
}
