//! Integration tests: build real dossiers with the `dossier` binary and
//! check what users see: pages, links, highlights, messages, exit codes.

mod cli;
mod golden;
mod quirks;
mod sample;
mod support;
