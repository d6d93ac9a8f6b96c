//! Cross-references, built once per build: evidence by claim, by speaker
//! and by channel; claims about an actor; outlets' articles; the orders
//! the aggregate pages share; agreement between pairs of actors.

mod pairs;
mod snapshot;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) use pairs::Pair;
pub(crate) use snapshot::Snapshot;

use crate::model::{Actor, Annotation, Article, Claim, Date, Dossier, Id, Stance};

/// One annotated passage with the article it is in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Passage<'a> {
    pub article: &'a Article,
    pub annotation: &'a Annotation,
}

impl Passage<'_> {
    /// When it was said: its `said_on`, else the article's date.
    pub(crate) fn date(&self) -> Option<Date> {
        self.annotation.said_on.or(self.article.published)
    }
}

/// Sorts dated before undated, oldest first.
pub(crate) fn undated_last(date: Option<Date>) -> (bool, Option<Date>) {
    (date.is_none(), date)
}

/// A claim's own evidence by stance, and the supporting or disputing
/// evidence on the claims that contradict it (context implies nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub supports: usize,
    pub disputes: usize,
    pub context: usize,
    pub implied: usize,
}

impl Tally {
    /// Where a claim with this tally goes in the home page's order (before
    /// its id, which settles ties): contested first, then most passages.
    pub(crate) fn rank_key(&self, contested: bool) -> (bool, std::cmp::Reverse<usize>) {
        (!contested, std::cmp::Reverse(self.supports + self.disputes + self.context))
    }
}

/// Pairs of actors and the claims that join or divide them.
pub(crate) type Relations<'a> = BTreeMap<&'a Id, BTreeMap<&'a Id, BTreeSet<&'a Id>>>;

pub(crate) struct Xref<'a> {
    pub dossier: &'a Dossier,
    /// Every list below is in evidence order: oldest first by [`Passage::date`],
    /// undated last; then as `chronological`, then in reading order.
    pub by_claim: BTreeMap<&'a Id, Vec<Passage<'a>>>,
    pub by_speaker: BTreeMap<&'a Id, Vec<Passage<'a>>>,
    pub by_via: BTreeMap<&'a Id, Vec<Passage<'a>>>,
    pub about: BTreeMap<&'a Id, Vec<&'a Claim>>,
    pub published: BTreeMap<&'a Id, Vec<&'a Article>>,
    pub members: BTreeMap<&'a Id, Vec<&'a Actor>>,
    /// Articles oldest first, undated last; then by title, then id.
    pub chronological: Vec<&'a Article>,
    /// Claims contested first, then by amount of own evidence (most first), then id.
    pub ranked: Vec<&'a Id>,
    /// Each claim's place in `ranked`.
    pub rank: BTreeMap<&'a Id, usize>,
    /// Claims with evidence, by their earliest dated evidence (undated
    /// only last), then in `ranked` order.
    pub timeline: Vec<&'a Id>,
    /// Each claim's place in `timeline`.
    pub timeline_pos: BTreeMap<&'a Id, usize>,
    /// Most shared claims first, then by the two names.
    pub pairs: Vec<Pair<'a>>,
    /// Each actor's pairs, as places in `pairs`.
    pub pairs_of: BTreeMap<&'a Id, Vec<usize>>,
    /// Supporting two claims that contradict each other, with both claims.
    pub opposed: Relations<'a>,
    /// Counted once here: every page that names a claim shows its counts.
    pub tallies: BTreeMap<&'a Id, Tally>,
}

