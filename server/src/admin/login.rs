//! Logging in and out. Attempts are counted per address and per account name (a success
//! clears both counts); past the limit the answer is 429 whatever the password, so guessing
//! gets nowhere.

use std::time::SystemTime;

use axum::Form;
use axum::extract::{FromRequest, Request, State};
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use desk::audit::entry;
use desk::check_user_name;
use leptos::prelude::*;
use serde::Deserialize;

use super::Editor;
use super::audit::record_async;
use super::html::page;
use super::session::{clear_cookie, session_cookie};
use crate::client::client_address;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Credentials {
    user: String,
    password: String,
}

pub async fn form(State(state): State<AppState>) -> Response {
    login_page(&state, StatusCode::OK, None)
}

fn login_page(state: &AppState, status: StatusCode, problem: Option<&'static str>) -> Response {
    let body = page(
        &state.leptos_options,
        "登录",
        None,
        view! {
            <h1>"编辑登录"</h1>
            {problem.map(|problem| view! { <p class="form-notice" role="alert">{problem}</p> })}
            <form class="desk-form login" method="post" action="/admin/login">
                <div class="field">
                    <label for="user">"用户名"</label>
                    <input id="user" name="user" autocomplete="username" required/>
                </div>
                <div class="field">
                    <label for="password">"密码"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button type="submit">"登录"</button>
            </form>
        },
    );
    (status, body).into_response()
}

pub async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let address = client_address(&parts, state.behind_proxy).to_string();
    let Ok(Form(credentials)) =
        Form::<Credentials>::from_request(Request::from_parts(parts, body), &state).await
    else {
        return login_page(
            &state,
            StatusCode::BAD_REQUEST,
            Some("请填写用户名和密码。"),
        );
    };
    let desk = &state.editorial;
    let now = SystemTime::now();
    let user = credentials.user.trim().to_lowercase();
    // A name no account can have is refused before it becomes a throttle key (which would
    // let anyone fill the throttle's table with megabyte-long keys).
    if check_user_name(&user).is_err() {
        return login_page(&state, StatusCode::UNAUTHORIZED, Some("用户名或密码错误。"));
    }
    let by_address = format!("login {address}");
    let by_account = format!("login {user}");
    let limited = desk
        .logins_by_address
        .check(&by_address, now)
        .err()
        .or(desk.logins_by_account.check(&by_account, now).err());
    if let Some(retry_after) = limited {
        tracing::warn!(%address, %user, "login refused: too many failed attempts");
        let mut response = login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            Some("登录失败次数过多，请稍后再试。"),
        );
        if let Ok(seconds) = HeaderValue::from_str(&retry_after.as_secs().max(1).to_string()) {
            response.headers_mut().insert(RETRY_AFTER, seconds);
        }
        return response;
    }
    // Counted before the password is checked, so that a burst of guesses sent at once is
    // limited like guesses sent one by one; a success takes the count back.
    desk.logins_by_address.hit(&by_address, now);
    desk.logins_by_account.hit(&by_account, now);
    // Each check takes tens of milliseconds and ~19 MiB: a few at a time, the rest wait.
    let Ok(permit) = desk.password_checks.clone().acquire_owned().await else {
        return login_page(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            Some("暂时无法登录，请稍后再试。"),
        );
    };
    let accounts = desk.accounts.clone();
    let (name, password) = (user.clone(), credentials.password);
    let verified = tokio::task::spawn_blocking(move || {
        let _held_while_checking = permit;
        accounts.verify(&name, &password)
    })
    .await;
    match verified {
        Ok(Ok(Some(account))) => {
            desk.logins_by_account.clear(&by_account);
            desk.logins_by_address.clear(&by_address);
            // Now, not when the request came: checking the password took a moment.
            let now = SystemTime::now();
            let token = desk.sessions.start(&account.name, now);
            record_async(
                &state,
                entry(&account.name, "login", &address, None, None, now),
            )
            .await;
            tracing::info!(user = %account.name, %address, "editor logged in");
            let mut response = Redirect::to("/admin").into_response();
            response
                .headers_mut()
                .insert(SET_COOKIE, session_cookie(&token));
            response
        }
        Ok(Ok(None)) => {
            tracing::warn!(%address, %user, "failed login");
            login_page(&state, StatusCode::UNAUTHORIZED, Some("用户名或密码错误。"))
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "reading the editor accounts");
            login_page(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                Some("暂时无法登录，请稍后再试。"),
            )
        }
        Err(error) => {
            tracing::error!(%error, "the login task failed");
            login_page(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                Some("暂时无法登录，请稍后再试。"),
            )
        }
    }
}

/// Ends the session on the server (the cookie alone would not be enough) and drops it.
pub async fn logout(State(state): State<AppState>, editor: Editor) -> Response {
    let desk = &state.editorial;
    desk.sessions.end(&editor.token);
    record_async(
        &state,
        entry(&editor.name, "logout", "", None, None, SystemTime::now()),
    )
    .await;
    let mut response = Redirect::to("/admin/login").into_response();
    response.headers_mut().insert(SET_COOKIE, clear_cookie());
    response
}
