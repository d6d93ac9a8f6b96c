//! Pairs of speakers and the claims on which they agree or disagree, and
//! opposition through claims that contradict each other.
//!
//! A dossier of thousands of actors can hold hundreds of thousands of
//! pairs, so the work is done on indices (actors and claims in id order)
//! in sorted vectors, not in maps of strings.

use std::collections::{BTreeMap, HashMap};

use super::Relations;
use crate::model::{Dossier, Id, Stance};

const FOR: u8 = 1;
const AGAINST: u8 = 2;
const AGREE: u8 = 1;
const DISAGREE: u8 = 2;

/// Two speakers that took a side (`supports` or `disputes`) on at least one
/// common claim. `context` takes no side and counts as neither.
#[derive(Clone, Debug)]
pub(crate) struct Pair<'a> {
    /// By name (case ignored), then id.
    pub actors: [&'a Id; 2],
    /// Claims on which they took the same side, by id.
    pub agree: Vec<&'a Id>,
    /// Claims on which one supports and the other disputes, by id. A claim
    /// can be in both lists when a speaker took both sides of it.
    pub disagree: Vec<&'a Id>,
    /// Claims on which both took a side.
    pub shared: usize,
}

/// Every pair, most shared claims first, then by the two names; each
/// actor's pairs; and opposition through contradicting claims.
pub(super) struct Agreement<'a> {
    pub pairs: Vec<Pair<'a>>,
    /// Each actor's pairs, as places in `pairs`.
    pub pairs_of: BTreeMap<&'a Id, Vec<usize>>,
    pub opposed: Relations<'a>,
}

/// The sides speakers took on each claim.
struct Sides<'a> {
    actors: Vec<&'a Id>,
    claims: Vec<&'a Id>,
    /// For each claim (by index), its speakers (by index, ascending), each
    /// with the sides it took: `FOR`, `AGAINST` or both.
    speakers: Vec<Vec<(u32, u8)>>,
}

/// (a, b, claim, `AGREE`/`DISAGREE` bits) for each claim on which speakers
/// a < b both took a side, sorted.
type Entry = (u32, u32, u32, u8);

fn sides<'a>(dossier: &'a Dossier) -> Sides<'a> {
    let actors: Vec<&Id> = dossier.actors.keys().collect();
    let claims: Vec<&Id> = dossier.claims.keys().collect();
    // Ids often share long beginnings: hashed once, not compared ten times.
    let places =
        |ids: &[&'a Id]| -> HashMap<&'a Id, u32> { ids.iter().enumerate().map(|(i, &id)| (id, i as u32)).collect() };
    let (actor_at, claim_at) = (places(&actors), places(&claims));
    let mut stances: Vec<(u32, u32, u8)> = Vec::new();
    for article in dossier.articles.values() {
        for annotation in &article.annotations {
            let side = match annotation.stance {
                Stance::Supports => FOR,
                Stance::Disputes => AGAINST,
                Stance::Context => continue,
            };
            let Some(speaker) = dossier.speaker(article, annotation) else { continue };
            let (Some(&s), Some(&c)) = (actor_at.get(speaker), claim_at.get(&annotation.claim)) else { continue };
            stances.push((c, s, side));
        }
    }
    stances.sort_unstable();
    let mut speakers = vec![Vec::new(); claims.len()];
    for (c, s, side) in stances {
        let list: &mut Vec<(u32, u8)> = &mut speakers[c as usize];
        match list.last_mut() {
            Some((last, sides)) if *last == s => *sides |= side,
            _ => list.push((s, side)),
        }
    }
    Sides { actors, claims, speakers }
}

fn entries(sides: &Sides<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for (c, list) in sides.speakers.iter().enumerate() {
        for (i, &(a, x)) in list.iter().enumerate() {
            for &(b, y) in &list[i + 1..] {
                let agree = x & y != 0;
                let disagree = (x & FOR != 0 && y & AGAINST != 0) || (x & AGAINST != 0 && y & FOR != 0);
                let bits = if agree { AGREE } else { 0 } | if disagree { DISAGREE } else { 0 };
                out.push((a, b, c as u32, bits));
            }
        }
    }
    out.sort_unstable();
    out
}

fn same_pair(x: &Entry, y: &Entry) -> bool {
    (x.0, x.1) == (y.0, y.1)
}

pub(super) fn agreement(dossier: &Dossier) -> Agreement<'_> {
    let sides = sides(dossier);
    let names: Vec<String> = sides.actors.iter().map(|id| dossier.actors[*id].name.to_lowercase()).collect();
    let by_name = |a: u32, b: u32| names[a as usize].cmp(&names[b as usize]).then(a.cmp(&b));
    let entries = entries(&sides);
    let mut pairs: Vec<([u32; 2], Pair<'_>)> = entries
        .chunk_by(same_pair)
        .map(|group| {
            let (a, b) = (group[0].0, group[0].1);
            let claims =
                |bit: u8| group.iter().filter(|e| e.3 & bit != 0).map(|e| sides.claims[e.2 as usize]).collect();
            let actors = if by_name(a, b).is_le() { [a, b] } else { [b, a] };
            let pair = Pair {
                actors: actors.map(|i| sides.actors[i as usize]),
                agree: claims(AGREE),
                disagree: claims(DISAGREE),
                shared: group.len(),
            };
            (actors, pair)
        })
        .collect();
    pairs.sort_by(|(x, p), (y, q)| {
        q.shared.cmp(&p.shared).then_with(|| by_name(x[0], y[0])).then_with(|| by_name(x[1], y[1]))
    });
    let mut pairs_of: BTreeMap<&Id, Vec<usize>> = BTreeMap::new();
    for (i, (_, pair)) in pairs.iter().enumerate() {
        for actor in pair.actors {
            pairs_of.entry(actor).or_default().push(i);
        }
    }
    Agreement { pairs: pairs.into_iter().map(|(_, p)| p).collect(), pairs_of, opposed: opposed(dossier, &sides) }
}

/// Speakers that supported two claims that contradict each other, with both claims.
fn opposed<'a>(dossier: &'a Dossier, sides: &Sides<'a>) -> Relations<'a> {
    let supporters = |c: usize| sides.speakers[c].iter().filter(|(_, s)| s & FOR != 0).map(|&(a, _)| a);
    // (actor, other actor, claim), as places: sorted, then made into maps
    // in one pass.
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
    for (c, claim) in sides.claims.iter().enumerate() {
        for other in &dossier.claims[*claim].contradicts {
            let Ok(o) = sides.claims.binary_search(&other) else { continue };
            for a in supporters(c) {
                for b in supporters(o).filter(|&b| b != a) {
                    for (this, that) in [(a, b), (b, a)] {
                        found.extend([(this, that, c as u32), (this, that, o as u32)]);
                    }
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    let (actor, claim) = (|i: u32| sides.actors[i as usize], |i: u32| sides.claims[i as usize]);
    found
        .chunk_by(|x, y| x.0 == y.0)
        .map(|of| {
            let others = of
                .chunk_by(|x, y| x.1 == y.1)
                .map(|with| (actor(with[0].1), with.iter().map(|t| claim(t.2)).collect()));
            (actor(of[0].0), others.collect())
        })
        .collect()
}
