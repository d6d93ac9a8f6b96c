//! Warnings about actors whose own stances cannot all hold: supporting and
//! disputing one claim, or supporting two claims that contradict.
//!
//! One warning per actor and claim (or pair of contradicting claims), with
//! counts: an actor quoted 40 times on each side of a claim gets one
//! warning, not one per pair of annotations.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Findings;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::{Dossier, Id, Stance};

/// Where an actor took a stance: (claim, stance, where the annotation is).
type Stances<'a> = Vec<(&'a Id, Stance, &'a Location)>;

/// How many other places a warning shows as notes, at most, on each side.
const MAX_NOTES: usize = 3;

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

/// An actor's stances on one claim, as indexes into its stances in order.
#[derive(Default)]
struct Sides {
    supports: Vec<usize>,
    disputes: Vec<usize>,
}

/// One warning for each claim the actor both supports and disputes, and
/// one for each pair of contradicting claims it supports, each located at
/// the stance that first made it so (the later of the two first stances),
/// in that order. Linear in the stances, plus the claims' `contradicts`.
fn warnings(dossier: &Dossier, actor: &Id, stances: &Stances<'_>) -> Vec<Diagnostic> {
    let mut sides: HashMap<&Id, Sides> = HashMap::new();
    for (i, &(claim, stance, _)) in stances.iter().enumerate() {
        let side = sides.entry(claim).or_default();
        match stance {
            Stance::Supports => side.supports.push(i),
            Stance::Disputes => side.disputes.push(i),
            Stance::Context => {}
        }
    }
    let mut out: Vec<(usize, Diagnostic)> = Vec::new();
    for (&claim, side) in &sides {
        let (Some(&s), Some(&d)) = (side.supports.first(), side.disputes.first()) else { continue };
        let message = format!(
            "`{actor}` both supports and disputes claim `{claim}` ({})",
            counts(&[("supports it", side.supports.len()), ("disputes it", side.disputes.len())])
        );
        let at = s.max(d);
        let d = Diagnostic::warning(Code::InconsistentActor, message, stances[at].2.clone());
        let d =
            with_notes(d, stances, at, &[(&side.supports, "supports it here"), (&side.disputes, "disputes it here")]);
        out.push((at, d));
    }
    for (&claim, side) in &sides {
        let Some(&s) = side.supports.first() else { continue };
        let Some(c) = dossier.claims.get(claim) else { continue };
        for other in &c.contradicts {
            let Some(other_side) = sides.get(other) else { continue };
            // Each pair once, from the claim supported later.
            if other_side.supports.first().is_none_or(|&o| o >= s) {
                continue;
            }
            let message = format!(
                "`{actor}` supports both `{other}` and `{claim}`, which contradict each other ({})",
                counts(&[
                    (&format!("supports `{other}`"), other_side.supports.len()),
                    (&format!("`{claim}`"), side.supports.len())
                ])
            );
            let d = Diagnostic::warning(Code::InconsistentActor, message, stances[s].2.clone());
            let notes: [(&Vec<usize>, &str); 2] =
                [(&other_side.supports, "supports the other claim here"), (&side.supports, "supports this claim here")];
            out.push((s, with_notes(d, stances, s, &notes)));
        }
    }
    out.sort_by_key(|(at, d)| (*at, d.message.clone()));
    out.into_iter().map(|(_, d)| d).collect()
}

/// "supports it 40 times, disputes it once".
fn counts(parts: &[(&str, usize)]) -> String {
    let times = |n: usize| match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    parts.iter().map(|(what, n)| format!("{what} {}", times(*n))).collect::<Vec<_>>().join(", ")
}

