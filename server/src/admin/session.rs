//! Who is asking: the session cookie, checked on the server for every desk request.

use std::time::SystemTime;

use axum::extract::FromRequestParts;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::cookies::cookie;
use crate::state::AppState;

/// `__Host-`: the browser keeps it only if it is `Secure`, for this host alone, for every
/// path. (Browsers treat 127.0.0.1 and localhost as secure, so tests and development work
/// over plain HTTP.)
pub const SESSION_COOKIE: &str = "__Host-wenming-session";

/// An editor with a live session.
#[derive(Debug, Clone)]
pub struct Editor {
    pub name: String,
    pub token: String,
}

/// Why a request gets no desk: sent to log in, or refused.
pub struct NotSignedIn {
    method: Method,
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        let mut response = if matches!(self.method, Method::GET | Method::HEAD) {
            Redirect::to("/admin/login").into_response()
        } else {
            (StatusCode::UNAUTHORIZED, "请先登录。\n").into_response()
        };
        // A stale or forged cookie is dropped so the browser stops sending it.
        response.headers_mut().insert(SET_COOKIE, clear_cookie());
        response
    }
}

impl FromRequestParts<AppState> for Editor {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Editor, NotSignedIn> {
        let refused = || NotSignedIn {
            method: parts.method.clone(),
        };
        let token = session_token(parts).ok_or_else(refused)?;
        let desk = &state.editorial;
        let session = desk
            .sessions
            .check(&token, SystemTime::now())
            .ok_or_else(refused)?;
        // A password reset from the CLI (or a removed account) ends the sessions before it.
        // The accounts file is read each time, so a reset counts at once (off the executor:
        // it is a file read).
        let accounts = desk.accounts.clone();
        let user = session.user.clone();
        let account = tokio::task::spawn_blocking(move || accounts.get(&user))
            .await
            .ok()
            .and_then(Result::ok)
            .flatten();
        match account {
            Some(account) if account.changed_at <= session.started => Ok(Editor {
                name: account.name,
                token,
            }),
            _ => {
                desk.sessions.end(&token);
                Err(refused())
            }
        }
    }
}

/// The session token from the request's cookies, if any.
pub fn session_token(parts: &Parts) -> Option<String> {
    cookie(&parts.headers, SESSION_COOKIE).map(str::to_string)
}

/// The cookie that carries a new session: unreadable by scripts, sent over HTTPS only and
/// never with a request another site starts.
pub fn session_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict"
    ))
    .unwrap_or_else(|_| clear_cookie())
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-wenming-session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
    )
}
