//! How search reads text: the normalisation and tokenising rules, which
//! `search-index.js` repeats exactly so that a query meets the index halfway.
//!
//! The rules (docs/search.md): lowercase; Unicode NFD, combining marks
//! dropped, NFC again (so "Kyïv" and "Kyiv" meet, and "ё" is "е"); a token
//! is a run of letters, digits and apostrophes, with the apostrophes at its
//! ends and a final "'s" dropped and the others removed ("Kyiv's" is
//! `kyiv`, "Куп’янськ" is `купянськ`); at most [`MAX_TOKEN`] characters.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer tokens are cut to this many characters, on both sides.
pub(super) const MAX_TOKEN: usize = 40;

/// Lowercase, without diacritics, in NFC.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let lower = text.to_lowercase();
    let bare: String = lower.nfd().filter(|&c| !is_combining_mark(c)).collect();
    bare.nfc().collect()
}

/// Apostrophes and the letters that stand in for them.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '‚' | '‛' | '′' | 'ʼ')
}

/// The tokens of `text`, in order, repeats kept.
#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.to_owned()));
    out
}

/// Calls `f` with each token of `text`, in order, without allocating one
/// string per token: indexing reads every word of every passage.
pub(super) fn each_token(text: &str, mut f: impl FnMut(&str)) {
    if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        let mut start = 0;
        for (i, &b) in lower.as_bytes().iter().enumerate() {
            if !(b.is_ascii_alphanumeric() || b == b'\'') {
                if let Some(token) = token(&lower[start..i]) {
                    f(&token);
                }
                start = i + 1;
            }
        }
        if let Some(token) = token(&lower[start..]) {
            f(&token);
        }
        return;
    }
    let folded: String = fold(text).chars().map(|c| if is_apostrophe(c) { '\'' } else { c }).collect();
    for run in folded.split(|c: char| !(c == '\'' || c.is_alphabetic() || c.is_numeric())) {
        if let Some(token) = token(run) {
            f(&token);
        }
    }
}

/// A run of letters, digits and apostrophes as a token, if anything is
/// left of it.
fn token(run: &str) -> Option<Cow<'_, str>> {
    let trimmed = run.trim_matches('\'');
    let stem = trimmed.strip_suffix("'s").unwrap_or(trimmed);
    if stem.is_empty() {
        None
    } else if stem.contains('\'') || stem.len() > MAX_TOKEN {
        Some(stem.chars().filter(|&c| c != '\'').take(MAX_TOKEN).collect())
    } else {
        Some(Cow::Borrowed(stem))
    }
}
