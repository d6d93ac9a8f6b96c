//! Reading without JavaScript: from every highlight to its claim, from the
//! list of annotations to each passage and back, and claim pages that print
//! with full addresses instead of links.

use std::sync::OnceLock;

use scraper::{ElementRef, Html};

use crate::support::*;

fn quirks() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("quirks")))
}

fn sample() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&sample_root()))
}

fn article_pages(site: &Site) -> Vec<(String, Html)> {
    site.pages()
        .filter(|(p, _)| p.starts_with("articles/") && *p != "articles/index.html")
        .map(|(p, h)| (p.clone(), h))
        .collect()
}

fn inside_a_link(e: &ElementRef<'_>) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a")
}

/// Each annotation of the page's list, as (key, annotation id, claim id).
fn listed(html: &Html) -> Vec<(String, String, String)> {
    html.select(&sel(".annotation-list li[data-for]"))
        .map(|li| {
            let key = attr(&li, "data-for").to_owned();
            let id = key.split_once('/').unwrap().1.to_owned();
            (key, id, attr(&li, "data-claim").to_owned())
        })
        .collect()
}

#[test]
fn every_highlight_is_followed_by_a_link_to_its_claim() {
    for site in [quirks(), sample()] {
        for (path, html) in article_pages(site) {
            for (key, id, claim) in listed(&html) {
                let labels: Vec<_> = html.select(&sel(&format!(".stance-tag[data-for=\"{key}\"]"))).collect();
                assert_eq!(labels.len(), 1, "{path}: {key} has one label");
                let label = labels[0];
                assert!(!inside_a_link(&label), "{path}: {key}: a link inside a link does not work");
                let links: Vec<_> = label.select(&sel("a[href]")).collect();
                assert_eq!(links.len(), 1, "{path}: {key}");
                assert_eq!(attr(&links[0], "href"), format!("../../claims/{claim}/"), "{path}: {key}");
                let name = attr(&links[0], "aria-label");
                assert!(name.starts_with(&format!("{}: ", attr(&label, "data-stance"))), "{path}: {key}: {name}");
                // The label comes after the passage's last piece.
                let last = html.select(&sel(&format!("mark[data-annotation=\"{key}\"]"))).next_back().unwrap();
                let first = html.select(&sel(&format!("#a-{id}"))).next().unwrap();
                assert_eq!(attr(&first, "data-annotation"), key);
                let order: Vec<_> = html.select(&sel("mark[data-annotation], .stance-tag")).map(|e| e.id()).collect();
                let at = |e: ElementRef<'_>| order.iter().position(|&i| i == e.id()).unwrap();
                assert!(at(label) > at(last), "{path}: {key}: label before the passage ends");
            }
        }
    }
}

#[test]
fn the_list_of_annotations_links_each_passage_and_its_claim() {
    for site in [quirks(), sample()] {
        for (path, html) in article_pages(site) {
            for (key, id, claim) in listed(&html) {
                let li = html.select(&sel(&format!("li#n-{id}"))).next().unwrap_or_else(|| panic!("{path}: n-{id}"));
                assert_eq!(attr(&li, "data-for"), key);
                let hrefs: Vec<_> = li.select(&sel("a[href]")).map(|a| attr(&a, "href").to_owned()).collect();
                assert!(hrefs.contains(&format!("#a-{id}")), "{path}: {key}: {hrefs:?}");
                assert!(hrefs.contains(&format!("../../claims/{claim}/")), "{path}: {key}: {hrefs:?}");
                // What describes the highlight to screen readers once scripts make it focusable.
                assert_eq!(li.select(&sel(&format!("#nc-{id}, #nb-{id}"))).count(), 2, "{path}: {key}");
                for data in ["data-stance", "data-claim"] {
                    assert!(!attr(&li, data).is_empty(), "{path}: {key}: {data}");
                }
            }
            // On an article page only the highlights answer to [data-annotation].
            for e in html.select(&sel("[data-annotation]")) {
                assert_eq!(e.value().name(), "mark", "{path}");
            }
        }
    }
}

#[test]
fn a_claim_page_prints_the_full_address_of_each_source_and_passage() {
    let html = quirks().html("claims/bridge-is-open/index.html");
    let header: String = html.select(&sel(".claim-header .print-only")).flat_map(|e| e.text()).collect();
    assert_eq!(header, "https://example.org/quirks/claims/bridge-is-open/");
    let items: Vec<_> = html.select(&sel("[data-annotation]")).collect();
    assert!(items.len() >= 4, "{} items", items.len());
    for item in items {
        let key = attr(&item, "data-annotation");
        let (article, id) = key.split_once('/').unwrap();
        let printed: Vec<String> =
            item.select(&sel(".print-only .print-url")).map(|e| e.text().collect::<String>()).collect();
        let passage = format!("Passage: https://example.org/quirks/articles/{article}/#a-{id}");
        let source = match article {
            "bridge-report" => Some("Source: https://example.org/bridge"),
            _ => None,
        };
        let want: Vec<String> = source.map(str::to_owned).into_iter().chain([passage]).collect();
        assert_eq!(printed, want, "{key}");
    }
}

#[test]
fn an_article_page_prints_its_own_and_its_source_address() {
    let html = quirks().html("articles/bridge-report/index.html");
    let printed: Vec<String> =
        html.select(&sel(".article-header .print-only")).map(|e| e.text().collect::<String>()).collect();
    assert_eq!(printed, ["https://example.org/bridge", "https://example.org/quirks/articles/bridge-report/"]);
}

#[test]
fn without_a_base_url_only_the_source_is_printed() {
    // The sample's articles give no `url`; built without a base_url, its
    // evidence has nothing to print in full.
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let root = fixture("quirks");
    let site = dir.path().join("site");
    copy_tree(&root, &site);
    let yaml = std::fs::read_to_string(site.join("content/site.yaml")).unwrap();
    let without: String = yaml.lines().filter(|l| !l.starts_with("base_url:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(site.join("content/site.yaml"), without).unwrap();
    let out = dossier(&["build", "--root", site.to_str().unwrap(), "--output", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(output.join("claims/bridge-is-open/index.html")).unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&sel(".claim-header .print-only")).count(), 0);
    let printed: Vec<String> = html.select(&sel(".print-url")).map(|e| e.text().collect()).collect();
    assert!(!printed.is_empty());
    assert!(printed.iter().all(|p| p == "Source: https://example.org/bridge"), "{printed:?}");
}
