//! The texts `tests/it/search.rs` gives `search-index.js` to tokenise, with
//! their tokens: the index's tokenising gives exactly those, so the script,
//! held to the same list there, reads text as the index does.

use crate::search::text::tokens;

#[test]
fn the_script_texts_tokenise_as_the_index_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/search-tokens.json");
    let list = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let pairs: Vec<(String, Vec<String>)> = serde_json::from_str(&list).unwrap();
    assert!(pairs.len() >= 5, "{pairs:?}");
    for (text, expected) in pairs {
        assert_eq!(tokens(&text), expected, "{text}");
    }
}
