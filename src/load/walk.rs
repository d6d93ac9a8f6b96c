//! Finding files in the dossier by one rule for symbolic links: a link that
//! stays inside the dossier's folder is followed, as if what it points at
//! were there; a link that leads outside it, nowhere, or back into a folder
//! that holds it is not followed, and is reported. Content and themes are
//! both found this way.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Why a link is not followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It leads outside the dossier's folder.
    Outside,
    /// What it points at does not exist (or cannot be reached).
    Broken,
    /// It leads back into a folder that holds it.
    Loop,
}

/// A link that is not followed: why, and what it says it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BadLink {
    pub refusal: Refusal,
    /// The link's target as written in it.
    pub target: PathBuf,
    /// It points at a folder (so it matters whatever its name).
    pub to_folder: bool,
}

impl BadLink {
    /// "a symbolic link to `/usr/share`, outside the dossier".
    pub(crate) fn describe(&self) -> String {
        let target = self.target.display();
        match self.refusal {
            Refusal::Outside => format!("a symbolic link to `{target}`, outside the dossier"),
            Refusal::Broken => format!("a symbolic link to `{target}`, which does not exist"),
            Refusal::Loop => format!("a symbolic link to `{target}`, a folder that contains it"),
        }
    }
}

/// What a path is, links followed by the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    Missing,
    File,
    Folder,
    /// Something else (a socket, a device).
    Other,
    Refused(BadLink),
}

/// What `path` is, and whether it is itself a link. `root` is the
/// dossier's folder, canonical.
pub(crate) fn inspect(root: &Path, path: &Path) -> (Found, bool) {
    let Ok(meta) = path.symlink_metadata() else { return (Found::Missing, false) };
    if !meta.file_type().is_symlink() {
        return (kind(&meta), false);
    }
    let target = fs::read_link(path).unwrap_or_default();
    let refused = |refusal, to_folder| (Found::Refused(BadLink { refusal, target: target.clone(), to_folder }), true);
    let Ok(resolved) = fs::canonicalize(path) else { return refused(Refusal::Broken, false) };
    let Ok(meta) = fs::metadata(&resolved) else { return refused(Refusal::Broken, false) };
    if !resolved.starts_with(root) {
        return refused(Refusal::Outside, meta.is_dir());
    }
    (kind(&meta), true)
}

fn kind(meta: &fs::Metadata) -> Found {
    if meta.is_file() {
        Found::File
    } else if meta.is_dir() {
        Found::Folder
    } else {
        Found::Other
    }
}

/// The files below a folder, in the order of a walk sorted by name.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Wanted files, by the path they were found at (a link's own path).
    pub files: Vec<PathBuf>,
    /// Links not followed that matter: named like a wanted file, or
    /// pointing at a folder.
    pub refused: Vec<(PathBuf, BadLink)>,
    /// Any link was met, followed or not.
    pub links: bool,
}

/// Walks `dir` (which may be missing, or a link itself) for the files
/// `wanted` accepts. At most `budget` entries are looked at: past that the
/// walk fails, so a folder that is far too large is never read whole.
pub(crate) fn walk(root: &Path, dir: &Path, wanted: &dyn Fn(&Path) -> bool, budget: usize) -> Result<Walk> {
    let mut walk = Walk::default();
    let (found, link) = inspect(root, dir);
    walk.links = link;
    match found {
        Found::Folder => {
            let canonical = fs::canonicalize(dir).map_err(Error::io("read", dir))?;
            let mut walker = Walker { root, wanted, budget, ancestors: vec![canonical], walk };
            walker.descend(dir)?;
            Ok(walker.walk)
        }
        Found::Refused(bad) => {
            walk.refused.push((dir.to_owned(), bad));
            Ok(walk)
        }
        _ => Ok(walk),
    }
}

struct Walker<'a> {
    root: &'a Path,
    wanted: &'a dyn Fn(&Path) -> bool,
    budget: usize,
    /// The canonical paths of the folders being walked, outermost first.
    ancestors: Vec<PathBuf>,
    walk: Walk,
}

