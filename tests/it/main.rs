//! Integration tests: build real dossiers with the `dossier` binary and
//! check what users see: pages, links, highlights, messages, exit codes.

mod authoring;
mod bad;
mod browser;
mod cascades;
mod cli;
mod contrast;
mod corpus;
mod exports_data;
mod exports_w3c;
mod fix;
mod golden;
mod hints;
mod hostile;
mod http;
mod import;
mod layering;
mod layout;
mod pages;
mod provenance;
mod quirks;
mod reading;
mod safety_input;
mod safety_output;
mod sample;
mod search;
mod serve;
mod support;
mod symlinks;
mod theme_parts;
mod views;
