//! The one error type of the server-function boundary. The browser sees a public message;
//! the server logs the detail once, where the error is created.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::script::Script;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The article, category or page does not exist (or is not published).
    #[error("您访问的页面不存在")]
    NotFound,
    /// The request could not reach the server, or its answer could not be read.
    #[error("网络连接失败，请稍后重试")]
    Network,
    /// Something failed on the server; the cause is in the server's log.
    #[error("服务器暂时无法处理请求，请稍后重试")]
    Internal,
}

impl AppError {
    /// What a reader is told, in the page's script.
    pub fn message(&self, script: Script) -> &'static str {
        match self {
            AppError::NotFound => script.pick("您访问的页面不存在", "您訪問的頁面不存在"),
            AppError::Network => {
                script.pick("网络连接失败，请稍后重试", "網絡連接失敗，請稍後重試")
            }
            AppError::Internal => script.pick(
                "服务器暂时无法处理请求，请稍后重试",
                "伺服器暫時無法處理請求，請稍後重試",
            ),
        }
    }

    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Network => 502,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}
