//! Quote anchoring: normalise text the way readers perceive it and find a
//! quote (W3C TextQuoteSelector: exact, prefix, suffix) in an article.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

mod index;

pub(crate) use crate::suggest::passage::{Limits, Work};
pub(crate) use index::GramIndex;

/// Occurrences listed in an error about a quote that occurs more than once;
/// the others are counted.
pub(crate) const MAX_LISTED: usize = 10;

/// Beyond this many occurrences, no `prefix`/`suffix` is suggested: telling
/// each listed one from all the others would cost listed × occurrences.
const MAX_PICKED: usize = 1000;

/// Scanning the text once per quote costs quotes × text bytes; beyond this,
/// the text is indexed once instead ([`GramIndex`]).
pub(crate) const SCAN_BUDGET: usize = 64 << 20;

/// Text after normalisation, remembering where each character came from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Normalized {
    pub text: String,
    /// The places where `text` and the original stop lining up byte for
    /// byte: a run of whitespace collapsed into one space, or a folded
    /// character of another length. Between two jumps, and before the
    /// first, the offset between the two texts is constant. Most
    /// characters need no entry, which keeps normalising cheap.
    jumps: Vec<Jump>,
    /// Built by [`Normalized::prepare`] when many quotes are looked for.
    index: Option<GramIndex>,
}

/// One character of the normalised text that stands for `orig`.
#[derive(Clone, Debug)]
struct Jump {
    /// Its byte offset in the normalised text.
    at: usize,
    /// Its length there.
    len: usize,
    orig: Range<usize>,
}

/// The character a reader would not tell apart from `c`, for matching.
fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' => '-',
        c => c,
    }
}

impl Normalized {
    /// Normalises text that is already in NFC (see [`nfc`]).
    pub(crate) fn new(original: &str) -> Normalized {
        let mut out = Normalized { text: String::with_capacity(original.len()), jumps: Vec::new(), index: None };
        let mut chars = original.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let (folded, end) = if c.is_whitespace() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_whitespace()) {
                    end = j + d.len_utf8();
                    chars.next();
                }
                (' ', end)
            } else {
                (fold(c), i + c.len_utf8())
            };
            if end - i != folded.len_utf8() {
                out.jumps.push(Jump { at: out.text.len(), len: folded.len_utf8(), orig: i..end });
            }
            out.text.push(folded);
        }
        out
    }

    /// Gets ready for `quotes` quotes to be looked for: above a total of
    /// `SCAN_BUDGET` bytes to scan, indexes the text, so finding every
    /// quote stays near-linear in the text and the number of quotes.
    pub(crate) fn prepare(&mut self, quotes: usize) {
        if self.index.is_none() && quotes.saturating_mul(self.text.len()) > SCAN_BUDGET {
            self.index = GramIndex::new(&self.text);
        }
    }

    /// Every occurrence of `needle`, overlapping ones included, in order.
    fn occurrences(&self, needle: &str) -> Vec<Range<usize>> {
        match self.index.as_ref().and_then(|index| index.occurrences(&self.text, needle)) {
            Some(found) => found,
            None => occurrences(&self.text, needle),
        }
    }

    /// The original byte range of the normalised character at `at`.
    fn origin(&self, at: usize) -> Range<usize> {
        let len = self.text[at..].chars().next().map_or(1, char::len_utf8);
        match self.jumps.partition_point(|j| j.at <= at).checked_sub(1).map(|k| &self.jumps[k]) {
            None => at..at + len,
            Some(j) if at < j.at + j.len => j.orig.clone(),
            Some(j) => {
                let start = j.orig.end + (at - j.at - j.len);
                start..start + len
            }
        }
    }

    /// The original byte range behind `range` of the normalised text.
    pub(crate) fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.end > self.text.len() {
            return 0..0;
        }
        let mut last = range.end - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        self.origin(range.start).start..self.origin(last).end
    }
}

