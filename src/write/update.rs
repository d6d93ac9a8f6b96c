//! Updates an output folder in place: a file whose bytes are unchanged is
//! left alone (and keeps its date), changed and new files are moved in
//! from the staging folder, and files no longer built are removed.
//!
//! Rewriting every file of a large site costs more than rendering it on
//! some disks: creating a folder per page is the slowest part of a write.
//! A rebuild after a small edit thus touches only what changed. Every step
//! is journaled: if one fails, the steps before it are undone in reverse,
//! so a failed update leaves the old output as it was.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file of the new site: its path below the output, and the staged
/// file holding its bytes, or `None` when the output already has them.
pub(super) struct Staged {
    pub path: String,
    pub staged: Option<PathBuf>,
}

/// Makes `output` hold exactly `files` (and the marker `keep`); displaced
/// files go to `aside`, which the caller removes once this succeeds.
pub(super) fn apply(output: &Path, aside: &Path, mut files: Vec<Staged>, keep: &str) -> Result<()> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let (old_files, old_dirs) = list(output)?;
    let mut journal = Journal { aside: aside.to_owned(), steps: Vec::new(), moved: 0 };
    let result = update(output, &files, keep, &old_files, old_dirs, &mut journal);
    if result.is_err() {
        journal.undo();
    }
    result
}

fn update(
    output: &Path,
    files: &[Staged],
    keep: &str,
    old_files: &HashSet<String>,
    old_dirs: Vec<String>,
    journal: &mut Journal,
) -> Result<()> {
    let new: HashSet<&str> = files.iter().map(|f| f.path.as_str()).chain([keep]).collect();
    let needed: HashSet<&str> = files.iter().flat_map(|f| ancestors(&f.path)).collect();
    // Files no longer built go first: one may stand where a folder is now needed.
    let mut stale: Vec<&String> = old_files.iter().filter(|f| !new.contains(f.as_str())).collect();
    stale.sort();
    for path in stale {
        journal.aside(&output.join(path))?;
    }
    // Then folders no longer needed, deepest first: only stale files were in them.
    let mut dirs: HashSet<String> = HashSet::new();
    for dir in old_dirs.into_iter().rev() {
        if needed.contains(dir.as_str()) {
            dirs.insert(dir);
        } else {
            journal.remove_dir(&output.join(&dir))?;
        }
    }
    for file in files {
        let Some(staged) = &file.staged else { continue };
        for dir in ancestors(&file.path) {
            if dirs.insert(dir.to_owned()) {
                journal.create_dir(&output.join(dir))?;
            }
        }
        let target = output.join(&file.path);
        if old_files.contains(&file.path) {
            journal.aside(&target)?;
        }
        journal.rename(staged, &target)?;
    }
    Ok(())
}

/// The folders above a relative path, outermost first: `a/b/c` -> `a`, `a/b`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// Every file and folder below `output`, relative to it; folders in an
/// order where each comes before what it contains.
fn list(output: &Path) -> Result<(HashSet<String>, Vec<String>)> {
    let mut files = HashSet::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_owned();
            Error::io("read", &path)(e.into())
        })?;
        let relative = entry.path().strip_prefix(output).expect("below output");
        let relative = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.file_type().is_dir() {
            dirs.push(relative);
        } else {
            files.insert(relative);
        }
    }
    Ok((files, dirs))
}

/// What has been done to the output, to undo it if a later step fails.
struct Journal {
    aside: PathBuf,
    steps: Vec<Step>,
    /// Files moved aside so far: the next one's name there.
    moved: usize,
}

enum Step {
    Renamed { from: PathBuf, to: PathBuf },
    CreatedDir(PathBuf),
    RemovedDir(PathBuf),
}

impl Journal {
    /// Moves a file of the output aside, where it can be put back from.
    fn aside(&mut self, path: &Path) -> Result<()> {
        if self.moved == 0 {
            super::create_ours(&self.aside)?;
        }
        let to = self.aside.join(self.moved.to_string());
        self.moved += 1;
        self.rename(path, &to)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> Result<()> {
        fs::rename(from, to).map_err(Error::io("move", from))?;
        self.steps.push(Step::Renamed { from: from.to_owned(), to: to.to_owned() });
        Ok(())
    }

    fn create_dir(&mut self, dir: &Path) -> Result<()> {
        fs::create_dir(dir).map_err(Error::io("create", dir))?;
        self.steps.push(Step::CreatedDir(dir.to_owned()));
        Ok(())
    }

    fn remove_dir(&mut self, dir: &Path) -> Result<()> {
        fs::remove_dir(dir).map_err(Error::io("remove", dir))?;
        self.steps.push(Step::RemovedDir(dir.to_owned()));
        Ok(())
    }

    /// Best effort, in reverse: each step undone as far as the disk allows.
    fn undo(&mut self) {
        for step in self.steps.drain(..).rev() {
            let _ = match step {
                Step::Renamed { from, to } => fs::rename(to, from),
                Step::CreatedDir(dir) => fs::remove_dir(dir),
                Step::RemovedDir(dir) => fs::create_dir(dir),
            };
        }
    }
}
