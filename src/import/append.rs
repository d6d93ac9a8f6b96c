//! Appending annotations to a sidecar as its author would: the file kept
//! byte for byte, new items added after its last line (or in place of an
//! empty `annotations: []`) with the indentation its items already have,
//! every value written so that the YAML parser reads it back exactly.
//! What is appended is read back and compared before it is kept.

use std::fmt::Write as _;

use super::map::Entry;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::escape;
use crate::model::Id;
use crate::sidecar::{RawAnnotation, Src};

/// The first lines of a sidecar that import creates.
const HEADER: &str = "# Annotations of the article beside this file (same name, .md),\n\
# added by `dossier import`. See docs/content-format.md.\n";

/// How the items of a sidecar's list are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Style {
    /// Spaces before the `-`.
    indent: usize,
    /// Spaces between the `-` and the first key.
    gap: usize,
    /// Items are separated by a blank line.
    blank: bool,
}

const DEFAULT_STYLE: Style = Style { indent: 2, gap: 1, blank: false };

/// The sidecar with `entries` added: a new one when there is none. An
/// `import-sidecar` error when its list cannot be appended to, or the
/// result would not read back as the same annotations plus the new ones.
pub(super) fn append(path: &str, before: Option<&str>, entries: &[(Id, Entry)]) -> Result<String, Diagnostic> {
    let text = match before {
        None => format!("{HEADER}annotations:\n{}", items(entries, DEFAULT_STYLE)),
        Some(before) => extend(path, before, entries)?,
    };
    verify(path, before, &text, entries)?;
    Ok(text)
}

fn extend(path: &str, before: &str, entries: &[(Id, Entry)]) -> Result<String, Diagnostic> {
    let refuse = |why: &str, at: usize| {
        Diagnostic::error(
            Code::ImportSidecar,
            format!("cannot add annotations to `{path}`: {why}"),
            Location::in_text(path, before, at..at),
        )
        .help("write its annotations as a block list (`annotations:`, then one `- id: …` item per annotation), then import again")
    };
    let newline = if before.is_empty() || before.ends_with('\n') { "" } else { "\n" };
    let Some((key_line, after_colon)) = annotations_key(before) else {
        if before.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
            return Ok(format!("{before}{newline}annotations:\n{}", items(entries, DEFAULT_STYLE)));
        }
        return Err(refuse("it has no `annotations:` list", 0));
    };
    let line_end = before[after_colon..].find('\n').map_or(before.len(), |i| after_colon + i);
    let rest = &before[after_colon..line_end];
    let value = rest.split(" #").next().unwrap_or_default().trim();
    match value {
        "" | "~" | "null" => {
            let style = style(before, line_end).unwrap_or(DEFAULT_STYLE);
            if value.is_empty() {
                Ok(format!("{before}{newline}{}", items(entries, style)))
            } else {
                // `annotations: ~`: the value goes, the list comes in its place.
                let at = after_colon + rest.find(value).unwrap_or(0);
                Ok(splice(before, after_colon..at + value.len(), line_end, entries))
            }
        }
        "[]" => {
            let at = after_colon + rest.find("[]").unwrap_or(0);
            Ok(splice(before, after_colon..at + 2, line_end, entries))
        }
        _ => Err(refuse("its annotations are not a block list", key_line)),
    }
}

/// `before` with `value` (after the key's colon) removed and the items
/// added after the key's line, whose end is `line_end`.
fn splice(before: &str, value: std::ops::Range<usize>, line_end: usize, entries: &[(Id, Entry)]) -> String {
    let mut out = String::with_capacity(before.len() + 256);
    out.push_str(&before[..value.start]);
    out.push_str(&before[value.end..line_end]);
    out.push('\n');
    out.push_str(&items(entries, DEFAULT_STYLE));
    out.push_str(before.get(line_end + 1..).unwrap_or_default());
    out
}

/// Where the top-level `annotations` key's line starts, and where its
/// colon ends.
fn annotations_key(text: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        for key in ["annotations", "\"annotations\"", "'annotations'"] {
            if let Some(rest) = line.strip_prefix(key) {
                let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                if rest[spaces..].starts_with(':') {
                    return Some((at, at + key.len() + spaces + 1));
                }
            }
        }
        at += line.len();
    }
    None
}

/// The layout of the list's items after the key's line: the first item's
/// indent and gap, and whether items are set apart by blank lines.
fn style(text: &str, key_end: usize) -> Option<Style> {
    let lines: Vec<&str> = text.get(key_end + 1..)?.lines().collect();
    let first = lines.iter().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    let after_dash = first[indent..].strip_prefix('-')?;
    let gap = (after_dash.len() - after_dash.trim_start_matches(' ').len()).max(1);
    let is_item = |l: &str| l.len() > indent && l[..indent].bytes().all(|b| b == b' ') && l[indent..].starts_with('-');
    let blank = lines.windows(2).any(|w| w[0].trim().is_empty() && is_item(w[1]))
        && lines.iter().filter(|l| is_item(l)).count() > 1;
    Some(Style { indent, gap, blank })
}

