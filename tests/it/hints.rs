//! Hints for slips that are not errors: each warning produced from the
//! `fix` fixture (a clean dossier) with one slip, located, and exit 0.

use crate::support::*;

/// The `fix` fixture with `file` rewritten by `edit`: `check`'s output and status.
fn check_with(file: &str, edit: impl Fn(String) -> String) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("fix"), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let out = dossier(&["check", "--root", dir.path().to_str().unwrap()]);
    (stderr(&out), out.status.code())
}

#[test]
fn by_equal_to_via_gets_a_warning() {
    let (err, status) = check_with("content/articles/a.yaml", |t| t.replace("via: daily-gazette", "via: mayor"));
    assert_eq!(status, Some(0), "{err}");
    assert!(
        err.contains("warning[by-is-via]: `via` names the speaker `mayor` again\n --> content/articles/a.yaml:7:10"),
        "{err}"
    );
    assert!(err.contains("the speaker"), "{err}");
}

#[test]
fn repeated_contradicts_entries_get_a_warning() {
    let (err, status) = check_with("content/claims.yaml", |t| {
        t.replace("contradicts: [bridge-is-open]", "contradicts: [bridge-is-open, bridge-is-open]")
    });
    assert_eq!(status, Some(0), "{err}");
    assert!(
        err.contains("warning[repeated-contradiction]: claim `bridge-is-closed` lists `bridge-is-open` in `contradicts` twice\n --> content/claims.yaml:7:33"),
        "{err}"
    );
    assert!(err.contains("first listed here"), "{err}");
}

#[test]
fn cr_only_line_endings_get_a_hint() {
    let (err, _) = check_with("content/articles/a.yaml", |t| t.replace('\n', "\r"));
    assert!(
        err.contains("warning[cr-line-endings]: `content/articles/a.yaml` ends its lines with a carriage return alone"),
        "{err}"
    );
    assert!(err.contains("save the file with Unix (LF) or Windows (CRLF) line endings"), "{err}");
}
