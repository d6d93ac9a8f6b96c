//! The sample Kupiansk dossier, built as `cargo run -- build` builds it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::support::*;

pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&sample_root()))
}

#[derive(Deserialize)]
struct Sidecar {
    annotations: Vec<Ann>,
}

#[derive(Deserialize)]
struct Ann {
    id: String,
    claim: String,
    stance: String,
}

/// Every annotation of the sample, read straight from the sidecars:
/// (article, annotation id, claim, stance).
pub fn annotations() -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(sample_root().join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let article = path.file_stem().unwrap().to_string_lossy().into_owned();
            let sidecar: Sidecar = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.extend(sidecar.annotations.into_iter().map(|a| (article.clone(), a.id, a.claim, a.stance)));
        }
    }
    out.sort();
    out
}

#[test]
fn the_sample_is_substantial() {
    let all = annotations();
    let claims: BTreeSet<_> = all.iter().map(|a| &a.2).collect();
    assert!(all.len() >= 30, "{} annotations", all.len());
    assert!(claims.len() >= 12, "{} claims with evidence", claims.len());
    let actors = site()
        .files
        .keys()
        .filter(|p| p.starts_with("actors/") && p.ends_with("/index.html") && *p != "actors/index.html");
    assert!(actors.count() >= 15);
}

#[test]
fn every_claim_page_lists_exactly_its_annotations_under_the_right_stance() {
    let mut expected: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (article, id, claim, stance) in annotations() {
        expected.entry(claim).or_default().insert((format!("{article}/{id}"), stance));
    }
    for (claim, want) in expected {
        let html = site().html(&format!("claims/{claim}/index.html"));
        let found: Vec<(String, String)> = html
            .select(&sel("[data-annotation]:not([data-implied])"))
            .map(|e| (attr(&e, "data-annotation").to_owned(), attr(&e, "data-stance").to_owned()))
            .collect();
        assert_eq!(found.len(), want.len(), "claim {claim}: each annotation once");
        assert_eq!(found.into_iter().collect::<BTreeSet<_>>(), want, "claim {claim}");
    }
}

#[test]
fn evidence_links_to_the_exact_highlight() {
    for (path, html) in site().pages().filter(|(p, _)| p.starts_with("claims/") || p.starts_with("actors/")) {
        for e in html.select(&sel("[data-annotation]")) {
            let (article, id) = attr(&e, "data-annotation").split_once('/').unwrap();
            let want = format!("../../articles/{article}/#a-{id}");
            let links: Vec<_> = e.select(&sel("a[href]")).map(|a| attr(&a, "href").to_owned()).collect();
            assert!(links.contains(&want), "{path}: {want} not in {links:?}");
        }
    }
}

#[test]
fn every_highlight_exists_once() {
    for (article, id, _, stance) in annotations() {
        let html = site().html(&format!("articles/{article}/index.html"));
        let anchors: Vec<_> = html.select(&sel(&format!("#a-{id}"))).collect();
        assert_eq!(anchors.len(), 1, "{article}/{id}");
        let mark = anchors[0];
        assert_eq!(mark.value().name(), "mark");
        assert_eq!(attr(&mark, "data-annotation"), format!("{article}/{id}"));
        assert_eq!(attr(&mark, "data-stance"), stance);
    }
    let known: BTreeSet<String> = annotations().into_iter().map(|(a, i, _, _)| format!("{a}/{i}")).collect();
    for (path, html) in site().pages().filter(|(p, _)| p.starts_with("articles/")) {
        for mark in html.select(&sel("mark")) {
            assert!(known.contains(attr(&mark, "data-annotation")), "{path}: a mark no annotation backs");
        }
    }
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let broken = site().broken_links();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let again = build(&sample_root());
    assert_eq!(site().files.keys().collect::<Vec<_>>(), again.files.keys().collect::<Vec<_>>());
    for (path, bytes) in &site().files {
        assert!(bytes == &again.files[path], "{path} differs between builds");
    }
}