/// Unicode NFC, the first step of normalisation on both sides.
pub(crate) fn nfc(s: &str) -> String {
    // Most text is already NFC (all ASCII is): the quick check skips the
    // decompose-recompose round trip, which dominated resolving.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// A quote, prepared for matching: NFC, folded, whitespace collapsed.
pub(crate) fn normalize(s: &str) -> String {
    Normalized::new(&nfc(s)).text
}

/// What an annotation points at.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Selector<'a> {
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AnchorError {
    /// The quote is empty once whitespace is removed.
    Empty,
    /// No occurrence. `nearest` is the passage closest to the quote by
    /// edit distance (in the original text), with the number of edits.
    NotFound { nearest: Option<(Range<usize>, usize)> },
    /// `total` occurrences that `prefix`/`suffix` do not tell apart; the
    /// first [`MAX_LISTED`], and for each, a `prefix` or `suffix` that would
    /// pick it.
    Ambiguous { total: usize, occurrences: Vec<Range<usize>>, picks: Vec<Pick> },
    /// The quote occurs `total` times, but never with this prefix/suffix;
    /// the first [`MAX_LISTED`] occurrences.
    ContextMismatch { total: usize, occurrences: Vec<Range<usize>> },
}

/// Context that picks one occurrence out of several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pick {
    Prefix(String),
    Suffix(String),
    /// Identical context for as far as we look.
    None,
}

/// Every occurrence of `needle` in `haystack`, overlapping ones included.
fn occurrences(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    // Every quote of every article is looked for: a vectorised search.
    let finder = memchr::memmem::Finder::new(needle);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&haystack.as_bytes()[from..]) {
        let start = from + i;
        found.push(start..start + needle.len());
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// How a quote is looked for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FindOptions {
    /// Look for the nearest passage when the quote is not found, within
    /// these limits; `None`: do not.
    pub nearest: Option<Limits>,
}

impl Default for FindOptions {
    fn default() -> FindOptions {
        FindOptions { nearest: Some(Limits::default()) }
    }
}

/// The one place a selector points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// Its range in the original (un-normalised) text.
    pub range: Range<usize>,
    /// How many times the quote alone occurs, whatever `prefix` and
    /// `suffix` say: a link to the passage needs context when it is over 1.
    pub occurrences: usize,
}

/// Finds the one place `selector` points at; returns its range in the
/// original (un-normalised) text.
#[cfg(test)]
pub(crate) fn find(text: &Normalized, selector: Selector<'_>) -> Result<Range<usize>, AnchorError> {
    find_with(text, selector, FindOptions::default()).map(|found| found.range)
}

/// [`find`], with options, telling how often the quote occurs.
pub(crate) fn find_with(text: &Normalized, selector: Selector<'_>, options: FindOptions) -> Result<Found, AnchorError> {
    let quote = normalize(selector.quote);
    let quote = quote.trim();
    if quote.is_empty() {
        return Err(AnchorError::Empty);
    }
    let all = text.occurrences(quote);
    if all.is_empty() {
        let nearest = options.nearest.and_then(|limits| {
            let (range, edits) = crate::suggest::passage::nearest(&text.text, quote, limits, &mut Work::default())?;
            Some((text.original(range), edits))
        });
        return Err(AnchorError::NotFound { nearest });
    }
    let prefix = selector.prefix.map(normalize);
    let suffix = selector.suffix.map(normalize);
    let fits = |r: &Range<usize>| {
        prefix.as_deref().is_none_or(|p| text.text[..r.start].trim_end().ends_with(p.trim_end()))
            && suffix.as_deref().is_none_or(|s| text.text[r.end..].trim_start().starts_with(s.trim_start()))
    };
    let chosen: Vec<Range<usize>> = all.iter().filter(|r| fits(r)).cloned().collect();
    let listed = |v: &[Range<usize>]| v.iter().take(MAX_LISTED).map(|r| text.original(r.clone())).collect();
    match chosen.as_slice() {
        [one] => Ok(Found { range: text.original(one.clone()), occurrences: all.len() }),
        [] => Err(AnchorError::ContextMismatch { total: all.len(), occurrences: listed(&all) }),
        many => {
            Err(AnchorError::Ambiguous { total: many.len(), occurrences: listed(many), picks: picks(&text.text, many) })
        }
    }
}

/// How far a given `prefix`/`suffix` may be from the text it was meant to
/// copy, in edits (more for longer ones: a third of their length).
const NEAR_EDITS: usize = 2;

/// New values for a selector's `prefix` and `suffix` (`None`: keep it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Repair {
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

