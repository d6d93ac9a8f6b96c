//! Builds each page's context from the model and its cross-references.

use serde::Serialize;

use super::*;
use crate::markdown;
use crate::model::{Article, Claim, Id, Stance};
use crate::routes::{Fragment, Route};
use crate::xref::{Ev, Xref};

/// One page of the site: where it goes, which template, and its context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub data: PageData,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum PageData {
    Home(HomePage),
    Articles(ArticlesPage),
    Article(Box<ArticlePage>),
    Claims(ClaimsPage),
    Claim(Box<ClaimPage>),
    Actors(ActorsPage),
    Actor(Box<ActorPage>),
    Matrix(Box<MatrixPage>),
    Timeline(Box<TimelinePage>),
    Agreement(Box<AgreementPage>),
    NotFound(NotFoundPage),
    Search(SearchPage),
}

/// What a page is about; built into a [`Page`] on demand, so pages can be
/// built and rendered in parallel and dropped once written.
#[derive(Clone, Copy, Debug)]
pub enum Spec<'a> {
    Home,
    Articles,
    Article(&'a Id),
    Claims,
    Claim(&'a Id),
    Actors,
    Actor(&'a Id),
    /// Page n (from 1) of the evidence matrix, the timeline, the agreement table.
    Matrix(usize),
    Timeline(usize),
    Agreement(usize),
    /// `404.html`, served by GitHub Pages for every missing path.
    NotFound,
    Search,
}

impl<'a> Spec<'a> {
    /// Where the page is.
    pub fn route(self) -> Route<'a> {
        match self {
            Spec::Home => Route::Home,
            Spec::Articles => Route::ArticleIndex,
            Spec::Article(id) => Route::Article(id),
            Spec::Claims => Route::ClaimIndex,
            Spec::Claim(id) => Route::Claim(id),
            Spec::Actors => Route::ActorIndex,
            Spec::Actor(id) => Route::Actor(id),
            Spec::Matrix(n) => Route::Matrix(n),
            Spec::Timeline(n) => Route::Timeline(n),
            Spec::Agreement(n) => Route::Agreement(n),
            Spec::NotFound => Route::NotFound,
            Spec::Search => Route::Search,
        }
    }
}

/// Every page of the site, in a fixed order.
pub fn pages<'a>(x: &Xref<'a>) -> Vec<Spec<'a>> {
    let dossier = x.dossier;
    let mut specs = vec![Spec::Home, Spec::Articles, Spec::Claims, Spec::Actors, Spec::NotFound, Spec::Search];
    specs.extend((1..=pager::count(dossier.articles.len(), MATRIX_COLUMNS)).map(Spec::Matrix));
    // Claims without evidence have no place on the timeline.
    specs.extend((1..=pager::count(x.timeline.len(), TIMELINE_CLAIMS)).map(Spec::Timeline));
    specs.extend((1..=pager::count(x.pairs.len(), AGREEMENT_PAIRS)).map(Spec::Agreement));
    specs.extend(dossier.articles.keys().map(Spec::Article));
    specs.extend(dossier.claims.keys().map(Spec::Claim));
    specs.extend(dossier.actors.keys().map(Spec::Actor));
    specs
}

/// How many claims (most contested first) and articles (newest first) the
/// home page shows.
pub const HOME_CLAIMS: usize = 30;
pub const HOME_ARTICLES: usize = 12;

/// Builds page contexts; holds what every page shares.
pub struct Views<'a> {
    pub x: &'a Xref<'a>,
    pub(super) refs: super::shared::Refs<'a>,
}

