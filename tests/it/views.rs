//! The reader's pages across the dossier: the evidence matrix, the timeline
//! and the agreement table, on the sample, on a dossier with dates, and on
//! a generated dossier large enough to be split into pages.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use scraper::{ElementRef, Html};

use crate::sample;
use crate::support::*;

/// The pages of a paginated section, in page order: `matrix/index.html`,
/// `matrix/2/index.html`, …
fn section_pages(site: &Site, section: &str) -> Vec<String> {
    let mut pages: Vec<(usize, String)> = site
        .files
        .keys()
        .filter_map(|p| {
            let rest = p.strip_prefix(&format!("{section}/"))?.strip_suffix("index.html")?;
            let n = if rest.is_empty() { 1 } else { rest.strip_suffix('/')?.parse().ok()? };
            Some((n, p.clone()))
        })
        .collect();
    pages.sort();
    pages.into_iter().map(|(_, p)| p).collect()
}

/// The relative path from a page to the site root.
fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every annotation link of the matrix pages: key -> (claim, article, stance, href, page).
fn matrix_links(site: &Site) -> BTreeMap<String, (String, String, String, String, String)> {
    let mut seen = BTreeMap::new();
    for page in section_pages(site, "matrix") {
        let html = site.html(&page);
        for td in html.select(&sel("td[data-claim]")) {
            for a in td.select(&sel("a[data-annotation]")) {
                let key = attr(&a, "data-annotation").to_owned();
                let stance = attr(&a, "data-stance").to_owned();
                assert!(text(&a).contains(&stance), "{page}: {key} shows its stance in words");
                let value = (
                    attr(&td, "data-claim").to_owned(),
                    attr(&td, "data-article").to_owned(),
                    stance,
                    attr(&a, "href").to_owned(),
                    page.clone(),
                );
                assert!(seen.insert(key.clone(), value).is_none(), "{key} twice in the matrix");
            }
        }
    }
    seen
}

/// Checks the matrix against annotations (article, id, claim, stance): each
/// once, in its claim's row and its article's column, linked to its highlight.
fn assert_matrix_holds(site: &Site, annotations: &[(String, String, String, String)]) {
    let links = matrix_links(site);
    assert_eq!(links.len(), annotations.len());
    for (article, id, claim, stance) in annotations {
        let key = format!("{article}/{id}");
        let (row, column, shown, href, page) = links.get(&key).unwrap_or_else(|| panic!("{key} not in the matrix"));
        assert_eq!((row, column, shown), (claim, article, stance), "{key}");
        assert_eq!(href, &format!("{}articles/{article}/#a-{id}", root_of(page)), "{key}");
        let target = site.html(&format!("articles/{article}/index.html"));
        assert_eq!(target.select(&sel(&format!("mark#a-{id}"))).count(), 1, "{key}: no highlight to land on");
    }
}

#[test]
fn the_matrix_shows_every_annotation_once_linked_to_its_highlight() {
    assert_matrix_holds(sample::site(), &sample::annotations());
}

#[test]
fn the_matrix_puts_contested_claims_first_in_the_home_page_order() {
    let matrix = sample::site().html("matrix/index.html");
    let rows: Vec<(String, bool)> = matrix
        .select(&sel("tbody tr[data-claim]"))
        .map(|r| (attr(&r, "data-claim").to_owned(), r.value().attr("data-contested").is_some()))
        .collect();
    assert!(rows.iter().any(|r| r.1), "the sample has contested claims");
    let first_plain = rows.iter().position(|r| !r.1).unwrap_or(rows.len());
    assert!(rows[first_plain..].iter().all(|r| !r.1), "a contested claim after an uncontested one: {rows:?}");
    let index: Vec<String> = sample::site()
        .html("claims/index.html")
        .select(&sel("tr[data-claim]"))
        .map(|r| attr(&r, "data-claim").to_owned())
        .collect();
    let in_index_order: Vec<&String> = index.iter().filter(|c| rows.iter().any(|r| &r.0 == *c)).collect();
    assert_eq!(rows.iter().map(|r| &r.0).collect::<Vec<_>>(), in_index_order);
    // The table scrolls in its own focusable, labelled region.
    let region = matrix.select(&sel(".matrix-wrap[role=region][tabindex=\"0\"][aria-labelledby]")).next();
    assert!(region.is_some());
}

