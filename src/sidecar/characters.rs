//! Characters no text of a dossier may hold: control characters and
//! noncharacters. XML 1.0 cannot hold most of them at all (so one in a
//! title would make `atom.xml` and `sitemap.xml` unreadable), and HTML
//! counts every one as an error. They are invisible, so the only way to
//! see them is to be told where they are.
//!
//! Every string value of every YAML file (site, registries, front matter,
//! sidecars) is checked here, once, whatever its field: a raw character
//! and a double-quoted escape (`"\x01"`) alike.

use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::Src;
use crate::diagnostic::{Code, Diagnostic, Location};

/// Not allowed in a dossier's text: the C0 controls but tab, line feed and
/// carriage return (not XML 1.0 characters), U+FFFE and U+FFFF (neither),
/// and DEL, the C1 controls and the other noncharacters (errors in HTML).
pub(crate) fn forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => true,
        _ => u32::from(c) & 0xfffe == 0xfffe,
    }
}

/// The first forbidden character of `text` and where it is.
pub(crate) fn find(text: &str) -> Option<(usize, char)> {
    // Only these bytes can start a forbidden character: a quick pass
    // over the bytes, as every value of a large file may come here.
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2 || b >= 0xef;
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| suspect(b))
        .filter_map(|(i, _)| text.get(i..).and_then(|rest| rest.chars().next()).map(|c| (i, c)))
        .find(|&(_, c)| forbidden(c))
}

/// The first forbidden character of `yaml` that makes it invalid YAML
/// (YAML allows U+0085 and most noncharacters, not the others).
pub(crate) fn refused_by_yaml(yaml: &str) -> Option<(usize, char)> {
    let mut from = 0;
    while let Some((i, c)) = find(&yaml[from..]) {
        if c != '\u{85}' && (c < '\u{a0}' || c == '\u{fffe}' || c == '\u{ffff}') {
            return Some((from + i, c));
        }
        from += i + c.len_utf8();
    }
    None
}

/// "the control character U+0001", "the noncharacter U+FFFE".
pub(crate) fn describe(c: char) -> String {
    let kind = if c.is_control() { "control character" } else { "noncharacter" };
    format!("the {kind} U+{:04X}", u32::from(c))
}

/// The diagnostic for a forbidden character at `location`; `escape` is the
/// YAML escape that wrote it, if one did.
pub(crate) fn diagnostic(c: char, field: Option<&str>, escape: Option<&str>, location: Location) -> Diagnostic {
    let what = describe(c);
    let message = match field {
        Some(field) => format!("`{field}` contains {what}"),
        None => format!("the file contains {what}"),
    };
    let (label, help) = match escape {
        Some(escape) => (
            format!("`{escape}` writes {what}"),
            "remove the escape: such characters are invisible on the page and make the feed and sitemap invalid XML"
                .to_owned(),
        ),
        None => (
            "an invisible character is here".to_owned(),
            "delete it (it often comes with text copied from a PDF or a word processor): such characters are invisible on the page and make the feed and sitemap invalid XML".to_owned(),
        ),
    };
    Diagnostic::error(Code::ControlCharacter, message, location).label(label).help(help)
}

impl Src<'_> {
    /// Every string value of this piece that holds a forbidden character,
    /// as a diagnostic at that character. YAML that does not parse gives
    /// nothing here: its own error says why.
    pub(crate) fn forbidden_characters(&self) -> Vec<Diagnostic> {
        let yaml = &self.text[self.offset..];
        if find(yaml).is_none() && !has_control_escape(yaml) {
            return Vec::new();
        }
        let mut found = Vec::new();
        if let Ok(tree) = serde_saphyr::from_str::<Spanned<Node>>(yaml) {
            self.walk(&tree, None, &mut found);
        }
        found
    }

    fn walk(&self, node: &Spanned<Node>, field: Option<&str>, found: &mut Vec<Diagnostic>) {
        match &node.value {
            Node::Text(text) => {
                if let Some((_, c)) = find(text) {
                    found.push(self.pinpoint(node, c, field));
                }
            }
            Node::Many(items) => {
                for (key, item) in items {
                    self.walk(item, key.as_deref().or(field), found);
                }
            }
            Node::Other => {}
        }
    }

    /// The diagnostic at the character itself, or at the escape that wrote it.
    fn pinpoint(&self, node: &Spanned<Node>, c: char, field: Option<&str>) -> Diagnostic {
        // Where the value is written: for an alias, where its anchor is.
        let span = node.defined.span();
        let whole = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => self.offset + start as usize..self.offset + (start + len) as usize,
            _ => {
                let at = self.line_column(node.defined.line() as usize, node.defined.column() as usize);
                return diagnostic(c, field, None, at);
            }
        };
        let raw = self.text.get(whole.clone()).unwrap_or_default();
        let (at, escape) = match find(raw) {
            Some((i, c)) => (i..i + c.len_utf8(), None),
            None => match forbidden_escape(raw) {
                Some(at) => (at.clone(), Some(&raw[at])),
                None => (0..raw.len(), None),
            },
        };
        let range = whole.start + at.start..whole.start + at.end;
        let location = match self.lines {
            Some(lines) => Location::in_lines(self.file, self.text, range, lines),
            None => Location::in_text(self.file, self.text, range),
        };
        diagnostic(c, field, escape, location)
    }
}

