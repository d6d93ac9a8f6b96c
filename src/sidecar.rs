//! The content format as written: raw serde types for YAML files and
//! front matter, every field spanned so problems can point at it.
//!
//! Unknown fields are refused (`deny_unknown_fields`): a typo must never
//! pass silently. Values are kept as strings here; `resolve` checks them.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location};

/// A string value and where it stands.
pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: Text,
    pub description: Option<String>,
    pub base_url: Option<Text>,
    pub language: Option<Text>,
    pub theme: Option<Text>,
    pub repo_url: Option<Text>,
    pub cname: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Text>,
    pub kind: Option<Text>,
    pub role: Option<String>,
    pub affiliation: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Text,
    pub statement: Text,
    #[serde(default)]
    pub about: Vec<Text>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub contradicts: Vec<Text>,
    pub verdict: Option<Text>,
    pub verdict_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Text,
    pub outlet: Option<Text>,
    pub url: Option<Text>,
    pub published: Option<Text>,
    pub author: Option<String>,
    pub language: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarFile {
    #[serde(default)]
    pub annotations: Vec<RawAnnotation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnnotation {
    pub id: Text,
    pub quote: Text,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub claim: Text,
    pub stance: Text,
    pub by: Option<Text>,
    pub via: Option<Text>,
    pub note: Option<String>,
}

/// A piece of a file: its path, the whole file's text, and where in the
/// file this piece starts (front matter starts after `---`).
#[derive(Clone, Copy, Debug)]
pub struct Src<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub offset: usize,
}