/// The counts and claims of a row of an agreement table.
fn agreement_row(html: &Html, selector: &str) -> (String, String, Vec<String>) {
    let row = html.select(&sel(selector)).next().unwrap_or_else(|| panic!("no row {selector}"));
    let nums: Vec<String> = row.select(&sel("td.num")).map(|td| text(&td)).collect();
    let claims = row.select(&sel("td .pair-claims a")).map(|a| attr(&a, "href").to_owned()).collect();
    (nums[0].clone(), nums[1].clone(), claims)
}

#[test]
fn agreement_counts_match_the_sample_by_hand() {
    let html = sample::site().html("agreement/index.html");
    // Both say civilians slow the fighting (Gantsev to RIA Novosti, Trehubov to Suspilne).
    let (agree, disagree, claims) = agreement_row(&html, "#pair-viktor-trehubov--vitaly-gantsev");
    assert_eq!((agree.as_str(), disagree.as_str()), ("1", "0"));
    assert_eq!(claims, ["../claims/civilians-slow-fighting/"]);
    // Gantsev makes the "live shields" accusation; Ukrainian officials condemn it.
    let (agree, disagree, claims) = agreement_row(&html, "#pair-ukrainian-officials--vitaly-gantsev");
    assert_eq!((agree.as_str(), disagree.as_str()), ("0", "1"));
    assert_eq!(claims, ["../claims/kyiv-uses-live-shields/"]);
    // Counted by hand from the sidecars: eleven pairs take sides on a common claim.
    assert_eq!(html.select(&sel("tbody tr[id^=pair-]")).count(), 11);
    let text_of_page = text(&html.root_element());
    assert!(text_of_page.contains("count as neither"), "the page says what agree and disagree mean");

    let gantsev = sample::site().html("actors/vitaly-gantsev/index.html");
    let others: BTreeSet<String> =
        gantsev.select(&sel(".agreement-section tbody th[scope=row] a")).map(|a| attr(&a, "href").to_owned()).collect();
    let want = ["humanitarian-organizations", "russian-armed-forces", "ukrainian-officials", "viktor-trehubov"];
    assert_eq!(others, want.iter().map(|a| format!("../../actors/{a}/")).collect());
    let (agree, disagree, _) =
        agreement_row(&gantsev, ".agreement-section tbody tr:has(a[href=\"../../actors/viktor-trehubov/\"])");
    assert_eq!((agree.as_str(), disagree.as_str()), ("1", "0"));
}

#[test]
fn the_timeline_lists_every_annotation_once_under_its_claim() {
    let site = sample::site();
    let mut seen = BTreeMap::new();
    for page in section_pages(site, "timeline") {
        let html = site.html(&page);
        for section in html.select(&sel("section.timeline-claim")) {
            let claim = attr(&section, "id").strip_prefix("claim-").unwrap().to_owned();
            for e in section.select(&sel("[data-annotation]")) {
                let key = attr(&e, "data-annotation").to_owned();
                let (article, id) = key.split_once('/').unwrap();
                let links: Vec<_> = e.select(&sel("a[href]")).map(|a| attr(&a, "href").to_owned()).collect();
                assert!(links.contains(&format!("{}articles/{article}/#a-{id}", root_of(&page))), "{key}: {links:?}");
                assert!(seen.insert(key, claim.clone()).is_none());
            }
        }
    }
    let want: BTreeMap<String, String> =
        sample::annotations().into_iter().map(|(a, i, c, _)| (format!("{a}/{i}"), c)).collect();
    assert_eq!(seen, want);
}

mod dated {
    use super::*;

