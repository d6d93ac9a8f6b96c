//! The ClaimReview to the letter, from small models.

use serde_json::{Value, json};

use super::*;
use crate::model::{Actor, Annotation, Article, Date, Dossier, Form, Id, Matched, Publisher, Site, Stance, Verdict};

const BASE: &str = "https://example.org/d/";

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn claim(statement: &str, verdict: Option<Verdict>) -> Claim {
    Claim {
        id: id("bridge-safe"),
        statement: statement.to_owned(),
        about: Vec::new(),
        tags: Vec::new(),
        contradicts: Default::default(),
        verdict,
        verdict_note: None,
        verdict_note_source: None,
        verdict_on: None,
    }
}

fn passage(name: &str, stance: Stance, by: Option<&str>, said_on: Option<&str>) -> Annotation {
    Annotation {
        id: id(name),
        quote: "safe".to_owned(),
        matched: Matched::new("safe", 0..4, 1),
        claim: id("bridge-safe"),
        stance,
        form: Form::Narration,
        translation: None,
        by: by.map(id),
        via: None,
        said_on: said_on.and_then(Date::parse),
        note: None,
        note_source: None,
    }
}

fn actor(name: &str, kind: ActorKind) -> Actor {
    Actor {
        id: id(name),
        name: format!("The {name}"),
        aliases: Vec::new(),
        kind: Some(kind),
        role: None,
        affiliation: None,
    }
}

/// A dossier: two articles (one with its original address), a person, an outlet.
fn dossier(claim: Claim) -> Dossier {
    let mut early = Article::untitled(id("early"), "content/articles/early.md".to_owned());
    early.published = Date::parse("2025-11-01");
    early.outlet = Some(id("gazette"));
    early.url = Some("https://news.example.org/early".to_owned());
    early.annotations = vec![
        passage("disputed", Stance::Disputes, Some("mayor"), Some("2025-09-01")),
        passage("outlet-says", Stance::Supports, None, None),
        passage("outlet-again", Stance::Supports, None, None),
    ];
    let mut late = Article::untitled(id("late"), "content/articles/late.md".to_owned());
    late.annotations = vec![passage("engineer-says", Stance::Supports, Some("engineer"), Some("2025-10-20"))];
    let site = Site {
        title: "Bridge".to_owned(),
        base_url: Some(BASE.to_owned()),
        language: "en".to_owned(),
        publisher: Some(Publisher {
            name: "Example Checks".to_owned(),
            url: Some("https://checks.example.org/".to_owned()),
        }),
        ..Site::default()
    };
    let actors =
        [actor("engineer", ActorKind::Person), actor("mayor", ActorKind::Person), actor("gazette", ActorKind::Media)];
    Dossier {
        site,
        actors: actors.into_iter().map(|a| (a.id.clone(), a)).collect(),
        claims: [(claim.id.clone(), claim)].into_iter().collect(),
        articles: [early, late].into_iter().map(|a| (a.id.clone(), a)).collect(),
    }
}

fn parsed(d: &Dossier) -> Option<Value> {
    let xref = Xref::new(d);
    script(&xref, &d.claims["bridge-safe"]).map(|s| serde_json::from_str(&s).unwrap())
}

#[test]
fn a_rated_claim_has_a_full_review() {
    let mut c = claim("The bridge is safe.", Some(Verdict::Misleading));
    c.verdict_on = Date::parse("2025-12-01");
    assert_eq!(
        parsed(&dossier(c)).unwrap(),
        json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://example.org/d/claims/bridge-safe/",
            "claimReviewed": "The bridge is safe.",
            "datePublished": "2025-12-01",
            "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org/"},
            "reviewRating": {
                "@type": "Rating", "ratingValue": 2, "bestRating": 3, "worstRating": 1, "alternateName": "Misleading"
            },
            "itemReviewed": {
                "@type": "Claim",
                // The engineer spoke on 20 October, before the outlet's article of 1 November.
                "author": {"@type": "Person", "name": "The engineer", "url": "https://example.org/d/actors/engineer/"},
                "datePublished": "2025-10-20",
                "appearance": [
                    {"@type": "CreativeWork", "url": "https://example.org/d/articles/late/"},
                    {"@type": "CreativeWork", "url": "https://news.example.org/early"}
                ]
            }
        })
    );
}

#[test]
fn verdicts_rate_on_a_scale_of_three() {
    for (verdict, value, name) in
        [(Verdict::False, 1, "False"), (Verdict::Misleading, 2, "Misleading"), (Verdict::Confirmed, 3, "Confirmed")]
    {
        let review = parsed(&dossier(claim("x", Some(verdict)))).unwrap();
        assert_eq!(review["reviewRating"]["ratingValue"], value);
        assert_eq!(review["reviewRating"]["alternateName"], name);
    }
}

#[test]
fn an_organisation_speaks_for_an_outlet_and_what_is_not_given_is_left_out() {
    let mut d = dossier(claim("x", Some(Verdict::False)));
    d.site.publisher = None;
    d.articles.get_mut("late").unwrap().annotations.clear();
    let review = parsed(&d).unwrap();
    assert!(review.get("author").is_none() && review.get("datePublished").is_none());
    assert_eq!(
        review["itemReviewed"],
        json!({
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "The gazette", "url": "https://example.org/d/actors/gazette/"},
            "datePublished": "2025-11-01",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example.org/early"}]
        })
    );
    d.articles.get_mut("early").unwrap().annotations.retain(|a| a.stance != Stance::Supports);
    assert_eq!(parsed(&d).unwrap()["itemReviewed"], json!({"@type": "Claim"}));
}

#[test]
fn no_review_without_a_rating_verdict_or_a_base_url() {
    assert_eq!(parsed(&dossier(claim("x", None))), None);
    assert_eq!(parsed(&dossier(claim("x", Some(Verdict::Unverified)))), None);
    let mut d = dossier(claim("x", Some(Verdict::Confirmed)));
    d.site.base_url = None;
    assert_eq!(parsed(&d), None);
}

#[test]
fn a_hostile_statement_cannot_leave_the_script() {
    let hostile = "Safe</script><script>alert(1)</script> & <!-- more";
    let d = dossier(claim(hostile, Some(Verdict::False)));
    let xref = Xref::new(&d);
    let text = script(&xref, &d.claims["bridge-safe"]).unwrap();
    assert!(!text.contains(['<', '>', '&']), "{text}");
    let review: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(review["claimReviewed"], hostile);
}
