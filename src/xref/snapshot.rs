//! The cross-references that pages show beyond one article, claim or
//! actor each (counts, orders, pairs), kept after a build so that the next
//! one can tell which of them an edit changed, and so which pages.

use std::collections::BTreeMap;

use super::{Pair, Tally, Xref};
use crate::model::Id;

/// What [`Xref`] held, owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// Each claim's counts, and whether it is contested.
    pub counts: BTreeMap<Id, (Tally, bool)>,
    /// [`Xref::timeline`].
    pub timeline: Vec<Id>,
    /// Each claim's place in `timeline`.
    pub timeline_pos: BTreeMap<Id, usize>,
    /// Articles in [`Xref::chronological`] order.
    pub chronological: Vec<Id>,
    /// [`Xref::pairs`].
    pub pairs: Vec<OwnedPair>,
    /// [`Xref::pairs_of`].
    pub pairs_of: BTreeMap<Id, Vec<usize>>,
    /// [`Xref::opposed`].
    pub opposed: BTreeMap<Id, BTreeMap<Id, Vec<Id>>>,
}

/// A [`Pair`], owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OwnedPair {
    pub actors: [Id; 2],
    pub agree: Vec<Id>,
    pub disagree: Vec<Id>,
    pub shared: usize,
}

impl OwnedPair {
    /// The same two actors, sharing the same claims the same way.
    pub(crate) fn is(&self, pair: &Pair<'_>) -> bool {
        self.shared == pair.shared
            && self.actors.iter().eq(pair.actors)
            && self.agree.iter().eq(pair.agree.iter().copied())
            && self.disagree.iter().eq(pair.disagree.iter().copied())
    }
}

impl Snapshot {
    pub(crate) fn new(xref: &Xref<'_>) -> Snapshot {
        let ids = |ids: &[&Id]| ids.iter().map(|&id| id.clone()).collect::<Vec<Id>>();
        let places = |places: &BTreeMap<&Id, usize>| places.iter().map(|(&id, &i)| (id.clone(), i)).collect();
        Snapshot {
            counts: xref.dossier.claims.keys().map(|id| (id.clone(), (xref.tally(id), xref.contested(id)))).collect(),
            timeline: ids(&xref.timeline),
            timeline_pos: places(&xref.timeline_pos),
            chronological: xref.chronological.iter().map(|a| a.id.clone()).collect(),
            pairs: xref
                .pairs
                .iter()
                .map(|p| OwnedPair {
                    actors: p.actors.map(Id::clone),
                    agree: ids(&p.agree),
                    disagree: ids(&p.disagree),
                    shared: p.shared,
                })
                .collect(),
            pairs_of: xref.pairs_of.iter().map(|(&id, places)| (id.clone(), places.clone())).collect(),
            opposed: xref
                .opposed
                .iter()
                .map(|(&a, others)| {
                    (
                        a.clone(),
                        others
                            .iter()
                            .map(|(&b, claims)| (b.clone(), claims.iter().map(|&c| c.clone()).collect()))
                            .collect(),
                    )
                })
                .collect(),
        }
    }
}
