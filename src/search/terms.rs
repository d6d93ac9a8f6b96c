//! The inverted index in memory: every term, numbered as first seen, with
//! the documents that have it; and the actors' spellings, found in the
//! documents' tokens so that every spelling of an actor finds them all.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::docs::Doc;
use super::text::each_token;
use crate::model::Dossier;

/// The multiply-rotate hash of rustc's `FxHasher`, eight bytes at a time.
/// Every token of every passage is hashed, and the input is the dossier's
/// own text, not an adversary's; no map's order reaches the output.
#[derive(Default)]
pub(super) struct TokenHasher(u64);

impl Hasher for TokenHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl TokenHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<TokenHasher>>;

/// Every term, numbered, with the documents that have it in order.
#[derive(Default)]
pub(super) struct Terms {
    numbers: FastMap<String, u32>,
    pub names: Vec<String>,
    pub postings: Vec<Vec<u32>>,
}

impl Terms {
    /// The number of `term`, numbering it if new.
    pub(super) fn number(&mut self, term: &str) -> u32 {
        if let Some(&n) = self.numbers.get(term) {
            return n;
        }
        let n = u32::try_from(self.names.len()).expect("fewer than 2^32 terms");
        self.numbers.insert(term.to_owned(), n);
        self.names.push(term.to_owned());
        self.postings.push(Vec::new());
        n
    }

    /// Indexes the documents in order: each under its words, `@<actor id>`
    /// for every actor it names by any spelling, and its filter terms.
    #[cfg(test)]
    pub(super) fn index(&mut self, docs: &[Doc<'_>], spellings: &Spellings) {
        let terms: Vec<Vec<u32>> = docs.iter().map(|doc| self.of(doc, spellings)).collect();
        self.post(terms.iter().map(Vec::as_slice), spellings);
    }

    /// The terms a document is found by, each once, in number order: its
    /// words, `@<actor id>` for every actor it names by any spelling, and
    /// its filter terms. Numbers the terms not seen before.
    pub(super) fn of(&mut self, doc: &Doc<'_>, spellings: &Spellings) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::new();
        let mut field: Vec<u32> = Vec::new();
        for text in &doc.fields {
            field.clear();
            each_token(text, |t| field.push(self.number(t)));
            spellings.actors_in(&field, &mut all);
            all.extend_from_slice(&field);
        }
        for filter in &doc.filters {
            all.push(self.number(filter));
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Makes every posting list again from the terms of each document, in
    /// document order.
    pub(super) fn post<'t>(&mut self, docs: impl Iterator<Item = &'t [u32]>, spellings: &Spellings) {
        self.postings.iter_mut().for_each(Vec::clear);
        for (id, terms) in docs.enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 documents");
            for &term in terms {
                self.postings[term as usize].push(id);
            }
        }
        self.merge_spellings(spellings);
    }

    /// A word that spells an actor by itself ("Kupyansk") finds whatever
    /// names that actor by any spelling: its documents are the actor's.
    /// So a word, or the start of one, never needs a second lookup.
    fn merge_spellings(&mut self, spellings: &Spellings) {
        for (first, starts) in spellings.by_first.iter().enumerate() {
            if starts.alone.is_empty() {
                continue;
            }
            let mut ids: Vec<u32> =
                starts.alone.iter().flat_map(|&g| self.postings[g as usize].iter().copied()).collect();
            ids.extend(&self.postings[first]);
            ids.sort_unstable();
            ids.dedup();
            self.postings[first] = ids;
        }
    }
}

/// Transliterations of one word: two spellings of an actor that differ in
/// one word only, by at most two letters out of four or more ("Viktor
/// Trehubov", "Viktor Tregubov"), make each of those words a spelling of
/// the actor by itself, so "Tregubov" alone finds what "Trehubov" finds.
/// Words apart ("Russian forces", "Russian troops") stay apart.
fn variants(spellings: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, a) in spellings.iter().enumerate() {
        for b in spellings[i + 1..].iter().filter(|b| b.len() == a.len() && a.len() > 1) {
            let differ: Vec<(&String, &String)> = a.iter().zip(b).filter(|(x, y)| x != y).collect();
            if let [(x, y)] = differ[..] {
                let long = x.chars().count() >= 4 && y.chars().count() >= 4;
                if long && strsim::levenshtein(x, y) <= 2 {
                    out.push(vec![x.clone()]);
                    out.push(vec![y.clone()]);
                }
            }
        }
    }
    out
}

