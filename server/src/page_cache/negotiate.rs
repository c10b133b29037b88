//! Reading the request headers that choose among a cached page's variants.

use axum::http::HeaderValue;

/// How a cached page is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The best encoding the browser accepts: brotli, then gzip, then none. A coding listed
/// with `q=0` is refused; `*` stands for any coding not listed.
pub fn preferred_encoding(accept_encoding: Option<&HeaderValue>) -> Encoding {
    let Some(header) = accept_encoding.and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    let mut brotli = None;
    let mut gzip = None;
    let mut any = None;
    for item in header.split(',') {
        let mut pieces = item.split(';');
        let coding = pieces.next().unwrap_or_default().trim();
        let accepted = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .all(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0));
        if coding.eq_ignore_ascii_case("br") {
            brotli = Some(accepted);
        } else if coding.eq_ignore_ascii_case("gzip") {
            gzip = Some(accepted);
        } else if coding == "*" {
            any = Some(accepted);
        }
    }
    if brotli.or(any) == Some(true) {
        Encoding::Brotli
    } else if gzip.or(any) == Some(true) {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Whether `If-None-Match` names `etag` (compared weakly, as RFC 9110 asks for this header)
/// or is `*`.
pub fn matches_etag(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(header) = if_none_match.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    let wanted = opaque(etag);
    header
        .split(',')
        .any(|tag| tag.trim() == "*" || opaque(tag) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(header: &'static str) -> Encoding {
        preferred_encoding(Some(&HeaderValue::from_static(header)))
    }

    #[test]
    fn picks_the_best_accepted_encoding() {
        assert_eq!(preferred_encoding(None), Encoding::Identity);
        assert_eq!(encoding("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(encoding("gzip"), Encoding::Gzip);
        assert_eq!(encoding("BR;q=0.5, gzip;q=1"), Encoding::Brotli);
        assert_eq!(encoding("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(encoding("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(encoding("*"), Encoding::Brotli);
        assert_eq!(encoding("br;q=0, *"), Encoding::Gzip);
        assert_eq!(encoding("identity"), Encoding::Identity);
        assert_eq!(encoding("br;q=nonsense"), Encoding::Identity);
    }

    #[test]
    fn matches_entity_tags_weakly() {
        let header = |v: &'static str| Some(HeaderValue::from_static(v));
        let etag = "W/\"abc\"";
        assert!(matches_etag(header("W/\"abc\"").as_ref(), etag));
        assert!(matches_etag(header("\"abc\"").as_ref(), etag));
        assert!(matches_etag(header("\"x\", W/\"abc\"").as_ref(), etag));
        assert!(matches_etag(header("*").as_ref(), etag));
        assert!(!matches_etag(header("W/\"abd\"").as_ref(), etag));
        assert!(!matches_etag(None, etag));
    }
}