    fn site() -> &'static Site {
        static SITE: OnceLock<Site> = OnceLock::new();
        SITE.get_or_init(|| build(&fixture("dated")))
    }

    /// The timeline's claims, each with its entries as (annotation, date line).
    fn timeline() -> Vec<(String, Vec<(String, String)>)> {
        let html = site().html("timeline/index.html");
        html.select(&sel("section.timeline-claim"))
            .map(|s| {
                let entries = s
                    .select(&sel("li[data-annotation]"))
                    .map(|e| {
                        let date = e.select(&sel(".timeline-date")).next().map(|d| text(&d)).unwrap();
                        (attr(&e, "data-annotation").to_owned(), date)
                    })
                    .collect();
                (attr(&s, "id").to_owned(), entries)
            })
            .collect()
    }

    #[test]
    fn the_timeline_runs_by_when_it_was_said_then_published_undated_last() {
        let got = timeline();
        let claims: Vec<&str> = got.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(claims, ["claim-bridge-is-safe", "claim-repairs-finished", "claim-ferry-runs"]);
        let safe: Vec<(&str, &str)> = got[0].1.iter().map(|(k, d)| (k.as_str(), d.as_str())).collect();
        assert_eq!(
            safe,
            [
                // Said before the article that reports it, and before the engineer spoke.
                ("late/mayor-warned", "Said on 2025-10-15"),
                ("early/engineer-safe", "Published 2025-11-01"),
                ("late/resident-sound", "Published 2025-12-20"),
                ("undated/not-safe", "Undated"),
            ]
        );
    }

    #[test]
    fn claim_pages_order_by_date_and_say_when_it_was_said() {
        let html = site().html("claims/bridge-is-safe/index.html");
        let disputes: Vec<String> = html
            .select(&sel(".column-disputes [data-annotation]"))
            .map(|e| attr(&e, "data-annotation").to_owned())
            .collect();
        assert_eq!(disputes, ["late/mayor-warned", "undated/not-safe"]);
        let warned = html.select(&sel("[data-annotation=\"late/mayor-warned\"]")).next().unwrap();
        assert!(text(&warned).contains("said on 2025-10-15"), "{}", text(&warned));
        let link = html.select(&sel("main a[href^=\"../../timeline/\"]")).next().map(|a| attr(&a, "href").to_owned());
        assert_eq!(link.as_deref(), Some("../../timeline/#claim-bridge-is-safe"));
    }

    #[test]
    fn matrix_columns_run_oldest_first_undated_last() {
        let html = site().html("matrix/index.html");
        let columns: Vec<String> =
            html.select(&sel("th.matrix-article > a:first-child")).map(|a| attr(&a, "href").to_owned()).collect();
        assert_eq!(columns, ["../articles/early/", "../articles/late/", "../articles/undated/"]);
        let broken = site().broken_links();
        assert!(broken.is_empty(), "{broken:?}");
    }
}

mod generated {
    use super::*;

    const ARTICLES: usize = 60;
    const ACTORS: usize = 30;

    /// One generated annotation.
    struct Ann {
        article: String,
        id: &'static str,
        quote: String,
        claim: String,
        stance: &'static str,
        by: usize,
    }

    /// What the generated dossier holds. Every actor speaks on the shared
    /// claim (7 and 30 are coprime), always on the same side.
    fn annotations() -> Vec<Ann> {
        let mut out = Vec::new();
        for i in 0..ARTICLES {
            let article = format!("article-{i:02}");
            let (quote, claim) = (format!("Alpha {i} says yes"), format!("claim-{i}"));
            out.push(Ann { article: article.clone(), id: "alpha", quote, claim, stance: "supports", by: i % ACTORS });
            let stance = if i % 2 == 0 { "supports" } else { "disputes" };
            let (quote, claim) = (format!("Beta {i} says no"), "shared".to_owned());
            out.push(Ann { article, id: "beta", quote, claim, stance, by: (i * 7) % ACTORS });
        }
        out
    }

