//! Article Markdown: the rendered text readers see (for anchoring quotes),
//! and the sanitised HTML with every highlight and code block in place.
//!
//! Raw HTML in articles is untrusted. The body is rendered to HTML with
//! placeholders (private-use characters) where highlights and code blocks
//! go, sanitised with ammonia, and only then are the placeholders replaced
//! by our own markup, so nothing an article says can forge a highlight.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::rc::Rc;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::anchor::nfc;
use crate::highlight;

mod alt;
mod substitute;
pub(crate) use substitute::fill_claim_links;
use substitute::substitute;

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';
const CODE_OPEN: char = '\u{E002}';
const CODE_CLOSE: char = '\u{E003}';
/// Where the link from a highlight's label to its claim goes, in a
/// rendered body: `LINK n LINK` for highlight `n`. The page showing the
/// body puts the link in ([`fill_claim_links`]): links are relative to it.
const LINK: char = '\u{E004}';

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Placeholder characters in the source would be taken for ours: replace
/// them (same UTF-8 length, so source offsets stay true).
pub(crate) fn clean_source(md: &str) -> std::borrow::Cow<'_, str> {
    if md.contains([MARK_OPEN, MARK_CLOSE, CODE_OPEN, CODE_CLOSE]) {
        md.replace([MARK_OPEN, MARK_CLOSE, CODE_OPEN, CODE_CLOSE], "\u{FFFD}").into()
    } else {
        md.into()
    }
}

/// A run of rendered text that comes from one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Index of the event in the parsed event list.
    event: usize,
    /// Where it stands in [`Body::text`].
    pub text: Range<usize>,
    /// Where it comes from in the Markdown source.
    pub source: Range<usize>,
}

/// What a reader sees of an article, and where each part comes from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Body {
    /// The rendered text (NFC); block boundaries are a line break.
    pub text: String,
    pub segments: Vec<Segment>,
    /// Why the article is refused (its text and segments are then empty).
    pub refused: Option<Refused>,
    /// The images that have no alt text (Markdown's `![](…)`, raw `<img>`
    /// without `alt`), as ranges of the Markdown source.
    pub images_without_alt: Vec<Range<usize>>,
}

/// An article beyond a limit: refused before it costs more than its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Elements nest deeper than [`MAX_DEPTH`], first at this source offset.
    Nesting { at: usize },
    /// More than [`MAX_LINES`] lines; the first line over starts at `at`.
    Lines { lines: usize, at: usize },
    /// More than [`MAX_PIPES`] `|` (table cells); the first over is at `at`.
    Pipes { pipes: usize, at: usize },
}

impl Refused {
    /// Where in the source the limit is crossed.
    pub(crate) fn at(self) -> usize {
        match self {
            Refused::Nesting { at } | Refused::Lines { at, .. } | Refused::Pipes { at, .. } => at,
        }
    }
}

/// Lines an article may have. Each line can be a block (a paragraph, a
/// list item), and every block costs the parser and the sanitiser a few
/// hundred bytes: an 8 MiB article of one-letter paragraphs took 1.9 GB.
pub(crate) const MAX_LINES: usize = 200_000;

/// `|` an article may have: each can be a table cell (a table of
/// 1,000 × 4,000 one-letter cells took 2.6 GB).
pub(crate) const MAX_PIPES: usize = 200_000;

/// The first limit `md` is over, counted on the source before parsing.
fn over_limits(md: &str) -> Option<Refused> {
    let count = |byte: u8, max: usize| {
        let mut found = memchr::memchr_iter(byte, md.as_bytes());
        let at = found.nth(max)?;
        Some((max + 1 + found.count(), at))
    };
    // The newline that ends line MAX_LINES + 1, if there is one.
    if let Some((newlines, end)) = count(b'\n', MAX_LINES) {
        let at = md[..end].rfind('\n').map_or(0, |i| i + 1);
        return Some(Refused::Lines { lines: newlines + usize::from(!md.ends_with('\n')), at });
    }
    count(b'|', MAX_PIPES).map(|(pipes, at)| Refused::Pipes { pipes, at })
}

impl Body {
    #[cfg(test)]
    pub(crate) fn parse(md: &str) -> Body {
        let md = clean_source(md);
        Parsed::new(&md).body
    }

