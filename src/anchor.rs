//! Quote anchoring: normalise text the way readers perceive it and find a
//! quote (W3C TextQuoteSelector: exact, prefix, suffix) in an article.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Text after normalisation, remembering where each character came from.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// For each character of `text`, in order: its byte offset in `text` and
    /// the byte range of the original it stands for (a run of whitespace
    /// collapses into one space that covers the whole run).
    origin: Vec<(usize, Range<usize>)>,
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
    pub fn new(original: &str) -> Normalized {
        let mut out = Normalized { text: String::with_capacity(original.len()), origin: Vec::new() };
        let mut chars = original.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_whitespace()) {
                    end = j + d.len_utf8();
                    chars.next();
                }
                out.push(' ', i..end);
            } else {
                out.push(fold(c), i..i + c.len_utf8());
            }
        }
        out
    }

    fn push(&mut self, c: char, origin: Range<usize>) {
        self.origin.push((self.text.len(), origin));
        self.text.push(c);
    }

    /// The original byte range behind `range` of the normalised text.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let first = self.origin.partition_point(|(n, _)| *n < range.start);
        let last = self.origin.partition_point(|(n, _)| *n < range.end).saturating_sub(1);
        match (self.origin.get(first), self.origin.get(last)) {
            (Some((_, a)), Some((_, b))) if first <= last => a.start..b.end,
            _ => 0..0,
        }
    }
}

/// Unicode NFC, the first step of normalisation on both sides.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// A quote, prepared for matching: NFC, folded, whitespace collapsed.
pub fn normalize(s: &str) -> String {
    Normalized::new(&nfc(s)).text
}

/// What an annotation points at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Selector<'a> {
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorError {
    /// The quote is empty once whitespace is removed.
    Empty,
    /// No occurrence. `nearest` is the longest start of the quote that does
    /// occur (in the original text), and how many characters of it matched.
    NotFound { nearest: Option<(Range<usize>, usize)> },
    /// Several occurrences that `prefix`/`suffix` do not tell apart.
    Ambiguous { occurrences: Vec<Range<usize>> },
    /// The quote occurs, but never with this prefix/suffix.
    ContextMismatch { occurrences: Vec<Range<usize>> },
}

/// Every occurrence of `needle` in `haystack`, overlapping ones included.
fn occurrences(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        let start = from + i;
        found.push(start..start + needle.len());
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Finds the one place `selector` points at; returns its range in the
/// original (un-normalised) text.
pub fn find(text: &Normalized, selector: Selector<'_>) -> Result<Range<usize>, AnchorError> {
    let quote = normalize(selector.quote);
    let quote = quote.trim();
    if quote.is_empty() {
        return Err(AnchorError::Empty);
    }
    let all = occurrences(&text.text, quote);
    if all.is_empty() {
        return Err(AnchorError::NotFound { nearest: nearest(text, quote) });
    }
    let prefix = selector.prefix.map(normalize);
    let suffix = selector.suffix.map(normalize);
    let fits = |r: &Range<usize>| {
        prefix.as_deref().is_none_or(|p| text.text[..r.start].trim_end().ends_with(p.trim_end()))
            && suffix.as_deref().is_none_or(|s| text.text[r.end..].trim_start().starts_with(s.trim_start()))
    };
    let chosen: Vec<Range<usize>> = all.iter().filter(|r| fits(r)).cloned().collect();
    let original = |v: &[Range<usize>]| v.iter().map(|r| text.original(r.clone())).collect();
    match chosen.as_slice() {
        [one] => Ok(text.original(one.clone())),
        [] => Err(AnchorError::ContextMismatch { occurrences: original(&all) }),
        many => Err(AnchorError::Ambiguous { occurrences: original(many) }),
    }
}

/// The longest start of `quote` that occurs in the text: where it stands
/// and how many characters of the quote it covers.
fn nearest(text: &Normalized, quote: &str) -> Option<(Range<usize>, usize)> {
    let bounds: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).chain([quote.len()]).collect();
    // Occurrence is monotone in the prefix length, so search for the longest.
    let (mut lo, mut hi) = (0, bounds.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text.text.contains(&quote[..bounds[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return None;
    }
    let head = &quote[..bounds[lo - 1]];
    let at = text.text.find(head)?;
    Some((text.original(at..at + head.len()), lo))
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
        assert_eq!(find(&n, q), Err(AnchorError::Ambiguous { occurrences: vec![4..7, 13..16] }));
        assert_eq!(find(&n, Selector { prefix: Some("two "), ..q }), Ok(13..16));
        assert_eq!(find(&n, Selector { prefix: Some("two"), ..q }), Ok(13..16), "junction whitespace is free");
        assert_eq!(find(&n, Selector { suffix: Some(","), ..q }), Ok(4..7));
        assert!(matches!(find(&n, Selector { suffix: Some("!"), ..q }), Err(AnchorError::ContextMismatch { .. })));
    }

    #[test]
    fn overlapping_occurrences_count() {
        let n = Normalized::new("aaa");
        let q = Selector { quote: "aa", ..Selector::default() };
        assert_eq!(find(&n, q), Err(AnchorError::Ambiguous { occurrences: vec![0..2, 1..3] }));
    }

    #[test]
    fn not_found_names_the_longest_matching_start() {
        let text = "Kyiv's troops now control nearly the entire city";
        let n = Normalized::new(text);
        let q = Selector { quote: "troops now control the entire city", ..Selector::default() };
        let Err(AnchorError::NotFound { nearest: Some((range, chars)) }) = find(&n, q) else { panic!() };
        assert_eq!(&text[range], "troops now control ");
        assert_eq!(chars, 19);
    }

    #[test]
    fn empty_quotes_are_refused() {
        assert_eq!(anchor("text", "  \n "), Err(AnchorError::Empty));
    }
}
