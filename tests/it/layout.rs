//! The site's URL layout is written in `src/routes.rs` only: no other
//! source file spells a route in a string literal (tests aside, which
//! check what the layout makes), and the default theme's templates and
//! scripts spell none either: they use the `links` pages are given.

use std::path::{Path, PathBuf};

use crate::support::rust_source::{Decl, Tok, lex, module_file, outside_tests};

/// Folders and files of the site as they begin a path: flagged at the
/// start of a string literal or right after a format argument (`{root}`).
/// `index.html` and `404.html` are not here: they are template names too.
const ROUTES: [&str; 14] = [
    "articles/",
    "claims/",
    "actors/",
    "matrix/",
    "timeline/",
    "agreement/",
    "search/",
    "data/",
    "assets/",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    ".nojekyll",
    "CNAME",
];

/// A string literal of a source file: where it starts, and its text.
struct Literal {
    line: usize,
    text: String,
}

/// The route-like pieces of a literal's text.
fn route_in(text: &str) -> Option<&'static str> {
    if text.contains("../") {
        return Some("../");
    }
    let starts = std::iter::once(0).chain(text.match_indices('}').map(|(i, _)| i + 1));
    starts.into_iter().find_map(|at| ROUTES.into_iter().find(|r| text[at..].starts_with(r)))
}

/// A module declared under `#[cfg(test)]` in another file: `mod name;`,
/// maybe with `#[path = "…"]`.
type TestMod = Decl;

/// The string literals of Rust source outside comments and outside items
/// under `#[cfg(test)]`, and the test modules it declares in other files.
fn literals(src: &str) -> (Vec<Literal>, Vec<TestMod>) {
    let (code, test_mods) = outside_tests(&lex(src));
    let literals = code
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Str(text) => Some(Literal { line: t.line, text }),
            _ => None,
        })
        .collect();
    (literals, test_mods)
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    files_named(dir, "rs", files);
}

/// Every file under `dir` with the extension `ext`, in path order.
fn files_named(dir: &Path, ext: &str, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("a readable folder").map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_named(&path, ext, files);
        } else if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
}

/// Every route written in a literal outside `src/routes.rs` and tests.
fn findings(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut tests = Vec::new();
    let scanned: Vec<(&PathBuf, Vec<Literal>)> = files
        .iter()
        .map(|file| {
            let (literals, mods) = literals(&std::fs::read_to_string(file).expect("a readable source file"));
            tests.extend(mods.iter().map(|m| module_file(file, m)));
            (file, literals)
        })
        .collect();
    let mut found = Vec::new();
    for (file, literals) in scanned {
        if file.ends_with("src/routes.rs") || tests.contains(file) {
            continue;
        }
        for l in literals {
            if let Some(route) = route_in(&l.text) {
                let shown = file.strip_prefix(root).unwrap_or(file).display();
                found.push(format!("{shown}:{}: `{route}` in \"{}\"", l.line, l.text));
            }
        }
    }
    found
}

#[test]
fn only_routes_rs_writes_the_url_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = findings(root);
    assert!(found.is_empty(), "routes written outside src/routes.rs (use crate::routes):\n{}", found.join("\n"));
}

#[test]
fn the_layout_scan_finds_routes_in_literals_only_outside_tests() {
    let src = r####"
        // "claims/" in a comment is not code.
        /* nor "../" here, /* nested */ nor "actors/" */
        fn a(root: &str, c: char, l: &'static str) -> String { format!("{root}claims/{}/", c) }
        const B: &str = r#"../../x"#;
        const C: &str = "content/articles/x.md";
        const D: char = '"';
        const E: &str = "a \" quoted \"claims/\" and \
            search/ continued";
        fn f() -> &'static str { "atom.xml" }
        #[cfg(test)]
        fn helper() { let _ = "matrix/"; }
        #[cfg(test)]
        #[path = "x_tests.rs"]
        mod tests;
        #[cfg(test)]
        mod inline { fn t() { let _ = ["timeline/", "{ }"]; } }
        fn g() -> &'static str { "sitemap.xml" }
    "####;
    let (literals, mods) = literals(src);
    let routes: Vec<(usize, &str)> = literals.iter().filter_map(|l| Some((l.line, route_in(&l.text)?))).collect();
    assert_eq!(routes, [(4, "claims/"), (5, "../"), (10, "atom.xml"), (18, "sitemap.xml")]);
    assert_eq!(mods, [TestMod { name: "tests".into(), path: Some("x_tests.rs".into()) }]);
    let texts: Vec<&str> = literals.iter().map(|l| l.text.as_str()).collect();
    assert!(texts.contains(&"content/articles/x.md"), "a content path is not a route: {texts:?}");
}

#[test]
fn the_layout_scan_reads_a_source_tree_and_skips_its_test_modules() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("made");
        std::fs::write(path, text).expect("written");
    };
    let offender = "fn href(id: &str) -> String { format!(\"../../claims/{id}/\") }\n";
    write("src/routes.rs", offender);
    write("src/lib.rs", "mod view;\n#[cfg(test)]\nmod tests;\n");
    write("src/tests.rs", offender);
    write("src/view/mod.rs", &format!("mod pages;\n{offender}"));
    write(
        "src/view/pages.rs",
        "#[cfg(test)]\n#[path = \"pages_tests.rs\"]\nmod tests;\nconst P: &str = \"{x}search/index.json\";\n",
    );
    write("src/view/pages_tests.rs", offender);
    assert_eq!(
        findings(dir.path()),
        [
            "src/view/mod.rs:2: `../` in \"../../claims/{id}/\"",
            "src/view/pages.rs:4: `search/` in \"{x}search/index.json\""
        ]
    );
}

