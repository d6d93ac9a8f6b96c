//! `serve`'s rebuild after an edit: files edited on disk, the preview told
//! which (as the watcher tells it), and every time its site is, byte for
//! byte, what a full build of the files makes now; its report is the
//! check's. A small edit renders few pages. On the sample and on a
//! generated corpus, with fixed and random edits.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::Status;
use super::preview::Preview;
use crate::render::{self, Files};
use crate::theme::Theme;

/// The benchmark's corpus generator, as `examples/corpus.rs` runs it.
#[path = "../../examples/corpus/generator.rs"]
#[allow(dead_code, unreachable_pub, reason = "only `generate` is used here")]
mod generator;

/// The sample dossier as the tests keep it (a copy of the repository's
/// `content/`, which is the user's to edit).
fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/sample")
}

/// Copies the tree at `from` to `to` (which may exist), folders first.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of a dossier's content, and a preview of it.
struct Bench {
    _dir: tempfile::TempDir,
    root: PathBuf,
    preview: Preview,
    /// The site of the last good build.
    site: Files,
}

impl Bench {
    fn new(content: &Path) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("dossier");
        copy_tree(content, &root.join("content"));
        let mut bench = Bench { preview: Preview::new(root.clone()), root, _dir: dir, site: Files::new() };
        let (pages, rendered) = bench.rebuild(None, "the first build");
        assert_eq!(pages, rendered);
        bench
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// Writes files (`None`: removes them) and rebuilds.
    fn write(&mut self, files: &[(&str, Option<&str>)], what: &str) -> (usize, usize) {
        for (relative, text) in files {
            match text {
                Some(text) => std::fs::write(self.path(relative), text).unwrap(),
                None => std::fs::remove_file(self.path(relative)).unwrap(),
            }
        }
        let paths: Vec<PathBuf> = files.iter().map(|(r, _)| self.path(r)).collect();
        self.rebuild(Some(&paths), what)
    }

    /// Rebuilds and compares with a check and a full render of the files
    /// as they are; returns the pages and how many were rendered.
    fn rebuild(&mut self, paths: Option<&[PathBuf]>, what: &str) -> (usize, usize) {
        let outcome = self.preview.rebuild(paths);
        let (dossier, report) = crate::check_dossier(&self.root, &crate::progress::Silent).unwrap();
        assert_eq!(outcome.report.diagnostics, report.diagnostics, "after {what}: the check's diagnostics");
        assert_eq!(outcome.report.sources, report.sources, "after {what}: the check's sources");
        let built = match outcome.status {
            Status::Built { pages, rendered, .. } => Some((pages, rendered)),
            Status::ContentErrors => None,
            Status::Failed(e) => panic!("after {what}: {e}"),
        };
        assert_eq!(built.is_none(), report.has_errors(), "after {what}: built only without errors");
        if built.is_some() {
            let theme = Theme::load(&self.root, &dossier.site.theme).unwrap();
            let full = render::site(&dossier, &theme).unwrap();
            self.site = full.into_iter().map(|o| (o.path, std::sync::Arc::new(o.bytes))).collect();
        }
        let files = self.preview.files();
        if *files != self.site {
            let differ: Vec<&String> = self
                .site
                .iter()
                .filter(|(p, b)| files.get(*p) != Some(*b))
                .map(|(p, _)| p)
                .chain(files.keys().filter(|p| !self.site.contains_key(*p)))
                .collect();
            panic!("after {what}, these files are not the full build's: {differ:?}");
        }
        built.unwrap_or((0, 0))
    }

