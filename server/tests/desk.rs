//! The contribution form and the editors' desk, driven through the router: what anonymous,
//! expired and forged sessions get, login throttling, cross-site refusal, and how the form
//! turns bad input back without losing it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::admin::SESSION_COOKIE;
use server::config::Limits;
use server::editorial::Editorial;
use server::router::router;
use server::state::AppState;
use tower::ServiceExt;

mod common;

const EDITOR: &str = "zhang.wei";
const PASSWORD: &str = "correct horse battery 7";
/// Sessions in this file end after this long idle, so a test can wait one out.
const IDLE: Duration = Duration::from_secs(1);

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    });
    &RUNTIME
}

struct Desk {
    app: axum::Router,
    state: AppState,
    data: PathBuf,
    _folders: (tempfile::TempDir, tempfile::TempDir),
}

/// The application with one editor, built once per process as the server does at start-up.
fn desk() -> &'static Desk {
    static DESK: LazyLock<Desk> = LazyLock::new(|| {
        // The view counter and Leptos start tasks: they need the runtime.
        let _runtime = runtime().enter();
        let site_root = tempfile::tempdir().expect("site root");
        let options = LeptosOptions::builder()
            .output_name("wenming")
            .site_root(site_root.path().to_string_lossy().into_owned())
            .build();
        let (mut state, data) = common::fixture_state(Limits::default(), options);
        let mut editorial = Editorial::open(data.path(), 10).expect("desk");
        editorial.sessions = desk::Sessions::new(IDLE, Duration::from_secs(3600));
        state.editorial = Arc::new(editorial);
        state
            .editorial
            .accounts
            .add(
                EDITOR,
                PASSWORD,
                SystemTime::now() - Duration::from_secs(60),
            )
            .expect("an editor");
        Desk {
            app: router(state.clone()),
            state,
            data: data.path().to_path_buf(),
            _folders: (data, site_root),
        }
    });
    &DESK
}

struct Answer {
    status: StatusCode,
    headers: header::HeaderMap,
    body: String,
}

fn send(request: Request<Body>) -> Answer {
    runtime().block_on(async {
        let response = desk()
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        Answer {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    })
}

fn get(uri: &str, cookie: Option<&str>) -> Answer {
    let mut request = Request::get(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={cookie}"));
    }
    send(request.body(Body::empty()).expect("request"))
}

fn post_form(uri: &str, cookie: Option<&str>, form: &str) -> Answer {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={cookie}"));
    }
    send(request.body(Body::from(form.to_string())).expect("request"))
}

/// Logs in from `address` and returns the session token from the cookie set.
fn log_in(user: &str, password: &str) -> Answer {
    post_form(
        "/admin/login",
        None,
        &format!("user={user}&password={}", password.replace(' ', "+")),
    )
}

fn session_of(answer: &Answer) -> String {
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("Secure")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_string())
        .expect("name=value")
}

const GUARDED_GETS: [&str; 5] = [
    "/admin",
    "/admin/articles",
    "/admin/audit",
    "/admin/contributions/TG20261128-ABCDEF",
    "/admin/contributions/TG20261128-ABCDEF/images/1.jpg",
];
const GUARDED_POSTS: [&str; 4] = [
    "/admin/logout",
    "/admin/contributions/TG20261128-ABCDEF/approve",
    "/admin/contributions/TG20261128-ABCDEF/reject",
    "/admin/articles/1/flags",
];

#[test]
fn every_desk_route_refuses_anonymous_expired_and_forged_sessions() {
    let live = session_of(&log_in(EDITOR, PASSWORD));
    let desk_page = get("/admin", Some(&live));
    assert_eq!(
        desk_page.status,
        StatusCode::OK,
        "a live session gets the desk"
    );
    assert!(desk_page.body.contains("待审稿件"));
    assert_eq!(
        desk_page
            .headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );

    let expired = session_of(&log_in(EDITOR, PASSWORD));
    std::thread::sleep(IDLE + Duration::from_millis(300));
    let forged = "A".repeat(43);
    for cookie in [
        None,
        Some(forged.as_str()),
        Some("../../etc/passwd"),
        Some(expired.as_str()),
    ] {
        for uri in GUARDED_GETS {
            let answer = get(uri, cookie);
            assert_eq!(
                answer.status,
                StatusCode::SEE_OTHER,
                "GET {uri} with {cookie:?}"
            );
            assert_eq!(
                answer.headers.get(header::LOCATION).map(|v| v.as_bytes()),
                Some(&b"/admin/login"[..]),
                "GET {uri}"
            );
            assert!(!answer.body.contains("待审"), "GET {uri} leaked a page");
        }
        for uri in GUARDED_POSTS {
            let answer = post_form(uri, cookie, "title=x&category=news&reason=x&headline=on");
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "POST {uri} with {cookie:?}"
            );
        }
    }
    // Logging out ends the session on the server, not only in the browser.
    let session = session_of(&log_in(EDITOR, PASSWORD));
    assert_eq!(get("/admin", Some(&session)).status, StatusCode::OK);
    assert_eq!(
        post_form("/admin/logout", Some(&session), "").status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(get("/admin", Some(&session)).status, StatusCode::SEE_OTHER);
}

