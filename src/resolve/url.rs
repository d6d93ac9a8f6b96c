//! The one rule for every web address a dossier gives: `base_url`,
//! `repo_url`, an article's `url`, `--base-url` and `new article --url`;
//! and for the bare domain of `cname`.
//!
//! Such addresses end up in `href` and `src` attributes and in the feed,
//! so only plain absolute `http(s)` addresses with a real host pass:
//! nothing a browser could read as script (`javascript:`), as inline data
//! (`data:`), or as another host (a path starting `//`). Pure.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

use crate::sidecar::characters;

/// What an address is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UrlKind {
    /// An address linked to as it is: an article's source.
    Page,
    /// An address other addresses are built on (`base_url`, `repo_url`):
    /// a query or a fragment would end up in the middle of them.
    Base,
}

/// Why an address is refused, and which part of it (bytes of the
/// address as given) is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlError {
    pub reason: String,
    pub at: Range<usize>,
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

fn fault(reason: impl Into<String>, at: Range<usize>) -> UrlError {
    UrlError { reason: reason.into(), at }
}

/// Checks that `url` is an absolute `http://` or `https://` address with a
/// valid host (a domain name or an IP address, an optional numeric port),
/// a path that does not start with `//`, and no quote, angle bracket,
/// backtick, backslash, whitespace or control character anywhere.
pub(crate) fn check(url: &str, kind: UrlKind) -> Result<(), UrlError> {
    let Some(scheme_len) = ["https://", "http://"].iter().find(|s| url.starts_with(**s)).map(|s| s.len()) else {
        let end = url.find(':').map_or(url.len(), |i| i + 1);
        return Err(fault("it must start with `https://` or `http://`", 0..end));
    };
    if let Some((i, c)) = url.char_indices().find(|&(_, c)| not_in_url(c)) {
        return Err(fault(format!("{} is not allowed in an address", describe(c)), i..i + c.len_utf8()));
    }
    let rest = &url[scheme_len..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    authority(&rest[..authority_len], scheme_len)?;
    let after = scheme_len + authority_len;
    if url[after..].starts_with("//") {
        return Err(fault(
            "the path starts with `//`, which browsers read as the name of another host",
            after..after + 2,
        ));
    }
    if kind == UrlKind::Base
        && let Some(i) = url[after..].find(['?', '#'])
    {
        let i = after + i;
        return Err(fault(
            format!("`{}` is not allowed here: links are built by adding to it", &url[i..=i]),
            i..url.len(),
        ));
    }
    Ok(())
}

/// [`check`], ignoring spaces around the address; the address without
/// them. Errors point into `url` as given.
pub(crate) fn check_trimmed(url: &str, kind: UrlKind) -> Result<&str, UrlError> {
    let (trimmed, lead) = trim_spaces(url);
    check(trimmed, kind).map_err(|e| fault(e.reason, e.at.start + lead..e.at.end + lead))?;
    Ok(trimmed)
}

/// [`check_trimmed`] for a site's address, ending in `/` (added when missing).
pub(crate) fn base(url: &str) -> Result<String, UrlError> {
    let trimmed = check_trimmed(url, UrlKind::Base)?;
    Ok(if trimmed.ends_with('/') { trimmed.to_owned() } else { format!("{trimmed}/") })
}

/// `s` without spaces around it (only spaces: other whitespace is refused
/// where it stands), and how many bytes went before it.
pub(crate) fn trim_spaces(s: &str) -> (&str, usize) {
    let trimmed = s.trim_matches(' ');
    (trimmed, s.len() - s.trim_start_matches(' ').len())
}

/// A bare domain name, as `cname` needs: at least two labels, no IP
/// address, no scheme, port or path.
pub(crate) fn domain(host: &str) -> Result<(), UrlError> {
    if let Some((i, c)) = host.char_indices().find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '.')) {
        let reason = match c {
            ':' | '/' => "a bare domain has no scheme, port or path".to_owned(),
            _ => format!("{} is not allowed in a domain name", describe(c)),
        };
        return Err(fault(reason, i..i + c.len_utf8()));
    }
    dns_name(host, 0)?;
    if !host.contains('.') {
        return Err(fault("a custom domain has at least two parts, e.g. `dossier.example.org`", 0..host.len()));
    }
    if last_label_is_numeric(host) {
        return Err(fault("an IP address is not a domain name", 0..host.len()));
    }
    Ok(())
}

