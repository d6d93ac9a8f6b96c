//! Content problems as located, compiler-style diagnostics.
//!
//! Problems in the dossier are collected, never returned early, so one run
//! reports all of them; `render_human` prints them the way rustc does.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::escape::{controls as escape_controls, json_str};

mod code;

pub use code::Code;

/// How grave a diagnostic is: an error stops the build, a warning does not
/// (unless warnings are denied).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site is not built.
    Error,
    /// The site is built, unless warnings are denied.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a source file: path relative to the dossier root, 1-based
/// line and column (in characters), and the byte range the caret covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file's path relative to the dossier root, with `/`.
    pub file: String,
    /// 1-based; 0 when the problem is the whole file.
    pub line: usize,
    /// 1-based, in characters; 0 when the line is.
    pub column: usize,
    /// The bytes of the file the caret covers.
    pub span: Range<usize>,
}

/// Where each line of a text starts, so that locating many values in one
/// large file (a registry of thousands of claims) does not rescan it from
/// the top each time.
#[derive(Clone, Debug)]
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        LineStarts(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
}

impl Location {
    /// The location of `span` (byte offsets) inside `text`.
    pub fn in_text(file: &str, text: &str, span: Range<usize>) -> Location {
        Location::locate(file, text, span, None)
    }

    /// [`Location::in_text`], with the text's line index.
    pub fn in_lines(file: &str, text: &str, span: Range<usize>, lines: &LineStarts) -> Location {
        Location::locate(file, text, span, Some(lines))
    }

    fn locate(file: &str, text: &str, span: Range<usize>, lines: Option<&LineStarts>) -> Location {
        let mut start = floor_char_boundary(text, span.start.min(text.len()));
        // Past the final newline there is no line to show: stay on the last.
        if start == text.len() && text.ends_with('\n') {
            start -= 1;
        }
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, line_start) = match lines {
            Some(LineStarts(starts)) => {
                let line = starts.partition_point(|&s| s <= start);
                (line, starts[line - 1])
            }
            None => {
                // Called for every annotation: vectorised line counting.
                let before = &text.as_bytes()[..start];
                (memchr::memchr_iter(b'\n', before).count() + 1, memchr::memrchr(b'\n', before).map_or(0, |i| i + 1))
            }
        };
        let column = text[line_start..start].chars().count() + 1;
        Location { file: file.to_owned(), line, column, span: start..end }
    }

    /// A whole file, when no better place is known.
    pub fn file(file: &str) -> Location {
        Location { file: file.to_owned(), line: 0, column: 0, span: 0..0 }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in the content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Always the code's severity.
    pub severity: Severity,
    /// Stable, documented in `docs/diagnostics.md`.
    pub code: Code,
    /// What is wrong, in one line.
    pub message: String,
    /// Where: the value at fault, else its entry, else the file.
    pub location: Location,
    /// Short text under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places that explain this one (the first definition of a duplicate).
    pub notes: Vec<(Location, String)>,
    /// An edit that fixes it and is safe to apply without asking
    /// (`dossier check --fix`), if there is one.
    pub fix: Option<Fix>,
}

/// A machine-applicable fix: replace the bytes `span` of `file` with
/// `replacement`. Made where the problem is found, applied by `check --fix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The file's path relative to the dossier root, as in [`Location`].
    pub file: String,
    /// The bytes replaced.
    pub span: Range<usize>,
    /// What they are replaced with.
    pub replacement: String,
    /// What changes, in words: "renamed `x` to `y`".
    pub description: String,
}

