//! Resolution from strings: the rules of the content format.

use super::*;
use crate::load::SourceFile;
use crate::model::Stance;

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.to_owned(), text: text.to_owned() }
}

const ACTORS: &str = "- id: kupiansk\n  name: Kupiansk\n  aliases: [Kupyansk]\n  kind: place\n- id: gantsev\n  name: Vitaly Gantsev\n  kind: person\n- id: ria\n  name: RIA Novosti\n  kind: media\n";
const CLAIMS: &str = "- id: russia-30\n  statement: Russia holds 30%.\n  about: [kupiansk]\n  contradicts: [ukraine-all]\n- id: ukraine-all\n  statement: Ukraine holds nearly all.\n";
const ARTICLE: &str = "---\ntitle: Test\noutlet: ria\npublished: 2025-12-29\n---\n\nGantsev said Russian forces hold *about 30%* of the city.\n";

fn sources(sidecar: &str) -> Sources {
    Sources {
        site: Some(file("content/site.yaml", "title: T\n")),
        actors: vec![file("content/actors.yaml", ACTORS)],
        claims: vec![file("content/claims.yaml", CLAIMS)],
        articles: vec![file("content/articles/a.md", ARTICLE)],
        sidecars: vec![file("content/articles/a.yaml", sidecar)],
        ..Sources::default()
    }
}

fn errors(sidecar: &str) -> Vec<Diagnostic> {
    resolve(&sources(sidecar)).1.into_iter().filter(Diagnostic::is_error).collect()
}

fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.code.as_str()).collect()
}

const GOOD: &str = "annotations:\n  - id: thirty\n    quote: \"Russian forces hold about 30%\"\n    claim: russia-30\n    stance: supports\n    by: gantsev\n    via: ria\n";

#[test]
fn a_valid_dossier_resolves() {
    let (d, diags) = resolve(&sources(GOOD));
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let article = &d.articles[&Id::parse("a").unwrap()];
    assert_eq!(article.annotations.len(), 1);
    assert_eq!(article.annotations[0].stance, Stance::Supports);
    assert_eq!(article.annotations[0].quote, "Russian forces hold about 30%");
    assert!(article.body_html.contains("id=\"a-thirty\""));
    assert_eq!(article.published.unwrap().to_string(), "2025-12-29");
}

#[test]
fn contradicts_is_symmetric() {
    let (d, _) = resolve(&sources(GOOD));
    let ukraine = &d.claims[&Id::parse("ukraine-all").unwrap()];
    assert!(ukraine.contradicts.contains(&Id::parse("russia-30").unwrap()));
}

#[test]
fn speaker_falls_back_to_the_outlet() {
    let sidecar = GOOD.replace("    by: gantsev\n", "");
    let (d, _) = resolve(&sources(&sidecar));
    let article = &d.articles[&Id::parse("a").unwrap()];
    assert_eq!(d.speaker(article, &article.annotations[0]).unwrap().as_str(), "ria");
}

#[test]
fn unknown_ids_are_located_and_suggest_the_nearest() {
    let errs = errors(&GOOD.replace("claim: russia-30", "claim: russia-31").replace("by: gantsev", "by: gantsve"));
    assert_eq!(codes(&errs), ["unknown-claim", "unknown-actor"]);
    assert_eq!((errs[0].location.line, errs[0].location.column), (4, 12));
    assert_eq!(errs[0].help.as_deref(), Some("did you mean `russia-30`?"));
    assert_eq!(errs[1].help.as_deref(), Some("did you mean `gantsev`?"));
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let sidecar = GOOD.replace("stance: supports", "stance: suports").replace("id: thirty", "id: Thirty")
        + "  - id: missing\n    quote: nowhere in the text\n    claim: russia-30\n    stance: context\n";
    let errs = errors(&sidecar);
    assert_eq!(codes(&errs), ["bad-id", "bad-stance", "quote-not-found"]);
}

#[test]
fn said_on_is_an_optional_checked_date() {
    let (d, _) = resolve(&sources(&format!("{GOOD}    said_on: 2025-12-28\n")));
    let article = &d.articles[&Id::parse("a").unwrap()];
    assert_eq!(article.annotations[0].said_on.map(|d| d.to_string()).as_deref(), Some("2025-12-28"));
    assert_eq!(resolve(&sources(GOOD)).0.articles[&Id::parse("a").unwrap()].annotations[0].said_on, None);
    let errs = errors(&format!("{GOOD}    said_on: 28 December\n"));
    assert_eq!(codes(&errs), ["bad-date"]);
    let at = &errs[0].location;
    assert_eq!((at.file.as_str(), at.line, at.column), ("content/articles/a.yaml", 8, 14));
}