#[test]
fn the_30_percent_claim_shows_both_seeds() {
    let html = site().html("claims/russia-holds-30pct-kupyansk/index.html");
    let own: Vec<_> = html
        .select(&sel("[data-stance=supports]:not([data-implied])"))
        .map(|e| attr(&e, "data-annotation").to_owned())
        .collect();
    assert!(own.iter().any(|k| k.starts_with("russia-claims-30-percent-of-kupyansk/")), "{own:?}");
    let implied: Vec<_> = html.select(&sel("[data-implied]")).map(|e| attr(&e, "data-annotation").to_owned()).collect();
    assert!(implied.iter().any(|k| k.starts_with("ukraine-clears-last-russian-pockets-in-kupiansk/")), "{implied:?}");
}

#[test]
fn contested_means_own_supports_and_disputes() {
    let mut stances: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, _, claim, stance) in annotations() {
        stances.entry(claim).or_default().insert(stance);
    }
    let claims = site().html("claims/index.html");
    for (claim, s) in stances {
        let contested = s.contains("supports") && s.contains("disputes");
        let row = claims
            .select(&sel(&format!("[data-claim=\"{claim}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{claim} not listed"));
        assert_eq!(row.value().attr("data-contested").is_some(), contested, "{claim}");
    }
}

#[test]
fn kupiansk_is_one_actor_with_its_spellings() {
    let html = site().html("actors/kupiansk/index.html");
    let text: String = html.root_element().text().collect();
    for alias in ["Kupyansk", "Куп’янськ", "Купянск"] {
        assert!(text.contains(alias), "{alias}");
    }
}

#[test]
fn the_404_page_links_from_the_site_path() {
    let html = site().html("404.html");
    let links: Vec<_> = html
        .select(&sel("a[href], link[href], script[src]"))
        .map(|e| e.value().attr("href").or_else(|| e.value().attr("src")).unwrap().to_owned())
        .collect();
    assert!(links.iter().any(|l| l == "/kupiansk-dossier/assets/style.css"), "{links:?}");
    for link in links.iter().filter(|l| !l.starts_with('#') && !l.starts_with("http")) {
        let path = link.strip_prefix("/kupiansk-dossier/").unwrap_or_else(|| panic!("{link}"));
        let path = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() };
        assert!(site().files.contains_key(&path), "{link}");
    }
}

#[test]
fn pages_publishing_files_are_written() {
    for file in [".nojekyll", "robots.txt", "sitemap.xml", "atom.xml", "404.html"] {
        assert!(site().files.contains_key(file), "{file}");
    }
    let sitemap = String::from_utf8(site().files["sitemap.xml"].clone()).unwrap();
    let pages = site().files.keys().filter(|p| p.ends_with(".html") && *p != "404.html").count();
    assert_eq!(sitemap.matches("<loc>https://example.github.io/kupiansk-dossier/").count(), pages);
    let claim = site().html("claims/russia-holds-30pct-kupyansk/index.html");
    let canonical = claim.select(&sel("link[rel=canonical]")).next().map(|e| attr(&e, "href").to_owned());
    assert_eq!(
        canonical.as_deref(),
        Some("https://example.github.io/kupiansk-dossier/claims/russia-holds-30pct-kupyansk/")
    );
}

/// The seed reports Gantsev's accusation in its own words ("He accused …
/// of using these residents as “live shields”"): shown as reported speech,
/// never as his words in quotation marks. Trehubov's sentence in quotation
/// marks in the seed is his own.
#[test]
fn reported_speech_in_the_sample_is_not_shown_as_a_direct_quote() {
    let html = site().html("actors/vitaly-gantsev/index.html");
    let form = |key: &str| {
        let e = html.select(&sel(&format!("[data-annotation=\"{key}\"] blockquote"))).next().unwrap();
        attr(&e, "data-form").to_owned()
    };
    assert_eq!(form("russia-claims-30-percent-of-kupyansk/gantsev-live-shields"), "reported");
    assert_eq!(form("russia-claims-30-percent-of-kupyansk/gantsev-bastion"), "direct");
    let trehubov = site().html("actors/viktor-trehubov/index.html");
    let quote = trehubov
        .select(&sel(
            "[data-annotation=\"ukraine-clears-last-russian-pockets-in-kupiansk/trehubov-civilians-slow\"] blockquote",
        ))
        .next()
        .unwrap();
    assert_eq!(attr(&quote, "data-form"), "direct");
}