impl Diagnostic {
    /// An error with `code` (an error code) at `location`.
    pub fn error(code: Code, message: impl Into<String>, location: Location) -> Diagnostic {
        debug_assert_eq!(code.severity(), Severity::Error, "`{code}` is a warning");
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            label: None,
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    /// A warning with `code` (a warning code) at `location`.
    pub fn warning(code: Code, message: impl Into<String>, location: Location) -> Diagnostic {
        debug_assert_eq!(code.severity(), Severity::Warning, "`{code}` is an error");
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            location,
            label: None,
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    /// With a short text under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// With a hint at what to do.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// With another place that explains this one.
    pub fn note(mut self, location: Location, label: impl Into<String>) -> Diagnostic {
        self.notes.push((location, label.into()));
        self
    }

    /// With an edit that fixes it, safe to apply without asking.
    pub fn fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Orders diagnostics root causes first (files that cannot be read, YAML
/// that cannot be parsed: what other problems follow from), then by file,
/// line and column, so output is stable and the cause of a cascade is never
/// cut off (GitHub shows only the first annotations of a run).
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| {
        let rank = u8::from(!d.code.is_root_cause());
        (
            rank,
            d.location.file.clone(),
            d.location.line,
            d.location.column,
            d.severity,
            d.code.as_str(),
            d.message.clone(),
        )
    };
    diagnostics.sort_by_cached_key(key);
}

/// Problems that follow from a file that could not be read, folded away:
/// while a registry is unreadable (in whole or in part), references to its
/// kind are not reported one by one (the ids may be defined in the part
/// that could not be read) but counted in one `unchecked-references`
/// warning; and while any file is, nothing is reported as unused (what
/// uses it may be there).
pub(crate) fn fold_cascades(diagnostics: &mut Vec<Diagnostic>) {
    let broken = |registry: &str| -> Option<Location> {
        let single = format!("content/{registry}.yaml");
        let folder = format!("content/{registry}/");
        diagnostics
            .iter()
            .find(|d| {
                d.is_error()
                    && d.code.unreadable_part()
                    && (d.location.file == single || d.location.file.starts_with(&folder))
            })
            .map(|d| d.location.clone())
    };
    let folds = [(broken("claims"), Code::UnknownClaim, "claims"), (broken("actors"), Code::UnknownActor, "actors")];
    let any_unreadable = diagnostics.iter().any(|d| d.is_error() && d.code.unreadable_part());
    let mut notes = Vec::new();
    for (cause, code, what) in folds {
        let Some(cause) = cause else { continue };
        let count = diagnostics.iter().filter(|d| d.code == code).count();
        diagnostics.retain(|d| d.code != code);
        if count > 0 {
            let plural = if count == 1 { "reference" } else { "references" };
            let message =
                format!("{count} {plural} to {what} could not be checked because `{}` could not be read", cause.file);
            let at = Location { line: 0, column: 0, span: 0..0, ..cause };
            notes.push(
                Diagnostic::warning(Code::UncheckedReferences, message, at).help(
                    "fix the error in that file first: the ids may be defined in the part that could not be read",
                ),
            );
        }
    }
    if any_unreadable {
        diagnostics.retain(|d| !matches!(d.code, Code::UnusedActor | Code::UnusedClaim));
    }
    diagnostics.extend(notes);
}

/// The text of every file, by the path diagnostics use.
pub type SourceMap = BTreeMap<String, String>;

/// How many errors and warnings, e.g. "2 errors, 1 warning".
pub(crate) fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

/// Renders diagnostics like rustc: title, `--> file:line:column`, the line
/// with a caret under the offending value, notes, and `help:`.
///
/// Messages, labels, help and file names quote what the content says (an
/// id, a file's name), and may hold a newline or a terminal escape: they are
/// shown escaped ([`crate::escape::controls`]), so no text in a dossier can start a
/// line of its own (a CI log's `::error` command) or drive the terminal.
/// Source lines are escaped by the renderer itself.
pub(crate) fn render_human(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape_controls(&d.message);
        let label = d.label.as_deref().map(escape_controls);
        let help = d.help.as_deref().map(escape_controls);
        let notes: Vec<(&Location, Cow<'_, str>)> = d.notes.iter().map(|(l, n)| (l, escape_controls(n))).collect();
        let files: Vec<Cow<'_, str>> = std::iter::once(&d.location)
            .chain(notes.iter().map(|(l, _)| *l))
            .map(|l| match sources.get(&l.file) {
                // A place in a file whose text cannot be shown (not UTF-8)
                // is still named by line and column.
                None if l.line > 0 => Cow::Owned(format!("{}:{}:{}", escape_controls(&l.file), l.line, l.column)),
                _ => escape_controls(&l.file),
            })
            .collect();
        let mut group = level.primary_title(&*message).id(d.code.as_str()).element(snippet(
            &d.location,
            &files[0],
            label.as_deref(),
            AnnotationKind::Primary,
            sources,
        ));
        for ((location, label), file) in notes.iter().zip(&files[1..]) {
            group = group.element(snippet(location, file, Some(label), AnnotationKind::Context, sources));
        }
        let mut report = vec![group];
        if let Some(help) = &help {
            report.push(Group::with_title(Level::HELP.secondary_title(&**help)));
        }
        let _ = writeln!(out, "{}\n", renderer.render(&report));
    }
    out
}

fn snippet<'a>(
    location: &'a Location,
    shown_file: &'a str,
    label: Option<&'a str>,
    kind: AnnotationKind,
    sources: &'a SourceMap,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let text = sources.get(&location.file).map(String::as_str).unwrap_or("");
    if location.line == 0 || text.is_empty() {
        return Snippet::source("").path(shown_file).fold(true);
    }
    let span = if location.span.is_empty() {
        // An empty span still deserves a caret: widen it to one character.
        let end = text[location.span.start..]
            .chars()
            .next()
            .map_or(location.span.start, |c| location.span.start + c.len_utf8());
        location.span.start..end
    } else {
        location.span.clone()
    };
    // Only the lines the span covers: the renderer indexes every line of
    // its source, and an article may have millions.
    let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let mut annotation = kind.span(span.start - from..span.end - from);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    Snippet::source(&text[from..to]).line_start(location.line).path(shown_file).fold(true).annotation(annotation)
}

/// One line per diagnostic, for GitHub Actions: `::error file=…,line=…,col=…::…`.
pub(crate) fn render_github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mut message = format!("[{}] {}", d.code, d.message);
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity.as_str(),
            escape_property(&d.location.file),
            d.location.line.max(1),
            d.location.column.max(1),
            escape_property(d.code.as_str()),
            escape_data(&message)
        );
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One JSON object per line: severity, code, message, file, line, column
/// and help; then, added after them so that older readers keep working,
/// where the marked text ends, the label under it, and the notes (the
/// other places, each with its span and label). Documented in
/// `docs/diagnostics.md`.
pub(crate) fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (start, end) = json_span(&d.location, sources);
        let _ = write!(
            out,
            r#"{{"severity":{},"code":{},"message":{},{start},"help":{},{end},"label":{},"notes":["#,
            json_str(d.severity.as_str()),
            json_str(d.code.as_str()),
            json_str(&d.message),
            json_option(d.help.as_deref()),
            json_option(d.label.as_deref()),
        );
        for (i, (location, message)) in d.notes.iter().enumerate() {
            let (start, end) = json_span(location, sources);
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(out, r#"{comma}{{{start},{end},"message":{}}}"#, json_str(message));
        }
        out.push_str("]}\n");
    }
    out
}

