//! The command line: exit codes, diagnostics, and that nothing is lost.

use crate::golden::assert_golden;
use crate::support::*;

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_passes_on_the_sample() {
    let out = dossier(&["check", "--root", path(&sample_root())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[test]
fn check_reports_every_problem_located() {
    let out = dossier(&["check", "--root", path(&fixture("broken"))]);
    assert_eq!(out.status.code(), Some(1));
    assert_golden(&fixture("broken/expected/check.txt"), &stderr(&out));
}

#[test]
fn check_speaks_json_and_github() {
    let root = fixture("broken");
    let json = dossier(&["check", "--root", path(&root), "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    assert_golden(&fixture("broken/expected/check.json"), &String::from_utf8(json.stdout).unwrap());
    let github = dossier(&["check", "--root", path(&root), "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    let text = String::from_utf8(github.stdout).unwrap();
    assert!(
        text.lines().all(|l| l.starts_with("::error file=content/") || l.starts_with("::warning file=content/")),
        "{text}"
    );
}

#[test]
fn a_failed_build_leaves_the_old_output_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let ok = dossier(&["build", "--root", path(&fixture("quirks")), "--output", path(&output)]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let before = read_tree(&output);
    let failed = dossier(&["build", "--root", path(&fixture("broken")), "--output", path(&output)]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(read_tree(&output), before);
}

#[test]
fn build_refuses_to_replace_what_it_did_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("thesis.txt"), "years of work").unwrap();
    let out = dossier(&["build", "--root", path(&fixture("quirks")), "--output", path(&precious)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refusing to write"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(precious.join("thesis.txt")).unwrap(), "years of work");
}

#[test]
fn build_refuses_the_root_and_the_content_folder() {
    let root = fixture("quirks");
    for output in [root.clone(), root.join("content"), root.join("content/articles/x")] {
        let out = dossier(&["build", "--root", path(&root), "--output", path(&output)]);
        assert_eq!(out.status.code(), Some(2), "{}", output.display());
        assert!(stderr(&out).contains("refusing to write"), "{}", stderr(&out));
    }
}

#[test]
fn a_missing_dossier_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&["check", "--root", path(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a `content/` folder"), "{}", stderr(&out));
}

#[test]
fn a_rebuild_replaces_its_own_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("site");
    for _ in 0..2 {
        let out = dossier(&["build", "--root", path(&fixture("quirks")), "--output", path(&output)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(output.join("index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["site"], "no staging folders left behind");
}

#[test]
fn new_article_writes_a_checkable_pair_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/site.yaml"), "title: T\n").unwrap();
    let args =
        ["new", "article", "first-report", "--title", "First report", "--url", "https://e.org/1", "--root", path(root)];
    let out = dossier(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(root.join("content/articles/first-report.md")).unwrap();
    assert!(md.starts_with("---\ntitle: \"First report\"\nurl: \"https://e.org/1\"\n"), "{md}");
    assert!(root.join("content/articles/first-report.yaml").is_file());
    let check = dossier(&["check", "--root", path(root)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    std::fs::write(root.join("content/articles/first-report.md"), "edited").unwrap();
    let again = dossier(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(root.join("content/articles/first-report.md")).unwrap(), "edited");
    let bad = dossier(&["new", "article", "Bad Slug", "--root", path(root)]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn denied_warnings_stop_the_build_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/site.yaml"), "title: T\n").unwrap();
    std::fs::write(root.join("content/actors.yaml"), "- id: nobody\n  name: Nobody\n").unwrap();
    let output = root.join("site");
    let denied = dossier(&["build", "--root", path(root), "--output", path(&output), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
    assert!(stderr(&denied).contains("warning[unused-actor]"), "{}", stderr(&denied));
    assert!(!output.exists(), "nothing written");
    let allowed = dossier(&["build", "--root", path(root), "--output", path(&output)]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    assert!(output.join("index.html").is_file());
}

/// In a pipe (as in CI) there is no progress bar; `--verbose` adds one line
/// per stage, `--quiet` leaves only diagnostics.
#[test]
fn quiet_and_verbose_say_less_and_more() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("site");
    let build = |flag: &str| {
        let out = dossier(&["build", "--root", path(&sample_root()), "--output", path(&output), flag]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let normal = build("--deny-warnings");
    assert!(normal.starts_with("wrote ") && normal.lines().count() == 1, "{normal}");
    assert!(!normal.contains('\u{1b}') && !normal.contains('\r'), "no bar drawn in a pipe: {normal:?}");
    assert_eq!(build("--quiet"), "");
    let verbose = build("--verbose");
    for stage in ["reading: ", "checking: 2 articles checked in ", "rendering: "] {
        assert!(verbose.contains(stage), "{stage} missing from:\n{verbose}");
    }
    let both = dossier(&["check", "--root", path(&sample_root()), "--quiet", "--verbose"]);
    assert_eq!(both.status.code(), Some(2), "the two flags conflict");
}
