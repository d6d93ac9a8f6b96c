//! dossier turns news articles (Markdown) and YAML annotation sidecars
//! into a linked static website, an annotated dossier: a page for every
//! article, claim and actor, every annotated passage highlighted and
//! linked to its claim.
//!
//! This library is what the `dossier` command runs. Its front door:
//!
//! - [`build`] (and [`build_with`]) checks a dossier and writes its site,
//!   as set by [`BuildOptions`];
//! - [`check`] (and [`check_with`]) only checks it;
//! - [`serve::serve`] previews it in memory while it is edited;
//! - [`new_article`] writes a new article and its sidecar ([`NewArticle`]);
//! - [`import`] adds annotations to the sidecars from W3C Web Annotation
//!   or Hypothesis JSON ([`ImportOptions`], [`Imported`]);
//! - [`init`] writes a new dossier ([`NewDossier`]); [`new_claim`] and
//!   [`new_actor`] add an entry to a registry ([`NewClaim`], [`NewActor`]);
//!   [`write_schemas`] writes the JSON Schemas of the content format;
//! - each returns a [`Report`]: every [`Diagnostic`] found, which it
//!   renders as `dossier` prints them (for people, as JSON, as GitHub
//!   annotations);
//! - [`progress`] lets the caller show how a long build goes: the library
//!   never prints.
//!
//! Failures that stop a run (I/O, themes, an unsafe output folder) are an
//! [`Error`]; problems in the content are diagnostics in the report.
//!
//! ```no_run
//! use dossier::BuildOptions;
//!
//! let options = BuildOptions::new("path/to/dossier").with_output("site");
//! let report = dossier::build(&options)?;
//! eprint!("{}", report.render_human(false));
//! if report.has_errors() {
//!     eprintln!("{}; nothing was written", report.summary());
//! } else {
//!     eprintln!("wrote {} files", report.written);
//! }
//! # Ok::<(), dossier::Error>(())
//! ```
//!
//! Inside, the pipeline is `load` → `resolve` → `render` → `write`; see
//! ARCHITECTURE.md for the map and the invariants.

#![warn(missing_docs)]
#![warn(unreachable_pub)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

// Everything below the front door is crate-private (`unreachable_pub`
// keeps items inside from claiming more).
mod anchor;
mod diagnostic;
mod error;
mod escape;
mod export;
mod fix;
mod highlight;
mod import;
mod load;
mod markdown;
mod model;
mod output;
pub mod progress;
mod publish;
mod render;
mod resolve;
mod routes;
mod scaffold;
mod search;
pub mod serve;
mod sidecar;
mod suggest;
mod text_fragment;
mod theme;
mod view;
mod write;
mod xref;

use std::path::{Path, PathBuf};

use std::time::Instant;

pub use diagnostic::{Code, Diagnostic, Fix, Location, Severity, SourceMap};
pub use error::{Error, Result};
pub use fix::{Applied, FixOptions};
use progress::{Progress, Stage};
pub use scaffold::NewArticle;
pub use scaffold::entry::{NewActor, NewClaim};
pub use scaffold::init::NewDossier;

/// What a [`check`] or [`build`] found, for the caller to print.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Report {
    /// Every problem in the content: root causes (files that cannot be
    /// read, YAML that cannot be parsed) first, then by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of the content files the diagnostics point at, to show
    /// them in context.
    pub sources: SourceMap,
    /// Files written; none when the build stopped on errors.
    pub written: usize,
}

impl Report {
    /// Whether a diagnostic is an error: the site was not built.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many errors and warnings, e.g. "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        diagnostic::summary(&self.diagnostics)
    }

    /// The diagnostics as rustc shows its own: each with its file, line and
    /// column, the line with a caret under the problem, notes and help; in
    /// colour for a terminal if `color`. Text from the content is escaped,
    /// so it cannot drive the terminal.
    pub fn render_human(&self, color: bool) -> String {
        diagnostic::render_human(&self.diagnostics, &self.sources, color)
    }

    /// The diagnostics as JSON (`dossier check --format json`), for scripts.
    pub fn render_json(&self) -> String {
        diagnostic::render_json(&self.diagnostics, &self.sources)
    }

    /// The diagnostics as GitHub Actions workflow commands
    /// (`--format github`): each shown on its line in a pull request.
    pub fn render_github(&self) -> String {
        diagnostic::render_github(&self.diagnostics)
    }
}

