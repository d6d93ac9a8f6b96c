//! Warnings about actors whose own stances cannot all hold: supporting and
//! disputing one claim, or supporting two claims that contradict.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Findings;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::{Dossier, Id, Stance};

/// Where an actor took a stance: (claim, stance, where the annotation is).
type Stances<'a> = Vec<(&'a Id, Stance, &'a Location)>;

pub(super) fn warn_inconsistent_actors(findings: &mut Findings, dossier: &Dossier) {
    let defs = std::mem::take(&mut findings.annotation_defs);
    let mut by_actor: HashMap<&Id, Stances<'_>> = HashMap::new();
    for article in dossier.articles.values() {
        let Some(defs) = defs.get(&article.id) else { continue };
        for a in &article.annotations {
            let (Some(speaker), Some(at)) = (dossier.speaker(article, a), defs.get(&a.id)) else { continue };
            if a.stance != Stance::Context {
                by_actor.entry(speaker).or_default().push((&a.claim, a.stance, at));
            }
        }
    }
    let mut actors: Vec<(&Id, Stances<'_>)> = by_actor.into_iter().collect();
    actors.sort_unstable_by_key(|(actor, _)| *actor);
    let found: Vec<Vec<Diagnostic>> = actors
        .par_iter()
        .map(
            |(actor, stances)| {
                if conflicted(dossier, stances) { warnings(dossier, actor, stances) } else { Vec::new() }
            },
        )
        .collect();
    findings.diagnostics.extend(found.into_iter().flatten());
}

/// A warning for each stance that cannot hold with an earlier one, in the
/// order of the stances and then of the earlier ones.
fn warnings(dossier: &Dossier, actor: &Id, stances: &Stances<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // An actor may take hundreds of stances: each is compared with the
    // earlier ones on its own claim and on the claims it contradicts,
    // found by claim, not with all of them.
    let mut earlier: HashMap<&Id, Vec<usize>> = HashMap::new();
    for (i, &(claim, stance, at)) in stances.iter().enumerate() {
        let contradicted = dossier.claims.get(claim).filter(|_| stance == Stance::Supports);
        let near = std::iter::once(claim).chain(contradicted.into_iter().flat_map(|c| &c.contradicts));
        let mut matches: Vec<usize> = near.filter_map(|c| earlier.get(c)).flatten().copied().collect();
        matches.sort_unstable();
        for j in matches {
            let (other, other_stance, first) = stances[j];
            let both_ways = other == claim && other_stance != stance;
            let contradicting = other != claim && other_stance == Stance::Supports;
            if both_ways || contradicting {
                out.push(warning(actor, (claim, at), (other, first), both_ways));
            }
        }
        earlier.entry(claim).or_default().push(i);
    }
    out
}

fn warning(actor: &Id, (claim, at): (&Id, &Location), (other, first): (&Id, &Location), both_ways: bool) -> Diagnostic {
    let message = if both_ways {
        format!("`{actor}` both supports and disputes claim `{claim}`")
    } else {
        format!("`{actor}` supports both `{other}` and `{claim}`, which contradict each other")
    };
    Diagnostic::warning(Code::InconsistentActor, message, at.clone())
        .note(first.clone(), "its other stance")
        .help("check the stances and speakers (`by`; without it, the article's outlet speaks)")
}

/// Whether some two of an actor's stances cannot both hold: most actors'
/// can, and need no comparing one by one.
fn conflicted(dossier: &Dossier, stances: &Stances<'_>) -> bool {
    let mut sides: HashMap<&Id, (bool, bool)> = HashMap::with_capacity(stances.len());
    for &(claim, stance, _) in stances {
        let side = sides.entry(claim).or_default();
        match stance {
            Stance::Supports => side.0 = true,
            Stance::Disputes => side.1 = true,
            Stance::Context => {}
        }
    }
    let supported = |claim: &Id| sides.get(claim).is_some_and(|s| s.0);
    sides.iter().any(|(claim, &(supports, disputes))| {
        supports && (disputes || dossier.claims.get(*claim).is_some_and(|c| c.contradicts.iter().any(supported)))
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Claim;

    /// Every stance against every earlier one, as the rule says.
    fn naive(dossier: &Dossier, actor: &Id, stances: &Stances<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, &(claim, stance, at)) in stances.iter().enumerate() {
            for &(other, other_stance, first) in &stances[..i] {
                let both_ways = other == claim && other_stance != stance;
                let contradicting = stance == Stance::Supports
                    && other_stance == Stance::Supports
                    && dossier.claims.get(claim).is_some_and(|c| c.contradicts.contains(other));
                if both_ways || contradicting {
                    out.push(warning(actor, (claim, at), (other, first), both_ways));
                }
            }
        }
        out
    }

    fn id(s: String) -> Id {
        Id::parse(&s).unwrap()
    }

    proptest! {
        /// Claims 0 and 1 contradict each other, and 2 and 3 (stated on
        /// both sides for 2 and 3); 4 contradicts nothing.
        #[test]
        fn found_by_claim_as_by_comparing_every_pair(taken in proptest::collection::vec((0..5usize, 0..2usize), 0..40)) {
            let mut dossier = Dossier::default();
            for n in 0..5usize {
                let contradicts = match n { 0 => [1].into(), 1 => [0].into(), 2 => [3].into(), 3 => [2].into(), _ => std::collections::BTreeSet::new() };
                let claim = Claim {
                    id: id(format!("c{n}")),
                    statement: String::new(),
                    about: Vec::new(),
                    tags: Vec::new(),
                    contradicts: contradicts.into_iter().map(|m: usize| id(format!("c{m}"))).collect(),
                    verdict: None,
                    verdict_note: None,
                    verdict_note_source: None,
                    verdict_on: None,
                };
                dossier.claims.insert(claim.id.clone(), claim);
            }
            let claims: Vec<Id> = dossier.claims.keys().cloned().collect();
            let places: Vec<Location> = (0..taken.len()).map(|i| Location { file: "a.yaml".into(), line: i, column: 0, span: 0..0 }).collect();
            let stances: Stances<'_> = taken
                .iter()
                .zip(&places)
                .map(|(&(c, s), at)| (&claims[c], [Stance::Supports, Stance::Disputes][s], at))
                .collect();
            let actor = id("actor".into());
            let expected = naive(&dossier, &actor, &stances);
            prop_assert_eq!(conflicted(&dossier, &stances), !expected.is_empty());
            prop_assert_eq!(warnings(&dossier, &actor, &stances), expected);
        }
    }
}
