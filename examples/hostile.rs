//! Writes dossiers that are built to be expensive: each case is one article
//! (and its sidecar) made to make some step grow faster than its input.
//! `bench/hostile.sh` runs `check` and `build` on each and measures them;
//! see "Hostile input" in docs/performance.md.
//!
//!     cargo run --release --example hostile -- --out target/bench/hostile
//!     cargo run --release --example hostile -- --out target/bench/hostile --only nearest-400

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write the hostile-input dossiers (one folder per case)")]
struct Cli {
    /// Receives one dossier per case.
    #[arg(long)]
    out: PathBuf,
    /// Only the cases with these names.
    #[arg(long)]
    only: Vec<String>,
}

/// One case: its name, what it is, the article and its sidecar's annotations.
struct Case {
    name: &'static str,
    what: &'static str,
    article: String,
    annotations: String,
}

/// The largest article `load` accepts (8 MiB), less room for front matter.
const MAX_BODY: usize = 8 * 1024 * 1024 - 256;

fn main() -> ExitCode {
    let cli = Cli::parse();
    for (name, make) in CASES {
        if !cli.only.is_empty() && !cli.only.iter().any(|o| o == name) {
            continue;
        }
        let case = make();
        if let Err(e) = write(&cli.out.join(case.name), &case) {
            eprintln!("error: {}: {e}", cli.out.join(case.name).display());
            return ExitCode::from(2);
        }
        println!("{}\t{}\t{}", case.name, case.article.len(), case.what);
    }
    ExitCode::SUCCESS
}

type Make = fn() -> Case;

const CASES: &[(&str, Make)] = &[
    ("nearest-400", || nearest("nearest-400", 1_200_000, 400)),
    ("nearest-2000", || nearest("nearest-2000", 6_900_000, 2000)),
    ("ambiguous-10k", || {
        ambiguous("ambiguous-10k", "The same sentence again.\n\n", 10_000, "The same sentence again.")
    }),
    ("ambiguous-1m", || ambiguous("ambiguous-1m", "echo ", 1_000_000, "echo")),
    ("blockquote-40k", || nested("blockquote-40k", format!("{} deep text\n", ">".repeat(40_000)))),
    ("div-100k", || nested("div-100k", format!("{}deep text{}\n", "<div>".repeat(100_000), "</div>".repeat(100_000)))),
    ("annotations-20k", annotations),
    ("paragraphs-8m", || tiny("paragraphs-8m", "an 8 MiB article of one-letter paragraphs", MAX_BODY, "a\n\n")),
    ("list-8m", || tiny("list-8m", "an 8 MiB article of one-letter list items", MAX_BODY, "- a\n")),
    ("table-1000x4000", || table("table-1000x4000", "a table of 1,000 by 4,000 cells", 4000)),
    // Just within the limits on lines and table cells (docs/content-format.md).
    ("paragraphs-limit", || {
        let units = 199_990 / 2;
        tiny("paragraphs-limit", "one-letter paragraphs, just within the limit on lines", units * 3, "a\n\n")
    }),
    ("table-limit", || table("table-limit", "a table of 1,000 by 197 cells, just within the limit", 197)),
];

fn write(dir: &Path, case: &Case) -> std::io::Result<()> {
    let content = dir.join("content");
    fs::create_dir_all(content.join("articles"))?;
    fs::write(content.join("site.yaml"), format!("title: \"Hostile input: {}\"\n", case.name))?;
    fs::write(content.join("claims.yaml"), "- id: claim\n  statement: \"A claim\"\n")?;
    fs::write(content.join("articles/case.md"), format!("---\ntitle: \"{}\"\n---\n\n{}", case.what, case.article))?;
    fs::write(content.join("articles/case.yaml"), format!("annotations:\n{}", case.annotations))
}

fn annotation(id: &str, quote: &str) -> String {
    format!("  - id: {id}\n    quote: \"{quote}\"\n    claim: claim\n    stance: supports\n")
}

