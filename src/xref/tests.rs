//! Cross-references from small dossiers built in code: pairs, orders.

use super::*;
use crate::model::Actor;

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// Annotations as (article, published, [(annotation, claim, stance, by, said_on)]).
type Spec<'s> = (&'s str, Option<&'s str>, Vec<(&'s str, &'s str, Stance, &'s str, Option<&'s str>)>);

fn dossier(articles: &[Spec<'_>]) -> Dossier {
    let mut d = Dossier::default();
    for (name, actor) in [("Ann", "ann"), ("bob", "bob"), ("Cy", "cy"), ("Dee", "dee")] {
        let a = Actor { id: id(actor), name: name.into(), aliases: vec![], kind: None, role: None, affiliation: None };
        d.actors.insert(a.id.clone(), a);
    }
    for claim in ["x", "y", "z"] {
        let c = Claim {
            id: id(claim),
            statement: claim.into(),
            about: vec![],
            tags: vec![],
            contradicts: BTreeSet::new(),
            verdict: None,
            verdict_note: None,
            verdict_note_source: None,
            verdict_on: None,
        };
        d.claims.insert(c.id.clone(), c);
    }
    for (article, published, annotations) in articles {
        let mut a = Article::untitled(id(article), format!("{article}.md"));
        a.title = article.to_uppercase();
        a.published = published.and_then(Date::parse);
        for (n, claim, stance, by, said_on) in annotations {
            a.annotations.push(Annotation {
                id: id(n),
                quote: n.to_string(),
                claim: id(claim),
                stance: *stance,
                by: (!by.is_empty()).then(|| id(by)),
                via: None,
                said_on: said_on.and_then(Date::parse),
                note: None,
                note_source: None,
                matched: crate::model::Matched::default(),
                form: crate::model::Form::Direct,
                translation: None,
            });
        }
        d.articles.insert(a.id.clone(), a);
    }
    d
}

use Stance::{Context, Disputes, Supports};

fn names<'a>(pair: &Pair<'a>) -> [&'a str; 2] {
    pair.actors.map(Id::as_str)
}

#[test]
fn pairs_agree_on_one_side_and_disagree_across_context_counts_as_neither() {
    let d = dossier(&[(
        "a",
        None,
        vec![
            ("n1", "x", Supports, "ann", None),
            ("n2", "x", Supports, "bob", None),
            ("n3", "x", Disputes, "cy", None),
            ("n4", "x", Context, "dee", None),
            ("n5", "y", Disputes, "ann", None),
            ("n6", "y", Disputes, "bob", None),
            ("n7", "z", Context, "ann", None),
            ("n8", "z", Context, "bob", None),
        ],
    )]);
    let x = Xref::new(&d);
    let got: Vec<_> = x.pairs.iter().map(|p| (names(p), p.agree.len(), p.disagree.len())).collect();
    // Most shared first; names ignore case ("bob" after "Ann", before "Cy").
    assert_eq!(got, [(["ann", "bob"], 2, 0), (["ann", "cy"], 0, 1), (["bob", "cy"], 0, 1)]);
    assert_eq!(x.pairs_of[&id("cy")], [1, 2]);
    assert!(!x.pairs_of.contains_key(&id("dee")), "context takes no side");
}

#[test]
fn a_speaker_on_both_sides_agrees_and_disagrees_on_one_claim() {
    let d = dossier(&[(
        "a",
        None,
        vec![
            ("n1", "x", Supports, "ann", None),
            ("n2", "x", Disputes, "ann", None),
            ("n3", "x", Supports, "bob", None),
        ],
    )]);
    let x = Xref::new(&d);
    assert_eq!(x.pairs.len(), 1);
    let pair = &x.pairs[0];
    assert_eq!((pair.agree.len(), pair.disagree.len(), pair.shared), (1, 1, 1));
}

#[test]
fn evidence_runs_by_when_it_was_said_then_published_undated_last() {
    let d = dossier(&[
        ("early", Some("2025-11-01"), vec![("e1", "x", Supports, "ann", None)]),
        (
            "late",
            Some("2025-12-20"),
            vec![("l1", "x", Disputes, "bob", None), ("l2", "x", Supports, "cy", Some("2025-10-15"))],
        ),
        ("undated", None, vec![("u1", "x", Context, "", Some("2025-11-05")), ("u2", "y", Supports, "", None)]),
    ]);
    let x = Xref::new(&d);
    let order: Vec<&str> = x.evidence(&id("x")).iter().map(|e| e.annotation.id.as_str()).collect();
    assert_eq!(order, ["l2", "e1", "u1", "l1"]);
    let articles: Vec<&str> = x.chronological.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(articles, ["early", "late", "undated"]);
    assert_eq!(x.timeline, [&id("x"), &id("y")], "claims by their earliest evidence, undated only last");
    assert_eq!(x.timeline_pos[&id("y")], 1);
}

#[test]
fn claims_rank_contested_first_then_by_evidence() {
    let d = dossier(&[(
        "a",
        None,
        vec![
            ("n1", "y", Supports, "ann", None),
            ("n2", "y", Supports, "bob", None),
            ("n3", "y", Context, "bob", None),
            ("n4", "z", Supports, "ann", None),
            ("n5", "z", Disputes, "bob", None),
        ],
    )]);
    let x = Xref::new(&d);
    assert_eq!(x.ranked, [&id("z"), &id("y"), &id("x")]);
    assert_eq!(x.rank[&id("x")], 2);
}
