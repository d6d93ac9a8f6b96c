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
    /// Articles that exist but could not be used (not UTF-8, too large, a
    /// link not followed), in path order: their sidecars are not orphans.
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

    /// Every file read, to edit its text in memory (`check --fix`).
    pub(crate) fn files_mut(&mut self) -> impl Iterator<Item = &mut SourceFile> {
        self.site
            .iter_mut()
            .chain(&mut self.actors)
            .chain(&mut self.claims)
            .chain(&mut self.articles)
            .chain(&mut self.sidecars)
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
/// so the run reports everything: one for each path, in the order the
/// files are in [`Sources`] (a registry's own file before its folder, then
/// by path, each folder's names sorted), then a missing `site.yaml`.
pub(crate) fn load(root: &Path) -> Result<(Sources, Vec<Diagnostic>)> {
    load_all(root).map(|(sources, diagnostics, _)| (sources, diagnostics))
}

/// [`load`], and whether any link was met (symbolic, or a file with hard
/// links): then a file can change through a path the file watcher does
/// not name.
fn load_all(root: &Path) -> Result<(Sources, Vec<Diagnostic>, bool)> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::NoContent { path: root.to_owned() });
    }
    let canonical = fs::canonicalize(root).map_err(Error::io("read", root))?;
    let mut loader = Loader { root, canonical: &canonical, diagnostics: Vec::new(), links: false };
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
    let site = loader.single(&content.join("site.yaml"))?;
    let actors = loader.registry(&content, "actors")?;
    let claims = loader.registry(&content, "claims")?;
    // One walk for articles and sidecars, so a link in it is reported once.
    let walked = loader.walk(&content.join("articles"), &["md", "yaml", "yml"])?;
    let (wrong_names, walked): (Vec<_>, Vec<_>) = walked.into_iter().partition(|f| misnamed(&f.path));
    loader.diagnostics.extend(wrong_names.iter().map(|f| misnamed_article(&f.path)));
    let (articles, sidecars): (Vec<_>, Vec<_>) = walked.into_iter().partition(|f| is_article(&f.path));
    // Refusals in the order a partial read keeps them in, whichever part
    // of the walk found them.
    loader.diagnostics.sort_by_cached_key(|d| place(&d.location.file));
    let unreadable = unreadable_articles(&loader.diagnostics);
    let sources = Sources { site, actors, claims, articles, sidecars, unreadable };
    if site_missing(root) {
        loader.diagnostics.push(missing_site());
    }
    Ok((sources, loader.diagnostics, loader.links))
}

/// What a content file is, by where it is: the groups of [`Sources`], in
/// their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Site,
    Actors,
    Claims,
    Articles,
    Sidecars,
}

/// Which of the files [`load`] reads this one is, if any.
fn role(shown: &str) -> Option<Role> {
    let extension = Path::new(shown).extension().and_then(|e| e.to_str());
    let yaml = matches!(extension, Some("yaml" | "yml"));
    let below = |folder: &str| {
        shown.strip_prefix("content/").and_then(|p| p.strip_prefix(folder)).is_some_and(|p| p.starts_with('/'))
    };
    match shown {
        "content/site.yaml" => Some(Role::Site),
        "content/actors.yaml" => Some(Role::Actors),
        "content/claims.yaml" => Some(Role::Claims),
        _ if below("actors") && yaml => Some(Role::Actors),
        _ if below("claims") && yaml => Some(Role::Claims),
        _ if below("articles") && extension == Some("md") => Some(Role::Articles),
        _ if below("articles") && yaml => Some(Role::Sidecars),
        _ => None,
    }
}

fn is_article(shown: &str) -> bool {
    Path::new(shown).extension().is_some_and(|e| e == "md")
}

