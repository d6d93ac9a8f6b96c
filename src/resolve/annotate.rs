//! A sidecar's annotations: each checked field by field and its quote
//! anchored to exactly one passage of the article's rendered text.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::Findings;
use crate::anchor::{self, AnchorError, FindOptions, Found, Normalized, Pick, Selector};
use crate::diagnostic::{Code, Diagnostic, Fix, LineStarts, Location};
use crate::escape;
use crate::load::SourceFile;
use crate::markdown::{self, Body};
use crate::model::{Annotation, Form, Id, Matched, Stance};
use crate::sidecar::{RawAnnotation, Src};

/// The article's Markdown, to point diagnostics at its lines.
pub(super) struct MdText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub body_offset: usize,
    pub body: &'a Body,
    /// The `.md` file's line index, made when the first location needs it:
    /// an article with many misquotes is not rescanned for each.
    pub lines: OnceCell<LineStarts>,
}

impl MdText<'_> {
    /// The location in the `.md` file of a range of the rendered text.
    pub(super) fn location(&self, range: std::ops::Range<usize>) -> Location {
        let start = self.body_offset + self.body.source_offset(range.start);
        let end = self.body_offset + self.body.source_offset(range.end.saturating_sub(1)) + 1;
        let lines = self.lines.get_or_init(|| LineStarts::new(self.text));
        Location::in_lines(self.path, self.text, start..end.max(start), lines)
    }
}

/// The misquotes of a sidecar for which the nearest passage is looked for;
/// the others are reported without it, so a sidecar of thousands of
/// misquotes costs no more than this many searches.
pub(super) const MAX_NEAREST_SEARCHES: usize = 20;

/// An annotation anchored in the text, and where its quote is written.
pub(super) struct Anchored {
    pub range: Range<usize>,
    pub annotation: Annotation,
    pub quote_at: Location,
}

/// Checks every annotation of a sidecar and anchors the quotes in the
/// article's text (none, if the article is unusable). Reading order.
pub(super) fn annotations(
    findings: &mut Findings,
    file: &SourceFile,
    article: Option<(&MdText<'_>, &Id)>,
) -> Vec<Anchored> {
    // Every annotation is located (its id, its quote): a line index keeps
    // that linear in the size of the sidecar.
    let lines = LineStarts::new(&file.text);
    let (raw, errors) = Src { lines: Some(&lines), ..Src::whole(&file.path, &file.text) }.parse_sidecar();
    findings.diagnostics.extend(errors);
    let normalized = article.map(|(md, _)| {
        let mut text = Normalized::new(&md.body.text);
        text.prepare(raw.len());
        text
    });
    let mut searches = 0;
    let folded = FoldedText::new(normalized.as_ref(), raw.len());
    let mut seen: BTreeMap<Id, Location> = BTreeMap::new();
    let mut anchored = Vec::new();
    for (src, a) in &raw {
        let src = *src;
        let mut id = findings.id(src, &a.id, "annotation");
        if let Some(dup) = id.as_ref().filter(|id| seen.contains_key(*id)) {
            let message = format!("the annotation id `{dup}` is used twice in this sidecar");
            let d = Diagnostic::error(Code::DuplicateId, message, src.at(&a.id))
                .label("used again here")
                .note(seen[dup].clone(), "first used here")
                .help("annotation ids are anchors in the article's URL: give each a unique id");
            findings.push(d);
            id = None; // still check the other fields, but anchor nothing
        }
        if let Some(id) = &id {
            seen.insert(id.clone(), src.at(&a.id));
        }
        let claim = findings.claim_ref(src, &a.claim, "claim");
        findings.used_claims.extend(claim.clone());
        let stance = Stance::parse(&a.stance.value);
        if stance.is_none() {
            let d =
                Diagnostic::error(Code::BadStance, format!("`{}` is not a stance", a.stance.value), src.at(&a.stance))
                    .label("unknown stance")
                    .help(format!("a stance is {}", Stance::choices()));
            findings.push(d);
        }
        let by = a.by.as_ref().and_then(|b| findings.actor_ref(src, b, "by"));
        let via = a.via.as_ref().and_then(|v| findings.actor_ref(src, v, "via"));
        if let (Some(b), Some(v), Some(by_at), Some(via_at)) = (&by, &via, &a.by, &a.via)
            && b == v
        {
            let d = Diagnostic::warning(Code::ByIsVia, format!("`via` names the speaker `{v}` again"), src.at(via_at))
                .label("the same actor as `by`")
                .note(src.at(by_at), "the speaker")
                .help("`via` is the channel that carried the words (an agency, a broadcaster): remove it when the speaker published them directly");
            findings.push(d);
        }
        let said_on = a.said_on.as_ref().and_then(|d| super::date(findings, src, d));
        let form = match &a.form {
            Some(f) => super::registry::keyword(findings, src, f, "form", Form::parse, Form::choices()),
            None => Some(Form::default_for(by.as_ref())),
        };
        let Some(((md, article), text)) = article.zip(normalized.as_ref()) else { continue };
        let found = anchor(findings, src, a, md, text, &mut searches);
        let (Some(id), Some(claim), Some(stance), Some(form), Some(found)) = (id, claim, stance, form, found) else {
            continue;
        };
        let range = found.range.clone();
        let annotation = Annotation {
            id,
            quote: words(&md.body.text[range.clone()]),
            matched: Matched::new(
                &md.body.text,
                range.clone(),
                folded.occurrences(&found, &md.body.text[range.clone()]),
            ),
            claim,
            stance,
            form,
            translation: a.translation.as_ref().map(|t| t.value.clone()),
            by,
            via,
            said_on,
            note: a.note.as_deref().map(markdown::render_note),
            note_source: a.note.clone(),
        };
        let defs = findings.annotation_defs.entry(article.clone()).or_default();
        Arc::make_mut(defs).insert(annotation.id.clone(), src.at(&a.id));
        anchored.push(Anchored { range, annotation, quote_at: src.at(&a.quote) });
    }
    // Reading order: where each passage starts, then where it ends.
    anchored.sort_by_key(|a| (a.range.start, a.range.end));
    anchored
}

/// The normalised text in lower case, made when first needed: browsers
/// match a link's text fragment ignoring case, so a quote that occurs once
/// as written may occur again for them ("The bridge" and "the bridge").
struct FoldedText<'a> {
    normalized: Option<&'a Normalized>,
    lower: OnceCell<String>,
    /// Counting costs a scan of the text per quote: beyond the anchoring's
    /// own budget, the count as written is kept.
    affordable: bool,
}

