//! After any file operations, reading again the paths they touched gives
//! what reading everything gives.

use std::fs;

use proptest::prelude::*;

use super::*;
use crate::load::load;

/// Paths a dossier's files may have, below `content/`: every role, nested
/// folders, files `load` ignores, and names whose walk order is not the
/// order of their text (`a-b.md` after `a/b.md`).
const PATHS: &[&str] = &[
    "site.yaml",
    "actors.yaml",
    "actors/x.yaml",
    "actors/sub/y.yml",
    "claims.yaml",
    "claims/z.yaml",
    "articles/a.md",
    "articles/a.yaml",
    "articles/a/b.md",
    "articles/a/b.yaml",
    "articles/a-b.md",
    "articles/a-b.yml",
    "articles/notes.txt",
    "articles/z.md",
];

#[derive(Clone, Debug)]
enum Op {
    /// Writes a file (`bad`: not UTF-8).
    Write(usize, bool),
    Remove(usize),
    /// Renames one file to another's path.
    Rename(usize, usize),
    /// Removes the folder of a path, with everything in it.
    RemoveFolder(usize),
    /// Makes a path a symbolic link to another's file, inside the dossier: followed.
    Link(usize, usize),
    /// Makes a path a symbolic link to a file outside the dossier: refused.
    LinkOutside(usize),
    /// Makes a path a symbolic link to the folder of another's path, inside
    /// the dossier: followed, unless it holds the link (a loop).
    LinkFolder(usize, usize),
    /// Makes a path a symbolic link to a folder outside the dossier: refused.
    LinkFolderOutside(usize),
    /// Makes a path another name of another's file (a hard link): writing
    /// either changes both.
    HardLink(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0..PATHS.len();
    prop_oneof![
        4 => (i.clone(), proptest::bool::weighted(0.15)).prop_map(|(i, bad)| Op::Write(i, bad)),
        2 => i.clone().prop_map(Op::Remove),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => i.clone().prop_map(Op::RemoveFolder),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Op::Link(a, b)),
        1 => i.clone().prop_map(Op::LinkOutside),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Op::LinkFolder(a, b)),
        1 => i.clone().prop_map(Op::LinkFolderOutside),
        1 => (i.clone(), i).prop_map(|(a, b)| Op::HardLink(a, b)),
    ]
}

/// Applies an operation; returns the paths a watcher reports. `outside` is
/// a file outside the dossier.
fn apply(content: &Path, outside: &Path, op: &Op, n: usize) -> Vec<PathBuf> {
    let path = |i: usize| content.join(PATHS[i]);
    match *op {
        Op::Write(i, bad) => {
            let p = path(i);
            // A new folder is reported as the folder; one that was there is not.
            let new: Vec<PathBuf> =
                p.ancestors().skip(1).take_while(|a| *a != content && !a.exists()).map(Path::to_owned).collect();
            // Not where a folder, or a link to one, is, nor below a file.
            if p.is_dir() || fs::create_dir_all(p.parent().unwrap()).is_err() {
                return Vec::new();
            }
            let bytes = if bad { b"title: \xff\n".to_vec() } else { format!("# version {n}\n").into_bytes() };
            // Through a link whose target's folder is gone, nothing is written.
            let _ = fs::write(&p, bytes);
            std::iter::once(p).chain(new).collect()
        }
        Op::Remove(i) => {
            let _ = fs::remove_file(path(i));
            vec![path(i)]
        }
        Op::Rename(a, b) => {
            if path(a).is_file() && path(b).parent().unwrap().is_dir() && fs::rename(path(a), path(b)).is_ok() {
                return vec![path(a), path(b)];
            }
            Vec::new()
        }
        Op::RemoveFolder(i) => {
            let folder = path(i).parent().unwrap().to_owned();
            if folder == content {
                return Vec::new();
            }
            let _ = fs::remove_dir_all(&folder);
            vec![folder]
        }
        Op::Link(a, b) => {
            let (at, target) = (path(a), path(b));
            if at.symlink_metadata().is_err() && at.parent().unwrap().is_dir() && target.is_file() {
                return link(&target, &at);
            }
            Vec::new()
        }
        Op::LinkOutside(a) => {
            let at = path(a);
            if at.symlink_metadata().is_err() && at.parent().unwrap().is_dir() {
                return link(outside, &at);
            }
            Vec::new()
        }
        Op::LinkFolder(a, b) => {
            let (at, target) = (path(a), path(b).parent().unwrap().to_owned());
            if at.symlink_metadata().is_err() && at.parent().unwrap().is_dir() && target.is_dir() {
                return link(&target, &at);
            }
            Vec::new()
        }
        Op::LinkFolderOutside(a) => {
            let at = path(a);
            if at.symlink_metadata().is_err() && at.parent().unwrap().is_dir() {
                return link(outside.parent().unwrap(), &at);
            }
            Vec::new()
        }
        Op::HardLink(a, b) => {
            let (at, target) = (path(a), path(b));
            let plain = target.symlink_metadata().is_ok_and(|m| m.is_file());
            if at.symlink_metadata().is_err() && at.parent().unwrap().is_dir() && plain {
                fs::hard_link(&target, &at).unwrap();
                return vec![at];
            }
            Vec::new()
        }
    }
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) -> Vec<PathBuf> {
    std::os::unix::fs::symlink(target, at).unwrap();
    vec![at.to_owned()]
}