/// An article whose name ends otherwise than in `.md` (`.MD`,
/// `.markdown`): not read, but reported, and its sidecar is not an orphan.
pub(crate) fn misnamed(shown: &str) -> bool {
    let below = shown.strip_prefix("content/articles/").is_some();
    let extension = Path::new(shown).extension().and_then(|e| e.to_str()).unwrap_or_default();
    below && extension != "md" && (extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown"))
}

fn misnamed_article(shown: &str) -> Diagnostic {
    let stem = shown.rsplit_once('.').map_or(shown, |(stem, _)| stem);
    Diagnostic::error(
        Code::MisnamedArticle,
        format!("`{shown}` is not read: an article's name ends in `.md`"),
        Location::file(shown),
    )
    .help(format!("rename it to `{stem}.md`"))
}

/// Where a path stands in what [`load`] reads, refusals included: by group
/// (a folder link with the group of its folder), a registry's own file
/// before its folder, then in the order of a walk sorted by name (by path
/// component: `a/b.md` before `a-b.md`, as the walk finds them).
fn place(shown: &str) -> (Role, bool, PathBuf) {
    let in_folder = |folder: &str| {
        shown
            .strip_prefix("content/")
            .and_then(|p| p.strip_prefix(folder))
            .is_some_and(|p| p.is_empty() || p.starts_with('/'))
    };
    let group = role(shown).unwrap_or(if in_folder("actors") {
        Role::Actors
    } else if in_folder("claims") {
        Role::Claims
    } else if in_folder("articles") {
        Role::Articles
    } else {
        Role::Site
    });
    let own_file = matches!(shown, "content/site.yaml" | "content/actors.yaml" | "content/claims.yaml");
    (group, !own_file, PathBuf::from(shown))
}

/// The articles among the files refused (`refusals`, in [`place`] order).
fn unreadable_articles(refusals: &[Diagnostic]) -> Vec<String> {
    refusals.iter().map(|d| &d.location.file).filter(|p| is_article(p) || misnamed(p)).cloned().collect()
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
    /// Files refused (too large, not UTF-8, links not followed).
    diagnostics: Vec<Diagnostic>,
    /// A link was met: symbolic, or a file read with hard links.
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
        let articles = extensions.contains(&"md");
        let wanted = |path: &Path| {
            let extension = path.extension().and_then(|e| e.to_str());
            extension.is_some_and(|e| extensions.contains(&e))
                || (articles
                    && extension.is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")))
        };
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
        self.diagnostics.push(bad_link(&relative(self.root, path), bad));
    }

    fn read(&mut self, path: &Path) -> Result<Option<SourceFile>> {
        let file = read(self.root, path)?;
        Ok(self.accept(file))
    }

    /// The file's text, or its problem reported.
    fn accept(&mut self, file: Read) -> Option<SourceFile> {
        self.links |= file.other_names;
        match file.text {
            Ok(file) => Some(file),
            Err(problem) => {
                self.diagnostics.push(problem);
                None
            }
        }
    }
}

/// A content file as read.
struct Read {
    /// Its text, or why it cannot be used (located at its shown path).
    text: std::result::Result<SourceFile, Diagnostic>,
    /// It has hard links: it can change through a path the file watcher
    /// does not name, as a symbolic link's target can.
    other_names: bool,
}

fn read(root: &Path, path: &Path) -> Result<Read> {
    let shown = relative(root, path);
    let meta = fs::metadata(path).map_err(Error::io("read", path))?;
    let (size, other_names) = (meta.len(), other_names(&meta));
    if size > MAX_FILE_BYTES {
        let problem = Diagnostic::error(
            Code::FileTooLarge,
            format!("`{shown}` is {size} bytes; content files are limited to {MAX_FILE_BYTES} bytes"),
            Location::file(&shown),
        )
        .help("split the file, or remove what does not belong in a dossier (embedded data, images)");
        return Ok(Read { text: Err(problem), other_names });
    }
    let bytes = fs::read(path).map_err(Error::io("read", path))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Read { text: Ok(SourceFile { path: shown, text }), other_names }),
        Err(e) => Ok(Read { text: Err(not_utf8(&shown, e.as_bytes(), e.utf8_error().valid_up_to())), other_names }),
    }
}