/// What a browser could take for the end of an attribute or the start of
/// markup, or cannot show: never part of an address we write.
fn not_in_url(c: char) -> bool {
    matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\') || c.is_whitespace() || c.is_control() || characters::forbidden(c)
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        _ if c.is_whitespace() || c.is_control() || characters::forbidden(c) => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        _ => format!("`{c}`"),
    }
}

/// `host[:port]`, at `offset` in the whole address.
fn authority(authority: &str, offset: usize) -> Result<(), UrlError> {
    let whole = offset..offset + authority.len();
    if authority.is_empty() {
        return Err(fault("the address has no host", whole));
    }
    if let Some(i) = authority.find('@') {
        return Err(fault("a user name or password before the host is not allowed", offset..offset + i + 1));
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let Some(close) = inner.find(']') else { return Err(fault("the IPv6 address has no closing `]`", whole)) };
        if inner[..close].parse::<Ipv6Addr>().is_err() {
            return Err(fault(format!("`{}` is not an IPv6 address", &inner[..close]), whole));
        }
        let after = &inner[close + 1..];
        match after.strip_prefix(':') {
            Some(port) => (None, Some((port, offset + close + 3))),
            None if after.is_empty() => (None, None),
            None => return Err(fault("only a port may follow the IPv6 address", whole)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some((port, offset + host.len() + 1))),
            None => (Some(authority), None),
        }
    };
    if let Some(host) = host {
        host_name(host, offset)?;
    }
    if let Some((port, at)) = port {
        let number = port.parse::<u16>().ok().filter(|_| port.bytes().all(|b| b.is_ascii_digit()));
        if number.is_none_or(|n| n == 0) {
            return Err(fault(format!("the port `{port}` is not a number from 1 to 65535"), at..at + port.len()));
        }
    }
    Ok(())
}

/// A domain name, or an IPv4 address when its last part is a number (as
/// browsers read it).
fn host_name(host: &str, offset: usize) -> Result<(), UrlError> {
    if host.is_empty() {
        return Err(fault("the address has no host", offset..offset));
    }
    if last_label_is_numeric(host) {
        let ok = host.split('.').count() == 4 && host.parse::<Ipv4Addr>().is_ok();
        return if ok {
            Ok(())
        } else {
            Err(fault(format!("`{host}` is not an IPv4 address"), offset..offset + host.len()))
        };
    }
    dns_name(host, offset)
}

fn last_label_is_numeric(host: &str) -> bool {
    host.rsplit('.').next().is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
}

