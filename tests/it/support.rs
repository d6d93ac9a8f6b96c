//! Building dossiers into temporary folders and reading the result.

pub mod rust_source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample dossier as the tests keep it: a copy of the repository's
/// `content/`, which is the user's to edit without turning the tests red.
pub fn sample_root() -> PathBuf {
    fixture("sample")
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/it/fixtures").join(name)
}

/// Copies the tree at `from` to `to` (which may exist), folders first.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the `dossier` binary.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).env("NO_COLOR", "1").output().expect("the binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A built site: every file by its path below the output folder.
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Builds the dossier at `root` into a fresh temporary folder.
pub fn build(root: &Path) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let out = dossier(&["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    Site { files: read_tree(&output) }
}

pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

impl Site {
    pub fn html(&self, path: &str) -> Html {
        let bytes = self.files.get(path).unwrap_or_else(|| panic!("no page {path}"));
        Html::parse_document(std::str::from_utf8(bytes).unwrap())
    }

    pub fn pages(&self) -> impl Iterator<Item = (&String, Html)> {
        self.files.keys().filter(|p| p.ends_with(".html")).map(|p| (p, self.html(p)))
    }

    /// Every internal link and fragment that does not resolve, as
    /// "page: href". Links must be relative; a folder link means its index.html.
    pub fn broken_links(&self) -> Vec<String> {
        let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        // 404.html links from the site's absolute path: checked on its own.
        let pages: Vec<(&String, Html)> = self.pages().filter(|(p, _)| *p != "404.html").collect();
        for (path, html) in &pages {
            ids.insert(path.as_str(), html.select(&sel("[id]")).map(|e| attr(&e, "id").to_owned()).collect());
        }
        let mut broken = Vec::new();
        for (path, html) in &pages {
            for e in html.select(&sel("a[href], link[href], script[src], img[src]")) {
                let href = e.value().attr("href").or_else(|| e.value().attr("src")).unwrap();
                if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
                    continue;
                }
                if let Err(why) = self.resolve(path, href, &ids) {
                    broken.push(format!("{path}: {href} ({why})"));
                }
            }
        }
        broken
    }

    fn resolve(&self, page: &str, href: &str, ids: &BTreeMap<&str, Vec<String>>) -> Result<(), &'static str> {
        if href.starts_with('/') || href.contains("://") {
            return Err("not relative");
        }
        let (path, fragment) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f)));
        let target = if path.is_empty() { page.to_owned() } else { join(page, path).ok_or("escapes the site")? };
        let target = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
        if !self.files.contains_key(&target) {
            return Err("no such file");
        }
        match fragment {
            Some(f) if !f.is_empty() => {
                ids.get(target.as_str()).filter(|ids| ids.iter().any(|i| i == f)).map(|_| ()).ok_or("no such id")
            }
            _ => Ok(()),
        }
    }
}

/// Resolves a relative `href` against the folder of `page`.
fn join(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let trailing = href.ends_with('/');
    for seg in href.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if seg == ".." {
            parts.pop()?;
        } else {
            parts.push(seg);
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub fn attr<'a>(e: &scraper::ElementRef<'a>, name: &str) -> &'a str {
    e.value().attr(name).unwrap_or_default()
}