/// Notes at the first few other stances of each side (the warning's own
/// place left out), and how many more there are in the help.
fn with_notes(mut d: Diagnostic, stances: &Stances<'_>, at: usize, sides: &[(&Vec<usize>, &str)]) -> Diagnostic {
    let mut more = 0;
    for (indexes, label) in sides {
        let others: Vec<usize> = indexes.iter().copied().filter(|&i| i != at).collect();
        for &i in others.iter().take(MAX_NOTES) {
            d = d.note(stances[i].2.clone(), *label);
        }
        more += others.len().saturating_sub(MAX_NOTES);
    }
    let help = "check the stances and speakers (`by`; without it, the article's outlet speaks)";
    if more > 0 { d.help(format!("{help}; {more} more such annotations are not shown")) } else { d.help(help) }
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

    /// Every stance against every earlier one, as the rule says: the
    /// claims (or pairs of claims) on which some two stances conflict.
    fn naive(dossier: &Dossier, stances: &Stances<'_>) -> std::collections::BTreeSet<(Id, Option<Id>)> {
        let mut out = std::collections::BTreeSet::new();
        for (i, &(claim, stance, _)) in stances.iter().enumerate() {
            for &(other, other_stance, _) in &stances[..i] {
                let both_ways = other == claim && other_stance != stance;
                let contradicting = stance == Stance::Supports
                    && other_stance == Stance::Supports
                    && dossier.claims.get(claim).is_some_and(|c| c.contradicts.contains(other));
                if both_ways {
                    out.insert((claim.clone(), None));
                } else if contradicting {
                    let (a, b) = if claim < other { (claim, other) } else { (other, claim) };
                    out.insert((a.clone(), Some(b.clone())));
                }
            }
        }
        out
    }

    /// The claims a warning names: one for "supports and disputes", two
    /// (in id order) for a contradiction.
    fn named(d: &Diagnostic) -> (Id, Option<Id>) {
        let ids: Vec<Id> = d.message.split('`').skip(3).step_by(2).filter_map(|s| Id::parse(s).ok()).take(2).collect();
        match ids.as_slice() {
            [one] => (one.clone(), None),
            [a, b] if a < b => (a.clone(), Some(b.clone())),
            [a, b] => (b.clone(), Some(a.clone())),
            _ => panic!("{}", d.message),
        }
    }

    fn id(s: String) -> Id {
        Id::parse(&s).unwrap()
    }

    proptest! {
        /// Claims 0 and 1 contradict each other, and 2 and 3 (stated on
        /// both sides for 2 and 3); 4 contradicts nothing.
        #[test]
        fn one_warning_per_claim_or_pair_that_some_two_stances_break(taken in proptest::collection::vec((0..5usize, 0..2usize), 0..40)) {
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
            let expected = naive(&dossier, &stances);
            prop_assert_eq!(conflicted(&dossier, &stances), !expected.is_empty());
            let found = warnings(&dossier, &actor, &stances);
            let keys: std::collections::BTreeSet<_> = found.iter().map(named).collect();
            prop_assert_eq!(keys.len(), found.len(), "one warning per claim or pair");
            prop_assert_eq!(keys, expected);
        }
    }

    /// 40 annotations supporting a claim and 40 disputing it, by one
    /// actor, used to give 1,600 warnings.
    #[test]
    fn forty_and_forty_stances_on_one_claim_give_one_warning_not_one_per_pair() {
        let mut dossier = Dossier::default();
        let claim = id("c0".into());
        dossier.claims.insert(
            claim.clone(),
            Claim {
                id: claim.clone(),
                statement: String::new(),
                about: Vec::new(),
                tags: Vec::new(),
                contradicts: std::collections::BTreeSet::new(),
                verdict: None,
                verdict_note: None,
                verdict_note_source: None,
                verdict_on: None,
            },
        );
        let places: Vec<Location> =
            (0..80).map(|i| Location { file: "a.yaml".into(), line: i + 1, column: 1, span: 0..0 }).collect();
        let stances: Stances<'_> = places
            .iter()
            .enumerate()
            .map(|(i, at)| (&claim, if i % 2 == 0 { Stance::Supports } else { Stance::Disputes }, at))
            .collect();
        let found = warnings(&dossier, &id("actor".into()), &stances);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(
            d.message,
            "`actor` both supports and disputes claim `c0` (supports it 40 times, disputes it 40 times)"
        );
        assert_eq!(d.location.line, 2, "at the first stance that broke the other");
        assert_eq!(d.notes.len(), 2 * MAX_NOTES, "a bounded number of notes");
        assert!(d.help.as_deref().unwrap().contains("73 more"), "{:?}", d.help);
    }
}
