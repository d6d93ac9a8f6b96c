//! The W3C export to the letter, from small models: parsed back with
//! `serde_json` and compared with the mapping in docs/data-annotations.md.

use serde_json::{Value, json};

use super::*;
use crate::model::{Date, Form, Id, Site, Stance};

const BASE: &str = "https://example.org/d/";

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn annotation(name: &str, text: &str, at: std::ops::Range<usize>) -> Annotation {
    Annotation {
        id: id(name),
        quote: text[at.clone()].to_owned(),
        matched: Matched::new(text, at, 1),
        claim: id("bridge-safe"),
        stance: Stance::Supports,
        form: Form::Narration,
        translation: None,
        by: None,
        via: None,
        said_on: None,
        note: None,
        note_source: None,
    }
}

fn article(name: &str, annotations: Vec<Annotation>) -> Article {
    Article { annotations, ..Article::untitled(id(name), format!("content/articles/{name}.md")) }
}

fn dossier(articles: Vec<Article>) -> Dossier {
    let site = Site {
        title: "Bridge".to_owned(),
        base_url: Some(BASE.to_owned()),
        language: "en".to_owned(),
        ..Site::default()
    };
    Dossier { site, articles: articles.into_iter().map(|a| (a.id.clone(), a)).collect(), ..Dossier::default() }
}

/// Every file of the export, parsed, by path.
fn export(d: &Dossier) -> Vec<(String, Value)> {
    files(&Xref::new(d)).into_iter().map(|o| (o.path, serde_json::from_slice(&o.bytes).unwrap())).collect()
}

#[test]
fn an_annotation_with_every_field_maps_as_the_format_says() {
    let text = "Le pont est sûr, dit l’ingénieur.";
    let at = text.find("Le pont").unwrap();
    let mut full = annotation("engineer-safe", text, at..at + "Le pont est sûr".len());
    full.stance = Stance::Disputes;
    full.form = Form::Reported;
    full.by = Some(id("engineer"));
    full.via = Some(id("gazette"));
    full.said_on = Date::parse("2025-10-15");
    full.note_source = Some("Said *twice*.".to_owned());
    full.translation = Some("The bridge is safe".to_owned());
    let mut original = article("engineer", vec![full]);
    original.url = Some("https://news.example.org/bridge?id=1".to_owned());
    let files = export(&dossier(vec![original]));
    let page = &files[1].1;
    assert_eq!(
        page["items"][0],
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "https://example.org/d/articles/engineer/#a-engineer-safe",
            "type": "Annotation",
            "motivation": "linking",
            "body": [
                {"type": "SpecificResource", "purpose": "linking", "source": "https://example.org/d/claims/bridge-safe/"},
                {"type": "TextualBody", "purpose": "tagging", "value": "claim:bridge-safe"},
                {"type": "TextualBody", "purpose": "tagging", "value": "stance:disputes"},
                {"type": "TextualBody", "purpose": "tagging", "value": "form:reported"},
                {"type": "TextualBody", "purpose": "tagging", "value": "by:engineer"},
                {"type": "TextualBody", "purpose": "tagging", "value": "via:gazette"},
                {"type": "TextualBody", "purpose": "tagging", "value": "said_on:2025-10-15"},
                {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": "Said *twice*."},
                {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "language": "en",
                 "value": "The bridge is safe"}
            ],
            "target": {
                "source": "https://news.example.org/bridge?id=1",
                "scope": "https://example.org/d/articles/engineer/",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "Le pont est sûr", "suffix": ", dit l’ingénieur."},
                    {"type": "TextPositionSelector", "start": 0, "end": 15}
                ]
            }
        })
    );
}

