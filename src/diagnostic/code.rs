//! Every diagnostic code, each with the name users see and its severity.
//!
//! A code is part of the interface: it is printed, matched by scripts on
//! the JSON output, and documented in `docs/diagnostics.md` (the tests
//! below hold the list and the page to each other). Adding one is a line
//! in the list below plus its documentation; see ARCHITECTURE.md.

use std::fmt;

use super::Severity;

/// Declares [`Code`] from one line per code, so that its name, its
/// severity and [`Code::ALL`] cannot drift apart.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// What kind of problem a diagnostic reports. Stable: see `docs/diagnostics.md`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the documentation's list.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The name printed in `error[name]` and in JSON, in kebab case.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Whether this code is an error or a warning (the same for every
            /// diagnostic with the code; `--deny-warnings` decides what fails).
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    // Files
    MissingSite = "missing-site", Error;
    NotUtf8 = "not-utf8", Error;
    FileTooLarge = "file-too-large", Error;
    LinkOutside = "link-outside", Error;
    BrokenLink = "broken-link", Error;
    // YAML and fields
    Yaml = "yaml", Error;
    UnknownField = "unknown-field", Error;
    MissingField = "missing-field", Error;
    // Ids and references
    BadId = "bad-id", Error;
    DuplicateId = "duplicate-id", Error;
    UnknownActor = "unknown-actor", Error;
    UnknownClaim = "unknown-claim", Error;
    SelfAffiliation = "self-affiliation", Error;
    SelfContradiction = "self-contradiction", Error;
    // Values
    BadStance = "bad-stance", Error;
    BadVerdict = "bad-verdict", Error;
    BadKind = "bad-kind", Error;
    BadForm = "bad-form", Error;
    BadDate = "bad-date", Error;
    BadUrl = "bad-url", Error;
    BadCname = "bad-cname", Error;
    BadLanguage = "bad-language", Error;
    EmptyTitle = "empty-title", Error;
    EmptyStatement = "empty-statement", Error;
    ControlCharacter = "control-character", Error;
    // Articles and sidecars
    MissingFrontMatter = "missing-front-matter", Error;
    EmptyArticle = "empty-article", Error;
    NestingTooDeep = "nesting-too-deep", Error;
    ArticleTooLarge = "article-too-large", Error;
    DuplicateSidecar = "duplicate-sidecar", Error;
    OrphanSidecar = "orphan-sidecar", Error;
    MisnamedArticle = "misnamed-article", Error;
    // Quotes
    EmptyQuote = "empty-quote", Error;
    QuoteNotFound = "quote-not-found", Error;
    AmbiguousQuote = "ambiguous-quote", Error;
    QuoteContextMismatch = "quote-context-mismatch", Error;
    HiddenQuote = "hidden-quote", Error;
    // Import
    ImportJson = "import-json", Error;
    ImportShape = "import-shape", Error;
    ImportUnmatchedSource = "import-unmatched-source", Error;
    ImportUnmapped = "import-unmapped", Error;
    ImportUnanchored = "import-unanchored", Error;
    ImportSidecar = "import-sidecar", Error;
    ImportExistingId = "import-existing-id", Warning;
    // Warnings
    UnusedActor = "unused-actor", Warning;
    UnusedClaim = "unused-claim", Warning;
    InconsistentActor = "inconsistent-actor", Warning;
    MissingArchive = "missing-archive", Warning;
    ImageWithoutAlt = "image-without-alt", Warning;
    UncheckedReferences = "unchecked-references", Warning;
    ByIsVia = "by-is-via", Warning;
    RepeatedContradiction = "repeated-contradiction", Warning;
    CrLineEndings = "cr-line-endings", Warning;
}

impl Code {
    /// A problem other problems follow from: a file that cannot be read,
    /// YAML that cannot be parsed, an entry dropped for a missing field
    /// (an unknown field is not: the rest of its entry is still read).
    /// Reported first.
    pub const fn is_root_cause(self) -> bool {
        matches!(
            self,
            Code::MissingSite
                | Code::NotUtf8
                | Code::FileTooLarge
                | Code::LinkOutside
                | Code::BrokenLink
                | Code::Yaml
                | Code::MissingField
        )
    }

