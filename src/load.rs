//! Reads a dossier's `content/` folder from disk: every file that matters,
//! in a sorted, deterministic order. The only stage that reads content.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Location, SourceMap};
use crate::error::{Error, Result};

mod reader;

pub use reader::Reader;

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the dossier root, with `/` separators: `content/actors.yaml`.
    pub path: String,
    pub text: String,
}

/// Every content file, grouped by role, each group in path order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
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
    pub fn len(&self) -> usize {
        usize::from(self.site.is_some())
            + self.actors.len()
            + self.claims.len()
            + self.articles.len()
            + self.sidecars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of every file, for rendering diagnostics (moved, not copied).
    pub fn into_source_map(self) -> SourceMap {
        self.into_files().map(|f| (f.path, f.text)).collect()
    }

    /// The text of the files that `diagnostics` point at, and only those:
    /// the rest is dropped, so a large dossier is not held twice in memory
    /// (as source, and as the rendered site) while it is built.
    pub fn into_sources_of(self, diagnostics: &[Diagnostic]) -> SourceMap {
        let cited = cited(diagnostics);
        self.into_files().filter(|f| cited.contains(f.path.as_str())).map(|f| (f.path, f.text)).collect()
    }

    /// [`Sources::into_sources_of`], copied from sources that are kept.
    pub fn sources_of(&self, diagnostics: &[Diagnostic]) -> SourceMap {
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
/// UTF-8 or too large are diagnostics, so the run reports everything.
pub fn load(root: &Path) -> Result<(Sources, Vec<Diagnostic>)> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::NoContent { path: root.to_owned() });
    }
    let mut loader = Loader { root, diagnostics: Vec::new(), unreadable: Vec::new() };
    let site_path = content.join("site.yaml");
    let mut sources = Sources {
        site: if site_path.is_file() { loader.read(&site_path)? } else { None },
        actors: loader.registry(&content, "actors")?,
        claims: loader.registry(&content, "claims")?,
        articles: loader.walk(&content.join("articles"), &["md"])?,
        sidecars: loader.walk(&content.join("articles"), &["yaml", "yml"])?,
        unreadable: Vec::new(),
    };
    sources.unreadable = loader.unreadable.into_iter().filter(|p| p.ends_with(".md")).collect();
    if !site_path.is_file() {
        loader.diagnostics.push(missing_site());
    }
    Ok((sources, loader.diagnostics))
}

fn missing_site() -> Diagnostic {
    Diagnostic::error(Code::MissingSite, "the dossier has no `content/site.yaml`", Location::file("content/site.yaml"))
        .help("create content/site.yaml with at least `title: \"…\"`")
}

struct Loader<'a> {
    root: &'a Path,
    diagnostics: Vec<Diagnostic>,
    /// Files refused (too large, not UTF-8), by their shown path.
    unreadable: Vec<String>,
}

impl Loader<'_> {
    /// `<name>.yaml` and `<name>/**/*.yaml`, merged.
    fn registry(&mut self, content: &Path, name: &str) -> Result<Vec<SourceFile>> {
        let mut files = Vec::new();
        let single = content.join(format!("{name}.yaml"));
        if single.is_file() {
            files.extend(self.read(&single)?);
        }
        files.extend(self.walk(&content.join(name), &["yaml", "yml"])?);
        Ok(files)
    }

    fn walk(&mut self, dir: &Path, extensions: &[&str]) -> Result<Vec<SourceFile>> {
        let mut paths = Vec::new();
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().map_or_else(|| dir.to_owned(), Path::to_owned);
                Error::Io { action: "read", path, source: e.into() }
            })?;
            let wanted = entry.path().extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e));
            if entry.file_type().is_file() && wanted {
                paths.push(entry.into_path());
            }
        }
        // Thousands of small files: read in parallel, kept in order.
        let read: Vec<Result<Read>> = paths.par_iter().map(|path| read(self.root, path)).collect();
        let mut files = Vec::with_capacity(read.len());
        for file in read {
            files.extend(self.accept(file?));
        }
        Ok(files)
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
            let (_, report) = crate::check(dir.path()).unwrap();
            let _ = crate::diagnostic::render_human(&report.diagnostics, &report.sources, false);
        }
    }
}
