//! Random edits of a dossier large enough to have several pages of each
//! aggregate (matrix, timeline, agreement): after each, the update is the
//! full render, byte for byte.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::update_tests::Run;
use crate::model::{Actor, ActorKind, Annotation, Article, Claim, Date, Dossier, Id, Site, Stance};
use crate::resolve::Changes;
use crate::view::{self, PageId, Views};
use crate::xref::{Snapshot, Xref};

const ACTORS: usize = 32;
const CLAIMS: usize = 70;
const ARTICLES: usize = 130;
const PER_ARTICLE: usize = 8;

fn id(s: String) -> Id {
    Id::parse(&s).unwrap()
}

/// A small deterministic generator (a linear congruential one).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn actor(n: usize) -> Id {
    id(format!("actor-{n:02}"))
}

fn claim(n: usize) -> Id {
    id(format!("claim-{n:02}"))
}

const STANCES: [Stance; 3] = [Stance::Supports, Stance::Disputes, Stance::Context];

fn annotation(rng: &mut Rng, n: usize) -> Annotation {
    // Claims and speakers skewed towards the first ones, so that some
    // claims gather much evidence and most speakers share claims.
    let c = rng.below(CLAIMS).min(rng.below(CLAIMS) + 5);
    Annotation {
        id: id(format!("a{n}")),
        quote: format!("passage {n} of {}", rng.below(1000)),
        claim: claim(c),
        stance: STANCES[rng.below(3)],
        by: (rng.below(5) > 0).then(|| actor(rng.below(ACTORS))),
        via: (rng.below(4) == 0).then(|| actor(rng.below(ACTORS))),
        said_on: (rng.below(6) == 0).then(|| date(rng)),
        note: None,
        note_source: None,
        matched: crate::model::Matched::default(),
        form: crate::model::Form::Direct,
        translation: None,
    }
}

fn date(rng: &mut Rng) -> Date {
    Date::parse(&format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))).unwrap()
}

fn article(rng: &mut Rng, n: usize) -> Article {
    let id = id(format!("article-{n:03}"));
    Article {
        title: format!("Article {}", rng.below(ARTICLES)),
        outlet: (rng.below(4) > 0).then(|| actor(rng.below(ACTORS))),
        published: (rng.below(8) > 0).then(|| date(rng)),
        body_html: format!("<p>The text of {id}.</p>"),
        annotations: (0..PER_ARTICLE).map(|i| annotation(rng, i)).collect(),
        ..Article::untitled(id.clone(), format!("content/articles/{id}.md"))
    }
}

/// A dossier made in memory, with no Markdown to render.
fn synthetic(seed: u64) -> Dossier {
    let mut rng = Rng(seed);
    let site = Site { title: "Synthetic".into(), base_url: Some("https://example.org/s/".into()), ..Site::default() };
    let mut d = Dossier { site, ..Dossier::default() };
    for n in 0..ACTORS {
        let a = Actor {
            id: actor(n),
            name: format!("Actor {}", (n * 7) % ACTORS),
            aliases: Vec::new(),
            kind: Some(ActorKind::Person),
            role: None,
            affiliation: (n % 5 == 1).then(|| actor(0)),
        };
        d.actors.insert(a.id.clone(), a);
    }
    for n in 0..CLAIMS {
        let contradicts = match n % 2 {
            0 => [claim(n + 1)].into(),
            _ => [claim(n - 1)].into(),
        };
        let c = Claim {
            id: claim(n),
            statement: format!("Claim number {n} holds."),
            about: vec![actor(n % ACTORS)],
            tags: Vec::new(),
            contradicts,
            verdict: None,
            verdict_note: None,
            verdict_note_source: None,
            verdict_on: None,
        };
        d.claims.insert(c.id.clone(), c);
    }
    for n in 0..ARTICLES {
        let a = article(&mut rng, n);
        d.articles.insert(a.id.clone(), a);
    }
    d
}

/// One random edit of one article (or its removal, or a new one).
#[derive(Clone, Debug)]
enum Edit {
    Stance(usize, usize, usize),
    Claim(usize, usize, usize),
    Speaker(usize, usize, Option<usize>),
    Channel(usize, usize, Option<usize>),
    SaidOn(usize, usize, u64),
    Title(usize, usize),
    Published(usize, Option<u64>),
    Outlet(usize, Option<usize>),
    Add(usize, u64),
    Remove(usize, usize),
    NewArticle(u64),
    RemoveArticle(usize),
}