/// The `prefix`/`suffix` a quote that occurs more than once should have,
/// when the ones given show which occurrence was meant: their text is
/// within a few edits (2, or a third of their length) of the text around
/// exactly one occurrence, and further from every other. What is given
/// and fits that occurrence is kept; what is given and does not is
/// replaced by the fewest whole words that, with the rest, pick it out.
/// With no `prefix` or `suffix`, nothing tells the occurrences apart: no
/// repair.
pub(crate) fn repair(text: &Normalized, selector: Selector<'_>) -> Option<Repair> {
    let quote = normalize(selector.quote);
    let quote = quote.trim();
    let prefix = selector.prefix.map(normalize).map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    let suffix = selector.suffix.map(normalize).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    if quote.is_empty() || (prefix.is_none() && suffix.is_none()) {
        return None;
    }
    let all = text.occurrences(quote);
    if all.is_empty() || all.len() > MAX_PICKED {
        return None;
    }
    let before = |r: &Range<usize>| text.text[..r.start].trim_end();
    let after = |r: &Range<usize>| text.text[r.end..].trim_start();
    let distance = |r: &Range<usize>| {
        let p = prefix.as_deref().map_or(0, |p| near(p, |len| tail(before(r), len)));
        let s = suffix.as_deref().map_or(0, |s| near(s, |len| head(after(r), len)));
        p + s
    };
    let mut scored: Vec<(usize, usize)> = all.iter().enumerate().map(|(i, r)| (distance(r), i)).collect();
    scored.sort();
    let given = prefix.as_deref().map_or(0, |p| p.chars().count()) + suffix.as_deref().map_or(0, |s| s.chars().count());
    let (best, meant) = scored[0];
    let unique = scored.get(1).is_none_or(|(next, _)| *next > best);
    if !unique || best > (given / 3).max(NEAR_EDITS) {
        return None;
    }
    let r = &all[meant];
    let keep_prefix = prefix.as_deref().is_some_and(|p| before(r).ends_with(p));
    let keep_suffix = suffix.as_deref().is_some_and(|s| after(r).starts_with(s));
    for k in 1..=8 {
        let new_prefix = match &prefix {
            Some(p) if keep_prefix => Some(p.clone()),
            Some(_) => Some(last_words(&text.text[..r.start], k)).filter(|p| !p.is_empty()),
            None => None,
        };
        let new_suffix = match &suffix {
            Some(s) if keep_suffix => Some(s.clone()),
            Some(_) => Some(first_words(&text.text[r.end..], k)).filter(|s| !s.is_empty()),
            None => None,
        };
        let fits = |o: &Range<usize>| {
            new_prefix.as_deref().is_none_or(|p| before(o).ends_with(p))
                && new_suffix.as_deref().is_none_or(|s| after(o).starts_with(s))
        };
        if all.iter().filter(|o| fits(o)).count() == 1 && fits(r) {
            return Some(Repair {
                prefix: new_prefix.filter(|_| !keep_prefix),
                suffix: new_suffix.filter(|_| !keep_suffix),
            });
        }
    }
    None
}

/// The edits from `given` to the text next to an occurrence (`cut(n)`: its
/// `n` characters there) of the given length give or take a few (a letter
/// dropped or added), the closest.
fn near<'a>(given: &str, cut: impl Fn(usize) -> &'a str) -> usize {
    let n = given.chars().count();
    (n.saturating_sub(NEAR_EDITS)..=n + NEAR_EDITS).map(|len| strsim::levenshtein(given, cut(len))).min().unwrap_or(0)
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let cut = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[cut..] }
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The one passage a quote that is not found matches when case and
/// whitespace are ignored (quote marks and dashes are folded anyway), in
/// the original text; `None` if none or several do.
pub(crate) fn loose_match(text: &Normalized, quote: &str) -> Option<Range<usize>> {
    // Each kept character of the text, lowered where that keeps its
    // length, with where it stands in the normalised text.
    let squeeze = |s: &str| -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut at = Vec::new();
        for (i, c) in s.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            let mut lower = c.to_lowercase();
            let c = match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            at.extend(std::iter::repeat_n(i, c.len_utf8()));
            out.push(c);
        }
        (out, at)
    };
    let (needle, _) = squeeze(&normalize(quote));
    if needle.is_empty() {
        return None;
    }
    let (haystack, at) = squeeze(&text.text);
    let mut found = memchr::memmem::find_iter(haystack.as_bytes(), needle.as_bytes());
    let (Some(start), None) = (found.next(), found.next()) else { return None };
    let last = start + needle.len() - 1;
    let end = at[last] + text.text[at[last]..].chars().next().map_or(1, char::len_utf8);
    Some(text.original(at[start]..end))
}

