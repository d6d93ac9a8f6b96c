//! Cross-references, built once per build: evidence by claim, by speaker
//! and by channel; claims about an actor; outlets' articles; agreement.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Actor, Annotation, Article, Claim, Dossier, Id, Stance};

/// One annotated passage with the article it is in.
#[derive(Clone, Copy, Debug)]
pub struct Ev<'a> {
    pub article: &'a Article,
    pub annotation: &'a Annotation,
}

/// A claim's own evidence by stance, and the supporting or disputing
/// evidence on the claims that contradict it (context implies nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub supports: usize,
    pub disputes: usize,
    pub context: usize,
    pub implied: usize,
}

/// Pairs of actors and the claims that join or divide them.
pub type Relations<'a> = BTreeMap<&'a Id, BTreeMap<&'a Id, BTreeSet<&'a Id>>>;

pub struct Xref<'a> {
    pub dossier: &'a Dossier,
    pub by_claim: BTreeMap<&'a Id, Vec<Ev<'a>>>,
    pub by_speaker: BTreeMap<&'a Id, Vec<Ev<'a>>>,
    pub by_via: BTreeMap<&'a Id, Vec<Ev<'a>>>,
    pub about: BTreeMap<&'a Id, Vec<&'a Claim>>,
    pub published: BTreeMap<&'a Id, Vec<&'a Article>>,
    pub members: BTreeMap<&'a Id, Vec<&'a Actor>>,
    pub agrees: Relations<'a>,
    pub disagrees: Relations<'a>,
    /// Counted once here: every page that names a claim shows its counts.
    pub tallies: BTreeMap<&'a Id, Tally>,
}

impl<'a> Xref<'a> {
    pub fn new(dossier: &'a Dossier) -> Xref<'a> {
        let mut x = Xref {
            dossier,
            by_claim: BTreeMap::new(),
            by_speaker: BTreeMap::new(),
            by_via: BTreeMap::new(),
            about: BTreeMap::new(),
            published: BTreeMap::new(),
            members: BTreeMap::new(),
            agrees: BTreeMap::new(),
            disagrees: BTreeMap::new(),
            tallies: BTreeMap::new(),
        };
        // Oldest first (undated last), then by id: evidence reads as a history.
        let mut articles: Vec<&Article> = dossier.articles.values().collect();
        articles.sort_by_key(|a| (a.published.is_none(), a.published, &a.id));
        for article in articles {
            if let Some(outlet) = &article.outlet {
                x.published.entry(outlet).or_default().push(article);
            }
            for annotation in &article.annotations {
                let ev = Ev { article, annotation };
                x.by_claim.entry(&annotation.claim).or_default().push(ev);
                if let Some(speaker) = dossier.speaker(article, annotation) {
                    x.by_speaker.entry(speaker).or_default().push(ev);
                }
                if let Some(via) = &annotation.via {
                    x.by_via.entry(via).or_default().push(ev);
                }
            }
        }
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
        x.relate();
        x.count();
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

    pub fn tally(&self, claim: &Id) -> Tally {
        self.tallies.get(claim).copied().unwrap_or_default()
    }

    /// The claim's own evidence.
    pub fn evidence(&self, claim: &Id) -> &[Ev<'a>] {
        self.by_claim.get(claim).map_or(&[], Vec::as_slice)
    }

    /// At least one `supports` and one `disputes` of the claim's own.
    pub fn contested(&self, claim: &Id) -> bool {
        let t = self.tally(claim);
        t.supports > 0 && t.disputes > 0
    }

    /// Evidence on the claims that contradict this one.
    pub fn implied(&self, claim: &Claim) -> Vec<Ev<'a>> {
        claim.contradicts.iter().flat_map(|other| self.evidence(other).iter().copied()).collect()
    }

    /// Who supports and who disputes each claim, from the speakers.
    fn sides(&self) -> BTreeMap<&'a Id, [BTreeSet<&'a Id>; 2]> {
        let mut sides: BTreeMap<&'a Id, [BTreeSet<&'a Id>; 2]> = BTreeMap::new();
        for (claim, evs) in &self.by_claim {
            for ev in evs {
                let Some(speaker) = self.dossier.speaker(ev.article, ev.annotation) else { continue };
                let side = match ev.annotation.stance {
                    Stance::Supports => 0,
                    Stance::Disputes => 1,
                    Stance::Context => continue,
                };
                sides.entry(claim).or_default()[side].insert(speaker);
            }
        }
        sides
    }

    /// Agreement: same stance on a claim. Disagreement: opposite stances on
    /// a claim, or support for two claims that contradict each other.
    fn relate(&mut self) {
        let sides = self.sides();
        let mut agrees = Relations::new();
        let mut disagrees = Relations::new();
        for (claim, [supporters, disputers]) in &sides {
            for group in [supporters, disputers] {
                pairs(&mut agrees, group, group, &[*claim]);
            }
            pairs(&mut disagrees, supporters, disputers, &[*claim]);
            let contradicting = self.dossier.claims.get(*claim).map(|c| &c.contradicts);
            for other in contradicting.into_iter().flatten() {
                if let Some([other_supporters, _]) = sides.get(other) {
                    pairs(&mut disagrees, supporters, other_supporters, &[*claim, other]);
                }
            }
        }
        self.agrees = agrees;
        self.disagrees = disagrees;
    }
}

/// Records every pair (a, b) with a ≠ b, both ways, with the claims.
fn pairs<'a>(rel: &mut Relations<'a>, xs: &BTreeSet<&'a Id>, ys: &BTreeSet<&'a Id>, claims: &[&'a Id]) {
    for &a in xs {
        for &b in ys.iter().filter(|&&b| b != a) {
            for &claim in claims {
                rel.entry(a).or_default().entry(b).or_default().insert(claim);
                rel.entry(b).or_default().entry(a).or_default().insert(claim);
            }
        }
    }
}
