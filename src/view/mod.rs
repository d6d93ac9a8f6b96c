//! The template API: the only `Serialize` types. Each page's context is
//! built here from the model and its cross-references; every `href` is
//! relative to the page it appears on, so the site works under any path.
//!
//! Every kind of page is declared once (`site.rs` lists them): its pages,
//! route, template, context and what it reads, beside its builder. The
//! contexts are typed; the template engine converts them ([`Engine`]), so
//! this module knows no engine.
//!
//! Documented for theme authors in `docs/themes.md`.

mod actor;
mod agreement;
mod article;
mod claim;
mod engine;
mod home;
mod kind;
mod matrix;
pub(crate) mod pager;
mod search;
mod shared;
mod site;
mod timeline;
mod touched;
mod views;

pub(crate) use agreement::{AGREEMENT_PAIRS, AgreementRow, PAIRS_SHOWN};
pub(crate) use engine::Engine;
pub(crate) use kind::{Page, PageKind};
pub(crate) use site::{PageId, affected, pages};
pub(crate) use timeline::TIMELINE_CLAIMS;
pub(crate) use views::Views;

use serde::Serialize;

/// Fields every page has.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Common {
    pub site: SiteView,
    /// Links from this page to the site's own pages and files.
    pub links: Links,
    /// The relative path from this page to the site root: "", "../", "../../".
    pub root: String,
    /// This page's path in the output, e.g. `claims/x/index.html`.
    pub path: String,
    /// The page's `lang` attribute.
    pub lang: String,
    /// The page's title (without the site title).
    pub title: String,
    /// Which navigation section is current: home, articles, claims, actors,
    /// matrix, timeline, agreement, search (and `error` on the 404 page).
    pub section: &'static str,
    /// A one-line summary for `<meta name="description">` and Open Graph.
    pub description: String,
    /// The page's absolute URL, when the site has a `base_url`.
    pub canonical: Option<String>,
    /// Relative link to the Atom feed, when the site has a `base_url`:
    /// `links.feed`, kept for the themes that read it here.
    pub feed: Option<String>,
}

/// The links from a page to the site's own pages and files, each made
/// from its route relative to the page, so that templates and scripts
/// spell no path of the site.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Links {
    /// Never empty: `./` on the home page itself.
    pub home: String,
    pub articles: String,
    pub claims: String,
    pub actors: String,
    /// The first page of each aggregate page.
    pub matrix: String,
    pub timeline: String,
    pub agreement: String,
    pub search: String,
    /// The Atom feed, when the site has a `base_url`.
    pub feed: Option<String>,
    /// The folder of the theme's static files.
    pub assets: String,
    pub icon: String,
    pub style: String,
    pub syntax: String,
    pub script: String,
    /// `search-index.js`, which `search_script` needs loaded first.
    pub search_engine: String,
    pub search_script: String,
    /// The folder of the search index, which the search page gives its
    /// script to fetch from.
    pub search_index: String,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ActorRef {
    pub id: String,
    pub name: String,
    pub href: String,
    pub kind: Option<&'static str>,
}

/// How much evidence a claim has, by stance.
#[derive(Serialize, Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub supports: usize,
    pub disputes: usize,
    pub context: usize,
    /// Evidence on claims that contradict this one.
    pub implied: usize,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ClaimRef {
    pub id: String,
    pub statement: String,
    pub href: String,
    /// At least one `supports` and one `disputes` of its own.
    pub contested: bool,
    pub verdict: Option<&'static str>,
    pub counts: Counts,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ArticleRef {
    pub id: String,
    pub title: String,
    pub href: String,
    pub outlet: Option<ActorRef>,
    /// ISO date, if the article gives one.
    pub published: Option<String>,
    pub annotations: usize,
    /// The article's language (its own, else the site's), for `lang` on quotes.
    pub lang: String,
    /// The original article's address, from its front matter.
    pub url: Option<String>,
    /// An archived copy of the original, and when it was made (ISO date).
    pub archive: Option<String>,
    pub archived_on: Option<String>,
}

/// Stance as words and symbol: templates never show colour alone.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct StanceView {
    /// `supports`, `disputes` or `context` (for `data-stance`).
    pub value: &'static str,
    pub symbol: &'static str,
}

/// Whose voice a passage is in, as words: templates show a speaker's own
/// words in quotation marks, and nothing else.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct FormView {
    /// `direct`, `reported`, `headline` or `narration` (for `data-form`).
    pub value: &'static str,
    /// Whether the passage is the speaker's own words (`direct`).
    pub quoted: bool,
}

/// One annotated passage, as shown on claim, actor and article pages.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Evidence<R> {
    /// `<article id>/<annotation id>` (for `data-annotation`).
    pub key: String,
    /// The annotation id.
    pub id: String,
    /// Link to the highlight: `…/articles/<article>/#a-<annotation>`.
    pub href: String,
    /// The highlight's absolute URL, when the site has a `base_url` (for print).
    pub canonical: Option<String>,
    pub quote: String,
    pub stance: StanceView,
    pub form: FormView,
    /// The quote in the site's language, when the article is in another.
    pub translation: Option<String>,
    /// The passage at its source: the article's `url` with a URL text
    /// fragment (`#:~:text=…`) that browsers scroll to and mark.
    pub source_passage: Option<String>,
    /// `by`, else the article's outlet; none when unattributed.
    pub speaker: Option<R>,
    pub via: Option<R>,
    pub article: R,
    pub claim: R,
    /// When it was said, if the annotation gives it (ISO date).
    pub said_on: Option<String>,
    /// `said_on`, else the article's date: what evidence is ordered by.
    pub date: Option<String>,
    /// Rendered Markdown.
    pub note: Option<String>,
}

