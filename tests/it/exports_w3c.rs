//! The W3C Web Annotation export (`data/annotations.jsonld` and its pages)
//! as a build writes it: every collection, page and annotation against the
//! JSON Schema of the model's MUSTs (`fixtures/w3c/`), and the MUSTs a
//! schema cannot state checked here directly; and the schema.org
//! ClaimReview that claim pages embed.

use std::collections::BTreeSet;

use scraper::Html;
use serde_json::{Value, json};

use crate::support::{self, Site, sel};

const ANNO: &str = "http://www.w3.org/ns/anno.jsonld";

/// A validator for one definition of the schema (`annotation`, `page`, `collection`).
fn schema(definition: &str) -> jsonschema::Validator {
    let path = support::fixture("w3c/web-annotation.schema.json");
    let mut schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    schema["$ref"] = json!(format!("#/$defs/{definition}"));
    jsonschema::options().should_validate_formats(true).build(&schema).expect("the schema compiles")
}

fn json_file(site: &Site, path: &str) -> Value {
    let bytes = site.files.get(path).unwrap_or_else(|| panic!("no file {path}"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

fn schema_errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// The file a URL under `base` names in the built site, if it was written.
fn written<'s>(site: &'s Site, base: &str, url: &str) -> Option<(&'s str, Option<String>)> {
    let (path, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
    let rel = path.strip_prefix(base)?;
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() };
    let (file, _) = site.files.get_key_value(&file)?;
    Some((file.as_str(), fragment.map(str::to_owned)))
}

/// The text of the highlight `fragment` (`a-<id>`) on the article page at
/// `file`: its element, and the parts it continues in (a highlight is
/// split where its passage crosses a line or an element).
fn highlight_text(site: &Site, file: &str, fragment: &str) -> Option<String> {
    let html = site.html(file);
    let first = html.select(&sel(&format!("[id=\"{fragment}\"]"))).next()?;
    let key = first.value().attr("data-annotation")?;
    Some(html.select(&sel(&format!("mark[data-annotation=\"{key}\"]"))).flat_map(|m| m.text()).collect())
}

/// Checks the whole export of `site` under `base`; returns its annotations.
fn check_export(site: &Site, base: &str) -> Vec<Value> {
    let collection = json_file(site, "data/annotations.jsonld");
    let errors = schema_errors(&schema("collection"), &collection);
    assert!(errors.is_empty(), "the collection breaks the model: {errors:#?}");
    assert_eq!(collection["@context"], ANNO);
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["id"], format!("{base}data/annotations.jsonld"));
    let total = collection["total"].as_u64().unwrap() as usize;
    let (page_schema, annotation_schema) = (schema("page"), schema("annotation"));
    let mut annotations = Vec::new();
    let mut next = collection["first"].as_str().map(str::to_owned);
    let mut prev: Option<String> = None;
    let mut pages = 0;
    while let Some(url) = next {
        pages += 1;
        let (file, _) = written(site, base, &url).unwrap_or_else(|| panic!("{url} was not written"));
        let page = json_file(site, file);
        let errors = schema_errors(&page_schema, &page);
        assert!(errors.is_empty(), "{file} breaks the model: {errors:#?}");
        assert_eq!(
            (&page["@context"], &page["type"], &page["id"]),
            (&json!(ANNO), &json!("AnnotationPage"), &json!(url))
        );
        assert_eq!(page["partOf"], collection["id"], "{file}");
        assert_eq!(page["startIndex"], annotations.len(), "{file}");
        assert_eq!(page.get("prev").and_then(Value::as_str), prev.as_deref(), "{file}: prev is the page before");
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty() && items.len() <= 1000, "{file}: {} items", items.len());
        // Each item carries its own context, exactly once.
        let raw = std::str::from_utf8(&site.files[file]).unwrap();
        assert_eq!(raw.matches("\"@context\"").count(), items.len() + 1, "{file}");
        for item in items {
            let errors = schema_errors(&annotation_schema, item);
            assert!(errors.is_empty(), "{} breaks the model: {errors:#?}", item["id"]);
            check_annotation(site, base, item);
        }
        annotations.extend(items.iter().cloned());
        prev = Some(url.clone());
        next = page.get("next").and_then(Value::as_str).map(str::to_owned);
    }
    assert_eq!(annotations.len(), total, "total counts every annotation of every page");
    assert_eq!(collection.get("last").and_then(Value::as_str), prev.as_deref(), "last is the last page");
    let files = site.files.keys().filter(|p| p.starts_with("data/annotations/")).count();
    assert_eq!(files, pages, "every page written is reached from first by next");
    let ids: BTreeSet<&str> = annotations.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), annotations.len(), "annotation ids are unique");
    annotations
}

