//! Reading a cookie from a request's headers (every `Cookie` header, every pair).

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The value of the first cookie called `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then_some(value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_a_cookie_among_pairs_and_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(cookie(&headers, "a"), None);
        headers.append(COOKIE, HeaderValue::from_static("x=1; a=two;b=3"));
        headers.append(COOKIE, HeaderValue::from_static("c=4"));
        assert_eq!(cookie(&headers, "a"), Some("two"));
        assert_eq!(cookie(&headers, "c"), Some("4"));
        assert_eq!(cookie(&headers, "ab"), None);
    }
}
