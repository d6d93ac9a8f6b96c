//! `dossier import`: annotations from W3C Web Annotation JSON-LD
//! (`w3c.rs`: an annotation, a page, a collection with its pages beside
//! it; the site's own `data/annotations.jsonld` among them) and from
//! Hypothesis API JSON (`hypothesis.rs`), mapped to sidecar entries by
//! the dossier's rules (`map.rs`) and appended to the sidecars
//! (`append.rs`). Pure: files are read through the function the caller
//! gives, and what to write is returned.

// A diagnostic per annotation at most, made once: its size does not matter.
#![allow(clippy::result_large_err)]

mod append;
mod hypothesis;
mod json;
mod map;
mod w3c;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{self, Code, Diagnostic, Location};
use crate::error::{Error, Result};
use crate::load::{Input, SourceFile, Sources};
use crate::model::{Dossier, Id};
use crate::sidecar::Src;
use json::Placed;
use map::{Mapped, Wanted};
use w3c::Shape;

/// Pages of one collection read at most: far more than an export has
/// (1,000 annotations each), and a stop to a chain of pages that loops.
const MAX_PAGES: usize = 100_000;

/// Reads a file to import (from the disk, for `dossier import`).
pub(crate) type ReadFile<'r> = dyn FnMut(&Path) -> Result<Input> + 'r;

/// What an import does: the sidecars to write, and what it reports.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Every problem, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, to show the diagnostics in them.
    pub inputs: Vec<SourceFile>,
    pub sidecars: Vec<SidecarWrite>,
}

/// A sidecar to write.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SidecarWrite {
    /// Relative to the dossier root, with `/`.
    pub path: String,
    /// What it holds now; `None`: it is new.
    pub before: Option<String>,
    pub text: String,
    /// Annotations added.
    pub added: usize,
}

/// Where an annotation comes from, which decides its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    W3c,
    Hypothesis,
}

/// A W3C TextQuoteSelector (Hypothesis writes the same).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct QuoteSelector {
    exact: String,
    prefix: Option<String>,
    suffix: Option<String>,
}

/// What import reads of an annotation, either format.
#[derive(Clone, Debug, Default)]
struct Read {
    id: Option<String>,
    /// The page that shows the text (W3C `scope`).
    scope: Option<String>,
    source: Option<String>,
    quote: Option<QuoteSelector>,
    tags: Vec<String>,
    /// Resources the annotation links to (a claim's page).
    links: Vec<String>,
    note: Option<String>,
    translation: Option<String>,
}

/// An annotation read from a file, with its place there.
struct Incoming<'a> {
    place: Placed<'a>,
    origin: Origin,
    read: Read,
}

/// A file read, and whether it is a page of a collection read before it.
struct Loaded {
    file: SourceFile,
    page: bool,
}

