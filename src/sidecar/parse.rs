//! Parsing YAML into the raw types with located diagnostics, recovering
//! item by item so one mistake does not hide the others.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::characters;
use super::{RawAnnotation, SidecarFile, lenient};
use crate::diagnostic::{Code, Diagnostic, LineStarts, Location};
use crate::suggest;

/// A piece of a file: its path, the whole file's text, and where in the
/// file this piece starts (front matter starts after `---`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Src<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub offset: usize,
    /// The file's line index, when the caller has one (large files).
    pub lines: Option<&'a LineStarts>,
}

impl<'a> Src<'a> {
    pub(crate) fn whole(file: &'a str, text: &'a str) -> Src<'a> {
        Src { file, text, offset: 0, lines: None }
    }

    /// Where a spanned value stands in the file.
    pub(crate) fn at<T>(&self, value: &Spanned<T>) -> Location {
        let span = value.referenced.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => {
                let (start, end) = (self.offset + start as usize, self.offset + (start + len) as usize);
                match self.lines {
                    Some(lines) => Location::in_lines(self.file, self.text, start..end, lines),
                    None => Location::in_text(self.file, self.text, start..end),
                }
            }
            _ => self.line_column(value.referenced.line() as usize, value.referenced.column() as usize),
        }
    }

    /// A 1-based line and column of this piece, as a location in the file.
    pub(crate) fn line_column(&self, line: usize, column: usize) -> Location {
        let piece = &self.text[self.offset..];
        let line_start: usize = piece.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let col_offset: usize = piece[line_start..].chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
        let start = self.offset + line_start + col_offset;
        Location::in_text(self.file, self.text, start..start)
    }

    /// Parses this piece as YAML into `T`, or a located diagnostic.
    #[allow(clippy::result_large_err)] // one per file at most: size does not matter here
    pub(crate) fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, Diagnostic> {
        serde_saphyr::from_str(&self.text[self.offset..]).map_err(|e| self.yaml_error(&e))
    }

    /// Parses `T`; after an unknown field, parses the lenient twin `L` so
    /// the rest is still checked. Returns what it could and the problems.
    pub(crate) fn parse_lenient<T, L>(&self) -> (Option<T>, Vec<Diagnostic>)
    where
        T: for<'de> Deserialize<'de>,
        L: for<'de> Deserialize<'de> + Into<T>,
    {
        let (value, mut problems) = match self.parse::<T>() {
            Ok(value) => (Some(value), Vec::new()),
            Err(d) if d.code == Code::UnknownField => (self.parse::<L>().ok().map(Into::into), vec![d]),
            Err(d) => (None, vec![d]),
        };
        problems.extend(self.forbidden_characters());
        (value, problems)
    }

    fn yaml_error(&self, e: &serde_saphyr::Error) -> Diagnostic {
        let mut location = match e.location() {
            Some(l) if l.line() > 0 => self.line_column(l.line() as usize, l.column() as usize),
            _ => Location::file(self.file),
        };
        // YAML refuses most control characters written as they are, often
        // reporting where the value starts: point at the character itself,
        // with the code every other such character gets.
        if let Some((at, c)) = characters::refused_by_yaml(&self.text[self.offset..]) {
            let at = self.offset + at;
            let location = match self.lines {
                Some(lines) => Location::in_lines(self.file, self.text, at..at + c.len_utf8(), lines),
                None => Location::in_text(self.file, self.text, at..at + c.len_utf8()),
            };
            return characters::diagnostic(c, None, None, location);
        }
        // A key indented unlike its siblings is often read as the end of
        // its entry, and reported as a missing field a line above: say so
        // at the key itself.
        if let Some(d) = self.misindented_key() {
            return d;
        }
        let message = e.without_snippet().to_string();
        let message = message.lines().next().unwrap_or("invalid YAML");
        // The location is shown separately, in the file's own terms.
        let message = message.rsplit_once(" at line ").map_or(message, |(m, _)| m).to_owned();
        if let Some(d) = self.in_our_words(&message, &location) {
            return d;
        }
        let (code, help) = if message.contains("unknown field") {
            // Underline the whole key, not its first letter.
            let key = message.split('`').nth(1).unwrap_or_default();
            if self.text[location.span.start..].starts_with(key) {
                location.span = location.span.start..location.span.start + key.len();
            }
            (Code::UnknownField, unknown_field_help(&message))
        } else if message.contains("missing field") {
            (Code::MissingField, "add the field; see docs/content-format.md".to_owned())
        } else {
            (
                Code::Yaml,
                "check the YAML syntax here: indentation, quotes, `key: value`; see docs/content-format.md".to_owned(),
            )
        };
        Diagnostic::error(code, message, location).help(help)
    }
}

