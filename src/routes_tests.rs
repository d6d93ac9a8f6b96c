//! Unit tests of the URL layout.

use super::*;

fn id(s: &str) -> Id {
    Id::parse(s).expect("a valid id")
}

/// One route of every kind, with the output file each goes to.
fn every_kind<'a>(x: &'a Id) -> Vec<(Route<'a>, &'static str)> {
    vec![
        (Route::Home, "index.html"),
        (Route::ArticleIndex, "articles/index.html"),
        (Route::Article(x), "articles/x-1/index.html"),
        (Route::ClaimIndex, "claims/index.html"),
        (Route::Claim(x), "claims/x-1/index.html"),
        (Route::ActorIndex, "actors/index.html"),
        (Route::Actor(x), "actors/x-1/index.html"),
        (Route::Matrix(1), "matrix/index.html"),
        (Route::Matrix(2), "matrix/2/index.html"),
        (Route::Timeline(1), "timeline/index.html"),
        (Route::Timeline(12), "timeline/12/index.html"),
        (Route::Agreement(1), "agreement/index.html"),
        (Route::Agreement(3), "agreement/3/index.html"),
        (Route::Search, "search/index.html"),
        (Route::NotFound, "404.html"),
        (Route::Asset("style.css"), "assets/style.css"),
        (Route::Asset("fonts/a.woff2"), "assets/fonts/a.woff2"),
        (Route::ASSETS, "assets/"),
        (Route::SearchIndex, "search/"),
        (Route::SearchManifest, "search/index.json"),
        (Route::SearchTerms(0), "search/terms/0.json"),
        (Route::SearchDocs(7), "search/docs/7.json"),
        (Route::Feed, "atom.xml"),
        (Route::Sitemap, "sitemap.xml"),
        (Route::Robots, "robots.txt"),
        (Route::NoJekyll, ".nojekyll"),
        (Route::Cname, "CNAME"),
        (Route::Data, "data/index.html"),
        (Route::AnnotationCollection, "data/annotations.jsonld"),
        (Route::AnnotationPage(2), "data/annotations/2.jsonld"),
        (Route::EvidenceCsv, "data/evidence.csv"),
        (Route::ClaimsCsv, "data/claims.csv"),
        (Route::ActorsCsv, "data/actors.csv"),
        (Route::DossierJson, "data/dossier.json"),
    ]
}

/// Where a browser on `from` goes when it follows `href` (a path from
/// the site root, without the fragment).
fn follow(from: Route<'_>, href: &str) -> String {
    let href = href.split_once('#').map_or(href, |(path, _)| path);
    let file = from.file();
    let mut at: Vec<&str> = match href.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => file.split('/').collect(),
    };
    if !href.starts_with('/') {
        at.pop();
    }
    let mut folder = false;
    for segment in href.trim_start_matches('/').split('/') {
        folder = segment.is_empty();
        match segment {
            "" | "." => {}
            ".." => assert!(at.pop().is_some(), "{href} from {from:?} climbs above the root"),
            s => at.push(s),
        }
    }
    let mut path = at.join("/");
    if folder && !path.is_empty() {
        path.push('/');
    }
    path
}

#[test]
fn every_route_has_its_file_and_its_address() {
    let x = id("x-1");
    for (route, file) in every_kind(&x) {
        assert_eq!(route.file(), file, "{route:?}");
        let path = route.path();
        match file.strip_suffix("index.html") {
            Some(folder) => assert_eq!(path, folder, "a page's address is its folder: {route:?}"),
            None => assert_eq!(path, file, "a file's address is the file: {route:?}"),
        }
    }
    assert_eq!(Route::Home.path(), "");
    assert_eq!(Route::Claim(&x).path(), "claims/x-1/");
    assert_eq!(Route::Timeline(2).path(), "timeline/2/");
}

#[test]
fn roots_climb_one_level_per_folder() {
    let x = id("x-1");
    assert_eq!(Route::Home.root(None), "");
    assert_eq!(Route::Feed.root(None), "");
    assert_eq!(Route::ClaimIndex.root(None), "../");
    assert_eq!(Route::Matrix(1).root(None), "../");
    assert_eq!(Route::Matrix(2).root(None), "../../");
    assert_eq!(Route::SearchDocs(3).root(None), "../../");
    for item in [Route::Article(&x), Route::Claim(&x), Route::Actor(&x)] {
        assert_eq!(item.root(None), ITEM_ROOT, "{item:?}");
        assert_eq!(item.root(Some("https://example.org/repo/")), ITEM_ROOT, "relative whatever the base");
    }
}

#[test]
fn relative_links_between_every_pair_of_routes_reach_their_target() {
    let (x, y) = (id("x-1"), id("y"));
    let targets: Vec<Route<'_>> =
        every_kind(&x).into_iter().map(|(r, _)| r).chain([Route::Claim(&y), Route::Matrix(9)]).collect();
    for (from, _) in every_kind(&x).into_iter().filter(|(r, _)| *r != Route::NotFound) {
        for &to in &targets {
            let href = to.href(&from.root(None));
            assert!(!href.starts_with('/') && !href.contains("://"), "relative: {href}");
            assert_eq!(follow(from, &href), to.path(), "{from:?} -> {to:?}: {href}");
            let at = to.href_at(&from.root(None), Fragment::Highlight(&y));
            // A place in the page itself needs no path: `#a-y`, not `./#a-y`.
            let path = if href == "./" { "" } else { href.as_str() };
            assert_eq!(at, format!("{path}#a-y"));
            assert_eq!(follow(from, &at), to.path());
        }
    }
}

