//! What a preview keeps of each article's resolution between runs: the
//! files it was resolved from and what resolving it found. `session`
//! keeps a memo; `article` takes back from it every article whose files
//! read the same, and records the others in it.

use std::collections::BTreeMap;

use super::Findings;
use crate::load::SourceFile;
use crate::model::{Article, Dossier, Id};

/// Per article: the files it was resolved from and what resolving it found.
#[derive(Default)]
pub(super) struct Memo {
    entries: BTreeMap<Id, Entry>,
    /// The articles of the previous run, taken back one by one as they are reused.
    earlier: BTreeMap<Id, Article>,
    /// The articles resolved again in this run.
    fresh: Vec<Id>,
}

struct Entry {
    md: SourceFile,
    sidecar: Option<SourceFile>,
    found: Findings,
}

impl Memo {
    /// Begins a run: `earlier` are the articles of the previous one.
    pub(super) fn begin(&mut self, earlier: BTreeMap<Id, Article>) {
        self.earlier = earlier;
    }

    /// Whether article `id` was resolved from these files.
    pub(super) fn reads_same(&self, id: &Id, md: &SourceFile, sidecar: Option<&SourceFile>) -> bool {
        self.entries.get(id).is_some_and(|e| e.md == *md && e.sidecar.as_ref() == sidecar)
    }

    /// The previous run's article `id` (resolved from the same files).
    pub(super) fn take(&mut self, id: &Id) -> Option<Article> {
        self.earlier.remove(id)
    }

    /// What resolving a taken article found.
    pub(super) fn found(&self, id: &Id) -> &Findings {
        &self.entries[id].found
    }

    /// Records an article resolved in this run.
    pub(super) fn keep(&mut self, id: &Id, md: &SourceFile, sidecar: Option<&SourceFile>, found: Findings) {
        let entry = Entry { md: md.clone(), sidecar: sidecar.cloned(), found };
        self.entries.insert(id.clone(), entry);
        self.fresh.push(id.clone());
    }

    /// Drops what is kept for articles that are gone.
    pub(super) fn forget_all_but(&mut self, articles: &BTreeMap<Id, Article>) {
        self.entries.retain(|id, _| articles.contains_key(id));
    }

    /// Ends a run: the articles resolved again that differ from before,
    /// each with what it was (`None`: it is new), and those gone.
    pub(super) fn changed(&mut self, dossier: &Dossier) -> BTreeMap<Id, Option<Article>> {
        let mut changed = BTreeMap::new();
        for id in self.fresh.drain(..) {
            let before = self.earlier.remove(&id);
            if before.as_ref() != dossier.articles.get(&id) {
                changed.insert(id, before);
            }
        }
        // Not taken back and not resolved again: removed.
        changed.extend(std::mem::take(&mut self.earlier).into_iter().map(|(id, a)| (id, Some(a))));
        changed
    }
}
