//! Adding an entry to a registry file (`actors.yaml`, `claims/*.yaml`):
//! the file's bytes are kept as they are, comments and layout included,
//! and the entry is written after them in the file's own indentation.
//! The result is parsed again and must read as the old entries plus the
//! new one, or nothing is written.

use std::fmt::Write as _;

use serde_json::Value;

use crate::escape::yaml_str as quoted;

/// A field's value, as it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// An id or a keyword: written bare when YAML reads it back as the
    /// same string.
    Word(String),
    /// Free text: always double-quoted, escaped.
    Text(String),
    /// A list of ids: `[a, b]`.
    Words(Vec<String>),
    /// A list of texts: `["a", "b"]`.
    Texts(Vec<String>),
}

impl Field {
    fn yaml(&self) -> String {
        match self {
            Field::Word(w) => word(w),
            Field::Text(t) => quoted(t),
            Field::Words(ws) => format!("[{}]", ws.iter().map(|w| word(w)).collect::<Vec<_>>().join(", ")),
            Field::Texts(ts) => format!("[{}]", ts.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", ")),
        }
    }

    fn json(&self) -> Value {
        match self {
            Field::Word(s) | Field::Text(s) => Value::String(s.clone()),
            Field::Words(l) | Field::Texts(l) => Value::Array(l.iter().cloned().map(Value::String).collect()),
        }
    }
}

/// An id or keyword, bare if YAML reads it as that string: it starts
/// with a letter (so it is no number) and is none of YAML's words for
/// null and booleans. Otherwise quoted.
fn word(w: &str) -> String {
    let special = matches!(w, "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n");
    let plain = w.starts_with(|c: char| c.is_ascii_lowercase())
        && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if plain && !special { w.to_owned() } else { quoted(w) }
}

/// One entry: its fields in the order they are written, `id` first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub fields: Vec<(&'static str, Field)>,
}

impl Entry {
    fn json(&self) -> Value {
        Value::Object(self.fields.iter().map(|(k, v)| ((*k).to_owned(), v.json())).collect())
    }
}

/// How a registry file writes its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Style {
    /// Spaces before each entry's `-`.
    dash: usize,
    /// Spaces before each key of an entry.
    key: usize,
    /// Entries are separated by a blank line.
    spaced: bool,
}

/// A line that holds YAML, not only a comment or blanks.
fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

/// Reads the style of the file's first entries; `None` for a file with
/// no block list (empty, comments only, or `[]`).
fn style(text: &str) -> Option<Style> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let first = lines.iter().position(|l| is_content(l) && l.trim_start().starts_with('-'))?;
    let dash = indent(lines[first]);
    let after = &lines[first][dash + 1..];
    let key = dash + 1 + (after.len() - after.trim_start_matches(' ').len());
    let entries: Vec<usize> = (first..lines.len())
        .filter(|&i| is_content(lines[i]) && indent(lines[i]) == dash && lines[i].trim_start().starts_with('-'))
        .collect();
    let spaced = entries.get(1).is_some_and(|&i| lines[i - 1].trim().is_empty());
    Some(Style { dash, key: key.max(dash + 2), spaced })
}

/// The registry file `text` with `entry` added after its last entry.
/// An error says why it cannot be done safely; nothing is written then.
pub(crate) fn append(text: &str, entry: &Entry) -> Result<String, String> {
    let before = entries(text)?;
    let content: Vec<&str> = text.lines().filter(|l| is_content(l)).collect();
    let (mut out, style) = match style(text) {
        Some(style) => (text.to_owned(), style),
        None if content.is_empty() => (text.to_owned(), Style { dash: 0, key: 2, spaced: false }),
        // An empty flow list: the only value of the file, replaced by the entry.
        None if content.len() == 1 && content[0].trim() == "[]" => {
            let kept: String = text.split_inclusive('\n').filter(|l| l.trim() != "[]").collect();
            (kept, Style { dash: 0, key: 2, spaced: false })
        }
        None => {
            return Err(
                "it is not a block list of entries (`- id: …` on lines of their own): add the entry by hand".to_owned()
            );
        }
    };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if style.spaced && !before.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    for (i, (key, value)) in entry.fields.iter().enumerate() {
        let lead = if i == 0 { format!("{}- ", " ".repeat(style.dash)) } else { " ".repeat(style.key) };
        let pad = " ".repeat(style.key.saturating_sub(style.dash + 2));
        let lead = if i == 0 { format!("{lead}{pad}") } else { lead };
        let _ = writeln!(out, "{lead}{key}: {}", value.yaml());
    }
    let mut expected = before;
    expected.push(entry.json());
    match entries(&out) {
        Ok(after) if after == expected => Ok(out),
        _ => Err("the entry would not read back as written in this file's layout: add it by hand".to_owned()),
    }
}