impl<'a> FoldedText<'a> {
    fn new(normalized: Option<&'a Normalized>, quotes: usize) -> FoldedText<'a> {
        let affordable = normalized.is_some_and(|n| quotes.saturating_mul(n.text.len()) <= anchor::SCAN_BUDGET);
        FoldedText { normalized, lower: OnceCell::new(), affordable }
    }

    /// How often the passage occurs for a browser: at least as often as
    /// it does as written.
    fn occurrences(&self, found: &Found, passage: &str) -> usize {
        let Some(normalized) = self.normalized.filter(|_| found.occurrences == 1 && self.affordable) else {
            return found.occurrences;
        };
        let lower = self.lower.get_or_init(|| normalized.text.to_lowercase());
        let needle = anchor::normalize(passage).trim().to_lowercase();
        if needle.is_empty() {
            return found.occurrences;
        }
        memchr::memmem::find_iter(lower.as_bytes(), needle.as_bytes()).count().max(found.occurrences)
    }
}

/// Anchors one quote; reports why not when it cannot.
fn anchor(
    findings: &mut Findings,
    src: Src<'_>,
    a: &RawAnnotation,
    md: &MdText<'_>,
    text: &Normalized,
    searches: &mut usize,
) -> Option<Found> {
    let selector = Selector {
        quote: &a.quote.value,
        prefix: a.prefix.as_ref().map(|p| p.value.as_str()),
        suffix: a.suffix.as_ref().map(|s| s.value.as_str()),
    };
    let options = FindOptions { nearest: FindOptions::default().nearest.filter(|_| *searches < MAX_NEAREST_SEARCHES) };
    let error = match anchor::find_with(text, selector, options) {
        Ok(found) => return Some(found),
        Err(e) => e,
    };
    let searched = matches!(error, AnchorError::NotFound { nearest: _ }) && options.nearest.is_some();
    if matches!(error, AnchorError::NotFound { .. }) {
        *searches += 1;
    }
    let here = src.at(&a.quote);
    let fix = match &error {
        AnchorError::NotFound { .. } if searched => {
            anchor::loose_match(text, &a.quote.value).map(|range| quote_fix(src, a, &words(&md.body.text[range])))
        }
        AnchorError::Ambiguous { .. } | AnchorError::ContextMismatch { .. } => {
            anchor::repair(text, selector).and_then(|repair| context_fix(src, a, repair))
        }
        _ => None,
    };
    let d = match error {
        AnchorError::Empty => {
            Diagnostic::error(Code::EmptyQuote, "the quote is empty", here).help("copy the passage from the article")
        }
        AnchorError::NotFound { nearest } => {
            // Within the same budget as nearest passages: each look parses the article again.
            let hidden = (*searches <= MAX_NEAREST_SEARCHES).then(|| hidden_in(md, &a.quote.value)).flatten();
            match hidden {
                Some((what, range)) => hidden_in_source(here, md, what, range),
                None => not_found(here, md, &a.quote.value, nearest),
            }
        }
        AnchorError::Ambiguous { total, occurrences, picks } => {
            let message =
                format!("the quote occurs {total} times in the article{}", unlisted(total, occurrences.len()));
            let mut d = Diagnostic::error(Code::AmbiguousQuote, message, here)
                .label("matches more than one passage")
                .help("add a `prefix` (the words just before) or a `suffix` (the words just after) that picks one");
            for (i, (r, pick)) in occurrences.into_iter().zip(picks).enumerate() {
                let how = match pick {
                    Pick::Prefix(p) => format!(": pick it with `prefix: {}`", escape::yaml_str(&p)),
                    Pick::Suffix(s) => format!(": pick it with `suffix: {}`", escape::yaml_str(&s)),
                    Pick::None => String::new(),
                };
                d = d.note(md.location(r), format!("occurrence {}{how}", i + 1));
            }
            d
        }
        AnchorError::ContextMismatch { total, occurrences } => {
            let given = [("prefix", &a.prefix), ("suffix", &a.suffix)]
                .into_iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {}", escape::yaml_str(&v.value))))
                .collect::<Vec<_>>()
                .join(" and ");
            let message = format!("the quote occurs, but never with {given}{}", unlisted(total, occurrences.len()));
            let mut d = Diagnostic::error(Code::QuoteContextMismatch, message, here)
                .help("`prefix` must be the text just before the quote and `suffix` the text just after it");
            for r in occurrences {
                let mut context = Vec::new();
                if a.prefix.is_some() {
                    context.push(format!("preceded by “{}”", last_words(&md.body.text[..r.start], 5)));
                }
                if a.suffix.is_some() {
                    context.push(format!("followed by “{}”", first_words(&md.body.text[r.end..], 5)));
                }
                d = d.note(md.location(r), format!("here it is {}", context.join(" and ")));
            }
            d
        }
    };
    findings.push(match fix {
        Some(fix) => d.fix(fix),
        None => d,
    });
    None
}

/// The quote replaced by the article's own text (`check --fix`), for a
/// quote that differs from it only in case or whitespace.
fn quote_fix(src: Src<'_>, a: &RawAnnotation, passage: &str) -> Fix {
    Fix {
        file: src.file.to_owned(),
        span: src.at(&a.quote).span,
        replacement: escape::yaml_str(passage),
        description: format!("replaced the quote with the article's text “{passage}”"),
    }
}

/// The `prefix` or `suffix` that picks the occurrence the given ones
/// nearly match (`check --fix`); none when both would change (a fix is one
/// edit).
fn context_fix(src: Src<'_>, a: &RawAnnotation, repair: anchor::Repair) -> Option<Fix> {
    let (field, value, new) = match (repair.prefix, repair.suffix) {
        (Some(new), None) => ("prefix", a.prefix.as_ref()?, new),
        (None, Some(new)) => ("suffix", a.suffix.as_ref()?, new),
        _ => return None,
    };
    let replacement = escape::yaml_str(&new);
    Some(Fix {
        file: src.file.to_owned(),
        span: src.at(value).span,
        description: format!("set `{field}` to {replacement}"),
        replacement,
    })
}

fn not_found(
    here: Location,
    md: &MdText<'_>,
    quote: &str,
    nearest: Option<(std::ops::Range<usize>, usize)>,
) -> Diagnostic {
    let d = Diagnostic::error(Code::QuoteNotFound, "the quote is not in the article", here)
        .label("not found in the article's text");
    match nearest {
        Some((range, edits)) => {
            let text = &md.body.text[range.clone()];
            let passage = words(text);
            let plural = if edits == 1 { "" } else { "s" };
            let d = d.note(md.location(range), format!("the nearest passage, {edits} character{plural} away"));
            match invisible_difference(quote, text) {
                Some(difference) => d.help(format!(
                    "{difference}: readers cannot see it, but a quote must match character for character (the article reads “{passage}”)"
                )),
                None => d.help(format!("the article reads “{passage}”: copy the passage exactly (case matters)")),
            }
        }
        None => match first_invisible(quote, "") {
            Some(found) => d.help(format!(
                "{}, a character readers cannot see: check that the article has it there",
                describe("the quote", quote, found)
            )),
            None => d.help(
                "copy the passage from the article exactly; quotes are matched on the text readers see (case matters)",
            ),
        },
    }
}

/// Where the quote stands, as written, in what the article's source holds
/// but its rendered text does not (see [`markdown::unquotable_at`]).
fn hidden_in(md: &MdText<'_>, quote: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    let source = &md.text[md.body_offset..];
    let at = memchr::memmem::find(source.as_bytes(), quote.as_bytes())?;
    let at = md.body_offset + at;
    crate::markdown::unquotable_at(source, at - md.body_offset).map(|what| (what, at..at + quote.len()))
}

/// A quote that is in the article's source, inside something a quote
/// never matches: readers see it (code, raw HTML, an image) or do not (a
/// link's address), and the error says which.
fn hidden_in_source(here: Location, md: &MdText<'_>, what: &str, range: std::ops::Range<usize>) -> Diagnostic {
    let seen =
        if what == "a link's address" { "which readers do not see" } else { "which readers see but cannot quote" };
    let help = match what {
        "raw HTML" => {
            "write the passage as Markdown (`<div>` and other HTML blocks are shown, but quotes never match their text), or quote other text"
        }
        "a code block" => "quote the article's prose: code blocks are shown, but quotes never match them",
        _ => "quote the text readers see; see docs/content-format.md, “What readers see but cannot quote”",
    };
    let note = Location::in_text(md.path, md.text, range);
    Diagnostic::error(Code::QuoteNotFound, "the quote is not in the article", here)
        .label(format!("only in {what}, {seen}"))
        .note(note, format!("here, in {what}"))
        .help(help)
}

/// Characters readers do not see, by name: zero-width spaces and joiners,
/// the soft hyphen, bidirectional marks, embeddings and isolates, the
/// word joiner and its kin, and the byte order mark.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

/// The first invisible character the quote has more of than the passage,
/// or the passage more of than the quote, named with the word before it:
/// "the quote has U+200B ZERO WIDTH SPACE after “Kupiansk”, which the
/// article does not".
fn invisible_difference(quote: &str, passage: &str) -> Option<String> {
    if let Some(found) = first_invisible(quote, passage) {
        return Some(format!("{}, which the article does not", describe("the quote", quote, found)));
    }
    first_invisible(passage, quote)
        .map(|found| format!("{}, which the quote does not", describe("the article", passage, found)))
}

/// The first invisible character of `text` that `other` has fewer of.
fn first_invisible(text: &str, other: &str) -> Option<(usize, char)> {
    let count = |text: &str, c: char| text.chars().filter(|&x| x == c).count();
    text.char_indices().find(|&(_, c)| invisible_name(c).is_some() && count(text, c) > count(other, c))
}

/// "the quote has U+200B ZERO WIDTH SPACE after “Kupiansk”".
fn describe(whose: &str, text: &str, (at, c): (usize, char)) -> String {
    let before = last_words(&text[..at], 1);
    let place = if before.is_empty() { "at its start".to_owned() } else { format!("after “{before}”") };
    format!("{whose} has U+{:04X} {} {place}", c as u32, invisible_name(c).unwrap_or_default())
}

/// What an error about a quote says of the occurrences it does not list.
fn unlisted(total: usize, listed: usize) -> String {
    match total - listed {
        0 => String::new(),
        more => format!(" (the first {listed} are listed, and {more} more)"),
    }
}

/// The last `n` words of `s`, whitespace collapsed.
fn last_words(s: &str, n: usize) -> String {
    let all: Vec<&str> = s.split_whitespace().collect();
    all[all.len().saturating_sub(n)..].join(" ")
}

/// The first `n` words of `s`, whitespace collapsed.
fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Whitespace collapsed, as readers see it.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
