//! The timeline (`timeline/`): each claim's evidence in the order it was
//! said, so a reader sees how accounts changed over time.
//!
//! Claims come in the order of their earliest dated evidence, each with all
//! of its evidence, [`TIMELINE_CLAIMS`] claims a page.

use std::ops::Range;

use serde::Serialize;

use super::pager::{self, Pager};
use super::touched::{Touched, paged};
use super::views::{Head, form, source_passage, stance};
use super::*;
use crate::model::Id;
use crate::routes::{Fragment, Route};
use crate::xref::{Passage, Xref};

/// Claims per timeline page.
pub(crate) const TIMELINE_CLAIMS: usize = 50;

#[derive(Serialize, Debug, Clone)]
pub(crate) struct TimelinePage<R> {
    #[serde(flatten)]
    pub common: Common,
    pub pager: Pager,
    pub claims: Vec<TimelineClaim<R>>,
    /// Position of the first and last claim shown, from 1, and how many claims have evidence.
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct TimelineClaim<R> {
    pub claim: ClaimRef,
    /// The id of its section on the page: `claim-<claim id>`.
    pub anchor: String,
    /// Its own evidence, oldest first by `date`, undated last.
    pub evidence: Vec<TimelineEntry<R>>,
}

/// One passage on the timeline: [`Evidence`] without the claim (the
/// section's) and the note (on the claim page), as every annotation of the
/// dossier is on the timeline.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct TimelineEntry<R> {
    pub key: String,
    pub href: String,
    pub quote: String,
    pub stance: StanceView,
    pub form: FormView,
    pub translation: Option<String>,
    /// The passage at its source (see [`Evidence`]).
    pub source_passage: Option<String>,
    pub speaker: Option<R>,
    pub via: Option<R>,
    pub article: R,
    pub said_on: Option<String>,
    pub date: Option<String>,
}

/// The link to a claim's section of the timeline, from its place in it.
pub(super) fn href(root: &str, claim: &Id, position: usize) -> String {
    Route::Timeline(position / TIMELINE_CLAIMS + 1).href_at(root, Fragment::TimelineClaim(claim))
}

/// The timeline pages, numbered. Reads: the claims with evidence in order,
/// and the evidence and counts of its claims.
pub(crate) struct TimelineKind;

impl PageKind for TimelineKind {
    type Instance = usize;
    const TEMPLATE: &'static str = "timeline.html";

    /// Claims without evidence have no place on the timeline.
    fn pages(xref: &Xref<'_>) -> Vec<usize> {
        (1..=pager::count(xref.timeline.len(), TIMELINE_CLAIMS)).collect()
    }

    fn route(&n: &usize) -> Route<'_> {
        Route::Timeline(n)
    }

    fn build<E: Engine>(views: &Views<'_, E>, &n: &usize) -> E::Context {
        views.context(Self::TEMPLATE, &views.timeline(n))
    }

    fn affected(touched: &Touched<'_>) -> Vec<usize> {
        let (before, now) = (&touched.old.timeline, &touched.xref.timeline);
        let changed = |claims: Range<usize>| {
            now[claims.clone()].iter().zip(&before[claims]).any(|(&c, b)| c != b || touched.claim(c))
        };
        paged(before.len(), now.len(), TIMELINE_CLAIMS, changed)
    }
}

impl<E: Engine> Views<'_, E> {
    fn timeline(&self, n: usize) -> TimelinePage<E::Shared> {
        let all = &self.xref.timeline;
        let total = pager::count(all.len(), TIMELINE_CLAIMS);
        let range = pager::range(all.len(), TIMELINE_CLAIMS, n);
        let title = match total {
            1 => "Timeline".to_owned(),
            _ => format!("Timeline, page {n} of {total}"),
        };
        let head = Head {
            description: Some(format!(
                "The evidence on each claim in the order it was said: claims {} to {} of {}.",
                range.start + 1,
                range.end,
                all.len()
            )),
            ..Head::new(Route::Timeline(n), &title, "timeline")
        };
        let common = self.common(head);
        let root = common.root.clone();
        let claims = all[range.clone()]
            .iter()
            .map(|&id| TimelineClaim {
                claim: self.claim_ref(id, &root),
                anchor: Fragment::TimelineClaim(id).id(),
                evidence: self.xref.evidence(id).iter().map(|&ev| self.timeline_entry(ev, &root)).collect(),
            })
            .collect();
        TimelinePage {
            pager: Pager::new(&root, Route::Timeline, n, total),
            claims,
            first: range.start + 1,
            last: range.end,
            total: all.len(),
            common,
        }
    }

    fn timeline_entry(&self, ev: Passage<'_>, root: &str) -> TimelineEntry<E::Shared> {
        let (article, a) = (ev.article, ev.annotation);
        TimelineEntry {
            key: format!("{}/{}", article.id, a.id),
            href: Route::Article(&article.id).href_at(root, Fragment::Highlight(&a.id)),
            quote: a.quote.clone(),
            stance: stance(a.stance),
            form: form(a.form),
            translation: a.translation.clone(),
            source_passage: source_passage(article, a),
            speaker: self.xref.dossier.speaker(article, a).map(|s| self.actor_shared(s, root)),
            via: a.via.as_ref().map(|v| self.actor_shared(v, root)),
            article: self.article_shared(article, root),
            said_on: a.said_on.map(|d| d.to_string()),
            date: ev.date().map(|d| d.to_string()),
        }
    }
}
