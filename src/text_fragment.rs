//! Links to a passage at its source: a URL text fragment
//! (`url#:~:text=[prefix-,]start[,end][,-suffix]`), as the WICG "URL
//! Fragment Text Directives" specification defines it, made from the text
//! the quote was matched on. Browsers that support it scroll to the
//! passage and mark it; the others open the page. A leaf: pure.
//!
//! The rules followed, from the specification:
//! - each term is percent-encoded, `-`, `,` and `&` included, since they
//!   separate the parts of the directive and the directives themselves;
//! - a browser matches each term within one block of text and on word
//!   boundaries, so terms are whole words of one line of the text;
//! - a quote longer than [`LONG`] characters, or spread over more than one
//!   line, is given by its first and last words (`textStart,textEnd`);
//! - a quote that occurs more than once in the article gets the words
//!   just before it (`prefix-,`), or else just after it (`,-suffix`).

use crate::model::Matched;

/// Beyond this many characters, a quote is linked by its first and last words.
pub(crate) const LONG: usize = 80;

/// Words in each of `textStart` and `textEnd`, and in a prefix or suffix.
const EDGE_WORDS: usize = 4;

/// `source` with a text directive that selects the matched passage.
pub(crate) fn passage_url(source: &str, matched: &Matched) -> String {
    let directive = directive(matched);
    if directive.is_empty() {
        return source.to_owned();
    }
    // A directive follows the page's own fragment, if it has one.
    let joint = if source.contains('#') { ":~:text=" } else { "#:~:text=" };
    format!("{source}{joint}{directive}")
}

/// The directive's value: `[prefix-,]start[,end][,-suffix]`, encoded.
fn directive(matched: &Matched) -> String {
    let lines: Vec<Vec<&str>> = matched
        .exact
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|words| !words.is_empty())
        .collect();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else { return String::new() };
    let whole = first.join(" ");
    let mut parts = Vec::new();
    if matched.occurrences > 1
        && let Some(prefix) = prefix_words(&matched.prefix)
    {
        parts.push(format!("{}-", encode(&prefix)));
    }
    if lines.len() == 1 && whole.chars().count() <= LONG {
        parts.push(encode(&whole));
    } else {
        let start = &first[..first.len().min(EDGE_WORDS)];
        let end = &last[last.len().saturating_sub(EDGE_WORDS)..];
        parts.push(encode(&start.join(" ")));
        parts.push(encode(&end.join(" ")));
    }
    let has_prefix = parts.len() > 1 && parts[0].ends_with('-');
    if matched.occurrences > 1
        && !has_prefix
        && let Some(suffix) = suffix_words(&matched.suffix)
    {
        parts.push(format!("-{}", encode(&suffix)));
    }
    parts.join(",")
}

/// The last whole words before the passage, on its own line: a prefix
/// cut at [`Matched::CONTEXT`] characters may begin mid-word, and a
/// browser matches a prefix within one block.
fn prefix_words(prefix: &str) -> Option<String> {
    let line = prefix.rsplit('\n').next().unwrap_or(prefix);
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let cut = prefix.chars().count() >= Matched::CONTEXT && line.len() == prefix.len();
    if cut && !line.starts_with(char::is_whitespace) && !words.is_empty() {
        words.remove(0);
    }
    let kept = &words[words.len().saturating_sub(EDGE_WORDS)..];
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// The first whole words after the passage, on its own line.
fn suffix_words(suffix: &str) -> Option<String> {
    let line = suffix.split('\n').next().unwrap_or(suffix);
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let cut = suffix.chars().count() >= Matched::CONTEXT && line.len() == suffix.len();
    if cut && !line.ends_with(char::is_whitespace) {
        words.pop();
    }
    let kept = &words[..words.len().min(EDGE_WORDS)];
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// Percent-encodes a term: everything but ASCII letters, digits and
/// `.`, `_`, `~` (so `-`, `,`, `&`, spaces and every non-ASCII byte).
pub(crate) fn encode(term: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(term.len() * 3 / 2);
    for b in term.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Written digit by digit: every page with evidence encodes
            // each of its passages, so no allocation per byte.
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched(text: &str, quote: &str, nth: usize) -> Matched {
        let all: Vec<usize> = text.match_indices(quote).map(|(i, _)| i).collect();
        let at = all[nth];
        Matched::new(text, at..at + quote.len(), all.len())
    }

    #[test]
    fn a_short_quote_is_the_whole_term_encoded() {
        let m = matched("He said: cease-fire, now & forever. Then left.", "cease-fire, now & forever", 0);
        assert_eq!(
            passage_url("https://example.org/a", &m),
            "https://example.org/a#:~:text=cease%2Dfire%2C%20now%20%26%20forever"
        );
    }

    #[test]
    fn non_ascii_text_is_encoded_as_utf8() {
        let m = matched("Він сказав «живий щит» двічі.", "«живий щит»", 0);
        assert_eq!(
            passage_url("https://example.org/a", &m),
            "https://example.org/a#:~:text=%C2%AB%D0%B6%D0%B8%D0%B2%D0%B8%D0%B9%20%D1%89%D0%B8%D1%82%C2%BB"
        );
    }

    #[test]
    fn a_long_quote_is_given_by_its_first_and_last_words() {
        let quote = "the settlement of Kupiansk remains contested, officials said, while civilians are evacuated from the eastern bank";
        let m = matched(&format!("Today {quote}."), quote, 0);
        assert!(quote.len() > LONG);
        assert_eq!(directive(&m), "the%20settlement%20of%20Kupiansk,from%20the%20eastern%20bank");
    }

    #[test]
    fn a_quote_over_two_blocks_is_a_range_even_when_short() {
        let m = matched("First block ends here.\nSecond one starts.", "ends here.\nSecond one", 0);
        assert_eq!(directive(&m), "ends%20here.,Second%20one");
    }

    #[test]
    fn a_repeated_quote_gets_the_words_before_it() {
        let text = "Officials said the city is held. Later, the mayor said the city is held.";
        let m = matched(text, "the city is held", 1);
        assert_eq!(directive(&m), "Later%2C%20the%20mayor%20said-,the%20city%20is%20held");
        let first = matched(text, "the city is held", 0);
        assert_eq!(directive(&first), "Officials%20said-,the%20city%20is%20held");
    }

    #[test]
    fn a_repeated_quote_at_a_block_start_gets_the_words_after_it() {
        let text = "Held.\nthe city is held, he said.\nthe city is held again.";
        let m = matched(text, "the city is held", 0);
        assert_eq!(directive(&m), "the%20city%20is%20held,-%2C%20he%20said.");
    }

    #[test]
    fn context_cut_mid_word_loses_the_cut_word() {
        let long = format!("{}abcdefgh one two three four target. target.", "x".repeat(30));
        let m = matched(&long, "target.", 0);
        assert_eq!(directive(&m), "one%20two%20three%20four-,target.");
    }

    #[test]
    fn a_page_fragment_is_kept_before_the_directive() {
        let m = matched("word", "word", 0);
        assert_eq!(passage_url("https://example.org/a#top", &m), "https://example.org/a#top:~:text=word");
    }

    #[test]
    fn a_unique_quote_gets_no_context() {
        let m = matched("alpha beta gamma", "beta", 0);
        assert_eq!(directive(&m), "beta");
    }
}
