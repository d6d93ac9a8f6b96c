//! The benchmark corpus (`cargo run --example corpus`) stays a valid
//! dossier: no diagnostics, every quote anchored, the expected pages, the
//! same bytes for the same seed, and a Hugo twin with the taxonomies.

#[path = "../../examples/corpus/generator.rs"]
pub(crate) mod generator;

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{build, dossier, read_tree, stderr};

fn generate(seed: u64, out: &Path) -> generator::Summary {
    generator::generate(&generator::Options { articles: 50, seed }, out).expect("the corpus is written")
}

/// The `- id:` entries of the YAML registries in `files`.
fn ids(files: impl Iterator<Item = std::path::PathBuf>) -> BTreeSet<String> {
    files
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines().filter_map(|l| l.strip_prefix("- id: ").map(str::to_owned)).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_corpus_is_a_clean_dossier_with_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(7, dir.path());
    assert_eq!((s.articles, s.annotations, s.claims, s.actors), (50, 500, 25, 10));
    assert!(s.contradicting >= 10, "about half the claims contradict another: {s:?}");
    assert!((550..700).contains(&(s.words / s.articles)), "about 600 words an article: {s:?}");
    let root = dir.path().join("dossier");

    let out = dossier(&["check", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "check failed:\n{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the corpus must give no diagnostic at all");

    let content = root.join("content");
    let articles: BTreeSet<String> = std::fs::read_dir(content.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let claims = ids(std::iter::once(content.join("claims.yaml")));
    let actors = ids(std::fs::read_dir(content.join("actors")).unwrap().map(|e| e.unwrap().path()));
    assert_eq!((articles.len(), claims.len(), actors.len()), (50, 25, 10));

    let site = build(&root);
    for (section, ids) in [("articles", &articles), ("claims", &claims), ("actors", &actors)] {
        for id in ids {
            assert!(site.files.contains_key(&format!("{section}/{id}/index.html")), "no page for {section}/{id}");
        }
    }
    // Every annotation is highlighted once in its article.
    let first_pieces: usize = articles
        .iter()
        .map(|id| String::from_utf8_lossy(&site.files[&format!("articles/{id}/index.html")]).matches("id=\"a-").count())
        .sum();
    assert_eq!(first_pieces, 500);
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(3, a.path());
    generate(3, b.path());
    generate(4, c.path());
    let (a, b, c) = (read_tree(a.path()), read_tree(b.path()), read_tree(c.path()));
    assert!(a.len() > 100, "{} files", a.len());
    assert!(a == b, "two runs with one seed differ");
    assert!(a != c, "another seed gives another corpus");
}

#[test]
fn the_hugo_twin_has_the_articles_with_claims_and_actors_as_taxonomies() {
    let dir = tempfile::tempdir().unwrap();
    generate(7, dir.path());
    let hugo = dir.path().join("hugo");
    let config = std::fs::read_to_string(hugo.join("hugo.toml")).unwrap();
    assert!(config.contains("[taxonomies]\nclaim = \"claims\"\nactor = \"actors\""), "{config}");
    for layout in ["baseof", "single", "list", "taxonomy", "term"] {
        assert!(hugo.join(format!("layouts/{layout}.html")).is_file(), "no {layout} layout");
    }
    let dossier_articles = dir.path().join("dossier/content/articles");
    let mut count = 0;
    for entry in std::fs::read_dir(hugo.join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "_index.md" {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text.split("---\n").nth(1).unwrap();
        let terms = |key: &str| {
            let line = front.lines().find_map(|l| l.strip_prefix(key)).unwrap_or_else(|| panic!("no {key} in {name}"));
            line.trim_matches(['[', ']']).split(", ").map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(terms("claims: ").len(), 10, "{name}: one term per annotated claim");
        assert!(terms("actors: ").len() >= 2, "{name}: the outlet and the speakers");
        // The same body as the dossier's article.
        let original = std::fs::read_to_string(dossier_articles.join(&name)).unwrap();
        let body = |t: &str| t.splitn(3, "---\n").nth(2).unwrap().to_owned();
        assert_eq!(body(&text), body(&original), "{name}");
    }
    assert_eq!(count, 50);
    let claim_terms = std::fs::read_dir(hugo.join("content/claims")).unwrap().count();
    assert_eq!(claim_terms, 25, "a term page with its statement for every claim");
}