fn apply(d: &Dossier, edit: &Edit) -> (Dossier, Changes) {
    let mut after = d.clone();
    let ids: Vec<Id> = d.articles.keys().cloned().collect();
    let target = match *edit {
        Edit::NewArticle(seed) => {
            let n = ARTICLES + (seed % 1000) as usize;
            id(format!("article-{n:03}"))
        }
        Edit::Stance(a, ..) | Edit::Claim(a, ..) | Edit::Speaker(a, ..) | Edit::Channel(a, ..) => {
            ids[a % ids.len()].clone()
        }
        Edit::SaidOn(a, ..) | Edit::Title(a, _) | Edit::Published(a, _) | Edit::Outlet(a, _) => {
            ids[a % ids.len()].clone()
        }
        Edit::Add(a, _) | Edit::Remove(a, _) | Edit::RemoveArticle(a) => ids[a % ids.len()].clone(),
    };
    let before = after.articles.remove(&target);
    let mut article = before.clone().unwrap_or_else(|| Article::untitled(target.clone(), String::new()));
    match *edit {
        Edit::Stance(_, i, s) => annotation_at(&mut article, i).into_iter().for_each(|a| a.stance = STANCES[s % 3]),
        Edit::Claim(_, i, c) => annotation_at(&mut article, i).into_iter().for_each(|a| a.claim = claim(c % CLAIMS)),
        Edit::Speaker(_, i, by) => {
            annotation_at(&mut article, i).into_iter().for_each(|a| a.by = by.map(|b| actor(b % ACTORS)))
        }
        Edit::Channel(_, i, via) => {
            annotation_at(&mut article, i).into_iter().for_each(|a| a.via = via.map(|v| actor(v % ACTORS)))
        }
        Edit::SaidOn(_, i, seed) => {
            annotation_at(&mut article, i).into_iter().for_each(|a| a.said_on = Some(date(&mut Rng(seed))))
        }
        Edit::Title(_, t) => article.title = format!("Article {t}"),
        Edit::Published(_, seed) => article.published = seed.map(|s| date(&mut Rng(s))),
        Edit::Outlet(_, o) => article.outlet = o.map(|o| actor(o % ACTORS)),
        Edit::Add(_, seed) => {
            let mut added = annotation_with(seed);
            added.id = id(format!("added-{}", article.annotations.len() + 100));
            article.annotations.push(added);
        }
        Edit::Remove(_, i) => {
            if !article.annotations.is_empty() {
                let len = article.annotations.len();
                article.annotations.remove(i % len);
            }
        }
        Edit::NewArticle(seed) => article = Article { id: target.clone(), ..self::article(&mut Rng(seed), 0) },
        Edit::RemoveArticle(_) => {}
    }
    if !matches!(edit, Edit::RemoveArticle(_)) {
        after.articles.insert(target.clone(), article);
    }
    (after, Changes::Articles(BTreeMap::from([(target, before)])))
}

/// The annotation at `i` (modulo their number), if there is any.
fn annotation_at(article: &mut Article, i: usize) -> Option<&mut Annotation> {
    let len = article.annotations.len();
    article.annotations.get_mut(i % len.max(1))
}

fn annotation_with(seed: u64) -> Annotation {
    annotation(&mut Rng(seed), 0)
}

fn edit() -> impl Strategy<Value = Edit> {
    let (a, i, n) = (0..ARTICLES + 20, 0..PER_ARTICLE + 2, 0..ACTORS * 3);
    let who = proptest::option::of(0..ACTORS);
    prop_oneof![
        4 => (a.clone(), i.clone(), 0..3usize).prop_map(|(a, i, s)| Edit::Stance(a, i, s)),
        3 => (a.clone(), i.clone(), n.clone()).prop_map(|(a, i, c)| Edit::Claim(a, i, c)),
        2 => (a.clone(), i.clone(), who.clone()).prop_map(|(a, i, b)| Edit::Speaker(a, i, b)),
        1 => (a.clone(), i.clone(), who.clone()).prop_map(|(a, i, v)| Edit::Channel(a, i, v)),
        1 => (a.clone(), i.clone(), any::<u64>()).prop_map(|(a, i, s)| Edit::SaidOn(a, i, s)),
        1 => (a.clone(), n.clone()).prop_map(|(a, t)| Edit::Title(a, t)),
        1 => (a.clone(), proptest::option::of(any::<u64>())).prop_map(|(a, s)| Edit::Published(a, s)),
        1 => (a.clone(), who).prop_map(|(a, o)| Edit::Outlet(a, o)),
        1 => (a.clone(), any::<u64>()).prop_map(|(a, s)| Edit::Add(a, s)),
        1 => (a.clone(), i).prop_map(|(a, i)| Edit::Remove(a, i)),
        1 => any::<u64>().prop_map(Edit::NewArticle),
        1 => a.prop_map(Edit::RemoveArticle),
    ]
}

