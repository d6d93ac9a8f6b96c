//! The schema.org `ClaimReview` a claim page embeds as JSON-LD, so that
//! search engines and fact-check aggregators can read the maintainers'
//! verdict: only for a claim with a verdict other than `unverified`, on a
//! site with a `base_url` (every URL in it is absolute). Format in
//! docs/data-annotations.md.

use std::collections::HashSet;

use serde::Serialize;

use crate::escape;
use crate::model::{ActorKind, Claim, Stance, Verdict};
use crate::routes::Route;
use crate::xref::Xref;

/// The `ClaimReview` of `claim` as JSON ready to stand inside a page's
/// `<script type="application/ld+json">` (`<`, `>` and `&` escaped); none
/// without a verdict to report or without a `base_url`.
pub(crate) fn script(xref: &Xref<'_>, claim: &Claim) -> Option<String> {
    let review = review(xref, claim)?;
    let json = serde_json::to_string(&review).expect("a ClaimReview serialises to JSON");
    Some(escape::json_in_script(&json))
}

/// The ends of the rating scale.
const WORST: u8 = 1;
const BEST: u8 = 3;

/// The rating a verdict gives, from [`WORST`] to [`BEST`]; none for
/// `unverified`, which rates nothing.
fn rating(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::Unverified => None,
        Verdict::False => Some(WORST),
        Verdict::Misleading => Some(2),
        Verdict::Confirmed => Some(BEST),
    }
}

/// The verdict in words, as the claim page shows it: "False", "Misleading".
fn label(verdict: Verdict) -> String {
    let word = verdict.as_str();
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn review<'a>(xref: &Xref<'a>, claim: &'a Claim) -> Option<ClaimReview<'a>> {
    let dossier = xref.dossier;
    let base = dossier.site.base_url.as_deref()?;
    let verdict = claim.verdict?;
    let value = rating(verdict)?;
    let supporting: Vec<_> =
        xref.evidence(&claim.id).iter().filter(|ev| ev.annotation.stance == Stance::Supports).collect();
    // Evidence is in date order, undated last: the first dated one is the earliest.
    let said = supporting.iter().find_map(|ev| ev.date()).map(|d| d.to_string());
    let speaker = supporting.iter().find_map(|ev| dossier.speaker(ev.article, ev.annotation));
    let author = speaker.and_then(|id| dossier.actors.get(id)).map(|actor| {
        let kind = if actor.kind == Some(ActorKind::Person) { "Person" } else { "Organization" };
        Party { kind, name: &actor.name, url: Some(Route::Actor(&actor.id).url(base)) }
    });
    // Each address once, in the order the claim appeared there.
    let mut seen = HashSet::new();
    let appearance = supporting
        .iter()
        .map(|ev| ev.article.url.clone().unwrap_or_else(|| Route::Article(&ev.article.id).url(base)))
        .filter(|url| seen.insert(url.clone()))
        .map(|url| Appearance { kind: "CreativeWork", url })
        .collect();
    Some(ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: Route::Claim(&claim.id).url(base),
        claim_reviewed: &claim.statement,
        date_published: claim.verdict_on.map(|d| d.to_string()),
        author: dossier.site.publisher.as_ref().map(|p| Party {
            kind: "Organization",
            name: &p.name,
            url: p.url.clone(),
        }),
        review_rating: Rating {
            kind: "Rating",
            rating_value: value,
            best_rating: BEST,
            worst_rating: WORST,
            alternate_name: label(verdict),
        },
        item_reviewed: Reviewed { kind: "Claim", author, date_published: said, appearance },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    claim_reviewed: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party<'a>>,
    review_rating: Rating,
    item_reviewed: Reviewed<'a>,
}

/// A person or organisation: the publisher, or who made the claim.
#[derive(Serialize)]
struct Party<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: String,
}

/// The claim as it was made: by whom first, when first, and where.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Reviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appearance: Vec<Appearance>,
}

#[derive(Serialize)]
struct Appearance {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[cfg(test)]
#[path = "claim_review_tests.rs"]
mod tests;
