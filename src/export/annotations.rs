//! (being written)

use crate::output::Output;
use crate::xref::Xref;

pub(super) fn files(_xref: &Xref<'_>) -> Vec<Output> {
    Vec::new()
}