    fn sidecars(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path("content/articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .map(|n| format!("content/articles/{n}"))
            .collect();
        names.sort();
        names
    }
}

/// One edit of a sidecar or an article, as a person makes it in a text editor.
#[derive(Clone, Copy, Debug)]
enum Edit {
    Stance,
    Claim,
    Speaker,
    Channel,
    Quote,
    RemoveAnnotation,
    AddAnnotation,
    Title,
    Date,
    UnknownClaim,
    Restore,
    NewArticle,
    RemoveArticle,
}

const EDITS: [Edit; 13] = [
    Edit::Stance,
    Edit::Claim,
    Edit::Speaker,
    Edit::Channel,
    Edit::Quote,
    Edit::RemoveAnnotation,
    Edit::AddAnnotation,
    Edit::Title,
    Edit::Date,
    Edit::UnknownClaim,
    Edit::Restore,
    Edit::NewArticle,
    Edit::RemoveArticle,
];

/// The value of the `n`th line starting with `key` (after indentation).
fn values<'t>(text: &'t str, key: &str) -> Vec<&'t str> {
    text.lines().filter_map(|l| l.trim_start().strip_prefix(key)).collect()
}

/// Replaces the `n`th (modulo their number) line of `key` with `value`.
fn set(text: &str, key: &str, n: usize, value: &str) -> String {
    let count = values(text, key).len().max(1);
    let mut seen = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| match l.trim_start().strip_prefix(key) {
            Some(_) => {
                seen += 1;
                if seen - 1 == n % count {
                    format!("{}{key}{value}", &l[..l.len() - l.trim_start().len()])
                } else {
                    l.to_owned()
                }
            }
            None => l.to_owned(),
        })
        .collect();
    lines.join("\n") + "\n"
}

/// Makes edit `e` to the `n`th article (sidecar and Markdown); `pick`
/// chooses among values.
fn edit(bench: &mut Bench, e: Edit, n: usize, pick: usize) -> (usize, usize) {
    let sidecars = bench.sidecars();
    let sidecar = sidecars[n % sidecars.len()].clone();
    let md = sidecar.replace(".yaml", ".md");
    let text = bench.read(&sidecar);
    let claims = values(&text, "claim: ");
    let other = |key: &str| {
        let all: Vec<String> = sidecars
            .iter()
            .flat_map(|s| values(&bench.read(s), key).into_iter().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        all[pick % all.len()].clone()
    };
    let what = format!("{e:?} of {sidecar}");
    let blocks: Vec<&str> = text.split("\n  - id: ").collect();
    match e {
        Edit::Stance => {
            let stance = ["supports", "disputes", "context"][pick % 3];
            bench.write(&[(&sidecar, Some(&set(&text, "stance: ", pick, stance)))], &what)
        }
        Edit::Claim => bench.write(&[(&sidecar, Some(&set(&text, "claim: ", pick, &other("claim: "))))], &what),
        Edit::Speaker => bench.write(&[(&sidecar, Some(&set(&text, "by: ", pick, &other("by: "))))], &what),
        Edit::Channel => {
            let with = text.replacen("    stance: ", &format!("    via: {}\n    stance: ", other("by: ")), 1);
            bench.write(&[(&sidecar, Some(&with))], &what)
        }
        Edit::Quote => {
            let quotes = values(&text, "quote: ");
            let Some(quote) = quotes.get(pick % quotes.len().max(1)) else { return (0, 0) };
            let shorter = match quote.split_once(' ') {
                Some((_, rest)) => format!("\"{rest}"),
                None => return (0, 0),
            };
            bench.write(&[(&sidecar, Some(&text.replacen(quote, &shorter, 1)))], &what)
        }
        Edit::RemoveAnnotation if blocks.len() > 1 => {
            let i = 1 + pick % (blocks.len() - 1);
            let kept: Vec<&str> = blocks.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, b)| *b).collect();
            bench.write(&[(&sidecar, Some(&kept.join("\n  - id: ")))], &what)
        }
        Edit::AddAnnotation if blocks.len() > 1 => {
            let block = blocks[1 + pick % (blocks.len() - 1)];
            let (_, rest) = block.split_once('\n').unwrap();
            let rest = set(rest, "stance: ", 0, "disputes");
            let added = format!("{}\n  - id: added-{pick}\n{}", text.trim_end(), rest);
            bench.write(&[(&sidecar, Some(&added))], &what)
        }
        Edit::RemoveAnnotation | Edit::AddAnnotation => (0, 0),
        Edit::Title => {
            let md_text = bench.read(&md);
            bench.write(&[(&md, Some(&set(&md_text, "title: ", 0, &format!("\"Retitled {pick}\""))))], &what)
        }
        Edit::Date => {
            let md_text = bench.read(&md);
            let date = format!("20{:02}-0{}-1{}", 10 + pick % 20, 1 + pick % 9, pick % 10);
            let dated = match values(&md_text, "published: ").is_empty() {
                true => md_text.replacen("title: ", &format!("published: {date}\ntitle: "), 1),
                false => set(&md_text, "published: ", 0, &date),
            };
            bench.write(&[(&md, Some(&dated))], &what)
        }
        Edit::UnknownClaim if !claims.is_empty() => {
            bench.write(&[(&sidecar, Some(&set(&text, "claim: ", pick, "no-such-claim")))], &what)
        }
        Edit::UnknownClaim => (0, 0),
        Edit::Restore => {
            // Every unknown claim named again by a known one.
            let known = other("claim: ");
            let known = if known == "no-such-claim" {
                claims.iter().find(|c| **c != known).map_or("", |c| *c).to_owned()
            } else {
                known
            };
            let broken: Vec<(String, String)> = sidecars
                .iter()
                .map(|s| (s.clone(), bench.read(s)))
                .filter(|(_, t)| t.contains("no-such-claim"))
                .map(|(s, t)| (s, t.replace("no-such-claim", &known)))
                .collect();
            let files: Vec<(&str, Option<&str>)> = broken.iter().map(|(s, t)| (s.as_str(), Some(t.as_str()))).collect();
            bench.write(&files, &what)
        }
        Edit::NewArticle => {
            let name = format!("content/articles/copy-{pick}");
            let (new_md, new_sidecar) = (format!("{name}.md"), format!("{name}.yaml"));
            let md_text = bench.read(&md);
            bench.write(&[(&new_md, Some(&md_text)), (&new_sidecar, Some(&text))], &what)
        }
        Edit::RemoveArticle if sidecars.len() > 1 => bench.write(&[(&md, None), (&sidecar, None)], &what),
        Edit::RemoveArticle => (0, 0),
    }
}