/// Whether a double-quoted escape in `yaml` might write a forbidden
/// character (`\0`, `\a`, `\b`, `\e`, `\f`, `\v`, `\N`, `\x..`, `\u....`,
/// `\U........`): only then is a file walked value by value.
fn has_control_escape(yaml: &str) -> bool {
    memchr::memchr_iter(b'\\', yaml.as_bytes()).any(|i| {
        matches!(yaml.as_bytes().get(i + 1), Some(b'0' | b'a' | b'b' | b'e' | b'f' | b'v' | b'N' | b'x' | b'u' | b'U'))
    })
}

/// In a double-quoted scalar as written (`"…"`), the range of the first
/// escape that writes a forbidden character.
fn forbidden_escape(raw: &str) -> Option<Range<usize>> {
    let inner = raw.strip_prefix('"')?;
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some((_, kind)) = chars.next() else { break };
        let digits = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        let hex: String = chars.by_ref().take(digits).map(|(_, d)| d).collect();
        let written = match kind {
            '0' => Some('\0'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            'N' => Some('\u{85}'),
            'x' | 'u' | 'U' => u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
            _ => None,
        };
        if written.is_some_and(forbidden) {
            let start = 1 + i;
            return Some(start..start + 2 + hex.len());
        }
    }
    None
}

/// Any YAML value, keeping only what this check needs: strings, and where
/// every value stands.
enum Node {
    Text(String),
    /// A list (no keys) or a mapping (string keys).
    Many(Vec<(Option<String>, Spanned<Node>)>),
    Other,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push((None, item));
        }
        Ok(Node::Many(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let key = match key {
                Node::Text(key) => Some(key),
                _ => None,
            };
            items.push((key, map.next_value::<Spanned<Node>>()?));
        }
        Ok(Node::Many(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_and_html_refuse_is_forbidden() {
        for c in [
            '\0',
            '\u{1}',
            '\u{b}',
            '\u{c}',
            '\u{1f}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'a', 'é', '\u{a0}', '\u{2028}', '\u{fffd}', '\u{1f600}', 'К'] {
            assert!(!forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn find_sees_every_forbidden_character_and_nothing_else() {
        assert_eq!(find("plain, accentué, Куп’янськ 😀"), None);
        assert_eq!(find("ab\u{1}"), Some((2, '\u{1}')));
        assert_eq!(find("é\u{85}"), Some((2, '\u{85}')));
        assert_eq!(find("x\u{fffe}"), Some((1, '\u{fffe}')));
        assert_eq!(find("x\u{10fffe}"), Some((1, '\u{10fffe}')));
        assert_eq!(find("\u{ff}\u{fffd}\u{efff}"), None);
    }

    #[test]
    fn what_yaml_refuses_is_found_past_what_it_allows() {
        assert_eq!(refused_by_yaml("a\u{85}\u{fdd0}b\u{1}"), Some((7, '\u{1}')));
        assert_eq!(refused_by_yaml("a\u{85}\u{fdd0}\u{1fffe}"), None);
        assert_eq!(refused_by_yaml("\u{ffff}"), Some((0, '\u{ffff}')));
    }

    fn located(text: &str) -> Vec<(usize, usize, String, Option<String>)> {
        Src::whole("f.yaml", text)
            .forbidden_characters()
            .into_iter()
            .map(|d| (d.location.line, d.location.column, d.message, d.label))
            .collect()
    }

    #[test]
    fn an_escape_is_pointed_at_in_any_field() {
        let found = located("title: \"ok\"\ndescription: \"a\\tb\\x01c\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 19));
        assert_eq!(found[0].2, "`description` contains the control character U+0001");
        assert_eq!(found[0].3.as_deref(), Some("`\\x01` writes the control character U+0001"));
        let found = located("- id: a\n  aliases: [\"x\", \"y\\uFFFE\"]\n- id: b\n  role: \"\\v\"\n");
        let at: Vec<_> = found.iter().map(|f| (f.0, f.1, f.2.as_str())).collect();
        assert_eq!(
            at,
            [
                (2, 20, "`aliases` contains the noncharacter U+FFFE"),
                (4, 10, "`role` contains the control character U+000B")
            ]
        );
    }

    #[test]
    fn a_raw_character_that_yaml_lets_through_is_pointed_at() {
        let found = located("annotations:\n  - note: a\u{85}b\n");
        assert_eq!((found[0].0, found[0].1), (2, 12), "{found:?}");
        assert_eq!(found[0].2, "`note` contains the control character U+0085");
    }

    #[test]
    fn escapes_that_write_allowed_characters_pass() {
        assert!(located("title: \"a\\\\x01 \\\" \\t \\n \\u00e9 \\x41 \\_\"\n").is_empty());
        assert!(located("title: 'a\\x01'\ntext: a\\x01\n").is_empty(), "backslashes are literal outside double quotes");
    }
}
