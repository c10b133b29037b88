//! Who sent a request: the reader's address, from the socket or, behind a proxy, from the
//! header the proxy sets.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

/// The reader's address. Behind a proxy it is the last `X-Forwarded-For` entry (the one the
/// proxy itself added; earlier entries are whatever the client claimed). Requests that did
/// not come through a socket (tests driving the router directly) get the unspecified address.
pub fn client_address(parts: &Parts, behind_proxy: bool) -> IpAddr {
    let forwarded = behind_proxy
        .then(|| {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse::<IpAddr>()
                .ok()
        })
        .flatten();
    forwarded.unwrap_or_else(|| {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(peer)| {
                peer.ip()
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn parts(forwarded: &[&str], peer: Option<&str>) -> Parts {
        let mut request = Request::get("/");
        for value in forwarded {
            request = request.header("x-forwarded-for", *value);
        }
        let (mut parts, ()) = request.body(()).expect("request").into_parts();
        if let Some(peer) = peer {
            parts
                .extensions
                .insert(ConnectInfo(peer.parse::<SocketAddr>().expect("address")));
        }
        parts
    }

    #[test]
    fn the_socket_address_unless_behind_a_proxy() {
        let request = parts(&["198.51.100.7"], Some("203.0.113.1:5000"));
        assert_eq!(client_address(&request, false), ip("203.0.113.1"));
        assert_eq!(client_address(&request, true), ip("198.51.100.7"));
    }

    #[test]
    fn behind_a_proxy_the_entry_the_proxy_added_counts() {
        let request = parts(
            &["10.0.0.1, 198.51.100.7", "192.0.2.4"],
            Some("127.0.0.1:1"),
        );
        assert_eq!(client_address(&request, true), ip("192.0.2.4"));
        let garbage = parts(&["not an address"], Some("127.0.0.1:1"));
        assert_eq!(client_address(&garbage, true), ip("127.0.0.1"));
    }

    #[test]
    fn without_a_socket_the_unspecified_address() {
        assert_eq!(
            client_address(&parts(&[], None), false),
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        );
    }
}
