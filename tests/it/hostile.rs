//! Hostile content: a corpus of XSS vectors in every field that reaches a
//! page. None may survive as markup; no highlight may be forged.

use std::sync::OnceLock;

use crate::support::*;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("hostile")))
}

#[test]
fn no_script_survives_anywhere() {
    for (path, html) in site().pages() {
        // Only the theme's search forms: the header's, and the search page's.
        let ours = "form[role=search][action$='search/'], form#search-form[role=search][action='./']";
        assert_eq!(html.select(&sel("form")).count(), html.select(&sel(ours)).count(), "{path}: <form>");
        let controls = "input, select, button";
        let in_ours = "form[role=search] input, form[role=search] select, form[role=search] button, #search-more";
        assert_eq!(html.select(&sel(controls)).count(), html.select(&sel(in_ours)).count(), "{path}: controls");
        for e in html.select(&sel("*")) {
            let name = e.value().name();
            assert!(!["iframe", "object", "embed", "base", "svg"].contains(&name), "{path}: <{name}>");
            if name == "script" {
                // Only the theme's own scripts, loaded from the site's assets.
                let src = attr(&e, "src");
                let ours = ["assets/dossier.js", "assets/search-index.js", "assets/search.js"];
                assert!(ours.iter().any(|s| src.ends_with(s)), "{path}: inline script");
                assert_eq!(e.text().collect::<String>().trim(), "", "{path}");
            }
            if name == "meta" {
                assert!(e.value().attr("http-equiv").is_none(), "{path}: meta refresh");
            }
            for (attr_name, value) in e.value().attrs() {
                assert!(!attr_name.starts_with("on"), "{path}: <{name} {attr_name}>");
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("data:"),
                    "{path}: <{name} {attr_name}={value}>"
                );
                assert!(attr_name != "style" || !v.contains("javascript"), "{path}: style");
            }
        }
    }
}

#[test]
fn raw_html_cannot_forge_a_highlight_or_an_anchor() {
    let html = site().html("articles/xss/index.html");
    let marks: Vec<_> = html.select(&sel("mark")).map(|m| attr(&m, "data-annotation").to_owned()).collect();
    assert_eq!(marks, ["xss/visible"]);
    assert_eq!(html.select(&sel("#a-visible")).count(), 1, "the article's id is dropped");
    assert_eq!(html.select(&sel("#a-forged")).count(), 0);
}

#[test]
fn escaped_text_is_still_shown() {
    let html = site().html("articles/xss/index.html");
    let text: String = html.root_element().text().collect();
    assert!(text.contains("<script>alert('title')</script> XSS corpus"), "titles are text, escaped");
    assert!(text.contains("Plain words before the vectors."));
}

/// Sanitising left `<img src=x onerror=…>` as `<img src="x">`, which the
/// Nu Html Checker refuses: every image of every page has `alt`.
#[test]
fn an_image_stripped_of_its_handlers_still_has_alt() {
    let mut images = 0;
    for (path, html) in site().pages() {
        for img in html.select(&sel("img")) {
            images += 1;
            assert!(img.value().attr("alt").is_some(), "{path}: {:?}", img.value());
        }
    }
    assert!(images > 0, "the hostile article shows images");
    let html = site().html("articles/xss/index.html");
    assert!(html.select(&sel("img[src='x'][alt='']")).next().is_some(), "`<img src=x onerror=…>` keeps its place");
}

#[test]
fn check_warns_about_images_without_alt_text() {
    let out = dossier(&["check", "--root", fixture("hostile").to_str().unwrap()]);
    let text = stderr(&out);
    assert!(
        text.contains("warning[image-without-alt]: the image has no alt text\n  --> content/articles/xss.md:13:1"),
        "{text}"
    );
}