/// Evidence grouped by stance, in the order templates show the columns.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Columns<R> {
    pub supports: Vec<Evidence<R>>,
    pub disputes: Vec<Evidence<R>>,
    pub context: Vec<Evidence<R>>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct HomePage {
    #[serde(flatten)]
    pub common: Common,
    pub stats: Stats,
    /// Contested first, then by amount of evidence.
    pub claims: Vec<ClaimRef>,
    /// Newest first.
    pub articles: Vec<ArticleRef>,
}

#[derive(Serialize, Debug, Clone, Copy)]
pub(crate) struct Stats {
    pub articles: usize,
    pub claims: usize,
    pub actors: usize,
    pub annotations: usize,
    pub contested: usize,
}

/// `404.html`: only the common fields; its `root` is the site's absolute path.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct NotFoundPage {
    #[serde(flatten)]
    pub common: Common,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ArticlesPage {
    #[serde(flatten)]
    pub common: Common,
    pub articles: Vec<ArticleRef>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ArticlePage<R> {
    #[serde(flatten)]
    pub common: Common,
    pub article: ArticleRef,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Sanitised HTML with the highlights; insert with `| safe`.
    pub body: String,
    /// In reading order.
    pub annotations: Vec<Evidence<R>>,
    /// Link to edit the source in the repository, if `repo_url` is set.
    pub edit_url: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ClaimsPage {
    #[serde(flatten)]
    pub common: Common,
    pub claims: Vec<ClaimRef>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ClaimPage<R> {
    #[serde(flatten)]
    pub common: Common,
    pub claim: ClaimRef,
    pub about: Vec<ActorRef>,
    pub tags: Vec<String>,
    /// Rendered Markdown.
    pub verdict_note: Option<String>,
    pub contradicts: Vec<ClaimRef>,
    /// The claim's own evidence.
    pub evidence: Columns<R>,
    /// Evidence that reaches this claim only through `contradicts`: what
    /// supports a contradicting claim speaks against this one, and so on.
    /// `against` holds evidence supporting a contradicting claim; `for`
    /// holds evidence disputing one. Never makes the claim contested.
    pub implied: Implied<R>,
    /// Link to the claim on the timeline, if it has evidence.
    pub timeline: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct Implied<R> {
    pub against: Vec<Evidence<R>>,
    #[serde(rename = "for")]
    pub for_: Vec<Evidence<R>>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ActorsPage {
    #[serde(flatten)]
    pub common: Common,
    pub actors: Vec<ActorSummary>,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ActorSummary {
    #[serde(flatten)]
    pub actor: ActorRef,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    /// Passages it speaks in.
    pub statements: usize,
}

#[derive(Serialize, Debug, Clone)]
pub(crate) struct ActorPage<R> {
    #[serde(flatten)]
    pub common: Common,
    pub actor: ActorSummary,
    pub affiliation: Option<ActorRef>,
    /// Actors whose `affiliation` is this one.
    pub members: Vec<ActorRef>,
    /// What it said, grouped by claim.
    pub said: Vec<Position<R>>,
    /// Passages it relayed as the channel (`via`).
    pub relayed: Vec<Evidence<R>>,
    /// Claims whose `about` names it.
    pub about: Vec<ClaimRef>,
    /// Articles whose `outlet` it is.
    pub published: Vec<ArticleRef>,
    /// The actors it took a side with or against on a claim, most shared
    /// claims first, at most [`PAIRS_SHOWN`]: how often the two agree and disagree.
    pub agreement: Vec<AgreementRow<R>>,
    /// How many more actors it shares claims with than `agreement` shows.
    pub agreement_more: usize,
    /// Actors that supported a claim contradicting one it supported, with
    /// both claims, by id; at most [`PAIRS_SHOWN`].
    pub opposed: Vec<Relation<R>>,
    /// How many more such actors there are than `opposed` shows.
    pub opposed_more: usize,
}

/// An actor's stance on one claim, with the passages that show it.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Position<R> {
    pub claim: R,
    /// Distinct stances it took on the claim, in order supports, disputes, context.
    pub stances: Vec<StanceView>,
    pub evidence: Vec<Evidence<R>>,
}

/// Another actor and the claims that relate the two.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Relation<R> {
    pub actor: R,
    pub claims: Vec<R>,
}

// By hand: derived, they would ask the shared form to have a default.
impl<R> Default for Columns<R> {
    fn default() -> Self {
        Columns { supports: Vec::new(), disputes: Vec::new(), context: Vec::new() }
    }
}

impl<R> Default for Implied<R> {
    fn default() -> Self {
        Implied { against: Vec::new(), for_: Vec::new() }
    }
}
