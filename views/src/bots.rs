//! Telling crawlers, link previewers and scripts apart from readers, by user agent.
//!
//! Well-behaved automated clients say what they are; the ones that lie are not stopped by
//! any list, only made no more harmful than a reader by the dedupe. The beacon is sent by
//! the page's script after hydration, so clients that fetch HTML without running it (most
//! prefetchers and crawlers) never reach this check at all.

/// Fragments of user agents (lower case) that only automated clients send.
const AUTOMATED: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "archiver",
    "preview",
    "headless",
    "lighthouse",
    "pagespeed",
    "facebookexternalhit",
    "embedly",
    "feedfetcher",
    "mediapartners",
    "monitor",
    "pingdom",
    "uptime",
    "curl/",
    "wget/",
    "python",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "httpclient",
    "axios/",
    "node-fetch",
    "undici",
    "scrapy",
    "phantomjs",
    "selenium",
    "puppeteer",
];

/// Whether a request with this `User-Agent` comes from a program rather than a reader.
/// A missing or empty user agent counts as a program: every browser sends one.
pub fn is_bot(user_agent: &str) -> bool {
    let user_agent = user_agent.trim();
    if user_agent.is_empty() {
        return true;
    }
    // CUBOT is a maker of phones, not a bot.
    let lower = user_agent.to_ascii_lowercase().replace("cubot", "");
    AUTOMATED.iter().any(|fragment| lower.contains(fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawlers_previewers_and_scripts_are_bots() {
        for agent in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; YandexBot/3.0)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
            "curl/8.5.0",
            "Wget/1.21.4",
            "python-requests/2.31.0",
            "Go-http-client/1.1",
            "",
            "   ",
        ] {
            assert!(is_bot(agent), "{agent:?} should be a bot");
        }
    }

    #[test]
    fn browsers_are_readers() {
        for agent in [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
        ] {
            assert!(!is_bot(agent), "{agent:?} should be a reader");
        }
    }
}
