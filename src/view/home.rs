//! The home page (the dossier at a glance: counts, the most contested
//! claims, the newest articles) and the 404 page.

use super::touched::{Touched, single};
use super::views::Head;
use super::*;
use crate::routes::Route;
use crate::xref::Xref;

/// How many claims (most contested first) and articles (newest first) the
/// home page shows.
pub(crate) const HOME_CLAIMS: usize = 30;
pub(crate) const HOME_ARTICLES: usize = 12;

/// The home page. Reads: every claim's counts and place, and every
/// article's reference.
pub(crate) struct HomeKind;

impl PageKind for HomeKind {
    type Instance = ();
    const TEMPLATE: &'static str = "index.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::Home
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        views.context(Self::TEMPLATE, &views.home())
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(touched.listed || !touched.counted.is_empty())
    }
}

/// `404.html`, served by GitHub Pages for every missing path. Reads
/// nothing an article holds.
pub(crate) struct NotFoundKind;

impl PageKind for NotFoundKind {
    type Instance = ();
    const TEMPLATE: &'static str = "404.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::NotFound
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        let common = views.common(Head::new(Route::NotFound, "Page not found", "error"));
        views.context(Self::TEMPLATE, &NotFoundPage { common })
    }

    fn affected(_: &Touched<'_>) -> Vec<()> {
        Vec::new()
    }
}

impl<E: Engine> Views<'_, E> {
    fn home(&self) -> HomePage {
        let d = self.xref.dossier;
        let common = self.common(Head::new(Route::Home, &d.site.title, "home"));
        let mut claims = self.ranked_claims(&common.root);
        let stats = Stats {
            articles: d.articles.len(),
            claims: d.claims.len(),
            actors: d.actors.len(),
            annotations: d.articles.values().map(|a| a.annotations.len()).sum(),
            contested: claims.iter().filter(|c| c.contested).count(),
        };
        let mut articles = self.articles_by_date(&common.root);
        // At a glance: the head of each list; the indexes have the rest,
        // and a home page of 10,000 articles would be megabytes.
        claims.truncate(HOME_CLAIMS);
        articles.truncate(HOME_ARTICLES);
        HomePage { common, stats, claims, articles }
    }
}
