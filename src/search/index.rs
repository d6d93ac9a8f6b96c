//! The index as files, kept between builds for `serve`: each article's
//! documents (their text and their terms) are kept until the article
//! changes, so after an edit only the edited articles are read again;
//! posting lists, shards and chunks are put together again from what is
//! kept, an entry or a hash is made again only when what it is made from
//! changed, and the files whose bytes changed are named.
//!
//! A first build is an update of an empty index: one way to make the files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::docs::{self, Doc};
use super::encode;
use super::terms::{Spellings, Terms};
use super::{CHUNK, FORMAT};
use crate::escape;
use crate::model::{Dossier, Id};
#[cfg(test)]
use crate::output::Output;
use crate::routes::Route;
use crate::xref::Xref;

/// The search index of the last update, and what it was made from.
#[derive(Default)]
pub(crate) struct Index {
    /// Term numbers and spellings: made again whenever anything but
    /// articles changed, as actors' spellings are numbered first.
    base: Option<Base>,
    /// Each article's document, then its passages'.
    articles: BTreeMap<Id, Vec<Indexed>>,
    /// The actors' documents, which only a registry edit changes.
    actors: Option<Vec<Indexed>>,
    /// The terms of each claim's document, by its link.
    claim_terms: HashMap<String, Vec<u32>>,
    /// By term number: the entry last written, and the postings it lists.
    entries: Vec<Option<(Vec<u32>, String)>>,
    /// Every numbered term, in the order of the shards.
    sorted: Vec<u32>,
    /// The files, by path.
    files: BTreeMap<String, File>,
}

pub(super) struct Base {
    pub terms: Terms,
    pub spellings: Spellings,
    /// Terms below this number are the actors' spellings: in the index even
    /// when no document has them, as in an index made from scratch.
    pub spelled: usize,
}

/// A document as the index keeps it: its JSON object and its terms.
struct Indexed {
    json: String,
    terms: Vec<u32>,
}

struct File {
    body: String,
    /// FNV-1a of the body, for the manifest's version.
    hash: u64,
}

/// What an update changed, by path.
#[derive(Debug, Default)]
pub(crate) struct Changed {
    /// New files, and files whose bytes differ.
    pub files: Vec<String>,
    pub removed: Vec<String>,
}

impl Index {
    /// Makes the index of `dossier` again. `changed` names the articles that
    /// changed since the last update; `None` when anything else may have
    /// (then nothing kept is used).
    pub(crate) fn update(&mut self, dossier: &Dossier, xref: &Xref<'_>, changed: Option<&BTreeSet<&Id>>) -> Changed {
        let Some(changed) = changed else {
            let files = std::mem::take(&mut self.files);
            *self = Index { files, ..Index::default() };
            return self.update(dossier, xref, Some(&BTreeSet::new()));
        };
        let base = self.base.get_or_insert_with(|| Base::new(dossier));
        self.articles.retain(|id, _| dossier.articles.contains_key(id) && !changed.contains(id));
        let missing: Vec<_> = dossier.articles.values().filter(|a| !self.articles.contains_key(&a.id)).collect();
        // Documents are made in parallel; terms are numbered in order.
        let made: Vec<Vec<Doc<'_>>> = missing
            .par_iter()
            .map(|a| std::iter::once(docs::article(dossier, a)).chain(docs::quotes(dossier, a)).collect())
            .collect();
        for (article, docs) in missing.iter().zip(made) {
            let kept = docs.iter().map(|d| base.indexed(d)).collect();
            self.articles.insert(article.id.clone(), kept);
        }
        let actors = self.actors.get_or_insert_with(|| {
            let mut actors = Vec::new();
            docs::actors(dossier, &mut actors);
            actors.iter().map(|d| base.indexed(d)).collect()
        });
        // A claim's document is found by its statement and tags, which only
        // a registry edit changes; its text has its counts, made each time.
        let mut claims = Vec::new();
        docs::claims(dossier, xref, &mut claims);
        let claim_terms = &mut self.claim_terms;
        let claims: Vec<Indexed> = claims
            .iter()
            .map(|d| {
                let terms = claim_terms.entry(d.href.clone()).or_insert_with(|| base.terms.of(d, &base.spellings));
                Indexed { json: object(d), terms: terms.clone() }
            })
            .collect();
        let order = docs::newest_first(dossier);
        let articles = order.iter().map(|a| &self.articles[&a.id][0]);
        let passages = order.iter().flat_map(|a| &self.articles[&a.id][1..]);
        let all: Vec<&Indexed> = actors.iter().chain(&claims).chain(articles).chain(passages).collect();
        base.terms.post(all.iter().map(|d| d.terms.as_slice()), &base.spellings);
        let chunks: Vec<String> = all.par_chunks(CHUNK).map(chunk).collect();
        let docs = all.len();
        let shards = self.shards();
        self.write(docs, shards, chunks)
    }