impl<'a> Src<'a> {
    pub fn whole(file: &'a str, text: &'a str) -> Src<'a> {
        Src { file, text, offset: 0 }
    }

    /// Where a spanned value stands in the file.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        let span = value.referenced.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => {
                let start = self.offset + start as usize;
                Location::in_text(self.file, self.text, start..start + len as usize)
            }
            _ => self.line_column(value.referenced.line() as usize, value.referenced.column() as usize),
        }
    }

    /// A 1-based line and column of this piece, as a location in the file.
    pub fn line_column(&self, line: usize, column: usize) -> Location {
        let piece = &self.text[self.offset..];
        let line_start: usize = piece.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let col_offset: usize = piece[line_start..].chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
        let start = self.offset + line_start + col_offset;
        Location::in_text(self.file, self.text, start..start)
    }

    /// Parses this piece as YAML into `T`, or a located diagnostic.
    pub fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, Diagnostic> {
        serde_saphyr::from_str(&self.text[self.offset..]).map_err(|e| self.yaml_error(&e))
    }

    fn yaml_error(&self, e: &serde_saphyr::Error) -> Diagnostic {
        let location = match e.location() {
            Some(l) if l.line() > 0 => self.line_column(l.line() as usize, l.column() as usize),
            _ => Location::file(self.file),
        };
        let message = e.without_snippet().to_string();
        let message = message.lines().next().unwrap_or("invalid YAML");
        // The location is shown separately, in the file's own terms.
        let message = message.rsplit_once(" at line ").map_or(message, |(m, _)| m).to_owned();
        let (code, help) = if message.contains("unknown field") {
            ("unknown-field", unknown_field_help(&message))
        } else if message.contains("missing field") {
            ("missing-field", "add the field; see docs/content-format.md".to_owned())
        } else {
            ("yaml", "see docs/content-format.md for the expected shape".to_owned())
        };
        Diagnostic::error(code, message, location).help(help)
    }
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
    /// Parses a YAML list of `T` item by item, so that a mistake in one
    /// item (an unknown field, say) does not hide the problems of the others.
    pub fn parse_list<T: for<'de> Deserialize<'de>>(&self) -> (Vec<(Src<'a>, T)>, Vec<Diagnostic>) {
        match self.parse::<Vec<T>>() {
            Ok(items) => (items.into_iter().map(|i| (*self, i)).collect(), Vec::new()),
            Err(whole) => match self.parse::<Positions>() {
                Ok(Positions(items)) => self.items(&items, whole),
                Err(_) => (Vec::new(), vec![whole]),
            },
        }
    }

    /// Parses a sidecar annotation by annotation (see [`Src::parse_list`]).
    pub fn parse_sidecar(&self) -> (Vec<(Src<'a>, RawAnnotation)>, Vec<Diagnostic>) {
        match self.parse::<SidecarFile>() {
            Ok(file) => (file.annotations.into_iter().map(|a| (*self, a)).collect(), Vec::new()),
            Err(whole) => match self.parse::<SidecarPositions>() {
                Ok(SidecarPositions { annotations }) => self.items(&annotations, whole),
                Err(_) => (Vec::new(), vec![whole]),
            },
        }
    }

    /// Parses each item from its own lines: from the line where it starts
    /// to the line where the next one starts.
    fn items<T: for<'de> Deserialize<'de>>(
        &self,
        items: &[Spanned<serde::de::IgnoredAny>],
        whole: Diagnostic,
    ) -> (Vec<(Src<'a>, T)>, Vec<Diagnostic>) {
        let starts: Vec<usize> = items.iter().map(|i| self.line_start(self.at(i).span.start)).collect();
        if starts.windows(2).any(|w| w[0] >= w[1]) {
            return (Vec::new(), vec![whole]); // items share a line: a flow list
        }
        let (mut ok, mut errors) = (Vec::new(), Vec::new());
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(self.text.len());
            let piece = Src { file: self.file, text: &self.text[..end], offset: start };
            match piece.parse::<Vec<T>>() {
                Ok(mut one) if one.len() == 1 => ok.push((piece, one.remove(0))),
                Ok(_) => return (Vec::new(), vec![whole]),
                Err(d) => errors.push(d),
            }
        }
        (ok, errors)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }
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
    match crate::resolve::nearest(field, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            format!("the fields here are {}", expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

/// An article file split into its front matter and body.
#[derive(Clone, Copy, Debug)]
pub struct Article<'a> {
    /// The YAML between the `---` lines, and where it starts.
    pub front_matter: Src<'a>,
    /// The Markdown after the closing `---`, and where it starts.
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<markdown>`; `None` if there is no front matter.
pub fn split_front_matter<'a>(file: &'a str, text: &'a str) -> Option<Article<'a>> {
    let first = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - first.len();
    let rest = first.strip_prefix("---\n").or_else(|| first.strip_prefix("---\r\n"))?;
    let yaml_start = text.len() - rest.len();
    let mut pos = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = pos + line.len();
            let yaml = Src { file, text: &text[..pos], offset: yaml_start };
            return Some(Article { front_matter: yaml, body: &text[body_offset..], body_offset });
        }
        pos += line.len();
    }
    let _ = bom;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_file() {
        let text = "---\ntitle: \"Hello\"\n---\nBody";
        let article = split_front_matter("a.md", text).unwrap();
        let fm: FrontMatter = article.front_matter.parse().unwrap();
        let loc = article.front_matter.at(&fm.title);
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(article.body, "Body");
        assert_eq!(article.body_offset, 23);
    }

    #[test]
    fn unknown_fields_suggest_the_nearest() {
        let text = "annotations:\n  - id: a\n    quote: b\n    claim: c\n    stanse: supports\n";
        let err = Src::whole("s.yaml", text).parse::<SidecarFile>().unwrap_err();
        assert_eq!(err.code, "unknown-field");
        assert_eq!(err.help.as_deref(), Some("did you mean `stance`?"), "{}", err.message);
        assert_eq!(err.location.line, 5, "{err:?}");
    }

    #[test]
    fn no_front_matter_is_none() {
        assert!(split_front_matter("a.md", "# Title\n").is_none());
        assert!(split_front_matter("a.md", "---\ntitle: x\n").is_none(), "unclosed");
    }
}
