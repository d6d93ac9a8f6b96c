//! References converted to template values once per build: a claim,
//! actor or article appears on many pages, and a page that shows one
//! copies a pointer to its value instead of building and converting the
//! same fields again. What the templates see is unchanged.

use std::collections::HashMap;
use std::fmt;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use super::pages::Views;
use crate::model::Id;

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

/// Where claim, actor and article pages are (`claims/<id>/`): the depth
/// whose references are kept. Pages at other depths, few, convert theirs.
pub(super) const DEEP: &str = "../../";

/// Every claim, actor and article reference as seen from [`DEEP`].
#[derive(Default)]
pub(super) struct Refs<'a> {
    pub claims: HashMap<&'a Id, Shared>,
    pub actors: HashMap<&'a Id, Shared>,
    pub articles: HashMap<&'a Id, Shared>,
}

impl<'a> Refs<'a> {
    pub fn new(views: &Views<'a>) -> Refs<'a> {
        let d = views.x.dossier;
        let claims = d.claims.par_iter().map(|(id, _)| (id, Shared::new(&views.claim_ref(id, DEEP)))).collect();
        let actors = d.actors.par_iter().map(|(id, _)| (id, Shared::new(&views.actor_ref(id, DEEP)))).collect();
        let articles = d.articles.par_iter().map(|(id, a)| (id, Shared::new(&views.article_ref(a, DEEP)))).collect();
        Refs { claims, actors, articles }
    }
}

impl Views<'_> {
    pub(super) fn claim_shared(&self, id: &Id, root: &str) -> Shared {
        match self.refs.claims.get(id).filter(|_| root == DEEP) {
            Some(shared) => shared.clone(),
            None => Shared::new(&self.claim_ref(id, root)),
        }
    }

    pub(super) fn actor_shared(&self, id: &Id, root: &str) -> Shared {
        match self.refs.actors.get(id).filter(|_| root == DEEP) {
            Some(shared) => shared.clone(),
            None => Shared::new(&self.actor_ref(id, root)),
        }
    }

    pub(super) fn article_shared(&self, a: &crate::model::Article, root: &str) -> Shared {
        match self.refs.articles.get(&a.id).filter(|_| root == DEEP) {
            Some(shared) => shared.clone(),
            None => Shared::new(&self.article_ref(a, root)),
        }
    }
}
