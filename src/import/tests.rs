use std::collections::BTreeMap;

use super::*;
use crate::load::{Input, SourceFile, Sources};

const BASE: &str = "https://e.org/d/";

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.into(), text: text.into() }
}

fn dossier(sidecar: Option<&str>) -> Sources {
    Sources {
        site: Some(file("content/site.yaml", &format!("title: T\nbase_url: {BASE}\n"))),
        actors: vec![file("content/actors.yaml", "- id: ann\n  name: Ann\n")],
        claims: vec![file("content/claims.yaml", "- id: c\n  statement: S\n")],
        articles: vec![file(
            "content/articles/art.md",
            "---\ntitle: A\nurl: https://news.example/a/\n---\nAnn said the city. Bob said the city. Cy said the town.\n",
        )],
        sidecars: sidecar.map(|s| vec![file("content/articles/art.yaml", s)]).unwrap_or_default(),
        unreadable: Vec::new(),
    }
}

/// Plans an import of `files` (path, text) into `sources`.
fn run(sources: &Sources, files: &[(&str, &str)]) -> Plan {
    let (dossier, diagnostics) = crate::resolve::resolve(sources);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let disk: BTreeMap<PathBuf, String> = files.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect();
    let mut read = |path: &Path| {
        Ok(match disk.get(path) {
            Some(text) => Input::File(file(&path.display().to_string(), text)),
            None => Input::Missing,
        })
    };
    plan(&dossier, sources, &[PathBuf::from(files[0].0)], &mut read).unwrap()
}

fn annotation(id: &str, source: &str, exact: &str, prefix: &str, tags: &[&str]) -> String {
    let tags: Vec<String> =
        tags.iter().map(|t| format!(r#"{{"type": "TextualBody", "purpose": "tagging", "value": "{t}"}}"#)).collect();
    format!(
        r#"{{"id": "{id}", "type": "Annotation", "body": [{}],
          "target": {{"source": "{source}", "selector": [{{"type": "TextQuoteSelector", "exact": "{exact}", "prefix": "{prefix}"}}]}}}}"#,
        tags.join(", ")
    )
}

#[test]
fn a_collection_is_read_with_its_pages_beside_it_and_mapped() {
    let own = annotation(
        &format!("{BASE}articles/art/#a-bob"),
        "https://news.example/a/",
        "the city",
        "Bob said ",
        &["claim:c", "stance:disputes", "by:ann"],
    );
    let foreign = annotation(
        "https://other.example/notes/N_7",
        "https://news.example/a",
        "the town",
        "",
        &["claim:c", "stance:context"],
    );
    let collection = format!(
        r#"{{"id": "{BASE}data/annotations.jsonld", "type": "AnnotationCollection", "total": 2, "first": "{BASE}data/annotations/1.jsonld"}}"#
    );
    let page1 = format!(r#"{{"type": "AnnotationPage", "items": [{own}], "next": "{BASE}data/annotations/2.jsonld"}}"#);
    let page2 = format!(r#"{{"type": "AnnotationPage", "items": [{foreign}]}}"#);
    let sources = dossier(Some("annotations: []\n"));
    let plan = run(
        &sources,
        &[
            ("x/annotations.jsonld", &collection),
            ("x/annotations/1.jsonld", &page1),
            ("x/annotations/2.jsonld", &page2),
        ],
    );
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let [sidecar] = plan.sidecars.as_slice() else { panic!("{:?}", plan.sidecars) };
    assert_eq!(sidecar.path, "content/articles/art.yaml");
    assert_eq!(sidecar.added, 2);
    assert_eq!(
        sidecar.text,
        "annotations:\n  - id: bob\n    quote: \"the city\"\n    prefix: \"Bob said\"\n    claim: c\n    stance: disputes\n    by: ann\n  - id: n-7\n    quote: \"the town\"\n    claim: c\n    stance: context\n",
        "the fewest words that pick the passage; a trailing slash may differ"
    );
}

#[test]
fn what_cannot_be_mapped_is_reported_and_the_rest_planned() {
    let rows = [
        r#"{"id": "ok1", "text": "", "tags": ["claim:c", "stance:supports"], "target": [{"source": "https://news.example/a/", "selector": [{"type": "TextQuoteSelector", "exact": "Cy said"}]}]}"#,
        r#"{"id": "x", "tags": ["claim:nope", "stance:supports", "by:bob"], "target": [{"source": "https://news.example/a/", "selector": [{"type": "TextQuoteSelector", "exact": "Cy said"}]}]}"#,
        r#"{"id": "y", "tags": ["stance:supports"], "target": [{"source": "https://elsewhere.example/", "selector": [{"type": "TextQuoteSelector", "exact": "Cy said"}]}]}"#,
        r#"{"id": "z", "tags": ["claim:c", "stance:supports"], "target": [{"source": "https://news.example/a/", "selector": [{"type": "TextQuoteSelector", "exact": "the city"}]}]}"#,
        r#"{"id": "w", "tags": ["claim:c", "stance:supports"], "target": [{"source": "https://news.example/a/", "selector": [{"type": "TextQuoteSelector", "exact": "Dee said"}]}]}"#,
        r#"{"id": "ok2", "tags": ["claim:c", "stance:supports"], "target": [{"source": "https://news.example/a/", "selector": [{"type": "TextQuoteSelector", "exact": "Ann said"}]}]}"#,
    ];
    let json = format!("{{\"rows\": [\n{}\n]}}", rows.join(",\n"));
    let sources =
        dossier(Some("annotations:\n  - id: h-ok2\n    quote: Bob said\n    claim: c\n    stance: context\n"));
    let plan = run(&sources, &[("h.json", &json)]);
    let found: Vec<(&str, usize)> = plan.diagnostics.iter().map(|d| (d.code.as_str(), d.location.line)).collect();
    assert_eq!(
        found,
        [
            ("unknown-claim", 3),
            ("unknown-actor", 3),
            ("import-unmapped", 4),
            ("import-unmatched-source", 4),
            ("import-unanchored", 5),
            ("import-unanchored", 6),
            ("import-existing-id", 7),
        ]
    );
    let [sidecar] = plan.sidecars.as_slice() else { panic!() };
    assert_eq!(sidecar.added, 1);
    assert!(
        sidecar.text.ends_with("  - id: h-ok1\n    quote: \"Cy said\"\n    claim: c\n    stance: supports\n"),
        "{}",
        sidecar.text
    );
    let bad = run(&sources, &[("bad.json", "{\"rows\": [1,]}")]);
    assert_eq!(bad.diagnostics[0].code, Code::ImportJson);
    let other = run(&sources, &[("o.json", "{\"type\": \"Thing\"}")]);
    assert_eq!(other.diagnostics[0].code, Code::ImportShape);
}

#[test]
fn ids_made_from_other_ids_are_unique_and_the_same_each_time() {
    let row = |id: &str, exact: &str| {
        format!(
            r#"{{"id": "{id}", "tags": ["claim:c", "stance:supports"], "target": [{{"source": "https://news.example/a/", "selector": [{{"type": "TextQuoteSelector", "exact": "{exact}"}}]}}]}}"#
        )
    };
    let json = format!("[{}, {}, {}]", row("Ab", "Ann said"), row("aB", "Cy said"), row("Ab", "Ann said"));
    let plan = run(&dossier(None), &[("h.json", &json)]);
    let codes: Vec<&str> = plan.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["import-existing-id"], "the same annotation twice");
    let text = &plan.sidecars[0].text;
    assert!(text.starts_with("# "), "a new sidecar");
    assert!(text.contains("- id: h-ab\n") && text.contains("- id: h-ab-2\n"), "{text}");
}
