//! `dossier serve`: the real binary on a free loopback port, serving from
//! memory, following edits and surviving a broken one.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::http::{Response, get};
use crate::support::{copy_tree, fixture};

/// How long to wait for the server to start or to show an edit. A bound so
/// a broken server fails the test instead of hanging it, not a timing
/// claim: a rebuild takes well under a second.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running `dossier serve` on a copy of a fixture; killed when dropped,
/// whatever the test did.
struct Served {
    child: Child,
    port: u16,
    root: PathBuf,
    /// Everything it printed, for failure messages.
    log: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn start(fixture_name: &str) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dossier");
        copy_tree(&fixture(fixture_name), &root);
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut served = Served { child, port: 0, root, log: Arc::default(), _dir: dir };
        // Read stderr to the end on a thread: a full pipe would block the server.
        let stderr = served.child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let log = Arc::clone(&served.log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some(port) = line.strip_prefix("serving http://127.0.0.1:").and_then(|r| r.split('/').next()) {
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
            }
        });
        served.port = rx.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no address printed:\n{}", served.log()));
        served
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path);
        (response.status, String::from_utf8(response.body).unwrap())
    }

    /// Polls `path` until `done` holds for its body; the last body.
    fn wait_for(&self, path: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.page(path);
            if done(&body) {
                return body;
            }
            assert!(start.elapsed() < PATIENCE, "{path} never showed {what} (status {status}):\n{}", self.log());
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.root.join(file), text).unwrap();
    }
}

const RELOAD: &str = "<script src=\"/__dossier/reload.js\"";
const BANNER: &str = "id=\"dossier-problems\"";
const SIDECAR: &str = "content/articles/bridge-report.yaml";
const ARTICLE: &str = "/articles/bridge-report/";

#[test]
fn serves_the_site_from_memory_with_the_reload_script() {
    let served = Served::start("quirks");
    for path in ["/", ARTICLE, "/claims/bridge-is-open/"] {
        let (status, body) = served.page(path);
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(RELOAD), "{path} has no reload script");
        assert_eq!(body.matches(RELOAD).count(), 1);
        assert!(body.find(RELOAD) < body.rfind("</body>"), "the script goes inside the body");
        assert!(!body.contains(BANNER));
    }
    let (status, body) = served.page("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") && body.contains(RELOAD), "{body}");
    // 404.html links from the path of base_url (https://example.org/quirks/): served there too.
    assert_eq!(served.get("/quirks/claims/").status, 200);
    let css = served.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(!String::from_utf8(css.body).unwrap().contains(RELOAD), "only HTML gets the script");
    let script = served.page("/__dossier/reload.js");
    assert!(script.0 == 200 && script.1.contains("/__dossier/poll"));
    assert_eq!(served.get("/../Cargo.toml").status, 400);
    assert!(!served.root.join("public").exists(), "serve writes nothing");
}

#[test]
fn follows_an_edit_and_survives_a_broken_one() {
    let served = Served::start("quirks");
    let mark = |stance: &str| format!("data-annotation=\"bridge-report/mayor-open\" data-stance=\"{stance}\"");
    assert!(served.page(ARTICLE).1.contains(&mark("supports")));

    let sidecar = std::fs::read_to_string(served.root.join(SIDECAR)).unwrap();
    let edited = sidecar.replacen("stance: supports", "stance: disputes", 1);
    assert_ne!(edited, sidecar);
    served.write(SIDECAR, &edited);
    served.wait_for(ARTICLE, "the edited stance", |body| body.contains(&mark("disputes")));

    served.write(SIDECAR, "annotations:\n  - id: [unclosed\n");
    let broken = served.wait_for(ARTICLE, "the problems banner", |body| body.contains(BANNER));
    assert!(broken.contains("content/articles/bridge-report.yaml"), "the banner names the file:\n{broken}");
    assert!(broken.contains(&mark("disputes")), "the last good page stays underneath");
    assert_eq!(served.get("/").status, 200, "the server is still up");
    assert!(served.page("/claims/bridge-is-open/").1.contains(BANNER), "every page shows the problems");

    served.write(SIDECAR, &sidecar);
    let fixed = served.wait_for(ARTICLE, "the fixed page", |body| !body.contains(BANNER));
    assert!(fixed.contains(&mark("supports")), "{fixed}");
    assert!(served.log().contains("not rebuilt"), "the terminal told about the broken edit:\n{}", served.log());
}

