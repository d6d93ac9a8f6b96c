//! A minimal static HTTP server and client over std::net, on loopback, so
//! the site can be crawled as GitHub Pages serves it (under `/repo/`, with
//! `404.html` for every missing path).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

/// A response: status code and body.
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Serves `files` (path → bytes) under `prefix` (e.g. "/repo/") on a free
/// loopback port, until the process ends. Returns the port.
pub fn serve_static(files: BTreeMap<String, Vec<u8>>, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let files = Arc::new(files);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let files = Arc::clone(&files);
            thread::spawn(move || respond(stream, &files, prefix));
        }
    });
    port
}

fn respond(mut stream: TcpStream, files: &BTreeMap<String, Vec<u8>>, prefix: &str) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Read the rest of the request head: closing a socket with unread bytes
    // resets the connection, which a browser reports as a failed request.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let found = path
        .strip_prefix(prefix)
        .map(|p| if p.is_empty() || p.ends_with('/') { format!("{p}index.html") } else { p.to_owned() });
    let (status, file, body) = match found.as_ref().and_then(|p| files.get(p).map(|b| (p.as_str(), b))) {
        Some((p, body)) => ("200 OK", p, body.as_slice()),
        None => ("404 Not Found", "404.html", files.get("404.html").map_or(&b""[..], Vec::as_slice)),
    };
    let head = format!(
        "HTTP/1.0 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(file),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body));
}

/// The media type GitHub Pages sends for a file name: browsers refuse a
/// stylesheet or a script served as anything else.
pub fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "application/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// GET `path` from 127.0.0.1:`port` (HTTP/1.0, whole body).
pub fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Response { status, body: raw[split + 4..].to_vec() }
}

/// Resolves `href` against the URL path `base` ("/repo/claims/x/").
pub fn join_url(base: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_owned();
    }
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the file part of the base
    for seg in href.split('/') {
        match seg {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.starts_with('/') { joined } else { format!("/{joined}") }
}