/// The keys `"file","line","column"` of a location, and `"end_line","end_column"`:
/// just past the last character it marks. Line 0 means the whole file, with
/// no line to point at: all `null`; so is the end of a file whose text is
/// not known.
fn json_span(location: &Location, sources: &SourceMap) -> (String, String) {
    let file = json_str(&location.file);
    let no_end = r#""end_line":null,"end_column":null"#.to_owned();
    if location.line == 0 {
        return (format!(r#""file":{file},"line":null,"column":null"#), no_end);
    }
    let start = format!(r#""file":{file},"line":{},"column":{}"#, location.line, location.column);
    let Some(text) = sources.get(&location.file).filter(|text| !text.is_empty()) else { return (start, no_end) };
    let end = marked(location, text).end;
    let end = Location::in_text(&location.file, text, end..end);
    (start, format!(r#""end_line":{},"end_column":{}"#, end.line, end.column))
}

/// The bytes a location marks: its span or, for an empty span, the
/// character there (as the caret of the human output shows it), unless
/// that is the end of the line.
fn marked(location: &Location, text: &str) -> Range<usize> {
    let Range { start, end } = location.span.clone();
    if start < end {
        return start..end;
    }
    let next = text.get(start..).and_then(|rest| rest.chars().next()).filter(|c| !matches!(c, '\n' | '\r'));
    start..start + next.map_or(0, char::len_utf8)
}

fn json_option(s: Option<&str>) -> String {
    s.map_or("null".to_owned(), json_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_characters() {
        let text = "a: 1\nquote: \"Куп’янськ\" x\n";
        let start = text.find('x').unwrap();
        let loc = Location::in_text("f.yaml", text, start..start + 1);
        assert_eq!((loc.line, loc.column), (2, 20));
    }

    #[test]
    fn human_output_points_at_the_value() {
        let text = "annotations:\n  - id: a\n    stance: suport\n".to_owned();
        let start = text.find("suport").unwrap();
        let d = Diagnostic::error(
            Code::BadStance,
            "unknown stance `suport`",
            Location::in_text("s.yaml", &text, start..start + 6),
        )
        .label("not a stance")
        .help("use `supports`, `disputes` or `context`");
        let sources = SourceMap::from([("s.yaml".to_owned(), text)]);
        let out = render_human(&[d], &sources, false);
        assert!(out.contains("error[bad-stance]: unknown stance `suport`"), "{out}");
        assert!(out.contains("--> s.yaml:3:13"), "{out}");
        assert!(out.contains("stance: suport"), "{out}");
        assert!(out.contains("^^^^^^ not a stance"), "{out}");
        assert!(out.contains("help: use `supports`"), "{out}");
    }

    #[test]
    fn machine_formats_escape() {
        let d = Diagnostic::error(
            Code::Yaml,
            "a \"b\"\nc",
            Location { file: "a,b.yaml".into(), line: 2, column: 3, span: 0..0 },
        );
        assert_eq!(
            render_json(std::slice::from_ref(&d), &SourceMap::new()),
            "{\"severity\":\"error\",\"code\":\"yaml\",\"message\":\"a \\\"b\\\"\\nc\",\"file\":\"a,b.yaml\",\"line\":2,\"column\":3,\"help\":null,\"end_line\":null,\"end_column\":null,\"label\":null,\"notes\":[]}\n"
        );
        assert_eq!(render_github(&[d]), "::error file=a%2Cb.yaml,line=2,col=3,title=yaml::[yaml] a \"b\"%0Ac\n");
    }

    #[test]
    fn json_carries_the_label_the_notes_and_where_each_span_ends() {
        let text = "- id: gantsev\n  name: Ганцев\n- id: gantsev\n  kind: person\n".to_owned();
        let at = |needle: &str, nth: usize| {
            let start = text.match_indices(needle).nth(nth).unwrap().0;
            Location::in_text("actors.yaml", &text, start..start + needle.len())
        };
        let duplicate = Diagnostic::error(Code::DuplicateId, "defined twice", at("gantsev", 1))
            .label("defined again here")
            .note(at("gantsev", 0), "first defined here")
            .note(at("Ганцев", 0), "a name in Cyrillic");
        // An empty span marks the character at it, as the caret does.
        let entry = at("- id", 1);
        let entry = Location { span: entry.span.start..entry.span.start, ..entry };
        let missing = Diagnostic::error(Code::MissingField, "no `name`", entry);
        let unreadable =
            Diagnostic::error(Code::NotUtf8, "not UTF-8", Location::file("latin1.md")).help("save as UTF-8");
        let sources = SourceMap::from([("actors.yaml".to_owned(), text.clone())]);
        let json = render_json(&[duplicate, missing, unreadable], &sources);
        let lines: Vec<serde_json::Value> = json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(
            lines[0],
            serde_json::json!({
                "severity": "error", "code": "duplicate-id", "message": "defined twice",
                "file": "actors.yaml", "line": 3, "column": 7, "help": null,
                "end_line": 3, "end_column": 14, "label": "defined again here",
                "notes": [
                    {"file": "actors.yaml", "line": 1, "column": 7, "end_line": 1, "end_column": 14, "message": "first defined here"},
                    {"file": "actors.yaml", "line": 2, "column": 9, "end_line": 2, "end_column": 15, "message": "a name in Cyrillic"},
                ],
            })
        );
        assert_eq!((&lines[1]["line"], &lines[1]["column"]), (&3.into(), &1.into()));
        assert_eq!((&lines[1]["end_line"], &lines[1]["end_column"]), (&3.into(), &2.into()));
        assert_eq!(lines[1]["label"], serde_json::Value::Null);
        let whole_file = ["line", "column", "end_line", "end_column", "label"].map(|key| lines[2][key].clone());
        assert_eq!(whole_file, [(); 5].map(|()| serde_json::Value::Null));
        assert_eq!(lines[2]["help"], "save as UTF-8");
        // The keys of the first format come first, in their order.
        assert!(json.lines().all(|l| l.starts_with(r#"{"severity":"#)), "{json}");
        assert!(json.contains(r#""column":7,"help":null,"end_line":3"#), "{json}");
    }

    /// A diagnostic whose id, file name, label, help and note all carry a
    /// line that GitHub Actions would take as a workflow command.
    fn injected() -> (Diagnostic, SourceMap) {
        let file = "content/articles/x\n::error file=a.md::forged.yaml";
        let text = "annotations:\n  - id: \"a\\nb\"\r::error::forged by a lone CR \u{1b}[2J\n".to_owned();
        let at = text.find("id:").unwrap();
        let d = Diagnostic::error(
            Code::BadId,
            "`a\n::error::forged by the id` is not an id",
            Location::in_text(file, &text, at..at + 3),
        )
        .label("label\r::warning::x")
        .help("help\n::error::y \u{9b}2J")
        .note(Location::in_text(file, &text, 0..1), "note\n::notice::z");
        (d, SourceMap::from([(file.to_owned(), text)]))
    }

    #[test]
    fn newline_injection_human_output_escapes_what_it_quotes() {
        let (d, sources) = injected();
        let out = render_human(&[d], &sources, false);
        for line in out.split(['\n', '\r']) {
            let command = ["::error", "::warning", "::notice"].iter().any(|c| line.trim_start().starts_with(c));
            assert!(!command, "a line of its own: {line:?} in\n{out}");
            assert!(!line.contains(['\u{1b}', '\u{9b}']), "a terminal escape: {line:?}");
        }
        assert!(out.contains("error[bad-id]: `a\\n::error::forged by the id` is not an id"), "{out}");
        assert!(out.contains("--> content/articles/x\\n::error file=a.md::forged.yaml:2:5"), "{out}");
        assert!(out.contains("help: help\\n::error::y \\u{9b}2J"), "{out}");
        assert!(out.contains("note\\n::notice::z"), "{out}");
    }

    #[test]
    fn newline_injection_github_output_is_one_line_each() {
        let (d, _) = injected();
        let out = render_github(&[d]);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(!out.trim_end_matches('\n').contains(['\n', '\r']), "{out:?}");
        assert!(
            out.starts_with("::error file=content/articles/x%0A%3A%3Aerror file=a.md%3A%3Aforged.yaml,line=2,col=5,"),
            "{out}"
        );
        assert!(
            out.contains("::[bad-id] `a%0A::error::forged by the id` is not an id%0Ahelp: help%0A::error::y"),
            "{out}"
        );
    }

    #[test]
    fn root_causes_sort_first_and_a_broken_registry_folds_its_references() {
        let at = |file: &str, line| Location { file: file.into(), line, column: 1, span: 0..0 };
        let mut diagnostics = vec![
            Diagnostic::error(
                Code::UnknownClaim,
                "`claim` names an unknown claim `a`",
                at("content/articles/a.yaml", 3),
            ),
            Diagnostic::error(
                Code::UnknownClaim,
                "`claim` names an unknown claim `b`",
                at("content/articles/b.yaml", 3),
            ),
            Diagnostic::warning(Code::UnusedActor, "actor `x` is not used", at("content/actors.yaml", 1)),
            Diagnostic::error(Code::BadStance, "`s` is not a stance", at("content/articles/a.yaml", 1)),
            Diagnostic::error(Code::Yaml, "a tab in the indentation", at("content/claims.yaml", 9)),
        ];
        fold_cascades(&mut diagnostics);
        sort(&mut diagnostics);
        let found: Vec<(&str, &str)> =
            diagnostics.iter().map(|d| (d.code.as_str(), d.location.file.as_str())).collect();
        assert_eq!(
            found,
            [
                ("yaml", "content/claims.yaml"),
                ("bad-stance", "content/articles/a.yaml"),
                ("unchecked-references", "content/claims.yaml"),
            ]
        );
        assert_eq!(
            diagnostics[2].message,
            "2 references to claims could not be checked because `content/claims.yaml` could not be read"
        );
    }

    #[test]
    fn escape_controls_leaves_plain_text_alone() {
        assert!(matches!(escape_controls("Куп’янськ `id` \\n"), Cow::Borrowed(_)));
        assert_eq!(escape_controls("a\tb\u{7f}\u{202e}c"), "a\\tb\\u{7f}\\u{202e}c");
    }
}
