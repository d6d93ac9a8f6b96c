//! Golden files: expected output kept in the repository, compared by
//! snapbox, which prints every difference. Run with `DOSSIER_BLESS=1 cargo
//! test` to rewrite them after an intended change.

use std::path::Path;

use snapbox::assert::Action;
use snapbox::data::DataFormat;
use snapbox::{Assert, Data, IntoData};

pub fn assert_golden(path: &Path, actual: &str) {
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let assert = Assert::new().action(if bless { Action::Overwrite } else { Action::Verify });
    // Raw: compared as they are (line endings aside), without snapbox's
    // `[..]` and `...` wildcards or path normalising.
    let expected = Data::read_from(path, Some(DataFormat::Text)).raw();
    if let Err(diff) = assert.try_eq(Some(&"the output"), actual.into_data(), expected) {
        panic!("{diff}\nRun with DOSSIER_BLESS=1 to accept the new output, then review the diff.");
    }
}