#[test]
fn bad_values_are_errors() {
    let mut s = sources(GOOD);
    s.articles[0].text = ARTICLE.replace("2025-12-29", "2025-02-30").replace("outlet: ria", "outlet: tass");
    s.claims[0].text = CLAIMS.replace("contradicts: [ukraine-all]", "contradicts: [russia-30]") + "  verdict: maybe\n";
    let errs: Vec<_> = resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect();
    let mut got = codes(&errs);
    got.sort_unstable();
    assert_eq!(got, ["bad-date", "bad-verdict", "self-contradiction", "unknown-actor"]);
}

#[test]
fn duplicates_point_at_the_first_definition() {
    let mut s = sources(GOOD);
    s.actors.push(file("content/actors/more.yaml", "- id: gantsev\n  name: Someone else\n"));
    let errs: Vec<_> = resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect();
    assert_eq!(codes(&errs), ["duplicate-id"]);
    assert_eq!(errs[0].location.file, "content/actors/more.yaml");
    assert_eq!(errs[0].notes[0].0.file, "content/actors.yaml");
    assert_eq!(errs[0].notes[0].0.line, 5);
}

#[test]
fn duplicate_annotation_ids_are_errors() {
    let errs = errors(&format!("{GOOD}{}", &GOOD["annotations:\n".len()..]));
    assert_eq!(codes(&errs), ["duplicate-id"]);
}

#[test]
fn a_sidecar_without_its_article_is_an_error() {
    let mut s = sources(GOOD);
    s.sidecars.push(file("content/articles/b.yaml", "annotations: []\n"));
    let errs: Vec<_> = resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect();
    assert_eq!(codes(&errs), ["orphan-sidecar"]);
}

#[test]
fn ambiguous_quotes_list_every_occurrence() {
    let sidecar = GOOD.replace("Russian forces hold about 30%", "an");
    let errs = errors(&sidecar);
    assert_eq!(codes(&errs), ["ambiguous-quote"]);
    assert_eq!(errs[0].notes.len(), 2, "Gantsev, Russian");
    assert_eq!(errs[0].notes[0].0.file, "content/articles/a.md");
    assert_eq!(errs[0].notes[0].0.line, 7);
}

#[test]
fn quote_not_found_names_the_nearest_passage() {
    let errs = errors(&GOOD.replace("about 30%", "around 30%"));
    assert_eq!(codes(&errs), ["quote-not-found"]);
    assert_eq!(errs[0].notes[0].0.line, 7);
    assert_eq!(
        errs[0].help.as_deref(),
        Some("the article reads “Russian forces hold about 30%”: copy the passage exactly (case matters)")
    );
}

/// A misquote that differed from the article by a zero-width space alone
/// was reported as any other, though the difference cannot be seen.
#[test]
fn a_quote_differing_by_an_invisible_character_names_it() {
    let errs = errors(&GOOD.replace("Russian forces hold", "Russian forces\\u200B hold"));
    assert_eq!(codes(&errs), ["quote-not-found"]);
    assert_eq!(
        errs[0].help.as_deref(),
        Some(
            "the quote has U+200B ZERO WIDTH SPACE after “forces”, which the article does not: readers cannot see it, but a quote must match character for character (the article reads “Russian forces hold about 30%”)"
        )
    );
    let errs = errors(&GOOD.replace("Russian forces hold", "Russian forces hold\\u00AD\\u2060"));
    assert!(errs[0].help.as_deref().unwrap().starts_with("the quote has U+00AD SOFT HYPHEN after “hold”,"), "{errs:?}");
}

/// Text in a raw HTML block is shown to readers, yet quoting it was
/// answered with "quotes are matched on the text readers see".
#[test]
fn a_quote_of_raw_html_text_says_readers_see_it_but_cannot_quote_it() {
    let mut s = sources(&GOOD.replace("Russian forces hold about 30%", "Visible text"));
    s.articles[0].text = ARTICLE.replace("Gantsev said", "<div>Visible text</div>\n\nGantsev said");
    let (_, diags) = resolve(&s);
    let errs: Vec<_> = diags.into_iter().filter(Diagnostic::is_error).collect();
    assert_eq!(codes(&errs), ["quote-not-found"]);
    assert_eq!(errs[0].label.as_deref(), Some("only in raw HTML, which readers see but cannot quote"));
    assert_eq!(errs[0].notes[0].0.line, 7, "{errs:?}");
    assert!(errs[0].help.as_deref().unwrap().starts_with("write the passage as Markdown"), "{errs:?}");
}