/// One spelling of an actor: its tokens after the first, and the term
/// `@<actor id>` it stands for.
pub(super) type Spelling = (Vec<u32>, u32);

/// Every actor's name and aliases as sequences of term numbers, by first
/// token.
#[derive(Default)]
pub(super) struct Spellings {
    /// By the number of the first token: spellings are numbered before any
    /// document, so this is short and a lookup is an index, not a hash.
    by_first: Vec<Starts>,
}

/// The spellings that start with one token.
#[derive(Default)]
struct Starts {
    all: Vec<Spelling>,
    /// The actors this token spells by itself.
    alone: Vec<u32>,
    /// Longer spellings by their second token (after it, the rest): a
    /// common first name then costs one lookup, not one comparison per
    /// actor that bears it.
    by_second: FastMap<u32, Vec<Spelling>>,
}

impl Spellings {
    pub(super) fn new(dossier: &Dossier, terms: &mut Terms) -> Spellings {
        let mut spellings = Spellings::default();
        for actor in dossier.actors.values() {
            let group = terms.number(&format!("@{}", actor.id));
            let mut all: Vec<Vec<String>> = Vec::new();
            for spelling in std::iter::once(&actor.name).chain(&actor.aliases) {
                let mut tokens = Vec::new();
                each_token(spelling, |t| tokens.push(t.to_owned()));
                all.push(tokens);
            }
            all.extend(variants(&all));
            for tokens in all {
                let numbers: Vec<u32> = tokens.iter().map(|t| terms.number(t)).collect();
                spellings.add(&numbers, group);
            }
        }
        spellings
    }

    fn add(&mut self, tokens: &[u32], group: u32) {
        let Some((&first, rest)) = tokens.split_first() else { return };
        if self.by_first.len() <= first as usize {
            self.by_first.resize_with(first as usize + 1, Starts::default);
        }
        let starts = &mut self.by_first[first as usize];
        if starts.all.iter().any(|(r, g)| r == rest && *g == group) {
            return;
        }
        starts.all.push((rest.to_vec(), group));
        match rest.split_first() {
            None => starts.alone.push(group),
            Some((second, after)) => starts.by_second.entry(*second).or_default().push((after.to_vec(), group)),
        }
    }

    /// The spellings of more than one token that start with the term
    /// numbered `first`.
    pub(super) fn phrases(&self, first: u32) -> impl Iterator<Item = &Spelling> {
        self.by_first.get(first as usize).into_iter().flat_map(|s| &s.all).filter(|(rest, _)| !rest.is_empty())
    }

    /// Adds the `@<actor id>` term of every actor one of whose spellings
    /// occurs in `tokens`, overlaps included: "Moscow's chain of command"
    /// names both the command and, through its alias "Moscow", the Kremlin.
    pub(super) fn actors_in(&self, tokens: &[u32], found: &mut Vec<u32>) {
        for (i, token) in tokens.iter().enumerate() {
            let Some(starts) = self.by_first.get(*token as usize) else { continue };
            found.extend(&starts.alone);
            let Some(longer) = tokens.get(i + 1).and_then(|second| starts.by_second.get(second)) else { continue };
            for (after, group) in longer {
                if tokens[i + 2..].starts_with(after) {
                    found.push(*group);
                }
            }
        }
    }
}