impl<'a> Xref<'a> {
    pub(crate) fn new(dossier: &'a Dossier) -> Xref<'a> {
        // Agreement between actors needs only the dossier: found meanwhile.
        let (mut x, agreement) = rayon::join(|| Xref::without_pairs(dossier), || pairs::agreement(dossier));
        x.pairs = agreement.pairs;
        x.pairs_of = agreement.pairs_of;
        x.opposed = agreement.opposed;
        x
    }

    fn without_pairs(dossier: &'a Dossier) -> Xref<'a> {
        let mut x = Xref {
            dossier,
            by_claim: BTreeMap::new(),
            by_speaker: BTreeMap::new(),
            by_via: BTreeMap::new(),
            about: BTreeMap::new(),
            published: BTreeMap::new(),
            members: BTreeMap::new(),
            chronological: chronological(dossier),
            ranked: Vec::new(),
            rank: BTreeMap::new(),
            timeline: Vec::new(),
            timeline_pos: BTreeMap::new(),
            pairs: Vec::new(),
            pairs_of: BTreeMap::new(),
            opposed: BTreeMap::new(),
            tallies: BTreeMap::new(),
        };
        let mut evs = Vec::new();
        for &article in &x.chronological {
            if let Some(outlet) = &article.outlet {
                x.published.entry(outlet).or_default().push(article);
            }
            evs.extend(article.annotations.iter().map(|annotation| Passage { article, annotation }));
        }
        // Stable: within a date, articles keep their order and passages their reading order.
        evs.sort_by_key(|ev| undated_last(ev.date()));
        // Grouped by hashing: ids often share long beginnings, and a
        // sorted map would compare them at every step.
        let (mut by_claim, mut by_speaker, mut by_via) = (HashMap::new(), HashMap::new(), HashMap::new());
        for ev in evs {
            let annotation = ev.annotation;
            by_claim.entry(&annotation.claim).or_insert_with(Vec::new).push(ev);
            if let Some(speaker) = dossier.speaker(ev.article, annotation) {
                by_speaker.entry(speaker).or_insert_with(Vec::new).push(ev);
            }
            if let Some(via) = &annotation.via {
                by_via.entry(via).or_insert_with(Vec::new).push(ev);
            }
        }
        (x.by_claim, x.by_speaker, x.by_via) =
            (by_claim.into_iter().collect(), by_speaker.into_iter().collect(), by_via.into_iter().collect());
        for claim in dossier.claims.values() {
            for actor in &claim.about {
                x.about.entry(actor).or_default().push(claim);
            }
        }
        for actor in dossier.actors.values() {
            if let Some(parent) = &actor.affiliation {
                x.members.entry(parent).or_default().push(actor);
            }
        }
        x.count();
        x.order();
        x
    }

    fn count(&mut self) {
        for (claim, evs) in &self.by_claim {
            let mut t = Tally::default();
            for ev in evs {
                match ev.annotation.stance {
                    Stance::Supports => t.supports += 1,
                    Stance::Disputes => t.disputes += 1,
                    Stance::Context => t.context += 1,
                }
            }
            self.tallies.insert(claim, t);
        }
        for claim in self.dossier.claims.values() {
            let implied = claim.contradicts.iter().map(|o| self.tally(o)).map(|t| t.supports + t.disputes).sum();
            self.tallies.entry(&claim.id).or_default().implied = implied;
        }
    }

    /// The claim orders of the home page and the timeline.
    fn order(&mut self) {
        let mut ranked: Vec<&Id> = self.dossier.claims.keys().collect();
        ranked.sort_by_cached_key(|&id| (self.tally(id).rank_key(self.contested(id)), id));
        self.rank = ranked.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        self.ranked = ranked;
        let mut timeline: Vec<&Id> = self.by_claim.keys().copied().collect();
        // by_claim is in date order: the first piece is the earliest.
        timeline.sort_by_cached_key(|&id| (undated_last(self.by_claim[id][0].date()), self.rank[id]));
        self.timeline_pos = timeline.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        self.timeline = timeline;
    }

    pub(crate) fn tally(&self, claim: &Id) -> Tally {
        self.tallies.get(claim).copied().unwrap_or_default()
    }

    /// The claim's own evidence.
    pub(crate) fn evidence(&self, claim: &Id) -> &[Passage<'a>] {
        self.by_claim.get(claim).map_or(&[], Vec::as_slice)
    }

    /// At least one `supports` and one `disputes` of the claim's own.
    pub(crate) fn contested(&self, claim: &Id) -> bool {
        let t = self.tally(claim);
        t.supports > 0 && t.disputes > 0
    }

    /// Evidence on the claims that contradict this one.
    pub(crate) fn implied(&self, claim: &Claim) -> Vec<Passage<'a>> {
        claim.contradicts.iter().flat_map(|other| self.evidence(other).iter().copied()).collect()
    }
}

/// Articles oldest first, undated last; then by title, then id.
fn chronological(dossier: &Dossier) -> Vec<&Article> {
    let mut articles: Vec<&Article> = dossier.articles.values().collect();
    articles.sort_by(|a, b| {
        undated_last(a.published)
            .cmp(&undated_last(b.published))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    articles
}

#[cfg(test)]
mod tests;
