//! Reading Rust source for its imports, from its tokens (comments, string
//! literals and lifetimes are no code): the modules a file declares; the
//! paths it names from `crate`, `super` or `self`, made absolute; items and
//! modules under `#[cfg(test)]` left out.

use crate::support::rust_source::{Tok, Token, attribute, declared, ident, is, item_end, lex, outside_tests};

pub(super) use crate::support::rust_source::Decl;

/// A path named from `crate`, `super` or `self`, made absolute (from the
/// crate root), and the line that names it.
#[derive(Debug, PartialEq)]
pub(super) struct Ref {
    pub path: Vec<String>,
    pub line: usize,
}

/// What a file holds: the modules it declares in files, apart from its
/// test modules, and the paths it names, apart from those in tests.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub mods: Vec<Decl>,
    pub test_mods: Vec<Decl>,
    pub refs: Vec<Ref>,
}

/// The paths of a path or use tree at `at` (`a::b`, `a::{b, c::*}`),
/// each after `prefix`; returns where the tree ends.
fn path_tree(t: &[Token], mut at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        match t.get(at).map(|t| &t.tok) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                at += 1;
            }
            Some(Tok::Punct('*')) => {
                at += 1;
                break;
            }
            Some(Tok::Punct('{')) => {
                at += 1;
                while t.get(at).is_some_and(|t| t.tok != Tok::Punct('}')) {
                    let next = path_tree(t, at, path.clone(), out);
                    at = next.max(at + 1);
                    if ident(t, at) == Some("as") {
                        at += 2;
                    }
                    if is(t, at, &Tok::Punct(',')) {
                        at += 1;
                    }
                }
                return at + 1;
            }
            _ => break,
        }
        let next_is_segment =
            matches!(t.get(at + 1).map(|t| &t.tok), Some(Tok::Ident(_) | Tok::Punct('{') | Tok::Punct('*')));
        if is(t, at, &Tok::Sep) && next_is_segment {
            at += 1;
        } else {
            break;
        }
    }
    out.push(path);
    at
}

/// `path`, which starts with `crate`, `super` or `self`, named in module
/// `here`, from the crate root.
fn absolute(here: &[String], path: &[String]) -> Vec<String> {
    let mut abs = Vec::new();
    for (k, seg) in path.iter().enumerate() {
        match seg.as_str() {
            "crate" if k == 0 => {}
            "self" if k == 0 => abs = here.to_vec(),
            "super" => {
                if k == 0 {
                    abs = here.to_vec();
                }
                abs.pop();
            }
            "self" => {}
            s => abs.push(s.to_owned()),
        }
    }
    abs
}

/// Reads the source of module `module` (its path from the crate root).
pub(super) fn scan(src: &str, module: &[String]) -> Scan {
    let (t, test_mods) = outside_tests(&lex(src));
    let mut scan = Scan { test_mods, ..Scan::default() };
    let mut depth = 0usize;
    // Inline modules (`mod x { … }`) open here, with the depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut path = None;
    let mut at = 0;
    while at < t.len() {
        if let Some(a) = attribute(&t, at) {
            path = a.path.or(path);
            at = a.end;
            continue;
        }
        if let Some(name) = declared(&t, at) {
            scan.mods.push(Decl { name, path: path.take() });
            at = item_end(&t, at);
            continue;
        }
        match &t[at].tok {
            Tok::Ident(w) if w == "mod" && is(&t, at + 2, &Tok::Punct('{')) => {
                depth += 1;
                inline.push((ident(&t, at + 1).unwrap_or_default().to_owned(), depth));
                at += 3;
                continue;
            }
            Tok::Ident(w) if matches!(w.as_str(), "crate" | "super" | "self") && is(&t, at + 1, &Tok::Sep) => {
                let here: Vec<String> = module.iter().cloned().chain(inline.iter().map(|(m, _)| m.clone())).collect();
                let mut paths = Vec::new();
                let end = path_tree(&t, at, Vec::new(), &mut paths);
                let line = t[at].line;
                scan.refs.extend(paths.iter().map(|p| Ref { path: absolute(&here, p), line }));
                at = end;
                continue;
            }
            Tok::Punct('{' | '(' | '[') => depth += 1,
            Tok::Punct('}' | ')' | ']') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        at += 1;
    }
    scan
}

#[test]
fn the_scan_reads_imports_from_code_only() {
    let src = r####"
        //! A doc link: [`crate::render::Output`] is not an import.
        use crate::model::{self, Id, Stance as S};
        use super::{Cx, annotate::{self, MdText}, url::*};
        /* crate::a::b in /* a nested */ comment */
        const P: &str = "crate::publish::files";
        const Q: &str = r#"super::x::y"#;
        const C: char = '"';
        fn f<'a>(x: &'a str) -> &'a str { crate::escape::html(x); super::session::Memo::new(); x }
        pub(crate) mod inline {
            use super::sibling::Thing;
            fn g() { self::deeper::h(); }
        }
        pub mod child;
        #[cfg(test)]
        #[path = "x_tests.rs"]
        mod tests;
        #[cfg(test)]
        fn helper() { crate::view::pages::x(); }
        #[cfg(all(test, unix))]
        mod unix_tests { use crate::serve::http; }
        #[cfg(not(test))]
        use crate::write::Staging;
    "####;
    let s = scan(src, &["resolve".to_owned(), "article".to_owned()]);
    let refs: Vec<(String, usize)> = s.refs.iter().map(|r| (r.path.join("::"), r.line)).collect();
    let expect = [
        ("model", 3),
        ("model::Id", 3),
        ("model::Stance", 3),
        ("resolve::Cx", 4),
        ("resolve::annotate", 4),
        ("resolve::annotate::MdText", 4),
        ("resolve::url", 4),
        ("escape::html", 9),
        ("resolve::session::Memo::new", 9),
        ("resolve::article::sibling::Thing", 11),
        ("resolve::article::inline::deeper::h", 12),
        ("write::Staging", 23),
    ];
    assert_eq!(refs, expect.map(|(p, l)| (p.to_owned(), l)));
    assert_eq!(s.mods, [Decl { name: "child".into(), path: None }]);
    assert_eq!(s.test_mods, [Decl { name: "tests".into(), path: Some("x_tests.rs".into()) }]);
}