/// The MUSTs of one annotation beyond the schema, and what the mapping
/// promises of it: ids that resolve, selectors that agree.
fn check_annotation(site: &Site, base: &str, a: &Value) {
    let id = a["id"].as_str().unwrap();
    assert_eq!(a["@context"], ANNO, "{id}");
    assert_eq!(a["type"], "Annotation", "{id}");
    assert_eq!(a["motivation"], "linking", "{id}");
    let (page, fragment) = written(site, base, id).unwrap_or_else(|| panic!("{id} is not a written page"));
    let fragment = fragment.unwrap_or_else(|| panic!("{id} names no highlight"));
    let highlighted = highlight_text(site, page, &fragment).unwrap_or_else(|| panic!("{id}: no such element"));
    let body = a["body"].as_array().unwrap();
    let link = &body[0];
    assert_eq!((&link["type"], &link["purpose"]), (&json!("SpecificResource"), &json!("linking")), "{id}");
    let claim = link["source"].as_str().unwrap();
    assert!(written(site, base, claim).is_some_and(|(f, _)| f.starts_with("claims/")), "{id}: {claim}");
    let tag = |prefix: &str| {
        body.iter()
            .filter(|b| b["purpose"] == "tagging")
            .filter_map(|b| b["value"].as_str()?.strip_prefix(prefix))
            .next()
    };
    assert_eq!(tag("claim:").map(|c| format!("{base}claims/{c}/")).as_deref(), Some(claim), "{id}");
    assert!(matches!(tag("stance:"), Some("supports" | "disputes" | "context")), "{id}");
    assert!(matches!(tag("form:"), Some("direct" | "reported" | "headline" | "narration")), "{id}");
    // Exactly one target, on the article whose page the id names.
    let target = &a["target"];
    assert!(target.is_object(), "{id}: one target");
    let article_page = format!("{base}{}", page.trim_end_matches("index.html"));
    let source = target["source"].as_str().unwrap();
    match target.get("scope") {
        Some(scope) => {
            assert_eq!(scope, &json!(article_page), "{id}: the scope is the article page");
            assert!(!source.starts_with(base), "{id}: a scope only beside an original address");
        }
        None => assert_eq!(source, article_page, "{id}: the source is the article page"),
    }
    let selectors = target["selector"].as_array().unwrap();
    let kinds: Vec<&Value> = selectors.iter().map(|s| &s["type"]).collect();
    assert_eq!(kinds, [&json!("TextQuoteSelector"), &json!("TextPositionSelector")], "{id}");
    let (quote, position) = (&selectors[0], &selectors[1]);
    let exact = quote["exact"].as_str().unwrap();
    assert!(!exact.is_empty(), "{id}");
    for side in ["prefix", "suffix"] {
        assert!(
            quote.get(side).is_none_or(|s| s.as_str().is_some_and(|s| !s.is_empty())),
            "{id}: empty {side} left out"
        );
    }
    let (start, end) = (position["start"].as_u64().unwrap(), position["end"].as_u64().unwrap());
    assert!(start <= end, "{id}: start {start} after end {end}");
    assert_eq!((end - start) as usize, exact.chars().count(), "{id}: the positions span the exact text in code points");
    assert_eq!(normalised(&highlighted), normalised(exact), "{id}: the highlight shows the exact text");
}

/// Whitespace as one space: the page breaks lines where the text has spaces.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn exports() -> Site {
    support::build(&support::fixture("exports"))
}

#[test]
fn every_annotation_of_the_sample_meets_the_web_annotation_model() {
    let site = support::build(&support::sample_root());
    let annotations = check_export(&site, "https://example.github.io/kupiansk-dossier/");
    assert!(annotations.len() > 10, "{}", annotations.len());
}

#[test]
fn every_annotation_of_a_dossier_with_original_addresses_meets_the_model() {
    let site = exports();
    let base = "https://example.org/exports/";
    let annotations = check_export(&site, base);
    let ids: Vec<&str> = annotations.iter().map(|a| a["id"].as_str().unwrap()).collect();
    // Articles by id, then in reading order.
    assert_eq!(
        ids,
        [
            "https://example.org/exports/articles/courier-doubts/#a-not-safe",
            "https://example.org/exports/articles/courier-doubts/#a-toll",
            "https://example.org/exports/articles/engineer-speaks/#a-engineer-safe",
            "https://example.org/exports/articles/engineer-speaks/#a-repairs",
            "https://example.org/exports/articles/engineer-speaks/#a-closed",
            "https://example.org/exports/articles/engineer-speaks/#a-ferry",
        ]
    );
    let engineer = &annotations[2];
    assert_eq!(engineer["target"]["source"], "https://example.org/gazette/engineer-speaks?page=1");
    assert_eq!(engineer["target"]["scope"], "https://example.org/exports/articles/engineer-speaks/");
    let bodies: Vec<&Value> = engineer["body"].as_array().unwrap()[1..].iter().map(|b| &b["value"]).collect();
    assert_eq!(
        bodies,
        [
            "claim:bridge-is-safe",
            "stance:supports",
            "form:reported",
            "by:engineer",
            "said_on:2025-10-30",
            "Said at the council meeting, *twice*."
        ]
    );
    assert_eq!(engineer["body"][6]["format"], "text/markdown");
    let ferry = &annotations[5];
    assert!(ferry["body"].as_array().unwrap().iter().any(|b| b["value"] == "via:gazette"));
    let translated = &annotations[0];
    assert_eq!(
        translated["body"].as_array().unwrap().last().unwrap(),
        &json!({"type": "TextualBody", "purpose": "describing", "format": "text/plain", "language": "en",
                "value": "The bridge is not safe"})
    );
    assert_eq!(translated["target"]["selector"][0]["exact"], "Le pont n’est pas sûr");
    assert!(translated["target"].get("scope").is_none());
}

