//! Unit tests of the rendered text and of highlighting.

use super::*;
use crate::anchor::{Normalized, Selector, find};

/// Renders `md` with each quote highlighted (ids h0, h1, …).
fn highlight(md: &str, quotes: &[&str]) -> Rendered {
    let body = Body::parse(md);
    let n = Normalized::new(&body.text);
    let highlights: Vec<Highlight> = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| Highlight {
            range: find(&n, Selector { quote: q, ..Selector::default() }).unwrap_or_else(|e| panic!("{q}: {e:?}")),
            key: format!("art/h{i}"),
            anchor: format!("a-h{i}"),
            stance: "supports",
            symbol: "✓",
            title: "supports: C".into(),
        })
        .collect();
    let rendered = render(md, &highlights);
    // As the article page fills the links to the claims.
    let html = fill_claim_links(&rendered.html, |n| (n < quotes.len()).then(|| "../../claims/c/".to_owned()));
    Rendered { html, ..rendered }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn text_is_what_readers_see() {
    let body =
        Body::parse("# Title\n\nSome *emphasis* and [a link](http://x).\n\n- one\n- two\n\n![alt text](i.png)\n");
    assert_eq!(body.text, "Title\nSome emphasis and a link.\none\ntwo\n");
}

#[test]
fn quote_across_emphasis_and_link_is_split_into_pieces() {
    let r = highlight("Kyiv's *troops* now [control](http://x) it.", &["troops now control"]);
    assert_eq!(count(&r.html, "<mark data-annotation=\"art/h0\""), 3, "{}", r.html);
    assert_eq!(count(&r.html, "id=\"a-h0\""), 1, "{}", r.html);
    assert!(r.html.contains("<em><mark data-annotation=\"art/h0\" data-stance=\"supports\" id=\"a-h0\""), "{}", r.html);
    assert!(r.lost.is_empty());
}

#[test]
fn quote_across_paragraphs_counts_the_break_as_space() {
    let r = highlight("We heard explosions every night.\n\nMy son was injured.", &["every night. My son"]);
    assert_eq!(count(&r.html, "data-annotation=\"art/h0\""), 2, "{}", r.html);
    assert!(r.html.contains("<p>We heard explosions <mark"), "{}", r.html);
}

#[test]
fn overlapping_highlights_nest_and_both_show() {
    let r = highlight("alpha beta gamma delta", &["alpha beta gamma", "beta gamma delta"]);
    assert_eq!(count(&r.html, "id=\"a-h0\""), 1);
    assert_eq!(count(&r.html, "id=\"a-h1\""), 1);
    // The shared stretch is inside both marks.
    assert!(r.html.contains("<mark data-annotation=\"art/h0\" data-stance=\"supports\" title=\"supports: C\"><mark data-annotation=\"art/h1\""), "{}", r.html);
}

#[test]
fn quotes_in_table_cells_and_list_items_anchor() {
    let md = "| Side | Claim |\n|---|---|\n| Russia | 30% of the city |\n\n- pockets remain\n- two weeks\n";
    let r = highlight(md, &["30% of the city", "two weeks"]);
    assert!(r.html.contains("<td><mark data-annotation=\"art/h0\""), "{}", r.html);
    assert!(r.html.contains("<li><mark data-annotation=\"art/h1\""), "{}", r.html);
}

#[test]
fn footnote_text_anchors_and_ids_are_prefixed() {
    let md = "A claim.[^src]\n\n[^src]: Said on 28 December.\n";
    let r = highlight(md, &["Said on 28 December"]);
    assert!(r.html.contains("href=\"#fn-src\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn-src\""), "{}", r.html);
    assert_eq!(count(&r.html, "id=\"a-h0\""), 1);
}

#[test]
fn footnotes_a_space_b_and_a_hyphen_b_no_longer_share_an_id() {
    let md = "One.[^a b] Two.[^a-b] Three.[^a_b]\n\n[^a b]: First.\n\n[^a-b]: Second.\n\n[^a_b]: Third.\n";
    let r = highlight(md, &[]);
    for id in ["fn-a_20_b", "fn-a-b", "fn-a_5f_b"] {
        assert_eq!(count(&r.html, &format!("id=\"{id}\"")), 1, "{id} in {}", r.html);
        assert!(r.html.contains(&format!("href=\"#{id}\"")), "{id} in {}", r.html);
    }
}

