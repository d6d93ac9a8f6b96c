//! Reading Rust source for its imports: tokens without comments, string
//! literals or lifetimes; the modules a file declares; the paths it names
//! from `crate`, `super` or `self`, made absolute; items and modules under
//! `#[cfg(test)]` left out.

/// A token of Rust source, comments gone.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// A string literal's text, escapes as written.
    Str(String),
    /// `::`
    Sep,
    Punct(char),
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

fn ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The end of a string literal whose text starts at `at`, and its text;
/// counts the lines it spans.
fn string_end(src: &str, at: usize, raw: bool, hashes: usize, line: &mut usize) -> (usize, String) {
    let b = src.as_bytes();
    let close = format!("\"{}", "#".repeat(hashes));
    let mut j = at;
    while j < b.len() && !b[j..].starts_with(close.as_bytes()) {
        let step = if !raw && b[j] == b'\\' { 2 } else { 1 };
        *line += b[j..(j + step).min(b.len())].iter().filter(|&&c| c == b'\n').count();
        j += step;
    }
    let end = j.min(b.len());
    ((end + close.len()).min(b.len()), src[at..end].to_owned())
}

/// The end of a char literal (`'x'`, `'\n'`) starting at `at`, or of a
/// lifetime (`'a`), which is no token either.
fn quote_end(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    if b.get(at + 1) == Some(&b'\\') {
        return b[at + 3..].iter().position(|&c| c == b'\'').map_or(b.len(), |p| at + 3 + p + 1);
    }
    let width = src[at + 1..].chars().next().map_or(1, char::len_utf8);
    if b.get(at + 1 + width) == Some(&b'\'') {
        return at + 2 + width;
    }
    at + 1 + b[at + 1..].iter().take_while(|&&c| ident_byte(c)).count()
}

/// The tokens of Rust source, without comments, whitespace, char literals
/// and lifetimes.
fn lex(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < b.len() {
        let rest = &b[i..];
        let start_line = line;
        let tok = if rest.starts_with(b"//") {
            i += rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            continue;
        } else if rest.starts_with(b"/*") {
            let mut nested = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    (nested, i) = (nested + 1, i + 2);
                } else if b[i..].starts_with(b"*/") {
                    (nested, i) = (nested - 1, i + 2);
                    if nested == 0 {
                        break;
                    }
                } else {
                    line += usize::from(b[i] == b'\n');
                    i += 1;
                }
            }
            continue;
        } else if b[i].is_ascii_whitespace() {
            line += usize::from(b[i] == b'\n');
            i += 1;
            continue;
        } else if b[i] == b'"' {
            let (end, text) = string_end(src, i + 1, false, 0, &mut line);
            i = end;
            Tok::Str(text)
        } else if b[i] == b'\'' {
            i = quote_end(src, i);
            continue;
        } else if ident_byte(b[i]) {
            let start = i;
            i += rest.iter().take_while(|&&c| ident_byte(c)).count();
            let word = &src[start..i];
            let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
            let raw = matches!(word, "r" | "br" | "cr");
            if matches!(word, "b" | "c") && b.get(i) == Some(&b'"') {
                let (end, text) = string_end(src, i + 1, false, 0, &mut line);
                i = end;
                Tok::Str(text)
            } else if raw && b.get(i + hashes) == Some(&b'"') {
                let (end, text) = string_end(src, i + hashes + 1, true, hashes, &mut line);
                i = end;
                Tok::Str(text)
            } else if word == "b" && b.get(i) == Some(&b'\'') {
                i = quote_end(src, i);
                continue;
            } else if word == "r" && hashes == 1 && b.get(i + 1).is_some_and(|&c| ident_byte(c)) {
                // A raw identifier: `r#type`.
                let at = i + 1;
                i = at + b[at..].iter().take_while(|&&c| ident_byte(c)).count();
                Tok::Ident(src[at..i].to_owned())
            } else {
                Tok::Ident(word.to_owned())
            }
        } else if rest.starts_with(b"::") {
            i += 2;
            Tok::Sep
        } else {
            let c = src[i..].chars().next().expect("a character");
            i += c.len_utf8();
            Tok::Punct(c)
        };
        out.push(Token { tok, line: start_line });
    }
    out
}

