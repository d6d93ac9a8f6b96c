//! Where each piece of evidence comes from, as readers see it: the form of
//! the words, the translation, the outlet and dates, and the links to check
//! it at its source (the original, the passage there as a URL text
//! fragment, an archived copy), on every page that shows evidence. On the
//! `provenance` fixture, a fictional dossier with addresses and dates.

use std::sync::OnceLock;

use scraper::ElementRef;

use crate::support::*;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("provenance")))
}

const ORIGINAL: &str = "https://example.org/news/bridge-reopens";
const ARCHIVE: &str = "https://web.archive.org/web/20251202000000/https://example.org/news/bridge-reopens";

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `href` of the link `data-link=<kind>` inside `e`, if there is one.
fn link(e: &ElementRef<'_>, kind: &str) -> Option<String> {
    e.select(&sel(&format!("a[data-link=\"{kind}\"]"))).next().map(|a| attr(&a, "href").to_owned())
}

/// Every page that lists evidence: each evidence element has the links
/// of its article's source, its passage there and its archive.
#[test]
fn every_evidence_element_links_its_source_its_passage_and_its_archive() {
    let pages = ["claims/bridge-is-open/index.html", "actors/mayor/index.html", "timeline/index.html"];
    for page in pages {
        let html = site().html(page);
        let evidence: Vec<ElementRef<'_>> = html.select(&sel("[data-annotation]")).collect();
        assert!(!evidence.is_empty(), "{page} shows no evidence");
        for e in evidence {
            let key = attr(&e, "data-annotation");
            let (source, passage) = (link(&e, "source"), link(&e, "source-passage"));
            if key.starts_with("bridge-reopens/") {
                assert_eq!(source.as_deref(), Some(ORIGINAL), "{page} {key}");
                assert!(passage.as_deref().unwrap().starts_with(&format!("{ORIGINAL}#:~:text=")), "{page} {key}");
                assert_eq!(link(&e, "archive").as_deref(), Some(ARCHIVE), "{page} {key}");
            } else {
                assert_eq!(source.as_deref(), Some("https://example.org/uk/mist"), "{page} {key}");
                assert_eq!(link(&e, "archive"), None, "{page} {key}: the article has no archive");
            }
        }
    }
}

#[test]
fn the_passage_link_is_a_text_fragment_of_the_text_the_quote_was_matched_on() {
    let html = site().html("claims/bridge-is-open/index.html");
    let passage = |key: &str| {
        let e = html.select(&sel(&format!("[data-annotation=\"bridge-reopens/{key}\"]"))).next().unwrap();
        link(&e, "source-passage").unwrap()
    };
    // Commas inside a term are encoded; the article's own words are used.
    assert_eq!(
        passage("mayor-direct"),
        format!("{ORIGINAL}#:~:text=The%20bridge%20is%20open%2C%20and%20it%20is%20safe%2C")
    );
    // Said twice (once in another case, which a browser does not tell
    // apart): the words just before pick the one meant.
    assert_eq!(passage("mayor-reported"), format!("{ORIGINAL}#:~:text=The%20mayor%20said-,the%20bridge%20is%20open"));
    assert_eq!(
        passage("engineer-concedes"),
        format!("{ORIGINAL}#:~:text=Engineers%20disagree.-,The%20bridge%20is%20open")
    );
}

#[test]
fn only_a_speakers_own_words_stand_in_quotation_marks() {
    let html = site().html("claims/bridge-is-open/index.html");
    let evidence =
        |key: &str| html.select(&sel(&format!("[data-annotation=\"bridge-reopens/{key}\"]"))).next().unwrap();
    let form = |key: &str| attr(&evidence(key).select(&sel("blockquote")).next().unwrap(), "data-form").to_owned();
    let said = |key: &str| text(&evidence(key).select(&sel(".said-by")).next().unwrap());
    assert_eq!((form("mayor-direct").as_str(), said("mayor-direct").as_str()), ("direct", "— The Mayor"));
    assert_eq!((form("mayor-reported").as_str(), said("mayor-reported").as_str()), ("reported", "reported: The Mayor"));
    assert_eq!((form("headline").as_str(), said("headline").as_str()), ("headline", "headline: River Gazette"));
    assert_eq!(form("engineers-disagree"), "narration");
    assert_eq!(said("engineers-disagree"), "the article's own words: River Gazette");
    // The quotation marks are the stylesheet's, for `quote-direct` only.
    let css = String::from_utf8(site().files["assets/style.css"].clone()).unwrap();
    assert!(css.contains(".quote-direct p::before { content: \"“\"; }"), "quotation marks are for direct words");
    assert!(!css.contains(".quote p::before"), "no quotation marks on every passage");
}

