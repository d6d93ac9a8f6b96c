//! Rendering again after an edit gives, byte for byte, the site a full
//! render gives, whatever the edit, and renders few pages for a small one.
//! Edits here are made to the model; `tests/it/incremental.rs` makes them
//! to the files, through the preview.

use std::collections::BTreeMap;

use super::*;
use crate::model::{Annotation, Article, Date, Id, Stance};
use crate::resolve::Changes;

fn sample() -> Dossier {
    let (dossier, report) = crate::check_dossier(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/sample").as_ref(),
        &crate::progress::Silent,
    )
    .unwrap();
    assert!(!report.has_errors());
    dossier
}

/// A preview's state: the cache and the files it holds.
pub(super) struct Run {
    theme: Theme,
    templates: Templates,
    cache: Cache,
    pub files: Files,
    pub dossier: Dossier,
}

impl Run {
    pub(super) fn new(dossier: Dossier) -> Run {
        let theme = Theme::embedded();
        let templates = Templates::new(&theme).unwrap();
        let mut run =
            Run { theme, templates, cache: Cache::default(), files: Files::new(), dossier: Dossier::default() };
        let first = run.update(dossier, &Changes::All, "the first build");
        assert_eq!(first.rendered, first.pages);
        run
    }

    /// Replaces the dossier, updates, and compares with a full render.
    pub(super) fn update(&mut self, after: Dossier, changes: &Changes, what: &str) -> Stats {
        let update = update(&after, &self.theme, &self.templates, &mut self.cache, changes).unwrap();
        let paths = update.files.iter().map(|f| f.path.clone()).collect();
        let stats = Stats { pages: update.pages, rendered: update.rendered, files: update.files.len(), paths };
        update.apply(&mut self.files);
        let full = site(&after, &self.theme).unwrap();
        let expected: Files = full.into_iter().map(|o| (o.path, std::sync::Arc::new(o.bytes))).collect();
        if self.files != expected {
            let differ: Vec<&String> = expected
                .iter()
                .filter(|(p, b)| self.files.get(*p) != Some(*b))
                .map(|(p, _)| p)
                .chain(self.files.keys().filter(|p| !expected.contains_key(*p)))
                .collect();
            panic!("after {what}, these files are not the full render's: {differ:?}");
        }
        self.dossier = after;
        stats
    }

    /// Edits one article of a copy of the dossier and updates.
    fn edit(&mut self, what: &str, id: &Id, edit: impl FnOnce(&mut Article)) -> Stats {
        let mut after = self.dossier.clone();
        let before = after.articles.get(id).cloned();
        let mut article =
            before.clone().unwrap_or_else(|| Article::untitled(id.clone(), format!("content/articles/{id}.md")));
        edit(&mut article);
        after.articles.insert(id.clone(), article);
        self.update(after, &Changes::Articles(BTreeMap::from([(id.clone(), before)])), what)
    }
}

#[derive(Debug)]
pub(super) struct Stats {
    pub pages: usize,
    pub rendered: usize,
    /// Files given to apply.
    pub files: usize,
    /// Their paths.
    pub paths: Vec<String>,
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn flip(stance: Stance) -> Stance {
    match stance {
        Stance::Supports => Stance::Disputes,
        Stance::Disputes => Stance::Context,
        Stance::Context => Stance::Supports,
    }
}

/// Every kind of edit of an article, on the first article and the last.
fn edit_every_way(run: &mut Run) {
    let first = run.dossier.articles.keys().next().unwrap().clone();
    let last = run.dossier.articles.keys().last().unwrap().clone();
    let claims: Vec<Id> = run.dossier.claims.keys().cloned().collect();
    let actors: Vec<Id> = run.dossier.actors.keys().cloned().collect();
    for (n, article) in [first, last].iter().enumerate() {
        let small = run.edit("nothing", article, |_| {});
        assert!(small.rendered < small.pages / 2, "an edit of nothing renders little: {small:?}");
        let stance = run.edit("a stance", article, |a| a.annotations[0].stance = flip(a.annotations[0].stance));
        assert!(stance.rendered < stance.pages, "{stance:?}");
        run.edit("another stance", article, |a| {
            let last = a.annotations.len() - 1;
            a.annotations[last].stance = flip(flip(a.annotations[last].stance));
        });
        run.edit("a claim", article, |a| a.annotations[0].claim = claims[n * 3 % claims.len()].clone());
        run.edit("a claim that contradicts", article, |a| a.annotations[1].claim = claims[claims.len() - 1].clone());
        run.edit("a speaker", article, |a| a.annotations[0].by = Some(actors[n * 5 % actors.len()].clone()));
        run.edit("no speaker", article, |a| a.annotations[0].by = None);
        run.edit("a channel", article, |a| a.annotations[1].via = Some(actors[actors.len() - 1].clone()));
        run.edit("a quote", article, |a| a.annotations[0].quote.push_str(" (more)"));
        run.edit("a said_on date", article, |a| a.annotations[0].said_on = Date::parse("1999-01-01"));
        run.edit("a note", article, |a| a.annotations[0].note = Some("<p>A note.</p>".into()));
        run.edit("an outlet", article, |a| a.outlet = Some(actors[0].clone()));
        run.edit("no outlet", article, |a| a.outlet = None);
        run.edit("a title", article, |a| a.title.push_str(" (updated)"));
        run.edit("a date", article, |a| a.published = Date::parse("2001-02-03"));
        run.edit("no date", article, |a| a.published = None);
        run.edit("a language", article, |a| a.language = Some("uk".into()));
        run.edit("the body", article, |a| a.body_html.push_str("<p>More.</p>"));
        run.edit("a removed annotation", article, |a| {
            a.annotations.remove(0);
        });
        run.edit("an added annotation", article, |a| {
            let mut added: Annotation = a.annotations[0].clone();
            added.id = id("added-annotation");
            added.stance = Stance::Disputes;
            added.claim = claims[1].clone();
            a.annotations.push(added);
        });
        run.edit("every annotation removed", article, |a| a.annotations.clear());
    }
}

#[test]
fn the_update_is_the_full_render_after_any_edit_of_the_sample() {
    let mut run = Run::new(sample());
    edit_every_way(&mut run);
    // A new article, copied from one with evidence, then removed.
    let copy = run.dossier.articles.values().next().unwrap().clone();
    run.edit("a new article", &id("a-new-article"), |a| {
        *a = Article { id: id("a-new-article"), ..copy };
    });
    let mut after = run.dossier.clone();
    let gone = after.articles.remove(&id("a-new-article"));
    run.update(after, &Changes::Articles(BTreeMap::from([(id("a-new-article"), gone)])), "a removed article");
    // Anything else: every page is built again, and only the changed rendered.
    let mut after = run.dossier.clone();
    after.claims.values_mut().next().unwrap().statement.push_str(" (reworded)");
    let all = run.update(after, &Changes::All, "a claim's statement");
    assert!(all.rendered < all.pages, "{all:?}");
    let same = run.update(run.dossier.clone(), &Changes::Articles(BTreeMap::new()), "no change");
    assert_eq!((same.rendered, same.files), (0, 0), "nothing is made again: {same:?}");
}
