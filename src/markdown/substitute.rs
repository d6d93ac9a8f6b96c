//! The last step of rendering an article: the placeholders left in the
//! sanitised HTML replaced by our own markup (highlights, their stance
//! labels, code blocks), which the sanitiser never sees. The labels' links
//! to their claims are left as placeholders for the page to fill.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{CODE_CLOSE, CODE_OPEN, Highlight, LINK, MARK_CLOSE, MARK_OPEN, Piece, Rendered};
use crate::escape::html_into as escape;

/// Replaces the placeholders in sanitised HTML with marks and code.
pub(super) fn substitute(clean: &str, pieces: &[Piece], code_blocks: &[String], highlights: &[Highlight]) -> Rendered {
    // Link placeholders in the sanitised HTML are the article's own
    // (written as the character, or as an entity): made inert.
    let clean = match clean.contains(LINK) {
        true => Cow::Owned(clean.replace(LINK, "\u{FFFD}")),
        false => Cow::Borrowed(clean),
    };
    let clean = clean.as_ref();
    let mut out = Out { html: String::with_capacity(clean.len() + pieces.len() * 120), ..Out::default() };
    let mut seen = vec![false; highlights.len()];
    let last_piece = last_pieces(pieces, highlights.len());
    let mut rest = clean;
    while let Some(open) = rest.find([MARK_OPEN, CODE_OPEN]) {
        out.copy(&rest[..open]);
        let kind = rest[open..].chars().next().expect("found above");
        let after = &rest[open + kind.len_utf8()..];
        let close = if kind == MARK_OPEN { MARK_CLOSE } else { CODE_CLOSE };
        let end = after.find(close).expect("placeholders are atomic text");
        let n: usize = after[..end].parse().expect("placeholders hold an index");
        if kind == CODE_OPEN {
            out.html.push_str(&code_blocks[n]);
        } else {
            write_piece(&mut out.html, &pieces[n], highlights, &mut seen);
            for &h in &pieces[n].highlights {
                if last_piece[h] == Some(n) {
                    // The label is a link, and a link cannot hold one: inside
                    // a link, it waits until the link closes.
                    let to = if out.links > 0 { &mut out.pending } else { &mut out.html };
                    write_label(to, h, &highlights[h]);
                }
            }
        }
        rest = &after[end + close.len_utf8()..];
    }
    out.copy(rest);
    let mut html = out.html;
    html.push_str(&out.pending);
    let lost = (0..highlights.len()).filter(|&i| !seen[i]).collect();
    Rendered { html, lost }
}

/// The body as it is written, with the number of links open at its end and
/// the labels held back until they close.
#[derive(Default)]
struct Out {
    html: String,
    links: usize,
    pending: String,
}

impl Out {
    /// Copies sanitised HTML (well-formed, `<` only in tags), counting links
    /// and putting held-back labels right after the link that held them.
    fn copy(&mut self, html: &str) {
        let mut from = 0;
        for (i, _) in html.match_indices('<') {
            let tag = &html[i..];
            if tag.starts_with("<a ") || tag.starts_with("<a>") {
                self.links += 1;
            } else if tag.starts_with("</a>") {
                self.links = self.links.saturating_sub(1);
                if self.links == 0 && !self.pending.is_empty() {
                    let end = i + "</a>".len();
                    self.html.push_str(&html[from..end]);
                    self.html.push_str(&std::mem::take(&mut self.pending));
                    from = end;
                }
            }
        }
        self.html.push_str(&html[from..]);
    }
}

fn last_pieces(pieces: &[Piece], n: usize) -> Vec<Option<usize>> {
    let mut last = vec![None; n];
    for (i, p) in pieces.iter().enumerate() {
        for &h in &p.highlights {
            last[h] = Some(i);
        }
    }
    last
}

fn write_piece(out: &mut String, piece: &Piece, highlights: &[Highlight], seen: &mut [bool]) {
    for &h in &piece.highlights {
        let hl = &highlights[h];
        out.push_str("<mark data-annotation=\"");
        escape(&hl.key, out);
        let _ = write!(out, "\" data-stance=\"{}\"", hl.stance);
        if !std::mem::replace(&mut seen[h], true) {
            out.push_str(" id=\"");
            escape(&hl.anchor, out);
            out.push('"');
        }
        out.push_str(" title=\"");
        escape(&hl.title, out);
        out.push_str("\">");
    }
    escape(&piece.text, out);
    for _ in &piece.highlights {
        out.push_str("</mark>");
    }
}

/// The stance label after a highlight, linked to its claim: symbol and
/// word, never colour alone. Its accessible name says which claim.
fn write_label(out: &mut String, h: usize, hl: &Highlight) {
    let _ = write!(out, "<sup class=\"stance-tag\" data-stance=\"{}\" data-for=\"", hl.stance);
    escape(&hl.key, out);
    let _ = write!(out, "\"><a href=\"{LINK}{h}{LINK}\" aria-label=\"");
    escape(&hl.title, out);
    let _ = write!(out, "\"><span aria-hidden=\"true\">{}</span> {}</a></sup>", hl.symbol, hl.stance);
}

/// A rendered body with the link after each highlight `n` to its claim
/// put in: `href(n)`, or no link target when it gives none.
pub(crate) fn fill_claim_links(body: &str, href: impl Fn(usize) -> Option<String>) -> String {
    let mut parts = body.split(LINK);
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    out.push_str(parts.next().unwrap_or_default());
    // Placeholders come in pairs around the highlight's number.
    while let Some(n) = parts.next() {
        let Some(after) = parts.next() else {
            out.push_str(n);
            break;
        };
        if let Some(href) = n.parse().ok().and_then(&href) {
            escape(&href, &mut out);
        }
        out.push_str(after);
    }
    out
}
