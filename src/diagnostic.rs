//! Content problems as located, compiler-style diagnostics.
//!
//! Problems in the dossier are collected, never returned early, so one run
//! reports all of them; `render_human` prints them the way rustc does.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
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
    pub file: String,
    pub line: usize,
    pub column: usize,
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
    pub severity: Severity,
    /// Stable, documented in `docs/diagnostics.md`.
    pub code: &'static str,
    pub message: String,
    pub location: Location,
    /// Short text under the caret.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Other places that explain this one (the first definition of a duplicate).
    pub notes: Vec<(Location, String)>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, location: Location) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, location: Location) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message, location) }
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, location: Location, label: impl Into<String>) -> Diagnostic {
        self.notes.push((location, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Orders diagnostics by file, line and column, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| {
        (d.location.file.clone(), d.location.line, d.location.column, d.severity, d.code, d.message.clone())
    };
    diagnostics.sort_by_cached_key(key);
}

/// The text of every file, by the path diagnostics use.
pub type SourceMap = BTreeMap<String, String>;

/// How many errors and warnings, e.g. "2 errors, 1 warning".
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

/// Renders diagnostics like rustc: title, `--> file:line:column`, the line
/// with a caret under the offending value, notes, and `help:`.
pub fn render_human(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = level.primary_title(&d.message).id(d.code).element(snippet(
            &d.location,
            d.label.as_deref(),
            AnnotationKind::Primary,
            sources,
        ));
        for (location, label) in &d.notes {
            group = group.element(snippet(location, Some(label), AnnotationKind::Context, sources));
        }
        let mut report = vec![group];
        if let Some(help) = &d.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        let _ = writeln!(out, "{}\n", renderer.render(&report));
    }
    out
}

fn snippet<'a>(
    location: &'a Location,
    label: Option<&'a str>,
    kind: AnnotationKind,
    sources: &'a SourceMap,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let text = sources.get(&location.file).map(String::as_str).unwrap_or("");
    if location.line == 0 || text.is_empty() {
        return Snippet::source("").path(&location.file).fold(true);
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
    Snippet::source(&text[from..to]).line_start(location.line).path(&location.file).fold(true).annotation(annotation)
}

/// One line per diagnostic, for GitHub Actions: `::error file=…,line=…,col=…::…`.
pub fn render_github(diagnostics: &[Diagnostic]) -> String {
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
            escape_property(d.code),
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

/// One JSON object per line: severity, code, message, file, line, column, help.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let help = d.help.as_deref().map_or("null".to_owned(), json_string);
        // Line 0 means the whole file: no line to point at.
        let number = |n: usize| if d.location.line == 0 { "null".to_owned() } else { n.to_string() };
        let _ = writeln!(
            out,
            r#"{{"severity":{},"code":{},"message":{},"file":{},"line":{},"column":{},"help":{}}}"#,
            json_string(d.severity.as_str()),
            json_string(d.code),
            json_string(&d.message),
            json_string(&d.location.file),
            number(d.location.line),
            number(d.location.column),
            help
        );
    }
    out
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::search::push_json_str(&mut out, s);
    out
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
            "bad-stance",
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
        let d =
            Diagnostic::error("x", "a \"b\"\nc", Location { file: "a,b.yaml".into(), line: 2, column: 3, span: 0..0 });
        assert_eq!(
            render_json(std::slice::from_ref(&d)),
            "{\"severity\":\"error\",\"code\":\"x\",\"message\":\"a \\\"b\\\"\\nc\",\"file\":\"a,b.yaml\",\"line\":2,\"column\":3,\"help\":null}\n"
        );
        assert_eq!(render_github(&[d]), "::error file=a%2Cb.yaml,line=2,col=3,title=x::[x] a \"b\"%0Ac\n");
    }
}
