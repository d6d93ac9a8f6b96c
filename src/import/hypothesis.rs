//! Hypothesis API JSON: an annotation as its search returns it (a row of
//! `rows`). Its first target's `source` (else its `uri`) is the page, its
//! TextQuoteSelector the quote, its `tags` the fields, its `text` the note.

use serde_json::Value;

use super::json::Placed;
use super::w3c;
use super::{Incoming, Origin, Read};

/// Whether a JSON object looks like a Hypothesis annotation: no W3C
/// `type`, and a list of targets.
pub(super) fn is_row(value: &Value) -> bool {
    value.get("type").is_none() && value.get("target").is_some_and(Value::is_array)
}

/// One row, as import reads it.
pub(super) fn row(place: Placed<'_>) -> Incoming<'_> {
    let value = &place.value;
    let target = value.get("target").and_then(|t| t.get(0));
    let source = target.and_then(|t| t.get("source")).or_else(|| value.get("uri")).and_then(Value::as_str);
    let read = Read {
        id: value.get("id").and_then(Value::as_str).map(str::to_owned),
        source: source.map(str::to_owned),
        quote: target.and_then(w3c::quote),
        tags: w3c::strings(value.get("tags")).into_iter().map(str::to_owned).collect(),
        note: value.get("text").and_then(Value::as_str).filter(|t| !t.trim().is_empty()).map(str::to_owned),
        ..Read::default()
    };
    Incoming { origin: Origin::Hypothesis, read, place }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    #[test]
    fn reads_a_search_row() {
        let file = SourceFile {
            path: "h.json".into(),
            text: r#"{"id": "Ks8wuAbCEe6Yx1_vzTbZ1A", "uri": "https://news.example/a",
              "text": "Said *twice*.", "tags": ["claim:c", "stance:disputes", "by:someone", "later"],
              "target": [{"source": "https://news.example/a?x=1", "selector": [
                {"type": "RangeSelector", "startContainer": "/p[1]"},
                {"type": "TextPositionSelector", "start": 1, "end": 3},
                {"type": "TextQuoteSelector", "exact": "the words", "prefix": "all ", "suffix": " here"}]}],
              "user": "acct:someone@hypothes.is"}"#
                .into(),
        };
        let place = Placed::whole(&file).unwrap();
        assert!(is_row(&place.value));
        let a = row(place).read;
        assert_eq!(a.id.as_deref(), Some("Ks8wuAbCEe6Yx1_vzTbZ1A"));
        assert_eq!(a.source.as_deref(), Some("https://news.example/a?x=1"), "the target's source first");
        assert_eq!(a.tags, ["claim:c", "stance:disputes", "by:someone", "later"]);
        assert_eq!(a.note.as_deref(), Some("Said *twice*."));
        let q = a.quote.unwrap();
        assert_eq!(
            (q.exact.as_str(), q.prefix.as_deref(), q.suffix.as_deref()),
            ("the words", Some("all "), Some(" here"))
        );
        let empty = SourceFile { path: "h.json".into(), text: r#"{"uri": "u", "text": " ", "target": []}"#.into() };
        let a = row(Placed::whole(&empty).unwrap()).read;
        assert_eq!((a.source.as_deref(), a.note, a.quote.is_none()), (Some("u"), None, true));
    }
}
