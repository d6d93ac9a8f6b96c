//! The search page's context: the filters the form offers, from what the
//! dossier holds. The search itself runs in the reader's browser
//! (`search-index.js`, `search.js`) over the index `crate::search` writes.

use serde::Serialize;

use super::touched::{Touched, single};
use super::views::{Head, Views, stance};
use super::{Common, Engine, PageKind, StanceView};
use crate::model::{Id, Stance};
use crate::routes::Route;
use crate::xref::Xref;

#[derive(Serialize, Debug, Clone)]
pub(crate) struct SearchPage {
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
pub(crate) struct Choice {
    /// The actor id (the option's value, and the `actor`/`outlet` URL parameter).
    pub id: String,
    pub name: String,
    /// Passages it speaks in (speakers), or articles it published (outlets).
    pub count: usize,
}

/// The search page. Reads: the speakers and outlets, with their counts.
pub(crate) struct SearchKind;

impl PageKind for SearchKind {
    type Instance = ();
    const TEMPLATE: &'static str = "search.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::Search
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        views.context(Self::TEMPLATE, &views.search())
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(!touched.actors.is_empty())
    }
}

impl<E: Engine> Views<'_, E> {
    fn search(&self) -> SearchPage {
        let common = self.common(Head::new(Route::Search, "Search", "search"));
        let choices = |counts: Vec<(&Id, usize)>| -> Vec<Choice> {
            let mut list: Vec<Choice> = counts
                .into_iter()
                .map(|(id, count)| Choice {
                    id: id.to_string(),
                    name: self.xref.dossier.actors[id].name.clone(),
                    count,
                })
                .collect();
            list.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id.clone()));
            list
        };
        let speakers = choices(self.xref.by_speaker.iter().map(|(id, evs)| (*id, evs.len())).collect());
        let outlets = choices(self.xref.published.iter().map(|(id, articles)| (*id, articles.len())).collect());
        SearchPage { stances: Stance::ALL.iter().map(|&s| stance(s)).collect(), speakers, outlets, common }
    }
}
