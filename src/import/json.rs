//! JSON read with places: a file that is not JSON becomes a located
//! diagnostic, and every item of a list keeps where it is in its file, so
//! a problem with one annotation points at it.

use std::ops::Range;

use serde_json::Value;
use serde_json::value::RawValue;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::SourceFile;

/// A JSON value and where it is written in its file.
#[derive(Clone, Debug)]
pub(super) struct Placed<'a> {
    pub file: &'a SourceFile,
    pub span: Range<usize>,
    pub value: Value,
}

impl<'a> Placed<'a> {
    /// The whole file, parsed; a located `import-json` error if it is not JSON.
    pub(super) fn whole(file: &'a SourceFile) -> Result<Placed<'a>, Diagnostic> {
        match serde_json::from_str::<Value>(&file.text) {
            Ok(value) => Ok(Placed { file, span: 0..file.text.len(), value }),
            Err(e) => Err(not_json(file, &e)),
        }
    }

    /// Where the value starts (its first character).
    pub(super) fn at(&self) -> Location {
        let start = self.span.start + (self.text().len() - self.text().trim_start().len());
        let len = self.file.text[start..].chars().next().map_or(0, char::len_utf8);
        Location::in_text(&self.file.path, &self.file.text, start..start + len)
    }

    /// Where the string `value` is written inside this value: the first
    /// place it is written as JSON writes it, else where the value starts.
    pub(super) fn of(&self, value: &str) -> Location {
        let written = serde_json::to_string(value).unwrap_or_default();
        match self.text().find(&written) {
            Some(i) => {
                let start = self.span.start + i;
                Location::in_text(&self.file.path, &self.file.text, start..start + written.len())
            }
            None => self.at(),
        }
    }

    fn text(&self) -> &'a str {
        &self.file.text[self.span.clone()]
    }

    /// The items of the list at `key` (or of this value, when `key` is
    /// `None` and it is a list), each with its place; `None` if there is
    /// no such list.
    pub(super) fn items(&self, key: Option<&str>) -> Option<Vec<Placed<'a>>> {
        let text = self.text();
        let raw: Vec<&'a RawValue> = match key {
            None => serde_json::from_str(text).ok()?,
            Some(key) => {
                let mut object: std::collections::BTreeMap<String, &'a RawValue> = serde_json::from_str(text).ok()?;
                serde_json::from_str(object.remove(key)?.get()).ok()?
            }
        };
        raw.into_iter().map(|r| self.inner(r)).collect()
    }

    /// The value at `key` of this object, with its place.
    pub(super) fn field(&self, key: &str) -> Option<Placed<'a>> {
        let mut object: std::collections::BTreeMap<String, &'a RawValue> = serde_json::from_str(self.text()).ok()?;
        self.inner(object.remove(key)?)
    }

    /// A value read from a part of this one's text (borrowed from it, so
    /// its place in the file is where its text is).
    fn inner(&self, raw: &'a RawValue) -> Option<Placed<'a>> {
        let text = raw.get();
        let start = (text.as_ptr() as usize).checked_sub(self.file.text.as_ptr() as usize)?;
        let span = start..start + text.len();
        self.file.text.get(span.clone())?;
        Some(Placed { file: self.file, span, value: serde_json::from_str(text).ok()? })
    }
}

/// Where the string `value` is written in `file` (else its start).
pub(super) fn find(file: &SourceFile, value: &str) -> Location {
    Placed { file, span: 0..file.text.len(), value: Value::Null }.of(value)
}

/// The `import-json` error for a file serde_json cannot read, at the line
/// and column it gives.
fn not_json(file: &SourceFile, e: &serde_json::Error) -> Diagnostic {
    let line_start: usize =
        file.text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum::<usize>();
    let line_end = file.text[line_start..].find('\n').map_or(file.text.len(), |i| line_start + i);
    // serde_json counts columns in bytes, from 1 (0 when at a line's end).
    let mut at = (line_start + e.column().saturating_sub(1)).min(line_end);
    while !file.text.is_char_boundary(at) {
        at -= 1;
    }
    let len = file.text[at..line_end].chars().next().map_or(0, char::len_utf8);
    let message = e.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_owned();
    Diagnostic::error(Code::ImportJson, format!("`{}` is not JSON: {message}", file.path), {
        Location::in_text(&file.path, &file.text, at..at + len)
    })
    .label("the JSON stops making sense here")
    .help("import reads JSON: a W3C Web Annotation (an annotation, a page or a collection) or the result of a Hypothesis search; check the file is whole and was saved as JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile { path: "in.json".into(), text: text.into() }
    }

    #[test]
    fn bad_json_is_located_at_serde_jsons_line_and_column() {
        let f = file("{\n  \"rows\": [\n    {\"id\": 1,}\n  ]\n}\n");
        let d = Placed::whole(&f).unwrap_err();
        assert_eq!(d.code, Code::ImportJson);
        assert_eq!((d.location.line, d.location.column), (3, 14), "{d:?}");
        assert!(d.message.starts_with("`in.json` is not JSON: trailing comma"), "{}", d.message);
        let cut = file("{\"a\": [1, 2");
        let d = Placed::whole(&cut).unwrap_err();
        assert_eq!(d.location.line, 1);
        assert!(d.message.contains("EOF"), "{}", d.message);
    }

    #[test]
    fn items_keep_their_place_in_the_file() {
        let f = file("{\"rows\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"tags\": [\"claim:x\"]}\n]}");
        let whole = Placed::whole(&f).unwrap();
        let rows = whole.items(Some("rows")).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].at().line, rows[1].at().column), (3, 3));
        assert_eq!(rows[1].value["id"], "b");
        let tag = rows[1].of("claim:x");
        assert_eq!((tag.line, tag.column, tag.span.len()), (3, 24, 9));
        assert!(whole.items(Some("items")).is_none());
        let list = file(" [ {\"é\": 1}, 2 ]");
        let items = Placed::whole(&list).unwrap().items(None).unwrap();
        assert_eq!(items[1].at().column, 14);
        let page = Placed::whole(&f).unwrap().field("rows").unwrap();
        assert_eq!(page.at().column, 10);
    }
}