#[test]
fn the_synthetic_dossier_has_several_pages_of_each_aggregate() {
    let run = Run::new(synthetic(1));
    for section in ["matrix", "timeline", "agreement"] {
        assert!(run.files.contains_key(&format!("{section}/2/index.html")), "one page of {section} only");
    }
}

/// A stance that changes a claim's counts but not its place in the home
/// page's order (the same number of passages, contested or not as before)
/// changes one matrix page: the one with the article. The rows show no
/// counts, and their order is the same.
#[test]
fn a_stance_that_keeps_a_claims_place_remakes_only_its_articles_matrix_page() {
    let mut run = Run::new(synthetic(1));
    let made_context = |(id, i): (&Id, usize)| {
        let mut after = run.dossier.clone();
        after.articles.get_mut(id).expect("listed").annotations[i].stance = Stance::Context;
        after
    };
    let before = Xref::new(&run.dossier);
    let supporting = run.dossier.articles.values().flat_map(|a| {
        a.annotations.iter().enumerate().filter(|(_, n)| n.stance == Stance::Supports).map(move |(i, n)| (a, i, n))
    });
    // A claim that stays contested (or not) keeps its place.
    let (article, after) = supporting
        .map(|(a, i, n)| (a, made_context((&a.id, i)), &n.claim))
        .find(|(_, after, claim)| Xref::new(after).contested(claim) == before.contested(claim))
        .map(|(a, after, _)| (a.clone(), after))
        .expect("such a passage");
    let snapshot = Snapshot::new(&before);
    let changed = BTreeMap::from([(article.id.clone(), Some(article))]);
    let (xref_after, listed) = (Xref::new(&after), crate::export::downloads(&crate::export::files(&before)));
    let downloads = view::Downloads { before: &listed, after: &listed };
    let made = view::affected(&snapshot, &xref_after, &changed, downloads);
    let matrix: Vec<_> = made.iter().filter(|s| matches!(s, PageId::Matrix(_))).collect();
    assert_eq!(matrix.len(), 1, "only the article's matrix page is made again: {matrix:?}");
    drop(before);
    let stats = run.update(after, &Changes::Articles(changed), "a supporting passage made context");
    let matrix: Vec<&String> = stats.paths.iter().filter(|p| p.starts_with("matrix/")).collect();
    assert_eq!(matrix.len(), 1, "and it changed: {matrix:?}");
}

/// Views as JSON: an engine other than Tera, as `view` knows none.
struct Json;

impl view::Engine for Json {
    type Shared = serde_json::Value;
    type Context = serde_json::Value;

    fn share<T: serde::Serialize>(&self, view: &T) -> serde_json::Value {
        serde_json::to_value(view).expect("views serialise")
    }

    fn context<T: serde::Serialize>(&self, _: &'static str, page: &T) -> serde_json::Value {
        serde_json::to_value(page).expect("views serialise")
    }
}

/// A page's kind declares its route; its builder says where the page is
/// (`path`, and `root` from it). The two agree for every page, and no two
/// pages share a path.
#[test]
fn every_page_is_where_its_kind_declares_it() {
    let dossier = synthetic(1);
    let xref = Xref::new(&dossier);
    let downloads = crate::export::downloads(&crate::export::files(&xref));
    let views = Views::new(&xref, &Json, &downloads);
    let mut paths = std::collections::HashSet::new();
    for id in view::pages(&xref) {
        let page = views.build(&id);
        assert_eq!(page.context["path"], page.path.as_str(), "{id:?}");
        assert_eq!(page.context["root"], id.route().root(dossier.site.base_url.as_deref()).as_str(), "{id:?}");
        assert_eq!(page.template, id.template());
        assert!(paths.insert(page.path), "two pages at one path: {id:?}");
    }
    assert!(paths.len() > ARTICLES + CLAIMS + ACTORS, "{}", paths.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Each edit in turn: the update is the full render, and renders fewer
    /// pages than the site has.
    #[test]
    fn after_random_edits_the_update_is_the_full_render(seed: u64, edits in proptest::collection::vec(edit(), 1..8)) {
        let mut run = Run::new(synthetic(seed));
        for e in &edits {
            let (after, changes) = apply(&run.dossier, e);
            let stats = run.update(after, &changes, &format!("{e:?}"));
            prop_assert!(stats.rendered < stats.pages, "{:?}: {:?}", e, stats);
        }
    }
}