    /// Where `text_offset` of the rendered text comes from in the source.
    pub(crate) fn source_offset(&self, text_offset: usize) -> usize {
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

/// Elements (blocks, inline elements, raw HTML elements) nested deeper than
/// this are refused: parsing and sanitising such nesting costs depth ×
/// size, and no article needs it.
pub(crate) const MAX_DEPTH: usize = 100;

/// Sources up to this size keep their events between anchoring and
/// rendering; larger ones are parsed again to be rendered, so an article of
/// millions of tiny blocks never holds millions of events.
const KEEP_EVENTS_BYTES: usize = 1 << 20;

/// The events, with consecutive text merged so a highlight over `a &amp; b`
/// is one piece, not three.
fn events(md: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    pulldown_cmark::TextMergeWithOffset::new(Parser::new_ext(md, options()).into_offset_iter())
}

/// What an article shows readers besides its rendered text: code blocks,
/// raw HTML blocks and images are seen but never quoted (see
/// docs/content-format.md, "How a quote is found in the article").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Unquotable {
    pub code: bool,
    pub html: bool,
    pub images: bool,
    /// The source offset of the first of them.
    pub at: Option<usize>,
}

/// What of `clean_md` readers see but cannot quote. Parses it again: for
/// articles without rendered text, whose one error this explains.
pub(crate) fn unquotable(clean_md: &str) -> Unquotable {
    let mut found = Unquotable::default();
    for (event, source) in events(clean_md) {
        let seen = match event {
            Event::Start(Tag::CodeBlock(_)) => &mut found.code,
            Event::Start(Tag::Image { .. }) => &mut found.images,
            Event::Html(html) | Event::InlineHtml(html) => {
                let html = html.trim();
                // A comment is not shown; a tag alone shows nothing either.
                let mut text = html.split('<').filter_map(|part| part.split_once('>').map(|(_, t)| t));
                if html.starts_with("<!--") || !text.any(|t| !t.trim().is_empty()) {
                    continue;
                }
                &mut found.html
            }
            _ => continue,
        };
        *seen = true;
        found.at.get_or_insert(source.start);
    }
    found
}

/// What readers see but cannot quote (or do not see) at source offset `at`
/// of `clean_md`, if anything: "a code block", "raw HTML", "an image" or
/// "a link's address". For explaining a quote found in the source but not
/// in the rendered text.
pub(crate) fn unquotable_at(clean_md: &str, at: usize) -> Option<&'static str> {
    events(clean_md).find_map(|(event, source)| {
        if !source.contains(&at) {
            return None;
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => Some("a code block"),
            Event::Html(_) | Event::InlineHtml(_) => Some("raw HTML"),
            Event::Start(Tag::Image { .. }) => Some("an image"),
            Event::Start(Tag::Link { .. }) => Some("a link's address"),
            _ => None,
        }
    })
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

/// The rendered text of an event list, with its segments, event by event.
#[derive(Default)]
struct Stream {
    body: Body,
    in_image: usize,
    in_code: bool,
    /// The outermost image being read, and whether it has alt text yet.
    image: Option<(Range<usize>, bool)>,
}

impl Stream {
    fn boundary(&mut self) {
        if !self.body.text.is_empty() && !self.body.text.ends_with('\n') {
            self.body.text.push('\n');
        }
    }

    fn push(&mut self, index: usize, event: &Event<'_>, source: &Range<usize>) {
        let piece = match event {
            Event::Start(Tag::Image { .. }) => {
                if self.in_image == 0 {
                    self.image = Some((source.clone(), false));
                }
                self.in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                self.in_image -= 1;
                if self.in_image == 0
                    && let Some((at, false)) = self.image.take()
                {
                    self.body.images_without_alt.push(at);
                }
                None
            }
            Event::Text(t) | Event::Code(t) if self.in_image > 0 => {
                if let Some((_, alt)) = &mut self.image {
                    *alt |= !t.trim().is_empty();
                }
                None
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"<img")) {
                    self.body.images_without_alt.extend(alt::raw_images_without_alt(html, source.start));
                }
                None
            }
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
            Event::Start(tag) => {
                self.in_code |= matches!(tag, Tag::CodeBlock(_));
                if is_block(&tag.to_end()) {
                    self.boundary();
                }
                None
            }
            Event::End(tag) => {
                self.in_code &= !matches!(tag, TagEnd::CodeBlock);
                if is_block(tag) {
                    self.boundary();
                }
                None
            }
            Event::Text(t) | Event::Code(t) if self.in_image == 0 && !self.in_code => Some(nfc(t)),
            Event::SoftBreak if self.in_image == 0 => Some("\n".to_owned()),
            Event::HardBreak => {
                self.boundary();
                None
            }
            _ => None,
        };
        if let Some(piece) = piece {
            let body = &mut self.body;
            let start = body.text.len();
            body.text.push_str(&piece);
            body.segments.push(Segment { event: index, text: start..body.text.len(), source: source.clone() });
        }
    }
}

