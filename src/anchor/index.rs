//! An index of an article's normalised text by its 4-byte grams, so that
//! thousands of quotes are found without scanning the text once per quote.
//!
//! Every character boundary is filed under a hash of the 4 bytes that start
//! there; a quote is looked for only where its least common gram occurs,
//! and each of those places is checked byte for byte. The result is the
//! same as scanning ([`super::occurrences`]): every occurrence, in order.

use std::ops::Range;

/// Gram length in bytes; shorter quotes are scanned for.
const GRAM: usize = 4;

#[derive(Clone, Debug, Default)]
pub(crate) struct GramIndex {
    /// `starts[b]..starts[b + 1]` are bucket `b`'s entries in `at`.
    starts: Vec<u32>,
    /// Character boundaries, by bucket, ascending within each bucket.
    at: Vec<u32>,
}

impl GramIndex {
    /// `None` for a text too large to index (offsets are 32-bit).
    pub(crate) fn new(text: &str) -> Option<GramIndex> {
        let len = u32::try_from(text.len()).ok()?;
        let buckets = (text.len() / 8).next_power_of_two().clamp(1 << 10, 1 << 20);
        let bytes = text.as_bytes();
        let boundaries = || (0..len as usize).filter(|&i| i + GRAM <= bytes.len() && text.is_char_boundary(i));
        let mut starts = vec![0u32; buckets + 1];
        for i in boundaries() {
            starts[bucket(&bytes[i..i + GRAM], buckets) + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut next = starts.clone();
        let mut at = vec![0u32; starts[buckets] as usize];
        for i in boundaries() {
            let b = bucket(&bytes[i..i + GRAM], buckets);
            at[next[b] as usize] = i as u32;
            next[b] += 1;
        }
        Some(GramIndex { starts, at })
    }

    /// Every occurrence of `needle` in `text` (the indexed text), overlapping
    /// ones included, in order; `None` if the needle is too short to index.
    pub(crate) fn occurrences(&self, text: &str, needle: &str) -> Option<Vec<Range<usize>>> {
        if needle.len() < GRAM {
            return None;
        }
        let buckets = self.starts.len() - 1;
        let entries = |b: usize| &self.at[self.starts[b] as usize..self.starts[b + 1] as usize];
        // The least common gram of the needle: fewest places to check.
        let (offset, places) = (0..=needle.len() - GRAM)
            .filter(|&j| needle.is_char_boundary(j))
            .map(|j| (j, entries(bucket(&needle.as_bytes()[j..j + GRAM], buckets))))
            .min_by_key(|(j, e)| (e.len(), *j))
            .expect("a needle of GRAM bytes has a boundary at 0");
        let found = places
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(|&s| text.as_bytes()[s..].starts_with(needle.as_bytes()))
            .map(|s| s..s + needle.len())
            .collect();
        Some(found)
    }
}

fn bucket(gram: &[u8], buckets: usize) -> usize {
    let word = u32::from_le_bytes(gram.try_into().expect("GRAM bytes"));
    (word.wrapping_mul(0x9E37_79B1) >> 12) as usize & (buckets - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_scanning_finds() {
        let text = "Kupiansk, Куп’янськ: the city — the city. aaaa aaaaa ééé the city".repeat(40);
        let index = GramIndex::new(&text).expect("small");
        for needle in ["the city", "Куп’янськ", "aaaa", "aa a", "ééé t", "city.", "absent!", "янськ: the"]
        {
            assert_eq!(index.occurrences(&text, needle), Some(super::super::occurrences(&text, needle)), "{needle}");
        }
        assert_eq!(index.occurrences(&text, "the"), None, "shorter than a gram: scanned");
    }
}
