use super::*;
use crate::model::Stance;
use crate::sidecar::Src;

fn entry(quote: &str, note: Option<&str>) -> (Id, Entry) {
    let id = Id::parse("new-one").unwrap();
    let entry = Entry {
        quote: quote.into(),
        prefix: None,
        suffix: Some(" after".into()),
        claim: Id::parse("c").unwrap(),
        stance: Stance::Supports,
        form: None,
        by: Some(Id::parse("no").unwrap()),
        via: None,
        said_on: crate::model::Date::parse("2025-10-15"),
        translation: Some("tr".into()),
        note: note.map(str::to_owned),
    };
    (id, entry)
}

fn ids(text: &str) -> Vec<String> {
    let (items, errors) = Src::whole("a.yaml", text).parse_sidecar();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    items.into_iter().map(|(_, a)| a.id.value).collect()
}

#[test]
fn appends_in_the_files_own_style_keeping_every_byte() {
    let before = "# top\nannotations:\n\n    -   id: a\n        quote: q\n        claim: c\n        stance: context\n\n    -   id: b\n        quote: r\n        claim: c\n        stance: context\n    # - id: later\n";
    let text = append("a.yaml", Some(before), &[entry("x", None)]).unwrap();
    assert!(text.starts_with(before));
    assert!(text[before.len()..].starts_with("\n    -   id: new-one\n        quote: \"x\"\n"), "{text}");
    assert_eq!(ids(&text), ["a", "b", "new-one"]);
    assert!(text.contains("        by: \"no\"\n"), "a word YAML reads otherwise is quoted: {text}");
}

#[test]
fn handles_empty_lists_missing_newlines_and_new_files() {
    let flow = "# c\nannotations: [] # none yet\n#  - id: example\n";
    let text = append("a.yaml", Some(flow), &[entry("x", None)]).unwrap();
    assert!(text.starts_with("# c\nannotations: # none yet\n  - id: new-one\n"), "{text}");
    assert!(text.ends_with("#  - id: example\n"), "{text}");
    assert_eq!(ids(&text), ["new-one"]);
    let unended = "annotations:\n- id: a\n  quote: q\n  claim: c\n  stance: context";
    let text = append("a.yaml", Some(unended), &[entry("x", None)]).unwrap();
    assert!(text.starts_with(unended) && text[unended.len()..].starts_with("\n- id: new-one\n  quote:"), "{text}");
    assert_eq!(ids(&text), ["a", "new-one"]);
    let new = append("a.yaml", None, &[entry("x", None)]).unwrap();
    assert!(new.starts_with("# "));
    assert_eq!(ids(&new), ["new-one"]);
    let comments = append("a.yaml", Some("# only a comment"), &[entry("x", None)]).unwrap();
    assert_eq!(ids(&comments), ["new-one"]);
    let refused =
        append("a.yaml", Some("annotations: [{id: a, quote: q, claim: c, stance: context}]\n"), &[entry("x", None)]);
    assert_eq!(refused.unwrap_err().code, Code::ImportSidecar);
}

#[test]
fn every_value_reads_back_exactly() {
    let hard = [
        "say \"no\" \\ twice",
        "line\nbreak",
        "- leading dash",
        ": colon",
        "# hash",
        "  spaces  ",
        "tab\there",
        "Kyiv’s «ёлка» 東京 🙂",
        "\u{2028}sep\u{feff}",
        "'single'",
        "ends with newline\n",
        "two\n\nparagraphs\n\n",
        "a: b\n- c\n# d",
        "\\n literal",
    ];
    for value in hard {
        let text = append("a.yaml", None, &[entry(value, Some(value))]).unwrap_or_else(|d| panic!("{value:?}: {d:?}"));
        let (items, errors) = Src::whole("a.yaml", &text).parse_sidecar();
        assert!(errors.is_empty(), "{value:?}: {errors:?}\n{text}");
        assert_eq!(items[0].1.quote.value, value, "{text}");
        assert_eq!(items[0].1.note.as_deref(), Some(value), "{text}");
    }
    let note = append("a.yaml", None, &[entry("q", Some("First line.\nSecond \"line\"."))]).unwrap();
    assert!(note.contains("    note: |-\n      First line.\n      Second \"line\".\n"), "{note}");
}
