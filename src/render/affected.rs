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
//! - a matrix page: its articles, and the order and contested state of their
//!   claims (the rows show no counts);
//! - a timeline page: its claims, their evidence and counts;
//! - an agreement page: its pairs;
//! - the home page: counts, and references of claims and articles;
//! - the indexes: references of articles, of claims (with their counts),
//!   and the number of passages each actor speaks in;
//! - the search page: the speakers and outlets, with their counts;
//! - 404: nothing an article holds.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::model::{Annotation, Article, Id};
use crate::view::{AGREEMENT_PAIRS, MATRIX_COLUMNS, PAIRS_SHOWN, Spec, TIMELINE_CLAIMS, pager};
use crate::xref::{Ev, Snapshot, Xref};

/// The pages to make again after the articles in `changed` (each with
/// its version before, if any) changed from the dossier of `old` to that of `x`.
pub fn pages<'a>(old: &Snapshot, x: &Xref<'a>, changed: &'a BTreeMap<Id, Option<Article>>) -> Vec<Spec<'a>> {
    let t = Touched::new(old, x, changed);
    let mut specs = Vec::new();
    if t.listed || !t.counted.is_empty() {
        specs.push(Spec::Home);
    }
    if t.listed {
        specs.push(Spec::Articles);
    }
    if !t.counted.is_empty() {
        specs.push(Spec::Claims);
    }
    if !t.actors.is_empty() {
        specs.extend([Spec::Actors, Spec::Search]);
    }
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
    /// Of those, the claims whose contested state or number of passages
    /// differ: their key in the home page's order ([`Xref::ranked`]).
    reranked: BTreeSet<&'a Id>,
    /// An article's reference changed, or an article came or went: the
    /// lists of articles differ.
    listed: bool,
}

impl<'a> Touched<'a> {
    fn new(old: &Snapshot, x: &Xref<'a>, changed: &'a BTreeMap<Id, Option<Article>>) -> Touched<'a> {
        let counted: BTreeSet<&Id> =
            x.dossier.claims.keys().filter(|id| old.counts.get(*id) != Some(&(x.tally(id), x.contested(id)))).collect();
        let reranked = counted
            .iter()
            .copied()
            .filter(|id| {
                old.counts.get(*id).map(|(t, c)| t.rank_key(*c)) != Some(x.tally(id).rank_key(x.contested(id)))
            })
            .collect();
        let mut t = Touched {
            articles: BTreeSet::new(),
            claims: BTreeSet::new(),
            actors: BTreeSet::new(),
            counted,
            reranked,
            listed: false,
        };
        for (id, before) in changed {
            t.articles.insert(id);
            let after = x.dossier.articles.get(id);
            match (before, after) {
                (Some(before), Some(after)) if same_ref(before, after) => t.compare(x, before, after),
                _ => {
                    t.listed = true;
                    before.iter().chain(after).for_each(|a| t.all_of(x, a));
                }
            }
        }
        t
    }

    /// Everything an article names: what shows its reference changed.
    fn all_of(&mut self, x: &Xref<'a>, article: &'a Article) {
        self.actors.extend(&article.outlet);
        for a in &article.annotations {
            self.claims.insert(&a.claim);
            self.actors.extend(x.dossier.speaker(article, a).into_iter().chain(&a.via));
        }
    }

    /// What an article names whose passages differ: a claim, speaker or
    /// channel whose passages in the article, in reading order, are not the
    /// same before and after.
    fn compare(&mut self, x: &Xref<'a>, before: &'a Article, after: &'a Article) {
        let d = x.dossier;
        let claims = |article: &'a Article| group(article, |a| Some(&a.claim));
        let speakers = |article: &'a Article| group(article, |a| d.speaker(article, a));
        let vias = |article: &'a Article| group(article, |a| a.via.as_ref());
        self.claims.extend(differ(claims(before), claims(after)));
        self.actors.extend(differ(speakers(before), speakers(after)));
        self.actors.extend(differ(vias(before), vias(after)));
    }

    /// A claim whose evidence or counts may differ.
    fn claim(&self, id: &Id) -> bool {
        self.counted.contains(id) || self.claims.contains(id)
    }
}

/// The same [`crate::view::ArticleRef`]: what pages other than its own show of an article.
fn same_ref(a: &Article, b: &Article) -> bool {
    a.title == b.title
        && a.outlet == b.outlet
        && a.url == b.url
        && a.published == b.published
        && a.language == b.language
        && a.annotations.len() == b.annotations.len()
}

/// An article's passages by what `key` names, in reading order.
fn group<'a>(
    article: &'a Article,
    key: impl Fn(&'a Annotation) -> Option<&'a Id>,
) -> BTreeMap<&'a Id, Vec<&'a Annotation>> {
    let mut groups: BTreeMap<&Id, Vec<&Annotation>> = BTreeMap::new();
    for a in &article.annotations {
        if let Some(k) = key(a) {
            groups.entry(k).or_default().push(a);
        }
    }
    groups
}

/// The keys whose passages differ.
fn differ<'a>(
    before: BTreeMap<&'a Id, Vec<&'a Annotation>>,
    after: BTreeMap<&'a Id, Vec<&'a Annotation>>,
) -> impl Iterator<Item = &'a Id> {
    let keys: BTreeSet<&Id> = before.keys().chain(after.keys()).copied().collect();
    keys.into_iter().filter(move |k| before.get(k) != after.get(k))
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

/// The numbered pages of a list of `now` items shown `per_page` a page
/// (`before` items before the edit) that changed: every page when the
/// length did, else those for whose range of items `changed` says so.
fn paged(before: usize, now: usize, per_page: usize, changed: impl Fn(Range<usize>) -> bool) -> Vec<usize> {
    let pages = 1..=pager::count(now, per_page);
    if before != now {
        return pages.collect();
    }
    pages.filter(|&n| changed(pager::range(now, per_page, n))).collect()
}

fn matrix(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.chronological, &x.chronological);
    let changed = |columns: Range<usize>| {
        let (before, now) = (&before[columns.clone()], &now[columns]);
        if now.iter().zip(before).any(|(a, b)| a.id != *b || t.articles.contains(&a.id)) {
            return true;
        }
        // Rows: the claims of these articles, in rank order. Two claims
        // rank by their own keys, so rows whose keys are the same keep
        // their order.
        now.iter().flat_map(|a| &a.annotations).any(|a| t.reranked.contains(&a.claim))
    };
    paged(before.len(), now.len(), MATRIX_COLUMNS, changed).into_iter().map(Spec::Matrix).collect()
}

fn timeline(old: &Snapshot, x: &Xref<'_>, t: &Touched<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.timeline, &x.timeline);
    let changed =
        |claims: Range<usize>| now[claims.clone()].iter().zip(&before[claims]).any(|(&c, b)| c != b || t.claim(c));
    paged(before.len(), now.len(), TIMELINE_CLAIMS, changed).into_iter().map(Spec::Timeline).collect()
}

fn agreement(old: &Snapshot, x: &Xref<'_>) -> Vec<Spec<'static>> {
    let (before, now) = (&old.pairs, &x.pairs);
    let changed = |pairs: Range<usize>| now[pairs.clone()].iter().zip(&before[pairs]).any(|(p, b)| !b.is(p));
    paged(before.len(), now.len(), AGREEMENT_PAIRS, changed).into_iter().map(Spec::Agreement).collect()
}