#[test]
fn a_password_reset_ends_earlier_sessions() {
    let accounts = &desk().state.editorial.accounts;
    accounts
        .add(
            "li.na",
            "another long secret 42",
            SystemTime::now() - Duration::from_secs(60),
        )
        .expect("second editor");
    let session = session_of(&log_in("li.na", "another long secret 42"));
    assert_eq!(get("/admin", Some(&session)).status, StatusCode::OK);
    accounts
        .reset(
            "li.na",
            "a new long secret 43",
            SystemTime::now() + Duration::from_secs(1),
        )
        .expect("reset");
    assert_eq!(get("/admin", Some(&session)).status, StatusCode::SEE_OTHER);
}

#[test]
fn logins_are_limited_per_account_and_then_even_the_right_password_waits() {
    desk()
        .state
        .editorial
        .accounts
        .add(
            "wang.fang",
            "yet another secret 99",
            SystemTime::now() - Duration::from_secs(60),
        )
        .expect("third editor");
    for attempt in 0..5 {
        let answer = log_in("wang.fang", "wrong password 1234");
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert!(answer.body.contains("用户名或密码错误"));
    }
    let refused = log_in("wang.fang", "yet another secret 99");
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers.contains_key(header::RETRY_AFTER));
    assert!(
        refused.headers.get(header::SET_COOKIE).is_none(),
        "no session when limited"
    );
    // An unknown name fails the same way as a wrong password.
    assert_eq!(
        log_in("nobody", "whatever it is 123").status,
        StatusCode::UNAUTHORIZED
    );
}

#[test]
fn cross_site_posts_are_refused() {
    let request = |uri: &str, origin: &str| {
        Request::post(uri)
            .header(header::HOST, "wm.example.cn")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("user={EDITOR}&password=x")))
            .expect("request")
    };
    for uri in ["/admin/login", "/submit", "/admin/logout"] {
        assert_eq!(
            send(request(uri, "https://evil.example")).status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    let fetched = Request::post("/submit")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(fetched).status, StatusCode::FORBIDDEN);
}

