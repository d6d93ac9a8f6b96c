//! What a long build reports while it runs: stages and pages done, for the
//! command line to show as a progress bar. The library never prints; it
//! calls a [`Progress`] that the caller supplies.

use std::time::Duration;

/// A stage of `build` (and of `check`, which stops after resolving).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading `content/`.
    Load,
    /// Parsing, checking and anchoring every file.
    Resolve,
    /// Rendering and writing pages; `total` is the number of pages.
    Render,
}

impl Stage {
    /// What the stage does, in a word: "reading", "checking", "rendering".
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Load => "reading",
            Stage::Resolve => "checking",
            Stage::Render => "rendering",
        }
    }
}

/// Told about each stage as it starts and ends, and about each page made.
/// Called from several threads at once during rendering.
pub trait Progress: Sync {
    /// `total` is how many steps the stage has, when known.
    fn start(&self, _stage: Stage, _total: Option<usize>) {}
    /// One more step of the current stage is done.
    fn step(&self) {}
    /// The stage is over; `items` says what it did (files, articles, pages).
    fn end(&self, _stage: Stage, _items: usize, _took: Duration) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}
