//! "Did you mean …?": the known word closest to a mistyped one, for
//! unknown ids and unknown field names; and (`passage`) the passage of an
//! article closest to a quote that is not in it. A leaf.

pub(crate) mod passage;

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo.
pub(crate) fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates.into_iter().map(|c| (strsim::levenshtein(word, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

/// "did you mean `best`?", with the [`nearest`] candidate to `word`.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(word, candidates).map(|best| format!("did you mean `{best}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_candidate_within_a_third_of_the_word() {
        let fields = ["id", "quote", "claim", "stance", "by", "via"];
        assert_eq!(nearest("stanse", fields), Some("stance"));
        assert_eq!(nearest("qoute", fields), Some("quote"));
        // Two edits are always allowed; more only for longer words.
        assert_eq!(nearest("xy", fields), Some("by"));
        assert_eq!(nearest("unrelated", fields), None);
        assert_eq!(nearest("kupiansk-falls", ["kupiansk-fell", "kupiansk-holds"]), Some("kupiansk-fell"));
        assert_eq!(nearest("anything", []), None);
    }

    #[test]
    fn ties_go_to_the_first_alphabetically() {
        assert_eq!(nearest("ab", ["ac", "aa"]), Some("aa"));
    }

    #[test]
    fn did_you_mean_names_the_candidate() {
        assert_eq!(did_you_mean("stanse", ["stance"]).as_deref(), Some("did you mean `stance`?"));
        assert_eq!(did_you_mean("zzzzzzzz", ["stance"]), None);
    }
}
