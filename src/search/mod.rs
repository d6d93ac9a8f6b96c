//! The search index: actors, claims, articles and quotes, written as small
//! static files under `search/` that `search-index.js` fetches as it needs them.
//!
//! `search/index.json` is the manifest; `search/terms/<n>.json` hold the
//! inverted index cut into shards by term range; `search/docs/<n>.json`
//! hold the documents, [`CHUNK`] a file. A first search fetches the
//! manifest, the shards of its terms and the chunks of the results it
//! shows, so what it downloads is bounded whatever the dossier's size.
//! The format and the bound: docs/search.md.

mod docs;
mod encode;
mod index;
mod once;
mod terms;
mod text;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tokens_tests;

pub(crate) use index::Index;
pub(crate) use once::files_into;

#[cfg(test)]
use crate::{model::Dossier, output::Output, xref::Xref};

/// Documents a chunk file holds: result `i` is in `search/docs/<i / CHUNK>.json`.
pub(crate) const CHUNK: usize = 32;

/// The version of the file format, in the manifest.
pub(crate) const FORMAT: u32 = 1;

/// Every file of the index, sorted by path.
#[cfg(test)]
pub(crate) fn files(dossier: &Dossier, xref: &Xref<'_>) -> Vec<Output> {
    let mut index = Index::default();
    index.update(dossier, xref, None);
    index.into_files()
}