#[test]
fn a_rebuild_wakes_a_waiting_poll() {
    let served = Served::start("quirks");
    let (_, page) = served.page("/");
    let version = page.split("data-version=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap().to_owned();
    let port = served.port;
    let poll = {
        let version = version.clone();
        thread::spawn(move || get(port, &format!("/__dossier/poll?v={version}")))
    };
    // Give the poll time to start waiting; if it has not yet, it sees the
    // new version at once, which passes the same way.
    thread::sleep(Duration::from_millis(200));
    let sidecar = std::fs::read_to_string(served.root.join(SIDECAR)).unwrap();
    served.write(SIDECAR, &sidecar.replacen("stance: supports", "stance: disputes", 1));
    let answer = poll.join().unwrap();
    assert_eq!(answer.status, 200);
    assert_ne!(String::from_utf8(answer.body).unwrap(), version, "the poll answered with the new version");
}

/// Moves `from` to `to`, or copies it there and removes it (`rm -rf`).
fn replace(from: &std::path::Path, to: &std::path::Path, by_copy: bool) {
    if by_copy {
        copy_tree(from, to);
        std::fs::remove_dir_all(from).unwrap();
    } else {
        std::fs::rename(from, to).unwrap();
    }
}

#[test]
fn content_folder_removed_and_restored_is_still_watched() {
    let served = Served::start("quirks");
    let mark = |stance: &str| format!("data-annotation=\"bridge-report/mayor-open\" data-stance=\"{stance}\"");
    let content = served.root.join("content");
    let away = served.root.with_file_name("content-away");
    let sidecar = std::fs::read_to_string(served.root.join(SIDECAR)).unwrap();
    for (round, by_copy) in [(1, true), (2, false), (3, true)] {
        // `rm -rf content` (after a backup), or `mv content away`.
        replace(&content, &away, by_copy);
        let gone = served.wait_for(ARTICLE, "the missing content in the banner", |body| body.contains(BANNER));
        assert!(gone.contains("content` is gone"), "round {round}: the banner says why:\n{gone}");
        // `cp -r backup content`, or `mv away content`.
        replace(&away, &content, by_copy);
        served.wait_for(ARTICLE, "the restored site", |body| !body.contains(BANNER));
        // The bug: the first rebuild after the return was the last one.
        let stance = if round % 2 == 1 { "disputes" } else { "supports" };
        let edited = sidecar.replacen("stance: supports", &format!("stance: {stance}"), 1);
        served.write(SIDECAR, &edited);
        served.wait_for(ARTICLE, "an edit after the restore", |body| body.contains(&mark(stance)));
    }
}

#[test]
fn edits_to_a_replaced_themes_folder_show() {
    let served = Served::start("quirks");
    let css = "themes/default/static/syntax.css";
    let themes = served.root.join("themes");
    let away = served.root.with_file_name("themes-away");
    let body = |path: &str| String::from_utf8(served.get(path).body).unwrap();
    for (round, by_copy) in [(1, false), (2, true), (3, false)] {
        replace(&themes, &away, by_copy);
        replace(&away, &themes, by_copy);
        let marker = format!("/* edited after restore {round} */");
        served.write(css, &format!("{marker}\n"));
        let start = Instant::now();
        while !body("/assets/syntax.css").contains(&marker) {
            assert!(start.elapsed() < PATIENCE, "round {round}: the theme edit never showed:\n{}", served.log());
            thread::sleep(Duration::from_millis(50));
        }
    }
}
