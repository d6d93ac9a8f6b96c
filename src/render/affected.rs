//! Which pages an edit of some articles can change, given the
//! cross-references the pages were made from and those after the edit.
//! Every page not named here shows exactly what it showed before: it is
//! made from records the edit did not touch, and from counts, orders and
//! pairs that compare equal.
//!
//! What each page shows is in `view/`; the rules below follow it:
//! - an article page: the article, and the counts of the claims it annotates;
//! - a claim page: its evidence and counts, those of the claims it
//!   contradicts (implied evidence), and the timeline page it is on;
//! - an actor page: what it said, relayed and published, the counts of
//!   those claims and of claims about it, its agreement rows (with the
//!   agreement page of each pair) and the actors opposed to it;
//! - a matrix page: its articles, and the counts of their claims (which order the rows);
//! - a timeline page: its claims, their evidence and counts;
//! - an agreement page: its pairs;
//! - the home page, indexes, search and 404: always made again (they are few).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Article, Id};
use crate::view::{AGREEMENT_PAIRS, MATRIX_COLUMNS, PAIRS_SHOWN, Spec, TIMELINE_CLAIMS};
use crate::xref::{Ev, Snapshot, Xref};

/// The pages to make again after the articles in `changed` (each with
/// its version before, if any) changed from the dossier of `old` to that of `x`.
pub fn pages<'a>(old: &Snapshot, x: &Xref<'a>, changed: &'a BTreeMap<Id, Option<Article>>) -> Vec<Spec<'a>> {
    let t = Touched::new(old, x, changed);
    let mut specs = vec![Spec::Home, Spec::Articles, Spec::Claims, Spec::Actors, Spec::NotFound, Spec::Search];
    specs.extend(matrix(old, x, &t));
    specs.extend(timeline(old, x, &t));
    specs.extend(agreement(old, x));
    specs.extend(articles(x, &t));
    specs.extend(x.dossier.claims.values().filter(|c| claim(old, x, &t, &c.id)).map(|c| Spec::Claim(&c.id)));
    specs.extend(x.dossier.actors.keys().filter(|id| actor(old, x, &t, id)).map(Spec::Actor));
    specs
}

/// What the changed articles name, before or after the edit, and the
/// claims whose counts changed.
struct Touched<'a> {
    articles: BTreeSet<&'a Id>,
    claims: BTreeSet<&'a Id>,
    /// Outlets, speakers (`by`) and channels (`via`).
    actors: BTreeSet<&'a Id>,
    /// Claims whose counts or contested state differ.
    counted: BTreeSet<&'a Id>,
}

impl<'a> Touched<'a> {
    fn new(old: &Snapshot, x: &Xref<'a>, changed: &'a BTreeMap<Id, Option<Article>>) -> Touched<'a> {
        let mut t = Touched {
            articles: BTreeSet::new(),
            claims: BTreeSet::new(),
            actors: BTreeSet::new(),
            counted: x
                .dossier
                .claims
                .keys()
                .filter(|id| old.counts.get(*id) != Some(&(x.tally(id), x.contested(id))))
                .collect(),
        };
        for (id, before) in changed {
            t.articles.insert(id);
            for article in before.iter().chain(x.dossier.articles.get(id)) {
                t.actors.extend(&article.outlet);
                for a in &article.annotations {
                    t.claims.insert(&a.claim);
                    t.actors.extend(a.by.iter().chain(&a.via));
                }
            }
        }
        t
    }

    /// A claim whose evidence or counts may differ.
    fn claim(&self, id: &Id) -> bool {
        self.counted.contains(id) || self.claims.contains(id)
    }
}

/// How many numbered pages `items` take, and the items of page `n`, as
/// `view`'s pager numbers them.
fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

fn range(items: usize, per_page: usize, n: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * per_page).min(items);
    start..(start + per_page).min(items)
}

fn articles<'a>(x: &Xref<'a>, t: &Touched<'a>) -> Vec<Spec<'a>> {
    let mut ids: BTreeSet<&Id> = x.dossier.articles.keys().filter(|id| t.articles.contains(id)).collect();
    for claim in &t.counted {
        ids.extend(x.evidence(claim).iter().map(|ev| &ev.article.id));
    }
    ids.into_iter().map(Spec::Article).collect()
}