/// A file that is not UTF-8, located at its first invalid byte (`bad`):
/// its line and column (in characters: the bytes before it are valid),
/// with the line shown in the help, each invalid byte as `\u{fffd}`, since
/// the file's text cannot be shown as it is. A long line is cut around
/// the byte.
fn not_utf8(shown: &str, bytes: &[u8], bad: usize) -> Diagnostic {
    const AROUND: usize = 60;
    let line_start = bytes[..bad].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[bad..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| bad + i);
    let line = memchr::memchr_iter(b'\n', &bytes[..bad]).count() + 1;
    let before = String::from_utf8_lossy(&bytes[line_start..bad]);
    let column = before.chars().count() + 1;
    let skipped = column.saturating_sub(AROUND + 1);
    let after = String::from_utf8_lossy(&bytes[bad..line_end]);
    let mut excerpt: String = before.chars().skip(skipped).collect();
    excerpt.extend(after.trim_end_matches('\r').chars().take(AROUND));
    let (open, close) = (if skipped > 0 { "…" } else { "" }, if after.chars().count() > AROUND { "…" } else { "" });
    let location = Location { file: shown.to_owned(), line, column, span: 0..0 };
    Diagnostic::error(Code::NotUtf8, format!("`{shown}` is not UTF-8 text"), location)
        .label(format!("byte 0x{:02X} at line {line}, column {column} is not UTF-8", bytes[bad]))
        .help(format!(
            "line {line} reads \"{open}{excerpt}{close}\" (\u{fffd} marks bytes that are not UTF-8): retype the \
             character at column {column}, or save the file as UTF-8"
        ))
}

#[cfg(unix)]
fn other_names(meta: &fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) > 1
}

#[cfg(not(unix))]
fn other_names(_: &fs::Metadata) -> bool {
    false
}

/// `path` below `root`, with `/` between its parts: how files are shown.
fn relative(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_owned();
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A file given to `dossier import`, as read.
#[derive(Debug)]
pub(crate) enum Input {
    /// Its text, shown by its path below the dossier root (else as given).
    File(SourceFile),
    /// Too large, or not UTF-8: why, located at the file.
    Refused(Diagnostic),
    /// No such file.
    Missing,
}

/// Reads a file to import (JSON, from anywhere): the same limits as a
/// content file. Only a failure to read it is an error.
pub(crate) fn input(root: &Path, path: &Path) -> Result<Input> {
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Input::Missing),
        Err(e) => return Err(Error::io("read", path)(e)),
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Usage(format!("`{}` is a folder, not a file to import", path.display())));
        }
        Ok(_) => {}
    }
    Ok(match read(root, path)?.text {
        Ok(file) => Input::File(file),
        Err(problem) => Input::Refused(problem),
    })
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

    /// A file that was not UTF-8 was reported without a line or column.
    #[test]
    fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
        let text = b"title: T
description: caf\xe9 au lait, Kupiansk \xff\n";
        let d = not_utf8("content/site.yaml", text, 25);
        assert_eq!((d.location.line, d.location.column), (2, 17));
        assert_eq!(d.label.as_deref(), Some("byte 0xE9 at line 2, column 17 is not UTF-8"));
        let help = d.help.unwrap();
        assert!(help.starts_with("line 2 reads \"description: caf\u{fffd} au lait, Kupiansk \u{fffd}\""), "{help}");
        let dir = dossier(&[("content/site.yaml", &text[..])]);
        let (_, diagnostics) = load(dir.path()).unwrap();
        assert_eq!((diagnostics[0].location.line, diagnostics[0].location.column), (2, 17));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_link_among_articles_is_reported_once() {
        let outside = tempfile::tempdir().unwrap();
        let dir = dossier(&[("content/site.yaml", b"title: T\n"), ("content/articles/a.md", b"\xff")]);
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/articles/b.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/articles/c")).unwrap();
        let (sources, diagnostics) = load(dir.path()).unwrap();
        let found: Vec<_> = diagnostics.iter().map(|d| (d.code.as_str(), d.location.file.as_str())).collect();
        let expected = [
            ("not-utf8", "content/articles/a.md"),
            ("link-outside", "content/articles/b.md"),
            ("link-outside", "content/articles/c"),
        ];
        assert_eq!(found, expected, "once each, in path order, whichever way each was refused");
        assert_eq!(sources.unreadable, ["content/articles/a.md", "content/articles/b.md"]);
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
