//! A small dossier with quirks: curly quotes, a table, a footnote, Cyrillic
//! text, a registry split across a file and a folder, raw HTML.

use std::sync::OnceLock;

use crate::golden::assert_golden;
use crate::support::*;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("quirks")))
}

#[test]
fn every_annotation_is_highlighted_once() {
    let html = site().html("articles/bridge-report/index.html");
    for id in ["mayor-open", "resident-closed", "resident-disputes", "north-water", "south-water", "press-conference"] {
        let found: Vec<_> = html.select(&sel(&format!("mark#a-{id}"))).collect();
        assert_eq!(found.len(), 1, "{id}");
        assert_eq!(attr(&found[0], "data-annotation"), format!("bridge-report/{id}"));
    }
}

#[test]
fn a_quote_across_table_cells_is_split() {
    let html = site().html("articles/bridge-report/index.html");
    let pieces = html.select(&sel("td mark[data-annotation=\"bridge-report/south-water\"]")).count();
    assert_eq!(pieces, 2, "South | still cut off");
}

#[test]
fn overlapping_annotations_both_show() {
    let html = site().html("articles/bridge-report/index.html");
    let nested = sel(
        "mark[data-annotation=\"bridge-report/resident-disputes\"] mark[data-annotation=\"bridge-report/resident-closed\"]",
    );
    assert!(html.select(&nested).count() >= 1);
}

#[test]
fn scripts_never_reach_the_site() {
    for (path, bytes) in &site().files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("alert(\"not in the site\")"), "{path}");
    }
}

#[test]
fn an_article_language_overrides_the_site_language() {
    let uk = site().html("articles/kupiansk-uk/index.html");
    assert_eq!(uk.select(&sel("html")).next().map(|e| attr(&e, "lang").to_owned()).as_deref(), Some("uk"));
    assert_eq!(uk.select(&sel("mark#a-mist-zakryto")).count(), 1);
    let en = site().html("articles/bridge-report/index.html");
    assert_eq!(en.select(&sel("html")).next().map(|e| attr(&e, "lang").to_owned()).as_deref(), Some("en"));
}

#[test]
fn registries_merge_file_and_folder() {
    assert!(site().files.contains_key("claims/bridge-is-closed/index.html"));
    assert!(site().files.contains_key("claims/bridge-is-open/index.html"));
}

#[test]
fn links_resolve() {
    let broken = site().broken_links();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn pages_match_their_golden_files() {
    for page in ["articles/bridge-report/index.html", "claims/bridge-is-open/index.html", "actors/resident/index.html"]
    {
        let text = String::from_utf8(site().files[page].clone()).unwrap();
        assert_golden(&fixture("quirks/expected").join(page), &text);
    }
}

#[test]
fn a_dossier_theme_file_overrides_the_embedded_one() {
    let css = String::from_utf8(site().files["assets/syntax.css"].clone()).unwrap();
    assert!(css.starts_with("/* The quirks dossier brings its own code colours. */"), "{css}");
    // Files it does not override still come from the embedded default.
    assert!(site().files.contains_key("assets/style.css"));
}
