//! W3C Web Annotation JSON-LD: one annotation, a page of them, or a
//! collection whose pages are files beside it (the shape of
//! `data/annotations.jsonld`, docs/data.md). Only what import maps is
//! read: the id, the target's scope, source and TextQuoteSelector, and the
//! bodies (tags, the linked claim page, the note, the translation).

use serde_json::Value;

use super::json::Placed;
use super::{Incoming, Origin, QuoteSelector, Read};

/// What a JSON-LD object is, by its `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Annotation,
    Page,
    Collection,
    /// Not a W3C type import reads (or none).
    Other,
}

/// The shape `value` declares in `type` (or `@type`), a name or a list.
pub(super) fn shape(value: &Value) -> Shape {
    let types = strings(value.get("type").or_else(|| value.get("@type")));
    let is = |name: &str| types.iter().any(|t| *t == name || t.strip_prefix("oa:") == Some(name));
    if is("Annotation") {
        Shape::Annotation
    } else if is("AnnotationPage") {
        Shape::Page
    } else if is("AnnotationCollection") {
        Shape::Collection
    } else {
        Shape::Other
    }
}

/// The `id` (or `@id`) of an object.
pub(super) fn id(value: &Value) -> Option<&str> {
    value.get("id").or_else(|| value.get("@id")).and_then(Value::as_str)
}

/// A link to another page: a URL, or an object with its `id`.
pub(super) fn link(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(s) => Some(s),
        object => id(object),
    }
}

/// The strings of a value that is a string or a list of them.
pub(super) fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The items of a value that is one item or a list of them.
fn each(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// One W3C annotation, as import reads it.
pub(super) fn annotation(place: Placed<'_>) -> Incoming<'_> {
    let value = &place.value;
    let mut incoming = Read { id: id(value).map(str::to_owned), ..Read::default() };
    let motivations = strings(value.get("motivation"));
    if let Some(note) = value.get("bodyValue").and_then(Value::as_str) {
        incoming.note = Some(note.to_owned());
    }
    for body in each(value.get("body")) {
        let Some(object) = body.as_object() else {
            incoming.links.extend(body.as_str().map(str::to_owned));
            continue;
        };
        let purposes = strings(object.get("purpose"));
        let purpose = purposes.first().or(motivations.first()).copied();
        let value = text(body, "value");
        match (purpose, value) {
            (Some("tagging"), Some(tag)) => incoming.tags.push(tag),
            (Some("describing"), Some(translation)) => incoming.translation = Some(translation),
            (Some("commenting") | None, Some(note)) if incoming.note.is_none() => incoming.note = Some(note),
            (_, None) => incoming.links.extend(object.get("source").and_then(|s| link(Some(s))).map(str::to_owned)),
            _ => {}
        }
    }
    // The first target with a quote; else the first.
    let targets = each(value.get("target"));
    let target = targets.iter().copied().find(|t| quote(t).is_some()).or(targets.first().copied());
    if let Some(target) = target {
        match target {
            Value::String(source) => incoming.source = Some(source.clone()),
            _ => {
                incoming.source = target.get("source").and_then(|s| link(Some(s))).map(str::to_owned);
                incoming.scope = target.get("scope").and_then(|s| link(Some(s))).map(str::to_owned);
                incoming.quote = quote(target);
            }
        }
    }
    Incoming { origin: Origin::W3c, read: incoming, place }
}

/// The target's TextQuoteSelector (Hypothesis's targets have the same).
pub(super) fn quote(target: &Value) -> Option<QuoteSelector> {
    let selector = each(target.get("selector")).into_iter().find(|s| {
        s.get("type").and_then(Value::as_str).is_some_and(|t| t == "TextQuoteSelector" || t == "oa:TextQuoteSelector")
    })?;
    Some(QuoteSelector {
        exact: text(selector, "exact")?,
        prefix: text(selector, "prefix").filter(|p| !p.is_empty()),
        suffix: text(selector, "suffix").filter(|s| !s.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    fn read(json: &str) -> Read {
        let file: &'static SourceFile = Box::leak(Box::new(SourceFile { path: "a.jsonld".into(), text: json.into() }));
        annotation(Placed::whole(file).unwrap()).read
    }

    #[test]
    fn reads_the_exports_annotation() {
        let a = read(
            r##"{"@context": "http://www.w3.org/ns/anno.jsonld",
              "id": "https://e.org/d/articles/art/#a-one", "type": "Annotation", "motivation": "linking",
              "body": [
                {"type": "SpecificResource", "purpose": "linking", "source": "https://e.org/d/claims/c/"},
                {"type": "TextualBody", "purpose": "tagging", "value": "claim:c"},
                {"type": "TextualBody", "purpose": "tagging", "value": "stance:supports"},
                {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": "A *note*"},
                {"type": "TextualBody", "purpose": "describing", "language": "en", "value": "In English"}
              ],
              "target": {"source": "https://news.example/x", "scope": "https://e.org/d/articles/art/",
                "selector": [
                  {"type": "TextQuoteSelector", "exact": "the words", "prefix": "before "},
                  {"type": "TextPositionSelector", "start": 3, "end": 12}]}}"##,
        );
        assert_eq!(a.id.as_deref(), Some("https://e.org/d/articles/art/#a-one"));
        assert_eq!(a.tags, ["claim:c", "stance:supports"]);
        assert_eq!(a.links, ["https://e.org/d/claims/c/"]);
        assert_eq!(a.note.as_deref(), Some("A *note*"));
        assert_eq!(a.translation.as_deref(), Some("In English"));
        assert_eq!(a.source.as_deref(), Some("https://news.example/x"));
        assert_eq!(a.scope.as_deref(), Some("https://e.org/d/articles/art/"));
        let q = a.quote.unwrap();
        assert_eq!((q.exact.as_str(), q.prefix.as_deref(), q.suffix), ("the words", Some("before "), None));
    }

    #[test]
    fn reads_other_writers_shapes() {
        let a = read(
            r#"{"@id": "urn:x:1", "@type": ["oa:Annotation"], "motivation": "commenting", "bodyValue": "plain",
              "target": [{"source": "https://a.example/"}, {"source": "https://b.example/",
                "selector": {"type": "TextQuoteSelector", "exact": "q", "prefix": "", "suffix": "s"}}]}"#,
        );
        assert_eq!(a.id.as_deref(), Some("urn:x:1"));
        assert_eq!(a.note.as_deref(), Some("plain"));
        assert_eq!(a.source.as_deref(), Some("https://b.example/"), "the target with a quote");
        let q = a.quote.unwrap();
        assert_eq!((q.prefix, q.suffix.as_deref()), (None, Some("s")));
        assert_eq!(shape(&serde_json::json!({"type": "AnnotationPage"})), Shape::Page);
        assert_eq!(shape(&serde_json::json!({"type": ["AnnotationCollection"]})), Shape::Collection);
        assert_eq!(shape(&serde_json::json!({"rows": []})), Shape::Other);
        let bare = read(r#"{"type": "Annotation", "target": "https://a.example/"}"#);
        assert_eq!((bare.source.as_deref(), bare.quote.is_none()), (Some("https://a.example/"), true));
    }
}
