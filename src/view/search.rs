//! The search page's context: the filters the form offers, from what the
//! dossier holds. The search itself runs in the reader's browser
//! (`search-index.js`, `search.js`) over the index `crate::search` writes.

use serde::Serialize;

use super::pages::{Head, Page, PageData, Views, stance};
use super::{Common, StanceView};
use crate::model::{Id, Stance};
use crate::routes::Route;

#[derive(Serialize, Debug, Clone)]
pub struct SearchPage {
    #[serde(flatten)]
    pub common: Common,
    /// The three stances, for the stance filter.
    pub stances: Vec<StanceView>,
    /// Every actor that speaks in a passage, by name.
    pub speakers: Vec<Choice>,
    /// Every actor that published an article, by name.
    pub outlets: Vec<Choice>,
}

/// One option of a filter: an actor and how many results it leaves.
#[derive(Serialize, Debug, Clone)]
pub struct Choice {
    /// The actor id (the option's value, and the `actor`/`outlet` URL parameter).
    pub id: String,
    pub name: String,
    /// Passages it speaks in (speakers), or articles it published (outlets).
    pub count: usize,
}

impl Views<'_> {
    pub(super) fn search(&self) -> Page {
        let common = self.common(Head::new(Route::Search, "Search", "search"));
        let choices = |counts: Vec<(&Id, usize)>| -> Vec<Choice> {
            let mut list: Vec<Choice> = counts
                .into_iter()
                .map(|(id, count)| Choice { id: id.to_string(), name: self.x.dossier.actors[id].name.clone(), count })
                .collect();
            list.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id.clone()));
            list
        };
        let speakers = choices(self.x.by_speaker.iter().map(|(id, evs)| (*id, evs.len())).collect());
        let outlets = choices(self.x.published.iter().map(|(id, articles)| (*id, articles.len())).collect());
        let page = SearchPage { stances: Stance::ALL.iter().map(|&s| stance(s)).collect(), speakers, outlets, common };
        Page { path: page.common.path.clone(), template: "search.html", data: PageData::Search(page) }
    }
}