fn claim(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>, id: &Id) -> bool {
    let page = |pos: Option<&usize>| pos.map(|p| p / TIMELINE_CLAIMS);
    t.claim(id)
        || x.dossier.claims[id].contradicts.iter().any(|c| t.claim(c))
        || page(old.timeline_pos.get(id)) != page(x.timeline_pos.get(id))
}

fn actor(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>, id: &Id) -> bool {
    let evidence =
        |list: Option<&Vec<Ev<'_>>>| list.into_iter().flatten().any(|ev| t.counted.contains(&ev.annotation.claim));
    let about = x.about.get(id).into_iter().flatten().any(|c| t.counted.contains(&c.id));
    t.actors.contains(id)
        || evidence(x.by_speaker.get(id))
        || evidence(x.by_via.get(id))
        || about
        || agreement_rows(old, x, id)
        || opposed(old, x, t, id)
}

/// The rows of the actor's agreement table differ: another pair, another
/// count, or a pair on another agreement page.
fn agreement_rows(old: &Snapshot, x: &Xref<'_>, id: &Id) -> bool {
    let (before, now) =
        (old.pairs_of.get(id).map_or(&[][..], Vec::as_slice), x.pairs_of.get(id).map_or(&[][..], Vec::as_slice));
    before.len() != now.len()
        || before
            .iter()
            .zip(now)
            .take(PAIRS_SHOWN)
            .any(|(&b, &n)| b / AGREEMENT_PAIRS != n / AGREEMENT_PAIRS || !old.pairs[b].is(&x.pairs[n]))
}

/// The actors opposed to this one differ, or the counts of their claims.
fn opposed(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>, id: &Id) -> bool {
    let now = x.opposed.get(id);
    let same = match (old.opposed.get(id), now) {
        (None, None) => true,
        (Some(before), Some(now)) => {
            before.len() == now.len()
                && before.iter().zip(now).all(|((a, ca), (b, cb))| a == *b && ca.iter().eq(cb.iter().copied()))
        }
        _ => false,
    };
    !same || now.into_iter().flatten().take(PAIRS_SHOWN).flat_map(|(_, claims)| claims).any(|c| t.counted.contains(c))
}

fn matrix(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.chronological, &x.chronological);
    let pages = 1..=page_count(now.len(), MATRIX_COLUMNS);
    if before.len() != now.len() {
        return pages.map(Spec::Matrix).collect();
    }
    let changed = |n: usize| {
        let columns = range(now.len(), MATRIX_COLUMNS, n);
        let (before, now) = (&before[columns.clone()], &now[columns]);
        if now.iter().zip(before).any(|(a, b)| a.id != *b || t.articles.contains(&a.id)) {
            return true;
        }
        // Rows: the claims of these articles, in rank order. Two claims
        // rank by their own counts, so rows whose counts are the same keep
        // their order.
        now.iter().flat_map(|a| &a.annotations).any(|a| t.counted.contains(&a.claim))
    };
    pages.filter(|&n| changed(n)).map(Spec::Matrix).collect()
}

fn timeline(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.timeline, &x.timeline);
    let pages = 1..=page_count(now.len(), TIMELINE_CLAIMS);
    if before.len() != now.len() {
        return pages.map(Spec::Timeline).collect();
    }
    let changed = |n: usize| {
        let claims = range(now.len(), TIMELINE_CLAIMS, n);
        now[claims.clone()].iter().zip(&before[claims]).any(|(&c, b)| c != b || t.claim(c))
    };
    pages.filter(|&n| changed(n)).map(Spec::Timeline).collect()
}

fn agreement(old: &Snapshot, x: &Xref<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.pairs, &x.pairs);
    let pages = 1..=page_count(now.len(), AGREEMENT_PAIRS);
    if before.len() != now.len() {
        return pages.map(Spec::Agreement).collect();
    }
    let changed = |n: usize| {
        let pairs = range(now.len(), AGREEMENT_PAIRS, n);
        now[pairs.clone()].iter().zip(&before[pairs]).any(|(p, b)| !b.is(p))
    };
    pages.filter(|&n| changed(n)).map(Spec::Agreement).collect()
}
