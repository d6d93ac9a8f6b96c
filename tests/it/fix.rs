//! `dossier check --fix`: the safe fixes applied to the exact spans, each
//! printed, `--dry-run` printing a diff and writing nothing, and what is
//! left reported as `check` reports it.

use std::path::Path;

use crate::support::*;

const SIDECAR: &str = "content/articles/a.yaml";

/// The `fix` fixture (a clean dossier) in a temporary folder, its sidecar
/// edited by `edit`.
fn dossier_with(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("fix"), dir.path());
    let path = dir.path().join(SIDECAR);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit must change the sidecar");
    std::fs::write(&path, edited).unwrap();
    dir
}

fn sidecar(root: &Path) -> String {
    std::fs::read_to_string(root.join(SIDECAR)).unwrap()
}

fn clean_sidecar() -> String {
    std::fs::read_to_string(fixture("fix").join(SIDECAR)).unwrap()
}

fn fix(root: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--fix"];
    args.extend(more);
    dossier(&args)
}

#[test]
fn fix_renames_an_unknown_claim_and_actor_to_their_one_close_id() {
    let dir = dossier_with(|t| {
        t.replacen("claim: bridge-is-open\n", "claim: bridge-is-opn\n", 1).replace("by: mayor", "by: 'mayr'")
    });
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("fixed content/articles/a.yaml:4:12: [unknown-claim] renamed `bridge-is-opn` to `bridge-is-open`"),
        "{err}"
    );
    assert!(err.contains("fixed content/articles/a.yaml:6:9: [unknown-actor] renamed `mayr` to `mayor`"), "{err}");
    assert!(err.contains("fixed 2 problems"), "{err}");
    // Only the id changes: its quotes stay.
    assert_eq!(sidecar(dir.path()), clean_sidecar().replace("by: mayor", "by: 'mayor'"));
}

#[test]
fn fix_leaves_an_unknown_id_with_no_close_candidate_and_exits_1() {
    let dir = dossier_with(|t| {
        t.replacen("claim: bridge-is-open\n", "claim: bridge-is-opn\n", 1)
            .replace("claim: bridge-is-closed", "claim: nothing-like-it")
    });
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "errors remain: {err}");
    assert!(err.contains("error[unknown-claim]: `claim` names an unknown claim `nothing-like-it`"), "{err}");
    assert!(!err.contains("unknown claim `bridge-is-opn`"), "fixed, so no longer reported: {err}");
    assert!(err.contains("1 error, 1 warning"), "{err}");
    assert!(sidecar(dir.path()).contains("claim: nothing-like-it"));
}

#[test]
fn fix_gives_an_ambiguous_quote_the_prefix_its_near_miss_meant() {
    let dir = dossier_with(|t| t.replace("prefix: \"disagreed:\"", "prefix: \"disgreed\""));
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("[quote-context-mismatch] set `prefix` to \"disagreed:\""), "{err}");
    assert_eq!(sidecar(dir.path()), clean_sidecar());
}

#[test]
fn fix_leaves_an_ambiguous_quote_alone_when_nothing_says_which_was_meant() {
    let dir = dossier_with(|t| t.replace("    prefix: \"disagreed:\"\n", ""));
    let before = sidecar(dir.path());
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[ambiguous-quote]"), "{err}");
    assert!(err.contains("fixed 0 problems"), "{err}");
    assert_eq!(sidecar(dir.path()), before);
}

#[test]
fn fix_replaces_a_quote_that_differs_only_in_case_and_whitespace() {
    let dir = dossier_with(|t| t.replace("\"Repairs began on Monday\"", "'repairs   began on MONDAY'"));
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("[quote-not-found] replaced the quote with the article's text “Repairs began on Monday”"),
        "{err}"
    );
    assert_eq!(sidecar(dir.path()), clean_sidecar());
}

#[test]
fn fix_renames_nothing_while_the_registry_cannot_be_read() {
    let dir = dossier_with(|t| t.replacen("claim: bridge-is-open\n", "claim: bridge-is-opn\n", 1));
    let claims = dir.path().join("content/claims.yaml");
    let text = std::fs::read_to_string(&claims).unwrap().replacen("\n  statement:", "\n\tstatement:", 1);
    std::fs::write(&claims, text).unwrap();
    let before = sidecar(dir.path());
    let out = fix(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("fixed 0 problems"), "{err}");
    assert!(err.contains("error[yaml]: a tab in the indentation"), "{err}");
    assert_eq!(sidecar(dir.path()), before, "the id may be defined where the tab is");
}

/// Every kind of fix at once, in a sidecar with comments and odd layout.
fn everything_to_fix() -> tempfile::TempDir {
    dossier_with(|t| {
        let t = t.replacen("annotations:\n", "# reviewed by A. Reporter\nannotations:   # three of them\n\n", 1);
        t.replacen("claim: bridge-is-open\n", "claim:   bridge-is-opn    # typo\n", 1)
            .replace("prefix: \"disagreed:\"", "prefix: \"disgreed\"")
            .replace("\"Repairs began on Monday\"", "\"repairs began on monday\"")
    })
}

#[test]
fn fix_keeps_comments_and_layout_byte_for_byte_and_a_second_fix_changes_nothing() {
    let dir = everything_to_fix();
    let out = fix(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = clean_sidecar()
        .replacen("annotations:\n", "# reviewed by A. Reporter\nannotations:   # three of them\n\n", 1)
        .replacen("claim: bridge-is-open\n", "claim:   bridge-is-open    # typo\n", 1);
    assert_eq!(sidecar(dir.path()), expected);
    let tree = read_tree(dir.path());
    let again = fix(dir.path(), &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stderr(&again).contains("fixed 0 problems"), "{}", stderr(&again));
    assert_eq!(read_tree(dir.path()), tree, "a second --fix changes nothing");
}

#[test]
fn fix_dry_run_writes_nothing_and_prints_the_diff() {
    let dir = everything_to_fix();
    let tree = read_tree(dir.path());
    let out = fix(dir.path(), &["--dry-run"]);
    let err = stderr(&out);
    let diff = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(read_tree(dir.path()), tree, "nothing written");
    assert!(err.contains("would fix 3 problems"), "{err}");
    assert!(err.contains("would fix content/articles/a.yaml:"), "{err}");
    assert!(diff.starts_with("--- a/content/articles/a.yaml\n+++ b/content/articles/a.yaml\n@@ "), "{diff}");
    for line in [
        "-    claim:   bridge-is-opn    # typo",
        "+    claim:   bridge-is-open    # typo",
        "-    prefix: \"disgreed\"",
        "+    prefix: \"disagreed:\"",
        "-    quote: \"repairs began on monday\"",
        "+    quote: \"Repairs began on Monday\"",
    ] {
        assert!(diff.lines().any(|l| l == line), "{line:?} in\n{diff}");
    }
    // What remains is reported as if the fixes were made: nothing.
    assert_eq!(out.status.code(), Some(0), "{err}");
}