#[test]
fn every_edit_of_the_sample_gives_the_full_build() {
    let mut bench = Bench::new(&sample_root().join("content"));
    for (i, e) in EDITS.iter().enumerate() {
        edit(&mut bench, *e, i, i * 7);
    }
    // Edited twice before it builds: the edits add up.
    edit(&mut bench, Edit::UnknownClaim, 0, 0);
    edit(&mut bench, Edit::Stance, 0, 1);
    edit(&mut bench, Edit::Restore, 0, 0);
}

fn corpus(articles: usize, seed: u64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    generator::generate(&generator::Options { articles, seed }, dir.path()).unwrap();
    let content = dir.path().join("dossier/content");
    (dir, content)
}

#[test]
fn every_edit_of_a_corpus_gives_the_full_build_and_renders_little() {
    let (_dir, content) = corpus(30, 5);
    let mut bench = Bench::new(&content);
    let (pages, rendered) = edit(&mut bench, Edit::Stance, 3, 0);
    assert!(rendered * 4 < pages, "a stance renders {rendered} of {pages} pages");
    let (pages, rendered) = edit(&mut bench, Edit::Quote, 3, 2);
    assert!(rendered * 10 < pages, "a quote renders {rendered} of {pages} pages");
    for (i, e) in EDITS.iter().enumerate() {
        edit(&mut bench, *e, i * 5, i * 3 + 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_of_a_corpus_give_the_full_build(seed in 0..100u64, edits in proptest::collection::vec((0..EDITS.len(), 0..30usize, 0..100usize), 1..8)) {
        let (_dir, content) = corpus(20, seed);
        let mut bench = Bench::new(&content);
        for (e, n, pick) in edits {
            edit(&mut bench, EDITS[e], n, pick);
        }
    }
}
