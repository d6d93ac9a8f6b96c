//! Article pages (`articles/<id>/`): the text with its highlights and the
//! list of its annotations; and the articles index (`articles/`).

use std::collections::BTreeSet;

use super::touched::{Touched, single};
use super::views::Head;
use super::*;
use crate::markdown;
use crate::model::{Article, Id};
use crate::routes::Route;
use crate::xref::{Passage, Xref};

/// The articles index. Reads: every article's reference.
pub(crate) struct ArticleIndexKind;

impl PageKind for ArticleIndexKind {
    type Instance = ();
    const TEMPLATE: &'static str = "articles.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::ArticleIndex
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        let common = views.common(Head::new(Route::ArticleIndex, "Articles", "articles"));
        let articles = views.articles_by_date(&common.root);
        views.context(Self::TEMPLATE, &ArticlesPage { common, articles })
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(touched.listed)
    }
}

/// One page per article. Reads: the article, and the counts of the
/// claims it annotates.
pub(crate) struct ArticleKind;

impl PageKind for ArticleKind {
    type Instance = Id;
    const TEMPLATE: &'static str = "article.html";

    fn pages(xref: &Xref<'_>) -> Vec<Id> {
        xref.dossier.articles.keys().cloned().collect()
    }

    fn route(id: &Id) -> Route<'_> {
        Route::Article(id)
    }

    fn build<E: Engine>(views: &Views<'_, E>, id: &Id) -> E::Context {
        views.context(Self::TEMPLATE, &views.article(&views.xref.dossier.articles[id]))
    }

    fn affected(touched: &Touched<'_>) -> Vec<Id> {
        let xref = touched.xref;
        let mut ids: BTreeSet<&Id> = xref.dossier.articles.keys().filter(|id| touched.articles.contains(id)).collect();
        for claim in &touched.counted {
            ids.extend(xref.evidence(claim).iter().map(|ev| &ev.article.id));
        }
        ids.into_iter().cloned().collect()
    }
}

impl<E: Engine> Views<'_, E> {
    fn article(&self, a: &Article) -> ArticlePage<E::Shared> {
        let description = match &a.outlet {
            Some(o) => format!(
                "{}, published by {}: {} annotated passages.",
                a.title,
                self.xref.dossier.actors[o].name,
                a.annotations.len()
            ),
            None => format!("{}: {} annotated passages.", a.title, a.annotations.len()),
        };
        let head = Head {
            lang: a.language.as_deref(),
            description: Some(description),
            ..Head::new(Route::Article(&a.id), &a.title, "articles")
        };
        let common = self.common(head);
        let root = common.root.clone();
        let annotations =
            a.annotations.iter().map(|n| self.evidence(Passage { article: a, annotation: n }, &root)).collect();
        let edit_url = self
            .xref
            .dossier
            .site
            .repo_url
            .as_ref()
            .map(|r| format!("{}/edit/HEAD/{}", r.trim_end_matches('/'), a.source_path));
        ArticlePage {
            article: self.article_ref(a, &root),
            url: a.url.clone(),
            author: a.author.clone(),
            // The labels after the highlights link to their claims from here.
            body: markdown::fill_claim_links(&a.body_html, |n| {
                a.annotations.get(n).map(|note| Route::Claim(&note.claim).href(&root))
            }),
            annotations,
            edit_url,
            common,
        }
    }
}
