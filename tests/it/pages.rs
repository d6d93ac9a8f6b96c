//! Publishing on GitHub Pages: the workflow, sub-paths and the domain root,
//! and the site served over HTTP and from disk.

use crate::support::*;

#[test]
fn the_workflow_pins_every_action_to_a_released_major_version() {
    let workflow = std::fs::read_to_string(repo().join(".github/workflows/pages.yml")).unwrap();
    let uses: Vec<&str> =
        workflow.lines().filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: ")).collect();
    assert!(uses.len() >= 5, "{uses:?}");
    for action in uses {
        let (name, version) = action.split_once('@').unwrap_or_else(|| panic!("{action} is not pinned"));
        assert_eq!(name.matches('/').count(), 1, "{action}");
        let major = version.strip_prefix('v').unwrap_or_else(|| panic!("{action}: not a version tag"));
        assert!(!major.is_empty() && major.chars().all(|c| c.is_ascii_digit()), "{action}: not a major version");
    }
    for needed in
        ["actions/upload-pages-artifact@", "actions/deploy-pages@", "check --format github", "build --release"]
    {
        assert!(
            workflow.contains(needed)
                || workflow.contains(&needed.replace("build --release", "--release --locked -- build")),
            "{needed}"
        );
    }
}

#[test]
fn a_domain_root_site_has_root_links_only_on_its_404_page() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let root = fixture("quirks");
    let out = dossier(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--base-url",
        "https://dossier.example.org",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let not_found = std::fs::read_to_string(output.join("404.html")).unwrap();
    assert!(not_found.contains("href=\"/assets/style.css\""), "{not_found}");
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://dossier.example.org/claims/bridge-is-open/</loc>"), "{sitemap}");
}

#[test]
fn a_bad_base_url_is_a_usage_error() {
    let out = dossier(&["build", "--root", fixture("quirks").to_str().unwrap(), "--base-url", "example.org/x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--base-url"), "{}", stderr(&out));
}

mod crawl {
    use std::collections::{BTreeMap, BTreeSet, VecDeque};

    use crate::http::{get, join_url, serve_static};
    use crate::support::*;

    /// The sample built for `https://user.github.io/repo/`, served under `/repo/`.
    fn serve_sample() -> u16 {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let out = dossier(&[
            "build",
            "--root",
            sample_root().to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--base-url",
            "https://user.github.io/repo/",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        serve_static(read_tree(&output), "/repo/")
    }

    #[test]
    fn every_page_and_asset_resolves_over_http_under_a_sub_path() {
        let port = serve_sample();
        let mut queue = VecDeque::from(["/repo/".to_owned()]);
        let mut seen = BTreeSet::new();
        let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut fragments = Vec::new();
        while let Some(url) = queue.pop_front() {
            if !seen.insert(url.clone()) {
                continue;
            }
            let response = get(port, &url);
            assert_eq!(response.status, 200, "{url}");
            if !(url.ends_with('/') || url.ends_with(".html")) {
                continue;
            }
            let html = scraper::Html::parse_document(&String::from_utf8(response.body).unwrap());
            ids.insert(url.clone(), html.select(&sel("[id]")).map(|e| attr(&e, "id").to_owned()).collect());
            for e in html.select(&sel("a[href], link[href], script[src], img[src]")) {
                let href = e.value().attr("href").or_else(|| e.value().attr("src")).unwrap();
                if href.starts_with("http") || href.starts_with("mailto:") {
                    continue;
                }
                let (path, fragment) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f)));
                let target = if path.is_empty() { url.clone() } else { join_url(&url, path) };
                assert!(target.starts_with("/repo/"), "{url}: {href} leaves the site");
                if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    fragments.push((url.clone(), target.clone(), f.to_owned()));
                }
                queue.push_back(target);
            }
        }
        assert!(seen.len() > 60, "crawled {} URLs", seen.len());
        for (from, target, fragment) in fragments {
            assert!(ids.get(&target).is_some_and(|ids| ids.contains(&fragment)), "{from}: {target}#{fragment}");
        }
    }

    #[test]
    fn the_404_page_resolves_its_assets_at_any_depth() {
        let port = serve_sample();
        let response = get(port, "/repo/a/b/c/missing.html");
        assert_eq!(response.status, 404);
        let html = scraper::Html::parse_document(&String::from_utf8(response.body).unwrap());
        let links: Vec<String> = html
            .select(&sel("a[href], link[href], script[src]"))
            .map(|e| e.value().attr("href").or_else(|| e.value().attr("src")).unwrap().to_owned())
            .filter(|h| !h.starts_with('#') && !h.starts_with("http"))
            .collect();
        assert!(links.iter().any(|l| l.ends_with("style.css")));
        for link in links {
            let target = join_url("/repo/a/b/c/missing.html", &link);
            assert_eq!(get(port, &target).status, 200, "{link} -> {target}");
        }
    }

    #[test]
    fn sitemap_and_feed_parse_and_carry_absolute_urls() {
        let port = serve_sample();
        let sitemap = String::from_utf8(get(port, "/repo/sitemap.xml").body).unwrap();
        let doc = roxmltree::Document::parse(&sitemap).unwrap();
        let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert!(locs.len() >= 50, "{} pages", locs.len());
        for loc in &locs {
            assert!(loc.starts_with("https://user.github.io/repo/"), "{loc}");
            let path = loc.trim_start_matches("https://user.github.io");
            assert_eq!(get(port, path).status, 200, "{loc}");
        }
        let feed = String::from_utf8(get(port, "/repo/atom.xml").body).unwrap();
        let doc = roxmltree::Document::parse(&feed).unwrap();
        let root = doc.root_element();
        let atom = "http://www.w3.org/2005/Atom";
        assert_eq!(root.tag_name().namespace(), Some(atom));
        assert_eq!(root.tag_name().name(), "feed");
        let child = |n: roxmltree::Node<'_, '_>, name: &str| {
            n.children().find(|c| c.has_tag_name((atom, name))).and_then(|c| c.text()).map(str::to_owned)
        };
        for required in ["id", "title", "updated"] {
            assert!(child(root, required).is_some(), "feed {required}");
        }
        let entries: Vec<_> = root.children().filter(|c| c.has_tag_name((atom, "entry"))).collect();
        assert_eq!(entries.len(), 2);
        for entry in entries {
            for required in ["id", "title", "updated"] {
                assert!(child(entry, required).is_some(), "entry {required}");
            }
            let updated = child(entry, "updated").unwrap();
            assert_eq!(updated.len(), 20, "RFC 3339: {updated}");
            let link =
                entry.children().find(|c| c.has_tag_name((atom, "link"))).and_then(|l| l.attribute("href")).unwrap();
            assert!(link.starts_with("https://user.github.io/repo/articles/"), "{link}");
        }
    }
}
