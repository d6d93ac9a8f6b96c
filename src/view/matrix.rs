//! The evidence matrix (`matrix/`): claims × articles, each cell the
//! stances the article takes on the claim, linked to the highlights.
//!
//! Paginated by columns: a page shows [`MATRIX_COLUMNS`] articles and only
//! the claims that have evidence in them, so its size follows what it shows,
//! whatever the size of the dossier.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::pager::{self, Pager};
use super::touched::{Touched, paged};
use super::views::{Head, stance};
use super::*;
use crate::model::{Article, Form, Id};
use crate::routes::{Fragment, Route};
use crate::xref::{Passage, Xref};

/// Articles (columns) per matrix page.
pub(crate) const MATRIX_COLUMNS: usize = 25;

#[derive(Serialize, Debug, Clone)]
pub(crate) struct MatrixPage {
    #[serde(flatten)]
    pub common: Common,
    pub pager: Pager,
    /// The columns: this page's articles, oldest first (undated last), then by title.
    pub articles: Vec<ArticleRef>,
    /// The claims with evidence in these articles, in the home page's order.
    pub rows: Vec<MatrixRow>,
    /// Position of the first and last article shown, from 1, and how many there are.
    pub first: usize,
    pub last: usize,
    pub total: usize,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct MatrixRow {
    pub claim: MatrixClaim,
    /// One per article of the page, in column order; `null` where the
    /// article has nothing on the claim (most cells, in a large dossier).
    pub cells: Vec<Option<MatrixCell>>,
}

/// A row's claim: what a [`ClaimRef`] holds but its counts. A row shows
/// where the claim stands, and the cells show the evidence; leaving the
/// counts out means an edit elsewhere that only changes them leaves the
/// matrix pages as they were (and `serve` need not make them again).
#[derive(Serialize, Debug, Clone)]
pub(crate) struct MatrixClaim {
    pub id: String,
    pub statement: String,
    pub href: String,
    pub contested: bool,
    pub verdict: Option<&'static str>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct MatrixCell {
    /// The article's id (for `data-article`).
    pub article: String,
    /// Its annotations on the row's claim, in reading order.
    pub links: Vec<MatrixLink>,
}

/// One annotation in a cell.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct MatrixLink {
    /// `<article id>/<annotation id>` (for `data-annotation`).
    pub key: String,
    /// Link to the highlight.
    pub href: String,
    pub stance: StanceView,
    /// The speaker's name, or `unattributed`.
    pub by: String,
    /// `<speaker>, supports: “<quote>”`, for a tooltip.
    pub title: String,
}

/// The matrix pages, numbered. Reads: the articles in order, theirs, and
/// the order and contested state of their claims (the rows show no counts).
pub(crate) struct MatrixKind;

impl PageKind for MatrixKind {
    type Instance = usize;
    const TEMPLATE: &'static str = "matrix.html";

    fn pages(xref: &Xref<'_>) -> Vec<usize> {
        (1..=pager::count(xref.dossier.articles.len(), MATRIX_COLUMNS)).collect()
    }

    fn route(&n: &usize) -> Route<'_> {
        Route::Matrix(n)
    }

    fn build<E: Engine>(views: &Views<'_, E>, &n: &usize) -> E::Context {
        views.context(Self::TEMPLATE, &views.matrix(n))
    }

    fn affected(touched: &Touched<'_>) -> Vec<usize> {
        let (before, now) = (&touched.old.chronological, &touched.xref.chronological);
        let changed = |columns: Range<usize>| {
            let (before, now) = (&before[columns.clone()], &now[columns]);
            if now.iter().zip(before).any(|(a, b)| a.id != *b || touched.articles.contains(&a.id)) {
                return true;
            }
            // Rows: the claims of these articles, in rank order. Two claims
            // rank by their own keys, so rows whose keys are the same keep
            // their order.
            now.iter().flat_map(|a| &a.annotations).any(|a| touched.reranked.contains(&a.claim))
        };
        paged(before.len(), now.len(), MATRIX_COLUMNS, changed)
    }
}

/// Pages the matrix takes.
impl<E: Engine> Views<'_, E> {
    fn matrix(&self, n: usize) -> MatrixPage {
        let all = &self.xref.chronological;
        let total = pager::count(all.len(), MATRIX_COLUMNS);
        let range = pager::range(all.len(), MATRIX_COLUMNS, n);
        let columns = &all[range.clone()];
        let title = match total {
            1 => "Evidence matrix".to_owned(),
            _ => format!("Evidence matrix, page {n} of {total}"),
        };
        let head = Head {
            description: Some(format!(
                "Which article supports or disputes which claim: articles {} to {} of {}.",
                range.start + 1,
                range.end,
                all.len()
            )),
            ..Head::new(Route::Matrix(n), &title, "matrix")
        };
        let common = self.common(head);
        let root = common.root.clone();
        MatrixPage {
            pager: Pager::new(&root, Route::Matrix, n, total),
            articles: columns.iter().map(|a| self.article_ref(a, &root)).collect(),
            rows: self.matrix_rows(columns, &root),
            first: range.start + 1,
            last: range.end,
            total: all.len(),
            common,
        }
    }

    /// The rows of a page: only claims with evidence in its articles, by rank.
    fn matrix_rows(&self, columns: &[&Article], root: &str) -> Vec<MatrixRow> {
        let mut rows: BTreeMap<usize, Vec<Vec<MatrixLink>>> = BTreeMap::new();
        for (i, &article) in columns.iter().enumerate() {
            for annotation in &article.annotations {
                let cells =
                    rows.entry(self.xref.rank[&annotation.claim]).or_insert_with(|| vec![Vec::new(); columns.len()]);
                cells[i].push(self.matrix_link(Passage { article, annotation }, root));
            }
        }
        rows.into_iter()
            .map(|(rank, cells)| MatrixRow {
                claim: self.matrix_claim(self.xref.ranked[rank], root),
                cells: columns
                    .iter()
                    .zip(cells)
                    .map(|(a, links)| (!links.is_empty()).then(|| MatrixCell { article: a.id.to_string(), links }))
                    .collect(),
            })
            .collect()
    }

    fn matrix_claim(&self, id: &Id, root: &str) -> MatrixClaim {
        let claim = &self.xref.dossier.claims[id];
        MatrixClaim {
            id: id.to_string(),
            statement: claim.statement.clone(),
            href: Route::Claim(id).href(root),
            contested: self.xref.contested(id),
            verdict: claim.verdict.map(|v| v.as_str()),
        }
    }

    fn matrix_link(&self, ev: Passage<'_>, root: &str) -> MatrixLink {
        let (article, a) = (ev.article, ev.annotation);
        let by = match self.xref.dossier.speaker(article, a) {
            Some(speaker) => self.xref.dossier.actors[speaker].name.clone(),
            None => "unattributed".to_owned(),
        };
        // The cell's card: who, in what form, when, and the words.
        let form = match a.form {
            Form::Direct => String::new(),
            other => format!(" ({})", other.as_str()),
        };
        let when = ev.date().map(|d| format!(", {d}")).unwrap_or_default();
        let words = if a.form.is_quoted() { format!("“{}”", a.quote) } else { a.quote.clone() };
        MatrixLink {
            key: format!("{}/{}", article.id, a.id),
            href: Route::Article(&article.id).href_at(root, Fragment::Highlight(&a.id)),
            stance: stance(a.stance),
            title: format!("{by}{form}{when}, {}: {words}", a.stance.as_str()),
            by,
        }
    }
}
