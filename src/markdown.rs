//! Article Markdown: the rendered text readers see (for anchoring quotes),
//! and the sanitised HTML with every highlight and code block in place.
//!
//! Raw HTML in articles is untrusted. The body is rendered to HTML with
//! placeholders (private-use characters) where highlights and code blocks
//! go, sanitised with ammonia, and only then are the placeholders replaced
//! by our own markup, so nothing an article says can forge a highlight.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::anchor::nfc;
use crate::highlight;

mod substitute;
use substitute::substitute;

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';
const CODE_OPEN: char = '\u{E002}';
const CODE_CLOSE: char = '\u{E003}';

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Placeholder characters in the source would be taken for ours: replace
/// them (same UTF-8 length, so source offsets stay true).
pub fn clean_source(md: &str) -> std::borrow::Cow<'_, str> {
    if md.contains([MARK_OPEN, MARK_CLOSE, CODE_OPEN, CODE_CLOSE]) {
        md.replace([MARK_OPEN, MARK_CLOSE, CODE_OPEN, CODE_CLOSE], "\u{FFFD}").into()
    } else {
        md.into()
    }
}

/// A run of rendered text that comes from one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Index of the event in the parsed event list.
    event: usize,
    /// Where it stands in [`Body::text`].
    pub text: Range<usize>,
    /// Where it comes from in the Markdown source.
    pub source: Range<usize>,
}

/// What a reader sees of an article, and where each part comes from.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// The rendered text (NFC); block boundaries are a line break.
    pub text: String,
    pub segments: Vec<Segment>,
}

impl Body {
    pub fn parse(md: &str) -> Body {
        let md = clean_source(md);
        stream(&events(&md))
    }

    /// Where `text_offset` of the rendered text comes from in the source.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text.end <= text_offset);
        match self.segments.get(i) {
            // Text and source line up unless escapes or entities intervene.
            Some(s) if s.text.start <= text_offset => {
                (s.source.start + (text_offset - s.text.start)).min(s.source.end.saturating_sub(1).max(s.source.start))
            }
            Some(s) => s.source.start,
            None => self.segments.last().map_or(0, |s| s.source.end),
        }
    }
}

/// The events, with consecutive text merged so a highlight over `a &amp; b`
/// is one piece, not three.
fn events(md: &str) -> Vec<(Event<'_>, Range<usize>)> {
    pulldown_cmark::TextMergeWithOffset::new(Parser::new_ext(md, options()).into_offset_iter()).collect()
}

fn is_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The rendered text of an event list, with its segments.
fn stream(events: &[(Event<'_>, Range<usize>)]) -> Body {
    let mut body = Body::default();
    let (mut in_image, mut in_code) = (0usize, false);
    let boundary = |body: &mut Body| {
        if !body.text.is_empty() && !body.text.ends_with('\n') {
            body.text.push('\n');
        }
    };
    for (index, (event, source)) in events.iter().enumerate() {
        let piece = match event {
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                None
            }
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
            Event::Start(tag) => {
                in_code |= matches!(tag, Tag::CodeBlock(_));
                if is_block(&tag.to_end()) {
                    boundary(&mut body);
                }
                None
            }
            Event::End(tag) => {
                in_code &= !matches!(tag, TagEnd::CodeBlock);
                if is_block(tag) {
                    boundary(&mut body);
                }
                None
            }
            Event::Text(t) | Event::Code(t) if in_image == 0 && !in_code => Some(nfc(t)),
            Event::SoftBreak if in_image == 0 => Some("\n".to_owned()),
            Event::HardBreak => {
                boundary(&mut body);
                None
            }
            _ => None,
        };
        if let Some(piece) = piece {
            let start = body.text.len();
            body.text.push_str(&piece);
            body.segments.push(Segment { event: index, text: start..body.text.len(), source: source.clone() });
        }
    }
    body
}

/// One annotation's place in the rendered text, and how to mark it.
#[derive(Clone, Debug)]
pub struct Highlight {
    /// Byte range in [`Body::text`].
    pub range: Range<usize>,
    /// `<article id>/<annotation id>`.
    pub key: String,
    /// The annotation id; its first piece carries `id="a-<anchor>"`.
    pub anchor: String,
    pub stance: &'static str,
    /// The stance's symbol, shown with its word after the highlight.
    pub symbol: &'static str,
    /// Where the label after the highlight links (the claim page).
    pub href: String,
    /// `"<stance>: <claim statement>"`: the marks' tooltip and the label's
    /// accessible name.
    pub title: String,
}

/// The sanitised article body, and the highlights that found no place in it
/// (their text sat inside something the sanitiser removes).
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub lost: Vec<usize>,
}

/// A stretch of highlighted text and the highlights over it.
struct Piece {
    text: String,
    highlights: Vec<usize>,
}

