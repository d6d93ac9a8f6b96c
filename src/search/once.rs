//! The index made in one pass, for `build`: files are handed on as they
//! are made and nothing is kept, so a large dossier's index never sits in
//! memory whole (it would be the peak of the build). Makes the same files
//! as [`super::Index`], which `serve` keeps between builds.

use rayon::prelude::*;

use super::CHUNK;
use super::docs;
use super::encode;
use super::index::{self, Base};
use crate::error::Result;
use crate::model::Dossier;
use crate::output::Output;
use crate::routes::Route;
use crate::xref::Xref;

/// Chunk files made at once, in parallel, before they are handed on.
const BATCH: usize = 64;

/// Every file of the index, handed to `sink` as it is made; the manifest,
/// which names a hash of all the others, last.
pub(crate) fn files_into(dossier: &Dossier, xref: &Xref<'_>, sink: &mut dyn FnMut(Output) -> Result<()>) -> Result<()> {
    let docs = docs::collect(dossier, xref);
    let shards = shards(dossier, &docs);
    let mut hash = encode::FNV_START;
    let mut add = |body: &str| hash = encode::fnv(hash, &encode::fnv(encode::FNV_START, body.as_bytes()).to_le_bytes());
    let mut firsts = Vec::with_capacity(shards.len());
    for (i, (first, body)) in shards.into_iter().enumerate() {
        add(&body);
        firsts.push(crate::escape::json_str(&first));
        sink(Output { path: Route::SearchTerms(i).file(), bytes: body.into_bytes() })?;
    }
    for (b, batch) in docs.chunks(CHUNK * BATCH).enumerate() {
        let bodies: Vec<String> = batch
            .par_chunks(CHUNK)
            .map(|c| index::join_objects(c.iter().map(index::object).collect::<Vec<_>>().iter().map(String::as_str)))
            .collect();
        for (j, body) in bodies.into_iter().enumerate() {
            add(&body);
            sink(Output { path: Route::SearchDocs(b * BATCH + j).file(), bytes: body.into_bytes() })?;
        }
    }
    let manifest = index::manifest(hash, docs.len(), &firsts);
    sink(Output { path: Route::SearchManifest.file(), bytes: manifest.into_bytes() })
}

/// The term shards, from every document's terms; the terms are dropped
/// once they are in the shards.
fn shards(dossier: &Dossier, docs: &[docs::Doc<'_>]) -> Vec<(String, String)> {
    let mut base = Base::new(dossier);
    let of: Vec<Vec<u32>> = docs.iter().map(|d| base.terms.of(d, &base.spellings)).collect();
    base.terms.post(of.iter().map(Vec::as_slice), &base.spellings);
    drop(of);
    let names = &base.terms.names;
    // Spellings are in the index even when no document has them.
    let live = |n: usize| n < base.spelled || !base.terms.postings[n].is_empty();
    let mut sorted: Vec<u32> = (0..names.len()).filter(|&n| live(n)).map(|n| n as u32).collect();
    sorted.par_sort_unstable_by(|a, b| encode::term_order(&names[*a as usize], &names[*b as usize]));
    let entries: Vec<String> = sorted.par_iter().map(|&n| index::entry(&base, n)).collect();
    encode::shards(sorted.iter().zip(&entries).map(|(&n, e)| (names[n as usize].as_str(), e.as_str())))
}