/// How deeply elements are nested, event by event: Markdown's own, and
/// that of the elements raw HTML opens and closes.
#[derive(Default)]
struct Depth {
    markdown: usize,
    html: usize,
}

/// HTML elements that never nest (void), or that the next one like them
/// closes (optional end tags): they do not count towards the depth.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rt",
    "rp",
];

impl Depth {
    /// Follows one event; the source offset where the depth first exceeds
    /// [`MAX_DEPTH`], if it does here.
    fn step(&mut self, event: &Event<'_>, source: &Range<usize>) -> Option<usize> {
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => return self.html(html, source.start),
            _ => {}
        }
        (self.markdown + self.html > MAX_DEPTH).then_some(source.start)
    }

    fn html(&mut self, html: &str, at: usize) -> Option<usize> {
        let bytes = html.as_bytes();
        for i in memchr::memchr_iter(b'<', bytes) {
            let (close, name_at) = if bytes.get(i + 1) == Some(&b'/') { (true, i + 2) } else { (false, i + 1) };
            let name_len = bytes[name_at.min(bytes.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
                continue; // not a tag: a comment, a doctype, a lone `<`
            }
            let name = html[name_at..name_at + name_len].to_ascii_lowercase();
            if FLAT_ELEMENTS.contains(&name.as_str()) {
                continue;
            }
            let tag_end = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e);
            if close {
                self.html = self.html.saturating_sub(1);
            } else if !html[..tag_end].ends_with('/') {
                self.html += 1;
                if self.markdown + self.html > MAX_DEPTH {
                    return Some(at + i);
                }
            }
        }
        None
    }
}

/// One annotation's place in the rendered text, and how to mark it.
#[derive(Clone, Debug)]
pub(crate) struct Highlight {
    /// Byte range in [`Body::text`].
    pub range: Range<usize>,
    /// `<article id>/<annotation id>`.
    pub key: String,
    /// The id its first piece carries: `a-<annotation id>`.
    pub anchor: String,
    pub stance: &'static str,
    /// The stance's symbol, shown with its word after the highlight.
    pub symbol: &'static str,
    /// `<stance>: <claim statement>`: the marks' tooltip and the label's
    /// accessible name.
    pub title: String,
}

/// The sanitised article body, and the highlights that found no place in it
/// (their text sat inside something the sanitiser removes).
#[derive(Clone, Debug, Default)]
pub(crate) struct Rendered {
    pub html: String,
    pub lost: Vec<usize>,
}

/// A stretch of highlighted text and the highlights over it.
struct Piece {
    text: String,
    highlights: Vec<usize>,
}

/// Renders an article body with its highlights (ranges in [`Body::text`]).
pub(crate) fn render(md: &str, highlights: &[Highlight]) -> Rendered {
    let md = clean_source(md);
    Parsed::new(&md).render(highlights)
}

/// Markdown (after [`clean_source`]) parsed for anchoring (its [`Body`])
/// and rendering, parsed once if it is small: parsing is a good part of
/// resolving an article.
pub(crate) struct Parsed<'a> {
    pub events: Events<'a>,
    pub body: Body,
}