impl Src<'_> {
    /// The YAML reader's messages that speak of its own internals, said
    /// in the terms of the content format; and a tab in the indentation,
    /// pointed at where it is. `None` for the others.
    fn in_our_words(&self, message: &str, location: &Location) -> Option<Diagnostic> {
        let about_fields = message.contains("missing field") || message.contains("unknown field");
        if let Some(tab) = self.tab_before(location).filter(|_| !about_fields) {
            return Some(
                Diagnostic::error(Code::Yaml, "a tab in the indentation", tab)
                    .label("a tab")
                    .help("YAML indents with spaces only: use spaces instead of the tab"),
            );
        }
        if let Some(breach) = message.strip_prefix("budget breached: ") {
            return Some(budget(breach, location.clone()));
        }
        if message.starts_with("duplicate mapping key") {
            return Some(self.duplicate_key(location));
        }
        if message.starts_with("cannot deserialize null into") {
            let key = self.key_before(location);
            let message = key.map_or("this field needs a value".to_owned(), |k| format!("`{k}` needs a value"));
            let help = "give it a value, or leave the field out if it is optional (`~` and `null` mean no value)";
            return Some(Diagnostic::error(Code::Yaml, message, location.clone()).label("no value").help(help));
        }
        None
    }

    /// The first tab in a line's indentation, up to the line after the
    /// one YAML reports (it reports where the block before the tab ends).
    fn tab_before(&self, location: &Location) -> Option<Location> {
        let mut at = self.offset;
        for line in self.text[self.offset..].split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches([' ', '\t', '-']).len();
            if let Some(tab) = line[..indent].find('\t') {
                let found = Location::in_text(self.file, self.text, at + tab..at + tab + 1);
                return (location.line == 0 || found.line <= location.line + 1).then_some(found);
            }
            at += line.len();
        }
        None
    }

    /// The key of the value at `location`: what precedes it on its line,
    /// without `- ` and `:`.
    fn key_before(&self, location: &Location) -> Option<String> {
        let start = self.text[..location.span.start].rfind('\n').map_or(0, |i| i + 1);
        let key = self.text[start..location.span.start].trim().trim_start_matches(['-', ' ']).trim_end_matches(':');
        let key = key.trim().trim_matches(['"', '\'']);
        (!key.is_empty() && !key.contains([' ', ':'])).then(|| key.to_owned())
    }

    /// A key given twice in one mapping: located at the second, with the
    /// first as a note.
    fn duplicate_key(&self, location: &Location) -> Diagnostic {
        // Each line's key and the column it starts at.
        let mut lines = Vec::new();
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
            let body = line.trim_start_matches([' ', '-']);
            let column = line.len() - body.len();
            let key = body.split_once(':').map(|(k, _)| k.trim_end().trim_matches(['"', '\'']));
            lines.push((at, column, key.filter(|k| !k.is_empty() && !k.starts_with('#'))));
            at += line.len();
        }
        let here = lines.partition_point(|(start, _, _)| *start <= location.span.start).saturating_sub(1);
        let mut pair = None;
        if let Some(&(start, column, Some(key))) = lines.get(here) {
            // Earlier keys of the same mapping, up to one less indented.
            let same = |(_, c, k): &&(usize, usize, Option<&str>)| *c == column && *k == Some(key);
            let inside = |(s, c, k): &&(usize, usize, Option<&str>)| *s >= self.offset && (*c >= column || k.is_none());
            let before = lines[..here].iter().rev().take_while(|l| inside(l)).find(|l| same(l));
            let after = lines[here + 1..].iter().take_while(|l| inside(l)).find(|l| same(l));
            pair = match (before, after) {
                (Some(first), _) => Some((key, first.0 + first.1, start + column)),
                (None, Some(second)) => Some((key, start + column, second.0 + second.1)),
                _ => None,
            };
        }
        let Some((key, first, second)) = pair else {
            return Diagnostic::error(Code::Yaml, "a key is given twice in the same entry", location.clone())
                .help("keep one of them: each key may appear once in an entry");
        };
        let at = |start: usize| Location::in_text(self.file, self.text, start..start + key.len());
        Diagnostic::error(Code::Yaml, format!("`{key}` is given twice in the same entry"), at(second))
            .label("given again here")
            .note(at(first), "first given here")
            .help("keep one of them: each key may appear once in an entry")
    }
}

