//! The bytes of the index: posting lists as short strings, shards of the
//! term list cut by size, JSON text. `search-index.js` decodes what
//! this writes.

use std::cmp::Ordering;

/// URL- and JSON-safe digits, 6 bits each.
pub(super) const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A term shard is closed before it grows past this many bytes; only a
/// single term bigger than this (a bitmap of at most docs/6 bytes) makes
/// one bigger.
pub(super) const SHARD_TARGET: usize = 16 * 1024;

/// A sorted list of document numbers as text, whichever is shorter: the
/// gaps between them (each gap minus one in base 32, most significant
/// digit first, digits `DIGITS[32..]` continuing and `DIGITS[..32]`
/// ending a number), or `~` and a bitmap, six documents a character,
/// lowest bit first. So no list is longer than (documents / 6) + 2 bytes.
pub(super) fn postings(ids: &[u32]) -> String {
    let gaps = gaps(ids);
    let bitmap_len = ids.last().map_or(0, |&last| last as usize / 6 + 2);
    if bitmap_len < gaps.len() { bitmap(ids) } else { gaps }
}

fn gaps(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut next = 0;
    for &id in ids {
        push_number(id - next, &mut out);
        next = id + 1;
    }
    out
}

fn push_number(mut n: u32, out: &mut String) {
    let mut digits = [0u8; 7];
    let mut len = 1;
    digits[0] = DIGITS[(n & 31) as usize];
    n >>= 5;
    while n > 0 {
        digits[len] = DIGITS[32 + (n & 31) as usize];
        n >>= 5;
        len += 1;
    }
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

fn bitmap(ids: &[u32]) -> String {
    let Some(&last) = ids.last() else { return String::new() };
    let mut bits = vec![0u8; last as usize / 6 + 1];
    for &id in ids {
        bits[id as usize / 6] |= 1 << (id % 6);
    }
    let mut out = String::with_capacity(bits.len() + 1);
    out.push('~');
    out.extend(bits.iter().map(|&b| DIGITS[b as usize] as char));
    out
}

/// The order of terms in shards and the manifest: by UTF-16 code units,
/// which is how JavaScript compares strings.
pub(super) fn term_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Cuts the entries (term, JSON array text), sorted by [`term_order`], into
/// shards of about [`SHARD_TARGET`] bytes: each shard's first term, and the
/// JSON of the shard (an array of its entries).
pub(super) fn shards<'e>(entries: impl IntoIterator<Item = (&'e str, &'e str)>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for (term, json) in entries {
        if let Some((_, body)) = &current
            && body.len() + json.len() + 2 > SHARD_TARGET
        {
            out.extend(current.take());
        }
        match &mut current {
            Some((_, body)) => {
                body.push(',');
                body.push_str(json);
            }
            None => current = Some((term.to_owned(), format!("[{json}"))),
        }
    }
    out.extend(current);
    for (_, body) in &mut out {
        body.push(']');
    }
    out
}

/// FNV-1a, 64 bits: names a version of the index, so browsers never mix
/// files of two builds.
pub(super) fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

pub(super) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