impl<'a> Views<'a> {
    pub fn new(x: &'a Xref<'a>) -> Views<'a> {
        Views { x, refs: super::shared::Refs::new(x.dossier) }
    }

    pub fn build(&self, spec: Spec<'_>) -> Page {
        let d = self.x.dossier;
        match spec {
            Spec::Home => self.home(),
            Spec::Articles => self.articles(),
            Spec::Article(id) => self.article(&d.articles[id]),
            Spec::Claims => self.claims(),
            Spec::Claim(id) => self.claim(&d.claims[id]),
            Spec::Actors => self.actors(),
            Spec::Actor(id) => self.actor(id),
            Spec::Matrix(n) => self.matrix(n),
            Spec::Timeline(n) => self.timeline(n),
            Spec::Agreement(n) => self.agreement(n),
            Spec::NotFound => self.not_found(),
            Spec::Search => self.search(),
        }
    }

    pub(super) fn common(&self, head: Head<'_>) -> Common {
        let site = &self.x.dossier.site;
        let base_url = site.base_url.as_deref();
        let root = head.route.root(base_url);
        Common {
            site: SiteView {
                title: site.title.clone(),
                description: site.description.clone(),
                language: site.language.clone(),
                base_url: site.base_url.clone(),
            },
            feed: base_url.map(|_| Route::Feed.href(&root)),
            root,
            canonical: head.route.canonical(base_url),
            path: head.route.file(),
            lang: head.lang.unwrap_or(&site.language).to_owned(),
            title: head.title.to_owned(),
            description: head
                .description
                .unwrap_or_else(|| site.description.clone().unwrap_or_else(|| site.title.clone())),
            section: head.section,
        }
    }

    pub(super) fn actor_ref(&self, id: &Id, root: &str) -> ActorRef {
        let actor = &self.x.dossier.actors[id];
        ActorRef {
            id: id.to_string(),
            name: actor.name.clone(),
            href: Route::Actor(id).href(root),
            kind: actor.kind.map(|k| k.as_str()),
        }
    }

    pub(super) fn claim_ref(&self, id: &Id, root: &str) -> ClaimRef {
        let claim = &self.x.dossier.claims[id];
        let t = self.x.tally(id);
        let counts = Counts { supports: t.supports, disputes: t.disputes, context: t.context, implied: t.implied };
        ClaimRef {
            id: id.to_string(),
            statement: claim.statement.clone(),
            href: Route::Claim(id).href(root),
            contested: self.x.contested(id),
            verdict: claim.verdict.map(|v| v.as_str()),
            counts,
        }
    }

    pub(super) fn article_ref(&self, a: &Article, root: &str) -> ArticleRef {
        ArticleRef {
            id: a.id.to_string(),
            title: a.title.clone(),
            href: Route::Article(&a.id).href(root),
            outlet: a.outlet.as_ref().map(|o| self.actor_ref(o, root)),
            published: a.published.map(|p| p.to_string()),
            annotations: a.annotations.len(),
            lang: a.language.clone().unwrap_or_else(|| self.x.dossier.site.language.clone()),
            url: a.url.clone(),
        }
    }

    pub(super) fn evidence(&self, ev: Ev<'_>, root: &str) -> Evidence {
        let (article, a) = (ev.article, ev.annotation);
        let (page, at) = (Route::Article(&article.id), Fragment::Highlight(&a.id));
        Evidence {
            key: format!("{}/{}", article.id, a.id),
            id: a.id.to_string(),
            canonical: self.x.dossier.site.base_url.as_deref().map(|base| page.url_at(base, at)),
            href: page.href_at(root, at),
            quote: a.quote.clone(),
            stance: stance(a.stance),
            speaker: self.x.dossier.speaker(article, a).map(|s| self.actor_shared(s, root)),
            via: a.via.as_ref().map(|v| self.actor_shared(v, root)),
            article: self.article_shared(article, root),
            claim: self.claim_shared(&a.claim, root),
            said_on: a.said_on.map(|d| d.to_string()),
            date: ev.date().map(|d| d.to_string()),
            note: a.note.clone(),
        }
    }

    /// All claims, contested first, then by amount of evidence, then id.
    fn ranked_claims(&self, root: &str) -> Vec<ClaimRef> {
        self.x.ranked.iter().map(|id| self.claim_ref(id, root)).collect()
    }

    /// Newest first; undated after dated, by title.
    fn articles_by_date(&self, root: &str) -> Vec<ArticleRef> {
        let mut articles: Vec<&Article> = self.x.dossier.articles.values().collect();
        articles.sort_by(|a, b| {
            b.published.cmp(&a.published).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
        });
        articles.into_iter().map(|a| self.article_ref(a, root)).collect()
    }

    fn home(&self) -> Page {
        let d = self.x.dossier;
        let common = self.common(Head::new(Route::Home, &d.site.title, "home"));
        let claims = self.ranked_claims(&common.root);
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
        let mut claims = claims;
        claims.truncate(HOME_CLAIMS);
        articles.truncate(HOME_ARTICLES);
        Page {
            path: common.path.clone(),
            template: "index.html",
            data: PageData::Home(HomePage { common, stats, claims, articles }),
        }
    }

    fn not_found(&self) -> Page {
        let common = self.common(Head::new(Route::NotFound, "Page not found", "error"));
        Page { path: common.path.clone(), template: "404.html", data: PageData::NotFound(NotFoundPage { common }) }
    }

    fn articles(&self) -> Page {
        let common = self.common(Head::new(Route::ArticleIndex, "Articles", "articles"));
        let articles = self.articles_by_date(&common.root);
        Page {
            path: common.path.clone(),
            template: "articles.html",
            data: PageData::Articles(ArticlesPage { common, articles }),
        }
    }

    fn article(&self, a: &Article) -> Page {
        let description = match &a.outlet {
            Some(o) => format!(
                "{}, published by {}: {} annotated passages.",
                a.title,
                self.x.dossier.actors[o].name,
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
            a.annotations.iter().map(|n| self.evidence(Ev { article: a, annotation: n }, &root)).collect();
        let edit_url = self
            .x
            .dossier
            .site
            .repo_url
            .as_ref()
            .map(|r| format!("{}/edit/HEAD/{}", r.trim_end_matches('/'), a.source_path));
        let page = ArticlePage {
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
        };
        Page { path: page.common.path.clone(), template: "article.html", data: PageData::Article(Box::new(page)) }
    }

    fn claims(&self) -> Page {
        let common = self.common(Head::new(Route::ClaimIndex, "Claims", "claims"));
        let claims = self.ranked_claims(&common.root);
        Page {
            path: common.path.clone(),
            template: "claims.html",
            data: PageData::Claims(ClaimsPage { common, claims }),
        }
    }

    fn claim(&self, c: &Claim) -> Page {
        let (supports, disputes) = (self.x.tally(&c.id).supports, self.x.tally(&c.id).disputes);
        let description =
            format!("Claim: {} Passages supporting it: {supports}; disputing it: {disputes}.", c.statement);
        let head = Head { description: Some(description), ..Head::new(Route::Claim(&c.id), &c.statement, "claims") };
        let common = self.common(head);
        let root = common.root.clone();
        let mut evidence = Columns::default();
        for &ev in self.x.evidence(&c.id) {
            let column = match ev.annotation.stance {
                Stance::Supports => &mut evidence.supports,
                Stance::Disputes => &mut evidence.disputes,
                Stance::Context => &mut evidence.context,
            };
            column.push(self.evidence(ev, &root));
        }
        let mut implied = Implied::default();
        for ev in self.x.implied(c) {
            match ev.annotation.stance {
                Stance::Supports => implied.against.push(self.evidence(ev, &root)),
                Stance::Disputes => implied.for_.push(self.evidence(ev, &root)),
                Stance::Context => {}
            }
        }
        let page = ClaimPage {
            claim: self.claim_ref(&c.id, &root),
            about: c.about.iter().map(|a| self.actor_ref(a, &root)).collect(),
            tags: c.tags.clone(),
            verdict_note: c.verdict_note.clone(),
            contradicts: c.contradicts.iter().map(|o| self.claim_ref(o, &root)).collect(),
            evidence,
            implied,
            timeline: self.x.timeline_pos.get(&c.id).map(|&i| timeline::href(&root, &c.id, i)),
            common,
        };
        Page { path: page.common.path.clone(), template: "claim.html", data: PageData::Claim(Box::new(page)) }
    }
}

/// What a page says about itself, for [`Views::common`].
pub(super) struct Head<'a> {
    pub route: Route<'a>,
    pub title: &'a str,
    pub section: &'static str,
    pub lang: Option<&'a str>,
    /// Defaults to the site's description.
    pub description: Option<String>,
}

impl<'a> Head<'a> {
    pub fn new(route: Route<'a>, title: &'a str, section: &'static str) -> Head<'a> {
        Head { route, title, section, lang: None, description: None }
    }
}

pub(super) fn stance(s: Stance) -> StanceView {
    StanceView { value: s.as_str(), symbol: s.symbol() }
}
