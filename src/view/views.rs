//! The builder of every page's context ([`Views`]), and the pieces pages
//! share: the common fields, and references to claims, actors, articles
//! and passages. The builders of each kind of page sit beside its
//! declaration (`home.rs`, `article.rs`, `claim.rs`, `actor.rs`, …).

use super::engine::Engine;
use super::shared::Refs;
use super::*;
use crate::model::{Annotation, Article, Form, Id, Stance};
use crate::routes::{Fragment, Route};
use crate::text_fragment;
use crate::xref::{Passage, Xref};

/// Builds page contexts; holds what every page shares.
pub(crate) struct Views<'a, E: Engine> {
    pub xref: &'a Xref<'a>,
    engine: &'a E,
    refs: Refs<'a, E::Shared>,
}

impl<'a, E: Engine> Views<'a, E> {
    pub(crate) fn new(xref: &'a Xref<'a>, engine: &'a E) -> Views<'a, E> {
        Views { xref, engine, refs: Refs::new(xref.dossier) }
    }

    /// A page's context, converted by the engine for its template.
    pub(super) fn context<T: serde::Serialize>(&self, template: &'static str, page: &T) -> E::Context {
        self.engine.context(template, page)
    }

    pub(super) fn common(&self, head: Head<'_>) -> Common {
        let site = &self.xref.dossier.site;
        let base_url = site.base_url.as_deref();
        let root = head.route.root(base_url);
        let links = links(&root, base_url.is_some());
        Common {
            site: SiteView {
                title: site.title.clone(),
                description: site.description.clone(),
                language: site.language.clone(),
                base_url: site.base_url.clone(),
            },
            feed: links.feed.clone(),
            links,
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
        let actor = &self.xref.dossier.actors[id];
        ActorRef {
            id: id.to_string(),
            name: actor.name.clone(),
            href: Route::Actor(id).href(root),
            kind: actor.kind.map(|k| k.as_str()),
        }
    }

    pub(super) fn claim_ref(&self, id: &Id, root: &str) -> ClaimRef {
        let claim = &self.xref.dossier.claims[id];
        let t = self.xref.tally(id);
        let counts = Counts { supports: t.supports, disputes: t.disputes, context: t.context, implied: t.implied };
        ClaimRef {
            id: id.to_string(),
            statement: claim.statement.clone(),
            href: Route::Claim(id).href(root),
            contested: self.xref.contested(id),
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
            lang: a.language.clone().unwrap_or_else(|| self.xref.dossier.site.language.clone()),
            url: a.url.clone(),
            archive: a.archive.clone(),
            archived_on: a.archived_on.map(|d| d.to_string()),
        }
    }

    /// A claim's reference, shared with every page at the same depth.
    pub(super) fn claim_shared(&self, id: &Id, root: &str) -> E::Shared {
        self.refs.claim(id, root, |root| self.engine.share(&self.claim_ref(id, root)))
    }

    pub(super) fn actor_shared(&self, id: &Id, root: &str) -> E::Shared {
        self.refs.actor(id, root, |root| self.engine.share(&self.actor_ref(id, root)))
    }

    pub(super) fn article_shared(&self, a: &Article, root: &str) -> E::Shared {
        self.refs.article(&a.id, root, |root| self.engine.share(&self.article_ref(a, root)))
    }

    pub(super) fn evidence(&self, ev: Passage<'_>, root: &str) -> Evidence<E::Shared> {
        let (article, a) = (ev.article, ev.annotation);
        let (page, at) = (Route::Article(&article.id), Fragment::Highlight(&a.id));
        Evidence {
            key: format!("{}/{}", article.id, a.id),
            id: a.id.to_string(),
            canonical: self.xref.dossier.site.base_url.as_deref().map(|base| page.url_at(base, at)),
            href: page.href_at(root, at),
            quote: a.quote.clone(),
            stance: stance(a.stance),
            form: form(a.form),
            translation: a.translation.clone(),
            source_passage: source_passage(article, a),
            speaker: self.xref.dossier.speaker(article, a).map(|s| self.actor_shared(s, root)),
            via: a.via.as_ref().map(|v| self.actor_shared(v, root)),
            article: self.article_shared(article, root),
            claim: self.claim_shared(&a.claim, root),
            said_on: a.said_on.map(|d| d.to_string()),
            date: ev.date().map(|d| d.to_string()),
            note: a.note.clone(),
        }
    }

    /// All claims, contested first, then by amount of evidence, then id.
    pub(super) fn ranked_claims(&self, root: &str) -> Vec<ClaimRef> {
        self.xref.ranked.iter().map(|id| self.claim_ref(id, root)).collect()
    }

    /// Newest first; undated after dated, by title.
    pub(super) fn articles_by_date(&self, root: &str) -> Vec<ArticleRef> {
        let mut articles: Vec<&Article> = self.xref.dossier.articles.values().collect();
        articles.sort_by(|a, b| {
            b.published.cmp(&a.published).then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
        });
        articles.into_iter().map(|a| self.article_ref(a, root)).collect()
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
    pub(super) fn new(route: Route<'a>, title: &'a str, section: &'static str) -> Head<'a> {
        Head { route, title, section, lang: None, description: None }
    }
}

/// The links from a page whose root is `root`; the feed only when the
/// site has one (a `base_url`).
fn links(root: &str, has_feed: bool) -> Links {
    Links {
        home: Route::Home.href(root),
        articles: Route::ArticleIndex.href(root),
        claims: Route::ClaimIndex.href(root),
        actors: Route::ActorIndex.href(root),
        matrix: Route::Matrix(1).href(root),
        timeline: Route::Timeline(1).href(root),
        agreement: Route::Agreement(1).href(root),
        search: Route::Search.href(root),
        feed: has_feed.then(|| Route::Feed.href(root)),
        assets: Route::ASSETS.href(root),
        icon: Route::ICON.href(root),
        style: Route::STYLE.href(root),
        syntax: Route::SYNTAX.href(root),
        script: Route::SCRIPT.href(root),
        search_engine: Route::SEARCH_ENGINE.href(root),
        search_script: Route::SEARCH_SCRIPT.href(root),
        search_index: Route::SearchIndex.href(root),
    }
}

pub(super) fn form(f: Form) -> FormView {
    FormView { value: f.as_str(), quoted: f.is_quoted() }
}

/// The link to a passage at its source, when the article gives its `url`.
pub(super) fn source_passage(article: &Article, a: &Annotation) -> Option<String> {
    article.url.as_deref().map(|url| text_fragment::passage_url(url, &a.matched))
}

pub(super) fn stance(s: Stance) -> StanceView {
    StanceView { value: s.as_str(), symbol: s.symbol() }
}
