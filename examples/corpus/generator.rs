//! The synthetic corpus: a dossier of N articles and the same articles as a
//! Hugo site, deterministic for a seed.
//!
//! Shared by `examples/corpus.rs` (the command), the integration test
//! `tests/it/corpus.rs` and the preview's tests
//! (`src/serve/incremental_tests.rs`), which include this file by path.

mod hugo;
mod rng;
mod text;
mod words;
mod world;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use text::Article;
use world::World;

/// Written in the output folder, so a later run may replace what it made
/// and nothing else.
const MARKER: &str = ".dossier-corpus";

pub struct Options {
    pub articles: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub annotations: usize,
    pub claims: usize,
    pub contradicting: usize,
    pub actors: usize,
    pub words: usize,
}

/// Writes `out/dossier/` and `out/hugo/`. `out` must be empty, absent, or
/// a folder this function made before (it is then regenerated).
pub fn generate(options: &Options, out: &Path) -> io::Result<Summary> {
    prepare(out)?;
    let w = world::build(options.seed, options.articles);
    let (dossier, hugo) = (out.join("dossier"), out.join("hugo"));
    let content = dossier.join("content");
    fs::create_dir_all(content.join("articles"))?;
    fs::create_dir_all(content.join("actors"))?;
    hugo::prepare(&hugo, &w, options.articles)?;
    fs::write(content.join("site.yaml"), site_yaml(options))?;
    for region in &w.regions {
        let path = content.join("actors").join(format!("{}.yaml", w.actors[region.place].id));
        fs::write(path, actors_yaml(&w, region))?;
    }
    fs::write(content.join("claims.yaml"), claims_yaml(&w))?;

    let mut summary = Summary {
        articles: options.articles,
        claims: w.claims.len(),
        contradicting: w.claims.iter().filter(|c| c.contradicts.is_some()).count(),
        actors: w.actors.len(),
        ..Summary::default()
    };
    // One article at a time, written at once: memory stays flat at any N.
    for i in 0..options.articles {
        let a = text::article(&w, options.seed, i);
        summary.annotations += a.annotations.len();
        summary.words += a.body.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let base = content.join("articles").join(&a.id);
        fs::write(base.with_extension("md"), article_md(&w, &a))?;
        fs::write(base.with_extension("yaml"), sidecar_yaml(&w, &a))?;
        hugo::article(&hugo, &w, &a)?;
    }
    Ok(summary)
}

fn prepare(out: &Path) -> io::Result<()> {
    if out.join(MARKER).is_file() {
        for sub in ["dossier", "hugo"] {
            match fs::remove_dir_all(out.join(sub)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    } else if out.is_dir() && fs::read_dir(out)?.next().is_some() {
        let message = format!("`{}` is not empty and was not made by the corpus generator", out.display());
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, message));
    }
    fs::create_dir_all(out)?;
    fs::write(out.join(MARKER), "made by `cargo run --example corpus`; regenerated on the next run\n")
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(ids: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", ids.into_iter().collect::<Vec<_>>().join(", "))
}

fn site_yaml(o: &Options) -> String {
    format!(
        "# A synthetic dossier for benchmarks: `cargo run --release --example corpus -- --articles {n} --seed {s}`.\n\
         title: \"Synthetic dossier, {n} articles\"\n\
         description: \"Generated news articles about contested towns, annotated claim by claim.\"\n\
         base_url: \"https://example.org/bench/\"\n\
         language: en\n",
        n = o.articles,
        s = o.seed
    )
}

fn actors_yaml(w: &World, region: &world::Region) -> String {
    let mut s = format!("# Actors of {}.\n\n", region.place_name);
    let ids = std::iter::once(region.place).chain(region.institutions.iter().copied());
    for i in ids.chain(region.media.iter().copied()).chain(region.persons.iter().copied()) {
        let a = &w.actors[i];
        let _ = writeln!(s, "- id: {}\n  name: {}\n  kind: {}", a.id, q(&a.name), a.kind);
        if !a.aliases.is_empty() {
            let _ = writeln!(s, "  aliases: {}", list(a.aliases.iter().map(|x| q(x))));
        }
        if let Some(role) = &a.role {
            let _ = writeln!(s, "  role: {}", q(role));
        }
        if let Some(aff) = a.affiliation {
            let _ = writeln!(s, "  affiliation: {}", w.actors[aff].id);
        }
        s.push('\n');
    }
    s
}

fn claims_yaml(w: &World) -> String {
    let mut s = String::from("# Claims, region by region. Pairs that cannot both be true say so in `contradicts`.\n\n");
    for c in &w.claims {
        let _ = writeln!(s, "- id: {}\n  statement: {}", c.id, q(&c.statement()));
        let _ = writeln!(s, "  about: {}\n  tags: [{}]", list(c.about.iter().map(|&a| w.actors[a].id.clone())), c.tag);
        if let Some(other) = c.contradicts {
            let _ = writeln!(s, "  contradicts: [{}]", w.claims[other].id);
        }
        if let Some((verdict, note)) = c.verdict {
            let _ = writeln!(s, "  verdict: {verdict}");
            if let Some(note) = note {
                let _ = writeln!(s, "  verdict_note: {}", q(note));
            }
        }
        s.push('\n');
    }
    s
}

fn article_md(w: &World, a: &Article) -> String {
    format!(
        "---\ntitle: {}\noutlet: {}\nurl: {}\npublished: {}\nauthor: {}\nlanguage: en\n---\n\n{}",
        q(&a.title),
        w.actors[a.outlet].id,
        a.url,
        a.published,
        q(&a.author),
        a.body
    )
}

fn sidecar_yaml(w: &World, a: &Article) -> String {
    let mut s = format!("# Annotations of {}.\n\nannotations:\n", q(&a.title));
    for n in &a.annotations {
        let _ = writeln!(s, "  - id: {}\n    quote: {}\n    claim: {}", n.id, q(&n.quote), w.claims[n.claim].id);
        let _ = writeln!(s, "    stance: {}\n    by: {}", n.stance.as_str(), w.actors[n.by].id);
        if let Some(via) = n.via {
            let _ = writeln!(s, "    via: {}", w.actors[via].id);
        }
        if let Some(note) = &n.note {
            let _ = writeln!(s, "    note: {}", q(note));
        }
    }
    s
}
