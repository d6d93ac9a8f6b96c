//! References converted to the template engine's form at most once per
//! build: a claim, actor or article appears on many pages, and a page that
//! shows one copies a pointer to its converted value instead of building
//! and converting the same fields again. What the templates see is
//! unchanged.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{Dossier, Id};

/// The root of claim, actor and article pages: the depth whose references
/// are kept. Pages at other depths, few, convert theirs.
const ITEM_PAGE_ROOT: &str = crate::routes::ITEM_ROOT;

/// Every claim, actor and article reference as seen from [`ITEM_PAGE_ROOT`], in the
/// engine's form `R`, each converted when a page first shows it: a
/// preview's rebuild makes a few pages, which show a few of them.
pub(super) struct Refs<'a, R> {
    claims: HashMap<&'a Id, OnceLock<R>>,
    actors: HashMap<&'a Id, OnceLock<R>>,
    articles: HashMap<&'a Id, OnceLock<R>>,
}

impl<'a, R: Clone> Refs<'a, R> {
    pub(super) fn new(d: &'a Dossier) -> Refs<'a, R> {
        fn cells<'a, R>(ids: impl Iterator<Item = &'a Id>) -> HashMap<&'a Id, OnceLock<R>> {
            ids.map(|id| (id, OnceLock::new())).collect()
        }
        Refs { claims: cells(d.claims.keys()), actors: cells(d.actors.keys()), articles: cells(d.articles.keys()) }
    }

    /// The claim's reference seen from `root`, made by `make`.
    pub(super) fn claim(&self, id: &Id, root: &str, make: impl Fn(&str) -> R) -> R {
        kept(&self.claims, id, root, make)
    }

    pub(super) fn actor(&self, id: &Id, root: &str, make: impl Fn(&str) -> R) -> R {
        kept(&self.actors, id, root, make)
    }

    pub(super) fn article(&self, id: &Id, root: &str, make: impl Fn(&str) -> R) -> R {
        kept(&self.articles, id, root, make)
    }
}

/// The reference kept in `cells` for `id` when seen from [`ITEM_PAGE_ROOT`], made by
/// `make` the first time; else one made for `root`.
fn kept<R: Clone>(cells: &HashMap<&Id, OnceLock<R>>, id: &Id, root: &str, make: impl Fn(&str) -> R) -> R {
    match cells.get(id).filter(|_| root == ITEM_PAGE_ROOT) {
        Some(cell) => cell.get_or_init(|| make(ITEM_PAGE_ROOT)).clone(),
        None => make(root),
    }
}