/// A deterministic stream of numbers (a 64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Made-up words, the first ones far more frequent, as in prose.
fn prose(rng: &mut Rng, words: usize) -> Vec<String> {
    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "min", "ter", "su", "va", "ro", "ne", "pi", "dal", "o", "ur", "sen", "ti", "mo", "be"];
    let vocabulary: Vec<String> = (0..4000)
        .map(|i| {
            let mut w = String::new();
            let mut n = i + 16;
            while n > 0 {
                w.push_str(SYLLABLES[n % 16]);
                n /= 16;
            }
            w
        })
        .collect();
    (0..words).map(|_| vocabulary[rng.next(vocabulary.len()) * rng.next(1000) / 1000].clone()).collect()
}

/// Paragraphs of 80 words.
fn paragraphs(words: &[String]) -> String {
    words.chunks(80).map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n") + "\n"
}

/// An article of about `bytes` bytes of prose and a misquote of `quote_words`
/// words taken from its middle: one word in 25 changed, one dropped.
fn nearest(name: &'static str, bytes: usize, quote_words: usize) -> Case {
    let mut rng = Rng(7);
    let mut words = prose(&mut rng, bytes / 6);
    while paragraphs(&words).len() > bytes.min(MAX_BODY) {
        words.truncate(words.len() * 99 / 100);
    }
    let start = words.len() / 2;
    let mut quote: Vec<String> = words[start..start + quote_words].to_vec();
    for (i, w) in quote.iter_mut().enumerate().skip(3).step_by(25) {
        *w = format!("changed{i}");
    }
    quote.remove(7);
    let what = if quote_words > 1000 { "a million-word article" } else { "a 1.2 MB article" };
    Case { name, what, article: paragraphs(&words), annotations: annotation("misquote", &quote.join(" ")) }
}

/// `unit` repeated `times`, and a quote that matches each repetition.
fn ambiguous(name: &'static str, unit: &str, times: usize, quote: &str) -> Case {
    let what = "one quote with many matches";
    Case { name, what, article: unit.repeat(times), annotations: annotation("everywhere", quote) }
}

fn nested(name: &'static str, article: String) -> Case {
    Case { name, what: "deeply nested blocks", article, annotations: annotation("deep", "deep text") }
}

/// 20,000 sentences, each quoted by its own annotation.
fn annotations() -> Case {
    let mut rng = Rng(11);
    let words = prose(&mut rng, 60_000);
    let (mut article, mut sidecar) = (String::new(), String::new());
    for n in 0..20_000 {
        let w = &words[n * 3..n * 3 + 3];
        let _ = write!(article, "Item {n} says {} {} {}.", w[0], w[1], w[2]);
        article.push_str(if n % 20 == 19 { "\n\n" } else { " " });
        sidecar.push_str(&annotation(&format!("a{n}"), &format!("Item {n} says {}", w[0])));
    }
    Case { name: "annotations-20k", what: "20,000 annotations on a 500 KB article", article, annotations: sidecar }
}

/// An opening sentence (annotated), then `unit` repeated to about `bytes`.
fn tiny(name: &'static str, what: &'static str, bytes: usize, unit: &str) -> Case {
    let opening = "An opening sentence.\n\n";
    let times = (bytes - opening.len()) / unit.len();
    let article = format!("{opening}{}", unit.repeat(times));
    Case { name, what, article, annotations: annotation("opening", "An opening sentence.") }
}

/// A table of 1,000 columns and `rows` rows of one-letter cells.
fn table(name: &'static str, what: &'static str, rows: usize) -> Case {
    let head = format!("{}|\n{}|\n", "|h".repeat(1000), "|-".repeat(1000));
    let rows = format!("{}|\n", "|a".repeat(1000)).repeat(rows);
    let opening = "An opening sentence.\n\n";
    Case {
        name,
        what,
        article: format!("{opening}{head}{rows}"),
        annotations: annotation("opening", "An opening sentence."),
    }
}