/// Whether an `<a>` opens inside another one, scanning tags in order.
fn nested_link(html: &str) -> bool {
    let mut depth = 0;
    for tag in html.split('<').skip(1) {
        if tag.starts_with("a ") || tag.starts_with("a>") {
            depth += 1;
            if depth > 1 {
                return true;
            }
        } else if tag.starts_with("/a>") {
            depth -= 1;
        }
    }
    false
}

#[test]
fn labels_follow_the_last_piece_and_link_to_the_claim() {
    let r = highlight("Kyiv's *troops* now control it.", &["troops now control"]);
    let label = "<sup class=\"stance-tag\" data-stance=\"supports\" data-for=\"art/h0\"><a href=\"../../claims/c/\" aria-label=\"supports: C\"><span aria-hidden=\"true\">✓</span> supports</a></sup>";
    assert!(r.html.contains(&format!("now control</mark>{label} it.")), "{}", r.html);
    assert_eq!(count(&r.html, "stance-tag"), 1, "{}", r.html);
}

#[test]
fn a_label_inside_a_link_follows_the_link_and_still_links_to_the_claim() {
    for md in ["See [the report](http://x) now.", "See <a href=\"http://x\">the report</a> now."] {
        let r = highlight(md, &["the report"]);
        assert!(!nested_link(&r.html), "no link inside a link: {}", r.html);
        assert!(r.html.contains("report</mark></a><sup class=\"stance-tag\" data-stance=\"supports\" data-for=\"art/h0\"><a href=\"../../claims/c/\""), "{}", r.html);
        assert!(r.html.ends_with("</sup> now.</p>\n"), "{}", r.html);
    }
}

#[test]
fn labels_held_by_a_link_wait_for_it_whatever_else_is_highlighted() {
    // h0 ends inside the link, h1 starts in it and ends after it.
    let r = highlight("Read [the whole report](http://x) today.", &["Read the whole", "report today"]);
    assert!(!nested_link(&r.html), "{}", r.html);
    assert_eq!(count(&r.html, "stance-tag"), 2, "{}", r.html);
    let link_end = r.html.find("</a>").unwrap();
    let first_label = r.html.find("<sup class=\"stance-tag\"").unwrap();
    assert_eq!(first_label, link_end + 4, "{}", r.html);
}

#[test]
fn raw_html_is_sanitised() {
    let md = "Hi <script>alert(1)</script><img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a> [y](javascript:alert(4))\n\n<iframe src=\"http://evil\"></iframe>\n";
    let r = highlight(md, &[]);
    for bad in ["<script", "onerror", "javascript:", "<iframe"] {
        assert!(!r.html.contains(bad), "{bad} in {}", r.html);
    }
}

#[test]
fn cite_attributes_are_dropped() {
    let md = "<q cite=\"javascript:alert(1)\">q</q>\n\n<blockquote cite=\"javascript:alert(2)\">b</blockquote>\n\n<del cite=\"https://e.org/\">d</del> <ins cite=\"data:x\">i</ins>\n";
    let r = highlight(md, &[]);
    assert!(!r.html.contains("cite"), "{}", r.html);
    assert!(r.html.contains("<q>q</q>") && r.html.contains("<blockquote>"), "{}", r.html);
}

#[test]
fn only_web_mail_and_relative_addresses_survive() {
    for (value, safe) in [
        ("https://e.org/", true),
        ("HTTP://e.org/", true),
        ("mailto:a@e.org", true),
        ("../claims/x/", true),
        ("#fn-1", true),
        ("?q=a:b", true),
        ("a/b:c", true),
        ("javascript:alert(1)", false),
        (" \u{1}JaVaScRiPt:alert(1)", false),
        ("java\tscript:alert(1)", false),
        ("java\nscript:alert(1)", false),
        ("data:text/html,x", false),
        ("vbscript:x", false),
        ("file:///etc/passwd", false),
    ] {
        assert_eq!(super::safe_address(value), safe, "{value:?}");
    }
    let r = highlight("<a href=\"java&#9;script:alert(1)\">x</a> <img src=\"data:image/png;base64,AA\">\n", &[]);
    assert!(!r.html.contains("script:") && !r.html.contains("data:"), "{}", r.html);
}