#[test]
fn keys_are_written_in_the_formats_order() {
    let text = "before the bridge is safe after";
    let files = files(&Xref::new(&dossier(vec![article("a", vec![annotation("x", text, 7..25)])])));
    let page = std::str::from_utf8(&files[1].bytes).unwrap();
    assert!(page.starts_with(concat!(
        r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://example.org/d/data/annotations/1.jsonld","#,
        r#""type":"AnnotationPage","partOf":"https://example.org/d/data/annotations.jsonld","startIndex":0,"#,
        r#""items":[{"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://example.org/d/articles/a/#a-x","#,
        r#""type":"Annotation","motivation":"linking","body":["#,
    )));
    assert!(page.ends_with(concat!(
        r#""target":{"source":"https://example.org/d/articles/a/","selector":[{"type":"TextQuoteSelector","#,
        r#""exact":"the bridge is safe","prefix":"before ","suffix":" after"},"#,
        r#"{"type":"TextPositionSelector","start":7,"end":25}]}}]}"#,
    )));
}

#[test]
fn pages_hold_a_thousand_annotations_in_article_then_reading_order() {
    let text = "a b";
    let many = |n: usize| (0..n).map(|i| annotation(&format!("n{i}"), text, 0..1)).collect::<Vec<_>>();
    // Articles out of id order in the input: the export sorts them.
    let d = dossier(vec![article("second", many(1500)), article("first", many(601))]);
    let files = export(&d);
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "data/annotations.jsonld",
            "data/annotations/1.jsonld",
            "data/annotations/2.jsonld",
            "data/annotations/3.jsonld"
        ]
    );
    let collection = &files[0].1;
    assert_eq!(collection["total"], 2101);
    assert_eq!(collection["label"], "Bridge: annotations");
    assert_eq!(collection["first"], "https://example.org/d/data/annotations/1.jsonld");
    assert_eq!(collection["last"], "https://example.org/d/data/annotations/3.jsonld");
    let sizes: Vec<usize> = files[1..].iter().map(|(_, p)| p["items"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [1000, 1000, 101]);
    let starts: Vec<&Value> = files[1..].iter().map(|(_, p)| &p["startIndex"]).collect();
    assert_eq!(starts, [0, 1000, 2000]);
    let (first, middle, last) = (&files[1].1, &files[2].1, &files[3].1);
    assert!(first.get("prev").is_none() && last.get("next").is_none());
    assert_eq!(middle["prev"], "https://example.org/d/data/annotations/1.jsonld");
    assert_eq!(middle["next"], "https://example.org/d/data/annotations/3.jsonld");
    assert_eq!(first["items"][0]["id"], "https://example.org/d/articles/first/#a-n0");
    assert_eq!(first["items"][600]["id"], "https://example.org/d/articles/first/#a-n600");
    assert_eq!(first["items"][601]["id"], "https://example.org/d/articles/second/#a-n0");
    assert_eq!(last["items"][100]["id"], "https://example.org/d/articles/second/#a-n1499");
}

#[test]
fn an_empty_dossier_has_a_collection_of_none() {
    let files = export(&dossier(vec![article("bare", Vec::new())]));
    assert_eq!(files.len(), 1);
    assert_eq!(
        files[0].1,
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "https://example.org/d/data/annotations.jsonld",
            "type": "AnnotationCollection",
            "label": "Bridge: annotations",
            "total": 0
        })
    );
}

#[test]
fn without_a_base_url_nothing_is_written() {
    let mut d = dossier(vec![article("a", vec![annotation("x", "a b", 0..1)])]);
    d.site.base_url = None;
    assert!(files(&Xref::new(&d)).is_empty());
}

#[test]
fn the_same_dossier_gives_the_same_bytes() {
    let text = "one two three";
    let many: Vec<Annotation> = (0..2500).map(|i| annotation(&format!("n{i}"), text, 4..7)).collect();
    let d = dossier(vec![article("a", many)]);
    let bytes = |d: &Dossier| files(&Xref::new(d)).into_iter().map(|o| (o.path, o.bytes)).collect::<Vec<_>>();
    assert_eq!(bytes(&d), bytes(&d));
}
