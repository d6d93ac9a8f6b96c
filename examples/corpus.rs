//! Generates a synthetic corpus for benchmarks: a dossier of N articles
//! (10 annotations each, N/2 claims, N/5 actors) and the same articles as a
//! Hugo site with `claims` and `actors` taxonomies. See docs/performance.md.
//!
//!     cargo run --release --example corpus -- --articles 1000 --seed 1 --out target/bench/n1000

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

#[path = "corpus/generator.rs"]
mod generator;

#[derive(Parser)]
#[command(about = "Write a synthetic dossier and its Hugo twin (deterministic for a seed)")]
struct Cli {
    /// How many articles.
    #[arg(long)]
    articles: usize,
    /// The same seed gives the same files, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Receives `dossier/` and `hugo/`; must be empty or made by this command.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.articles == 0 {
        eprintln!("error: --articles must be at least 1");
        return ExitCode::from(2);
    }
    let start = Instant::now();
    match generator::generate(&generator::Options { articles: cli.articles, seed: cli.seed }, &cli.out) {
        Ok(s) => {
            eprintln!(
                "wrote {} articles ({} words on average), {} annotations, {} claims ({} with `contradicts`), \
                 {} actors to {} in {:.1} s",
                s.articles,
                s.words / s.articles,
                s.annotations,
                s.claims,
                s.contradicting,
                s.actors,
                cli.out.display(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