/// The YAML reader's limits, in words. `breach` is its own name for it
/// (`Nodes { nodes: 250001 }`).
fn budget(breach: &str, location: Location) -> Diagnostic {
    let (message, help) = match breach.split([' ', '{']).next().unwrap_or_default() {
        "Nodes" | "Events" | "ScalarBytes" | "InputBytes" => (
            "the file holds more than 250,000 YAML values (keys, values and list items), the most one file may hold",
            "split it: a sidecar holds at most about 27,000 annotations, a registry about 50,000 claims or actors; see docs/content-format.md, Limits",
        ),
        "Depth" => (
            "values nest more than 150 deep, the most one file may nest",
            "flatten the file: no field of the content format nests more than a few levels",
        ),
        "Aliases" | "Anchors" | "AliasAnchorRatio" | "MergeKeys" => (
            "the file uses too many YAML anchors (`&name`), aliases (`*name`) or merge keys (`<<`)",
            "write the values out: the content format needs no anchors or aliases",
        ),
        _ => (
            "the file is too large or too complex to read as YAML",
            "split the file; see docs/content-format.md, Limits",
        ),
    };
    Diagnostic::error(Code::Yaml, message, location).help(help)
}

/// Only the position of each item of a list, for recovering from errors.
#[derive(Deserialize)]
struct Positions(Vec<Spanned<serde::de::IgnoredAny>>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarPositions {
    #[serde(default)]
    annotations: Vec<Spanned<serde::de::IgnoredAny>>,
}

impl<'a> Src<'a> {
    /// Parses a YAML list of `T` item by item (`L` is `T`'s lenient twin),
    /// so that a mistake in one item does not hide the problems of others.
    pub(crate) fn parse_list<T, L>(&self) -> (Vec<(Src<'a>, T)>, Vec<Diagnostic>)
    where
        T: for<'de> Deserialize<'de>,
        L: for<'de> Deserialize<'de> + Into<T>,
    {
        match self.parse::<Vec<T>>() {
            Ok(items) => (items.into_iter().map(|i| (*self, i)).collect(), self.forbidden_characters()),
            Err(whole) => match self.parse::<Positions>() {
                Ok(Positions(items)) => self.items::<T, L>(&items, whole),
                // Even the list's shape cannot be read (a recursive alias,
                // say): its items are still where the lines say they are.
                Err(_) => match self.top_level_items() {
                    Some(starts) => self.items_at::<T, L>(starts, whole),
                    None => (Vec::new(), vec![whole]),
                },
            },
        }
    }

    /// Parses a sidecar annotation by annotation (see [`Src::parse_list`]).
    pub(crate) fn parse_sidecar(&self) -> (Vec<(Src<'a>, RawAnnotation)>, Vec<Diagnostic>) {
        match self.parse::<SidecarFile>() {
            Ok(file) => (file.annotations.into_iter().map(|a| (*self, a)).collect(), self.forbidden_characters()),
            Err(whole) => match self.parse::<SidecarPositions>() {
                Ok(SidecarPositions { annotations }) => {
                    self.items::<RawAnnotation, lenient::RawAnnotation>(&annotations, whole)
                }
                // Not even the list's shape reads (a key indented unlike
                // its siblings): its items are where the lines say.
                Err(_) => match self.annotation_lines() {
                    Some(starts) => self.items_at::<RawAnnotation, lenient::RawAnnotation>(starts, whole),
                    None => (Vec::new(), vec![whole]),
                },
            },
        }
    }

    /// Parses each item from its own lines: from the line where it starts
    /// to the line where the next one starts.
    fn items<T, L>(
        &self,
        items: &[Spanned<serde::de::IgnoredAny>],
        whole: Diagnostic,
    ) -> (Vec<(Src<'a>, T)>, Vec<Diagnostic>)
    where
        T: for<'de> Deserialize<'de>,
        L: for<'de> Deserialize<'de> + Into<T>,
    {
        let starts: Vec<usize> = items.iter().map(|i| self.line_start(self.at(i).span.start)).collect();
        self.items_at::<T, L>(starts, whole)
    }

    /// The items of a block list, parsed one by one from the offsets of
    /// the lines where each starts.
    fn items_at<T, L>(&self, starts: Vec<usize>, whole: Diagnostic) -> (Vec<(Src<'a>, T)>, Vec<Diagnostic>)
    where
        T: for<'de> Deserialize<'de>,
        L: for<'de> Deserialize<'de> + Into<T>,
    {
        if starts.windows(2).any(|w| w[0] >= w[1]) {
            return (Vec::new(), vec![whole]); // items share a line: a flow list
        }
        let (mut ok, mut errors) = (Vec::new(), Vec::new());
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(self.text.len());
            let piece = Src { text: &self.text[..end], offset: start, ..*self };
            let (one, mut problems) = match piece.parse::<Vec<T>>() {
                Ok(one) => (Some(one), Vec::new()),
                Err(d) if d.code == Code::UnknownField => {
                    let lenient = piece.parse::<Vec<L>>().ok().map(|v| v.into_iter().map(Into::into).collect());
                    (lenient, vec![d])
                }
                Err(d) => (None, vec![d]),
            };
            for d in &mut problems {
                if d.code == Code::MissingField {
                    // YAML reports it where the item ends; the author looks where it starts.
                    let dash = start + (self.text[start..end].len() - self.text[start..end].trim_start().len());
                    d.location = Location::in_text(self.file, self.text, dash..dash + 1);
                    d.message = format!("this entry has no {}", d.message.trim_start_matches("missing field "));
                }
            }
            errors.append(&mut problems);
            errors.extend(piece.forbidden_characters());
            match one {
                Some(mut one) if one.len() == 1 => ok.push((piece, one.remove(0))),
                Some(_) => return (Vec::new(), vec![whole]),
                None => {}
            }
        }
        if errors.is_empty() {
            // Every item reads alone: the mistake is between them (an
            // alias of another item's anchor). Report it as it is.
            errors.push(whole);
        }
        (ok, errors)
    }

    /// Where each item of a top-level block list starts, read from the
    /// lines alone (for when the YAML cannot be read even as a list of
    /// anything): the offsets of the lines that start with `-` at the
    /// list's indentation. `None` when the piece is not such a list.
    fn top_level_items(&self) -> Option<Vec<usize>> {
        let mut starts = Vec::new();
        let mut indent = None;
        let mut at = self.offset;
        for line in self.text[self.offset..].split_inclusive('\n') {
            let start = at;
            at += line.len();
            let content = line.trim_start_matches(' ');
            let trimmed = content.trim_end();
            if trimmed.is_empty() || trimmed.starts_with('#') || (start == self.offset && trimmed == "---") {
                continue;
            }
            let width = line.len() - content.len();
            let item = trimmed == "-" || content.starts_with("- ");
            match indent {
                None if item => indent = Some(width),
                None => return None,
                Some(i) if width < i => return None,
                Some(i) if width > i => continue,
                Some(_) if !item => return None,
                Some(_) => {}
            }
            starts.push(start);
        }
        (!starts.is_empty()).then_some(starts)
    }

    /// Where each item under a sidecar's `annotations:` line starts, read
    /// from the lines (see [`Src::top_level_items`]).
    fn annotation_lines(&self) -> Option<Vec<usize>> {
        let piece = &self.text[self.offset..];
        let mut at = self.offset;
        for line in piece.split_inclusive('\n') {
            at += line.len();
            if line.trim_end() == "annotations:" {
                return Src { offset: at, ..*self }.top_level_items();
            }
        }
        None
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }
}

impl Src<'_> {
    /// The first key of a block mapping indented unlike the keys before it
    /// in the same mapping (`claim:` at 3 spaces where its entry's keys are
    /// at 4), read from the lines; for explaining a YAML error, never for
    /// refusing YAML that parses.
    pub(crate) fn misindented_key(&self) -> Option<Diagnostic> {
        let mut level = Level::default();
        let mut at = self.offset;
        for line in self.text[self.offset..].split_inclusive('\n') {
            let start = at;
            at += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            let content = body.trim_start_matches(' ');
            let indent = body.len() - content.len();
            if let Some(quote) = level.in_quote {
                if body.contains(quote) {
                    level.in_quote = None;
                }
                continue;
            }
            if content.is_empty() || content.starts_with('#') || level.block.is_some_and(|b| indent > b) {
                continue;
            }
            level.block = None;
            let (key_indent, rest, dash) = match content.strip_prefix("- ") {
                Some(after) => {
                    let key = after.trim_start_matches(' ');
                    (indent + 2 + after.len() - key.len(), key, true)
                }
                None => (indent, content, false),
            };
            let Some((key, value)) = split_key(rest) else { continue };
            if let Some(expected) = level.check(key_indent, indent, dash) {
                let key_at = start + key_indent;
                let span = key_at..key_at + key.len();
                let location = match self.lines {
                    Some(lines) => Location::in_lines(self.file, self.text, span, lines),
                    None => Location::in_text(self.file, self.text, span),
                };
                let message = format!(
                    "`{key}` is indented {key_indent} spaces, but the keys before it in its entry are indented {expected}"
                );
                return Some(
                    Diagnostic::error(Code::Yaml, message, location)
                        .label(format!("expected {expected} spaces before `{key}`"))
                        .help(format!(
                            "indent `{key}:` by {expected} spaces, like the other keys of its entry: YAML reads which entry a key belongs to from its indentation"
                        )),
                );
            }
            let value = value.trim();
            if value.is_empty() {
                level.nested = true;
            } else if value.starts_with(['|', '>']) {
                level.block = Some(key_indent);
            } else if let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\''))
                && !value[1..].contains(q)
            {
                level.in_quote = Some(q);
            }
        }
        None
    }
}

/// Where [`Src::misindented_key`] is, line by line.
#[derive(Default)]
struct Level {
    /// The indentation of the current mapping's keys.
    keys: Option<usize>,
    /// The indentation of the `-` of the current entry (its keys are deeper).
    parent: Option<usize>,
    /// The last key had no value on its line: a deeper level may follow.
    nested: bool,
    /// Inside a block scalar (`|`, `>`) of a key at this indentation.
    block: Option<usize>,
    /// Inside a quoted scalar that goes on to the next lines.
    in_quote: Option<char>,
}

impl Level {
    /// Follows one key; the indentation it should have had, if it is wrong.
    fn check(&mut self, key_indent: usize, indent: usize, dash: bool) -> Option<usize> {
        let nested = std::mem::take(&mut self.nested);
        if dash {
            (self.keys, self.parent) = (Some(key_indent), Some(indent));
            return None;
        }
        match self.keys {
            Some(keys) if key_indent == keys => None,
            Some(keys) if key_indent > keys && nested => {
                (self.keys, self.parent) = (Some(key_indent), Some(keys));
                None
            }
            Some(keys) if self.parent.is_some_and(|p| key_indent > p) && !nested => Some(keys),
            _ => {
                // A key of an outer mapping, or the first one.
                (self.keys, self.parent) = (Some(key_indent), None);
                None
            }
        }
    }
}

/// `key` and what follows its `:`, if the line is a plain `key: value`.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let (key, rest) = line.split_at(end);
    let value = rest.strip_prefix(':')?;
    (!key.is_empty() && (value.is_empty() || value.starts_with([' ', '\t']))).then_some((key, value))
}

/// "did you mean `stance`?" from "unknown field `stanse`, expected one of
/// id, quote, …, stance, …".
fn unknown_field_help(message: &str) -> String {
    let field = message.split('`').nth(1).unwrap_or_default();
    let list =
        message.split_once("expected one of ").or_else(|| message.split_once("expected ")).map_or("", |(_, l)| l);
    let expected: Vec<&str> = list.split(", ").map(|f| f.trim_matches('`')).filter(|f| !f.is_empty()).collect();
    if expected.is_empty() {
        return "remove the field or fix its name".to_owned();
    }
    match suggest::did_you_mean(field, expected.iter().copied()) {
        Some(help) => help,
        None => {
            format!("the fields here are {}", expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sidecar::SidecarFile;

    fn error(text: &str) -> Diagnostic {
        Src::whole("s.yaml", text).parse::<SidecarFile>().unwrap_err()
    }

    #[test]
    fn budget_breached_nodes_says_what_limit_was_hit() {
        let text = format!("annotations:\n{}", "  - {id: a, quote: b, claim: c, stance: d}\n".repeat(28_000));
        let d = error(&text);
        assert_eq!(d.code, Code::Yaml);
        assert_eq!(
            d.message,
            "the file holds more than 250,000 YAML values (keys, values and list items), the most one file may hold"
        );
        assert!(d.help.as_deref().unwrap().contains("about 27,000 annotations"), "{d:?}");
        assert!(!format!("{d:?}").contains("Nodes {"), "{d:?}");
    }

    #[test]
    fn duplicate_key_policy_is_not_mentioned_the_second_key_is_located_the_first_noted() {
        let text =
            "annotations:\n  - id: a\n    quote: \"one\"\n    claim: c\n    quote: \"two\"\n    stance: supports\n";
        let d = error(text);
        assert_eq!(d.message, "`quote` is given twice in the same entry");
        assert_eq!((d.location.line, d.location.column), (5, 5), "{d:?}");
        assert_eq!(d.label.as_deref(), Some("given again here"));
        assert_eq!(d.notes.len(), 1);
        assert_eq!((d.notes[0].0.line, d.notes[0].0.column, d.notes[0].1.as_str()), (3, 5, "first given here"));
        assert_eq!(d.help.as_deref(), Some("keep one of them: each key may appear once in an entry"));
        assert!(!format!("{d:?}").contains("DuplicateKeyPolicy"), "{d:?}");
    }

    #[test]
    fn null_quote_needs_a_value_not_an_option_string() {
        let d = error("annotations:\n  - id: a\n    quote: ~\n    claim: c\n    stance: supports\n");
        assert_eq!(d.code, Code::Yaml);
        assert_eq!(d.message, "`quote` needs a value");
        assert_eq!(d.location.line, 3, "{d:?}");
        assert!(!format!("{d:?}").contains("Option<String>"), "{d:?}");
    }

    #[test]
    fn tab_in_indentation_says_use_spaces_at_the_tab_own_line() {
        let text = "- id: a\n  statement: \"A\"\n- id: b\n\tstatement: \"B\"\n";
        let d = Src::whole("claims.yaml", text).parse::<Vec<crate::sidecar::RawClaim>>().unwrap_err();
        assert_eq!(d.message, "a tab in the indentation");
        assert_eq!((d.location.line, d.location.column), (4, 1), "{d:?}");
        assert_eq!(d.help.as_deref(), Some("YAML indents with spaces only: use spaces instead of the tab"));
    }
}
