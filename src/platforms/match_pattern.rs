//! Chrome-style match patterns (`https://*.example.com/path/*`).
//!
//! The same patterns go into `manifest.json` and into descriptors, so a
//! descriptor applies exactly where the browser injects the content script.
//! Ports are ignored, as Chrome does for patterns that name none.

/// Whether `url` matches `pattern` (`<scheme>://<host><path>`, where the
/// scheme may be `*` for http and https, the host may start with `*.` or be
/// `*`, and the path may contain `*` wildcards).
pub fn matches(pattern: &str, url: &str) -> bool {
    let (Some((p_scheme, p_rest)), Some((u_scheme, u_rest))) =
        (pattern.split_once("://"), url.split_once("://"))
    else {
        return false;
    };
    let scheme_ok =
        p_scheme == u_scheme || (p_scheme == "*" && matches!(u_scheme, "http" | "https"));
    let (p_host, p_path) = p_rest.split_at(p_rest.find('/').unwrap_or(p_rest.len()));
    let (u_host, u_path) = u_rest.split_at(u_rest.find('/').unwrap_or(u_rest.len()));
    let u_host = u_host.rsplit_once('@').map_or(u_host, |(_, h)| h);
    let u_host = u_host.split(':').next().unwrap_or_default();
    let u_path = if u_path.is_empty() { "/" } else { u_path };
    scheme_ok && host_matches(p_host, u_host) && glob(p_path.as_bytes(), u_path.as_bytes())
}

/// Checks that `pattern` is a match pattern Chrome accepts for a site:
/// `http`, `https` or `*` as the scheme, a host, and a path starting with
/// `/`.
pub fn validate(pattern: &str) -> Result<(), String> {
    let Some((scheme, rest)) = pattern.split_once("://") else {
        return Err(format!(
            "{pattern:?} is not a match pattern like \"https://forum.example/*\""
        ));
    };
    if !matches!(scheme, "http" | "https" | "*") {
        return Err(format!("scheme {scheme:?}: use http, https or *"));
    }
    let Some(slash) = rest.find('/') else {
        return Err(format!("{pattern:?} needs a path, e.g. \"/*\""));
    };
    let host = &rest[..slash];
    let bare = host.strip_prefix("*.").unwrap_or(host);
    if host.is_empty() || bare.contains('*') || bare.contains(':') {
        return Err(format!(
            "host {host:?}: a host name, optionally starting with \"*.\""
        ));
    }
    Ok(())
}

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        _ if pattern == "*" => true,
        Some(domain) => host == domain || host.ends_with(&format!(".{domain}")),
        None => pattern.eq_ignore_ascii_case(host),
    }
}

/// `*` matches any run of bytes; everything else matches itself.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            backtrack = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star, from)) = backtrack {
            p = star + 1;
            t = from + 1;
            backtrack = Some((star, from + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::{matches, validate};

    #[test]
    fn patterns_are_validated() {
        assert!(validate("https://x.com/*").is_ok());
        assert!(validate("*://*.reddit.com/*").is_ok());
        assert!(validate("x.com").is_err());
        assert!(validate("ftp://x.com/*").is_err());
        assert!(validate("https://x.com").is_err());
        assert!(validate("https://x*.com/*").is_err());
    }

    #[test]
    fn hosts_schemes_and_paths() {
        assert!(matches("https://x.com/*", "https://x.com/home"));
        assert!(matches("https://x.com/*", "https://x.com"));
        assert!(!matches("https://x.com/*", "http://x.com/home"));
        assert!(matches("*://*.reddit.com/*", "https://old.reddit.com/r/x"));
        assert!(matches("*://*.reddit.com/*", "https://reddit.com/"));
        assert!(!matches("*://*.reddit.com/*", "https://notreddit.com/"));
        assert!(matches(
            "http://127.0.0.1/firstline-demo/*",
            "http://127.0.0.1:8080/firstline-demo/feed.html?n=3"
        ));
        assert!(!matches(
            "http://127.0.0.1/firstline-demo/*",
            "http://127.0.0.1:8080/other"
        ));
        assert!(!matches("garbage", "https://x.com/"));
    }
}
