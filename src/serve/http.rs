//! The preview's HTTP side: the site from memory, the live-reload script
//! and its long-poll, and the banner that shows a broken build's problems.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tiny_http::{Header, Method, Request, Response, Server};

use super::preview::Files;
use crate::escape::html as escape_html;
use crate::routes::Route;

/// How long a poll waits for a rebuild before answering "no change":
/// below the idle timeouts of browsers and proxies.
const POLL_WAIT: Duration = Duration::from_secs(25);

const RELOAD_PATH: &str = "/__dossier/reload.js";
const POLL_PATH: &str = "/__dossier/poll";

/// Loaded from a file rather than inline, so a theme's Content-Security-
/// Policy that allows only its own scripts does not block it. The version
/// the page was served at is in `data-version`; the poll answers with the
/// current one, and any difference (a rebuild, or a restarted server)
/// reloads the page. While the server is down it retries every second.
const RELOAD_JS: &str = r#"// dossier serve: reloads the page when the site is rebuilt.
(function () {
  "use strict";
  var version = document.currentScript.getAttribute("data-version");
  function poll() {
    fetch("/__dossier/poll?v=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.statusText); }
        return response.text();
      })
      .then(function (current) {
        if (current !== version) { location.reload(); } else { poll(); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// What every request thread reads, and the rebuild loop replaces.
pub(super) struct LiveSite {
    state: Mutex<State>,
    changed: Condvar,
    /// The port the server listens on: a request must name it (or none) in `Host`.
    port: u16,
}

#[derive(Clone)]
struct State {
    files: Arc<Files>,
    /// A broken build's diagnostics, shown over every page until fixed.
    problems: Option<Arc<str>>,
    /// `quirks/` when `base_url` has a path: 404.html links from there.
    base_path: Option<String>,
    /// Changes whenever what a page shows changes; the server's start time
    /// is in it, so pages open across a restart reload too.
    version: String,
}

impl LiveSite {
    /// For a server listening on `port`.
    pub(super) fn new(port: u16) -> LiveSite {
        let epoch = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        let state = State { files: Arc::default(), problems: None, base_path: None, version: format!("{epoch}.0") };
        LiveSite { state: Mutex::new(state), changed: Condvar::new(), port }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked left nothing half-written: every
        // update is a whole-field assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves `files` from now on, with `problems` over every page; wakes
    /// the open pages if anything they show changed.
    pub(super) fn publish(&self, files: Arc<Files>, problems: Option<String>, base_path: Option<&str>) {
        let mut state = self.lock();
        let problems: Option<Arc<str>> = problems.map(Into::into);
        let same = *state.files == *files && state.problems == problems;
        state.files = files;
        state.problems = problems;
        state.base_path = base_path.map(str::to_owned);
        if !same {
            let (epoch, n) = state.version.split_once('.').unwrap_or(("0", "0"));
            state.version = format!("{epoch}.{}", n.parse::<u64>().unwrap_or(0) + 1);
            self.changed.notify_all();
        }
    }

    /// The version pages show now.
    #[cfg(test)]
    fn version(&self) -> String {
        self.lock().version.clone()
    }
}

/// Answers requests until the server is dropped, each on its own thread:
/// a long-poll holds its thread while it waits.
pub(super) fn run(server: Server, live: Arc<LiveSite>) {
    for request in server.incoming_requests() {
        let live = Arc::clone(&live);
        thread::spawn(move || answer(request, &live));
    }
}

fn answer(request: Request, live: &LiveSite) {
    let hosts: Vec<&str> =
        request.headers().iter().filter(|h| h.field.equiv("Host")).map(|h| h.value.as_str()).collect();
    let reply = reply_to(request.method(), &hosts, request.url(), live);
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [("Content-Type", reply.content_type), ("Cache-Control", "no-store")];
    for (name, value) in headers.into_iter().chain(reply.location.as_deref().map(|l| ("Location", l))) {
        if let Ok(header) = Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    if reply.status == 405 {
        response.add_header(Header::from_bytes("Allow", "GET, HEAD").expect("a valid header"));
    }
    // The browser may have gone away meanwhile; nothing to do about it.
    let _ = request.respond(response);
}

/// An answer before it is put on the wire (tiny_http drops the body of a
/// HEAD response itself).
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, content_type, body: body.into(), location: None }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

/// Whether `Host` names this server: `127.0.0.1`, `localhost` or `[::1]`,
/// with our port or none. Anything else may be a page on another site whose
/// name was pointed at 127.0.0.1 (DNS rebinding) to read the preview.
fn is_loopback_host(host: &str, port: u16) -> bool {
    let (name, given) = match host.rsplit_once(':') {
        // `[::1]` alone has colons, but inside its brackets.
        Some((name, given)) if !given.contains(']') => (name, Some(given)),
        _ => (host, None),
    };
    let named = ["127.0.0.1", "localhost", "[::1]"].iter().any(|n| name.eq_ignore_ascii_case(n));
    let port_ok = given.is_none_or(|given| {
        !given.is_empty() && given.bytes().all(|b| b.is_ascii_digit()) && given.parse::<u16>() == Ok(port)
    });
    named && port_ok
}

/// The answer to a request with these `Host` headers: exactly one, naming
/// this server, or the request is refused before anything else.
fn reply_to(method: &Method, hosts: &[&str], url: &str, live: &LiveSite) -> Reply {
    match hosts {
        [host] if is_loopback_host(host, live.port) => respond(method, url, live),
        _ => misdirected(live.port),
    }
}

/// The answer to a request for another host, or without one.
fn misdirected(port: u16) -> Reply {
    Reply::text(421, &format!("dossier serve answers only at http://127.0.0.1:{port}/ (or localhost)\n"))
}

fn respond(method: &Method, url: &str, live: &LiveSite) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        return Reply::text(405, "only GET and HEAD\n");
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    match path {
        POLL_PATH => {
            let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).unwrap_or("");
            return Reply::text(200, &poll(live, &percent_decode(seen).unwrap_or_default()));
        }
        RELOAD_PATH => return Reply::new(200, "text/javascript; charset=utf-8", RELOAD_JS),
        _ => {}
    }
    let Some(path) = percent_decode(path) else { return Reply::text(400, "bad URL encoding\n") };
    let Some(path) = path.strip_prefix('/') else { return Reply::text(400, "not a path\n") };
    if path.split(['/', '\\']).any(|segment| segment == "..") || path.contains('\0') {
        return Reply::text(400, "no `..` in paths\n");
    }
    let state = live.lock().clone();
    serve_file(&state, path)
}

/// Waits until the version differs from `seen`, or for `POLL_WAIT`; then
/// tells the current version.
fn poll(live: &LiveSite, seen: &str) -> String {
    let deadline = Instant::now() + POLL_WAIT;
    let mut state = live.lock();
    while state.version == seen {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        state = live.changed.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
    }
    state.version.clone()
}

/// A file of the site by its URL path (without the leading `/`).
fn serve_file(state: &State, path: &str) -> Reply {
    if state.files.is_empty() {
        // No build has succeeded yet: there is only the problem to show.
        let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dossier: the site has problems</title></head><body></body></html>\n";
        return html(state, 503, page.as_bytes());
    }
    // 404.html links from the site's path on its host: serve that path too.
    let candidates = [Some(path), state.base_path.as_deref().and_then(|base| path.strip_prefix(base))];
    for path in candidates.into_iter().flatten() {
        let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() };
        if let Some(bytes) = state.files.get(&file) {
            return found(state, &file, bytes);
        }
        if state.files.contains_key(&format!("{path}/index.html")) {
            // Relative links inside the page need the trailing slash.
            let mut reply = Reply::text(301, "moved\n");
            reply.location = Some(format!("/{path}/"));
            return reply;
        }
    }
    match state.files.get(&Route::NotFound.file()) {
        Some(bytes) => html(state, 404, bytes),
        None => Reply::text(404, "not found\n"),
    }
}

fn found(state: &State, path: &str, bytes: &[u8]) -> Reply {
    match content_type(path) {
        HTML => html(state, 200, bytes),
        other => Reply::new(200, other, bytes),
    }
}

const HTML: &str = "text/html; charset=utf-8";

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        // RFC 4180: `header=present` says the first row names the columns.
        "csv" => "text/csv; charset=utf-8; header=present",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// An HTML page with the reload script, and the problems banner if the
/// last build broke, inserted before `</body>`. Only the preview does
/// this; `build` writes pages as rendered.
fn html(state: &State, status: u16, page: &[u8]) -> Reply {
    let mut insert = String::new();
    if let Some(problems) = &state.problems {
        insert.push_str(&banner(problems));
    }
    insert.push_str(&format!(
        "<script src=\"{RELOAD_PATH}\" data-version=\"{}\"></script>\n",
        escape_html(&state.version)
    ));
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut body = Vec::with_capacity(page.len() + insert.len());
    body.extend_from_slice(&page[..at]);
    body.extend_from_slice(insert.as_bytes());
    body.extend_from_slice(&page[at..]);
    Reply::new(status, HTML, body)
}

/// Fixed over the page, so the last good page stays readable underneath.
fn banner(problems: &str) -> String {
    format!(
        concat!(
            "<div id=\"dossier-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;",
            "max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:.75em 1em;",
            "background:#fff5f5;color:#5c0000;border-top:4px solid #c00;font:14px/1.4 system-ui,sans-serif\">",
            "<strong>dossier serve: the last edit has problems.</strong> ",
            "This is the last good build; it updates once they are fixed.",
            "<pre style=\"margin:.5em 0 0;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace\">{}</pre>",
            "</div>\n"
        ),
        escape_html(problems)
    )
}

/// Where `needle` last occurs, ignoring ASCII case.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// `%xx` escapes to bytes; `None` if an escape is malformed or the result is
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