#[test]
fn raw_marks_cannot_forge_highlights() {
    let r = highlight("<mark data-annotation=\"art/x\" data-stance=\"supports\" id=\"a-x\">fake</mark>", &[]);
    assert!(!r.html.contains("<mark"), "{}", r.html);
    assert!(!r.html.contains("a-x"), "{}", r.html);
}

#[test]
fn placeholder_characters_in_the_source_are_inert() {
    let r = highlight("odd \u{E000}0\u{E001} text", &["text"]);
    assert_eq!(count(&r.html, "<mark"), 1, "{}", r.html);
    assert!(r.html.contains('\u{FFFD}'));
}

#[test]
fn an_article_cannot_forge_a_link_to_a_claim() {
    for md in ["odd \u{E004}0\u{E004} text", "odd &#xE004;0&#xE004; text", "<a href=\"&#xE004;0&#xE004;\">odd</a> text"]
    {
        let r = highlight(md, &["text"]);
        assert_eq!(count(&r.html, "../../claims/c/"), 1, "only the label's link: {}", r.html);
        assert!(!r.html.contains(LINK), "{}", r.html);
    }
}

#[test]
fn claim_links_are_filled_by_the_page_and_escaped() {
    let rendered = render("One quote, another quote.", &[]);
    assert_eq!(fill_claim_links(&rendered.html, |_| Some("x".into())), rendered.html, "no label, nothing filled");
    let body = format!("<a href=\"{LINK}0{LINK}\">a</a><a href=\"{LINK}1{LINK}\">b</a>");
    let filled = fill_claim_links(&body, |n| (n == 0).then(|| "../c/?a=1&b=\"2\"".to_owned()));
    assert_eq!(filled, "<a href=\"../c/?a=1&amp;b=&quot;2&quot;\">a</a><a href=\"\">b</a>");
}

#[test]
fn a_quote_inside_removed_html_is_reported_lost() {
    let r = highlight("Visible <style>secret words</style> text", &["secret words"]);
    assert_eq!(r.lost, vec![0]);
}

#[test]
fn code_blocks_are_highlighted_not_anchored() {
    let md = "Text.\n\n```rust\nlet x = 1;\n```\n";
    assert_eq!(Body::parse(md).text, "Text.\n");
    let r = highlight(md, &[]);
    assert!(r.html.contains("<pre class=\"code\" data-lang=\"rust\">"), "{}", r.html);
}

#[test]
fn escaped_text_stays_escaped_in_highlights() {
    let r = highlight("a &lt;b&gt; &amp; c", &["<b> & c"]);
    assert!(r.html.contains("&lt;b&gt; &amp; c</mark>"), "{}", r.html);
}