fn is(t: &[Token], at: usize, tok: &Tok) -> bool {
    t.get(at).is_some_and(|t| t.tok == *tok)
}

fn ident(t: &[Token], at: usize) -> Option<&str> {
    match t.get(at).map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// A module declared in another file: `mod name;`, maybe with `#[path]`.
#[derive(Debug, PartialEq)]
pub(super) struct Decl {
    pub name: String,
    pub path: Option<String>,
}

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

/// At `at`, an attribute (`#[…]`, `#![…]`): where it ends, whether it is
/// `cfg(test)` (or a `cfg` that needs `test`), and the literal of a
/// `#[path = "…"]`.
fn attribute(t: &[Token], at: usize) -> Option<(usize, bool, Option<String>)> {
    let open = if is(t, at + 1, &Tok::Punct('!')) { at + 2 } else { at + 1 };
    if !is(t, at, &Tok::Punct('#')) || !is(t, open, &Tok::Punct('[')) {
        return None;
    }
    let mut depth = 0;
    let mut end = open;
    while end < t.len() {
        match t[end].tok {
            Tok::Punct('[') => depth += 1,
            Tok::Punct(']') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        end += 1;
    }
    let inside = &t[open + 1..end.min(t.len())];
    let words: Vec<&str> =
        inside.iter().filter_map(|t| if let Tok::Ident(s) = &t.tok { Some(&**s) } else { None }).collect();
    let test = words.first() == Some(&"cfg") && words.contains(&"test") && !words.contains(&"not");
    let path = match inside.iter().map(|t| &t.tok).collect::<Vec<_>>()[..] {
        [Tok::Ident(p), Tok::Punct('='), Tok::Str(s)] if p == "path" => Some(s.clone()),
        _ => None,
    };
    Some((end + 1, test, path))
}

/// The end of the item starting at `at`: its `;`, or the `}` closing its
/// first block.
fn item_end(t: &[Token], at: usize) -> usize {
    let mut depth = 0i32;
    for (j, token) in t.iter().enumerate().skip(at) {
        match token.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']') => depth -= 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth <= 0 {
                    return j + 1;
                }
            }
            Tok::Punct(';') if depth == 0 => return j + 1,
            _ => {}
        }
    }
    t.len()
}

/// The module an item at `at` declares in another file (`pub mod x;`).
fn declared(t: &[Token], mut at: usize) -> Option<String> {
    if ident(t, at) == Some("pub") {
        at += 1;
        if is(t, at, &Tok::Punct('(')) {
            at += t[at..].iter().position(|t| t.tok == Tok::Punct(')'))? + 1;
        }
    }
    let name = ident(t, at + 1).filter(|_| ident(t, at) == Some("mod"))?;
    is(t, at + 2, &Tok::Punct(';')).then(|| name.to_owned())
}

/// Reads the source of module `module` (its path from the crate root).
pub(super) fn scan(src: &str, module: &[String]) -> Scan {
    let t = lex(src);
    let mut scan = Scan::default();
    let mut depth = 0usize;
    // Inline modules (`mod x { … }`) open here, with the depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let (mut test, mut path) = (false, None);
    let mut at = 0;
    while at < t.len() {
        if let Some((end, is_test, is_path)) = attribute(&t, at) {
            test |= is_test;
            path = is_path.or(path);
            at = end;
            continue;
        }
        if test {
            let name = declared(&t, at);
            scan.test_mods.extend(name.map(|name| Decl { name, path: path.take() }));
            (test, path, at) = (false, None, item_end(&t, at));
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