/// Where a template or script spells a route, with its line and what it
/// wrote: a path after the root (`{{ root }}claims/`, `{{ root ~ "x/" }}`,
/// `root + 'search/'`), or a quoted string that begins with one
/// (`'search/'`, `"../claims/"`).
fn theme_routes(text: &str) -> Vec<(usize, String)> {
    let text = &without_comments(text);
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    let shown = |at: usize| text[at..].chars().take_while(|&c| c != '\n').take(40).collect::<String>();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
    let mut found = Vec::new();
    for (at, _) in text.match_indices("root") {
        let rest = &text[at + "root".len()..];
        if word(text[..at].chars().next_back()) || word(rest.chars().next()) {
            continue;
        }
        let rest = rest.trim_start();
        let spelled = match rest.strip_prefix("-}}").or_else(|| rest.strip_prefix("}}")) {
            // `{{ root }}` ends an attribute, or it begins a path.
            Some(after) => after.chars().next().is_some_and(|c| !matches!(c, '"' | '\'' | '<' | '>' | ' ' | '\n')),
            None => {
                rest.starts_with('~')
                    || rest.strip_prefix('+').is_some_and(|r| r.trim_start().starts_with(['\'', '"', '`']))
            }
        };
        if spelled {
            found.push((line(at), shown(at)));
        }
    }
    for (at, _) in text.match_indices(['\'', '"', '`']) {
        let inside = &text[at + 1..];
        if inside.starts_with("../") || ROUTES.iter().any(|r| inside.starts_with(r)) {
            found.push((line(at), shown(at)));
        }
    }
    found.sort();
    found
}

/// The text with its comments blanked out, lines kept: template comments
/// (`{# … #}`), and script lines that are comments (`//`, `/*`, ` * `).
fn without_comments(text: &str) -> String {
    let blank = |s: &str| s.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect::<String>();
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        let end = rest[start..].find("#}").map_or(rest.len(), |e| start + e + 2);
        out.push_str(&rest[..start]);
        out.push_str(&blank(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    let comment = |l: &str| ["//", "/*", "*"].iter().any(|c| l.trim_start().starts_with(c));
    out.split_inclusive('\n').map(|l| if comment(l) { blank(l) } else { l.to_owned() }).collect()
}

#[test]
fn the_default_theme_spells_no_route() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let theme = root.join("themes/default");
    let mut files = Vec::new();
    files_named(&theme.join("templates"), "html", &mut files);
    files_named(&theme.join("static"), "js", &mut files);
    for expected in
        ["templates/base.html", "templates/partials/components.html", "static/search.js", "static/js/disk.js"]
    {
        assert!(files.contains(&theme.join(expected)), "{expected} is scanned: {files:?}");
    }
    let found: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file).expect("a readable theme file");
            let shown = file.strip_prefix(root).unwrap_or(file).display().to_string();
            theme_routes(&text).into_iter().map(move |(line, what)| format!("{shown}:{line}: {what}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "routes written in the default theme (use `links`, made by src/routes.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_theme_scan_finds_routes_after_the_root_and_in_quotes() {
    let template = r#"<a href="{{ root }}claims/">Claims</a>
<link rel="stylesheet" href="{{root}}assets/style.css">
<a href="{{ root ~ "matrix/" }}">
<form data-root="{{ root }}" data-index="{{ links.search_index }}" action="./">
{#- `root` is the site root; links.root, rooted and {{ root }} in text are not paths,
    nor "../x/" and {{ root }}claims/ in a comment -#}
<a href="../actors/">Actors</a> <a href="{{- root -}}timeline/">
"#;
    let lines: Vec<usize> = theme_routes(template).into_iter().map(|(line, _)| line).collect();
    assert_eq!(lines, [1, 2, 3, 3, 7, 7]);
    assert_eq!(theme_routes(template)[0].1, "root }}claims/\">Claims</a>");
    let script = r#"/*
 * Fetches from "search/" (a comment); // "../x/" too
 */
// and 'assets/' here
fetch(root + 'search/' + path);
throw new Error("search/" + path);
link.href = root + doc.u;
load('terms/' + i + '.json');
var stem = run.replace(/^'+|'+$/g, '');
fetch(root +
  `assets/x.json`);
"#;
    let lines: Vec<usize> = theme_routes(script).into_iter().map(|(line, _)| line).collect();
    assert_eq!(lines, [5, 5, 6, 10, 11]);
}
