//! Hostile configuration and front matter: addresses that are script or
//! point at another host, invisible characters that break the feed, raw
//! HTML attributes that carry script, and `new article` arguments that
//! would write a broken file. Each test is named after the defect it pins.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

/// A one-article dossier in a temporary folder.
struct Dossier {
    dir: tempfile::TempDir,
}

const ARTICLE: &str = "---\ntitle: \"A report\"\n---\n\nThe bridge is open.\n";

impl Dossier {
    fn new(site: &str) -> Dossier {
        let dossier = Dossier { dir: tempfile::tempdir().unwrap() };
        dossier.write("content/site.yaml", site);
        dossier.write("content/articles/report.md", ARTICLE);
        dossier
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn output(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn write(&self, path: &str, text: &str) -> &Dossier {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn run(&self, command: &str, extra: &[&str]) -> Output {
        let root = self.root().to_str().unwrap().to_owned();
        let output = self.output().to_str().unwrap().to_owned();
        let mut args = vec![command, "--root", &root];
        if command == "build" {
            args.extend(["--output", &output]);
        }
        args.extend(extra);
        dossier(&args)
    }

    /// `check --format json`: (code, file, line, column) of each problem.
    fn problems(&self) -> Vec<(String, String, u64, u64)> {
        let out = self.run("check", &["--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let s = |k: &str| v[k].as_str().unwrap().to_owned();
                (s("code"), s("file"), v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap())
            })
            .collect()
    }

    /// Builds; the site's files, or none if the build failed.
    fn built(&self, extra: &[&str]) -> (Output, Vec<(String, Vec<u8>)>) {
        let out = self.run("build", extra);
        let files = if self.output().exists() { read_tree(&self.output()).into_iter().collect() } else { Vec::new() };
        (out, files)
    }
}

fn problem(code: &str, file: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (code.to_owned(), file.to_owned(), line, column)
}

/// Every `href`, `src`, `action` and `cite` of every page, lowercased.
fn addresses(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for e in html.select(&sel("[href], [src], [action], [cite]")) {
            for name in ["href", "src", "action", "cite"] {
                if let Some(v) = e.value().attr(name) {
                    found.push(format!("{path}: {name}={}", v.trim().to_ascii_lowercase()));
                }
            }
        }
    }
    found
}

fn assert_well_formed_xml(files: &[(String, Vec<u8>)]) {
    for name in ["atom.xml", "sitemap.xml"] {
        let (_, bytes) = files.iter().find(|(p, _)| p == name).unwrap_or_else(|| panic!("no {name}"));
        let text = std::str::from_utf8(bytes).unwrap();
        if let Err(e) = roxmltree::Document::parse(text) {
            panic!("{name} is not XML: {e}\n{text}");
        }
    }
}

#[test]
fn repo_url_javascript_is_refused_and_never_linked() {
    for (value, column) in [("\"javascript:alert(document.domain)//\"", 12), ("data:text/html,x", 11)] {
        let d = Dossier::new(&format!("title: T\nrepo_url: {value}\n"));
        assert_eq!(d.problems(), [problem("bad-url", "content/site.yaml", 2, column)], "{value}");
        let (out, files) = d.built(&[]);
        assert_eq!(out.status.code(), Some(1));
        let text = stderr(&out);
        assert!(text.contains("is not a repository's address"), "{text}");
        assert!(text.contains(&format!("repo_url: {value}")), "the line is shown: {text}");
        assert!(text.contains("it must start with `https://` or `http://`"), "{text}");
        assert!(files.is_empty(), "nothing is written");
    }
    // A real repository still gets its edit links.
    let d = Dossier::new("title: T\nrepo_url: https://github.com/example/dossier/\n");
    let (out, files) = d.built(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let edits: Vec<String> = addresses(&files).into_iter().filter(|a| a.contains("/edit/")).collect();
    assert_eq!(
        edits,
        ["articles/report/index.html: href=https://github.com/example/dossier/edit/head/content/articles/report.md"]
    );
}

#[test]
fn base_url_with_a_path_starting_with_two_slashes_is_refused() {
    for (value, column, reason) in [
        ("https://example.github.io//kupiansk-dossier/", 36, "the path starts with `//`"),
        ("https://x.org//evil.example/", 24, "the path starts with `//`"),
        ("https://javascript:alert(1)//x/", 30, "the port `alert(1)` is not a number"),
        ("\"https://x.org/\\\"><script>\"", 11, "`\"` is not allowed"),
        ("https://x.org/<a>", 25, "`<` is not allowed"),
    ] {
        let d = Dossier::new(&format!("title: T\nbase_url: {value}\n"));
        assert_eq!(d.problems(), [problem("bad-url", "content/site.yaml", 2, column)], "{value}");
        let (out, files) = d.built(&[]);
        assert_eq!(out.status.code(), Some(1), "{value}");
        assert!(stderr(&out).contains(reason), "{value}: {}", stderr(&out));
        assert!(files.is_empty());
    }
    let d = Dossier::new("title: T\n");
    for bad in ["https://x.org//evil.example/", "https://javascript:alert(1)//x/", "https://x.org/\"", "javascript:x"] {
        let (out, files) = d.built(&["--base-url", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("--base-url"), "{}", stderr(&out));
        assert!(files.is_empty());
    }
}

#[test]
fn a_sub_path_base_url_makes_404_load_from_its_own_host() {
    let d = Dossier::new("title: T\nbase_url: https://example.github.io/kupiansk-dossier/\n");
    let (out, files) = d.built(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_404: Vec<String> = addresses(&files).into_iter().filter(|a| a.starts_with("404.html")).collect();
    assert!(from_404.iter().any(|a| a.ends_with("src=/kupiansk-dossier/assets/dossier.js")), "{from_404:?}");
    for a in &from_404 {
        let value = a.split_once('=').unwrap().1;
        assert!(!value.starts_with("//"), "another host: {a}");
    }
}

#[test]
fn control_characters_make_a_located_error_not_invalid_feeds() {
    // Escapes in double quotes, in every kind of file and field.
    let d = Dossier::new("title: \"Site\\x01\"\ndescription: \"ok\\uFFFE\"\nbase_url: https://example.org/\n");
    d.write("content/articles/report.md", "---\ntitle: \"A\\vreport\"\nauthor: \"\\0\"\n---\n\nThe bridge is open.\n")
        .write("content/actors.yaml", "- id: mayor\n  name: \"The\\x1Bmayor\"\n")
        .write("content/claims.yaml", "- id: open\n  statement: \"Open\\a.\"\n")
        .write(
            "content/articles/report.yaml",
            "annotations:\n  - id: a\n    quote: \"bridge\"\n    claim: open\n    stance: supports\n    by: mayor\n    note: \"n\\x02\"\n",
        );
    assert_eq!(
        d.problems(),
        [
            problem("control-character", "content/actors.yaml", 2, 13),
            problem("control-character", "content/articles/report.md", 2, 10),
            problem("control-character", "content/articles/report.md", 3, 10),
            problem("control-character", "content/articles/report.yaml", 7, 13),
            problem("control-character", "content/claims.yaml", 2, 19),
            problem("control-character", "content/site.yaml", 1, 13),
            problem("control-character", "content/site.yaml", 2, 17),
        ]
    );
    let (out, files) = d.built(&[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("error[control-character]: `title` contains the control character U+0001"), "{text}");
    assert!(text.contains("`\\x01` writes the control character U+0001"), "{text}");
    assert!(text.contains("`description` contains the noncharacter U+FFFE"), "{text}");
    assert!(files.is_empty(), "no invalid feed is written");
}

#[test]
fn raw_control_characters_are_located_where_they_stand() {
    let d = Dossier::new("title: T\nbase_url: https://example.org/\ndescription: \"Mayor\u{85}\"\n");
    d.write("content/articles/report.md", "---\ntitle: A \u{1}report\n---\n\nThe bridge is open.\n");
    assert_eq!(
        d.problems(),
        [
            problem("control-character", "content/articles/report.md", 2, 10),
            problem("control-character", "content/site.yaml", 3, 20),
        ]
    );
}

#[test]
fn control_characters_in_base_url_are_refused() {
    let d = Dossier::new("title: T\nbase_url: \"https://example.org/\\x0b\"\n");
    let problems = d.problems();
    assert!(problems.contains(&problem("bad-url", "content/site.yaml", 2, 11)), "{problems:?}");
    assert!(problems.contains(&problem("control-character", "content/site.yaml", 2, 32)), "{problems:?}");
}

#[test]
fn feeds_of_any_valid_input_are_well_formed_xml() {
    let d = Dossier::new(
        "title: \"<Site> & \\\"friends\\\" ]]>\"\ndescription: \"'quotes' <b> \\t tab\"\nbase_url: https://example.org/a%20b/\n",
    );
    d.write(
        "content/articles/report.md",
        "---\ntitle: \"<![CDATA[ & ]]> é \\u00e9\"\nauthor: \"A & B <c>\"\npublished: 2025-12-01\n---\n\nThe bridge is open.\n",
    );
    let (out, files) = d.built(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_well_formed_xml(&files);
}

#[test]
fn cite_javascript_survives_sanitising_no_more() {
    let d = Dossier::new("title: T\n");
    d.write(
        "content/articles/report.md",
        "---\ntitle: \"A report\"\n---\n\nThe bridge is <q cite=\"javascript:alert(1)\">open</q>.\n\n<blockquote cite=\"javascript:alert(2)\">Quoted.</blockquote>\n\n<blockquote cite=\"https://example.org/\">Also.</blockquote>\n\n<a href=\"java&#x09;script:alert(3)\">x</a> <img src=\"data:image/svg+xml,x\" alt=\"\">\n",
    );
    let (out, files) = d.built(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = files.iter().find(|(p, _)| p == "articles/report/index.html").unwrap();
    let html = std::str::from_utf8(&page.1).unwrap();
    assert!(html.contains("<q>open</q>") && html.contains("<blockquote>Quoted.</blockquote>"), "{html}");
    let all = addresses(&files);
    let bad: Vec<_> =
        all.iter().filter(|a| a.contains("cite=") || a.contains("script:") || a.contains("data:")).collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn new_article_title_with_a_quote_and_a_newline_is_refused_or_written_checkable() {
    let d = Dossier::new("title: T\n");
    let root = d.root().to_str().unwrap().to_owned();
    let out = dossier(&["new", "article", "x", "--title", "x\"\nurl: y", "--root", &root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has a line break (U+000A): a title is one line"), "{}", stderr(&out));
    assert!(!d.root().join("content/articles/x.md").exists(), "nothing written");
    // Quotes and backslashes are escaped: the file passes `check`, title intact.
    let title = r#"He said "no" \ then: # left"#;
    let out = dossier(&["new", "article", "x", "--title", title, "--root", &root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = d.run("check", &[]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let (out, files) = d.built(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = files.iter().find(|(p, _)| p == "articles/x/index.html").unwrap();
    let html = scraper::Html::parse_document(std::str::from_utf8(&page.1).unwrap());
    let h1: String = html.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1.trim(), title);
}

#[test]
fn new_article_url_is_validated() {
    let d = Dossier::new("title: T\n");
    let root = d.root().to_str().unwrap().to_owned();
    for url in ["javascript:alert(1)", "https://x.org//evil.example/", "https://x.org/\"onclick=x", "example.org/a"] {
        let out = dossier(&["new", "article", "x", "--url", url, "--root", &root]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        assert!(stderr(&out).contains("--url"), "{}", stderr(&out));
        assert!(!d.root().join("content/articles/x.md").exists(), "{url}: nothing written");
    }
    let out = dossier(&["new", "article", "Bad_Id", "--title", "a\u{1}b", "--root", &root]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("`Bad_Id` is not a valid article id") && text.contains("U+0001"), "every problem: {text}");
}

#[test]
fn article_url_is_validated_by_the_same_rule() {
    let d = Dossier::new("title: T\n");
    d.write("content/articles/report.md", "---\ntitle: R\nurl: \"https://x.org//evil.example/\"\n---\n\nText.\n");
    assert_eq!(d.problems(), [problem("bad-url", "content/articles/report.md", 3, 20)]);
    d.write("content/articles/report.md", "---\ntitle: R\nurl: javascript:alert(1)\n---\n\nText.\n");
    assert_eq!(d.problems(), [problem("bad-url", "content/articles/report.md", 3, 6)]);
    d.write("content/site.yaml", "title: T\ncname: \"https://evil.example/\"\n");
    d.write("content/articles/report.md", ARTICLE);
    assert_eq!(d.problems(), [problem("bad-cname", "content/site.yaml", 2, 14)]);
}
