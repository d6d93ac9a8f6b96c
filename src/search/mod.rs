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
mod terms;
mod text;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use docs::Doc;
pub use encode::push_str as push_json_str;
pub use text::{fold, tokens};

use terms::{Spellings, Terms};

use crate::error::Result;
use crate::model::Dossier;
use crate::render::Output;
use crate::xref::Xref;

/// Documents a chunk file holds: result `i` is in `search/docs/<i / CHUNK>.json`.
pub const CHUNK: usize = 32;

/// The version of the file format, in the manifest.
pub const FORMAT: u32 = 1;

/// Chunk files made at once, in parallel, before they are handed on: bounds
/// the memory the documents' JSON takes in a large dossier.
const BATCH: usize = 64;

/// Every file of the index, sorted by path.
pub fn files(dossier: &Dossier, xref: &Xref<'_>) -> Vec<Output> {
    let mut out = Vec::new();
    let collected: Result<()> = files_into(dossier, xref, &mut |file| {
        out.push(file);
        Ok(())
    });
    collected.expect("collecting into memory cannot fail");
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Every file of the index, handed to `sink` as it is made (the manifest
/// last: it names a hash of all the others).
pub fn files_into(dossier: &Dossier, xref: &Xref<'_>, sink: &mut dyn FnMut(Output) -> Result<()>) -> Result<()> {
    let docs = docs::collect(dossier, xref);
    // The terms and their entries are dropped once in shards.
    let shards = {
        let mut terms = Terms::default();
        let spellings = Spellings::new(dossier, &mut terms);
        terms.index(&docs, &spellings);
        encode::shards(&entries(&terms, &spellings))
    };
    let mut hash = encode::FNV_START;
    let mut add = |body: &str| hash = encode::fnv(hash, &encode::fnv(encode::FNV_START, body.as_bytes()).to_le_bytes());
    let mut firsts = Vec::with_capacity(shards.len());
    for (i, (first, body)) in shards.into_iter().enumerate() {
        add(&body);
        firsts.push(first);
        sink(Output { path: format!("search/terms/{i}.json"), bytes: body.into_bytes() })?;
    }
    for (b, batch) in docs.chunks(CHUNK * BATCH).enumerate() {
        let bodies: Vec<String> = batch.par_chunks(CHUNK).map(chunk).collect();
        for (j, body) in bodies.into_iter().enumerate() {
            add(&body);
            sink(Output { path: format!("search/docs/{}.json", b * BATCH + j), bytes: body.into_bytes() })?;
        }
    }
    sink(Output { path: "search/index.json".into(), bytes: manifest(hash, docs.len(), &firsts) })
}

/// Each term's entry, sorted by term: `[term, postings]`, or
/// `[term, postings, phrases]` when spellings of actors of more than one
/// word start with the term; a phrase is `[the rest of the spelling,
/// "@<actor id>"]`, and the term `@<actor id>` lists the documents that
/// name the actor by any spelling.
fn entries(terms: &Terms, spellings: &Spellings) -> Vec<(String, String)> {
    let name = |n: u32| terms.names[n as usize].as_str();
    let mut entries: Vec<(String, String)> = (0..terms.names.len())
        .into_par_iter()
        .map(|n| {
            let term = &terms.names[n];
            let mut json = format!("[{},\"{}\"", encode::str(term), encode::postings(&terms.postings[n]));
            let mut phrases: Vec<String> = spellings
                .phrases(n as u32)
                .map(|(rest, group)| {
                    let rest: Vec<&str> = rest.iter().map(|&t| name(t)).collect();
                    format!("[{},{}]", encode::str(&rest.join(" ")), encode::str(name(*group)))
                })
                .collect();
            if !phrases.is_empty() {
                phrases.sort();
                json.push_str(&format!(",[{}]", phrases.join(",")));
            }
            json.push(']');
            (term.clone(), json)
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| encode::term_order(&a.0, &b.0));
    entries
}

/// A chunk of documents: a JSON array of objects with `k` (kind), `t`
/// (headline), `u` (href from the site root), `m` (meta line), and for
/// quotes `s` (stance) and `l` (language, when not the site's).
fn chunk(docs: &[Doc<'_>]) -> String {
    let mut out = String::from("[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("{\"k\":\"");
        out.push_str(d.kind.as_str());
        out.push_str("\",\"t\":");
        encode::push_str(&mut out, &d.title);
        out.push_str(",\"u\":");
        encode::push_str(&mut out, &d.href);
        out.push_str(",\"m\":");
        encode::push_str(&mut out, &d.meta);
        if let Some(s) = d.stance {
            out.push_str(&format!(",\"s\":\"{}\"", s.as_str()));
        }
        if let Some(l) = d.lang {
            out.push_str(",\"l\":");
            encode::push_str(&mut out, l);
        }
        out.push('}');
    }
    out.push_str("]\n");
    out
}

/// `search/index.json`: the format, the version (a hash of every other
/// file, for cache busting), the number of documents, the chunk size, and
/// the first term of each shard.
fn manifest(hash: u64, docs: usize, firsts: &[String]) -> Vec<u8> {
    let firsts: Vec<String> = firsts.iter().map(|first| encode::str(first)).collect();
    format!(
        "{{\"format\":{FORMAT},\"version\":\"{hash:016x}\",\"docs\":{docs},\"chunk\":{CHUNK},\"shards\":[{}]}}\n",
        firsts.join(",")
    )
    .into_bytes()
}