#[test]
fn unused_actors_and_claims_are_warnings() {
    let (_, diags) = resolve(&sources(GOOD));
    let warnings: Vec<_> = diags.iter().filter(|d| !d.is_error()).map(|d| (d.code, d.message.clone())).collect();
    assert_eq!(
        warnings,
        [(Code::UnusedClaim, "claim `ukraine-all` has no evidence: no annotation names it".to_owned())],
        "kupiansk is used by `about`, ria by `outlet` and `via`"
    );
}

#[test]
fn article_ids_come_from_file_names() {
    let mut s = sources(GOOD);
    s.articles[0].path = "content/articles/Bad Name.md".into();
    s.sidecars.clear();
    let errs: Vec<_> = resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect();
    assert_eq!(codes(&errs), ["bad-id"]);
    assert_eq!(errs[0].help.as_deref().map(|h| h.contains("file name")), Some(true));
}

#[test]
fn alias_bombs_and_deep_nesting_are_reported_not_expanded() {
    // Twelve levels of ten aliases each: 10^12 nodes if expanded.
    let mut bomb = String::from("- &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!("- &l{i} [{}]\n", vec![format!("*l{}", i - 1); 10].join(", ")));
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for text in [bomb, deep] {
        let mut s = sources(GOOD);
        s.claims[0].text = text;
        let errs: Vec<_> = resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect();
        assert!(errs.iter().any(|e| e.location.file == "content/claims.yaml"), "{errs:?}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// YAML-ish text: the characters YAML cares about, and some that it does not.
    fn yamlish() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "(?s)([-:\\[\\]{}&*!|>'\"#%@` \n\t]|id|quote|claim|stance|by|annotations|[a-z0-9]|—|’|К){0,200}",
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Whatever the files say, resolution returns: no panic.
        #[test]
        fn arbitrary_files_never_panic(site in yamlish(), actors in yamlish(), claims in yamlish(), md in "(?s).{0,300}", sidecar in yamlish()) {
            let s = Sources {
                site: Some(file("content/site.yaml", &site)),
                actors: vec![file("content/actors.yaml", &actors)],
                claims: vec![file("content/claims.yaml", &claims)],
                articles: vec![file("content/articles/a.md", &md)],
                sidecars: vec![file("content/articles/a.yaml", &sidecar)],
                ..Sources::default()
            };
            let (_, diagnostics) = resolve(&s);
            let sources = s.into_source_map();
            let _ = crate::diagnostic::render_human(&diagnostics, &sources, false);
        }

        /// Any quote, prefix and suffix against the sample-like article: an
        /// answer or a diagnostic, never a panic.
        #[test]
        fn arbitrary_selectors_never_panic(quote in "(?s).{0,40}", prefix in proptest::option::of("(?s).{0,10}"), suffix in proptest::option::of("(?s).{0,10}")) {
            let sidecar = format!(
                "annotations:\n  - id: q\n    quote: {}\n    prefix: {}\n    suffix: {}\n    claim: russia-30\n    stance: context\n",
                json(&quote), json(prefix.as_deref().unwrap_or("")), json(suffix.as_deref().unwrap_or(""))
            );
            let _ = resolve(&sources(&sidecar));
        }
    }

    /// A YAML double-quoted string (JSON escapes are valid YAML).
    fn json(s: &str) -> String {
        let escaped: String = s
            .chars()
            .map(|c| match c {
                '"' => "\\\"".to_owned(),
                '\\' => "\\\\".to_owned(),
                c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{feff}' => {
                    format!("\\u{:04x}", c as u32)
                }
                c => c.to_string(),
            })
            .collect();
        format!("\"{escaped}\"")
    }
}

#[test]
fn an_actor_contradicting_itself_is_a_warning() {
    let sidecar = format!(
        "{GOOD}  - id: also\n    quote: \"of the city\"\n    claim: ukraine-all\n    stance: supports\n    by: gantsev\n  - id: denies\n    quote: \"Gantsev said\"\n    claim: russia-30\n    stance: disputes\n    by: gantsev\n"
    );
    let (_, diags) = resolve(&sources(&sidecar));
    let warnings: Vec<_> =
        diags.iter().filter(|d| d.code == Code::InconsistentActor).map(|d| d.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "`gantsev` both supports and disputes claim `russia-30` (supports it once, disputes it once)",
            "`gantsev` supports both `russia-30` and `ukraine-all`, which contradict each other (supports `russia-30` once, `ukraine-all` once)",
        ]
    );
}

