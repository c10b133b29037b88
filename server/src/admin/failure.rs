//! The one error type of the desk's actions: what the editor is told, under which status;
//! the cause is logged once, here.

use axum::http::StatusCode;
use axum::response::Response;
use leptos::config::LeptosOptions;

use super::Editor;
use super::html::message;

#[derive(Debug)]
pub enum Failure {
    NotFound,
    /// Another editor (or another tab) decided first.
    AlreadyDecided,
    /// The editor's input can't be used: the text says what to change.
    Invalid(String),
    /// Something failed on the server: logged with its cause.
    Internal(String),
}

impl Failure {
    pub fn respond(self, options: &LeptosOptions, editor: &Editor) -> Response {
        let (status, text) = match self {
            Failure::NotFound => (StatusCode::NOT_FOUND, "找不到该稿件或文章。"),
            Failure::AlreadyDecided => (StatusCode::CONFLICT, "该稿件已经处理过了。"),
            Failure::Invalid(text) => {
                return message(
                    options,
                    Some(editor),
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &text,
                );
            }
            Failure::Internal(cause) => {
                tracing::error!(editor = %editor.name, %cause, "a desk action failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "操作失败，请稍后再试。")
            }
        };
        message(options, Some(editor), status, text)
    }
}

/// Runs blocking desk work (file reads, writes, fsyncs) off the async executor; its error,
/// or the task's, as a [`Failure`].
pub async fn off_executor<T, E>(
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, Failure>
where
    T: Send + 'static,
    E: Into<Failure> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Failure::from)?
        .map_err(Into::into)
}

impl From<desk::DeskError> for Failure {
    fn from(error: desk::DeskError) -> Failure {
        match error {
            desk::DeskError::NotFound(_) => Failure::NotFound,
            desk::DeskError::AlreadyDecided(_) => Failure::AlreadyDecided,
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl From<store::EditError> for Failure {
    fn from(error: store::EditError) -> Failure {
        match error {
            store::EditError::Invalid(problem) => Failure::Invalid(problem),
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for Failure {
    fn from(error: tokio::task::JoinError) -> Failure {
        Failure::Internal(error.to_string())
    }
}
