//! Puts a finished site where the old one was, in one step: the staging
//! folder and the output trade names (`renameat2` with `RENAME_EXCHANGE`
//! on Linux, `renamex_np` with `RENAME_SWAP` on macOS). Before the trade
//! the output is the whole old site, after it the whole new one; there is
//! no moment in between, so a crash or a kill cannot leave a mix.
//!
//! Where the file system or the system cannot trade names, the output is
//! updated in place instead ([`super::update`]): each step journaled and
//! undone if a later one fails, but a kill in the middle of it can leave a
//! mix of both sites.

use std::fs;
use std::io;
use std::path::Path;

use super::update::{self, Staged};
use super::{MARKER, remove_tree, safety};
use crate::error::{Error, Result};

/// What is at the output before publishing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Before {
    Nothing,
    /// An empty folder not made by dossier.
    EmptyFolder,
    /// A site of ours: `staging` holds the new site whole, unchanged files
    /// hard-linked from it.
    OurSite,
}

/// Trades two folders' names in one step. `Ok(false)` when the system or
/// the file system cannot (or the output is a mount point): the caller
/// falls back to something else, with both folders as they were.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP | Errno::XDEV | Errno::BUSY) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// Makes `output` the finished site in `staging`, by `trade` (see
/// [`exchange`]; a parameter so tests can take the fallback), then removes
/// what it displaced. `files` lists the new site for an update in place;
/// `aside` is where that update moves displaced files.
pub(super) fn publish(
    staging: &Path,
    output: &Path,
    aside: &Path,
    before: Before,
    files: Vec<Staged>,
    trade: impl Fn(&Path, &Path) -> io::Result<bool>,
) -> Result<()> {
    if before == Before::Nothing {
        return fs::rename(staging, output).map_err(Error::io("create", output));
    }
    if trade(staging, output).map_err(Error::io("replace", output))? {
        // `staging` now holds what the output held.
        return remove_displaced(staging);
    }
    if before == Before::EmptyFolder {
        // Nothing to lose: an empty folder cannot be left half replaced.
        fs::remove_dir(output).map_err(Error::io("replace", output))?;
        return fs::rename(staging, output).map_err(Error::io("create", output));
    }
    let result = update::apply(output, aside, files, MARKER);
    if aside.is_dir() {
        // What was displaced, or nothing if the update was undone.
        remove_tree(aside)?;
    }
    result
}

/// Removes what an exchange displaced: an old site of ours whole, an
/// empty folder only while it is still empty.
fn remove_displaced(dir: &Path) -> Result<()> {
    if safety::is_ours(dir) { remove_tree(dir) } else { fs::remove_dir(dir).map_err(Error::io("remove", dir)) }
}

/// Clears the way for a folder `write` makes beside the output, left there
/// by a build that was killed: removed if it is ours (it has the marker;
/// a tree being removed keeps it to the last) or empty (killed between
/// creating it and marking it). Anything else is someone's, and refused.
pub(super) fn clear_leftover(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("read", path)(e)),
        Ok(m) if m.is_dir() && safety::is_ours(path) => remove_tree(path),
        Ok(m) if m.is_dir() && fs::read_dir(path).map_err(Error::io("read", path))?.next().is_none() => {
            fs::remove_dir(path).map_err(Error::io("remove", path))
        }
        Ok(_) => Err(Error::UnsafeOutput {
            path: path.to_owned(),
            real: path.to_owned(),
            reason: "the build needs this name beside the output, and what is there was not made by dossier".to_owned(),
            hint: "move it elsewhere or rename it, then build again".to_owned(),
        }),
    }
}
