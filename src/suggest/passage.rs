//! The passage nearest to a quote that is not in the article, found with
//! bounded work whatever the sizes of the article and the quote. It works
//! on normalised text (see `anchor`), and knows nothing of where that text
//! came from: the caller maps the range back.
//!
//! Approximate substring matching (Sellers' algorithm) costs text × quote.
//! Within [`Limits::cells`] it runs over the whole text; beyond, only over
//! windows around the places where the quote's rarest words occur, the
//! windows most words agree on first, until the budget is spent. A quote
//! longer than [`MAX_QUOTE_CHARS`] gets no suggestion.

use std::collections::HashMap;
use std::ops::Range;

/// Quotes longer than this (in characters) are not looked for approximately.
pub(crate) const MAX_QUOTE_CHARS: usize = 4000;

/// How much work one search may do.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Cells of the edit-distance table (text characters × quote characters).
    pub cells: usize,
    /// Occurrences of the quote's words in the text taken as anchors.
    pub anchors: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { cells: 40_000_000, anchors: 256 }
    }
}

/// The work a search did, for tests that pin its bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Work {
    /// Stretches of text compared with the quote (1: the whole text).
    pub windows: usize,
    /// Cells of the edit-distance table filled.
    pub cells: usize,
}

/// The passage closest to `quote` (normalised), if it is close enough to
/// be a misquote: its range in `text` and the number of edits.
pub(crate) fn nearest(text: &str, quote: &str, limits: Limits, work: &mut Work) -> Option<(Range<usize>, usize)> {
    let q: Vec<char> = quote.chars().collect();
    if q.is_empty() || q.len() > MAX_QUOTE_CHARS {
        return None;
    }
    let text_chars = text.chars().count();
    let windows = if text_chars.saturating_mul(q.len()) <= limits.cells {
        std::iter::once(0..text.len()).collect()
    } else {
        windows(text, quote, q.len(), limits)
    };
    let mut best: Option<(usize, usize, usize)> = None; // (edits, start, end) in bytes
    for window in windows {
        work.windows += 1;
        if let Some(found) = sellers(text, window, &q, work)
            && best.is_none_or(|b| (found.0, found.2) < (b.0, b.2))
        {
            best = Some(found);
        }
    }
    let (edits, from, to) = best?;
    (edits <= (q.len() / 3).max(1)).then_some((from..to, edits))
}

/// Sellers' algorithm over `window` of `text`: the fewest edits that turn
/// some passage into `q`, and that passage (the first to end, on a tie).
fn sellers(text: &str, window: Range<usize>, q: &[char], work: &mut Work) -> Option<(usize, usize, usize)> {
    let mut cost: Vec<usize> = (0..=q.len()).collect();
    let mut start: Vec<usize> = vec![0; q.len() + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    for (at, c) in text[window.clone()].char_indices() {
        let at = window.start + at;
        work.cells += q.len();
        let (mut diag, mut diag_start) = (0, at);
        cost[0] = 0;
        start[0] = at;
        for j in 1..=q.len() {
            let (up, up_start) = (cost[j], start[j]);
            let options =
                [(diag + usize::from(q[j - 1] != c), diag_start), (up + 1, up_start), (cost[j - 1] + 1, start[j - 1])];
            let (value, from) = options.into_iter().min_by_key(|o| o.0).expect("three options");
            (diag, diag_start) = (up, up_start);
            cost[j] = value;
            start[j] = from;
        }
        let end = at + c.len_utf8();
        if best.is_none_or(|(edits, _, _)| cost[q.len()] < edits) {
            best = Some((cost[q.len()], start[q.len()], end));
        }
    }
    best
}

/// The words of `s` (runs of letters and digits), with their byte offsets.
fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    let base = s.as_ptr() as usize;
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| (w.as_ptr() as usize - base, w)).collect()
}