/// Reads `files` (and the pages of collections), maps every annotation in
/// them to its article's sidecar, and says what to write and what cannot
/// be imported. `dossier` is resolved from `sources`, without errors.
pub(crate) fn plan(dossier: &Dossier, sources: &Sources, files: &[PathBuf], read: &mut ReadFile<'_>) -> Result<Plan> {
    let (loaded, mut diagnostics) = gather(files, read)?;
    let mut site = map::Site::new(dossier, sources);
    let mut by_article: BTreeMap<Id, Vec<Mapped<'_>>> = BTreeMap::new();
    for file in &loaded {
        for incoming in annotations(file, &mut diagnostics) {
            match site.map(incoming) {
                Ok(mapped) => by_article.entry(mapped.article.clone()).or_default().push(mapped),
                Err(problems) => diagnostics.extend(problems),
            }
        }
    }
    let mut sidecars = Vec::new();
    for (article, mapped) in by_article {
        let Some(md) = dossier.articles.get(&article) else { continue };
        let stem = md.source_path.rsplit_once('.').map_or(md.source_path.as_str(), |(stem, _)| stem);
        let existing = sources.sidecars.iter().find(|s| s.path.rsplit_once('.').is_some_and(|(s, _)| s == stem));
        let path = existing.map_or_else(|| format!("{stem}.yaml"), |s| s.path.clone());
        let entries = ids(&path, existing, mapped, &mut diagnostics);
        if entries.is_empty() {
            continue;
        }
        let before = existing.map(|s| s.text.clone());
        match append::append(&path, before.as_deref(), &entries) {
            Ok(text) => sidecars.push(SidecarWrite { path, before, text, added: entries.len() }),
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostic::sort(&mut diagnostics);
    Ok(Plan { diagnostics, inputs: loaded.into_iter().map(|l| l.file).collect(), sidecars })
}

/// Each annotation's id in its sidecar: its own, or one made from its
/// source's id, unique among those imported; an id the sidecar has, or
/// that this import gave already, is reported and the annotation skipped.
fn ids(
    path: &str,
    sidecar: Option<&SourceFile>,
    mapped: Vec<Mapped<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Id, map::Entry)> {
    let mut existing: BTreeMap<String, Location> = BTreeMap::new();
    if let Some(sidecar) = sidecar {
        let src = Src::whole(&sidecar.path, &sidecar.text);
        for (src, a) in src.parse_sidecar().0 {
            existing.entry(a.id.value.clone()).or_insert_with(|| src.at(&a.id));
        }
    }
    // Ids given by this import: the key they were made from, and where.
    let mut given: BTreeMap<Id, (Option<String>, Location)> = BTreeMap::new();
    let mut entries = Vec::new();
    for m in mapped {
        let (id, key) = match &m.wanted {
            Wanted::Own(id) => (id.clone(), None),
            Wanted::Derived { slug, key } => (unique(slug, key, &given), Some(key.clone())),
        };
        let here = m.place.at();
        let earlier = given.get(&id).map(|(_, at)| at.clone());
        if let Some(first) = earlier {
            let d = Diagnostic::warning(
                Code::ImportExistingId,
                format!("the annotation `{id}` is imported twice; skipped the second time"),
                here,
            )
            .label("imported already")
            .note(first, "imported here");
            diagnostics
                .push(d.help("import each annotation once: a page and its collection hold the same annotations"));
            continue;
        }
        given.insert(id.clone(), (key, here.clone()));
        if let Some(there) = existing.get(id.as_str()) {
            let d = Diagnostic::warning(
                Code::ImportExistingId,
                format!("`{path}` has an annotation `{id}` already; skipped"),
                here,
            )
            .label("not imported")
            .note(there.clone(), "the annotation with this id")
            .help("import never replaces an annotation: to import this one again, remove or rename the one in the sidecar");
            diagnostics.push(d);
            continue;
        }
        entries.push((id, m.entry));
    }
    entries
}

/// `slug`, else `slug-2`, `slug-3`, …: the first that this import has not
/// given to an annotation made from another key (the same key is the same
/// annotation).
fn unique(slug: &str, key: &str, given: &BTreeMap<Id, (Option<String>, Location)>) -> Id {
    (1..)
        .filter_map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            let room = crate::model::MAX_ID_LEN - suffix.len();
            let base: String = slug.chars().take(room).collect();
            Id::parse(&format!("{}{suffix}", base.trim_end_matches('-'))).ok()
        })
        .find(|id| given.get(id).is_none_or(|(k, _)| k.as_deref() == Some(key)))
        .expect("some suffix is free")
}

/// Reads every file given, and the pages of each collection among them.
fn gather(files: &[PathBuf], read: &mut ReadFile<'_>) -> Result<(Vec<Loaded>, Vec<Diagnostic>)> {
    let (mut loaded, mut diagnostics) = (Vec::new(), Vec::new());
    for path in files {
        let file = match read(path)? {
            Input::File(file) => file,
            Input::Refused(d) => {
                diagnostics.push(d);
                continue;
            }
            Input::Missing => {
                let source = std::io::Error::from(std::io::ErrorKind::NotFound);
                return Err(Error::Io { action: "read", path: path.clone(), source });
            }
        };
        let pages = pages(&file, path, read, &mut diagnostics)?;
        loaded.push(Loaded { file, page: false });
        loaded.extend(pages.into_iter().map(|file| Loaded { file, page: true }));
    }
    Ok((loaded, diagnostics))
}