/// For each listed occurrence (the first [`MAX_LISTED`]), the fewest whole
/// words before (or after) it that no other occurrence shares.
fn picks(text: &str, occurrences: &[Range<usize>]) -> Vec<Pick> {
    if occurrences.len() > MAX_PICKED {
        return vec![Pick::None; occurrences.len().min(MAX_LISTED)];
    }
    let words_before = |r: &Range<usize>, k: usize| last_words(&text[..r.start], k);
    let words_after = |r: &Range<usize>, k: usize| first_words(&text[r.end..], k);
    occurrences
        .iter()
        .take(MAX_LISTED)
        .enumerate()
        .map(|(i, r)| {
            let others = || occurrences.iter().enumerate().filter(move |(j, _)| *j != i).map(|(_, o)| o);
            for k in 1..=8 {
                let p = words_before(r, k);
                if !p.is_empty() && others().all(|o| !text[..o.start].trim_end().ends_with(&p)) {
                    return Pick::Prefix(p);
                }
                let s = words_after(r, k);
                if !s.is_empty() && others().all(|o| !text[o.end..].trim_start().starts_with(&s)) {
                    return Pick::Suffix(s);
                }
            }
            Pick::None
        })
        .collect()
}

fn last_words(s: &str, k: usize) -> String {
    let s = s.trim_end();
    let cut = s.char_indices().rev().filter(|(_, c)| *c == ' ').nth(k - 1).map_or(0, |(i, _)| i + 1);
    s[cut..].to_owned()
}