/// A multipart body with these text parts and, optionally, one file.
fn multipart(parts: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Request<Body> {
    let boundary = "----wenming-test-boundary";
    let mut body = Vec::new();
    for (name, value) in parts {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"images\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post("/submit")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", "203.0.113.9")
        .body(Body::from(body))
        .expect("request")
}

/// A token as if the form had been loaded `age` ago.
fn token_aged(age: Duration) -> String {
    desk()
        .state
        .editorial
        .form_clock
        .issue(SystemTime::now() - age)
}

/// The form's parts by name.
type Fields = Vec<(&'static str, String)>;

fn valid_fields(token: &str, title: &str) -> Fields {
    vec![
        ("token", token.to_string()),
        ("website", String::new()),
        ("name", "李明".into()),
        ("organisation", "东湖区志愿者协会".into()),
        ("contact", "0000-1234567".into()),
        ("category", "news".into()),
        ("title", title.to_string()),
        (
            "body",
            "周六上午，东湖区三十余名志愿者沿河道清理垃圾，历时三个小时。<script>alert(1)</script>"
                .into(),
        ),
        ("consent", "yes".into()),
    ]
}

fn submit(fields: &[(&'static str, String)], file: Option<(&str, &[u8])>) -> Answer {
    let parts: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    send(multipart(&parts, file))
}

fn with(mut fields: Fields, key: &str, value: &str) -> Fields {
    for field in &mut fields {
        if field.0 == key {
            field.1 = value.to_string();
        }
    }
    fields
}

fn contribution_files(data: &Path) -> Vec<String> {
    std::fs::read_dir(data.join("contributions"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_form_turns_bad_input_back_with_what_was_typed() {
    let token_of = |page: &Answer| {
        page.body
            .split(r#"name="token" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_string)
    };
    let form = get("/submit", None);
    assert_eq!(form.status, StatusCode::OK);
    assert!(token_of(&form).is_some(), "the form carries its token");
    std::thread::sleep(Duration::from_millis(1100));
    let again = get("/submit", None);
    assert!(
        again.headers.get("x-cache").is_none(),
        "the form is never cached"
    );
    assert_ne!(
        token_of(&form),
        token_of(&again),
        "each load gets its own token"
    );

    let before = contribution_files(&desk().data).len();
    let old = token_aged(Duration::from_secs(10));
    let cases: [(Fields, StatusCode, &str); 6] = [
        (
            valid_fields(&token_aged(Duration::ZERO), "太快的投稿标题"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "提交过快",
        ),
        (
            valid_fields(
                &token_aged(Duration::from_secs(2 * 86_400)),
                "过期的投稿标题",
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "表单已过期",
        ),
        (
            valid_fields("123.forged", "伪造的投稿标题"),
            StatusCode::BAD_REQUEST,
            "未通过自动检查",
        ),
        (
            with(
                valid_fields(&old, "机器人投稿标题"),
                "website",
                "http://spam.example",
            ),
            StatusCode::BAD_REQUEST,
            "未通过自动检查",
        ),
        (
            with(valid_fields(&old, "短"), "contact", "call me"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "至少 4 个字",
        ),
        (
            with(
                valid_fields(&old, "<script>alert(1)</script>标题"),
                "consent",
                "",
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "请阅读并同意投稿须知",
        ),
    ];
    for (fields, status, message) in cases {
        let answer = submit(&fields, None);
        assert_eq!(answer.status, status, "{message}");
        assert!(answer.body.contains(message), "{message}: {}", answer.body);
        // What was typed comes back (escaped), so nothing is lost.
        assert!(
            answer.body.contains("东湖区三十余名志愿者"),
            "{message}: body kept"
        );
        assert!(
            !answer.body.contains("<script>alert(1)"),
            "{message}: escaped"
        );
        assert_eq!(
            answer
                .headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.as_bytes()),
            Some(&b"no-store"[..])
        );
    }
    let not_an_image = submit(
        &valid_fields(&old, "附件不是图片的投稿"),
        Some(("x.png", b"<svg onload=alert(1)>")),
    );
    assert_eq!(not_an_image.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_an_image.body.contains("只接受 JPEG、PNG 或 WebP"));
    assert_eq!(
        contribution_files(&desk().data).len(),
        before,
        "nothing turned back was stored"
    );

    let long_title = "长".repeat(5000);
    let too_long = submit(&valid_fields(&old, &long_title), None);
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.body.contains("最多 80 个字"));

    let malformed = send(
        Request::post("/submit")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("--x\r\nnot a part"))
            .expect("request"),
    );
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let not_utf8 = send(multipart(&[("title", "ok")], None).map(|_| {
        Body::from(&b"------wenming-test-boundary\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xff\xfe\r\n------wenming-test-boundary--\r\n"[..])
    }));
    assert_eq!(not_utf8.status, StatusCode::BAD_REQUEST);
}

#[test]
fn an_accepted_contribution_is_stored_and_shown_nowhere_public() {
    let title = "河道清理志愿活动纪实";
    let accepted = submit(
        &valid_fields(&token_aged(Duration::from_secs(5)), title),
        None,
    );
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let receipt = accepted
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a receipt address")
        .to_string();
    let reference = receipt
        .strip_prefix("/submit/thanks/")
        .expect("receipt path");
    let stored =
        std::fs::read_to_string(desk().data.join(format!("contributions/{reference}.toml")))
            .expect("written before the answer");
    assert!(stored.contains(title));

    let thanks = get(&receipt, None);
    assert_eq!(thanks.status, StatusCode::OK);
    assert!(thanks.body.contains(reference));
    assert!(!thanks.body.contains(title), "the receipt shows no content");
    assert_eq!(
        get("/submit/thanks/TG20000101-ABCDEF", None).status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get("/submit/thanks/..%2F..%2Fetc", None).status,
        StatusCode::NOT_FOUND
    );

    for public in [
        "/",
        "/list/news",
        "/search?q=%E6%B2%B3%E9%81%93%E6%B8%85%E7%90%86",
        "/ranking",
    ] {
        let page = get(public, None);
        assert_eq!(page.status, StatusCode::OK, "{public}");
        assert!(
            !page.body.contains(title),
            "{public} shows a pending contribution"
        );
    }
}
