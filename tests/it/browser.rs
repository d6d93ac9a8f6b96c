//! The site in a real browser and through the Nu Html Checker: the sample
//! dossier is built for a sub-path, served under `/repo/`, and the Node
//! scripts in `tests/browser/` drive Debian's Chromium over it
//! (playwright-core, axe-core). Every generated page must also be valid HTML
//! (vnu.jar, on Java).
//!
//! These tests need more than Rust, so plain `cargo test` reports them as
//! ignored; `cargo test -- --include-ignored` runs them (`.ci/run` does).
//! Their prerequisites are checked, never assumed: Node.js with npm (the
//! scripts' packages are installed on first use with `npm ci`),
//! `/usr/bin/chromium` and `java`. A missing one fails the test with the
//! command that installs it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::http::serve_static;
use crate::support::*;

/// The sample's public address in these tests: a GitHub Pages project site.
const BASE_URL: &str = "https://example.github.io/repo/";
const ARTICLE: &str = "articles/russia-claims-30-percent-of-kupyansk/";
/// A contested claim, with implied evidence and a verdict.
const CLAIM: &str = "claims/russia-controls-all-kupiansk/";
/// An actor page, and one whose positions mix stances.
const ACTOR: &str = "actors/kupiansk/";
const MIXED_ACTOR: &str = "actors/vitaly-gantsev/";
/// No script may run longer (a hung browser must not hang `cargo test`).
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Node,
    Chromium,
    Java,
}

fn chromium() -> PathBuf {
    std::env::var_os("DOSSIER_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Panics, saying how to install it, when a tool in `needs` is missing;
/// then installs the scripts' packages if they are not yet.
fn require(needs: &[Tool]) {
    for tool in needs {
        let (found, how) = match tool {
            Tool::Node => (
                runs("node", "--version") && runs("npm", "--version"),
                "Node.js 20+ with npm: sudo apt-get install nodejs npm",
            ),
            Tool::Chromium => (chromium().is_file(), "Chromium: sudo apt-get install chromium"),
            Tool::Java => (runs("java", "-version"), "Java 11+: sudo apt-get install default-jre-headless"),
        };
        assert!(found, "the browser tests need {how}\n(.ci/run installs everything they need)");
    }
    node_modules();
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn scripts() -> PathBuf {
    repo().join("tests/browser")
}

/// Installs the pinned packages of `tests/browser/package-lock.json` once per
/// test run, if `node_modules` is missing or older than the lock file.
fn node_modules() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let result = INSTALLED.get_or_init(|| {
        let dir = scripts();
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let lock = modified(&dir.join("package-lock.json"));
        let installed = modified(&dir.join("node_modules/.package-lock.json"));
        if installed.is_some() && installed >= lock {
            return Ok(());
        }
        let out = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .output()
            .map_err(|e| format!("npm: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("`npm ci --prefix tests/browser` failed:\n{}", String::from_utf8_lossy(&out.stderr)))
        }
    });
    if let Err(why) = result {
        panic!("{why}");
    }
}

/// A dossier built for [`BASE_URL`] and served under `/repo/`: its local
/// root URL, and the paths of its files.
struct Served {
    base: String,
    paths: Vec<String>,
}

/// The sample, built and served once for all tests.
fn sample() -> &'static Served {
    static SAMPLE: OnceLock<Served> = OnceLock::new();
    SAMPLE.get_or_init(|| serve(&sample_root()))
}

fn serve(root: &Path) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let files = read_tree(&build_into(root, dir.path()));
    let paths = files.keys().cloned().collect();
    let port = serve_static(files, "/repo/");
    Served { base: format!("http://127.0.0.1:{port}/repo/"), paths }
}

/// Builds the dossier at `root` for [`BASE_URL`] into `dir/public`.
fn build_into(root: &Path, dir: &Path) -> PathBuf {
    let output = dir.join("public");
    let out = dossier(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--base-url",
        BASE_URL,
    ]);
    assert!(out.status.success(), "build of {} failed:\n{}", root.display(), stderr(&out));
    output
}