/// The pages of a collection, read from the files beside it: a page whose
/// address is under the collection's folder is the file at the same
/// place under the folder of the collection's file.
fn pages(
    collection: &SourceFile,
    path: &Path,
    read: &mut ReadFile<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<SourceFile>> {
    let Ok(value) = serde_json::from_str::<Value>(&collection.text) else { return Ok(Vec::new()) };
    if w3c::shape(&value) != Shape::Collection {
        return Ok(Vec::new());
    }
    let own = w3c::id(&value).unwrap_or_default().to_owned();
    let mut next = match value.get("first") {
        Some(Value::Object(first)) => w3c::link(first.get("next")).map(str::to_owned),
        first => w3c::link(first).map(str::to_owned),
    };
    let (mut pages, mut seen): (Vec<SourceFile>, BTreeSet<String>) = (Vec::new(), BTreeSet::new());
    while let Some(url) = next.take() {
        let namer = pages.last().unwrap_or(collection);
        let missing = |why: String| {
            Diagnostic::error(Code::ImportShape, format!("the collection's page `{}` {why}", url.escape_debug()), {
                json::find(namer, &url)
            })
            .help("a collection's pages are read from the files beside it, as the site's `data/` has them: keep them together, or import each page file")
        };
        if !seen.insert(url.clone()) || seen.len() > MAX_PAGES {
            diagnostics.push(missing("comes again: the pages loop".into()));
            break;
        }
        let Some(relative) = beside(&own, &url) else {
            diagnostics
                .push(missing(format!("is not under the collection's folder (its `id` is `{}`)", own.escape_debug())));
            break;
        };
        let file_path = relative.iter().fold(path.parent().unwrap_or(Path::new("")).to_path_buf(), |p, s| p.join(s));
        let page = match read(&file_path)? {
            Input::File(page) => page,
            Input::Refused(d) => {
                diagnostics.push(d);
                break;
            }
            Input::Missing => {
                diagnostics.push(missing(format!("is not beside it: there is no `{}`", file_path.display())));
                break;
            }
        };
        next = serde_json::from_str::<Value>(&page.text).ok().and_then(|v| w3c::link(v.get("next")).map(str::to_owned));
        pages.push(page);
    }
    Ok(pages)
}

/// The path segments of `page` below the folder of the collection's
/// address `collection`; `None` unless it is plainly under it.
fn beside(collection: &str, page: &str) -> Option<Vec<String>> {
    let folder = &collection[..=collection.rfind('/')?];
    let relative = page.strip_prefix(folder)?;
    let segments: Vec<String> = relative.split('/').map(str::to_owned).collect();
    let plain = |s: &String| !s.is_empty() && s != "." && s != ".." && !s.contains(['?', '#', '\\', ':']);
    segments.iter().all(plain).then_some(segments)
}

/// Every annotation of a file, in order; what is not one is reported.
fn annotations<'a>(loaded: &'a Loaded, diagnostics: &mut Vec<Diagnostic>) -> Vec<Incoming<'a>> {
    let whole = match Placed::whole(&loaded.file) {
        Ok(whole) => whole,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let shape = w3c::shape(&whole.value);
    let items = match (&whole.value, shape) {
        (Value::Array(_), _) if !loaded.page => whole.items(None),
        (Value::Object(o), Shape::Other) if !loaded.page && o.get("rows").is_some_and(Value::is_array) => {
            whole.items(Some("rows"))
        }
        (_, Shape::Page) => whole.items(Some("items")).or(Some(Vec::new())),
        (_, Shape::Collection) if !loaded.page => {
            Some(whole.field("first").and_then(|first| first.items(Some("items"))).unwrap_or_default())
        }
        (_, Shape::Annotation) if !loaded.page => Some(vec![whole.clone()]),
        (value, Shape::Other) if !loaded.page && hypothesis::is_row(value) => Some(vec![whole.clone()]),
        _ => None,
    };
    let Some(items) = items else {
        diagnostics.push(unknown(&whole, loaded.page));
        return Vec::new();
    };
    let mut incoming = Vec::new();
    for item in items {
        match w3c::shape(&item.value) {
            Shape::Annotation => incoming.push(w3c::annotation(item)),
            _ if hypothesis::is_row(&item.value) => incoming.push(hypothesis::row(item)),
            _ => diagnostics.push(unknown(&item, false)),
        }
    }
    incoming
}

fn unknown(place: &Placed<'_>, page: bool) -> Diagnostic {
    let message = if page {
        "this file is not an AnnotationPage, as a collection's page must be".to_owned()
    } else {
        "this is not an annotation, or a file of them, that import reads".to_owned()
    };
    Diagnostic::error(Code::ImportShape, message, place.at())
        .label("not a W3C Annotation, AnnotationPage or AnnotationCollection, nor a Hypothesis annotation")
        .help("import reads a W3C Web Annotation (`\"type\": \"Annotation\"`), a page (`AnnotationPage`) or collection (`AnnotationCollection`) of them, a Hypothesis search result (`rows`), or a list of annotations; see docs/import.md")
}

#[cfg(test)]
mod tests;
