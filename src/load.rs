//! Reads a dossier's `content/` folder from disk: every file that matters,
//! in a sorted, deterministic order. The only stage that reads content.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Location, SourceMap};
use crate::error::{Error, Result};

mod reader;
pub(crate) mod walk;

pub(crate) use reader::Reader;
use walk::{BadLink, Found, Refusal};

/// Files larger than this are refused rather than read.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// Relative to the dossier root, with `/` separators: `content/actors.yaml`.
    pub path: String,
    pub text: String,
}

/// Every content file, grouped by role, each group in path order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sources {
    pub site: Option<SourceFile>,
    pub actors: Vec<SourceFile>,
    pub claims: Vec<SourceFile>,
    /// `articles/**/*.md`
    pub articles: Vec<SourceFile>,
    /// `articles/**/*.yaml` (and `.yml`)
    pub sidecars: Vec<SourceFile>,
    /// Articles that exist but could not be used (not UTF-8, too large):
    /// their sidecars are not orphans.
    pub unreadable: Vec<String>,
}

impl Sources {
    /// How many files were read.
    pub(crate) fn len(&self) -> usize {
        usize::from(self.site.is_some())
            + self.actors.len()
            + self.claims.len()
            + self.articles.len()
            + self.sidecars.len()
    }

    /// The text of every file, for rendering diagnostics (moved, not copied).
    #[cfg(test)]
    pub(crate) fn into_source_map(self) -> SourceMap {
        self.into_files().map(|f| (f.path, f.text)).collect()
    }

    /// The text of the files that `diagnostics` point at, and only those:
    /// the rest is dropped, so a large dossier is not held twice in memory
    /// (as source, and as the rendered site) while it is built.
    pub(crate) fn into_sources_of(self, diagnostics: &[Diagnostic]) -> SourceMap {
        let cited = cited(diagnostics);
        self.into_files().filter(|f| cited.contains(f.path.as_str())).map(|f| (f.path, f.text)).collect()
    }

    /// [`Sources::into_sources_of`], copied from sources that are kept.
    pub(crate) fn sources_of(&self, diagnostics: &[Diagnostic]) -> SourceMap {
        let cited = cited(diagnostics);
        let files =
            self.site.iter().chain(&self.actors).chain(&self.claims).chain(&self.articles).chain(&self.sidecars);
        files.filter(|f| cited.contains(f.path.as_str())).map(|f| (f.path.clone(), f.text.clone())).collect()
    }

    fn into_files(self) -> impl Iterator<Item = SourceFile> {
        self.site.into_iter().chain(self.actors).chain(self.claims).chain(self.articles).chain(self.sidecars)
    }
}

/// The files diagnostics point at.
fn cited(diagnostics: &[Diagnostic]) -> std::collections::BTreeSet<&str> {
    diagnostics
        .iter()
        .flat_map(|d| std::iter::once(&d.location).chain(d.notes.iter().map(|(l, _)| l)))
        .map(|l| l.file.as_str())
        .collect()
}

/// Reads `<root>/content`. Unreadable files are errors; files that are not
/// UTF-8 or too large, and links that are not followed, are diagnostics,
/// so the run reports everything.
pub(crate) fn load(root: &Path) -> Result<(Sources, Vec<Diagnostic>)> {
    load_all(root).map(|(sources, diagnostics, _)| (sources, diagnostics))
}

