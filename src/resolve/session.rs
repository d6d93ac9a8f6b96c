//! Resolution kept between runs, for a preview that resolves again after
//! every edit. While `site.yaml` and the registries read the same, an
//! article whose Markdown and sidecar read the same resolves the same (it
//! depends on nothing else), so only the articles whose files changed are
//! resolved again; what is checked across articles is checked again in full.

use std::collections::BTreeMap;

use super::Findings;
use super::article;
use super::memo::Memo;
use crate::diagnostic::Diagnostic;
use crate::load::{SourceFile, Sources};
use crate::model::{Article, Dossier, Id};

/// A dossier resolved again and again as its files change: each
/// [`Session::update`] gives what [`super::resolve`] gives for the same
/// sources, and says what changed since the previous update.
#[derive(Default)]
pub(crate) struct Session {
    shared: Option<Registries>,
    memo: Memo,
    dossier: Dossier,
}

/// The site and registries as last read, and what resolving them found.
struct Registries {
    site: Option<SourceFile>,
    actors: Vec<SourceFile>,
    claims: Vec<SourceFile>,
    findings: Findings,
}

impl Registries {
    fn reads_as(&self, sources: &Sources) -> bool {
        self.site == sources.site && self.actors == sources.actors && self.claims == sources.claims
    }
}

/// What an update changed in the dossier.
#[derive(Debug)]
pub(crate) enum Changes {
    /// The site or the registries: anything may have changed.
    All,
    /// Only these articles, each with what it was before (`None`: it is
    /// new). Articles that resolved as before are not listed.
    Articles(BTreeMap<Id, Option<Article>>),
}

impl Changes {
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Changes::Articles(articles) if articles.is_empty())
    }

    /// The changes of `self` then `later`, as one: each article keeps its
    /// version from before `self`.
    pub(crate) fn then(self, later: Changes) -> Changes {
        match (self, later) {
            (Changes::Articles(mut first), Changes::Articles(later)) => {
                for (id, before) in later {
                    first.entry(id).or_insert(before);
                }
                Changes::Articles(first)
            }
            _ => Changes::All,
        }
    }
}

impl Session {
    /// The dossier as the last update resolved it.
    pub(crate) fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// Resolves `sources` (diagnostics sorted, as [`super::resolve`] gives
    /// them), reusing every article whose files are unchanged.
    pub(crate) fn update(&mut self, sources: &Sources) -> (Vec<Diagnostic>, Changes) {
        let same = self.shared.as_ref().is_some_and(|s| s.reads_as(sources));
        if !same {
            let (findings, dossier) = super::shared(sources);
            let (site, actors, claims) = (sources.site.clone(), sources.actors.clone(), sources.claims.clone());
            self.shared = Some(Registries { site, actors, claims, findings });
            self.memo = Memo::default();
            self.dossier = dossier;
        }
        let mut findings = self.shared.as_ref().expect("set above").findings.clone();
        self.memo.begin(std::mem::take(&mut self.dossier.articles));
        article::articles(&mut findings, sources, &mut self.dossier, Some(&mut self.memo));
        let changes = Changes::Articles(self.memo.changed(&self.dossier));
        (super::finish(findings, &self.dossier), if same { changes } else { Changes::All })
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
