//! Reading Rust source as the tests that hold the crate's code to its
//! rules need it: tokens with their lines (comments gone, string literals
//! kept with their text), the items under `#[cfg(test)]` set apart, and
//! the files of the modules a file declares.

use std::path::{Path, PathBuf};

/// A token of Rust source, comments gone.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    /// A string literal's text, escapes as written.
    Str(String),
    /// `::`
    Sep,
    Punct(char),
}

/// A token and the line it starts on.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
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

/// The end of the comment starting at `at` (`//…`, or `/*…*/` nested),
/// counting the lines a block comment spans.
fn comment_end(b: &[u8], mut at: usize, line: &mut usize) -> usize {
    if b[at..].starts_with(b"//") {
        return at + b[at..].iter().position(|&c| c == b'\n').unwrap_or(b.len() - at);
    }
    let mut nested = 0;
    while at < b.len() {
        if b[at..].starts_with(b"/*") {
            (nested, at) = (nested + 1, at + 2);
        } else if b[at..].starts_with(b"*/") {
            (nested, at) = (nested - 1, at + 2);
            if nested == 0 {
                break;
            }
        } else {
            *line += usize::from(b[at] == b'\n');
            at += 1;
        }
    }
    at
}

/// The token of a word at `i` (an identifier, or the prefix of a string
/// literal, a byte literal or a raw identifier) and where it ends; no
/// token for a byte literal.
fn word(src: &str, mut i: usize, line: &mut usize) -> (Option<Tok>, usize) {
    let b = src.as_bytes();
    let start = i;
    i += b[i..].iter().take_while(|&&c| ident_byte(c)).count();
    let word = &src[start..i];
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    let raw = matches!(word, "r" | "br" | "cr");
    if matches!(word, "b" | "c") && b.get(i) == Some(&b'"') {
        let (end, text) = string_end(src, i + 1, false, 0, line);
        (Some(Tok::Str(text)), end)
    } else if raw && b.get(i + hashes) == Some(&b'"') {
        let (end, text) = string_end(src, i + hashes + 1, true, hashes, line);
        (Some(Tok::Str(text)), end)
    } else if word == "b" && b.get(i) == Some(&b'\'') {
        (None, quote_end(src, i))
    } else if word == "r" && hashes == 1 && b.get(i + 1).is_some_and(|&c| ident_byte(c)) {
        // A raw identifier: `r#type`.
        let at = i + 1;
        let end = at + b[at..].iter().take_while(|&&c| ident_byte(c)).count();
        (Some(Tok::Ident(src[at..end].to_owned())), end)
    } else {
        (Some(Tok::Ident(word.to_owned())), i)
    }
}

/// The tokens of Rust source, without comments, whitespace, char literals
/// and lifetimes.
pub fn lex(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < b.len() {
        let rest = &b[i..];
        let start_line = line;
        let tok = if rest.starts_with(b"//") || rest.starts_with(b"/*") {
            i = comment_end(b, i, &mut line);
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
            let (tok, end) = word(src, i, &mut line);
            i = end;
            let Some(tok) = tok else { continue };
            tok
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

pub fn is(t: &[Token], at: usize, tok: &Tok) -> bool {
    t.get(at).is_some_and(|t| t.tok == *tok)
}

pub fn ident(t: &[Token], at: usize) -> Option<&str> {
    match t.get(at).map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// A module declared in another file: `mod name;`, maybe with `#[path]`.
#[derive(Debug, PartialEq)]
pub struct Decl {
    pub name: String,
    pub path: Option<String>,
}

/// An attribute (`#[…]`, `#![…]`) at `at`, if one starts there.
pub struct Attribute {
    /// Where it ends.
    pub end: usize,
    /// Whether it is `cfg(test)`, or a `cfg` that needs `test`.
    pub test: bool,
    /// The literal of a `#[path = "…"]`.
    pub path: Option<String>,
}

pub fn attribute(t: &[Token], at: usize) -> Option<Attribute> {
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
    Some(Attribute { end: (end + 1).min(t.len()), test, path })
}

/// The end of the item starting at `at`: its `;`, or the `}` closing its
/// first block.
pub fn item_end(t: &[Token], at: usize) -> usize {
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
pub fn declared(t: &[Token], mut at: usize) -> Option<String> {
    if ident(t, at) == Some("pub") {
        at += 1;
        if is(t, at, &Tok::Punct('(')) {
            at += t[at..].iter().position(|t| t.tok == Tok::Punct(')'))? + 1;
        }
    }
    let name = ident(t, at + 1).filter(|_| ident(t, at) == Some("mod"))?;
    is(t, at + 2, &Tok::Punct(';')).then(|| name.to_owned())
}

/// The tokens outside the items under `#[cfg(test)]` (at any depth, with
/// their attributes), and the modules such items declare in other files.
pub fn outside_tests(t: &[Token]) -> (Vec<Token>, Vec<Decl>) {
    let (mut code, mut test_mods) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < t.len() {
        // The attributes starting here, then the item they belong to.
        let (mut end, mut test, mut path) = (at, false, None);
        while let Some(a) = attribute(t, end) {
            (end, test, path) = (a.end, test || a.test, a.path.or(path));
        }
        if test {
            test_mods.extend(declared(t, end).map(|name| Decl { name, path }));
            at = item_end(t, end);
        } else {
            let next = end.max(at + 1);
            code.extend_from_slice(&t[at..next]);
            at = next;
        }
    }
    (code, test_mods)
}

/// The file of module `d` declared in `file`: a `#[path]` is relative to
/// the file's folder; a plain name is beside `mod.rs`, `lib.rs` or
/// `main.rs`, else in the folder named as the file; `name.rs` or
/// `name/mod.rs`.
pub fn module_file(file: &Path, d: &Decl) -> PathBuf {
    let dir = file.parent().expect("a folder");
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let dir = match (&d.path, stem) {
        (Some(path), _) => return dir.join(path),
        (None, "mod" | "lib" | "main") => dir.to_path_buf(),
        (None, _) => dir.join(stem),
    };
    let flat = dir.join(format!("{}.rs", d.name));
    if flat.exists() { flat } else { dir.join(&d.name).join("mod.rs") }
}

#[test]
fn the_lexer_keeps_code_with_its_lines_and_sets_test_items_apart() {
    let src = "let r#type = b'\"'; /* a\n b */ x::<'a>(br#\"q\"#, c\"s\");\n#[allow(dead_code)]\n#[cfg(test)]\nmod t;\n\
               #[cfg(all(test, unix))]\nimpl X { fn f() { \"in a test\"; } }\n#[path = \"p.rs\"]\nmod m;";
    let (code, test_mods) = outside_tests(&lex(src));
    let shown: Vec<String> = code
        .iter()
        .map(|t| match &t.tok {
            Tok::Ident(s) => format!("{}:{s}", t.line),
            Tok::Str(s) => format!("{}:{s:?}", t.line),
            Tok::Sep => format!("{}:::", t.line),
            Tok::Punct(c) => format!("{}:{c}", t.line),
        })
        .collect();
    let expect = "1:let 1:type 1:= 1:; 2:x 2::: 2:< 2:> 2:( 2:\"q\" 2:, 2:\"s\" 2:) 2:; \
                  8:# 8:[ 8:path 8:= 8:\"p.rs\" 8:] 9:mod 9:m 9:;";
    assert_eq!(shown.join(" "), expect);
    assert_eq!(test_mods, [Decl { name: "t".into(), path: None }]);
}
