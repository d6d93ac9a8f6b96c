//! One broken dossier per rule, under `fixtures/bad/<case>/`, each with the
//! exact diagnostics it must produce in `expected.txt` (golden; rewrite with
//! `DOSSIER_BLESS=1 cargo test`).

use crate::golden::assert_golden;
use crate::support::*;

#[test]
fn every_bad_case_fails_with_its_located_message() {
    let cases = fixture("bad");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&cases).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 25, "{} cases", dirs.len());
    for dir in dirs {
        let out = dossier(&["check", "--root", dir.to_str().unwrap()]);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}:\n{text}", dir.display());
        assert!(!text.contains("panicked"), "{}", dir.display());
        assert_golden(&dir.join("expected.txt"), &text);
    }
}