/// What `check --fix` did, and what is left.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct FixReport {
    /// The fixes, by file, line and column.
    pub applied: Vec<fix::Applied>,
    /// The changes as a unified diff (`--- a/file`, `+++ b/file`), for
    /// every file a fix changes.
    pub diff: String,
    /// Every problem the dossier has after the fixes.
    pub remaining: Report,
}

/// Where a dossier is and where its site goes: [`BuildOptions::new`] and
/// the `with_` methods, or set the fields.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct BuildOptions {
    /// The dossier: it holds `content/` and, if it has its own, `themes/`.
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml for this build.
    pub base_url: Option<String>,
    /// Warnings stop the build too: nothing is written.
    pub deny_warnings: bool,
}

impl BuildOptions {
    /// Builds the dossier at `root` into `<root>/public`, with the
    /// `base_url` of its site.yaml; warnings do not stop it.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions { root: root.into(), output: None, base_url: None, deny_warnings: false }
    }

    /// Writes the site to `output` instead of `<root>/public`.
    pub fn with_output(mut self, output: impl Into<PathBuf>) -> BuildOptions {
        self.output = Some(output.into());
        self
    }

    /// Builds for `base_url` (an absolute http(s) URL) instead of the one
    /// in site.yaml.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> BuildOptions {
        self.base_url = Some(base_url.into());
        self
    }

    /// Whether warnings stop the build too.
    pub fn with_deny_warnings(mut self, deny_warnings: bool) -> BuildOptions {
        self.deny_warnings = deny_warnings;
        self
    }
}

/// Loads and resolves the dossier at `root`: every problem, nothing written.
pub fn check(root: &Path) -> Result<Report> {
    check_with(root, &progress::Silent)
}

/// [`check`], telling `progress` how it goes.
pub fn check_with(root: &Path, progress: &dyn Progress) -> Result<Report> {
    check_dossier(root, progress).map(|(_, report)| report)
}

