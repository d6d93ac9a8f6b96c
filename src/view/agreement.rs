//! Agreement between actors: the `agreement/` pages list every pair of
//! speakers that took a side on a common claim, with how often they agree
//! and disagree; actor pages show the same for one actor.
//!
//! Bounded at any size: [`AGREEMENT_PAIRS`] pairs a page, at most
//! [`CLAIMS_SHOWN`] claims named per count, at most [`PAIRS_SHOWN`] rows
//! on an actor page.

use std::ops::Range;

use serde::Serialize;

use super::pager::{self, Pager};
use super::touched::{Touched, paged};
use super::views::Head;
use super::*;
use crate::model::Id;
use crate::routes::{Fragment, Route};
use crate::xref::{Pair, Xref};

/// Pairs per agreement page.
pub(crate) const AGREEMENT_PAIRS: usize = 200;
/// Claims named in each list of a pair; the rest are counted.
pub(crate) const CLAIMS_SHOWN: usize = 10;
/// Other actors in an actor page's agreement table and opposition list.
pub(crate) const PAIRS_SHOWN: usize = 50;

#[derive(Serialize, Debug, Clone)]
pub(crate) struct AgreementPage<R> {
    #[serde(flatten)]
    pub common: Common,
    pub pager: Pager,
    /// Most shared claims first, then by the two names.
    pub pairs: Vec<PairView<R>>,
    /// Position of the first and last pair shown, from 1, and how many there are.
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

/// Two actors and the claims on which both took a side.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct PairView<R> {
    /// The id of its row: `pair-<actor id>--<actor id>`.
    pub anchor: String,
    /// The two actors, by name.
    pub actors: Vec<ActorRef>,
    /// Claims on which both took a side.
    pub shared: usize,
    pub agree: ClaimList<R>,
    pub disagree: ClaimList<R>,
}

/// Claims, counted, the first [`CLAIMS_SHOWN`] named (by id).
#[derive(Serialize, Debug, Clone)]
pub(crate) struct ClaimList<R> {
    pub count: usize,
    /// [`ClaimRef`]s, shared with every other page.
    pub claims: Vec<R>,
    /// `count` minus the claims named.
    pub more: usize,
}

/// One row of an actor page's agreement table: the other actor.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct AgreementRow<R> {
    pub actor: R,
    pub shared: usize,
    pub agree: ClaimList<R>,
    pub disagree: ClaimList<R>,
    /// Link to the pair's row on the agreement pages.
    pub href: String,
}

fn anchor<'a>(pair: &Pair<'a>) -> Fragment<'a> {
    Fragment::Pair(pair.actors[0], pair.actors[1])
}

/// The agreement pages, numbered. Reads: the pairs of actors, in order.
pub(crate) struct AgreementKind;

impl PageKind for AgreementKind {
    type Instance = usize;
    const TEMPLATE: &'static str = "agreement.html";

    fn pages(xref: &Xref<'_>) -> Vec<usize> {
        (1..=pager::count(xref.pairs.len(), AGREEMENT_PAIRS)).collect()
    }

    fn route(&n: &usize) -> Route<'_> {
        Route::Agreement(n)
    }

    fn build<E: Engine>(views: &Views<'_, E>, &n: &usize) -> E::Context {
        views.context(Self::TEMPLATE, &views.agreement(n))
    }

    fn affected(touched: &Touched<'_>) -> Vec<usize> {
        let (before, now) = (&touched.old.pairs, &touched.xref.pairs);
        let changed = |pairs: Range<usize>| now[pairs.clone()].iter().zip(&before[pairs]).any(|(p, b)| !b.is(p));
        paged(before.len(), now.len(), AGREEMENT_PAIRS, changed)
    }
}

impl<E: Engine> Views<'_, E> {
    fn agreement(&self, n: usize) -> AgreementPage<E::Shared> {
        let all = &self.xref.pairs;
        let total = pager::count(all.len(), AGREEMENT_PAIRS);
        let range = pager::range(all.len(), AGREEMENT_PAIRS, n);
        let title = match total {
            1 => "Agreement".to_owned(),
            _ => format!("Agreement, page {n} of {total}"),
        };
        let head = Head {
            description: Some(format!(
                "How often actors agree and disagree on the claims they share: pairs {} to {} of {}.",
                range.start + 1,
                range.end,
                all.len()
            )),
            ..Head::new(Route::Agreement(n), &title, "agreement")
        };
        let common = self.common(head);
        let root = common.root.clone();
        let pairs = all[range.clone()]
            .iter()
            .map(|p| PairView {
                anchor: anchor(p).id(),
                actors: p.actors.iter().map(|a| self.actor_ref(a, &root)).collect(),
                shared: p.shared,
                agree: self.claim_list(p.agree.iter().copied(), &root),
                disagree: self.claim_list(p.disagree.iter().copied(), &root),
            })
            .collect();
        AgreementPage {
            pager: Pager::new(&root, Route::Agreement, n, total),
            pairs,
            first: range.start + 1,
            last: range.end,
            total: all.len(),
            common,
        }
    }

    fn claim_list<'c>(&self, claims: impl ExactSizeIterator<Item = &'c Id>, root: &str) -> ClaimList<E::Shared> {
        let count = claims.len();
        let claims: Vec<E::Shared> = claims.take(CLAIMS_SHOWN).map(|id| self.claim_shared(id, root)).collect();
        ClaimList { count, more: count - claims.len(), claims }
    }

    /// The actor's pairs, most shared claims first, each seen from its side.
    pub(super) fn agreement_rows(&self, id: &Id, root: &str) -> Vec<AgreementRow<E::Shared>> {
        let places = self.xref.pairs_of.get(id).map_or(&[][..], Vec::as_slice);
        places
            .iter()
            .take(PAIRS_SHOWN)
            .map(|&i| {
                let pair = &self.xref.pairs[i];
                let other = if pair.actors[0] == id { pair.actors[1] } else { pair.actors[0] };
                let page = Route::Agreement(i / AGREEMENT_PAIRS + 1);
                AgreementRow {
                    actor: self.actor_shared(other, root),
                    shared: pair.shared,
                    agree: self.claim_list(pair.agree.iter().copied(), root),
                    disagree: self.claim_list(pair.disagree.iter().copied(), root),
                    href: page.href_at(root, anchor(pair)),
                }
            })
            .collect()
    }

    /// Actors that supported a claim contradicting one this actor supported.
    pub(super) fn opposed(&self, id: &Id, root: &str) -> Vec<Relation<E::Shared>> {
        let Some(others) = self.xref.opposed.get(id) else { return Vec::new() };
        others
            .iter()
            .take(PAIRS_SHOWN)
            .map(|(other, claims)| Relation {
                actor: self.actor_shared(other, root),
                claims: claims.iter().map(|c| self.claim_shared(c, root)).collect(),
            })
            .collect()
    }
}