/// [`load`], and whether any symbolic link was met: then a file can change
/// through a path the file watcher does not name.
fn load_all(root: &Path) -> Result<(Sources, Vec<Diagnostic>, bool)> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::NoContent { path: root.to_owned() });
    }
    let canonical = fs::canonicalize(root).map_err(Error::io("read", root))?;
    let mut loader =
        Loader { root, canonical: &canonical, diagnostics: Vec::new(), unreadable: Vec::new(), links: false };
    let (found, link) = walk::inspect(&canonical, &content);
    loader.links |= link;
    if let Found::Refused(bad) = found {
        // The whole content folder is a link that is not followed.
        loader.refuse(&content, &bad);
        if site_missing(root) {
            loader.diagnostics.push(missing_site());
        }
        return Ok((Sources::default(), loader.diagnostics, true));
    }
    let site_path = content.join("site.yaml");
    let mut sources = Sources {
        site: loader.single(&site_path)?,
        actors: loader.registry(&content, "actors")?,
        claims: loader.registry(&content, "claims")?,
        articles: loader.walk(&content.join("articles"), &["md"])?,
        sidecars: loader.walk(&content.join("articles"), &["yaml", "yml"])?,
        unreadable: Vec::new(),
    };
    sources.unreadable = loader.unreadable.into_iter().filter(|p| p.ends_with(".md")).collect();
    if site_missing(root) {
        loader.diagnostics.push(missing_site());
    }
    Ok((sources, loader.diagnostics, loader.links))
}

/// No `content/site.yaml` to read: not a file, nor a link that is reported
/// as not followed (that is its problem, not a missing file).
fn site_missing(root: &Path) -> bool {
    let Ok(canonical) = fs::canonicalize(root) else { return true };
    let (found, _) = walk::inspect(&canonical, &root.join("content/site.yaml"));
    !matches!(found, Found::File | Found::Refused(_))
}

fn missing_site() -> Diagnostic {
    Diagnostic::error(Code::MissingSite, "the dossier has no `content/site.yaml`", Location::file("content/site.yaml"))
        .help("create content/site.yaml with at least `title: \"…\"`")
}

/// A link found where content is read, and not followed.
fn bad_link(shown: &str, bad: &BadLink) -> Diagnostic {
    let what = if bad.to_folder { "folder" } else { "file" };
    let message = format!("`{shown}` is {}", bad.describe());
    match bad.refusal {
        Refusal::Outside => Diagnostic::error(Code::LinkOutside, message, Location::file(shown)).help(format!(
            "links are followed only inside the dossier's folder: move or copy the {what} into the dossier, and link to it there or put it in place of the link"
        )),
        Refusal::Broken | Refusal::Loop => Diagnostic::error(Code::BrokenLink, message, Location::file(shown))
            .help("point the link at a file or folder inside the dossier that does not contain it, or remove it"),
    }
}

/// How many files and folders one walk of `content/` looks at, at most: far
/// more than a dossier holds, far less than a system folder linked in by
/// mistake.
const MAX_ENTRIES: usize = 1_000_000;

struct Loader<'a> {
    root: &'a Path,
    /// The root, canonical: links must lead below it.
    canonical: &'a Path,
    diagnostics: Vec<Diagnostic>,
    /// Files refused (too large, not UTF-8, links not followed), by their shown path.
    unreadable: Vec<String>,
    /// A symbolic link was met.
    links: bool,
}

impl Loader<'_> {
    /// `<name>.yaml` and `<name>/**/*.yaml`, merged.
    fn registry(&mut self, content: &Path, name: &str) -> Result<Vec<SourceFile>> {
        let mut files = Vec::new();
        files.extend(self.single(&content.join(format!("{name}.yaml")))?);
        files.extend(self.walk(&content.join(name), &["yaml", "yml"])?);
        Ok(files)
    }

    /// A file named in full (`site.yaml`, `actors.yaml`), if it is there.
    fn single(&mut self, path: &Path) -> Result<Option<SourceFile>> {
        let (found, link) = walk::inspect(self.canonical, path);
        self.links |= link;
        match found {
            Found::File => self.read(path),
            Found::Refused(bad) => {
                self.refuse(path, &bad);
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    fn walk(&mut self, dir: &Path, extensions: &[&str]) -> Result<Vec<SourceFile>> {
        let wanted = |path: &Path| path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e));
        let walked = walk::walk(self.canonical, dir, &wanted, MAX_ENTRIES)?;
        self.links |= walked.links;
        for (path, bad) in &walked.refused {
            self.refuse(path, bad);
        }
        // Thousands of small files: read in parallel, kept in order.
        let read: Vec<Result<Read>> = walked.files.par_iter().map(|path| read(self.root, path)).collect();
        let mut files = Vec::with_capacity(read.len());
        for file in read {
            files.extend(self.accept(file?));
        }
        Ok(files)
    }

    fn refuse(&mut self, path: &Path, bad: &BadLink) {
        let shown = relative(self.root, path);
        self.diagnostics.push(bad_link(&shown, bad));
        self.unreadable.push(shown);
    }

    fn read(&mut self, path: &Path) -> Result<Option<SourceFile>> {
        let file = read(self.root, path)?;
        Ok(self.accept(file))
    }

    /// The file's text, or its problem reported.
    fn accept(&mut self, file: Read) -> Option<SourceFile> {
        match file {
            Read::Text(file) => Some(file),
            Read::Refused { shown, problem } => {
                self.diagnostics.push(problem);
                self.unreadable.push(shown);
                None
            }
        }
    }
}

