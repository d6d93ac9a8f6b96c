//! The dossier's data in standard forms, written by every build under
//! `data/` (format in docs/data.md): the W3C Web Annotation collection
//! (`annotations.rs`), RFC 4180 CSV (`csv.rs`) and everything in one JSON
//! file (`json.rs`); and the schema.org ClaimReview a claim page embeds
//! (`claim_review.rs`). Pure: made from the cross-references and routes.

mod annotations;
pub(crate) mod claim_review;
mod csv;
mod json;

use std::collections::HashMap;

use crate::model::{Dossier, Id};
use crate::output::Output;
use crate::routes::{Fragment, Route};
use crate::xref::Xref;

/// The version of the formats docs/data.md describes: it changes only
/// when a column or field is removed, renamed or changes meaning.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// Every file under `data/` but its index page, in a fixed order.
pub(crate) fn files(xref: &Xref<'_>) -> Vec<Output> {
    let mut out = Vec::new();
    files_into(xref, &mut |file| {
        out.push(file);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    out
}

/// [`files`], each kind handed to `sink` as soon as it is made and then
/// dropped, so that a build holds one kind of export at a time (at 10,000
/// articles, each is some 100 MB); returns them as [`downloads`] lists them.
pub(crate) fn files_into<E>(
    xref: &Xref<'_>,
    sink: &mut dyn FnMut(Output) -> Result<(), E>,
) -> Result<Vec<Download>, E> {
    let mut made = Vec::new();
    let mut hand_on = |files: Vec<Output>| {
        made.extend(downloads(&files));
        files.into_iter().try_for_each(&mut *sink)
    };
    // The annotation pages are made in parallel; the CSV and JSON files,
    // each made on one thread, are made side by side.
    hand_on(annotations::files(xref))?;
    let (csv, json) = rayon::join(|| csv::files(xref), || json::files(xref));
    hand_on(csv)?;
    hand_on(json)?;
    Ok(made)
}

/// A CSV file's columns, in order; none for the other files.
pub(crate) fn columns(route: Route<'_>) -> &'static [&'static str] {
    match route {
        Route::EvidenceCsv => &csv::EVIDENCE,
        Route::ClaimsCsv => &csv::CLAIMS,
        Route::ActorsCsv => &csv::ACTORS,
        _ => &[],
    }
}

/// A file under `data/`, as the downloads page lists it: where it is and
/// how many bytes it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Download {
    pub route: Route<'static>,
    pub bytes: usize,
}

/// The files [`files`] made, as downloads, in the same order.
pub(crate) fn downloads(files: &[Output]) -> Vec<Download> {
    let fixed =
        [Route::AnnotationCollection, Route::EvidenceCsv, Route::ClaimsCsv, Route::ActorsCsv, Route::DossierJson];
    // The pages of the collection are numbered from 1: never more than files.
    let pages = (1..=files.len()).map(Route::AnnotationPage);
    let routes: HashMap<String, Route<'static>> = fixed.into_iter().chain(pages).map(|r| (r.file(), r)).collect();
    files
        .iter()
        .map(|file| {
            let route = *routes.get(&file.path).unwrap_or_else(|| panic!("an export without a route: {}", file.path));
            Download { route, bytes: file.bytes.len() }
        })
        .collect()
}

/// A page's address in the exports: absolute under `base_url`, else its
/// path from the site root.
fn page_url(dossier: &Dossier, route: Route<'_>) -> String {
    match dossier.site.base_url.as_deref() {
        Some(base) => route.url(base),
        None => route.path(),
    }
}

/// A highlight's address in the exports, as [`page_url`].
fn highlight_url(dossier: &Dossier, article: &Id, annotation: &Id) -> String {
    let (page, at) = (Route::Article(article), Fragment::Highlight(annotation));
    match dossier.site.base_url.as_deref() {
        Some(base) => page.url_at(base, at),
        None => page.path_at(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dossier;

    #[test]
    fn every_export_has_its_route_and_size() {
        let dossier = Dossier::default();
        let xref = Xref::new(&dossier);
        let made = files(&xref);
        let listed = downloads(&made);
        assert_eq!(listed.len(), made.len());
        for (file, download) in made.iter().zip(&listed) {
            assert_eq!((download.route.file(), download.bytes), (file.path.clone(), file.bytes.len()));
        }
    }
}
