//! The dossier's data in standard forms, written by every build under
//! `data/` (format in docs/data.md): the W3C Web Annotation collection
//! (`annotations.rs`), RFC 4180 CSV (`csv.rs`) and everything in one JSON
//! file (`json.rs`); and the schema.org ClaimReview a claim page embeds
//! (`claim_review.rs`). Pure: made from the cross-references and routes.

mod annotations;
pub(crate) mod claim_review;
mod csv;
mod json;

use crate::output::Output;
use crate::xref::Xref;

/// Every file under `data/` but its index page, in a fixed order.
pub(crate) fn files(xref: &Xref<'_>) -> Vec<Output> {
    let mut out = annotations::files(xref);
    out.extend(csv::files(xref));
    out.extend(json::files(xref));
    out
}