/// Where the quote may be: around each occurrence in the text of its rarest
/// words, lined up with the word's place in the quote; the stretches that
/// most occurrences agree on first, as many as `limits.cells` allows.
fn windows(text: &str, quote: &str, quote_chars: usize, limits: Limits) -> Vec<Range<usize>> {
    let mut in_quote: HashMap<&str, (usize, Vec<usize>)> = HashMap::new(); // word -> (count in text, offsets in quote)
    for (at, w) in word_offsets(quote) {
        in_quote.entry(w).or_default().1.push(at);
    }
    let text_words = word_offsets(text);
    for (_, w) in &text_words {
        if let Some(entry) = in_quote.get_mut(w) {
            entry.0 += 1;
        }
    }
    // The rarest words first (then the earliest in the quote), while their
    // occurrences stay within the budget of anchors.
    let mut rare: Vec<(&str, usize, usize)> =
        in_quote.iter().filter(|(_, e)| e.0 > 0).map(|(w, e)| (*w, e.0 * e.1.len(), e.1[0])).collect();
    rare.sort_by_key(|&(_, n, first)| (n, first));
    let mut chosen: HashMap<&str, &Vec<usize>> = HashMap::new();
    let mut anchors = 0;
    for (w, n, _) in rare {
        if anchors > 0 && anchors + n > limits.anchors {
            break;
        }
        anchors += n;
        chosen.insert(w, &in_quote[w].1);
    }
    let mut starts: Vec<usize> = Vec::new();
    for (at, w) in &text_words {
        if let Some(offsets) = chosen.get(w) {
            starts.extend(offsets.iter().map(|o| at.saturating_sub(*o)));
        }
        if starts.len() >= limits.anchors {
            break;
        }
    }
    starts.sort_unstable();
    // Anchors within `slack` of the first of a group are one candidate.
    let slack = quote.len() / 3 + 1;
    let mut groups: Vec<(usize, usize, usize)> = Vec::new(); // (votes, first, last)
    for s in starts {
        match groups.last_mut() {
            Some(g) if s <= g.1 + slack => {
                g.0 += 1;
                g.2 = s;
            }
            _ => groups.push((1, s, s)),
        }
    }
    groups.sort_by_key(|&(votes, first, _)| (std::cmp::Reverse(votes), first));
    let mut spent = 0;
    let mut out = Vec::new();
    for (_, first, last) in groups {
        let window =
            floor(text, first.saturating_sub(slack))..floor(text, (last + quote.len() + slack).min(text.len()));
        let cells = window.len() * quote_chars;
        if !out.is_empty() && spent + cells > limits.cells {
            break;
        }
        spent += cells;
        out.push(window);
    }
    out
}

fn floor(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::Normalized;

    /// Made-up prose: `n` words from a vocabulary of 500, the first ones
    /// more frequent.
    fn prose(n: usize) -> String {
        let mut state = 7u64;
        let mut next = |below: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % below
        };
        (0..n).map(|_| format!("w{}", next(500) * next(100) / 100)).collect::<Vec<_>>().join(" ")
    }

    /// The passage of `text` from word `from`, `len` words, with every
    /// tenth word changed and the fifth dropped.
    fn misquote(text: &str, from: usize, len: usize) -> (String, String) {
        let words: Vec<&str> = text.split(' ').skip(from).take(len).collect();
        let mut quote: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        for (i, w) in quote.iter_mut().enumerate().skip(2).step_by(10) {
            *w = format!("changed{i}");
        }
        quote.remove(5);
        (words.join(" "), quote.join(" "))
    }

    #[test]
    fn nearest_search_in_a_long_text_examines_a_bounded_number_of_windows() {
        // Sellers over the whole text was text × quote: 20,000 words by a
        // 60-word quote. Bounded, it looks only where rare words agree.
        let text = Normalized::new(&prose(20_000));
        let (passage, quote) = misquote(&text.text, 12_345, 60);
        let limits = Limits { cells: 400_000, anchors: 64 };
        let mut work = Work::default();
        let (range, edits) = nearest(&text.text, &quote, limits, &mut work).expect("a misquote is close");
        assert_eq!(&text.text[range], passage);
        assert!(edits <= quote.chars().count() / 3);
        assert!(work.cells <= limits.cells, "{work:?}");
        assert!(work.windows >= 1 && work.windows <= limits.anchors, "{work:?}");
        let whole = text.text.chars().count() * quote.chars().count();
        assert!(work.cells * 20 < whole, "far less than the whole table: {work:?}");
    }

    #[test]
    fn nearest_search_on_a_small_text_is_exact() {
        let text = Normalized::new("Gantsev said so. Kyiv's troops now control nearly the entire city, he said.");
        let mut work = Work::default();
        let found = nearest(&text.text, "troops now contrl the entire city", Limits::default(), &mut work);
        assert_eq!(found.map(|(r, _)| &text.text[r]), Some("troops now control nearly the entire city"));
        assert_eq!(work.windows, 1, "the whole text, within the budget");
    }

    #[test]
    fn a_quote_longer_than_the_limit_gets_no_suggestion_and_costs_nothing() {
        let text = Normalized::new(&prose(2_000));
        let quote = "x".repeat(MAX_QUOTE_CHARS + 1);
        let mut work = Work::default();
        assert_eq!(nearest(&text.text, &quote, Limits::default(), &mut work), None);
        assert_eq!(work, Work::default());
    }

    #[test]
    fn repetitive_text_does_not_multiply_the_windows() {
        // Every word of the quote occurs everywhere: the anchors, not the
        // text, bound the windows.
        let text = Normalized::new(&"the city the town ".repeat(5_000));
        let limits = Limits { cells: 100_000, anchors: 32 };
        let mut work = Work::default();
        let _ = nearest(&text.text, "the village the city the hamlet the town", limits, &mut work);
        assert!(work.windows <= limits.anchors && work.cells <= limits.cells, "{work:?}");
    }
}
