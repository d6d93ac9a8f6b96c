//! `dossier import`: Hypothesis and W3C files imported into copies of
//! fixtures with the real binary, what is written and what is reported;
//! and the round trip through the site's own export.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{copy_tree, dossier, fixture, sample_root, stderr};

const ARTICLE: &str = "content/articles/russia-claims-30-percent-of-kupyansk";
const PAGE: &str = "https://example.github.io/kupiansk-dossier/articles/russia-claims-30-percent-of-kupyansk/";

/// A copy of a fixture in a temporary folder.
fn copy(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    copy_tree(from, &root);
    (dir, root)
}

fn import(root: &Path, files: &[&Path]) -> std::process::Output {
    let mut args = vec!["import", "--root", root.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    dossier(&args)
}

fn sidecar(root: &Path) -> String {
    fs::read_to_string(root.join(format!("{ARTICLE}.yaml"))).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn checks(root: &Path) {
    let out = dossier(&["check", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn row(id: &str, exact: &str, prefix: &str, tags: &[&str], text: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        r#"{{"id": "{id}", "uri": "{PAGE}", "text": {text:?}, "tags": [{}], "target": [{{"source": "{PAGE}", "selector": [{{"type": "TextPositionSelector", "start": 0, "end": 1}}, {{"type": "TextQuoteSelector", "exact": "{exact}", "prefix": "{prefix}"}}]}}]}}"#,
        tags.join(", ")
    )
}

#[test]
fn a_hypothesis_search_result_is_appended_to_the_sidecar() {
    let (dir, root) = copy(&sample_root());
    let before = sidecar(&root);
    let rows = [
        row(
            "Hy_1",
            "Speaking to RIA Novosti",
            "",
            &[
                "claim:russia-holds-30pct-kupyansk",
                "stance:supports",
                "by:vitaly-gantsev",
                "via:ria-novosti",
                "said_on:2025-12-27",
            ],
            "Said *to RIA*.\nSecond line.",
        ),
        row(
            "Hy_2",
            "Kupyansk",
            "importance of ",
            &["claim:russia-holds-30pct-kupyansk", "stance:context", "form:narration", "other"],
            "",
        ),
    ];
    let file = write(dir.path(), "h.json", &format!("{{\"total\": 2, \"rows\": [{}]}}", rows.join(",\n")));
    let out = import(&root, &[&file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("imported 2 annotations into 1 sidecar"), "{}", stderr(&out));
    let after = sidecar(&root);
    assert!(after.starts_with(&before), "every byte kept");
    assert_eq!(
        &after[before.len()..],
        "\n  - id: h-hy-1\n    quote: \"Speaking to RIA Novosti\"\n    claim: russia-holds-30pct-kupyansk\n    stance: supports\n    by: vitaly-gantsev\n    via: ria-novosti\n    said_on: 2025-12-27\n    note: |-\n      Said *to RIA*.\n      Second line.\n\n  - id: h-hy-2\n    quote: \"Kupyansk\"\n    prefix: \"importance of\"\n    claim: russia-holds-30pct-kupyansk\n    stance: context\n"
    );
    checks(&root);
}

#[test]
fn bad_json_is_located_and_exits_1_writing_nothing() {
    let (dir, root) = copy(&sample_root());
    let before = sidecar(&root);
    let file = write(dir.path(), "bad.json", "{\"rows\": [\n  {\"id\": \"a\",}\n]}\n");
    let out = import(&root, &[&file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[import-json]") && err.contains("bad.json:2:14"), "{err}");
    assert_eq!(sidecar(&root), before);
    let missing = import(&root, &[&dir.path().join("nothing.json")]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
}

#[test]
fn an_unknown_claim_is_reported_and_nothing_is_written_for_it() {
    let (dir, root) = copy(&sample_root());
    let before = sidecar(&root);
    let file = write(
        dir.path(),
        "h.json",
        &format!("[{}]", row("x", "Speaking to RIA Novosti", "", &["claim:no-such-claim", "stance:supports"], "")),
    );
    let out = import(&root, &[&file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[unknown-claim]: the tag `claim:no-such-claim` names an unknown claim"), "{err}");
    assert!(err.contains("h.json:1:"), "{err}");
    assert!(err.contains("imported 0 annotations into 0 sidecars"), "{err}");
    assert_eq!(sidecar(&root), before);
}

#[test]
fn an_id_the_sidecar_has_is_skipped_and_a_second_import_changes_nothing() {
    let (dir, root) = copy(&sample_root());
    let own = format!(
        r#"{{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "{PAGE}#a-gantsev-30-percent", "type": "Annotation",
          "body": [{{"type": "TextualBody", "purpose": "tagging", "value": "claim:russia-holds-30pct-kupyansk"}},
                   {{"type": "TextualBody", "purpose": "tagging", "value": "stance:supports"}}],
          "target": {{"source": "{PAGE}", "selector": {{"type": "TextQuoteSelector", "exact": "Speaking to RIA Novosti"}}}}}}"#
    );
    let file = write(dir.path(), "one.jsonld", &own);
    let before = sidecar(&root);
    let out = import(&root, &[&file]);
    assert!(out.status.success(), "a warning only: {}", stderr(&out));
    assert!(stderr(&out).contains("warning[import-existing-id]"), "{}", stderr(&out));
    assert_eq!(sidecar(&root), before, "never overwritten");
    let h = write(
        dir.path(),
        "h.json",
        &format!(
            "[{}]",
            row("Z", "Speaking to RIA Novosti", "", &["claim:russia-holds-30pct-kupyansk", "stance:supports"], "")
        ),
    );
    assert!(import(&root, &[&h]).status.success());
    let once = sidecar(&root);
    assert_ne!(once, before);
    let again = import(&root, &[&h]);
    assert!(again.status.success());
    assert!(stderr(&again).contains("imported 0 annotations"), "{}", stderr(&again));
    assert_eq!(sidecar(&root), once, "the second import changes nothing");
}

/// A W3C annotation of the `exchange` fixture's bridge article, by its
/// original address.
fn bridge(id: &str, exact: &str, prefix: &str, tags: &[&str]) -> String {
    let bodies: Vec<String> =
        tags.iter().map(|t| format!(r#"{{"type": "TextualBody", "purpose": "tagging", "value": "{t}"}}"#)).collect();
    format!(
        r#"{{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "{id}", "type": "Annotation", "motivation": "linking",
          "body": [{}, {{"type": "TextualBody", "purpose": "describing", "value": "Residents"}}],
          "target": {{"source": "https://news.example.org/uk/bridge/", "selector": [{{"type": "TextQuoteSelector", "exact": "{exact}", "prefix": "{prefix}"}}]}}}}"#,
        bodies.join(", ")
    )
}

#[test]
fn an_annotation_a_page_and_a_collection_with_its_pages_beside_it() {
    let (dir, root) = copy(&fixture("exchange"));
    let one = write(
        dir.path(),
        "one.jsonld",
        &bridge("https://notes.example/a/1", "Жителів міста", "", &["claim:town-evacuated", "stance:context"]),
    );
    let page = write(
        dir.path(),
        "page.jsonld",
        &format!(
            r#"{{"type": "AnnotationPage", "items": [{}]}}"#,
            bridge(
                "urn:uuid:2",
                "зруйновано вдруге",
                "",
                &["claim:bridge-destroyed", "stance:supports", "by:olha-koval"]
            )
        ),
    );
    let items = bridge(
        "https://notes.example/a/3",
        "Оскіл",
        "Коваль. Міст через ",
        &["claim:bridge-destroyed", "stance:context"],
    );
    let collection = write(
        dir.path(),
        "export/annotations.jsonld",
        r#"{"id": "https://notes.example/export/annotations.jsonld", "type": "AnnotationCollection", "total": 1,
            "first": "https://notes.example/export/annotations/1.jsonld", "last": "https://notes.example/export/annotations/1.jsonld"}"#,
    );
    write(dir.path(), "export/annotations/1.jsonld", &format!(r#"{{"type": "AnnotationPage", "items": [{items}]}}"#));
    let out = import(&root, &[&one, &page, &collection]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(root.join("content/articles/bridge.yaml")).unwrap();
    for expected in [
        "  - id: \"1\"\n    quote: \"Жителів міста\"\n    claim: town-evacuated\n    stance: context\n    translation: \"Residents\"\n",
        "  - id: urn-uuid-2\n    quote: \"зруйновано вдруге\"\n",
        "  - id: \"3\"\n    quote: \"Оскіл\"\n    prefix: \"Коваль. Міст через\"\n",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    checks(&root);
    let lost = write(
        dir.path(),
        "lost/annotations.jsonld",
        r#"{"id": "https://notes.example/x/annotations.jsonld", "type": "AnnotationCollection", "first": "https://notes.example/x/annotations/1.jsonld"}"#,
    );
    let out = import(&root, &[&lost]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[import-shape]: the collection's page"), "{}", stderr(&out));
}

/// Every annotation taken out of the sidecars; comments kept.
fn strip_annotations(root: &Path) {
    for entry in fs::read_dir(root.join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = fs::read_to_string(&path).unwrap();
            let kept: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with('#')).collect();
            fs::write(&path, format!("{}\nannotations: []\n", kept.join("\n"))).unwrap();
        }
    }
}

fn build(root: &Path, output: &Path) {
    let out = dossier(&["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn import_of_the_export_gives_the_same_evidence() {
    for name in ["sample", "exchange", "provenance"] {
        let (dir, root) = copy(&fixture(name));
        let first = dir.path().join("first");
        build(&root, &first);
        let evidence = fs::read(first.join("data/evidence.csv")).unwrap_or_else(|e| panic!("{name}: {e}"));
        strip_annotations(&root);
        let out = import(&root, &[&first.join("data/annotations.jsonld")]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let second = dir.path().join("second");
        build(&root, &second);
        let again = fs::read(second.join("data/evidence.csv")).unwrap();
        assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(&evidence), "{name}");
    }
}