    /// 60 articles (some undated), 61 claims, 30 actors who all take a side
    /// on one shared claim: 435 pairs.
    fn site() -> &'static Site {
        static SITE: OnceLock<Site> = OnceLock::new();
        SITE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let content = dir.path().join("content");
            std::fs::create_dir_all(content.join("articles")).unwrap();
            std::fs::write(content.join("site.yaml"), "title: \"Generated\"\n").unwrap();
            let actors: String = (0..ACTORS).map(|k| format!("- id: actor-{k}\n  name: \"Actor {k:02}\"\n")).collect();
            std::fs::write(content.join("actors.yaml"), actors).unwrap();
            let claims: String = std::iter::once("- id: shared\n  statement: \"The shared claim.\"\n".to_owned())
                .chain((0..ARTICLES).map(|i| format!("- id: claim-{i}\n  statement: \"Claim {i}.\"\n")))
                .collect();
            std::fs::write(content.join("claims.yaml"), claims).unwrap();
            for i in 0..ARTICLES {
                let published = match i % 10 {
                    9 => String::new(),
                    _ => format!("published: 2025-{:02}-{:02}\n", 1 + i % 12, 1 + i % 28),
                };
                let md = format!(
                    "---\ntitle: \"Article {i:02}\"\n{published}---\n\nAlpha {i} says yes. Beta {i} says no.\n"
                );
                std::fs::write(content.join(format!("articles/article-{i:02}.md")), md).unwrap();
            }
            let mut sidecars: BTreeMap<String, String> = BTreeMap::new();
            for a in annotations() {
                let entry = format!(
                    "  - id: {}\n    quote: \"{}\"\n    claim: {}\n    stance: {}\n    by: actor-{}\n",
                    a.id, a.quote, a.claim, a.stance, a.by
                );
                sidecars.entry(a.article).or_insert_with(|| "annotations:\n".to_owned()).push_str(&entry);
            }
            for (article, text) in sidecars {
                std::fs::write(content.join(format!("articles/{article}.yaml")), text).unwrap();
            }
            build(dir.path())
        })
    }

    /// Follows `rel=next` from the first page: the pages a reader reaches.
    fn follow_pager(section: &str) -> Vec<String> {
        let mut pages = vec![format!("{section}/index.html")];
        loop {
            let page = pages.last().unwrap().clone();
            let html = site().html(&page);
            let Some(next) = html.select(&sel("nav.pager a[rel=next]")).next() else { break };
            let href = attr(&next, "href");
            let target = format!("{}index.html", crate::http::join_url(&format!("/{page}"), href));
            pages.push(target.trim_start_matches('/').to_owned());
            assert!(pages.len() <= 10, "the pager loops: {pages:?}");
        }
        pages
    }

    #[test]
    fn every_page_is_reached_through_the_pager_and_every_link_resolves() {
        for (section, count) in [("matrix", 3), ("timeline", 2), ("agreement", 3)] {
            let pages = section_pages(site(), section);
            assert_eq!(pages.len(), count, "{section}: {pages:?}");
            assert_eq!(follow_pager(section), pages, "{section}");
        }
        let broken = site().broken_links();
        assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    }

    #[test]
    fn every_annotation_is_once_across_the_matrix_pages() {
        let annotations: Vec<_> =
            annotations().into_iter().map(|a| (a.article, a.id.to_owned(), a.claim, a.stance.to_owned())).collect();
        assert_matrix_holds(site(), &annotations);
        for page in section_pages(site(), "matrix") {
            let html = site().html(&page);
            assert!(html.select(&sel("th.matrix-article")).count() <= 25, "{page}");
            for row in html.select(&sel("tbody tr")) {
                assert!(row.select(&sel("td[data-claim]")).next().is_some(), "{page}: a row with no evidence");
            }
        }
    }

    #[test]
    fn every_pair_and_every_claim_is_once_across_their_pages() {
        let mut sides: BTreeMap<usize, &str> = BTreeMap::new();
        for a in annotations().into_iter().filter(|a| a.claim == "shared") {
            let side = *sides.entry(a.by).or_insert(a.stance);
            assert_eq!(side, a.stance, "actor-{} on both sides", a.by);
        }
        let mut pairs = BTreeMap::new();
        for page in section_pages(site(), "agreement") {
            let html = site().html(&page);
            let rows: Vec<_> = html.select(&sel("tbody tr[id^=pair-]")).collect();
            assert!(rows.len() <= 200, "{page}");
            for row in rows {
                let nums: Vec<String> = row.select(&sel("td.num")).map(|td| text(&td)).collect();
                assert!(pairs.insert(attr(&row, "id").to_owned(), nums).is_none());
            }
        }
        assert_eq!(pairs.len(), ACTORS * (ACTORS - 1) / 2);
        for (id, nums) in &pairs {
            let actors: Vec<usize> =
                id.trim_start_matches("pair-").split("--").map(|a| a["actor-".len()..].parse().unwrap()).collect();
            let same = sides[&actors[0]] == sides[&actors[1]];
            assert_eq!(nums, &[if same { "1" } else { "0" }, if same { "0" } else { "1" }], "{id}");
        }
        let mut claims = BTreeSet::new();
        for page in section_pages(site(), "timeline") {
            for s in site().html(&page).select(&sel("section.timeline-claim")) {
                assert!(claims.insert(attr(&s, "id").to_owned()), "{page}");
            }
        }
        assert_eq!(claims.len(), ARTICLES + 1);
    }

    /// The home page is a glance: the head of each list, and how many
    /// there are in all, with the indexes holding the rest.
    #[test]
    fn the_home_page_shows_the_head_of_each_list() {
        let home = site().html("index.html");
        assert_eq!(home.select(&sel("#home-claims ~ ol > li")).count(), 30);
        assert_eq!(home.select(&sel(".article-list > li")).count(), 12);
        let more: Vec<String> = home.select(&sel("p.more")).map(|p| text(&p)).collect();
        assert!(more[0].contains("The 30 most contested of 61 claims."), "{more:?}");
        assert!(more[1].contains(&format!("The 12 newest of {ARTICLES} articles.")), "{more:?}");
    }
}
