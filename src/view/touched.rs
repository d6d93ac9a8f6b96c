//! What an edit of some articles touched, worked out once from the
//! cross-references the pages were made from ([`Snapshot`]) and those after
//! the edit: the articles, claims and actors whose passages differ, the
//! claims whose counts or places differ, whether the lists of articles do.
//! Each kind of page reads it to name its pages that show any of it
//! ([`super::PageKind::affected`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::pager;
use crate::export::Download;
use crate::model::{Annotation, Article, Id};
use crate::xref::{Snapshot, Xref};

/// What the changed articles name, before or after the edit, and the
/// claims whose counts changed.
pub(crate) struct Touched<'a> {
    /// The cross-references before the edit.
    pub old: &'a Snapshot,
    /// And after.
    pub xref: &'a Xref<'a>,
    /// The changed articles, by id.
    pub articles: BTreeSet<&'a Id>,
    /// Claims whose passages in a changed article differ.
    pub claims: BTreeSet<&'a Id>,
    /// Outlets, speakers (`by`) and channels (`via`) whose passages differ.
    pub actors: BTreeSet<&'a Id>,
    /// Claims whose counts or contested state differ.
    pub counted: BTreeSet<&'a Id>,
    /// Of those, the claims whose contested state or number of passages
    /// differ: their key in the home page's order ([`Xref::ranked`]).
    pub reranked: BTreeSet<&'a Id>,
    /// An article's reference changed, or an article came or went: the
    /// lists of articles differ.
    pub listed: bool,
    /// The files under `data/` differ in number, or one in size.
    pub downloads: bool,
}

impl<'a> Touched<'a> {
    pub(crate) fn new(
        old: &'a Snapshot,
        xref: &'a Xref<'a>,
        changed: &'a BTreeMap<Id, Option<Article>>,
        downloads: Downloads<'_>,
    ) -> Touched<'a> {
        let now = |id: &Id| (xref.tally(id), xref.contested(id));
        let counted: BTreeSet<&Id> =
            xref.dossier.claims.keys().filter(|id| old.counts.get(*id) != Some(&now(id))).collect();
        let reranked = counted
            .iter()
            .copied()
            .filter(|id| {
                old.counts.get(*id).map(|(t, c)| t.rank_key(*c)) != Some(xref.tally(id).rank_key(xref.contested(id)))
            })
            .collect();
        let mut touched = Touched {
            old,
            xref,
            articles: BTreeSet::new(),
            claims: BTreeSet::new(),
            actors: BTreeSet::new(),
            counted,
            reranked,
            listed: false,
            downloads: downloads.before != downloads.after,
        };
        for (id, before) in changed {
            touched.articles.insert(id);
            match (before, xref.dossier.articles.get(id)) {
                (Some(before), Some(after)) if same_ref(before, after) => touched.compare(before, after),
                (before, after) => {
                    touched.listed = true;
                    before.iter().chain(after).for_each(|a| touched.all_of(a));
                }
            }
        }
        touched
    }

    /// Everything an article names: what shows its reference changed.
    fn all_of(&mut self, article: &'a Article) {
        self.actors.extend(&article.outlet);
        for a in &article.annotations {
            self.claims.insert(&a.claim);
            self.actors.extend(self.xref.dossier.speaker(article, a).into_iter().chain(&a.via));
        }
    }

    /// What an article names whose passages differ: a claim, speaker or
    /// channel whose passages in the article, in reading order, are not the
    /// same before and after.
    fn compare(&mut self, before: &'a Article, after: &'a Article) {
        let d = self.xref.dossier;
        let claims = |article: &'a Article| group(article, |a| Some(&a.claim));
        let speakers = |article: &'a Article| group(article, |a| d.speaker(article, a));
        let vias = |article: &'a Article| group(article, |a| a.via.as_ref());
        self.claims.extend(differ(claims(before), claims(after)));
        self.actors.extend(differ(speakers(before), speakers(after)));
        self.actors.extend(differ(vias(before), vias(after)));
    }

    /// A claim whose evidence or counts may differ.
    pub(crate) fn claim(&self, id: &Id) -> bool {
        self.counted.contains(id) || self.claims.contains(id)
    }
}

/// The files under `data/` the last build made, and this one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Downloads<'a> {
    pub before: &'a [Download],
    pub after: &'a [Download],
}

/// The same [`super::ArticleRef`]: what pages other than its own show of an article.
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

/// The numbered pages of a list of `now` items shown `per_page` a page
/// (`before` items before the edit) that changed: every page when the
/// length did, else those for whose range of items `changed` says so.
pub(super) fn paged(before: usize, now: usize, per_page: usize, changed: impl Fn(Range<usize>) -> bool) -> Vec<usize> {
    let pages = 1..=pager::count(now, per_page);
    if before != now {
        return pages.collect();
    }
    pages.filter(|&n| changed(pager::range(now, per_page, n))).collect()
}

/// `()` when `changed`: the page of a kind that has one.
pub(super) fn single(changed: bool) -> Vec<()> {
    if changed { vec![()] } else { Vec::new() }
}