    /// The files, sorted by path.
    #[cfg(test)]
    pub(crate) fn into_files(self) -> Vec<Output> {
        self.files.into_iter().map(|(path, f)| Output { path, bytes: f.body.into_bytes() }).collect()
    }

    /// The bytes of one file.
    pub(crate) fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|f| f.body.as_bytes())
    }

    /// The term shards: each shard's first term, and its JSON.
    fn shards(&mut self) -> Vec<(String, String)> {
        let base = self.base.as_ref().expect("made by update");
        let terms = &base.terms;
        let numbered = terms.names.len();
        if self.entries.len() < numbered {
            self.entries.resize_with(numbered, || None);
        }
        if self.sorted.len() < numbered {
            // New terms after the sorted ones: a second run, merged in.
            let order = |a: &u32, b: &u32| encode::term_order(&terms.names[*a as usize], &terms.names[*b as usize]);
            let fresh = self.sorted.is_empty();
            self.sorted.extend(self.sorted.len() as u32..numbered as u32);
            if fresh {
                self.sorted.par_sort_unstable_by(order);
            } else {
                self.sorted.sort_by(order);
            }
        }
        let live = |n: usize| n < base.spelled || !terms.postings[n].is_empty();
        let stale: Vec<usize> = (0..numbered)
            .filter(|&n| live(n) && self.entries[n].as_ref().is_none_or(|(p, _)| *p != terms.postings[n]))
            .collect();
        let made: Vec<(usize, String)> = stale.into_par_iter().map(|n| (n, entry(base, n as u32))).collect();
        for (n, json) in made {
            self.entries[n] = Some((terms.postings[n].clone(), json));
        }
        let entries = self.sorted.iter().map(|&n| n as usize).filter(|&n| live(n)).map(|n| {
            let (_, json) = self.entries[n].as_ref().expect("made above");
            (terms.names[n].as_str(), json.as_str())
        });
        encode::shards(entries)
    }

    /// Replaces the files with these, hashing only bodies that changed.
    fn write(&mut self, docs: usize, shards: Vec<(String, String)>, chunks: Vec<String>) -> Changed {
        let firsts: Vec<String> = shards.iter().map(|(first, _)| escape::json_str(first)).collect();
        let shards = shards.into_iter().enumerate().map(|(i, (_, body))| (Route::SearchTerms(i).file(), body));
        let chunks = chunks.into_iter().enumerate().map(|(i, body)| (Route::SearchDocs(i).file(), body));
        let bodies: Vec<(String, String)> = shards.chain(chunks).collect();
        let old = &self.files;
        let files: Vec<(String, File, bool)> = bodies
            .into_par_iter()
            .map(|(path, body)| match old.get(&path).filter(|f| f.body == body) {
                Some(f) => (path, File { body, hash: f.hash }, false),
                None => {
                    let hash = encode::fnv(encode::FNV_START, body.as_bytes());
                    (path, File { body, hash }, true)
                }
            })
            .collect();
        let hash = files.iter().fold(encode::FNV_START, |h, (_, f, _)| encode::fnv(h, &f.hash.to_le_bytes()));
        let manifest = manifest(hash, docs, &firsts);
        let mut changed = Changed::default();
        let mut previous = std::mem::take(&mut self.files);
        let manifest = (Route::SearchManifest.file(), File { body: manifest, hash: 0 }, true);
        for (path, file, made) in std::iter::once(manifest).chain(files) {
            let before = previous.remove(&path);
            if !made || before.is_some_and(|b| b.body == file.body) {
                self.files.insert(path, file);
                continue;
            }
            changed.files.push(path.clone());
            self.files.insert(path, file);
        }
        changed.removed = previous.into_keys().collect();
        changed
    }
}