/// What rendering an article starts from.
pub(crate) enum Events<'a> {
    /// The events, kept from parsing.
    Kept(Vec<(Event<'a>, Range<usize>)>),
    /// The source, to parse again (a large article: over `KEEP_EVENTS_BYTES`).
    Source(&'a str),
    /// Nothing (a refused article).
    None,
}

impl<'a> Parsed<'a> {
    pub(crate) fn new(clean_md: &'a str) -> Parsed<'a> {
        if let Some(refused) = over_limits(clean_md) {
            return Parsed { events: Events::None, body: Body { refused: Some(refused), ..Body::default() } };
        }
        let keep = clean_md.len() <= KEEP_EVENTS_BYTES;
        let (mut kept, mut stream, mut depth) = (Vec::new(), Stream::default(), Depth::default());
        for (index, (event, source)) in events(clean_md).enumerate() {
            if let Some(at) = depth.step(&event, &source) {
                let body = Body { refused: Some(Refused::Nesting { at }), ..Body::default() };
                return Parsed { events: Events::None, body };
            }
            stream.push(index, &event, &source);
            if keep {
                kept.push((event, source));
            }
        }
        let events = if keep { Events::Kept(kept) } else { Events::Source(clean_md) };
        Parsed { events, body: stream.body }
    }

    /// The sanitised HTML with `highlights`.
    pub(crate) fn render(self, highlights: &[Highlight]) -> Rendered {
        render_events(self.events, &self.body, highlights)
    }
}

/// [`Parsed::render`], for a caller that keeps the body.
pub(crate) fn render_events(events: Events<'_>, body: &Body, highlights: &[Highlight]) -> Rendered {
    let events: Box<dyn Iterator<Item = (Event<'_>, Range<usize>)>> = match events {
        Events::Kept(kept) => Box::new(kept.into_iter()),
        Events::Source(md) => Box::new(self::events(md)),
        Events::None => return Rendered::default(),
    };
    let mut pieces = Vec::new();
    let mut replaced: BTreeMap<usize, String> = BTreeMap::new();
    // Segments and highlights are both walked in text order, keeping the
    // highlights that may still overlap a segment: linear in both, where
    // trying every highlight on every segment was their product.
    let mut by_start: Vec<usize> = (0..highlights.len()).collect();
    by_start.sort_by_key(|&i| highlights[i].range.start);
    let (mut next, mut open) = (0, Vec::new());
    for segment in &body.segments {
        while let Some(&h) = by_start.get(next).filter(|&&h| highlights[h].range.start < segment.text.end) {
            open.push(h);
            next += 1;
        }
        open.retain(|&h| highlights[h].range.end > segment.text.start);
        let over: Vec<usize> =
            open.iter().copied().filter(|&h| overlaps(&highlights[h].range, &segment.text)).collect();
        if !over.is_empty() {
            replaced.insert(segment.event, split_segment(&body.text, segment, highlights, &over, &mut pieces));
        }
    }
    let mut code_blocks = Vec::new();
    let html = to_html(events, replaced, &mut code_blocks);
    substitute(&html, &pieces, &code_blocks, highlights)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The segment's text with a placeholder for each highlighted stretch;
/// `over` are the highlights that overlap the segment.
fn split_segment(
    text: &str,
    segment: &Segment,
    highlights: &[Highlight],
    over: &[usize],
    pieces: &mut Vec<Piece>,
) -> String {
    let r = &segment.text;
    let mut cuts = vec![r.start, r.end];
    for h in over.iter().map(|&h| &highlights[h]) {
        cuts.extend([h.range.start.max(r.start), h.range.end.min(r.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let part = w[0]..w[1];
        let mut on: Vec<usize> = over.iter().copied().filter(|&h| overlaps(&highlights[h].range, &part)).collect();
        on.sort_unstable();
        if on.is_empty() {
            out.push_str(&text[part]);
        } else {
            let _ = write!(out, "{MARK_OPEN}{}{MARK_CLOSE}", pieces.len());
            pieces.push(Piece { text: text[part].to_owned(), highlights: on });
        }
    }
    out
}

/// Sanitised HTML is made in chunks of whole top-level blocks of about this
/// size, so the sanitiser never holds a large article's tree at once.
const CHUNK_BYTES: usize = 64 << 10;

/// Pulldown's HTML, with highlighted text replaced and code blocks taken
/// out into placeholders, sanitised.
fn to_html<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    replaced: BTreeMap<usize, String>,
    code_blocks: &mut Vec<String>,
) -> String {
    let sink = Rc::new(RefCell::new(Chunks::default()));
    let events =
        Prepared { events: events.enumerate(), replaced, code_blocks, code: None, depth: 0, sink: sink.clone() };
    pulldown_cmark::html::write_html_fmt(SinkWriter(sink.clone()), events).expect("writing to a String");
    let mut chunks = sink.take();
    chunks.flush();
    chunks.clean
}

/// Pulldown's HTML as it is written, and what is sanitised of it.
#[derive(Default)]
struct Chunks {
    html: String,
    clean: String,
    /// Raw HTML was seen: an element it opens may close any later, so
    /// from there on the rest is sanitised as one.
    raw: bool,
}

impl Chunks {
    fn flush(&mut self) {
        self.clean.push_str(&sanitize(&self.html));
        self.html.clear();
    }
}

struct SinkWriter(Rc<RefCell<Chunks>>);

impl std::fmt::Write for SinkWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().html.push_str(s);
        Ok(())
    }
}

/// The events as pulldown's HTML writer gets them: highlighted text
/// replaced, code blocks made placeholders, footnote ids prefixed. Between
/// top-level blocks, the HTML written so far is sanitised (pulldown writes
/// each event before it asks for the next).
struct Prepared<'c, I> {
    events: std::iter::Enumerate<I>,
    replaced: BTreeMap<usize, String>,
    code_blocks: &'c mut Vec<String>,
    code: Option<(String, String)>,
    depth: usize,
    sink: Rc<RefCell<Chunks>>,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Prepared<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            {
                let mut sink = self.sink.borrow_mut();
                if self.depth == 0 && !sink.raw && sink.html.len() >= CHUNK_BYTES {
                    sink.flush();
                }
            }
            let (index, (event, _)) = self.events.next()?;
            match &event {
                Event::Start(_) => self.depth += 1,
                Event::End(_) => self.depth = self.depth.saturating_sub(1),
                Event::Html(_) | Event::InlineHtml(_) => self.sink.borrow_mut().raw = true,
                _ => {}
            }
            let event = match (self.replaced.remove(&index), event) {
                (Some(text), Event::Code(_)) => Event::Code(text.into()),
                (Some(text), _) => Event::Text(text.into()),
                (None, event) => event,
            };
            match (event, &mut self.code) {
                (Event::Start(Tag::CodeBlock(kind)), _) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_owned()
                        }
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    self.code = Some((lang, String::new()));
                }
                (Event::Text(t), Some((_, text))) => text.push_str(&t),
                (Event::End(TagEnd::CodeBlock), Some(_)) => {
                    let (lang, text) = self.code.take().expect("matched Some");
                    let placeholder = format!("{CODE_OPEN}{}{CODE_CLOSE}", self.code_blocks.len());
                    self.code_blocks.push(highlight::code_block(&text, &lang));
                    return Some(Event::Html(placeholder.into()));
                }
                (Event::FootnoteReference(name), _) => return Some(Event::FootnoteReference(footnote_id(&name))),
                (Event::Start(Tag::FootnoteDefinition(name)), _) => {
                    return Some(Event::Start(Tag::FootnoteDefinition(footnote_id(&name))));
                }
                (event, _) => return Some(event),
            }
        }
    }
}