#[cfg(not(unix))]
fn link(_: &Path, _: &Path) -> Vec<PathBuf> {
    Vec::new()
}

/// The reader holds what a full read gives now, and reports it in the
/// same order.
fn same_as_load(reader: &Reader, root: &Path) -> std::result::Result<(), TestCaseError> {
    let (sources, expected) = load(root).unwrap();
    prop_assert_eq!(reader.sources(), &sources);
    prop_assert_eq!(reader.diagnostics(), expected);
    Ok(())
}

/// Writes the first files, reads them, then applies `ops` one by one,
/// updating the reader with the paths each names, and checks it against
/// a full read after every one.
fn check(ops: &[Op]) -> std::result::Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let content = root.join("content");
    fs::create_dir_all(&content).unwrap();
    for (n, i) in [0, 1, 4, 6, 7].into_iter().enumerate() {
        apply(&content, Path::new("/nowhere"), &Op::Write(i, false), n);
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside.yaml");
    fs::write(&outside, "title: outside\n").unwrap();
    let mut reader = Reader::new(root).unwrap();
    same_as_load(&reader, root)?;
    for (n, op) in ops.iter().enumerate() {
        let paths = apply(&content, &outside, op, n + 10);
        reader.update(Some(&paths)).unwrap();
        same_as_load(&reader, root)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn reading_the_changed_paths_again_is_reading_everything(ops in proptest::collection::vec(op(), 1..16)) {
        check(&ops)?;
    }
}

#[test]
fn a_refused_link_and_an_unreadable_file_are_listed_in_the_order_a_full_read_lists_them() {
    // `a-b.md` a link outside, `a/b.md` not UTF-8: one refused by the walk,
    // the other when read, and `a/b.md` walked first.
    check(&[Op::LinkOutside(10), Op::Write(8, true)]).unwrap();
}

#[test]
fn a_hard_linked_file_is_read_again_when_written_through_its_other_name() {
    // `articles/z.md` another name of `articles/a.md`; the watcher names only `a.md`.
    check(&[Op::HardLink(13, 6), Op::Write(6, false)]).unwrap();
}

#[test]
fn a_registry_is_read_again_when_written_through_another_name_load_does_not_read() {
    // `articles/notes.txt` another name of `site.yaml`; the watcher names only `notes.txt`.
    check(&[Op::HardLink(12, 0), Op::Write(12, false)]).unwrap();
}

#[test]
fn a_linked_registry_is_read_again_when_its_target_is_written() {
    // `actors.yaml` a link to `claims.yaml`; the watcher names only `claims.yaml`.
    check(&[Op::Remove(1), Op::Link(1, 4), Op::Write(4, false)]).unwrap();
}

#[test]
fn a_folder_or_a_path_outside_reads_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("content/articles/new")).unwrap();
    fs::write(root.join("content/site.yaml"), "title: T\n").unwrap();
    let mut reader = Reader::new(root).unwrap();
    // Moved in whole: the watcher names only the folder.
    fs::write(root.join("content/articles/new/a.md"), "---\ntitle: A\n---\nA.\n").unwrap();
    reader.update(Some(&[root.join("content/articles/new")])).unwrap();
    assert_eq!(reader.sources().articles.len(), 1);
    fs::write(root.join("content/articles/b.md"), "---\ntitle: B\n---\nB.\n").unwrap();
    reader.update(Some(&[PathBuf::from("/elsewhere/b.md")])).unwrap();
    assert_eq!(reader.sources().articles.len(), 2);
}