/// Renders an article body with its highlights (ranges in [`Body::text`]).
pub fn render(md: &str, highlights: &[Highlight]) -> Rendered {
    let md = clean_source(md);
    Parsed::new(&md).render(highlights)
}

/// Markdown (after [`clean_source`]) parsed once, for both anchoring (its
/// [`Body`]) and rendering: parsing is a good part of resolving an article.
pub struct Parsed<'a> {
    pub events: Vec<(Event<'a>, Range<usize>)>,
    pub body: Body,
}

impl<'a> Parsed<'a> {
    pub fn new(clean_md: &'a str) -> Parsed<'a> {
        let events = events(clean_md);
        let body = stream(&events);
        Parsed { events, body }
    }

    /// The sanitised HTML with `highlights`.
    pub fn render(self, highlights: &[Highlight]) -> Rendered {
        render_events(self.events, &self.body, highlights)
    }
}

/// [`Parsed::render`], for a caller that keeps the body.
pub fn render_events(events: Vec<(Event<'_>, Range<usize>)>, body: &Body, highlights: &[Highlight]) -> Rendered {
    let mut pieces = Vec::new();
    let mut replaced: BTreeMap<usize, Event<'_>> = BTreeMap::new();
    for segment in &body.segments {
        if highlights.iter().any(|h| overlaps(&h.range, &segment.text)) {
            let text = split_segment(&body.text, segment, highlights, &mut pieces);
            let event = match &events[segment.event].0 {
                Event::Code(_) => Event::Code(text.into()),
                _ => Event::Text(text.into()),
            };
            replaced.insert(segment.event, event);
        }
    }
    let mut code_blocks = Vec::new();
    let html = to_html(events, replaced, &mut code_blocks);
    let clean = sanitize(&html);
    substitute(&clean, &pieces, &code_blocks, highlights)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The segment's text with a placeholder for each highlighted stretch.
fn split_segment(text: &str, segment: &Segment, highlights: &[Highlight], pieces: &mut Vec<Piece>) -> String {
    let r = &segment.text;
    let mut cuts = vec![r.start, r.end];
    for h in highlights.iter().filter(|h| overlaps(&h.range, r)) {
        cuts.extend([h.range.start.max(r.start), h.range.end.min(r.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let part = w[0]..w[1];
        let over: Vec<usize> = (0..highlights.len()).filter(|&i| overlaps(&highlights[i].range, &part)).collect();
        if over.is_empty() {
            out.push_str(&text[part]);
        } else {
            let _ = write!(out, "{MARK_OPEN}{}{MARK_CLOSE}", pieces.len());
            pieces.push(Piece { text: text[part].to_owned(), highlights: over });
        }
    }
    out
}

/// Pulldown's HTML, with highlighted text replaced and code blocks taken
/// out into placeholders.
fn to_html<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    mut replaced: BTreeMap<usize, Event<'a>>,
    code_blocks: &mut Vec<String>,
) -> String {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for (index, (event, _)) in events.into_iter().enumerate() {
        let event = replaced.remove(&index).unwrap_or(event);
        match (event, &mut code) {
            (Event::Start(Tag::CodeBlock(kind)), _) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Event::Text(t), Some((_, text))) => text.push_str(&t),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                let (lang, text) = code.take().expect("matched Some");
                out.push(Event::Html(format!("{CODE_OPEN}{}{CODE_CLOSE}", code_blocks.len()).into()));
                code_blocks.push(highlight::code_block(&text, &lang));
            }
            (Event::FootnoteReference(name), _) => out.push(Event::FootnoteReference(footnote_id(&name))),
            (Event::Start(Tag::FootnoteDefinition(name)), _) => {
                out.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&name))));
            }
            (event, _) => out.push(event),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// Footnote ids become `fn-<name>`, the only ids an article may carry, so
/// they never collide with the page's own (`a-<annotation>`).
fn footnote_id(name: &str) -> CowStr<'static> {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    format!("fn-{safe}").into()
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // A raw <mark> would look like a highlight that no annotation backs.
    b.rm_tags(["mark"]);
    b.url_schemes(["http", "https", "mailto"].into_iter().collect());
    b.add_tag_attributes("div", ["id"]).add_tag_attributes("a", ["id"]);
    b.add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"]);
    b.add_allowed_classes("div", ["footnote-definition"]);
    b.attribute_filter(|_, attr, value| {
        if attr == "id" && !value.starts_with("fn-") {
            return None;
        }
        Some(value.into())
    });
    b
});

/// Sanitises untrusted HTML: scripts, event handlers, unsafe URLs go.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Markdown for short texts (notes), sanitised, without highlights.
pub fn render_note(md: &str) -> String {
    render(md, &[]).html.trim_end().to_owned()
}

/// HTML-escapes `text` (for text and attribute values).
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(text, &mut out);
    out
}

fn escape(text: &str, out: &mut String) {
    // Runs without special characters are copied whole: every word of
    // every article passes through here.
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