/// Runs `node tests/browser/<script> args…`; panics with its output unless
/// it exits 0. Returns its standard output.
fn node(script: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut command = Command::new("node");
    command
        .arg(scripts().join(script))
        .args(args)
        .env("DOSSIER_CHROMIUM", chromium())
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap());
    // Its own process group, so that a timeout ends Chromium with it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().expect("node runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > SCRIPT_TIMEOUT {
            #[cfg(unix)]
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    match status {
        Some(s) if s.success() => {
            println!("{script} ({:.1} s): {stdout}", start.elapsed().as_secs_f32());
            stdout
        }
        Some(s) => panic!("node {script} {} failed ({s}):\n{stdout}{stderr}", args.join(" ")),
        None => panic!("node {script} took more than {SCRIPT_TIMEOUT:?}:\n{stdout}{stderr}"),
    }
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn key_pages_have_no_accessibility_violation_in_either_colour_scheme() {
    require(&[Tool::Node, Tool::Chromium]);
    let base = &sample().base;
    let pages = [
        "",
        "articles/",
        "claims/",
        "actors/",
        ARTICLE,
        CLAIM,
        ACTOR,
        MIXED_ACTOR,
        "matrix/",
        "timeline/",
        "agreement/",
        "search/",
    ];
    let mut args = vec![base.as_str()];
    args.extend(pages);
    let out = node("a11y.mjs", &args);
    assert!(out.contains("no violation"), "{out}");
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn every_page_loads_without_errors_and_names_stances_in_words() {
    require(&[Tool::Node, Tool::Chromium]);
    let site = sample();
    let out = node("crawl.mjs", &[&site.base]);
    // Every page in the sitemap, plus the 404 page.
    let pages = site.paths.iter().filter(|p| p.ends_with("index.html")).count();
    assert!(out.starts_with(&format!("crawl: {} pages", pages + 1)), "{pages} pages built:\n{out}");
}

/// The `styles` fixture shows every verdict, stance, kind of passage and
/// code; `quirks` has an actor on both sides of a claim, split and nested
/// highlights; `provenance` every form of words, translations, and links
/// to sources, passages and archives. axe checks every one of their pages
/// in both colour schemes.
#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn every_page_of_the_style_fixtures_passes_axe_and_loads_cleanly() {
    require(&[Tool::Node, Tool::Chromium]);
    for name in ["styles", "quirks", "provenance"] {
        let site = serve(&fixture(name));
        let out = node("crawl.mjs", &[&site.base, "--axe"]);
        let pages = site.paths.iter().filter(|p| p.ends_with("index.html")).count() + 1;
        assert!(out.contains(&format!("; {} axe runs without violation", 2 * pages)), "{name}: {pages} pages:\n{out}");
    }
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn a_reader_follows_highlights_to_claims_and_back_with_and_without_javascript() {
    require(&[Tool::Node, Tool::Chromium]);
    let base = &sample().base;
    node("flows.mjs", &[base, "--only", "highlight,highlight-nojs"]);
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn a_reader_searches_kupyansk_and_reaches_the_kupiansk_actor() {
    require(&[Tool::Node, Tool::Chromium]);
    let base = &sample().base;
    node("flows.mjs", &[base, "--only", "search"]);
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn a_reader_uses_the_matrix() {
    require(&[Tool::Node, Tool::Chromium]);
    let base = &sample().base;
    node("flows.mjs", &[base, "--only", "matrix"]);
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn a_reader_moves_between_highlights_with_n_and_p() {
    require(&[Tool::Node, Tool::Chromium]);
    node("flows.mjs", &[&sample().base, "--only", "keys"]);
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn screenshots_of_home_article_and_claim() {
    require(&[Tool::Node, Tool::Chromium]);
    let base = &sample().base;
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("browser");
    node("shots.mjs", &[base, "--out", out_dir.to_str().unwrap(), ARTICLE, CLAIM]);
    for name in ["home", "article", "claim", "home-dark", "article-dark", "claim-dark"] {
        let png = std::fs::read(out_dir.join(format!("{name}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}.png");
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!((size(16), size(20)), (1280, 800), "{name}.png: width, height");
    }
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        let docs = repo().join("docs/screenshots");
        std::fs::create_dir_all(&docs).unwrap();
        for name in ["home", "article", "claim"] {
            std::fs::copy(out_dir.join(format!("{name}.png")), docs.join(format!("{name}.png"))).unwrap();
        }
    }
}

#[test]
#[ignore = "needs Chromium, Node.js and Java: run with `cargo test -- --include-ignored` (see README)"]
fn every_generated_page_and_stylesheet_is_valid() {
    require(&[Tool::Node, Tool::Java]);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    // Not the `hostile` fixture: its raw HTML is invalid on purpose, and what
    // the sanitiser leaves of it (an <a> without href, an <img> without alt)
    // is the author's markup, not the theme's.
    let fixtures = ["quirks", "styles", "provenance"].map(|name| (name, fixture(name)));
    for (name, root) in [("sample", sample_root())].into_iter().chain(fixtures) {
        let output = build_into(&root, &dir.path().join(name));
        files.extend(
            read_tree(&output)
                .into_keys()
                .filter(|p| [".html", ".css", ".svg"].iter().any(|ext| p.ends_with(ext)))
                .map(|p| output.join(p)),
        );
    }
    assert!(files.len() > 80, "{} files", files.len());
    let jar = scripts().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu", "--also-check-css", "--also-check-svg"])
        .args(&files)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr).replace(&format!("file:{}/", dir.path().display()), "");
    assert!(out.status.success() && report.trim().is_empty(), "vnu on {} files:\n{report}", files.len());
}
