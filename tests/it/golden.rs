//! Golden files: expected output kept in the repository. Run with
//! `DOSSIER_BLESS=1 cargo test` to rewrite them after an intended change.

use std::path::Path;

pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("no golden file {}; run with DOSSIER_BLESS=1 to create it", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs from the output (first at line {}):\nexpected: {:?}\n  actual: {:?}\nrun with DOSSIER_BLESS=1 to accept the new output",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
