//! The evidence matrix (`matrix/`): claims × articles, each cell the
//! stances the article takes on the claim, linked to the highlights.
//!
//! Paginated by columns: a page shows [`MATRIX_COLUMNS`] articles and only
//! the claims that have evidence in them, so its size follows what it shows,
//! whatever the size of the dossier.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pager::{self, Pager};
use super::pages::{Head, stance};
use super::*;
use crate::model::{Article, Id};
use crate::xref::Ev;

/// Articles (columns) per matrix page.
pub const MATRIX_COLUMNS: usize = 25;

#[derive(Serialize, Debug, Clone)]
pub struct MatrixPage {
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
pub struct MatrixRow {
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
pub struct MatrixClaim {
    pub id: String,
    pub statement: String,
    pub href: String,
    pub contested: bool,
    pub verdict: Option<&'static str>,
}

#[derive(Serialize, Debug, Clone)]
pub struct MatrixCell {
    /// The article's id (for `data-article`).
    pub article: String,
    /// Its annotations on the row's claim, in reading order.
    pub links: Vec<MatrixLink>,
}

/// One annotation in a cell.
#[derive(Serialize, Debug, Clone)]
pub struct MatrixLink {
    /// `<article id>/<annotation id>` (for `data-annotation`).
    pub key: String,
    /// Link to the highlight.
    pub href: String,
    pub stance: StanceView,
    /// The speaker's name, or `unattributed`.
    pub by: String,
    /// `"<speaker>, supports: “<quote>”"`, for a tooltip.
    pub title: String,
}

/// Pages the matrix takes.
impl Views<'_> {
    pub(super) fn matrix(&self, n: usize) -> Page {
        let all = &self.x.chronological;
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
            ..Head::new(pager::path("matrix", n), &title, "matrix")
        };
        let common = self.common(head);
        let root = common.root.clone();
        let page = MatrixPage {
            pager: Pager::new(&root, "matrix", n, total),
            articles: columns.iter().map(|a| self.article_ref(a, &root)).collect(),
            rows: self.matrix_rows(columns, &root),
            first: range.start + 1,
            last: range.end,
            total: all.len(),
            common,
        };
        Page { path: page.common.path.clone(), template: "matrix.html", data: PageData::Matrix(Box::new(page)) }
    }

    /// The rows of a page: only claims with evidence in its articles, by rank.
    fn matrix_rows(&self, columns: &[&Article], root: &str) -> Vec<MatrixRow> {
        let mut rows: BTreeMap<usize, Vec<Vec<MatrixLink>>> = BTreeMap::new();
        for (i, &article) in columns.iter().enumerate() {
            for annotation in &article.annotations {
                let cells =
                    rows.entry(self.x.rank[&annotation.claim]).or_insert_with(|| vec![Vec::new(); columns.len()]);
                cells[i].push(self.matrix_link(Ev { article, annotation }, root));
            }
        }
        rows.into_iter()
            .map(|(rank, cells)| MatrixRow {
                claim: self.matrix_claim(self.x.ranked[rank], root),
                cells: columns
                    .iter()
                    .zip(cells)
                    .map(|(a, links)| (!links.is_empty()).then(|| MatrixCell { article: a.id.to_string(), links }))
                    .collect(),
            })
            .collect()
    }

    fn matrix_claim(&self, id: &Id, root: &str) -> MatrixClaim {
        let claim = &self.x.dossier.claims[id];
        MatrixClaim {
            id: id.to_string(),
            statement: claim.statement.clone(),
            href: format!("{root}claims/{id}/"),
            contested: self.x.contested(id),
            verdict: claim.verdict.map(|v| v.as_str()),
        }
    }

    fn matrix_link(&self, ev: Ev<'_>, root: &str) -> MatrixLink {
        let (article, a) = (ev.article, ev.annotation);
        let by = match self.x.dossier.speaker(article, a) {
            Some(speaker) => self.x.dossier.actors[speaker].name.clone(),
            None => "unattributed".to_owned(),
        };
        MatrixLink {
            key: format!("{}/{}", article.id, a.id),
            href: format!("{root}articles/{}/#a-{}", article.id, a.id),
            stance: stance(a.stance),
            title: format!("{by}, {}: “{}”", a.stance.as_str(), a.quote),
            by,
        }
    }
}