/// Labels of letters, digits and inner hyphens, of 1 to 63 bytes, at most
/// 253 bytes in all.
fn dns_name(host: &str, offset: usize) -> Result<(), UrlError> {
    let whole = offset..offset + host.len();
    if host.is_empty() || host.len() > 253 {
        return Err(fault("a host name has 1 to 253 characters", whole));
    }
    let mut start = offset;
    for label in host.split('.') {
        let at = start..start + label.len();
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            let reason = if label.is_empty() {
                format!("`{host}` has an empty part")
            } else {
                format!("`{label}` is not a valid part of a host name: letters, digits and inner hyphens only")
            };
            return Err(fault(reason, if label.is_empty() { whole } else { at }));
        }
        start += label.len() + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Result<(), String> {
        check(url, UrlKind::Page).map_err(|e| format!("{} at {:?}", e.reason, e.at))
    }

    #[test]
    fn plain_web_addresses_pass() {
        for url in [
            "https://example.org",
            "https://example.org/",
            "http://example.org/a/b?q=1&r=2#frag",
            "https://user.github.io/kupiansk-dossier/",
            "https://example.org:8443/x",
            "http://localhost:1111/",
            "http://127.0.0.1/",
            "http://[::1]:8080/",
            "https://uk.wikipedia.org/wiki/Куп%27янськ",
            "https://кupiansk.example/",
            "https://xn--80ak6aa92e.com/",
            "https://example.org/a//b",
        ] {
            assert_eq!(page(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn script_and_data_addresses_are_refused() {
        for url in ["javascript:alert(document.domain)//", "data:text/html,<script>", "JAVASCRIPT:x", "vbscript:x"] {
            let e = check(url, UrlKind::Page).unwrap_err();
            assert!(e.reason.contains("https://"), "{url}: {e}");
        }
        assert_eq!(check("example.org/x", UrlKind::Page).unwrap_err().at, 0..13);
    }

    #[test]
    fn a_host_that_is_no_host_is_refused() {
        let e = check("https://javascript:alert(1)//x/", UrlKind::Page).unwrap_err();
        assert!(e.reason.contains("port `alert(1)`"), "{e}");
        assert_eq!(e.at, 19..27);
        for url in [
            "https://",
            "https:///x",
            "https://-bad.org/",
            "https://a..b/",
            "https://a_b.org/",
            "https://999.1.1.1/",
            "https://1.2.3/",
            "https://user:pw@example.org/",
            "https://example.org:0/",
            "https://example.org:99999/",
            "https://example.org:/",
            "https://[nothex]/",
            "https://[::1/",
            "https://[::1]x/",
        ] {
            assert!(page(url).is_err(), "{url}");
        }
    }

    #[test]
    fn a_path_starting_with_two_slashes_is_refused() {
        for (url, at) in
            [("https://example.github.io//kupiansk-dossier/", 25..27), ("https://x.org//evil.example/", 13..15)]
        {
            let e = check(url, UrlKind::Base).unwrap_err();
            assert!(e.reason.contains("`//`"), "{e}");
            assert_eq!(e.at, at, "{url}");
        }
    }

    #[test]
    fn markup_and_invisible_characters_are_refused_where_they_stand() {
        for (url, at) in [
            ("https://x.org/\"onmouseover=x", 14),
            ("https://x.org/<script>", 14),
            ("https://x.org/>", 14),
            ("https://x.org/'", 14),
            ("https://x.org/`", 14),
            ("https://x.org\\@evil.example/", 13),
            ("https://x.org/a b", 15),
            ("https://x.org/a\tb", 15),
            ("https://x.org/\u{1}", 14),
            ("https://x.org/\u{b}", 14),
            ("https://x.org/\u{0}", 14),
            ("https://x.org/\u{fffe}", 14),
            ("https://x.org/\u{85}", 14),
            ("https://x.org/\u{a0}", 14),
        ] {
            let e = check(url, UrlKind::Page).unwrap_err();
            assert_eq!(e.at.start, at, "{url:?}: {e}");
        }
    }

    #[test]
    fn a_base_has_no_query_or_fragment() {
        assert!(check("https://x.org/?a", UrlKind::Page).is_ok());
        assert_eq!(check("https://x.org/r?a", UrlKind::Base).unwrap_err().at, 15..17);
        assert_eq!(check("https://x.org/r#a", UrlKind::Base).unwrap_err().at, 15..17);
    }

    #[test]
    fn a_base_ends_in_a_slash_and_errors_point_into_the_given_text() {
        assert_eq!(base("https://user.github.io/repo").unwrap(), "https://user.github.io/repo/");
        assert_eq!(base(" https://x.org/ ").unwrap(), "https://x.org/");
        assert_eq!(base("  https://x.org//y").unwrap_err().at, 15..17);
    }

    #[test]
    fn a_custom_domain_is_a_bare_domain_name() {
        assert_eq!(domain("dossier.example.org"), Ok(()));
        for host in ["https://dossier.example.org/", "example", "1.2.3.4", "a..b", "-a.org", "a.org:80", "a b.org", ""]
        {
            assert!(domain(host).is_err(), "{host}");
        }
    }
}
