//! The preview server's answers, from requests made in memory.

use super::*;

/// The port the servers in these tests listen on.
const PORT: u16 = 1111;

fn live(problems: Option<&str>) -> LiveSite {
    let live = LiveSite::new(PORT);
    let files: Files = [
        ("index.html", "<html><body><h1>Home</h1></body></html>"),
        ("claims/x/index.html", "<html><BODY>claim</BODY></html>"),
        ("404.html", "<html><body>missing</body></html>"),
        ("assets/style.css", "body{}"),
        ("atom.xml", "<feed/>"),
        ("CNAME", "example.org\n"),
    ]
    .into_iter()
    .map(|(p, b)| (p.to_owned(), Arc::new(b.as_bytes().to_vec())))
    .collect();
    live.publish(Arc::new(files), problems.map(str::to_owned), Some("quirks/"));
    live
}

fn get(live: &LiveSite, url: &str) -> Reply {
    reply_to(&Method::Get, &["127.0.0.1:1111"], url, live)
}

fn body(reply: &Reply) -> &str {
    std::str::from_utf8(&reply.body).unwrap()
}

#[test]
fn folders_serve_their_index_with_the_script() {
    let s = live(None);
    for url in ["/", "/index.html", "/?x=1", "/quirks/", "/quirks/index.html"] {
        let reply = get(&s, url);
        assert_eq!(reply.status, 200, "{url}");
        assert_eq!(reply.content_type, HTML);
        assert!(body(&reply).starts_with("<html><body><h1>Home</h1><script src=\"/__dossier/reload.js\""));
        assert!(body(&reply).ends_with("</script>\n</body></html>"));
    }
    let claim = get(&s, "/claims/x/");
    assert!(body(&claim).contains("claim<script src=\"/__dossier/reload.js\" data-version=\""));
    assert!(!body(&claim).contains("dossier-problems"));
}

#[test]
fn a_folder_without_its_slash_is_redirected() {
    let reply = get(&live(None), "/claims/x");
    assert_eq!((reply.status, reply.location.as_deref()), (301, Some("/claims/x/")));
}

#[test]
fn missing_paths_get_the_404_page() {
    let reply = get(&live(None), "/claims/nope/");
    assert_eq!(reply.status, 404);
    assert!(body(&reply).starts_with("<html><body>missing<script"));
}

#[test]
fn content_types_by_extension_and_only_html_is_changed() {
    let s = live(None);
    let css = get(&s, "/assets/style.css");
    assert_eq!((css.status, css.content_type, body(&css)), (200, "text/css; charset=utf-8", "body{}"));
    assert_eq!(get(&s, "/atom.xml").content_type, "application/xml; charset=utf-8");
    assert_eq!(get(&s, "/CNAME").content_type, "application/octet-stream");
    assert_eq!(content_type("a/b.PNG"), "image/png");
    assert_eq!(content_type("x.jpeg"), "image/jpeg");
    assert_eq!(content_type("data/evidence.csv"), "text/csv; charset=utf-8; header=present");
    assert_eq!(content_type("x.json"), "application/json");
    assert_eq!(content_type("x.svg"), "image/svg+xml");
    assert_eq!(content_type("x.txt"), "text/plain; charset=utf-8");
}

#[test]
fn dot_dot_and_other_methods_are_refused() {
    let s = live(None);
    assert_eq!(get(&s, "/../etc/passwd").status, 400);
    assert_eq!(get(&s, "/assets/%2e%2e/%2E%2E/x").status, 400);
    assert_eq!(get(&s, "/a/..%5c..%5cx").status, 400);
    assert_eq!(get(&s, "/%zz").status, 400);
    assert_eq!(respond(&Method::Post, "/", &s).status, 405);
    assert_eq!(respond(&Method::Head, "/", &s).status, 200);
}

#[test]
fn problems_are_shown_escaped_on_every_page() {
    let s = live(Some("error: <script>alert(1)</script> in `a.yaml`"));
    for url in ["/", "/claims/x/", "/nope"] {
        let text = body(&get(&s, url)).to_owned();
        assert!(text.contains("id=\"dossier-problems\""), "{url}");
        assert!(text.contains("error: &lt;script&gt;alert(1)&lt;/script&gt; in `a.yaml`"), "{text}");
    }
    assert_eq!(body(&get(&s, "/assets/style.css")), "body{}");
}

