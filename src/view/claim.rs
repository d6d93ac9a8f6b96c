//! Claim pages (`claims/<id>/`): the statement, the verdict, and the
//! evidence in three columns; and the claims index (`claims/`).

use super::touched::{Touched, single};
use super::views::Head;
use super::*;
use crate::model::{Claim, Id, Stance};
use crate::routes::Route;
use crate::xref::Xref;

/// The claims index. Reads: every claim's counts and place.
pub(crate) struct ClaimIndexKind;

impl PageKind for ClaimIndexKind {
    type Instance = ();
    const TEMPLATE: &'static str = "claims.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::ClaimIndex
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        let common = views.common(Head::new(Route::ClaimIndex, "Claims", "claims"));
        let claims = views.ranked_claims(&common.root);
        views.context(Self::TEMPLATE, &ClaimsPage { common, claims })
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(!touched.counted.is_empty())
    }
}

/// One page per claim. Reads: its evidence and counts, those of the
/// claims it contradicts (implied evidence), and which timeline page it
/// is on.
pub(crate) struct ClaimKind;

impl PageKind for ClaimKind {
    type Instance = Id;
    const TEMPLATE: &'static str = "claim.html";

    fn pages(xref: &Xref<'_>) -> Vec<Id> {
        xref.dossier.claims.keys().cloned().collect()
    }

    fn route(id: &Id) -> Route<'_> {
        Route::Claim(id)
    }

    fn build<E: Engine>(views: &Views<'_, E>, id: &Id) -> E::Context {
        views.context(Self::TEMPLATE, &views.claim(&views.xref.dossier.claims[id]))
    }

    fn affected(touched: &Touched<'_>) -> Vec<Id> {
        let (old, xref) = (touched.old, touched.xref);
        let page = |pos: Option<&usize>| pos.map(|p| p / TIMELINE_CLAIMS);
        let affected = |c: &Claim| {
            touched.claim(&c.id)
                || c.contradicts.iter().any(|other| touched.claim(other))
                || page(old.timeline_pos.get(&c.id)) != page(xref.timeline_pos.get(&c.id))
        };
        xref.dossier.claims.values().filter(|c| affected(c)).map(|c| c.id.clone()).collect()
    }
}

impl<E: Engine> Views<'_, E> {
    fn claim(&self, c: &Claim) -> ClaimPage<E::Shared> {
        let tally = self.xref.tally(&c.id);
        let description = format!(
            "Claim: {} Passages supporting it: {}; disputing it: {}.",
            c.statement, tally.supports, tally.disputes
        );
        let head = Head { description: Some(description), ..Head::new(Route::Claim(&c.id), &c.statement, "claims") };
        let common = self.common(head);
        let root = common.root.clone();
        let mut evidence = Columns::default();
        for &ev in self.xref.evidence(&c.id) {
            let column = match ev.annotation.stance {
                Stance::Supports => &mut evidence.supports,
                Stance::Disputes => &mut evidence.disputes,
                Stance::Context => &mut evidence.context,
            };
            column.push(self.evidence(ev, &root));
        }
        let mut implied = Implied::default();
        for ev in self.xref.implied(c) {
            match ev.annotation.stance {
                Stance::Supports => implied.against.push(self.evidence(ev, &root)),
                Stance::Disputes => implied.for_.push(self.evidence(ev, &root)),
                Stance::Context => {}
            }
        }
        ClaimPage {
            claim: self.claim_ref(&c.id, &root),
            about: c.about.iter().map(|a| self.actor_ref(a, &root)).collect(),
            tags: c.tags.clone(),
            verdict_note: c.verdict_note.clone(),
            contradicts: c.contradicts.iter().map(|o| self.claim_ref(o, &root)).collect(),
            evidence,
            implied,
            timeline: self.xref.timeline_pos.get(&c.id).map(|&i| timeline::href(&root, &c.id, i)),
            claim_review: crate::export::claim_review::script(self.xref, c),
            common,
        }
    }
}
