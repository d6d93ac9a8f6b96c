//! References converted to template values at most once per build: a
//! claim, actor or article appears on many pages, and a page that shows
//! one copies a pointer to its value instead of building and converting
//! the same fields again. What the templates see is unchanged.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use super::pages::Views;
use crate::model::{Dossier, Id};

/// A view already in the template engine's form. Serialising it into a
/// page context copies a pointer; into anything else, its fields.
#[derive(Clone)]
pub struct Shared(tera::Value);

impl Shared {
    pub fn new<T: Serialize>(view: &T) -> Shared {
        Shared(tera::Value::from_serializable(view))
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The root of claim, actor and article pages: the depth whose references
/// are kept. Pages at other depths, few, convert theirs.
pub(super) const DEEP: &str = crate::routes::ITEM_ROOT;

/// Every claim, actor and article reference as seen from [`DEEP`], each
/// converted when a page first shows it: a preview's rebuild makes a few
/// pages, which show a few of them.
pub(super) struct Refs<'a> {
    pub claims: HashMap<&'a Id, OnceLock<Shared>>,
    pub actors: HashMap<&'a Id, OnceLock<Shared>>,
    pub articles: HashMap<&'a Id, OnceLock<Shared>>,
}

impl<'a> Refs<'a> {
    pub fn new(d: &'a Dossier) -> Refs<'a> {
        let cells = |ids: Vec<&'a Id>| ids.into_iter().map(|id| (id, OnceLock::new())).collect();
        Refs {
            claims: cells(d.claims.keys().collect()),
            actors: cells(d.actors.keys().collect()),
            articles: cells(d.articles.keys().collect()),
        }
    }
}

/// The reference kept in `cells` for `id` when seen from [`DEEP`], made by
/// `make` the first time; else one made for `root`.
fn shared<T: Serialize>(
    cells: &HashMap<&Id, OnceLock<Shared>>,
    id: &Id,
    root: &str,
    make: impl Fn(&str) -> T,
) -> Shared {
    match cells.get(id).filter(|_| root == DEEP) {
        Some(cell) => cell.get_or_init(|| Shared::new(&make(DEEP))).clone(),
        None => Shared::new(&make(root)),
    }
}

impl Views<'_> {
    pub(super) fn claim_shared(&self, id: &Id, root: &str) -> Shared {
        shared(&self.refs.claims, id, root, |root| self.claim_ref(id, root))
    }

    pub(super) fn actor_shared(&self, id: &Id, root: &str) -> Shared {
        shared(&self.refs.actors, id, root, |root| self.actor_ref(id, root))
    }

    pub(super) fn article_shared(&self, a: &crate::model::Article, root: &str) -> Shared {
        shared(&self.refs.articles, &a.id, root, |root| self.article_ref(a, root))
    }
}
