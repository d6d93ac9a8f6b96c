//! A kind of page, declared once: its pages, route, template, context,
//! and what it reads. `site.rs` lists the kinds.

use std::fmt::Debug;
use std::hash::Hash;

use super::engine::Engine;
use super::touched::Touched;
use super::views::Views;
use crate::routes::Route;
use crate::xref::Xref;

/// One kind of page (the claim pages, the matrix pages, the home page),
/// declared beside the builder of its context, so that what a page shows
/// and what it reads change in one place.
pub(crate) trait PageKind {
    /// What tells its pages apart: `()` for a page of its own, an id, a
    /// page number.
    type Instance: Clone + Debug + Eq + Hash + Send + Sync;
    const TEMPLATE: &'static str;
    /// Its pages, in order, from the cross-references.
    fn pages(xref: &Xref<'_>) -> Vec<Self::Instance>;
    fn route(page: &Self::Instance) -> Route<'_>;
    /// The page's context, in the engine's form.
    fn build<E: Engine>(views: &Views<'_, E>, page: &Self::Instance) -> E::Context;
    /// What its pages read, as the pages that read something an edit
    /// touched: all the pages whose context the edit can change.
    fn affected(touched: &Touched<'_>) -> Vec<Self::Instance>;
}

/// One page, built: where it goes, its template, its context.
pub(crate) struct Page<C> {
    pub path: String,
    pub template: &'static str,
    pub context: C,
}