impl Base {
    pub(super) fn new(dossier: &Dossier) -> Base {
        let mut terms = Terms::default();
        let spellings = Spellings::new(dossier, &mut terms);
        Base { spelled: terms.names.len(), terms, spellings }
    }

    fn indexed(&mut self, doc: &Doc<'_>) -> Indexed {
        Indexed { json: object(doc), terms: self.terms.of(doc, &self.spellings) }
    }
}

/// A term's entry: `[term, postings]`, or `[term, postings, phrases]` when
/// spellings of actors of more than one word start with the term; a phrase
/// is `[the rest of the spelling, "@<actor id>"]`, and the term
/// `@<actor id>` lists the documents that name the actor by any spelling.
pub(super) fn entry(base: &Base, n: u32) -> String {
    let terms = &base.terms;
    let name = |n: u32| terms.names[n as usize].as_str();
    let mut json = format!("[{},\"{}\"", escape::json_str(name(n)), encode::postings(&terms.postings[n as usize]));
    let mut phrases: Vec<String> = base
        .spellings
        .phrases(n)
        .map(|(rest, group)| {
            let rest: Vec<&str> = rest.iter().map(|&t| name(t)).collect();
            format!("[{},{}]", escape::json_str(&rest.join(" ")), escape::json_str(name(*group)))
        })
        .collect();
    if !phrases.is_empty() {
        phrases.sort();
        json.push_str(&format!(",[{}]", phrases.join(",")));
    }
    json.push(']');
    json
}

/// A chunk of documents: a JSON array of their objects.
fn chunk(docs: &[&Indexed]) -> String {
    join_objects(docs.iter().map(|d| d.json.as_str()))
}

/// Objects as a JSON array, one a line.
pub(super) fn join_objects<'s>(objects: impl Iterator<Item = &'s str>) -> String {
    let mut out = String::from("[");
    for (i, object) in objects.enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(object);
    }
    out.push_str("]\n");
    out
}

/// A document's object: `k` (kind), `t` (headline), `u` (href from the
/// site root), `m` (meta line), and for quotes `s` (stance) and `l`
/// (language, when not the site's).
pub(super) fn object(d: &Doc<'_>) -> String {
    let mut out = String::from("{\"k\":\"");
    out.push_str(d.kind.as_str());
    out.push_str("\",\"t\":");
    escape::push_json_str(&mut out, &d.title);
    out.push_str(",\"u\":");
    escape::push_json_str(&mut out, &d.href);
    out.push_str(",\"m\":");
    escape::push_json_str(&mut out, &d.meta);
    if let Some(s) = d.stance {
        out.push_str(&format!(",\"s\":\"{}\"", s.as_str()));
    }
    if let Some(l) = d.lang {
        out.push_str(",\"l\":");
        escape::push_json_str(&mut out, l);
    }
    out.push('}');
    out
}

/// `search/index.json`: the format, the version (a hash of every other
/// file, for cache busting), the number of documents, the chunk size, and
/// the first term of each shard (as JSON strings).
pub(super) fn manifest(hash: u64, docs: usize, firsts: &[String]) -> String {
    format!(
        "{{\"format\":{FORMAT},\"version\":\"{hash:016x}\",\"docs\":{docs},\"chunk\":{CHUNK},\"shards\":[{}]}}\n",
        firsts.join(",")
    )
}