/// The entries of a registry file as YAML reads them.
fn entries(text: &str) -> Result<Vec<Value>, String> {
    if !text.lines().any(is_content) {
        return Ok(Vec::new());
    }
    serde_saphyr::from_str::<Option<Vec<Value>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| format!("it is not a YAML list: {}", e.without_snippet()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sidecar::{RawActor, RawClaim, Src};

    fn claim(id: &str, statement: &str) -> Entry {
        Entry { fields: vec![("id", Field::Word(id.into())), ("statement", Field::Text(statement.into()))] }
    }

    #[test]
    fn comments_and_layout_are_kept_byte_for_byte() {
        let text = "# Claims.\n\n# -- group one --\n- id: a   # first\n  statement: \"A.\"\n\n- id: b\n  statement: 'B'\n# trailing comment\n";
        let out = append(text, &claim("c", "C.")).unwrap();
        assert_eq!(out, format!("{text}\n- id: c\n  statement: \"C.\"\n"));
    }

    #[test]
    fn the_entry_follows_the_files_indentation() {
        let text = "  -   id: a\n      statement: A\n";
        let out = append(text, &claim("b", "B")).unwrap();
        assert_eq!(out, format!("{text}  -   id: b\n      statement: \"B\"\n"));
        let text = "- id: a\n  statement: A";
        assert_eq!(append(text, &claim("b", "B")).unwrap(), "- id: a\n  statement: A\n- id: b\n  statement: \"B\"\n");
    }

    #[test]
    fn empty_files_comment_only_files_and_empty_flow_lists_take_an_entry() {
        for (text, kept) in [("", ""), ("# only\n# comments\n", "# only\n# comments\n"), ("# c\n[]\n", "# c\n")] {
            let out = append(text, &claim("a", "A")).unwrap();
            assert_eq!(out, format!("{kept}- id: a\n  statement: \"A\"\n"), "{text:?}");
        }
    }

    #[test]
    fn flow_lists_are_refused_rather_than_rewritten() {
        let err = append("[{id: a, statement: A}]\n", &claim("b", "B")).unwrap_err();
        assert!(err.contains("block list"), "{err}");
    }

    /// Every value reads back exactly through the project's YAML parser.
    #[test]
    fn strings_round_trip_whatever_they_hold() {
        let texts = [
            "say \"no\"",
            "back\\slash \\n not a newline",
            "Київ, Куп’янськ — «так»",
            "- leading dash",
            ": leading colon",
            "# leading hash",
            "trailing colon:",
            "two\nlines",
            "'single'",
            "  spaces around  ",
            "tab\there",
            "null",
            "*alias &anchor !tag %directive @at `tick`",
        ];
        let mut text = String::from("# keep me\n");
        for (i, statement) in texts.iter().enumerate() {
            let entry = Entry {
                fields: vec![
                    ("id", Field::Word(format!("c{i}"))),
                    ("statement", Field::Text((*statement).into())),
                    ("tags", Field::Words(vec!["2025".into(), "true".into(), "a-b".into()])),
                ],
            };
            text = append(&text, &entry).unwrap_or_else(|e| panic!("{statement:?}: {e}"));
        }
        let claims: Vec<RawClaim> = Src::whole("c.yaml", &text).parse().unwrap();
        for (claim, statement) in claims.iter().zip(texts) {
            assert_eq!(claim.statement.value, statement);
            let tags: Vec<&str> = claim.tags.iter().map(|t| t.value.as_str()).collect();
            assert_eq!(tags, ["2025", "true", "a-b"]);
        }
        assert!(text.starts_with("# keep me\n- id: c0\n"), "{text}");
    }

    #[test]
    fn actor_lists_of_texts_round_trip() {
        let entry = Entry {
            fields: vec![
                ("id", Field::Word("jane".into())),
                ("name", Field::Text("Jane \"J\" Doe".into())),
                ("aliases", Field::Texts(vec!["J. Doe".into(), "- D".into()])),
                ("kind", Field::Word("person".into())),
            ],
        };
        let out = append("", &entry).unwrap();
        let actors: Vec<RawActor> = Src::whole("a.yaml", &out).parse().unwrap();
        assert_eq!(actors[0].aliases[1].value, "- D");
        assert_eq!(actors[0].kind.as_ref().unwrap().value, "person");
    }
}