#[test]
fn source_offsets_point_at_the_markdown_line() {
    let md = "First para.\n\nSecond *para* here.\n";
    let body = Body::parse(md);
    let at = body.text.find("here").unwrap();
    let offset = body.source_offset(at);
    assert_eq!(&md[offset..offset + 4], "here");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is quoted from the rendered text is highlighted exactly
        /// once by id, and the marks' text is the quoted text.
        #[test]
        fn any_passage_of_the_text_anchors(words in proptest::collection::vec("[a-zA-Z’—]{1,8}", 3..30), a in 0usize..100, len in 1usize..6) {
            let md = words.iter().enumerate().map(|(i, w)| if i % 4 == 1 { format!("*{w}*") } else { w.clone() }).collect::<Vec<_>>().join(" ");
            let body = Body::parse(&md);
            let tokens: Vec<&str> = body.text.split_whitespace().collect();
            let start = a % tokens.len();
            let quote = tokens[start..(start + len).min(tokens.len())].join(" ");
            let n = Normalized::new(&body.text);
            if let Ok(range) = find(&n, Selector { quote: &quote, ..Selector::default() }) {
                let h = Highlight { range, key: "a/q".into(), anchor: "a-q".into(), stance: "context", symbol: "◇", title: "t".into() };
                let r = render(&md, &[h]);
                prop_assert_eq!(r.html.matches("id=\"a-q\"").count(), 1);
                prop_assert!(r.lost.is_empty());
            }
        }

        /// Arbitrary Markdown never panics and never lets a script through.
        #[test]
        fn arbitrary_markdown_is_safe(md in "(?s).{0,300}", tail in "<(script|img src=x onerror=alert(1)|a href=javascript:x)>") {
            let r = render(&format!("{md}{tail}"), &[]);
            // Escaped text may say anything; tags may not.
            for tag in r.html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
                prop_assert!(!tag.starts_with("script"), "{}", r.html);
                prop_assert!(!tag.contains("onerror"), "{}", r.html);
                prop_assert!(!tag.contains("javascript:"), "{}", r.html);
            }
        }
    }
}

#[test]
fn a_large_article_is_sanitised_in_chunks_to_the_same_html() {
    // The whole body went through the sanitiser at once: an 8 MiB article
    // of one-letter paragraphs held a tree of millions of nodes (2.6 GB).
    let block = "Some *text* & a [link](https://example.org/).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    let one = render(block, &[]).html;
    let n = super::CHUNK_BYTES / one.len() * 3;
    assert_eq!(render(&block.repeat(n), &[]).html, one.repeat(n));
    // Raw HTML may open an element that closes blocks later: from there on,
    // the rest is sanitised as one.
    let raw = format!("{}<div>\n\nopen\n\n{}</div>\n", block.repeat(n), block.repeat(n));
    let html = render(&raw, &[]).html;
    assert!(
        html.starts_with(&one.repeat(n)) && html.trim_end().ends_with("</div>"),
        "{:.80}",
        &html[html.len() - 80..]
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_where_it_happens() {
    let deep = super::MAX_DEPTH + 1;
    let body = Body::parse(&format!("Intro.\n\n{} deep\n", "> ".repeat(deep)));
    assert!(matches!(body.refused, Some(Refused::Nesting { at }) if at >= "Intro.\n\n".len()), "{:?}", body.refused);
    assert!(body.text.is_empty());
    let body = Body::parse(&format!("<div>x</div>\n\n<p>{}x{}</p>\n", "<span>".repeat(deep), "</span>".repeat(deep)));
    assert!(matches!(body.refused, Some(Refused::Nesting { .. })), "raw HTML counts");
    let flat = format!("{}<br><img src=x>\n", "<p>a<li>b".repeat(3 * deep));
    assert_eq!(Body::parse(&flat).refused, None, "elements that do not nest do not count");
    // Quotes in quotes, and the paragraph inside them: MAX_DEPTH in all.
    assert_eq!(Body::parse(&format!("{} x\n", "> ".repeat(super::MAX_DEPTH - 1))).refused, None);
}

#[test]
fn an_article_of_millions_of_tiny_blocks_is_refused_before_it_is_parsed() {
    // An 8 MiB article of one-letter paragraphs took 1.9 GB and 47 s.
    let lines = "a\n\n".repeat(super::MAX_LINES / 2 + 1);
    let refused = Body::parse(&lines).refused;
    let at = 3 * (super::MAX_LINES / 2); // line MAX_LINES + 1: the next `a`
    assert_eq!(refused, Some(Refused::Lines { lines: super::MAX_LINES + 2, at }));
    assert_eq!(Body::parse(&"a\n\n".repeat(super::MAX_LINES / 2)).refused, None);
    let cells = format!("|h|\n|-|\n{}", "|a".repeat(super::MAX_PIPES));
    assert!(matches!(Body::parse(&cells).refused, Some(Refused::Pipes { pipes, .. }) if pipes == super::MAX_PIPES + 4));
}
