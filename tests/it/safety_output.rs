//! Where `build` may write, and what a killed build leaves. An outside
//! review found that `--output D/nope/../content` replaced `D/content`
//! (the path was checked as text, then `nope` was created and it named the
//! real folder) and that killing a build while it updated the output left
//! a mix of the old and new sites.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::generator;
use crate::support::{copy_tree, dossier, fixture, read_tree, stderr};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of the `quirks` fixture at `<dir>/d`.
fn dossier_in(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("d");
    copy_tree(&fixture("quirks"), &root);
    root
}

fn assert_refused(out: &std::process::Output, what: &str) {
    assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(out));
    let message = stderr(out);
    assert!(message.contains("refusing to write") && message.contains("help:"), "{what}: {message}");
}

#[test]
fn output_with_dot_dot_through_a_missing_folder_into_content_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dossier_in(dir.path());
    let before = read_tree(&root);
    let out = dossier(&["build", "--root", path(&root), "--output", &format!("{}/nope/../content", path(&root))]);
    assert_refused(&out, "nope/../content");
    assert!(stderr(&out).contains("`content/` folder"), "{}", stderr(&out));
    assert!(!root.join("nope").exists(), "nothing created");
    assert_eq!(read_tree(&root), before, "the dossier intact");
}

#[test]
fn output_with_dot_dot_through_a_missing_folder_into_a_foreign_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dossier_in(dir.path());
    let elsewhere = dir.path().join("x");
    std::fs::create_dir_all(elsewhere.join("precious")).unwrap();
    std::fs::write(elsewhere.join("precious/thesis.txt"), "years of work").unwrap();
    let sneaky = format!("{}/nope/../precious", path(&elsewhere));
    let out = dossier(&["build", "--root", path(&root), "--output", &sneaky]);
    assert_refused(&out, "nope/../precious");
    assert!(stderr(&out).contains("no `.dossier-output` file"), "{}", stderr(&out));
    assert!(!elsewhere.join("nope").exists(), "nothing created");
    assert_eq!(std::fs::read_to_string(elsewhere.join("precious/thesis.txt")).unwrap(), "years of work");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1);
}

#[test]
fn output_through_a_symlink_into_content_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dossier_in(dir.path());
    let before = read_tree(&root);
    let elsewhere = dir.path().join("x");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(root.join("content"), elsewhere.join("alias")).unwrap();
    std::os::unix::fs::symlink(root.join("content/articles"), elsewhere.join("deeper")).unwrap();
    for output in ["alias", "nope/../alias", "deeper/site", "nope/../deeper/site"] {
        let out = dossier(&["build", "--root", path(&root), "--output", &format!("{}/{output}", path(&elsewhere))]);
        assert_refused(&out, output);
        assert!(stderr(&out).contains("`content/` folder"), "{output}: {}", stderr(&out));
    }
    assert!(!elsewhere.join("nope").exists(), "nothing created");
    assert_eq!(read_tree(&root), before, "the dossier intact");
}

#[test]
fn output_that_is_the_current_folder_or_its_ancestor_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dossier_in(dir.path());
    let site = dir.path().join("site");
    let built = dossier(&["build", "--root", path(&root), "--output", path(&site)]);
    assert!(built.status.success(), "{}", stderr(&built));
    let before = read_tree(&site);
    // Working inside the built site, or in an empty folder: both would
    // be replaced under the shell's feet.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for (cwd, output) in [(site.join("articles"), ".."), (site.join("articles"), path(&site)), (empty.clone(), ".")] {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root", path(&root), "--output", output])
            .current_dir(&cwd)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_refused(&out, output);
        assert!(stderr(&out).contains("current folder or one of its ancestors"), "{}", stderr(&out));
    }
    assert_eq!(read_tree(&site), before);
    assert!(empty.is_dir());
    // The home folder too, even empty.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", path(&root), "--output", path(&home)])
        .env("HOME", &home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_refused(&out, "home");
    assert!(home.is_dir());
}

/// A few numbers from a fixed seed: the same delays on every run.
struct Delays(u64);

impl Delays {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        below.mul_f64((self.0 % 1000) as f64 / 1000.0)
    }
}

fn build_into(root: &Path, output: &Path) {
    let out = dossier(&["build", "--quiet", "--root", path(root), "--output", path(output)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A build killed at any moment leaves the whole old site or the whole new
/// one, never a mix; the next build clears what it left.
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    // Two dossiers whose sites differ in almost every page, and in which
    // pages there are.
    let (old_root, new_root) = (dir.path().join("old"), dir.path().join("new"));
    generator::generate(&generator::Options { articles: 12, seed: 1 }, &old_root).unwrap();
    generator::generate(&generator::Options { articles: 10, seed: 2 }, &new_root).unwrap();
    let (old_root, new_root) = (old_root.join("dossier"), new_root.join("dossier"));
    let site = dir.path().join("out/site");
    build_into(&new_root, &site);
    let new: BTreeMap<String, Vec<u8>> = read_tree(&site);
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    build_into(&old_root, &site);
    let old = read_tree(&site);
    assert_ne!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());
    // How long a build over the old site takes here, to kill within it.
    let started = Instant::now();
    build_into(&new_root, &site);
    let whole = started.elapsed();
    let mut delays = Delays(0x5eed);
    let (mut olds, mut news) = (0, 0);
    for attempt in 0..20 {
        if read_tree(&site) != old {
            build_into(&old_root, &site);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--quiet", "--root", path(&new_root), "--output", path(&site)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Most kills fall in the second half, where the site is written
        // and published.
        std::thread::sleep(whole / 4 + delays.next(whole));
        child.kill().unwrap();
        child.wait().unwrap();
        let after = read_tree(&site);
        if after == old {
            olds += 1;
        } else if after == new {
            news += 1;
        } else {
            let mixed: Vec<_> = after.keys().filter(|k| old.get(*k) != after.get(*k)).take(5).collect();
            let missing: Vec<_> = new.keys().filter(|k| !after.contains_key(*k)).take(5).collect();
            panic!("attempt {attempt}: neither site (changed: {mixed:?}, missing from the new: {missing:?})");
        }
    }
    // Whatever a kill left beside the output, the next build clears.
    build_into(&new_root, &site);
    assert_eq!(read_tree(&site), new);
    let beside: Vec<_> = std::fs::read_dir(site.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["site"], "after {olds} old and {news} new");
}
