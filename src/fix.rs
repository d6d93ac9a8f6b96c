//! `dossier check --fix`: the edits diagnostics carry ([`Fix`]), applied to
//! the text of their files. Pure: text in, text out; `load` reads the
//! files and `write` puts the new text on disk.
//!
//! Only the bytes a fix names change, so comments, layout and everything
//! else in the file stay as they were, byte for byte.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Fix, Location};

/// What `check --fix` does.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct FixOptions {
    /// Write nothing: report the fixes and the diff they would make.
    pub dry_run: bool,
}

impl FixOptions {
    /// Fixes and writes the files.
    pub fn new() -> FixOptions {
        FixOptions::default()
    }

    /// Only says what would change ([`crate::FixReport::diff`]).
    pub fn with_dry_run(mut self, dry_run: bool) -> FixOptions {
        self.dry_run = dry_run;
        self
    }
}

/// One fix applied (or, in a dry run, that would be).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied {
    /// Where the problem was, before the fix.
    pub location: Location,
    /// The code of the problem it fixes.
    pub code: crate::diagnostic::Code,
    /// What changed, in words.
    pub description: String,
}

impl Applied {
    /// `content/claims.yaml:3:9: renamed `x` to `y``, as printed.
    pub fn render(&self) -> String {
        format!(
            "{}:{}:{}: [{}] {}",
            self.location.file, self.location.line, self.location.column, self.code, self.description
        )
    }
}

/// The fixes of `diagnostics`, grouped by file; in each, the ones that
/// overlap an earlier one are left out (they are found again next time).
pub(crate) fn plan(diagnostics: &[Diagnostic]) -> BTreeMap<String, Vec<(&Fix, &Diagnostic)>> {
    let mut by_file: BTreeMap<String, Vec<(&Fix, &Diagnostic)>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = &d.fix {
            by_file.entry(fix.file.clone()).or_default().push((fix, d));
        }
    }
    for fixes in by_file.values_mut() {
        fixes.sort_by_key(|(f, _)| (f.span.start, f.span.end));
        let mut end = 0;
        fixes.retain(|(f, _)| {
            let keep = f.span.start >= end;
            if keep {
                end = f.span.end.max(f.span.start + 1);
            }
            keep
        });
    }
    by_file
}

/// `text` with every fix applied. The fixes must be `text`'s, sorted and
/// not overlapping (as [`plan`] leaves them); one that does not fit the
/// text is skipped.
pub(crate) fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        let fits = fix.span.start >= at
            && fix.span.end <= text.len()
            && text.is_char_boundary(fix.span.start)
            && text.is_char_boundary(fix.span.end);
        if !fits {
            continue;
        }
        out.push_str(&text[at..fix.span.start]);
        out.push_str(&fix.replacement);
        at = fix.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff of one file, with three lines of context.
pub(crate) fn diff(file: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{file}"), &format!("b/{file}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn fix(text: &str, old: &str, new: &str) -> Fix {
        let start = text.find(old).unwrap();
        Fix { file: "f.yaml".into(), span: start..start + old.len(), replacement: new.into(), description: "d".into() }
    }

    #[test]
    fn only_the_spans_change_comments_and_layout_stay() {
        let text = "# claims\n- id: a   # first\n  about: [kupyansk,  gantsev]\n\n\tx: 'y'\r\n";
        let fixes = [fix(text, "kupyansk", "kupiansk"), fix(text, "gantsev", "vitaly-gantsev")];
        let out = apply(text, &fixes.iter().collect::<Vec<_>>());
        assert_eq!(out, "# claims\n- id: a   # first\n  about: [kupiansk,  vitaly-gantsev]\n\n\tx: 'y'\r\n");
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let text = "claim: abc\n";
        let location = Location::file("f.yaml");
        let d = |f: Fix| Diagnostic::error(Code::UnknownClaim, "m", location.clone()).fix(f);
        let diagnostics = [d(fix(text, "abc", "x")), d(fix(text, "bc", "y"))];
        let plan = plan(&diagnostics);
        assert_eq!(plan["f.yaml"].len(), 1);
        let fixes: Vec<&Fix> = plan["f.yaml"].iter().map(|(f, _)| *f).collect();
        assert_eq!(apply(text, &fixes), "claim: x\n");
    }

    #[test]
    fn the_diff_is_unified() {
        let out = diff("content/a.yaml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(out, "--- a/content/a.yaml\n+++ b/content/a.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    }
}
