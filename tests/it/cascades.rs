//! One mistake in a registry gives one error, first: the references it
//! leaves unchecked are counted in one warning, not reported one by one.

use crate::support::*;

/// The sample in a temporary folder, with `file` edited by `edit`.
fn sample_with(file: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&sample_root(), dir.path());
    let path = dir.path().join(file);
    let before = std::fs::read(&path).unwrap();
    let after = edit(before.clone());
    assert_ne!(after, before, "the edit must change {file}");
    std::fs::write(&path, after).unwrap();
    dir
}

fn replace_once(text: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains(from), "{from:?}");
    text.replacen(from, to, 1).into_bytes()
}

/// `check --format github` on `dir`: its lines, and the exit status.
fn github(dir: &tempfile::TempDir) -> (Vec<String>, Option<i32>) {
    let out = dossier(&["check", "--root", dir.path().to_str().unwrap(), "--format", "github"]);
    (String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect(), out.status.code())
}

/// The cascade of an unreadable registry: its cause first, then one
/// warning counting the references it left unchecked, and nothing else
/// about references or unused entries.
fn assert_folded(lines: &[String], cause: &str, what: &str, file: &str) {
    assert!(lines[0].starts_with(cause), "the root cause comes first:\n{}", lines.join("\n"));
    for code in ["unknown-claim", "unknown-actor", "unused-claim", "unused-actor"] {
        assert!(!lines.iter().any(|l| l.contains(&format!("title={code}::"))), "no {code}:\n{}", lines.join("\n"));
    }
    let folded: Vec<&String> = lines.iter().filter(|l| l.contains("title=unchecked-references")).collect();
    assert_eq!(folded.len(), 1, "{}", lines.join("\n"));
    let message = format!("references to {what} could not be checked because `{file}` could not be read");
    assert!(folded[0].contains(&message), "{}", folded[0]);
    assert!(lines.len() <= 3, "{}", lines.join("\n"));
}

#[test]
fn tab_in_claims_yaml_floods_no_more_and_says_use_spaces_at_its_line() {
    let dir = sample_with("content/claims.yaml", |t| replace_once(t, "\n  statement:", "\n\tstatement:"));
    let text = std::fs::read_to_string(dir.path().join("content/claims.yaml")).unwrap();
    let line = text.lines().position(|l| l.starts_with('\t')).unwrap() + 1;
    let (lines, status) = github(&dir);
    assert_eq!(status, Some(1));
    let cause =
        format!("::error file=content/claims.yaml,line={line},col=1,title=yaml::[yaml] a tab in the indentation");
    assert_folded(&lines, &cause, "claims", "content/claims.yaml");
    assert!(lines[0].contains("use spaces instead of the tab"), "{}", lines[0]);
}

#[test]
fn scalar_aliases_in_actors_yaml_floods_no_more() {
    let dir = sample_with("content/actors.yaml", |t| {
        let text = String::from_utf8(t).unwrap();
        let at = text.find("aliases: [").unwrap();
        let end = at + text[at..].find(']').unwrap() + 1;
        format!("{}aliases: Kupyansk{}", &text[..at], &text[end..]).into_bytes()
    });
    let (lines, status) = github(&dir);
    assert_eq!(status, Some(1));
    assert_folded(&lines, "::error file=content/actors.yaml,", "actors", "content/actors.yaml");
}

#[test]
fn latin1_byte_in_a_comment_of_claims_yaml_floods_no_more() {
    let dir = sample_with("content/claims.yaml", |t| {
        let mut t = t;
        t.splice(0..0, b"# Kupiansk, caf\xe9 notes\n".iter().copied());
        t
    });
    let (lines, status) = github(&dir);
    assert_eq!(status, Some(1));
    assert_folded(
        &lines,
        "::error file=content/claims.yaml,line=1,col=16,title=not-utf8::",
        "claims",
        "content/claims.yaml",
    );
}