/// Every address of `site.yaml` follows the one rule, located at its fault.
#[test]
fn site_addresses_are_checked_where_they_go_wrong() {
    let mut s = sources(GOOD);
    s.site = Some(file(
        "content/site.yaml",
        "title: T\nrepo_url: \"javascript:alert(document.domain)//\"\nbase_url: https://example.github.io//kupiansk-dossier/\ncname: a.example.org:80\n",
    ));
    let (d, diags) = resolve(&s);
    let found: Vec<_> =
        diags.iter().filter(|d| d.is_error()).map(|d| (d.code, d.location.line, d.location.column)).collect();
    assert_eq!(found, [(Code::BadUrl, 2, 12), (Code::BadUrl, 3, 36), (Code::BadCname, 4, 21)], "{diags:?}");
    assert_eq!((d.site.repo_url, d.site.base_url), (None, None), "refused addresses are not used");
    s.site = Some(file("content/site.yaml", "title: T\nrepo_url: https://github.com/e/d\nbase_url: https://e.org/x\n"));
    let (d, diags) = resolve(&s);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(d.site.base_url.as_deref(), Some("https://e.org/x/"));
}

fn errors_in(article: &str, sidecar: &str) -> Vec<Diagnostic> {
    let mut s = sources(sidecar);
    s.articles[0].text = format!("---\ntitle: Test\n---\n\n{article}");
    resolve(&s).1.into_iter().filter(Diagnostic::is_error).collect()
}

#[test]
fn ambiguous_quote_with_many_matches_lists_ten_occurrences_and_counts_the_rest() {
    // Every occurrence was a note: 10,000 matches printed 2.6 MB.
    let sidecar = GOOD.replace("Russian forces hold about 30%", "the city");
    let errs = errors_in(&"He saw the city.\n\n".repeat(25), &sidecar);
    assert_eq!(codes(&errs), ["ambiguous-quote"]);
    assert_eq!(errs[0].message, "the quote occurs 25 times in the article (the first 10 are listed, and 15 more)");
    assert_eq!(errs[0].notes.len(), 10);
    assert_eq!(errs[0].notes[9].0.line, 23, "the tenth paragraph");
}

#[test]
fn deep_nesting_is_refused_with_the_limit_not_reported_as_an_empty_article() {
    // 100,000 nested <div>s took a minute to sanitise, and then the article
    // was said to have no text.
    let depth = crate::markdown::MAX_DEPTH + 1;
    let divs = format!("Some text.\n\n{}deep text{}\n", "<div>".repeat(depth), "</div>".repeat(depth));
    let quotes = format!("{} deep text\n", ">".repeat(depth));
    for article in [divs, quotes] {
        let errs = errors_in(&article, &GOOD.replace("Russian forces hold about 30%", "deep text"));
        assert_eq!(codes(&errs), ["nesting-too-deep"], "{article:.40}");
        assert_eq!(errs[0].message, format!("the article nests elements more than {} deep", depth - 1));
        assert_eq!(errs[0].location.file, "content/articles/a.md");
    }
    let fine = format!("{} deep text\n", ">".repeat(depth - 2)); // and the paragraph inside
    assert_eq!(codes(&errors_in(&fine, &GOOD.replace("Russian forces hold about 30%", "deep text"))), [] as [&str; 0]);
}

#[test]
fn many_misquotes_look_for_a_bounded_number_of_nearest_passages() {
    let n = super::annotate::MAX_NEAREST_SEARCHES + 5;
    let mut sidecar = String::from("annotations:\n");
    for i in 0..n {
        sidecar.push_str(&format!(
            "  - id: q{i}\n    quote: \"Russian forces hold around 30%\"\n    claim: russia-30\n    stance: supports\n"
        ));
    }
    let errs = errors(&sidecar);
    assert_eq!(errs.len(), n);
    let suggested = errs.iter().filter(|d| !d.notes.is_empty()).count();
    assert_eq!(suggested, super::annotate::MAX_NEAREST_SEARCHES);
}

#[test]
fn an_article_of_too_many_lines_is_refused_at_the_first_line_over_the_limit() {
    let max = crate::markdown::MAX_LINES;
    let errs = errors_in(&"a\n".repeat(max + 1), GOOD);
    assert_eq!(codes(&errs), ["article-too-large"], "and its quotes are not looked for");
    // The body starts with the blank line after the front matter (line 4).
    assert_eq!(errs[0].message, format!("the article has {} lines; an article may have at most {max}", max + 2));
    assert_eq!(errs[0].location.line, 3 + max + 1, "line 4 is the body's first");
}
