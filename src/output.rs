//! A file of the built site, as `render`, `search` and `publish` make it
//! and `write` puts it on disk. A leaf.

/// A file of the built site: its path below the output folder, and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}