/// [`check_with`], keeping the resolved dossier to render it.
pub(crate) fn check_dossier(root: &Path, progress: &dyn Progress) -> Result<(model::Dossier, Report)> {
    let started = Instant::now();
    progress.start(Stage::Load, None);
    let (sources, mut diagnostics) = load::load(root)?;
    progress.end(Stage::Load, sources.len(), started.elapsed());
    let started = Instant::now();
    progress.start(Stage::Resolve, None);
    let (dossier, more) = resolve::resolve(&sources);
    progress.end(Stage::Resolve, dossier.articles.len(), started.elapsed());
    diagnostics.extend(more);
    diagnostic::fold_cascades(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    let sources = sources.into_sources_of(&diagnostics);
    Ok((dossier, Report { diagnostics, sources, written: 0 }))
}

/// [`check`] again after an edit, for a preview: `reader` holds the content
/// last read and reads again the files at `changed` (all of them when
/// `None`); `session` holds the dossier last resolved and resolves again
/// only the articles whose files changed. Also says what changed in the
/// dossier.
pub(crate) fn recheck(
    reader: &mut load::Reader,
    changed: Option<&[PathBuf]>,
    session: &mut resolve::Session,
) -> Result<(Report, resolve::Changes)> {
    reader.update(changed)?;
    let sources = reader.sources();
    let (more, changes) = session.update(sources);
    let mut diagnostics = reader.diagnostics();
    diagnostics.extend(more);
    diagnostic::fold_cascades(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    let sources = sources.sources_of(&diagnostics);
    Ok((Report { diagnostics, sources, written: 0 }, changes))
}

/// Applies the fixes that are safe to apply mechanically (`dossier check
/// --fix`): each diagnostic's [`Fix`], only the bytes it names; writes the
/// files it changes, unless [`FixOptions::dry_run`]; then checks the
/// fixed dossier again and reports what remains.
pub fn fix(root: &Path, options: &FixOptions) -> Result<FixReport> {
    let (mut sources, load_diagnostics) = load::load(root)?;
    // What folds away with an unreadable registry is not fixed either: the
    // id it would rename may be defined in the part that was not read.
    let mut found = load_diagnostics.clone();
    found.extend(resolve::resolve(&sources).1);
    diagnostic::fold_cascades(&mut found);
    let plan = fix::plan(&found);
    let mut applied = Vec::new();
    let mut changed = Vec::new();
    let mut diff = String::new();
    for file in sources.files_mut() {
        let Some(fixes) = plan.get(&file.path) else { continue };
        let new = fix::apply(&file.text, &fixes.iter().map(|(f, _)| *f).collect::<Vec<_>>());
        if new == file.text {
            continue;
        }
        applied.extend(fixes.iter().map(|(f, d)| fix::Applied {
            location: d.location.clone(),
            code: d.code,
            description: f.description.clone(),
        }));
        diff.push_str(&fix::diff(&file.path, &file.text, &new));
        changed.push((file.path.clone(), new.clone()));
        file.text = new;
    }
    if !options.dry_run {
        write::replace_fixed(root, &changed)?;
    }
    let (_, more) = resolve::resolve(&sources);
    let mut diagnostics = load_diagnostics;
    diagnostics.extend(more);
    diagnostic::fold_cascades(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    let remaining = Report { sources: sources.into_sources_of(&diagnostics), diagnostics, written: 0 };
    Ok(FixReport { applied, diff, remaining })
}

/// Writes a new article and its commented sidecar to
/// `<root>/content/articles/` (`dossier new article`); returns their paths.
/// Refuses to overwrite either file. The sidecar's commented example names
/// the dossier's first claim, when it has one.
pub fn new_article(root: &Path, new: &NewArticle) -> Result<Vec<PathBuf>> {
    let id = new.id.as_ref().ok_or_else(|| Error::Usage("a new article needs an id".to_owned()))?;
    let claims = match load::load(root) {
        Ok((sources, _)) => scaffold::entry::defined(&sources, scaffold::entry::Registry::Claims).unwrap_or_default(),
        Err(_) => scaffold::entry::Defined::new(),
    };
    let first = claims.keys().next().map(String::as_str);
    let dir = root.join("content/articles");
    let files = [
        (dir.join(format!("{id}.md")), scaffold::article(new)),
        (dir.join(format!("{id}.yaml")), scaffold::sidecar(first)),
    ];
    write::create_new(&files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// What to import into which dossier: [`ImportOptions::new`] and the
/// `with_` methods, or set the fields.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ImportOptions {
    /// The dossier: its sidecars get the annotations.
    pub root: PathBuf,
    /// The files to import: W3C Web Annotation JSON-LD (an annotation, a
    /// page, or a collection with its pages beside it) or Hypothesis API
    /// JSON (a search result, or a list of annotations).
    pub files: Vec<PathBuf>,
    /// The address the site's own annotations were exported under, if not
    /// the `base_url` of its site.yaml: its article pages are recognised
    /// under it.
    pub base_url: Option<String>,
}

impl ImportOptions {
    /// Imports `files` into the dossier at `root`, recognising the site's
    /// pages under the `base_url` of its site.yaml.
    pub fn new(root: impl Into<PathBuf>, files: impl IntoIterator<Item = impl Into<PathBuf>>) -> ImportOptions {
        ImportOptions { root: root.into(), files: files.into_iter().map(Into::into).collect(), base_url: None }
    }

    /// Recognises the site's pages under `base_url` (an absolute http(s)
    /// URL) instead of the one in site.yaml.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> ImportOptions {
        self.base_url = Some(base_url.into());
        self
    }
}

/// What an [`import`] did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Imported {
    /// What could not be imported, and why; or, if the dossier has content
    /// errors, those (then nothing was imported). `written` counts the
    /// sidecars written.
    pub report: Report,
    /// Annotations added, in all.
    pub annotations: usize,
    /// The sidecars written (created or appended to), relative to the root.
    pub sidecars: Vec<String>,
}

/// Adds the annotations of `options.files` to the sidecars of their
/// articles (`dossier import`). Each is mapped to its article by address,
/// its claim and actors checked, its quote anchored as `check` anchors
/// it; what cannot be is reported and left out, the others are appended.
/// Sidecars keep every byte they had; an annotation whose id a sidecar
/// has already is skipped, so importing a file again adds nothing. A
/// dossier with content errors is not imported into.
pub fn import(options: &ImportOptions) -> Result<Imported> {
    if options.files.is_empty() {
        return Err(Error::Usage("nothing to import: name the JSON files to import".to_owned()));
    }
    let base_url = options.base_url.as_deref().map(|url| {
        resolve::url::base(url).map_err(|problem| {
            Error::Usage(format!(
                "--base-url `{}` is not an absolute http(s) URL: {problem}; e.g. https://user.github.io/repo/",
                url.escape_debug()
            ))
        })
    });
    let base_url = base_url.transpose()?;
    let (sources, mut diagnostics) = load::load(&options.root)?;
    let (mut dossier, more) = resolve::resolve(&sources);
    diagnostics.extend(more);
    if diagnostics.iter().any(Diagnostic::is_error) {
        diagnostic::sort(&mut diagnostics);
        let sources = sources.into_sources_of(&diagnostics);
        return Ok(Imported { report: Report { diagnostics, sources, written: 0 }, ..Imported::default() });
    }
    if base_url.is_some() {
        dossier.site.base_url = base_url;
    }
    let plan = import::plan(&dossier, &sources, &options.files, &mut |path| load::input(&options.root, path))?;
    let mut imported = Imported::default();
    for sidecar in &plan.sidecars {
        write::sidecar(&options.root.join(&sidecar.path), sidecar.before.as_deref(), &sidecar.text)?;
        imported.annotations += sidecar.added;
        imported.sidecars.push(sidecar.path.clone());
    }
    let mut shown = sources.into_sources_of(&plan.diagnostics);
    shown.extend(plan.inputs.into_iter().map(|f| (f.path, f.text)));
    let written = imported.sidecars.len();
    imported.report = Report { diagnostics: plan.diagnostics, sources: shown, written };
    Ok(imported)
}

/// Writes a new dossier into `new.dir`, which must be missing or empty
/// (`dossier init`): `content/` with `site.yaml`, the registries and, unless
/// left out, an example article with its sidecar; `.gitignore`; and the
/// JSON Schemas in `schemas/`. Returns the paths written. It passes
/// [`check`] and [`build`]s.
pub fn init(new: &NewDossier) -> Result<Vec<PathBuf>> {
    write::create_in_empty(&new.dir, &scaffold::init::files(new))
}

/// Adds a claim to the dossier at `root` (`dossier new claim`): to
/// `content/claims.yaml` if it exists, else to the last file of
/// `content/claims/` in path order, else to a new `content/claims.yaml`.
/// The file's text is kept byte for byte and the entry written in its
/// indentation. Refused, naming every problem, if the id is taken or
/// invalid, a value breaks `check`'s rules, or a registry has errors.
/// Returns the path written.
pub fn new_claim(root: &Path, new: &NewClaim) -> Result<PathBuf> {
    use scaffold::entry::{Registry, claim, defined};
    let (sources, _) = load::load(root)?;
    let actors = defined(&sources, Registry::Actors).map_err(Error::Usage)?;
    let claims = defined(&sources, Registry::Claims).map_err(Error::Usage)?;
    let entry = claim(new, &actors, &claims).map_err(|p| Error::Usage(p.join("\n")))?;
    add_entry(root, &sources, Registry::Claims, &entry)
}

/// Adds an actor to the dossier at `root` (`dossier new actor`), as
/// [`new_claim`] adds a claim: to `content/actors.yaml`, else to the last
/// file of `content/actors/`, else to a new `content/actors.yaml`.
pub fn new_actor(root: &Path, new: &NewActor) -> Result<PathBuf> {
    use scaffold::entry::{Registry, actor, defined};
    let (sources, _) = load::load(root)?;
    let actors = defined(&sources, Registry::Actors).map_err(Error::Usage)?;
    let entry = actor(new, &actors).map_err(|p| Error::Usage(p.join("\n")))?;
    add_entry(root, &sources, Registry::Actors, &entry)
}

fn add_entry(
    root: &Path,
    sources: &load::Sources,
    registry: scaffold::entry::Registry,
    entry: &scaffold::append::Entry,
) -> Result<PathBuf> {
    let change = scaffold::entry::add(sources, registry, entry).map_err(Error::Usage)?;
    let path = root.join(&change.path);
    match change.before {
        Some(_) => write::replace_text(&path, &change.after)?,
        None => write::create_new(&[(path.clone(), change.after)])?,
    }
    Ok(path)
}

/// Writes the JSON Schemas (draft 2020-12) of the content format into
/// `dir` (`dossier schema`), replacing older copies: `site.schema.json`,
/// `actors.schema.json` and `claims.schema.json` (for a registry's file
/// and its folder's files alike), `sidecar.schema.json` and
/// `front-matter.schema.json`. Returns the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>> {
    let files: Vec<(PathBuf, String)> =
        sidecar::schema::all().into_iter().map(|(name, text)| (dir.join(name), text)).collect();
    write::write_all(&files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Checks, renders and writes the site. On content errors (or warnings,
/// with [`BuildOptions::deny_warnings`]) nothing is written and the
/// previous output stays as it was; the report says why.
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
    let (mut dossier, mut report) = check_dossier(&options.root, progress)?;
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
