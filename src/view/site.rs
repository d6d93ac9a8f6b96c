//! The list of the site's kinds of page. Each kind is declared once,
//! beside the builder of its context ([`PageKind`]); the list turns them
//! into the pages `build` renders ([`pages`], [`Views::build`]) and those
//! `serve` makes again after an edit ([`affected`]).

use std::collections::BTreeMap;

use super::actor::{ActorIndexKind, ActorKind};
use super::agreement::AgreementKind;
use super::article::{ArticleIndexKind, ArticleKind};
use super::claim::{ClaimIndexKind, ClaimKind};
use super::data::DataKind;
use super::engine::Engine;
use super::home::{HomeKind, NotFoundKind};
use super::kind::{Page, PageKind};
use super::matrix::MatrixKind;
use super::search::SearchKind;
use super::timeline::TimelineKind;
use super::touched::{Downloads, Touched};
use super::views::Views;
use crate::model::{Article, Id};
use crate::routes::Route;
use crate::xref::{Snapshot, Xref};

/// Declares the site's kinds of page, in the order the site lists them
/// (the sitemap's): each name becomes a [`PageId`] variant.
macro_rules! kinds {
    ($($name:ident: $kind:ty,)*) => {
        /// A page of the site: its kind, and which of its pages. Owned, so
        /// that `serve` can keep pages by it from one build to the next.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum PageId {
            $($name(<$kind as PageKind>::Instance),)*
        }

        impl PageId {
            /// Where the page is.
            pub(crate) fn route(&self) -> Route<'_> {
                match self {
                    $(PageId::$name(page) => <$kind as PageKind>::route(page),)*
                }
            }

            pub(crate) fn template(&self) -> &'static str {
                match self {
                    $(PageId::$name(_) => <$kind as PageKind>::TEMPLATE,)*
                }
            }
        }

        /// Every page of the site, in a fixed order: kind by kind.
        pub(crate) fn pages(xref: &Xref<'_>) -> Vec<PageId> {
            let mut pages = Vec::new();
            $(pages.extend(<$kind as PageKind>::pages(xref).into_iter().map(PageId::$name));)*
            pages
        }

        /// The pages of every kind that read something `touched` names.
        fn affected_pages(touched: &Touched<'_>) -> Vec<PageId> {
            let mut pages = Vec::new();
            $(pages.extend(<$kind as PageKind>::affected(touched).into_iter().map(PageId::$name));)*
            pages
        }

        impl<E: Engine> Views<'_, E> {
            /// Builds a page's context; pages are built on demand, so they can
            /// be built and rendered in parallel and dropped once written.
            pub(crate) fn build(&self, page: &PageId) -> Page<E::Context> {
                let context = match page {
                    $(PageId::$name(instance) => <$kind as PageKind>::build(self, instance),)*
                };
                Page { path: page.route().file(), template: page.template(), context }
            }
        }
    };
}

kinds! {
    Home: HomeKind,
    ArticleIndex: ArticleIndexKind,
    ClaimIndex: ClaimIndexKind,
    ActorIndex: ActorIndexKind,
    NotFound: NotFoundKind,
    Search: SearchKind,
    Data: DataKind,
    Matrix: MatrixKind,
    Timeline: TimelineKind,
    Agreement: AgreementKind,
    Article: ArticleKind,
    Claim: ClaimKind,
    Actor: ActorKind,
}

/// The pages to make again after the articles in `changed` (each with its
/// version before, if any) changed from the dossier of `old` to that of
/// `xref`, and the files under `data/` from `downloads.before` to
/// `downloads.after`. Every other page shows exactly what it showed before.
pub(crate) fn affected(
    old: &Snapshot,
    xref: &Xref<'_>,
    changed: &BTreeMap<Id, Option<Article>>,
    downloads: Downloads<'_>,
) -> Vec<PageId> {
    affected_pages(&Touched::new(old, xref, changed, downloads))
}
