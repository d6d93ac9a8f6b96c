//! The site as the preview holds it: rebuilt from disk after each edit,
//! keeping the last good files when an edit breaks the dossier.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::Report;
use crate::diagnostic;
use crate::error::{Error, Result};
use crate::load::Reader;
pub(super) use crate::render::Files;
use crate::render::{self, Cache, Templates};
use crate::resolve::{Changes, Session};
use crate::theme::Theme;

/// What one build found and did, for the caller to report.
#[derive(Debug)]
#[non_exhaustive]
pub struct Outcome {
    /// The check's diagnostics (none when reading the content failed).
    pub report: Report,
    /// Whether the site was rebuilt, and if not, why.
    pub status: Status,
    /// Check and render, from the first read to the last page.
    pub elapsed: Duration,
}

/// How a build of the preview ended.
#[derive(Debug)]
pub enum Status {
    /// The site was rebuilt: `rendered` of its `pages` pages were rendered
    /// again (the others had the same context as before), and `changed`
    /// files differ from the previous build.
    Built {
        /// The pages of the site.
        pages: usize,
        /// The pages rendered again.
        rendered: usize,
        /// The files (pages and others) whose bytes changed.
        changed: usize,
    },
    /// The content has errors (in the report): the last good site stays.
    ContentErrors,
    /// Reading, the theme or a template failed: the last good site stays.
    Failed(Error),
}

impl Outcome {
    /// What a broken build shows on every page, as plain text.
    pub fn problems(&self) -> Option<String> {
        match &self.status {
            Status::Built { .. } => None,
            Status::ContentErrors => {
                // Only the errors: they are what stops the build, and a file
                // that fails to parse drags in warnings about everything it
                // defined. The terminal has the warnings too.
                let ds = &self.report.diagnostics;
                let errors: Vec<_> = ds.iter().filter(|d| d.is_error()).cloned().collect();
                let text = diagnostic::render_human(&errors, &self.report.sources, false);
                let warnings = if errors.len() < ds.len() { " (warnings in the terminal)" } else { "" };
                Some(format!("{text}{}{warnings}\n", diagnostic::summary(ds)))
            }
            Status::Failed(Error::NoContent { path }) => Some(format!(
                "error: `{}` is gone: the dossier has no content folder; it is read again when it is back\n",
                path.join("content").display()
            )),
            Status::Failed(e) => Some(format!("error: {e}\n")),
        }
    }
}

/// A theme and its parsed templates, kept between builds: parsing the
/// templates costs more than most rebuilds.
struct Loaded {
    name: String,
    theme: Theme,
    templates: Templates,
}

impl Loaded {
    fn new(root: &Path, name: &str) -> Result<Loaded> {
        let theme = Theme::load(root, name)?;
        Ok(Loaded { name: name.to_owned(), templates: Templates::new(&theme)?, theme })
    }
}

/// Rebuilds a dossier in memory, reusing what an edit cannot have changed.
pub(super) struct Preview {
    root: PathBuf,
    theme: Option<Loaded>,
    /// The content as last read (none until it could be).
    reader: Option<Reader>,
    session: Session,
    cache: Cache,
    /// What changed in the dossier since `cache` was last updated: edits
    /// made while the dossier has errors add up until it builds again.
    pending: Option<Changes>,
    /// The site as built, by path below the site root, as `build` would write it.
    files: Arc<Files>,
    /// The path part of `base_url` (`quirks/` for `https://example.org/quirks/`).
    base_path: Option<String>,
}

impl Preview {
    pub(super) fn new(root: PathBuf) -> Preview {
        Preview {
            root,
            theme: None,
            reader: None,
            session: Session::default(),
            cache: Cache::default(),
            pending: None,
            files: Arc::default(),
            base_path: None,
        }
    }

    /// The last good build (empty until there is one).
    pub(super) fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    pub(super) fn base_path(&self) -> Option<&str> {
        self.base_path.as_deref()
    }

    /// Checks and renders the dossier again after the files at `changed`
    /// (absolute paths below the root) changed, created or removed; `None`
    /// when that is not known: then everything is read again, the theme too.
    pub(super) fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Outcome {
        let start = Instant::now();
        let theme_changed = changed.is_none_or(|paths| paths.iter().any(|p| p.starts_with(self.root.join("themes"))));
        let (report, status) = self.run(changed, theme_changed);
        Outcome { report, status, elapsed: start.elapsed() }
    }

    fn run(&mut self, changed: Option<&[PathBuf]>, theme_changed: bool) -> (Report, Status) {
        let checked = match &mut self.reader {
            Some(reader) => crate::recheck(reader, changed, &mut self.session),
            None => Reader::new(&self.root)
                .and_then(|reader| crate::recheck(self.reader.insert(reader), None, &mut self.session)),
        };
        let (report, changes) = match checked {
            Ok(checked) => checked,
            Err(e) => return (Report::default(), Status::Failed(e)),
        };
        let pending = match self.pending.take() {
            Some(earlier) => earlier.then(changes),
            None => changes,
        };
        let pending = self.pending.insert(pending);
        if report.has_errors() {
            return (report, Status::ContentErrors);
        }
        let dossier = self.session.dossier();
        let name = &dossier.site.theme;
        let kept = self.theme.take().filter(|t| !theme_changed && t.name == *name);
        // Cached pages and assets came from the old theme: a new one starts from nothing.
        let fresh = kept.is_none();
        let loaded = match kept {
            Some(loaded) => loaded,
            None => {
                // A theme that fails to load stays unloaded, so the next
                // build tries it again rather than quietly using the previous one.
                self.cache = Cache::default();
                match Loaded::new(&self.root, name) {
                    Ok(loaded) => loaded,
                    Err(e) => return (report, Status::Failed(e)),
                }
            }
        };
        let update = render::update(dossier, &loaded.theme, &loaded.templates, &mut self.cache, pending);
        self.theme = Some(loaded);
        let update = match update {
            Ok(update) => update,
            Err(e) => return (report, Status::Failed(e)),
        };
        self.pending = None;
        let (pages, rendered) = (update.pages, update.rendered);
        let mut files = if fresh { Files::new() } else { (*self.files).clone() };
        let mut changed = update.apply(&mut files);
        if fresh {
            changed = self::changed(&self.files, &files);
        }
        self.files = Arc::new(files);
        self.base_path = dossier.site.base_url.as_deref().map(base_path).filter(|p| !p.is_empty());
        (report, Status::Built { pages, rendered, changed })
    }
}

/// Files added, removed or different.
fn changed(old: &Files, new: &Files) -> usize {
    let differ = new.iter().filter(|(path, bytes)| old.get(*path) != Some(*bytes)).count();
    differ + old.keys().filter(|path| !new.contains_key(*path)).count()
}

/// `https://example.org/quirks/` -> `quirks/`: 404.html links from there.
fn base_path(base_url: &str) -> String {
    crate::routes::base_path(base_url).trim_start_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://example.org/quirks/"), "quirks/");
        assert_eq!(base_path("https://user.github.io/a/b/"), "a/b/");
        assert_eq!(base_path("https://example.org/"), "");
        assert_eq!(base_path("https://example.org"), "");
    }

    #[test]
    fn changed_counts_added_removed_and_different() {
        let file = |b: &[u8]| Arc::new(b.to_vec());
        let old: Files = [("a".into(), file(b"1")), ("b".into(), file(b"2"))].into();
        let new: Files = [("a".into(), file(b"1")), ("c".into(), file(b"3"))].into();
        assert_eq!(changed(&old, &new), 2);
        assert_eq!(changed(&old, &old), 0);
    }
}
