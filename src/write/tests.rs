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
