//! Where the output really is, and whether it may be replaced.
//!
//! Paths are compared only once they are real: every symbolic link of the
//! part that exists resolved, and each `..` applied to the folder it really
//! leaves. A path kept as text would pass a check as one folder and be
//! written as another: `site/nope/../content` is not inside `content/` as
//! text, but once `nope` is created it is `content/` itself.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::MARKER;
use crate::error::{Error, Result};

/// An output that passed [`check`]: its real path, and what is there now.
pub(super) struct Checked {
    pub output: PathBuf,
    /// A folder of ours (it carries the marker) is there.
    pub ours: bool,
    /// Something is there (an empty folder, when not ours).
    pub exists: bool,
}

const HINT_SEPARATE: &str = "pass an --output folder that holds only the site, such as `public` \
     inside the dossier (the default)";
const HINT_FOREIGN: &str = "choose another --output, or empty this folder if nothing in it is needed";

/// `path` as the file system will see it once its missing folders are
/// created: absolute, every symbolic link of the part that exists
/// resolved, `.` dropped and `..` applied.
///
/// The walk goes forward: while the path so far exists, it is made real
/// (`canonicalize`), so a `..` after it leaves the real folder; once a
/// component is missing, the ones after it are missing too and are added
/// as text, and a `..` only drops the last of them (the folder `write`
/// would create is a plain folder, not a link).
pub(super) fn real_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut real = PathBuf::new();
    // How many components at the end of `real` do not exist yet.
    let mut missing = 0usize;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(name) => {
                real.push(name);
                if missing > 0 {
                    missing += 1;
                    continue;
                }
                match fs::canonicalize(&real) {
                    Ok(resolved) => real = resolved,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        if fs::symlink_metadata(&real).is_ok() {
                            return Err(io::Error::other(format!(
                                "`{}` is a symbolic link to something that does not exist",
                                real.display()
                            )));
                        }
                        missing = 1;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(real)
}

/// Refuses an output that is, contains or lies inside what a build must
/// never replace: the dossier root (the output may lie inside it, as
/// `public/` does), its `content/` and `themes/`, the current folder and
/// its ancestors, the home folder and its ancestors (`/` among them), a
/// file, and a folder with something in it that dossier did not make.
/// Nothing is created before this passes.
pub(super) fn check(given: &Path, root: &Path) -> Result<Checked> {
    let unresolved = |e: io::Error| refusal(given, given, format!("cannot tell where it leads: {e}"), HINT_SEPARATE);
    let output = real_path(given).map_err(unresolved)?;
    let refuse = |reason: String, hint: &str| Err(refusal(given, &output, reason, hint));
    if output.parent().is_none() {
        return refuse("it is the root of the file system".to_owned(), HINT_SEPARATE);
    }
    let root = real_path(root).map_err(Error::io("resolve", root))?;
    if root.starts_with(&output) {
        return refuse("it is the dossier root or contains it".to_owned(), HINT_SEPARATE);
    }
    for protected in ["content", "themes"] {
        // Either may be a link to a folder elsewhere: compare the real one.
        let sources = real_path(&root.join(protected)).map_err(Error::io("resolve", &root))?;
        if let Some(relation) = relation(&output, &sources) {
            return refuse(format!("it {relation} the dossier's `{protected}/` folder"), HINT_SEPARATE);
        }
    }
    let current = std::env::current_dir().and_then(fs::canonicalize);
    if current.is_ok_and(|current| current.starts_with(&output)) {
        return refuse("it is the current folder or one of its ancestors".to_owned(), HINT_SEPARATE);
    }
    if std::env::home_dir().and_then(|home| fs::canonicalize(home).ok()).is_some_and(|home| home.starts_with(&output)) {
        return refuse("it is the home folder or one of its ancestors".to_owned(), HINT_SEPARATE);
    }
    let metadata = match fs::symlink_metadata(&output) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Checked { output, ours: false, exists: false }),
        Err(e) => return Err(Error::io("read", &output)(e)),
    };
    if !metadata.is_dir() {
        return refuse("it is a file, not a folder".to_owned(), "choose a folder for --output");
    }
    let ours = is_ours(&output);
    if !ours && fs::read_dir(&output).map_err(Error::io("read", &output))?.next().is_some() {
        return refuse(
            format!("it is not empty and was not made by `dossier build` (it has no `{MARKER}` file)"),
            HINT_FOREIGN,
        );
    }
    Ok(Checked { output, ours, exists: true })
}

/// Whether `dir` is a folder dossier made: it holds the marker, a plain
/// file (not a link to one).
pub(super) fn is_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// How `output` stands to a protected folder, if it touches it.
fn relation(output: &Path, protected: &Path) -> Option<&'static str> {
    if output == protected {
        Some("is")
    } else if output.starts_with(protected) {
        Some("is inside")
    } else if protected.starts_with(output) {
        Some("contains")
    } else {
        None
    }
}

fn refusal(given: &Path, real: &Path, reason: String, hint: &str) -> Error {
    Error::UnsafeOutput { path: given.to_owned(), real: real.to_owned(), reason, hint: hint.to_owned() }
}