/// Footnote ids become `fn-<name>`, the only ids an article may carry, so
/// they never collide with the page's own (`a-<annotation>`). Letters,
/// digits and `-` stay; any other character becomes `_<hex>_` (its code
/// point), so two names never share an id (`[^a b]` is `fn-a_20_b`,
/// `[^a-b]` is `fn-a-b`).
fn footnote_id(name: &str) -> CowStr<'static> {
    let mut safe = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            safe.push(c);
        } else {
            safe.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    format!("fn-{safe}").into()
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // A raw <mark> would look like a highlight that no annotation backs.
    b.rm_tags(["mark"]);
    b.url_schemes(SAFE_SCHEMES.into_iter().collect());
    // `cite` holds an address ammonia does not check, and no reader sees it.
    for tag in ["blockquote", "q", "del", "ins"] {
        b.rm_tag_attributes(tag, ["cite"]);
    }
    b.add_tag_attributes("div", ["id"]).add_tag_attributes("a", ["id"]);
    b.add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"]);
    b.add_allowed_classes("div", ["footnote-definition"]);
    b.attribute_filter(|_, attr, value| {
        if attr == "id" && !value.starts_with("fn-") {
            return None;
        }
        // Whatever ammonia checks or not: no address of another scheme
        // survives in any attribute that holds one.
        if URL_ATTRIBUTES.contains(&attr) && !safe_address(value) {
            return None;
        }
        Some(value.into())
    });
    b
});

const SAFE_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Attributes whose value a browser may load or follow as an address.
const URL_ATTRIBUTES: [&str; 14] = [
    "href",
    "src",
    "cite",
    "xlink:href",
    "action",
    "formaction",
    "data",
    "poster",
    "ping",
    "background",
    "longdesc",
    "srcset",
    "codebase",
    "usemap",
];

/// A relative address, or one of [`SAFE_SCHEMES`]. Read as browsers do:
/// tabs and line breaks anywhere, and controls and spaces around it, are
/// ignored; a scheme is what comes before a `:` that precedes any `/`,
/// `?` or `#`.
fn safe_address(value: &str) -> bool {
    let cleaned: String =
        value.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned[i..].starts_with(':') => SAFE_SCHEMES.iter().any(|s| cleaned[..i].eq_ignore_ascii_case(s)),
        _ => true,
    }
}

/// Sanitises untrusted HTML: scripts, event handlers, unsafe URLs go.
pub(crate) fn sanitize(html: &str) -> String {
    alt::give_images_alt(SANITIZER.clean(html).to_string())
}

/// Markdown for short texts (notes), sanitised, without highlights.
pub(crate) fn render_note(md: &str) -> String {
    render(md, &[]).html.trim_end().to_owned()
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
