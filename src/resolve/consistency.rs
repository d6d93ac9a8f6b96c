//! Warnings about actors whose own stances cannot all hold: supporting and
//! disputing one claim, or supporting two claims that contradict.

use std::collections::BTreeMap;

use super::Cx;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Dossier, Id, Stance};

/// Where an actor took a stance: (claim, stance, where the annotation is).
type Stances<'a> = Vec<(&'a Id, Stance, Location)>;

pub(super) fn warn_inconsistent_actors(cx: &mut Cx, dossier: &Dossier) {
    let mut by_actor: BTreeMap<&Id, Stances<'_>> = BTreeMap::new();
    for article in dossier.articles.values() {
        for a in &article.annotations {
            let (Some(speaker), Some(at)) =
                (dossier.speaker(article, a), cx.annotation_defs.get(&(article.id.clone(), a.id.clone())))
            else {
                continue;
            };
            if a.stance != Stance::Context {
                by_actor.entry(speaker).or_default().push((&a.claim, a.stance, at.clone()));
            }
        }
    }
    for (actor, stances) in by_actor {
        for (i, (claim, stance, at)) in stances.iter().enumerate() {
            for (other, other_stance, first) in &stances[..i] {
                let both_ways = other == claim && other_stance != stance;
                let contradicting = *stance == Stance::Supports
                    && *other_stance == Stance::Supports
                    && dossier.claims.get(*claim).is_some_and(|c| c.contradicts.contains(*other));
                if !(both_ways || contradicting) {
                    continue;
                }
                let message = if both_ways {
                    format!("`{actor}` both supports and disputes claim `{claim}`")
                } else {
                    format!("`{actor}` supports both `{other}` and `{claim}`, which contradict each other")
                };
                let d = Diagnostic::warning("inconsistent-actor", message, at.clone())
                    .note(first.clone(), "its other stance")
                    .help("check the stances and speakers (`by`; without it, the article's outlet speaks)");
                cx.push(d);
            }
        }
    }
}