/// A content file as read: its text, or why it cannot be used.
enum Read {
    Text(SourceFile),
    Refused { shown: String, problem: Diagnostic },
}

fn read(root: &Path, path: &Path) -> Result<Read> {
    let shown = relative(root, path);
    let size = fs::metadata(path).map_err(Error::io("read", path))?.len();
    if size > MAX_FILE_BYTES {
        let problem = Diagnostic::error(
            Code::FileTooLarge,
            format!("`{shown}` is {size} bytes; content files are limited to {MAX_FILE_BYTES} bytes"),
            Location::file(&shown),
        )
        .help("split the file, or remove what does not belong in a dossier (embedded data, images)");
        return Ok(Read::Refused { shown, problem });
    }
    let bytes = fs::read(path).map_err(Error::io("read", path))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Read::Text(SourceFile { path: shown, text })),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let problem =
                Diagnostic::error(Code::NotUtf8, format!("`{shown}` is not UTF-8 text"), Location::file(&shown))
                    .help(format!("the first invalid byte is on line {line}; save the file as UTF-8"));
            Ok(Read::Refused { shown, problem })
        }
    }
}

/// `path` below `root`, with `/` between its parts: how files are shown.
fn relative(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_owned();
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dossier(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn reads_registries_from_a_file_and_a_folder_in_order() {
        let dir = dossier(&[
            ("content/site.yaml", b"title: T\n"),
            ("content/claims.yaml", b"[]\n"),
            ("content/claims/b.yaml", b"[]\n"),
            ("content/claims/a.yaml", b"[]\n"),
            ("content/articles/x.md", b"---\ntitle: X\n---\nx\n"),
            ("content/articles/x.yaml", b"annotations: []\n"),
            ("content/articles/notes.txt", b"ignored\n"),
        ]);
        let (sources, diagnostics) = load(dir.path()).unwrap();
        assert!(diagnostics.is_empty());
        let paths: Vec<&str> = sources.claims.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["content/claims.yaml", "content/claims/a.yaml", "content/claims/b.yaml"]);
        assert_eq!(sources.articles.len(), 1);
        assert_eq!(sources.sidecars[0].path, "content/articles/x.yaml");
    }

    #[test]
    fn non_utf8_and_oversized_files_are_diagnostics() {
        let big = vec![b'#'; MAX_FILE_BYTES as usize + 1];
        let dir = dossier(&[("content/site.yaml", b"title: \xff\n"), ("content/actors.yaml", &big)]);
        let (_, diagnostics) = load(dir.path()).unwrap();
        let codes: Vec<_> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["not-utf8", "file-too-large"], "an unreadable site.yaml is not a missing one");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Arbitrary bytes in every file: a report, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(site: Vec<u8>, actors: Vec<u8>, md: Vec<u8>, sidecar: Vec<u8>) {
            let dir = dossier(&[
                ("content/site.yaml", &site),
                ("content/actors.yaml", &actors),
                ("content/articles/a.md", &md),
                ("content/articles/a.yaml", &sidecar),
            ]);
            let report = crate::check(dir.path()).unwrap();
            let _ = crate::diagnostic::render_human(&report.diagnostics, &report.sources, false);
        }
    }
}
