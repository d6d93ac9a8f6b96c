//! Actor pages (`actors/<id>/`) and the actors index (`actors/`): what an
//! actor said, grouped by claim; what it relayed and published; the claims
//! about it; whom it agrees with and whom it is opposed to.

use super::touched::{Touched, single};
use super::views::{Head, stance};
use super::*;
use crate::model::{Id, Stance};
use crate::routes::Route;
use crate::xref::{Passage, Snapshot, Xref};

/// The actors index. Reads: the number of passages each actor speaks in.
pub(crate) struct ActorIndexKind;

impl PageKind for ActorIndexKind {
    type Instance = ();
    const TEMPLATE: &'static str = "actors.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::ActorIndex
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        views.context(Self::TEMPLATE, &views.actors())
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(!touched.actors.is_empty())
    }
}

/// One page per actor. Reads: what it said, relayed and published, the
/// counts of those claims and of the claims about it, its agreement rows
/// (with the agreement page of each pair) and the actors opposed to it,
/// with the counts of their claims.
pub(crate) struct ActorKind;

impl PageKind for ActorKind {
    type Instance = Id;
    const TEMPLATE: &'static str = "actor.html";

    fn pages(xref: &Xref<'_>) -> Vec<Id> {
        xref.dossier.actors.keys().cloned().collect()
    }

    fn route(id: &Id) -> Route<'_> {
        Route::Actor(id)
    }

    fn build<E: Engine>(views: &Views<'_, E>, id: &Id) -> E::Context {
        views.context(Self::TEMPLATE, &views.actor(id))
    }

    fn affected(touched: &Touched<'_>) -> Vec<Id> {
        let (old, xref) = (touched.old, touched.xref);
        let counted = |list: Option<&Vec<Passage<'_>>>| {
            list.into_iter().flatten().any(|ev| touched.counted.contains(&ev.annotation.claim))
        };
        let affected = |id: &Id| {
            touched.actors.contains(id)
                || counted(xref.by_speaker.get(id))
                || counted(xref.by_via.get(id))
                || xref.about.get(id).into_iter().flatten().any(|c| touched.counted.contains(&c.id))
                || agreement_rows_differ(old, xref, id)
                || opposed_differ(touched, id)
        };
        xref.dossier.actors.keys().filter(|id| affected(id)).cloned().collect()
    }
}

/// The rows of the actor's agreement table differ: another pair, another
/// count, or a pair on another agreement page.
fn agreement_rows_differ(old: &Snapshot, xref: &Xref<'_>, id: &Id) -> bool {
    let before = old.pairs_of.get(id).map_or(&[][..], Vec::as_slice);
    let now = xref.pairs_of.get(id).map_or(&[][..], Vec::as_slice);
    before.len() != now.len()
        || before
            .iter()
            .zip(now)
            .take(PAIRS_SHOWN)
            .any(|(&b, &n)| b / AGREEMENT_PAIRS != n / AGREEMENT_PAIRS || !old.pairs[b].is(&xref.pairs[n]))
}

/// The actors opposed to this one differ, or the counts of their claims.
fn opposed_differ(touched: &Touched<'_>, id: &Id) -> bool {
    let now = touched.xref.opposed.get(id);
    let same = match (touched.old.opposed.get(id), now) {
        (None, None) => true,
        (Some(before), Some(now)) => {
            before.len() == now.len()
                && before.iter().zip(now).all(|((a, ca), (b, cb))| a == *b && ca.iter().eq(cb.iter().copied()))
        }
        _ => false,
    };
    let mut shown = now.into_iter().flatten().take(PAIRS_SHOWN).flat_map(|(_, claims)| claims);
    !same || shown.any(|c| touched.counted.contains(c))
}

/// Pages about actors.
impl<E: Engine> Views<'_, E> {
    fn actor_summary(&self, id: &Id, root: &str) -> ActorSummary {
        let actor = &self.xref.dossier.actors[id];
        ActorSummary {
            actor: self.actor_ref(id, root),
            aliases: actor.aliases.clone(),
            role: actor.role.clone(),
            statements: self.xref.by_speaker.get(id).map_or(0, Vec::len),
        }
    }

    fn actors(&self) -> ActorsPage {
        let common = self.common(Head::new(Route::ActorIndex, "Actors", "actors"));
        let mut actors: Vec<ActorSummary> =
            self.xref.dossier.actors.keys().map(|id| self.actor_summary(id, &common.root)).collect();
        actors.sort_by(|a, b| {
            a.actor.name.to_lowercase().cmp(&b.actor.name.to_lowercase()).then_with(|| a.actor.id.cmp(&b.actor.id))
        });
        ActorsPage { common, actors }
    }

    fn actor(&self, id: &Id) -> ActorPage<E::Shared> {
        let d = self.xref.dossier;
        let actor = &d.actors[id];
        let description = match (&actor.role, actor.kind) {
            (Some(role), _) => format!("{}: {role}. What it said, and who agrees.", actor.name),
            (None, Some(kind)) => format!("{} ({}). What it said, and who agrees.", actor.name, kind.as_str()),
            (None, None) => format!("{}. What it said, and who agrees.", actor.name),
        };
        let head = Head { description: Some(description), ..Head::new(Route::Actor(id), &actor.name, "actors") };
        let common = self.common(head);
        let root = common.root.clone();
        ActorPage {
            actor: self.actor_summary(id, &root),
            affiliation: actor.affiliation.as_ref().map(|a| self.actor_ref(a, &root)),
            members: self.xref.members.get(id).into_iter().flatten().map(|m| self.actor_ref(&m.id, &root)).collect(),
            said: self.positions(id, &root),
            relayed: self.xref.by_via.get(id).into_iter().flatten().map(|&ev| self.evidence(ev, &root)).collect(),
            about: self.xref.about.get(id).into_iter().flatten().map(|c| self.claim_ref(&c.id, &root)).collect(),
            published: self.xref.published.get(id).into_iter().flatten().map(|a| self.article_ref(a, &root)).collect(),
            agreement: self.agreement_rows(id, &root),
            agreement_more: self.xref.pairs_of.get(id).map_or(0, |p| p.len().saturating_sub(PAIRS_SHOWN)),
            opposed: self.opposed(id, &root),
            opposed_more: self.xref.opposed.get(id).map_or(0, |o| o.len().saturating_sub(PAIRS_SHOWN)),
            common,
        }
    }

    /// What an actor said, grouped by claim, claims in id order.
    fn positions(&self, id: &Id, root: &str) -> Vec<Position<E::Shared>> {
        let mut by_claim: std::collections::BTreeMap<&Id, Vec<Passage<'_>>> = std::collections::BTreeMap::new();
        for &ev in self.xref.by_speaker.get(id).into_iter().flatten() {
            by_claim.entry(&ev.annotation.claim).or_default().push(ev);
        }
        by_claim
            .into_iter()
            .map(|(claim, evs)| {
                let mut stances: Vec<Stance> = evs.iter().map(|e| e.annotation.stance).collect();
                stances.sort();
                stances.dedup();
                Position {
                    claim: self.claim_shared(claim, root),
                    stances: stances.into_iter().map(stance).collect(),
                    evidence: evs.into_iter().map(|ev| self.evidence(ev, root)).collect(),
                }
            })
            .collect()
    }
}
