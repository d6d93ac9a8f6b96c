//! Every annotation as a W3C Web Annotation (Web Annotation Data Model,
//! JSON-LD): `data/annotations.jsonld`, an `AnnotationCollection`, and its
//! pages `data/annotations/<n>.jsonld`, `AnnotationPage`s of at most
//! [`PAGE_SIZE`] annotations, in a fixed order: articles by id, then each
//! article's annotations in reading order. The mapping is the contract
//! with `dossier import` (docs/data.md, format version 1).
//!
//! Written only when the site has a `base_url`: a Web Annotation's `id`
//! must be an absolute IRI. Built from `Serialize` structs whose fields
//! are in the order they are written, so the same dossier gives the same
//! bytes; pages are serialised in parallel.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Annotation, Article, Dossier, Matched};
use crate::output::Output;
use crate::routes::{Fragment, Route};
use crate::xref::Xref;

/// The JSON-LD context every collection, page and annotation names.
pub(crate) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Annotations on one page of the collection, at most.
pub(crate) const PAGE_SIZE: usize = 1000;

pub(super) fn files(xref: &Xref<'_>) -> Vec<Output> {
    let dossier = xref.dossier;
    let Some(base) = dossier.site.base_url.as_deref() else {
        return Vec::new();
    };
    let all: Vec<(&Article, &Annotation)> =
        dossier.articles.values().flat_map(|article| article.annotations.iter().map(move |a| (article, a))).collect();
    let pages = all.len().div_ceil(PAGE_SIZE);
    let collection = Collection {
        context: CONTEXT,
        id: Route::AnnotationCollection.url(base),
        kind: "AnnotationCollection",
        label: format!("{}: annotations", dossier.site.title),
        total: all.len(),
        first: (pages > 0).then(|| Route::AnnotationPage(1).url(base)),
        last: (pages > 0).then(|| Route::AnnotationPage(pages).url(base)),
    };
    let mut out = vec![json(Route::AnnotationCollection, &collection)];
    let made: Vec<Output> = all
        .par_chunks(PAGE_SIZE)
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let page = Page {
                context: CONTEXT,
                id: Route::AnnotationPage(n).url(base),
                kind: "AnnotationPage",
                part_of: collection.id.clone(),
                start_index: i * PAGE_SIZE,
                next: (n < pages).then(|| Route::AnnotationPage(n + 1).url(base)),
                prev: (n > 1).then(|| Route::AnnotationPage(n - 1).url(base)),
                items: chunk.iter().map(|&(article, a)| WebAnnotation::new(dossier, base, article, a)).collect(),
            };
            json(Route::AnnotationPage(n), &page)
        })
        .collect();
    out.extend(made);
    out
}

/// The file of `route`, holding `value` as compact JSON.
fn json(route: Route<'_>, value: &impl Serialize) -> Output {
    let bytes = serde_json::to_vec(value).expect("the export's types serialise to JSON");
    Output { path: route.file(), bytes }
}

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: String,
    start_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    items: Vec<WebAnnotation<'a>>,
}

/// One annotation: a link from the passage (the target) to its claim
/// (the bodies), with the stance, form, speaker, channel and date as tags.
#[derive(Serialize)]
struct WebAnnotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    /// The claim's page.
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: String,
    },
    Text(TextualBody<'a>),
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    value: Cow<'a, str>,
}

impl<'a> Body<'a> {
    fn tag(value: String) -> Body<'a> {
        let value = Cow::Owned(value);
        Body::Text(TextualBody { kind: "TextualBody", purpose: "tagging", format: None, language: None, value })
    }
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    /// The article page that shows the text, when `source` is the original.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

impl<'a> WebAnnotation<'a> {
    fn new(dossier: &'a Dossier, base: &str, article: &'a Article, a: &'a Annotation) -> WebAnnotation<'a> {
        let page = Route::Article(&article.id);
        let mut body = vec![
            Body::Link { kind: "SpecificResource", purpose: "linking", source: Route::Claim(&a.claim).url(base) },
            Body::tag(format!("claim:{}", a.claim)),
            Body::tag(format!("stance:{}", a.stance.as_str())),
            Body::tag(format!("form:{}", a.form.as_str())),
        ];
        body.extend(a.by.as_ref().map(|by| Body::tag(format!("by:{by}"))));
        body.extend(a.via.as_ref().map(|via| Body::tag(format!("via:{via}"))));
        body.extend(a.said_on.map(|on| Body::tag(format!("said_on:{on}"))));
        body.extend(a.note_source.as_ref().map(|note| {
            Body::Text(TextualBody {
                kind: "TextualBody",
                purpose: "commenting",
                format: Some("text/markdown"),
                language: None,
                value: Cow::Borrowed(note),
            })
        }));
        body.extend(a.translation.as_ref().map(|translation| {
            Body::Text(TextualBody {
                kind: "TextualBody",
                purpose: "describing",
                format: Some("text/plain"),
                language: Some(&dossier.site.language),
                value: Cow::Borrowed(translation),
            })
        }));
        let (source, scope) = match &article.url {
            Some(url) => (url.clone(), Some(page.url(base))),
            None => (page.url(base), None),
        };
        WebAnnotation {
            context: CONTEXT,
            id: page.url_at(base, Fragment::Highlight(&a.id)),
            kind: "Annotation",
            motivation: "linking",
            body,
            target: Target { source, scope, selector: selectors(&a.matched) },
        }
    }
}

fn selectors(m: &Matched) -> [Selector<'_>; 2] {
    [
        Selector::TextQuoteSelector { exact: &m.exact, prefix: &m.prefix, suffix: &m.suffix },
        Selector::TextPositionSelector { start: m.start, end: m.end },
    ]
}

#[cfg(test)]
#[path = "annotations_tests.rs"]
mod tests;