    /// A problem that leaves part of its file unread: what is defined
    /// there is unknown to the rest of the dossier.
    pub(crate) const fn unreadable_part(self) -> bool {
        matches!(
            self,
            Code::NotUtf8
                | Code::FileTooLarge
                | Code::LinkOutside
                | Code::BrokenLink
                | Code::Yaml
                | Code::MissingField
                | Code::ControlCharacter
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    fn documentation() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The words between backticks in `text`.
    fn backticked(text: &str) -> impl Iterator<Item = &str> {
        text.split('`').skip(1).step_by(2)
    }

    /// The lines of `docs` from the heading `from` up to the next heading of
    /// that level, outside fenced code blocks.
    fn section<'a>(docs: &'a str, from: &str) -> Vec<&'a str> {
        let level = from.split(' ').next().unwrap();
        let mut lines = docs.lines().skip_while(|l| *l != from);
        assert!(lines.next().is_some(), "docs/diagnostics.md has no `{from}`");
        let mut fenced = false;
        let mut section = Vec::new();
        for line in lines {
            if line.starts_with("```") {
                fenced = !fenced;
            } else if !fenced && line.split(' ').next() == Some(level) {
                break;
            } else if !fenced {
                section.push(line);
            }
        }
        section
    }

    /// The "Codes at a glance" table: each code with the severity it lists.
    fn table(docs: &str) -> BTreeMap<String, String> {
        let mut rows = BTreeMap::new();
        for row in section(docs, "## Codes at a glance").into_iter().filter(|l| l.starts_with("| [`")) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let code = backticked(cells[1]).next().unwrap();
            assert_eq!(cells[1], format!("[`{code}`](#{code})"), "a row links to its section: {row}");
            assert!(rows.insert(code.to_owned(), cells[2].to_owned()).is_none(), "listed twice: {code}");
        }
        rows
    }

    /// The codes named in the contents list at the top of the page, after
    /// the link to their section.
    fn contents(docs: &str) -> Vec<&str> {
        let list = docs.lines().skip_while(|l| *l != "Contents:").take_while(|l| !l.starts_with("## "));
        let named = list.map(|l| if l.starts_with("- [") { l.split_once("): ").map_or("", |(_, c)| c) } else { l });
        named.flat_map(backticked).collect()
    }

    /// The `### code` headings of the sections that explain each code.
    fn headings(docs: &str) -> Vec<&str> {
        let explained = docs.lines().skip_while(|l| *l != "## Files");
        let explained = explained.take_while(|l| *l != "## Failures that are not diagnostics");
        let mut fenced = false;
        let mut headings = Vec::new();
        for line in explained {
            if line.starts_with("```") {
                fenced = !fenced;
            } else if let Some(code) = line.strip_prefix("### ").filter(|_| !fenced) {
                headings.push(code);
            }
        }
        headings
    }

    fn all() -> BTreeSet<&'static str> {
        Code::ALL.iter().map(|c| c.as_str()).collect()
    }

    /// Fails unless `named`, read from `place` in docs/diagnostics.md, names
    /// every code once and nothing else.
    fn assert_names_every_code(place: &str, named: &[&str]) {
        let set: BTreeSet<&str> = named.iter().copied().collect();
        assert_eq!(set.len(), named.len(), "a code named twice in the {place} of docs/diagnostics.md: {named:?}");
        let all = all();
        let unknown: Vec<_> = set.difference(&all).collect();
        let missing: Vec<_> = all.difference(&set).collect();
        assert!(unknown.is_empty(), "the {place} of docs/diagnostics.md names codes `Code` lacks: {unknown:?}");
        assert!(missing.is_empty(), "the {place} of docs/diagnostics.md lacks codes: {missing:?}");
    }

    #[test]
    fn every_code_is_listed_once_in_kebab_case() {
        assert_eq!(all().len(), Code::ALL.len(), "a name used twice");
        for code in Code::ALL {
            let name = code.as_str();
            let kebab = !name.is_empty()
                && name
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
            assert!(kebab, "{name:?}");
            assert_eq!(code.to_string(), name);
        }
    }

    #[test]
    fn every_diagnostic_code_is_documented() {
        let docs = documentation();
        let missing: Vec<_> = all().into_iter().filter(|c| !docs.contains(&format!("`{c}`"))).collect();
        assert!(missing.is_empty(), "codes missing from docs/diagnostics.md: {missing:?}");
    }

    #[test]
    fn the_codes_at_a_glance_are_the_codes_with_their_severity() {
        let table = table(&documentation());
        assert_names_every_code("table of codes", &table.keys().map(String::as_str).collect::<Vec<_>>());
        for code in Code::ALL {
            assert_eq!(table[code.as_str()], code.severity().as_str(), "the severity of `{code}`");
        }
    }

    #[test]
    fn every_code_has_its_section_and_its_place_in_the_contents() {
        let docs = documentation();
        assert_names_every_code("section headings", &headings(&docs));
        assert_names_every_code("contents", &contents(&docs));
    }
}
