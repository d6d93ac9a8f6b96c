//! The writer on a real disk: updates in place, failures that leave the old
//! output as it was.

use super::*;

fn file(path: &str) -> Output {
    Output { path: path.to_owned(), bytes: b"x".to_vec() }
}

fn with(path: &str, text: &str) -> Output {
    Output { path: path.to_owned(), bytes: text.as_bytes().to_vec() }
}

fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
}

/// A rebuild leaves unchanged files alone, replaces changed ones,
/// removes what is no longer built (a file that became a folder, and
/// a folder that became a file, included) and leaves nothing beside
/// the output.
#[test]
fn a_rebuild_touches_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (root, output) = (dir.path().join("dossier"), dir.path().join("site"));
    fs::create_dir_all(&root).unwrap();
    let target = Target { output: &output, root: &root };
    let first = [with("index.html", "home"), with("a/index.html", "a"), with("b", "b"), with("c/d/index.html", "d")];
    write(&target, &first).unwrap();
    let (home, a) = (inode(&output.join("index.html")), inode(&output.join("a/index.html")));
    let second =
        [with("index.html", "home"), with("a/index.html", "a, edited"), with("b/index.html", "b"), with("c", "c")];
    write(&target, &second).unwrap();
    assert_eq!(inode(&output.join("index.html")), home, "unchanged: not rewritten");
    assert_ne!(inode(&output.join("a/index.html")), a);
    for file in &second {
        assert_eq!(fs::read(output.join(&file.path)).unwrap(), file.bytes, "{}", file.path);
    }
    let mut left: Vec<_> = walkdir::WalkDir::new(&output)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(&output).unwrap().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [MARKER, "a", "a/index.html", "b", "b/index.html", "c", "index.html"]);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no staging folder left behind: {names:?}");
}

/// A file that cannot be written fails the build with its own path, and
/// the old output stays as it was.
#[test]
fn a_failed_write_reports_its_path_and_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let (root, output) = (dir.path().join("dossier"), dir.path().join("site"));
    fs::create_dir_all(&root).unwrap();
    let target = Target { output: &output, root: &root };
    // `page` is a file, so nothing can be written below it: into a new
    // output (written whole, then renamed) and into an existing one
    // (updated in place, then undone).
    let conflict = [file("page"), file("page/index.html"), file("other.html")];
    let message = write(&target, &conflict).unwrap_err().to_string();
    assert!(message.contains("page"), "{message}");
    assert!(!output.exists());
    write(&target, &[file("index.html")]).unwrap();
    let message = write(&target, &conflict).unwrap_err().to_string();
    assert!(message.contains("page"), "{message}");
    assert_eq!(fs::read(output.join("index.html")).unwrap(), b"x");
    assert!(!output.join("other.html").exists());
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no staging folder left behind: {names:?}");
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

/// The review's case: `..` after a folder that does not exist yet was kept
/// as text, so `site/nope/../content` passed as a new folder, and once
/// `nope` was created it named `content/`, which was replaced.
#[test]
fn dot_dot_after_a_missing_folder_is_resolved_before_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("content/site.yaml"), "title: x\n").unwrap();
    let sneaky = root.join("nope/../content");
    assert_eq!(safety::real_path(&sneaky).unwrap(), fs::canonicalize(root.join("content")).unwrap());
    let error = write(&Target { output: &sneaky, root: &root }, &[file("index.html")]).unwrap_err().to_string();
    assert!(error.contains("`content/` folder") && error.contains("help:"), "{error}");
    assert!(!root.join("nope").exists(), "nothing created before the check");
    assert_eq!(names(&root.join("content")), ["site.yaml"]);
    // Missing folders and `..` among them: only the missing ones are text.
    let deep = dir.path().join("a/b/../c/./d/..");
    assert_eq!(safety::real_path(&deep).unwrap(), fs::canonicalize(dir.path()).unwrap().join("a/c"));
}

#[test]
fn links_are_followed_before_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    fs::create_dir_all(root.join("content/articles")).unwrap();
    std::os::unix::fs::symlink(root.join("content"), dir.path().join("alias")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("dangling")).unwrap();
    for output in [dir.path().join("alias"), dir.path().join("alias/articles/site")] {
        let error = write(&Target { output: &output, root: &root }, &[file("index.html")]).unwrap_err().to_string();
        assert!(error.contains("refusing") && error.contains("content/"), "{error}");
    }
    assert!(!root.join("content/articles/site").exists());
    let dangling = dir.path().join("dangling/site");
    let error = write(&Target { output: &dangling, root: &root }, &[file("index.html")]).unwrap_err().to_string();
    assert!(error.contains("does not exist"), "{error}");
    assert!(!dir.path().join("nowhere").exists());
}

