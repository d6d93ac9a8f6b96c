//! Actor pages (`actors/<id>/`) and the actors index (`actors/`): what an
//! actor said, grouped by claim; what it relayed and published; the claims
//! about it; whom it agrees with and whom it is opposed to.

use super::pages::{Head, stance};
use super::*;
use crate::model::{Id, Stance};
use crate::routes::Route;
use crate::xref::Ev;

/// Pages about actors.
impl Views<'_> {
    fn actor_summary(&self, id: &Id, root: &str) -> ActorSummary {
        let actor = &self.x.dossier.actors[id];
        ActorSummary {
            actor: self.actor_ref(id, root),
            aliases: actor.aliases.clone(),
            role: actor.role.clone(),
            statements: self.x.by_speaker.get(id).map_or(0, Vec::len),
        }
    }

    pub(super) fn actors(&self) -> Page {
        let common = self.common(Head::new(Route::ActorIndex, "Actors", "actors"));
        let mut actors: Vec<ActorSummary> =
            self.x.dossier.actors.keys().map(|id| self.actor_summary(id, &common.root)).collect();
        actors.sort_by(|a, b| {
            a.actor.name.to_lowercase().cmp(&b.actor.name.to_lowercase()).then_with(|| a.actor.id.cmp(&b.actor.id))
        });
        Page {
            path: common.path.clone(),
            template: "actors.html",
            data: PageData::Actors(ActorsPage { common, actors }),
        }
    }

    pub(super) fn actor(&self, id: &Id) -> Page {
        let d = self.x.dossier;
        let actor = &d.actors[id];
        let description = match (&actor.role, actor.kind) {
            (Some(role), _) => format!("{}: {role}. What it said, and who agrees.", actor.name),
            (None, Some(kind)) => format!("{} ({}). What it said, and who agrees.", actor.name, kind.as_str()),
            (None, None) => format!("{}. What it said, and who agrees.", actor.name),
        };
        let head = Head { description: Some(description), ..Head::new(Route::Actor(id), &actor.name, "actors") };
        let common = self.common(head);
        let root = common.root.clone();
        let page = ActorPage {
            actor: self.actor_summary(id, &root),
            affiliation: actor.affiliation.as_ref().map(|a| self.actor_ref(a, &root)),
            members: self.x.members.get(id).into_iter().flatten().map(|m| self.actor_ref(&m.id, &root)).collect(),
            said: self.positions(id, &root),
            relayed: self.x.by_via.get(id).into_iter().flatten().map(|&ev| self.evidence(ev, &root)).collect(),
            about: self.x.about.get(id).into_iter().flatten().map(|c| self.claim_ref(&c.id, &root)).collect(),
            published: self.x.published.get(id).into_iter().flatten().map(|a| self.article_ref(a, &root)).collect(),
            agreement: self.agreement_rows(id, &root),
            agreement_more: self.x.pairs_of.get(id).map_or(0, |p| p.len().saturating_sub(PAIRS_SHOWN)),
            opposed: self.opposed(id, &root),
            opposed_more: self.x.opposed.get(id).map_or(0, |o| o.len().saturating_sub(PAIRS_SHOWN)),
            common,
        };
        Page { path: page.common.path.clone(), template: "actor.html", data: PageData::Actor(Box::new(page)) }
    }

    /// What an actor said, grouped by claim, claims in id order.
    fn positions(&self, id: &Id, root: &str) -> Vec<Position> {
        let mut by_claim: std::collections::BTreeMap<&Id, Vec<Ev<'_>>> = std::collections::BTreeMap::new();
        for &ev in self.x.by_speaker.get(id).into_iter().flatten() {
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
