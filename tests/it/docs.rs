//! The documentation keeps up with the code: every diagnostic code the
//! program can emit is documented in docs/diagnostics.md.

use crate::support::repo;

/// Codes passed to `Diagnostic::error(` / `Diagnostic::warning(` and the
/// YAML codes of `sidecar/parse.rs`, read from the source.
fn codes_in_source() -> Vec<String> {
    let mut codes = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().to_string_lossy().contains("tests") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for marker in
            ["Diagnostic::error(", "Diagnostic::warning(", "(\"unknown-field\"", "(\"missing-field\"", "(\"yaml\""]
        {
            for (i, _) in text.match_indices(marker) {
                let rest = text[i + marker.len() - usize::from(marker.starts_with("(\""))..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else { continue };
                let code: String =
                    rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-' || c.is_ascii_digit()).collect();
                if rest[code.len()..].starts_with('"') && code.len() > 2 {
                    codes.push(code);
                }
            }
        }
        for keyword in ["\"bad-stance\"", "\"bad-verdict\"", "\"bad-kind\""] {
            if text.contains(keyword) {
                codes.push(keyword.trim_matches('"').to_owned());
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_diagnostic_code_is_documented() {
    let docs = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap();
    let codes = codes_in_source();
    assert!(codes.len() >= 25, "{codes:?}");
    let missing: Vec<_> = codes.iter().filter(|c| !docs.contains(&format!("`{c}`"))).collect();
    assert!(missing.is_empty(), "undocumented codes: {missing:?}");
}