#[test]
fn links_as_pages_show_them() {
    let (x, a) = (id("x-1"), id("troops-advance"));
    let from = |r: Route<'_>| r.root(None);
    assert_eq!(Route::Claim(&x).href(&from(Route::Article(&a))), "../../claims/x-1/");
    assert_eq!(
        Route::Article(&a).href_at(&from(Route::Claim(&x)), Fragment::Highlight(&x)),
        "../../articles/troops-advance/#a-x-1"
    );
    assert_eq!(Route::Home.href(&from(Route::Actor(&x))), "../../");
    assert_eq!(Route::Matrix(2).href(&from(Route::Matrix(1))), "../matrix/2/");
    assert_eq!(Route::Matrix(1).href(&from(Route::Matrix(2))), "../../matrix/");
    assert_eq!(Route::Feed.href(&from(Route::Home)), "atom.xml");
    assert_eq!(Route::Asset("style.css").href(&from(Route::Search)), "../assets/style.css");
    assert_eq!(
        Route::Timeline(3).href_at(&from(Route::Claim(&x)), Fragment::TimelineClaim(&x)),
        "../../timeline/3/#claim-x-1"
    );
    assert_eq!(
        Route::Agreement(1).href_at(&from(Route::Actor(&x)), Fragment::Pair(&a, &x)),
        "../../agreement/#pair-troops-advance--x-1"
    );
    assert_eq!(Route::Actor(&x).path(), "actors/x-1/", "search results are relative to the root");
    assert_eq!(Route::Article(&a).path_at(Fragment::Highlight(&x)), "articles/troops-advance/#a-x-1");
}

#[test]
fn the_links_every_page_has_are_never_empty() {
    assert_eq!(Route::Home.href(""), "./", "an empty href is no link to a folder");
    assert_eq!(follow(Route::Home, "./"), "");
    assert_eq!(Route::Home.href("../"), "../");
    assert_eq!(Route::Home.href("/repo/"), "/repo/");
    assert_eq!(Route::Home.url("https://example.org/"), "https://example.org/");
    let from_article = ITEM_ROOT;
    assert_eq!(Route::STYLE.href(from_article), "../../assets/style.css");
    assert_eq!(Route::SYNTAX.href(""), "assets/syntax.css");
    assert_eq!(Route::SCRIPT.href("../"), "../assets/dossier.js");
    assert_eq!(Route::ICON.href("../"), "../assets/favicon.svg");
    assert_eq!(Route::SEARCH_ENGINE.href("../"), "../assets/search-index.js");
    assert_eq!(Route::SEARCH_SCRIPT.href("../"), "../assets/search.js");
    assert_eq!(Route::ASSETS.href("../"), "../assets/");
}

#[test]
fn the_search_index_files_are_below_its_folder() {
    let folder = Route::SearchIndex.path();
    for (file, below) in [
        (Route::SearchManifest, "index.json"),
        (Route::SearchTerms(2), "terms/2.json"),
        (Route::SearchDocs(0), "docs/0.json"),
    ] {
        assert_eq!(file.file(), format!("{folder}{below}"), "search-index.js fetches {below} from the folder");
    }
    assert_eq!(Route::SearchIndex.href(&Route::Search.root(None)), "../search/");
}

#[test]
fn the_404_page_links_from_the_sites_path_on_its_host() {
    let x = id("x-1");
    let root = |base| Route::NotFound.root(base);
    assert_eq!(root(None), "/");
    assert_eq!(root(Some("https://example.org/")), "/");
    assert_eq!(root(Some("https://example.org")), "/");
    assert_eq!(root(Some("https://user.github.io/repo/")), "/repo/");
    assert_eq!(root(Some("https://user.github.io/a/b/")), "/a/b/");
    assert_eq!(Route::Claim(&x).href(&root(Some("https://user.github.io/repo/"))), "/repo/claims/x-1/");
    assert_eq!(follow(Route::NotFound, &Route::Claim(&x).href(&root(None))), "claims/x-1/");
    assert_eq!(base_path("https://user.github.io/repo/"), "/repo/");
}

#[test]
fn absolute_urls_at_a_domain_root_and_under_a_sub_path() {
    let (x, q) = (id("x-1"), id("q"));
    for base in ["https://example.org/", "https://user.github.io/repo/", "http://localhost:1111/a/b/"] {
        assert_eq!(Route::Home.url(base), base);
        assert_eq!(Route::Claim(&x).url(base), format!("{base}claims/x-1/"));
        assert_eq!(Route::Matrix(2).url(base), format!("{base}matrix/2/"));
        assert_eq!(Route::Feed.url(base), format!("{base}atom.xml"));
        assert_eq!(Route::Sitemap.url(base), format!("{base}sitemap.xml"));
        assert_eq!(Route::Article(&x).url_at(base, Fragment::Highlight(&q)), format!("{base}articles/x-1/#a-q"));
        assert_eq!(Route::Claim(&x).canonical(Some(base)), Some(format!("{base}claims/x-1/")));
        assert_eq!(Route::NotFound.canonical(Some(base)), None, "the 404 page has no address");
    }
    assert_eq!(Route::Claim(&x).canonical(None), None);
}

#[test]
fn fragments_are_the_ids_pages_carry() {
    let (a, b) = (id("a"), id("b-2"));
    assert_eq!(Fragment::Highlight(&a).id(), "a-a");
    assert_eq!(Fragment::TimelineClaim(&b).id(), "claim-b-2");
    assert_eq!(Fragment::Pair(&a, &b).id(), "pair-a--b-2");
}