#[test]
fn evidence_names_its_outlet_and_its_dates() {
    let html = site().html("actors/mayor/index.html");
    let e = html.select(&sel("[data-annotation=\"bridge-reopens/mayor-direct\"]")).next().unwrap();
    let source = e.select(&sel(".source")).next().unwrap();
    assert_eq!(
        text(&source),
        "In The bridge reopens, says the mayor (River Gazette), published 2025-12-01; said on 2025-11-30."
    );
    let outlet = source.select(&sel("a.outlet")).next().unwrap();
    assert_eq!(attr(&outlet, "href"), "../../actors/river-gazette/");
    let archive = e.select(&sel("a[data-link=\"archive\"]")).next().unwrap();
    assert_eq!(text(&archive), "Archived copy, 2025-12-02");
}

#[test]
fn a_translation_is_shown_under_the_quote_in_the_sites_language() {
    let html = site().html("claims/bridge-is-closed/index.html");
    let e = html.select(&sel("[data-annotation=\"mist-zakryto/engineer-closed\"]")).next().unwrap();
    let quote = e.select(&sel("blockquote")).next().unwrap();
    assert_eq!(attr(&quote, "lang"), "uk");
    assert_eq!(text(&quote), "Міст закрито для машин");
    let translation = e.select(&sel(".translation")).next().unwrap();
    assert_eq!(text(&translation), "Translation: The bridge is closed to cars");
}

#[test]
fn the_article_page_and_its_highlight_cards_carry_the_passage_links() {
    let html = site().html("articles/bridge-reopens/index.html");
    let header = html.select(&sel(".article-header")).next().unwrap();
    assert_eq!(link(&header, "source").as_deref(), Some(ORIGINAL));
    assert_eq!(link(&header, "archive").as_deref(), Some(ARCHIVE));
    // The cards are built from the list items' parts, these included.
    let item = html.select(&sel("#n-mayor-reported")).next().unwrap();
    assert!(link(&item, "source-passage").unwrap().ends_with("#:~:text=The%20mayor%20said-,the%20bridge%20is%20open"));
    let script = String::from_utf8(site().files["assets/dossier.js"].clone()).unwrap();
    assert!(script.contains("'.source-links'"), "the card copies the source links");
}

#[test]
fn the_matrix_column_links_the_original_and_the_cells_name_form_and_date() {
    let html = site().html("matrix/index.html");
    let column = html.select(&sel("th.matrix-article")).next().unwrap();
    assert_eq!(link(&column, "source").as_deref(), Some(ORIGINAL));
    assert_eq!(link(&column, "archive").as_deref(), Some(ARCHIVE));
    let cell = html.select(&sel("a[data-annotation=\"bridge-reopens/mayor-reported\"]")).next().unwrap();
    assert_eq!(attr(&cell, "title"), "The Mayor (reported), 2025-12-01, supports: the bridge is open");
    let direct = html.select(&sel("a[data-annotation=\"bridge-reopens/mayor-direct\"]")).next().unwrap();
    assert_eq!(attr(&direct, "title"), "The Mayor, 2025-11-30, supports: “The bridge is open, and it is safe,”");
}

#[test]
fn require_archive_warns_about_a_source_without_an_archived_copy() {
    let out = dossier(&["check", "--root", fixture("provenance").to_str().unwrap()]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("warning[missing-archive]: the article's source has no archived copy"), "{text}");
    assert!(text.contains("content/articles/mist-zakryto.md:4:6"), "located at the url: {text}");
    assert_eq!(text.matches("missing-archive").count(), 1, "the archived article is not warned about: {text}");
}

#[test]
fn provenance_pages_have_no_broken_links() {
    let broken = site().broken_links();
    assert!(broken.is_empty(), "{broken:?}");
}