/// The entries as list items in `style`, each line ending with a newline.
fn items(entries: &[(Id, Entry)], style: Style) -> String {
    let mut out = String::new();
    let dash = format!("{}-{}", " ".repeat(style.indent), " ".repeat(style.gap));
    let pad = " ".repeat(style.indent + 1 + style.gap);
    for (id, e) in entries {
        if style.blank {
            out.push('\n');
        }
        let _ = writeln!(out, "{dash}id: {}", plain(id.as_str()));
        let mut field = |key: &str, value: String| {
            let _ = writeln!(out, "{pad}{key}: {value}");
        };
        field("quote", escape::yaml_str(&e.quote));
        if let Some(prefix) = &e.prefix {
            field("prefix", escape::yaml_str(prefix));
        }
        if let Some(suffix) = &e.suffix {
            field("suffix", escape::yaml_str(suffix));
        }
        field("claim", plain(e.claim.as_str()));
        field("stance", e.stance.as_str().to_owned());
        if let Some(form) = e.form {
            field("form", form.as_str().to_owned());
        }
        for (key, actor) in [("by", &e.by), ("via", &e.via)] {
            if let Some(actor) = actor {
                field(key, plain(actor.as_str()));
            }
        }
        if let Some(date) = &e.said_on {
            field("said_on", date.to_string());
        }
        if let Some(translation) = &e.translation {
            field("translation", escape::yaml_str(translation));
        }
        if let Some(note) = &e.note {
            field("note", block(note, &pad).unwrap_or_else(|| escape::yaml_str(note)));
        }
    }
    out
}

/// An id as it is, unless YAML would read it as something other than a
/// string (`no`, `null`, `1e3`): then quoted.
fn plain(id: &str) -> String {
    let word = id.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(id, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n");
    if word { id.to_owned() } else { escape::yaml_str(id) }
}

/// A note of several lines as a literal block (`|`), its lines indented
/// under the key, if that reads back exactly; else `None`.
fn block(note: &str, pad: &str) -> Option<String> {
    if !note.contains('\n') || note.trim_end_matches('\n').contains(['\r', '\t']) {
        return None;
    }
    let body = note.trim_end_matches('\n');
    let chomp = match note.len() - body.len() {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            let _ = write!(out, "{pad}  {line}");
        }
    }
    for _ in 1..note.len() - body.len() {
        out.push('\n');
    }
    let back: Option<std::collections::BTreeMap<String, String>> =
        serde_saphyr::from_str(&format!("note: {out}\n")).ok();
    (back.as_ref().and_then(|m| m.get("note")).map(String::as_str) == Some(note) && !note.starts_with([' ', '\n']))
        .then_some(out)
}

/// Reads `text` back with the project's parser: the annotations `before`
/// had, unchanged, then exactly `entries`.
fn verify(path: &str, before: Option<&str>, text: &str, entries: &[(Id, Entry)]) -> Result<(), Diagnostic> {
    let old: Vec<String> = before.map_or_else(Vec::new, |b| parsed(path, b).unwrap_or_default());
    let new = parsed(path, text);
    let expected: Vec<String> = old.into_iter().chain(entries.iter().map(|(id, e)| written(id, e))).collect();
    if new.as_ref() == Some(&expected) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::ImportSidecar,
        format!("cannot add annotations to `{path}`: the result would not read back as written"),
        Location::file(path),
    )
    .help("nothing was written to it: check its YAML is a plain `annotations:` block list, then import again"))
}

/// Every annotation of a sidecar as text to compare, or `None` if it does
/// not read without a problem.
fn parsed(path: &str, text: &str) -> Option<Vec<String>> {
    let (items, errors) = Src::whole(path, text).parse_sidecar();
    errors.is_empty().then(|| items.iter().map(|(_, a)| read_back(a)).collect())
}

fn read_back(a: &RawAnnotation) -> String {
    let text = |t: &Option<crate::sidecar::Text>| t.as_ref().map(|t| t.value.clone());
    format!(
        "{:?}",
        (
            &a.id.value,
            &a.quote.value,
            text(&a.prefix),
            text(&a.suffix),
            &a.claim.value,
            &a.stance.value,
            (text(&a.form), text(&a.by), text(&a.via), text(&a.said_on), text(&a.translation)),
            &a.note,
        )
    )
}

fn written(id: &Id, e: &Entry) -> String {
    format!(
        "{:?}",
        (
            &id.as_str().to_owned(),
            &e.quote,
            &e.prefix,
            &e.suffix,
            &e.claim.as_str().to_owned(),
            &e.stance.as_str().to_owned(),
            (
                e.form.map(|f| f.as_str().to_owned()),
                e.by.as_ref().map(|b| b.as_str().to_owned()),
                e.via.as_ref().map(|v| v.as_str().to_owned()),
                e.said_on.as_ref().map(ToString::to_string),
                e.translation.clone(),
            ),
            &e.note,
        )
    )
}

#[cfg(test)]
#[path = "append_tests.rs"]
mod tests;
