//! Symbolic links, by one rule: a link that stays inside the dossier's
//! folder is followed; one that leads outside it (or nowhere) is a located
//! error, never skipped in silence and never read.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::support::{build, copy_tree, dossier, fixture, read_tree, stderr};

/// A copy of the quirks fixture at `<tmp>/dossier`, and `<tmp>/outside`,
/// a folder beside it (outside the dossier).
struct Linked {
    _dir: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

impl Linked {
    fn new() -> Linked {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dossier");
        copy_tree(&fixture("quirks"), &root);
        fs::remove_dir_all(root.join("expected")).unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        Linked { _dir: dir, root, outside }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Moves the file or folder at `relative` to `to` and links it back.
    fn move_and_link(&self, relative: &str, to: &Path) {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::rename(self.path(relative), to).unwrap();
        symlink(to, self.path(relative)).unwrap();
    }

    fn run(&self, command: &str) -> (Option<i32>, String) {
        let out = dossier(&[command, "--root", self.root.to_str().unwrap()]);
        (out.status.code(), stderr(&out))
    }

    /// `build` into `<root>/public`: the status, what it printed, and
    /// whether anything was written.
    fn build(&self) -> (Option<i32>, String, bool) {
        let (code, err) = self.run("build");
        (code, err, self.path("public").exists())
    }
}

#[test]
fn symlinked_article_and_sidecar_inside_the_dossier_are_read_not_skipped() {
    let expected = build(&fixture("quirks"));
    let linked = Linked::new();
    let drafts = linked.root.join("drafts");
    linked.move_and_link("content/articles/bridge-report.md", &drafts.join("bridge-report.md"));
    linked.move_and_link("content/articles/bridge-report.yaml", &drafts.join("bridge-report.yaml"));
    // A relative link, as `ln -s` is often used.
    fs::rename(linked.path("content/claims.yaml"), linked.path("claims-master.yaml")).unwrap();
    symlink("../claims-master.yaml", linked.path("content/claims.yaml")).unwrap();
    let site = build(&linked.root);
    assert_eq!(site.files.keys().collect::<Vec<_>>(), expected.files.keys().collect::<Vec<_>>());
    assert!(site.files == expected.files, "the linked files build the same site as the files themselves");
}

#[test]
fn symlinked_site_yaml_outside_the_dossier_is_a_located_error() {
    let linked = Linked::new();
    linked.move_and_link("content/site.yaml", &linked.outside.join("site.yaml"));
    let (code, err, written) = linked.build();
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error[link-outside]: `content/site.yaml` is a symbolic link to `"), "{err}");
    assert!(err.contains("outside the dossier"), "{err}");
    assert!(err.contains("--> content/site.yaml"), "located: {err}");
    assert!(err.contains("help: links are followed only inside the dossier's folder"), "{err}");
    assert!(!err.contains("missing-site"), "a link is not a missing file: {err}");
    assert!(!written, "nothing is published");
}

#[test]
fn symlinked_articles_folder_outside_the_dossier_is_not_published() {
    let linked = Linked::new();
    linked.move_and_link("content/articles", &linked.outside.join("articles"));
    fs::write(linked.outside.join("articles/private.md"), "---\ntitle: Private\n---\nNot for publishing.\n").unwrap();
    let (code, err) = linked.run("check");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error[link-outside]: `content/articles` is a symbolic link to `"), "{err}");
    assert!(err.contains("move or copy the folder into the dossier"), "{err}");
    let (code, _, written) = linked.build();
    assert_eq!(code, Some(1));
    assert!(!written, "nothing outside the dossier is published");
}

#[test]
fn symlinked_registry_and_sidecar_outside_the_dossier_are_errors_each() {
    let linked = Linked::new();
    linked.move_and_link("content/claims", &linked.outside.join("claims"));
    linked.move_and_link("content/articles/bridge-report.yaml", &linked.outside.join("bridge-report.yaml"));
    symlink(linked.root.join("content/nowhere.md"), linked.path("content/articles/gone.md")).unwrap();
    let (code, err) = linked.run("check");
    assert_eq!(code, Some(1), "{err}");
    for (code, file) in [
        ("link-outside", "content/claims"),
        ("link-outside", "content/articles/bridge-report.yaml"),
        ("broken-link", "content/articles/gone.md"),
    ] {
        assert!(err.contains(&format!("error[{code}]: `{file}` is a symbolic link to `")), "{code} {file}:\n{err}");
    }
    assert!(!err.contains("orphan-sidecar"), "{err}");
}

#[test]
fn symlinked_theme_outside_the_dossier_is_refused_without_reading_it() {
    let linked = Linked::new();
    // As if linked to /usr/share: a large folder outside the dossier.
    let system = linked.outside.join("share");
    for i in 0..200 {
        let folder = system.join(format!("package-{i}"));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("data"), vec![b'x'; 4096]).unwrap();
    }
    let theme = linked.path("themes/default");
    fs::remove_dir_all(&theme).unwrap();
    symlink(&system, &theme).unwrap();
    let (code, err, written) = linked.build();
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("failed to read theme `"), "{err}");
    assert!(err.contains("themes/default`: a symbolic link to `"), "{err}");
    assert!(err.contains("outside the dossier"), "{err}");
    assert!(!written);
    // A theme file linked outside is refused the same way.
    fs::remove_file(&theme).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(linked.outside.join("style.css"), "body{}").unwrap();
    symlink(linked.outside.join("style.css"), theme.join("static/syntax.css")).unwrap();
    let (code, err, _) = linked.build();
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("static/syntax.css`: a symbolic link to `"), "{err}");
}

#[test]
fn symlinked_theme_file_inside_the_dossier_is_used() {
    let linked = Linked::new();
    let css = "themes/default/static/syntax.css";
    let text = fs::read(linked.path(css)).unwrap();
    linked.move_and_link(css, &linked.root.join("styles/syntax.css"));
    let (code, err, written) = linked.build();
    assert_eq!(code, Some(0), "{err}");
    assert!(written);
    let site = read_tree(&linked.path("public"));
    assert_eq!(site.get("assets/syntax.css"), Some(&text));
}
