//! The site's URL layout, written here and nowhere else: where each page
//! and file of the site goes, the link from one page to another, and the
//! absolute address of each under `base_url`.
//!
//! Every page is the `index.html` of a folder (`claims/<id>/index.html`),
//! so its address is the folder (`claims/<id>/`). Links between pages are
//! relative: a page's [`Route::root`] climbs one `../` per folder to the
//! site root, and [`Route::href`] goes down from there. The 404 page is the
//! exception: GitHub Pages serves it at any depth, so its links start from
//! the site's path on its host. Only validated [`Id`]s reach a path.

use crate::model::Id;

/// A page or file of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Route<'a> {
    Home,
    ArticleIndex,
    Article(&'a Id),
    ClaimIndex,
    Claim(&'a Id),
    ActorIndex,
    Actor(&'a Id),
    /// Page n (from 1) of the evidence matrix, the timeline, the agreement table.
    Matrix(usize),
    Timeline(usize),
    Agreement(usize),
    Search,
    /// `404.html`.
    NotFound,
    /// A theme file, by its path below `assets/` (`Asset("")`: the folder).
    Asset(&'a str),
    /// The folder of the search index, which `search.js` is given to fetch
    /// its files from; their names below it are the index's format
    /// (docs/search.md), which `search-index.js` reads too.
    SearchIndex,
    /// The search index: its manifest, term shard n, document chunk n.
    SearchManifest,
    SearchTerms(usize),
    SearchDocs(usize),
    /// The Atom feed.
    Feed,
    Sitemap,
    Robots,
    /// Tells GitHub Pages not to run the site through Jekyll.
    NoJekyll,
    /// The custom domain, for GitHub Pages.
    Cname,
    /// The downloads page, `data/`, which lists the exports below.
    Data,
    /// The W3C Web Annotation collection, and page n (from 1) of it.
    AnnotationCollection,
    AnnotationPage(usize),
    /// RFC 4180 CSV: every piece of evidence, every claim, every actor.
    EvidenceCsv,
    ClaimsCsv,
    ActorsCsv,
    /// Everything in one JSON file.
    DossierJson,
}

/// A place within a page that a link can point at: the `id` of its element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fragment<'a> {
    /// An annotation's highlight on its article page: `a-<annotation id>`.
    Highlight(&'a Id),
    /// A claim's section of the timeline: `claim-<claim id>`.
    TimelineClaim(&'a Id),
    /// A pair's row of the agreement table: `pair-<actor id>--<actor id>`.
    Pair(&'a Id, &'a Id),
}

impl Fragment<'_> {
    /// The element's `id`, and the URL fragment after `#`.
    pub(crate) fn id(self) -> String {
        match self {
            Fragment::Highlight(annotation) => format!("a-{annotation}"),
            Fragment::TimelineClaim(claim) => format!("claim-{claim}"),
            Fragment::Pair(a, b) => format!("pair-{a}--{b}"),
        }
    }
}

/// The folder of the search index.
const SEARCH_INDEX: &str = "search/";

/// The folder of the exports.
const DATA: &str = "data/";

/// The theme's files that pages link, by their path below `assets/`.
impl Route<'static> {
    /// The folder of them all.
    pub(crate) const ASSETS: Route<'static> = Route::Asset("");
    pub(crate) const ICON: Route<'static> = Route::Asset("favicon.svg");
    /// Joined from the theme's `static/css/`.
    pub(crate) const STYLE: Route<'static> = Route::Asset("style.css");
    /// Code highlighting's stylesheet, made unless the theme has its own.
    pub(crate) const SYNTAX: Route<'static> = Route::Asset("syntax.css");
    /// Joined from the theme's `static/js/`.
    pub(crate) const SCRIPT: Route<'static> = Route::Asset("dossier.js");
    /// What searches the index, in the browser.
    pub(crate) const SEARCH_ENGINE: Route<'static> = Route::Asset("search-index.js");
    /// What runs the search page.
    pub(crate) const SEARCH_SCRIPT: Route<'static> = Route::Asset("search.js");
}

/// The root of every article, claim and actor page (`<kind>/<id>/`), which
/// all sit at the same depth: most links are made from there.
pub(crate) const ITEM_ROOT: &str = "../../";

/// The folder of page `n` of a paginated page: `section/`, then `section/<n>/`.
fn numbered(section: &str, n: usize) -> String {
    match n {
        1 => format!("{section}/"),
        _ => format!("{section}/{n}/"),
    }
}

impl Route<'_> {
    /// Its address relative to the site root: a page's folder (`claims/<id>/`,
    /// the empty string for the home page), a file's path.
    pub(crate) fn path(self) -> String {
        match self {
            Route::Home => String::new(),
            Route::ArticleIndex => "articles/".to_owned(),
            Route::Article(id) => format!("articles/{id}/"),
            Route::ClaimIndex => "claims/".to_owned(),
            Route::Claim(id) => format!("claims/{id}/"),
            Route::ActorIndex => "actors/".to_owned(),
            Route::Actor(id) => format!("actors/{id}/"),
            Route::Matrix(n) => numbered("matrix", n),
            Route::Timeline(n) => numbered("timeline", n),
            Route::Agreement(n) => numbered("agreement", n),
            Route::Search => "search/".to_owned(),
            Route::NotFound => "404.html".to_owned(),
            Route::Asset(file) => format!("assets/{file}"),
            Route::SearchIndex => SEARCH_INDEX.to_owned(),
            Route::SearchManifest => format!("{SEARCH_INDEX}index.json"),
            Route::SearchTerms(n) => format!("{SEARCH_INDEX}terms/{n}.json"),
            Route::SearchDocs(n) => format!("{SEARCH_INDEX}docs/{n}.json"),
            Route::Feed => "atom.xml".to_owned(),
            Route::Sitemap => "sitemap.xml".to_owned(),
            Route::Robots => "robots.txt".to_owned(),
            Route::NoJekyll => ".nojekyll".to_owned(),
            Route::Cname => "CNAME".to_owned(),
            Route::Data => DATA.to_owned(),
            Route::AnnotationCollection => format!("{DATA}annotations.jsonld"),
            Route::AnnotationPage(n) => format!("{DATA}annotations/{n}.jsonld"),
            Route::EvidenceCsv => format!("{DATA}evidence.csv"),
            Route::ClaimsCsv => format!("{DATA}claims.csv"),
            Route::ActorsCsv => format!("{DATA}actors.csv"),
            Route::DossierJson => format!("{DATA}dossier.json"),
        }
    }

    /// Where it goes in the output folder: a page's `index.html` (a
    /// folder of files, the assets' or the search index's, is its path).
    pub(crate) fn file(self) -> String {
        let mut path = self.path();
        let folder = matches!(self, Route::SearchIndex | Route::Asset(""));
        if !folder && (path.is_empty() || path.ends_with('/')) {
            path.push_str("index.html");
        }
        path
    }

    /// What links from this route start with to reach the site root:
    /// `../` per folder (`""` at the root). The 404 page's links start
    /// from the site's path on its host (`/repo/`; `/` without `base_url`).
    pub(crate) fn root(self, base_url: Option<&str>) -> String {
        match self {
            Route::NotFound => base_url.map_or_else(|| "/".to_owned(), base_path),
            _ => "../".repeat(self.file().matches('/').count()),
        }
    }

    /// The link to it from a page whose [`root`](Route::root) is `root`.
    /// Never empty: the home page links to itself as `./`.
    pub(crate) fn href(self, root: &str) -> String {
        match format!("{root}{}", self.path()) {
            here if here.is_empty() => "./".to_owned(),
            href => href,
        }
    }

    /// The link to a place in it from a page whose root is `root`.
    pub(crate) fn href_at(self, root: &str, fragment: Fragment<'_>) -> String {
        format!("{root}{}#{}", self.path(), fragment.id())
    }

    /// A place in it, relative to the site root.
    pub(crate) fn path_at(self, fragment: Fragment<'_>) -> String {
        self.href_at("", fragment)
    }

    /// Its absolute address under `base_url` (which ends with `/`).
    pub(crate) fn url(self, base_url: &str) -> String {
        self.href(base_url)
    }

    /// The absolute address of a place in it.
    pub(crate) fn url_at(self, base_url: &str, fragment: Fragment<'_>) -> String {
        self.href_at(base_url, fragment)
    }

    /// Its canonical address, for `<link rel="canonical">` and the sitemap:
    /// none without `base_url`, and none for the 404 page, which is served
    /// at every missing address and has none of its own.
    pub(crate) fn canonical(self, base_url: Option<&str>) -> Option<String> {
        base_url.filter(|_| self != Route::NotFound).map(|base| self.url(base))
    }
}

/// The path of the site on its host: `https://user.github.io/repo/` ->
/// `/repo/`, `https://example.org` -> `/`.
pub(crate) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/".to_owned(), |i| after_scheme[i..].to_owned())
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
