//! dossier: turns news articles (Markdown) and YAML annotation sidecars
//! into a linked static website, an annotated dossier.
//!
//! The pipeline is `load` → `resolve` → `render` → `write`; see
//! ARCHITECTURE.md for the map and the invariants.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod anchor;
pub mod diagnostic;
pub mod error;
pub mod escape;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod publish;
pub mod render;
pub mod resolve;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sidecar;
pub mod suggest;
pub mod theme;
pub mod view;
pub mod write;
pub mod xref;

use std::path::{Path, PathBuf};

use std::time::Instant;

use diagnostic::{Diagnostic, SourceMap};
pub use error::{Error, Result};
use progress::{Progress, Stage};

/// What a `check` or `build` found, for the caller to print.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// The text of the content files the diagnostics point at, to show
    /// them in context.
    pub sources: SourceMap,
    /// Files written; none when the build stopped on errors.
    pub written: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Where a dossier is and where its site goes.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml for this build.
    pub base_url: Option<String>,
    /// Warnings stop the build too: nothing is written.
    pub deny_warnings: bool,
}

/// Loads and resolves the dossier: every problem, nothing written.
pub fn check(root: &Path) -> Result<(model::Dossier, Report)> {
    check_with(root, &progress::Silent)
}

/// [`check`], telling `progress` how it goes.
pub fn check_with(root: &Path, progress: &dyn Progress) -> Result<(model::Dossier, Report)> {
    let started = Instant::now();
    progress.start(Stage::Load, None);
    let (sources, mut diagnostics) = load::load(root)?;
    progress.end(Stage::Load, sources.len(), started.elapsed());
    let started = Instant::now();
    progress.start(Stage::Resolve, None);
    let (dossier, more) = resolve::resolve(&sources);
    progress.end(Stage::Resolve, dossier.articles.len(), started.elapsed());
    diagnostics.extend(more);
    diagnostic::sort(&mut diagnostics);
    let sources = sources.into_sources_of(&diagnostics);
    Ok((dossier, Report { diagnostics, sources, written: 0 }))
}

/// [`check`] again, for a preview: `reader` holds the content last read and
/// reads again the files at `changed` (all of them when `None`); `session`
/// holds the dossier last resolved and resolves again only the articles
/// whose files changed. Also says what changed in the dossier.
pub fn check_again(
    reader: &mut load::Reader,
    changed: Option<&[PathBuf]>,
    session: &mut resolve::Session,
) -> Result<(Report, resolve::Changes)> {
    reader.update(changed)?;
    let sources = reader.sources();
    let (more, changes) = session.update(sources);
    let mut diagnostics = reader.diagnostics();
    diagnostics.extend(more);
    diagnostic::sort(&mut diagnostics);
    let sources = sources.sources_of(&diagnostics);
    Ok((Report { diagnostics, sources, written: 0 }, changes))
}

/// Writes a new article and its sidecar to `<root>/content/articles/`;
/// returns their paths. Refuses to overwrite either file.
pub fn new_article(root: &Path, new: &scaffold::NewArticle) -> Result<Vec<PathBuf>> {
    let id = new.id.as_ref().ok_or_else(|| Error::Usage("a new article needs an id".to_owned()))?;
    let dir = root.join("content/articles");
    let files =
        [(dir.join(format!("{id}.md")), scaffold::article(new)), (dir.join(format!("{id}.yaml")), scaffold::sidecar())];
    write::create_new(&files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Checks, renders and writes the site. On content errors nothing is
/// written and the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<Report> {
    build_with(options, &progress::Silent)
}

/// [`build`], telling `progress` how it goes.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Result<Report> {
    let base_url = match &options.base_url {
        Some(url) => Some(resolve::url::base(url).map_err(|problem| {
            Error::Usage(format!(
                "--base-url `{}` is not an absolute http(s) URL: {problem}; e.g. https://user.github.io/repo/",
                url.escape_debug()
            ))
        })?),
        None => None,
    };
    let (mut dossier, mut report) = check_with(&options.root, progress)?;
    if report.has_errors() || (options.deny_warnings && !report.diagnostics.is_empty()) {
        return Ok(report);
    }
    if base_url.is_some() {
        dossier.site.base_url = base_url;
    }
    let theme = theme::Theme::load(&options.root, &dossier.site.theme)?;
    let output = options.output.clone().unwrap_or_else(|| options.root.join("public"));
    let staging = write::Staging::begin(&write::Target { output: &output, root: &options.root })?;
    let started = Instant::now();
    report.written = render::site_into(&dossier, &theme, progress, &|file| {
        // Steps count pages (the bar's total); the few other files are
        // the publishing files, the search index and the theme's assets.
        let page = file.path.ends_with(".html");
        staging.put(file)?;
        if page {
            progress.step();
        }
        Ok(())
    })?;
    staging.commit()?;
    progress.end(Stage::Render, report.written, started.elapsed());
    Ok(report)
}