impl Walker<'_> {
    fn descend(&mut self, dir: &Path) -> Result<()> {
        let mut entries: Vec<(OsString, fs::FileType)> = Vec::new();
        for entry in fs::read_dir(dir).map_err(Error::io("read", dir))? {
            let entry = entry.map_err(Error::io("read", dir))?;
            entries.push((entry.file_name(), entry.file_type().map_err(Error::io("read", &entry.path()))?));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type) in entries {
            self.budget = self.budget.checked_sub(1).ok_or_else(|| too_many(dir))?;
            let path = dir.join(&name);
            let (found, link) = if file_type.is_symlink() {
                inspect(self.root, &path)
            } else if file_type.is_dir() {
                (Found::Folder, false)
            } else if file_type.is_file() {
                (Found::File, false)
            } else {
                (Found::Other, false)
            };
            self.walk.links |= link;
            match found {
                Found::File if (self.wanted)(&path) => self.walk.files.push(path),
                Found::Folder => self.folder(path, &name, link)?,
                Found::Refused(bad) if bad.to_folder || (self.wanted)(&path) => self.walk.refused.push((path, bad)),
                _ => {}
            }
        }
        Ok(())
    }

    fn folder(&mut self, path: PathBuf, name: &OsString, link: bool) -> Result<()> {
        let canonical = if link {
            fs::canonicalize(&path).map_err(Error::io("read", &path))?
        } else {
            self.ancestors.last().expect("inside a folder").join(name)
        };
        if link && self.ancestors.contains(&canonical) {
            let target = fs::read_link(&path).unwrap_or_default();
            self.walk.refused.push((path, BadLink { refusal: Refusal::Loop, target, to_folder: true }));
            return Ok(());
        }
        self.ancestors.push(canonical);
        let walked = self.descend(&path);
        self.ancestors.pop();
        walked
    }
}

fn too_many(dir: &Path) -> Error {
    let source = io::Error::other("it holds too many files and folders to be read (is it a link to a system folder?)");
    Error::Io { action: "read", path: dir.to_owned(), source }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_are_followed_and_others_refused() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        let root = base.join("dossier");
        let folder = root.join("content/articles");
        fs::create_dir_all(folder.join("sub")).unwrap();
        fs::create_dir_all(base.join("outside")).unwrap();
        fs::write(root.join("kept.md"), "x").unwrap();
        fs::write(base.join("outside/secret.md"), "x").unwrap();
        fs::write(folder.join("sub/b.md"), "x").unwrap();
        symlink(root.join("kept.md"), folder.join("a.md")).unwrap();
        symlink(base.join("outside/secret.md"), folder.join("c.md")).unwrap();
        symlink(base.join("outside"), folder.join("d")).unwrap();
        symlink(root.join("nowhere.md"), folder.join("e.md")).unwrap();
        symlink(&folder, folder.join("sub/f")).unwrap();
        symlink(base.join("outside/secret.md"), folder.join("g.txt")).unwrap();
        let md = |p: &Path| p.extension().is_some_and(|e| e == "md");
        let walk = walk(&root, &folder, &md, usize::MAX).unwrap();
        assert_eq!(walk.files, [folder.join("a.md"), folder.join("sub/b.md")]);
        let refused: Vec<_> =
            walk.refused.iter().map(|(p, b)| (p.strip_prefix(&folder).unwrap(), &b.refusal)).collect();
        let expected = [
            (Path::new("c.md"), &Refusal::Outside),
            (Path::new("d"), &Refusal::Outside),
            (Path::new("e.md"), &Refusal::Broken),
            (Path::new("sub/f"), &Refusal::Loop),
        ];
        assert_eq!(refused, expected);
        assert!(walk.links);
    }

    #[test]
    fn a_walk_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for i in 0..5 {
            fs::write(root.join(format!("{i}.md")), "x").unwrap();
        }
        let all = |_: &Path| true;
        assert_eq!(walk(&root, &root, &all, 5).unwrap().files.len(), 5);
        assert!(walk(&root, &root, &all, 4).is_err());
    }
}