#[test]
fn before_any_good_build_the_problems_are_all_there_is() {
    let s = LiveSite::new(PORT);
    s.publish(Arc::default(), Some("error: broken".to_owned()), None);
    let reply = get(&s, "/anything");
    assert_eq!(reply.status, 503);
    assert!(body(&reply).contains("error: broken"));
}

#[test]
fn the_version_changes_only_when_pages_would() {
    let s = live(None);
    let v1 = s.version();
    let files = s.lock().files.clone();
    s.publish(Arc::new((*files).clone()), None, Some("quirks/"));
    assert_eq!(s.version(), v1, "same files, same problems");
    s.publish(Arc::new((*files).clone()), Some("error".to_owned()), Some("quirks/"));
    let v2 = s.version();
    assert_ne!(v2, v1);
    // A poll that saw an old version answers at once.
    assert_eq!(poll(&s, &v1), v2);
    assert_eq!(body(&get(&s, &format!("/__dossier/poll?v={v1}"))), v2);
}

#[test]
fn a_poll_returns_when_a_build_publishes() {
    let s = Arc::new(live(None));
    let v1 = s.version();
    let waiter = {
        let s = Arc::clone(&s);
        let v1 = v1.clone();
        thread::spawn(move || poll(&s, &v1))
    };
    thread::sleep(Duration::from_millis(50));
    s.publish(Arc::default(), Some("error".to_owned()), None);
    assert_ne!(waiter.join().unwrap(), v1);
}

#[test]
fn percent_decoding() {
    assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
    assert_eq!(percent_decode("%C3%A9").as_deref(), Some("é"));
    assert_eq!(percent_decode("%"), None);
    assert_eq!(percent_decode("%ff"), None);
}

#[test]
fn find_last_ignores_case() {
    assert_eq!(find_last(b"<body></body></BODY>", b"</body>"), Some(13));
    assert_eq!(find_last(b"short", b"</body>"), None);
}

#[test]
fn dns_rebinding_a_request_for_another_host_is_refused() {
    // A page on evil.example whose name now resolves to 127.0.0.1 sends its
    // own name: it must not read the preview.
    let s = live(None);
    for host in [
        "evil.example:1111",
        "evil.example",
        "127.0.0.1.evil.example:1111",
        "localhost.evil.example",
        "127.0.0.2:1111",
        "0.0.0.0:1111",
        "[::2]:1111",
        "localhost:1112",
        "127.0.0.1:80",
        "127.0.0.1:",
        "127.0.0.1:+1111",
        "[::1]1111",
        "",
    ] {
        let reply = reply_to(&Method::Get, &[host], "/", &s);
        assert_eq!(reply.status, 421, "Host: {host}");
        assert_eq!(reply.content_type, "text/plain; charset=utf-8");
        assert!(!body(&reply).contains("Home"), "Host: {host}");
    }
    let poll = reply_to(&Method::Get, &["evil.example:1111"], "/__dossier/poll?v=0", &s);
    assert_eq!(poll.status, 421, "the poll tells the version to no one else either");
}

#[test]
fn dns_rebinding_a_request_without_one_host_is_refused() {
    let s = live(None);
    assert_eq!(reply_to(&Method::Get, &[], "/", &s).status, 421, "no Host");
    let two = reply_to(&Method::Get, &["127.0.0.1:1111", "evil.example"], "/", &s);
    assert_eq!(two.status, 421, "two Hosts");
}

#[test]
fn loopback_names_with_our_port_or_none_are_served() {
    let s = live(None);
    for host in ["127.0.0.1:1111", "localhost:1111", "[::1]:1111", "127.0.0.1", "localhost", "[::1]", "LocalHost:1111"]
    {
        assert_eq!(reply_to(&Method::Get, &[host], "/", &s).status, 200, "Host: {host}");
    }
}