fn first_words(s: &str, k: usize) -> String {
    let s = s.trim_start();
    let cut = s.char_indices().filter(|(_, c)| *c == ' ').nth(k - 1).map_or(s.len(), |(i, _)| i);
    s[..cut].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str, quote: &str) -> Result<String, AnchorError> {
        let n = Normalized::new(&nfc(text));
        find(&n, Selector { quote, ..Selector::default() }).map(|r| nfc(text)[r].to_owned())
    }

    #[test]
    fn folds_quotes_dashes_and_whitespace() {
        let text = "He said “it’s over” — twice,\u{a0}\n  then left.";
        assert_eq!(anchor(text, "\"it's over\" - twice, then").unwrap(), "“it’s over” — twice,\u{a0}\n  then");
    }

    #[test]
    fn is_case_sensitive() {
        assert!(matches!(anchor("Kupiansk", "kupiansk"), Err(AnchorError::NotFound { .. })));
    }

    #[test]
    fn nfc_makes_composed_and_decomposed_equal() {
        assert_eq!(anchor("Cafe\u{301} du port", "Café").unwrap(), "Café");
    }

    #[test]
    fn reports_ambiguity_and_resolves_it_with_prefix_or_suffix() {
        let text = nfc("one cat, two cat.");
        let n = Normalized::new(&text);
        let q = Selector { quote: "cat", ..Selector::default() };
        let picks = vec![Pick::Prefix("one".into()), Pick::Prefix("two".into())];
        assert_eq!(find(&n, q), Err(AnchorError::Ambiguous { total: 2, occurrences: vec![4..7, 13..16], picks }));
        assert_eq!(find(&n, Selector { prefix: Some("two "), ..q }), Ok(13..16));
        assert_eq!(find(&n, Selector { prefix: Some("two"), ..q }), Ok(13..16), "junction whitespace is free");
        assert_eq!(find(&n, Selector { suffix: Some(","), ..q }), Ok(4..7));
        assert!(matches!(find(&n, Selector { suffix: Some("!"), ..q }), Err(AnchorError::ContextMismatch { .. })));
    }

    #[test]
    fn overlapping_occurrences_count() {
        let n = Normalized::new("aaa");
        let q = Selector { quote: "aa", ..Selector::default() };
        let Err(AnchorError::Ambiguous { occurrences, .. }) = find(&n, q) else { panic!() };
        assert_eq!(occurrences, vec![0..2, 1..3]);
    }

    #[test]
    fn not_found_names_the_nearest_passage() {
        let text = "Gantsev said so. Kyiv's troops now control nearly the entire city, he said.";
        let n = Normalized::new(text);
        let q = Selector { quote: "troops now control the entire city", ..Selector::default() };
        let Err(AnchorError::NotFound { nearest: Some((range, edits)) }) = find(&n, q) else { panic!() };
        assert_eq!(&text[range], "troops now control nearly the entire city");
        assert_eq!(edits, 7);
        let far = Selector { quote: "something else entirely", ..Selector::default() };
        assert_eq!(find(&n, far), Err(AnchorError::NotFound { nearest: None }));
    }

    #[test]
    fn picks_use_the_fewest_words_that_tell_occurrences_apart() {
        let text = "Ann said the city. Bob said the city. Cy said the town";
        let n = Normalized::new(text);
        let q = Selector { quote: "the city", ..Selector::default() };
        let Err(AnchorError::Ambiguous { picks, .. }) = find(&n, q) else { panic!() };
        assert_eq!(picks, [Pick::Prefix("Ann said".into()), Pick::Prefix("Bob said".into())]);
    }

    #[test]
    fn ambiguous_quote_with_many_matches_lists_ten_and_counts_the_rest() {
        // Every occurrence was listed, each with a pick computed against
        // all the others: 1M matches ran for over half an hour.
        let n = Normalized::new(&"one cat, ".repeat(25));
        let Err(AnchorError::Ambiguous { total, occurrences, picks }) =
            find(&n, Selector { quote: "cat", ..Selector::default() })
        else {
            panic!()
        };
        assert_eq!((total, occurrences.len(), picks.len()), (25, MAX_LISTED, MAX_LISTED));
        let many = Normalized::new(&"cat ".repeat(MAX_PICKED + 1));
        let Err(AnchorError::Ambiguous { total, picks, .. }) =
            find(&many, Selector { quote: "cat", ..Selector::default() })
        else {
            panic!()
        };
        assert_eq!(total, MAX_PICKED + 1);
        assert_eq!(picks, vec![Pick::None; MAX_LISTED], "too many to tell apart: none suggested");
        let mismatch = find(&n, Selector { quote: "cat", prefix: Some("two"), ..Selector::default() });
        let Err(AnchorError::ContextMismatch { total, occurrences }) = mismatch else { panic!() };
        assert_eq!((total, occurrences.len()), (25, MAX_LISTED));
    }

    #[test]
    fn many_quotes_are_found_through_an_index_with_the_same_results() {
        let text = nfc(&"Kyiv’s troops now control nearly the entire city. ".repeat(200));
        let mut indexed = Normalized::new(&text);
        indexed.prepare(SCAN_BUDGET);
        assert!(indexed.index.is_some(), "many quotes × this text: indexed");
        let scanned = Normalized::new(&text);
        for quote in ["troops now", "city. Kyiv's", "nearly the entire city", "no such words"] {
            let q = Selector { quote, ..Selector::default() };
            assert_eq!(find(&indexed, q), find(&scanned, q), "{quote}");
        }
    }

    #[test]
    fn repair_picks_the_occurrence_a_mistyped_prefix_or_suffix_meant() {
        let n = Normalized::new("Ann said the city. Bob said the city. Cy saw the town");
        let q = |prefix, suffix| Selector { quote: "the city", prefix, suffix };
        let prefix = |p: &str| Some(Repair { prefix: Some(p.into()), suffix: None });
        assert_eq!(repair(&n, q(Some("Bbo said"), None)), prefix("Bob said"));
        assert_eq!(repair(&n, q(Some("An sad"), None)), prefix("Ann said"));
        assert_eq!(repair(&n, q(None, Some(". Cy sw"))), Some(Repair { prefix: None, suffix: Some(". Cy".into()) }));
        assert_eq!(repair(&n, q(None, None)), None, "no evidence: no repair");
        assert_eq!(repair(&n, q(Some("said"), None)), None, "as close to both: no repair");
        assert_eq!(repair(&n, q(Some("something else"), None)), None, "close to none: no repair");
    }

    #[test]
    fn loose_match_ignores_case_and_whitespace_only() {
        let text = "Kyiv’s troops now control nearly the entire city.";
        let n = Normalized::new(text);
        assert_eq!(loose_match(&n, "kyiv's TROOPS now control").map(|r| &text[r]), Some("Kyiv’s troops now control"));
        assert_eq!(loose_match(&n, "nearly theentire city").map(|r| &text[r]), Some("nearly the entire city"));
        assert_eq!(loose_match(&n, "troops now hold"), None);
    }

    #[test]
    fn empty_quotes_are_refused() {
        assert_eq!(anchor("text", "  \n "), Err(AnchorError::Empty));
    }
}