/// Where names cannot be traded, the site is updated in place: the same
/// result, unchanged files keep their inodes, nothing left beside it.
#[test]
fn without_an_exchange_the_output_is_updated_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (root, output) = (dir.path().join("dossier"), dir.path().join("site"));
    fs::create_dir_all(&root).unwrap();
    let target = Target { output: &output, root: &root };
    write(&target, &[with("index.html", "home"), with("a/index.html", "a"), with("gone.html", "g")]).unwrap();
    let home = inode(&output.join("index.html"));
    let second = [with("index.html", "home"), with("a/index.html", "a, edited"), with("b/index.html", "b")];
    let staging = Staging::begin(&target).unwrap();
    for f in &second {
        staging.put(f.clone()).unwrap();
    }
    let mut staging = staging;
    staging.finish_writing().unwrap();
    let files = std::mem::take(&mut *staging.staged.lock().unwrap());
    let cannot = |_: &Path, _: &Path| Ok(false);
    exchange::publish(&staging.dir, &staging.output, &staging.aside, staging.before, files, cannot).unwrap();
    drop(staging);
    assert_eq!(inode(&output.join("index.html")), home);
    let tree: Vec<_> = walkdir::WalkDir::new(&output)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(&output).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(tree.len(), 6, "{tree:?}");
    for f in &second {
        assert_eq!(fs::read(output.join(&f.path)).unwrap(), f.bytes, "{}", f.path);
    }
    assert_eq!(names(dir.path()), ["dossier", "site"]);
}

#[test]
fn an_exchange_trades_two_folders() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    fs::write(a.join("one"), "1").unwrap();
    fs::write(b.join("two"), "2").unwrap();
    if exchange::exchange(&a, &b).unwrap() {
        assert_eq!(names(&a), ["two"]);
        assert_eq!(names(&b), ["one"]);
    } else {
        // A file system without it: both as they were.
        assert_eq!(names(&a), ["one"]);
    }
}

/// What a killed build leaves beside the output is cleared by the next one
/// when it is ours or empty; anything else is refused and left alone.
#[test]
fn leftovers_of_a_killed_build_are_cleared_and_only_they() {
    let dir = tempfile::tempdir().unwrap();
    let (root, output) = (dir.path().join("dossier"), dir.path().join("site"));
    fs::create_dir_all(&root).unwrap();
    let target = Target { output: &output, root: &root };
    let (new, old) = (dir.path().join(".site.dossier-new"), dir.path().join(".site.dossier-old"));
    // A staging folder cut short (marker and part of a site), and one
    // killed between being created and being marked.
    create_ours(&new).unwrap();
    fs::create_dir_all(new.join("a/b")).unwrap();
    fs::write(new.join("a/b/index.html"), "x").unwrap();
    fs::create_dir(&old).unwrap();
    write(&target, &[file("index.html")]).unwrap();
    assert_eq!(names(dir.path()), ["dossier", "site"]);
    // Someone's folder with that name is not ours to remove.
    fs::create_dir(&new).unwrap();
    fs::write(new.join("notes.txt"), "mine").unwrap();
    let error = write(&target, &[with("index.html", "y")]).unwrap_err().to_string();
    assert!(error.contains(".site.dossier-new") && error.contains("not made by dossier"), "{error}");
    assert_eq!(fs::read_to_string(new.join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read(output.join("index.html")).unwrap(), b"x");
}

#[test]
fn an_imported_sidecar_is_replaced_only_as_it_was_read_and_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.yaml");
    fs::write(&real, "annotations: []\n").unwrap();
    let link = dir.path().join("a.yaml");
    std::os::unix::fs::symlink("real.yaml", &link).unwrap();
    sidecar(&link, Some("annotations: []\n"), "annotations:\n  - id: x\n").unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(fs::read_to_string(&real).unwrap(), "annotations:\n  - id: x\n");
    let stale = sidecar(&link, Some("annotations: []\n"), "other\n");
    assert!(matches!(stale, Err(Error::Usage(_))), "{stale:?}");
    assert_eq!(fs::read_to_string(&real).unwrap(), "annotations:\n  - id: x\n", "a changed file is left alone");
    let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries.len(), 2, "no temporary file left: {entries:?}");
    assert!(sidecar(&link, None, "new\n").is_err(), "never created over a file");
    sidecar(&dir.path().join("b/new.yaml"), None, "new\n").unwrap();
    assert_eq!(fs::read_to_string(dir.path().join("b/new.yaml")).unwrap(), "new\n");
}

/// A registry reached through a symbolic link is replaced where the link
/// leads, and the link stays; nothing is left beside it.
#[test]
fn replace_text_writes_through_a_link_and_leaves_nothing_beside() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("shared.yaml");
    fs::write(&real, "- id: a\n").unwrap();
    let link = dir.path().join("claims.yaml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    replace_text(&link, "- id: a\n- id: b\n").unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "- id: a\n- id: b\n");
    let mut names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["claims.yaml", "shared.yaml"]);
}

#[test]
fn create_in_empty_refuses_a_folder_with_anything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let files = [("content/site.yaml".to_owned(), "title: x\n".to_owned())];
    let err = create_in_empty(dir.path(), &files).unwrap_err();
    assert!(err.to_string().contains("is not empty"), "{err}");
    assert!(!dir.path().join("content").exists());
    let new = dir.path().join("new");
    assert_eq!(create_in_empty(&new, &files).unwrap(), [new.join("content/site.yaml")]);
}
