//! Content read once and kept, for a preview: after an edit, only the
//! files the file watcher names are read again. Given every path that
//! changed, what it holds is what [`super::load`] reads now: the same
//! files in the same order, the same refusals in the same order. A
//! dossier with links (symbolic, or files with hard links) is read whole
//! after every change: a linked file changes through its target's path,
//! or its other name, which the watcher names instead.

use std::path::{Path, PathBuf};

use super::{
    Loader, Role, SourceFile, Sources, load_all, missing_site, other_names, place, role, site_missing,
    unreadable_articles,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};

/// A dossier's content as last read.
pub(crate) struct Reader {
    root: PathBuf,
    sources: Sources,
    /// Files refused (too large, not UTF-8, links not followed), with
    /// why, located at their path, in the order of [`place`].
    refused: Vec<Diagnostic>,
    /// A read failed half-way: the next update reads everything.
    stale: bool,
    /// The last full read met a link (symbolic, or hard: a file with other
    /// names): every update reads everything.
    links: bool,
}

impl Reader {
    /// Reads everything below `root`, as [`load`](super::load) does.
    pub(crate) fn new(root: &Path) -> Result<Reader> {
        let mut reader = Reader {
            root: root.to_owned(),
            sources: Sources::default(),
            refused: Vec::new(),
            stale: true,
            links: false,
        };
        reader.update(None)?;
        Ok(reader)
    }

    pub(crate) fn sources(&self) -> &Sources {
        &self.sources
    }

    /// What reading found, as [`load`](super::load) reports it.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.refused.clone();
        if site_missing(&self.root) {
            out.push(missing_site());
        }
        out
    }

    /// Reads again the files at `paths` (below the root, as the watcher
    /// names them: changed, created or removed); `None` reads everything.
    /// A folder among them, or anything unusual, reads everything too.
    pub(crate) fn update(&mut self, paths: Option<&[PathBuf]>) -> Result<()> {
        let content = self.root.join("content");
        if !content.is_dir() {
            return Err(Error::NoContent { path: self.root.clone() });
        }
        match paths {
            Some(paths) if !self.stale && !self.links => {
                self.stale = true;
                for path in paths {
                    if !self.reread(path)? {
                        return self.update(None);
                    }
                }
            }
            _ => {
                let (sources, diagnostics, links) = load_all(&self.root)?;
                self.sources = sources;
                self.links = links;
                self.refused = diagnostics.into_iter().filter(|d| d.code != Code::MissingSite).collect();
            }
        }
        self.sources.unreadable = unreadable_articles(&self.refused);
        self.stale = false;
        Ok(())
    }

    /// Reads one path again; false when only reading everything will do.
    fn reread(&mut self, path: &Path) -> Result<bool> {
        let Ok(relative) = path.strip_prefix(&self.root) else { return Ok(false) };
        if path.is_dir() {
            return Ok(false);
        }
        let shown = shown(relative);
        self.forget(&shown);
        let meta = path.symlink_metadata();
        if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink() || (m.is_file() && other_names(m))) {
            // A new link, or a file with other names (which may be read
            // under one of them, named or not): whatever it leads to, it is
            // found as a full read finds it.
            return Ok(false);
        }
        if super::misnamed(&shown) {
            return Ok(false); // reported as a full read reports it
        }
        let Some(role) = role(&shown) else { return Ok(true) };
        if !meta.is_ok_and(|m| m.is_file()) {
            return Ok(true);
        }
        // Reading one file never looks at where links lead.
        let mut loader = Loader { root: &self.root, canonical: &self.root, diagnostics: Vec::new(), links: false };
        match loader.read(path)? {
            Some(source) => self.insert(role, source),
            None => {
                let why = loader.diagnostics.pop().expect("a refused file is reported");
                let new = place(&why.location.file);
                let at = self.refused.partition_point(|d| place(&d.location.file) < new);
                self.refused.insert(at, why);
            }
        }
        Ok(true)
    }

    /// Drops what was read at `shown` or below it (a removed folder).
    fn forget(&mut self, shown: &str) {
        let below = format!("{shown}/");
        let gone = |p: &str| p == shown || p.starts_with(&below);
        self.sources.site.take_if(|f| gone(&f.path));
        let s = &mut self.sources;
        for files in [&mut s.actors, &mut s.claims, &mut s.articles, &mut s.sidecars] {
            files.retain(|f| !gone(&f.path));
        }
        self.refused.retain(|d| !gone(&d.location.file));
    }

    /// Puts a file where [`load`](super::load) has it: registries in one file first,
    /// then their folder; the rest in the order of a sorted walk (see [`place`]).
    fn insert(&mut self, role: Role, source: SourceFile) {
        let files = match role {
            Role::Site => {
                self.sources.site = Some(source);
                return;
            }
            Role::Actors => &mut self.sources.actors,
            Role::Claims => &mut self.sources.claims,
            Role::Articles => &mut self.sources.articles,
            Role::Sidecars => &mut self.sources.sidecars,
        };
        let new = place(&source.path);
        let at = files.partition_point(|f| place(&f.path) < new);
        files.insert(at, source);
    }
}

/// A path below the root as diagnostics show it: `/` between components.
fn shown(relative: &Path) -> String {
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