/// A change that makes an annotation break a MUST.
type Breaks = fn(&mut Value);

#[test]
fn the_schema_refuses_annotations_that_break_a_must() {
    let site = exports();
    let page = json_file(&site, "data/annotations/1.jsonld");
    let good = &page["items"][0];
    let validator = schema("annotation");
    assert!(validator.is_valid(good));
    let broken: [(&str, Breaks); 7] = [
        ("no target", |a| drop(a.as_object_mut().unwrap().remove("target"))),
        ("no context", |a| drop(a.as_object_mut().unwrap().remove("@context"))),
        ("a relative id", |a| a["id"] = json!("articles/x/#a-y")),
        ("another type", |a| a["type"] = json!("Note")),
        ("a negative start", |a| a["target"]["selector"][1]["start"] = json!(-1)),
        ("a quote without exact", |a| drop(a["target"]["selector"][0].as_object_mut().unwrap().remove("exact"))),
        ("body and bodyValue", |a| a["bodyValue"] = json!("text")),
    ];
    for (what, breaks) in broken {
        let mut bad = good.clone();
        breaks(&mut bad);
        assert!(!validator.is_valid(&bad), "the schema let {what} through");
    }
    let mut collection = json_file(&site, "data/annotations.jsonld");
    collection.as_object_mut().unwrap().remove("first");
    assert!(!schema("collection").is_valid(&collection), "a collection with annotations needs first");
}

#[test]
fn without_a_base_url_no_annotation_json_ld_is_written() {
    let site = support::build(&support::fixture("dated"));
    assert!(site.files.keys().all(|p| !p.ends_with(".jsonld")), "{:?}", site.files.keys().collect::<Vec<_>>());
    assert!(site.pages().all(|(_, html)| html.select(&sel("script[type=\"application/ld+json\"]")).next().is_none()));
}

/// The ClaimReview scripts of a page, parsed.
fn claim_reviews(html: &Html) -> Vec<Value> {
    html.select(&sel("script[type=\"application/ld+json\"]"))
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("the script is JSON"))
        .collect()
}

#[test]
fn claim_pages_with_a_verdict_embed_a_claim_review() {
    let site = exports();
    let reviews = claim_reviews(&site.html("claims/bridge-is-safe/index.html"));
    assert_eq!(
        reviews,
        [json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://example.org/exports/claims/bridge-is-safe/",
            "claimReviewed": "The bridge is safe to cross.",
            "datePublished": "2025-12-01",
            "author": {"@type": "Organization", "name": "Example Fact Desk", "url": "https://example.org/fact-desk/"},
            "reviewRating": {
                "@type": "Rating", "ratingValue": 2, "bestRating": 3, "worstRating": 1, "alternateName": "Misleading"
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "The City Engineer",
                           "url": "https://example.org/exports/actors/engineer/"},
                "datePublished": "2025-10-30",
                "appearance": [{"@type": "CreativeWork", "url": "https://example.org/gazette/engineer-speaks?page=1"}]
            }
        })]
    );
    // The rating's name is the verdict as the page shows it.
    let page = site.html("claims/bridge-is-safe/index.html");
    let shown: String = page.select(&sel("#verdict-heading .verdict")).next().unwrap().text().collect();
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], shown.trim());
    let repairs = claim_reviews(&site.html("claims/repairs-finished/index.html"));
    assert_eq!(repairs.len(), 1);
    assert_eq!(repairs[0]["reviewRating"]["ratingValue"], 1);
    assert!(repairs[0].get("datePublished").is_none(), "no verdict_on, no date");
    for unrated in ["ferry-runs", "toll-planned"] {
        assert!(claim_reviews(&site.html(&format!("claims/{unrated}/index.html"))).is_empty(), "{unrated}");
    }
}

#[test]
fn a_hostile_statement_cannot_break_out_of_the_claim_review() {
    let site = exports();
    let path = "claims/hostile-statement/index.html";
    let raw = std::str::from_utf8(&site.files[path]).unwrap();
    assert!(!raw.contains("<script>alert(1)"), "the statement's markup reached the page");
    let html = site.html(path);
    let reviews = claim_reviews(&html);
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["claimReviewed"], "The bridge is closed</script><script>alert(1)</script> & <!-- shut");
    // The page's scripts are the theme's and the review: nothing the statement opened.
    let scripts: Vec<String> = html
        .select(&sel("script"))
        .map(|s| s.value().attr("src").or(s.value().attr("type")).unwrap_or("inline").to_owned())
        .collect();
    let other = site.html("claims/bridge-is-safe/index.html");
    let expected: Vec<String> = other
        .select(&sel("script"))
        .map(|s| s.value().attr("src").or(s.value().attr("type")).unwrap_or("inline").to_owned())
        .collect();
    assert_eq!(scripts, expected);
}
