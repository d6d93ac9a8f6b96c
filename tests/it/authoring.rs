//! Starting and growing a dossier: `init`, `new claim`, `new actor`,
//! `new article`'s sidecar, and the JSON Schemas editors use.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::golden::assert_golden;
use crate::support::{copy_tree, dossier, fixture, repo, sample_root, stderr};

fn run(args: &[&str], root: &Path) -> std::process::Output {
    let mut all = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    dossier(&all)
}

fn check(root: &Path) -> (bool, String) {
    let out = run(&["check"], root);
    (out.status.success(), stderr(&out))
}

#[test]
fn init_makes_a_dossier_that_checks_and_builds() {
    for bare in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new");
        let mut args = vec!["init", root.to_str().unwrap()];
        if bare {
            args.push("--bare");
        }
        let out = dossier(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        for file in ["content/site.yaml", "content/actors.yaml", "content/claims.yaml", "schemas/sidecar.schema.json"] {
            assert!(root.join(file).is_file(), "{file}");
        }
        assert_eq!(fs::read_to_string(root.join(".gitignore")).unwrap().lines().next(), Some("/public/"));
        let site = fs::read_to_string(root.join("content/site.yaml")).unwrap();
        assert!(site.starts_with("# yaml-language-server: $schema=../schemas/site.schema.json\n"), "{site}");
        let example = root.join("content/articles/example-bridge-reopens.yaml");
        assert_eq!(example.is_file(), !bare);
        assert_eq!(check(&root), (true, String::new()), "bare: {bare}");
        let output = dir.path().join("site");
        let out = dossier(&["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(output.join("index.html").is_file());
        assert_eq!(output.join("articles/example-bridge-reopens/index.html").is_file(), !bare);
        assert_eq!(output.join("claims/exampleton-bridge-reopens/index.html").is_file(), !bare);
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = dossier(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not empty: a new dossier goes in an empty or new folder"), "{}", stderr(&out));
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["notes.txt"]);
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
}

/// The README's recipe for a fork: the sample's `content/` removed, a bare
/// dossier made beside it, its `content/` moved in.
#[test]
fn a_fork_starts_over_as_the_readme_says() {
    let dir = tempfile::tempdir().unwrap();
    let fork = dir.path().join("fork");
    copy_tree(&sample_root(), &fork);
    fs::write(fork.join("README.md"), "the project\n").unwrap();
    fs::remove_dir_all(fork.join("content")).unwrap();
    let fresh = fork.join("target/fresh");
    assert!(dossier(&["init", "--bare", fresh.to_str().unwrap()]).status.success());
    fs::rename(fresh.join("content"), fork.join("content")).unwrap();
    assert_eq!(check(&fork), (true, String::new()));
    let out = run(&["new", "actor", "jane-doe", "--name", "Jane Doe", "--kind", "person"], &fork);
    assert!(out.status.success(), "{}", stderr(&out));
    let out =
        run(&["new", "claim", "bridge-reopens", "--statement", "The bridge reopens.", "--about", "jane-doe"], &fork);
    assert!(out.status.success(), "{}", stderr(&out));
    let (ok, messages) = check(&fork);
    assert!(ok && messages.contains("warning[unused-claim]"), "{messages}");
}

#[test]
fn new_claim_and_actor_keep_the_file_byte_for_byte_and_refuse_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&sample_root(), root);
    let claims = root.join("content/claims.yaml");
    let before = fs::read_to_string(&claims).unwrap();
    let statement = "Officials say \"no\" \\ — «Київ» # not a comment: - neither";
    let out = run(&["new", "claim", "tricky", "--statement", statement, "--about", "kupiansk", "--tag", "2025"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = fs::read_to_string(&claims).unwrap();
    assert!(after.starts_with(&before), "the old text is kept as it was");
    assert!(
        after[before.len()..].contains("- id: tricky\n  statement: \"Officials say \\\"no\\\" \\\\ — «Київ»"),
        "{after}"
    );
    // `check` reads it back unchanged: the only news is that it is unused.
    let (ok, messages) = check(root);
    assert!(ok, "{messages}");
    assert!(messages.contains("the claim `tricky`") || messages.contains("tricky"), "{messages}");

    let out = run(&["new", "claim", "ukraine-controls-kupiansk", "--statement", "Again."], root);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the claim `ukraine-controls-kupiansk` is already defined at content/claims.yaml:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&claims).unwrap(), after, "a refused entry writes nothing");

    let actors = root.join("content/actors.yaml");
    let before = fs::read_to_string(&actors).unwrap();
    let out = run(
        &[
            "new",
            "actor",
            "jane-doe",
            "--name",
            "Jane 'J' Doe",
            "--kind",
            "person",
            "--alias",
            "- J. D.",
            "--affiliation",
            "kupiansk",
        ],
        root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = fs::read_to_string(&actors).unwrap();
    assert!(after.starts_with(&before));
    let out = run(&["new", "actor", "kupiansk", "--name", "Again", "--kind", "city"], root);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("the actor `kupiansk` is already defined at content/actors.yaml:"), "{message}");
    assert!(message.contains("`city` is not a kind"), "{message}");
    assert_eq!(fs::read_to_string(&actors).unwrap(), after);
    let (ok, messages) = check(root);
    assert!(ok, "{messages}");
}

#[test]
fn folder_registries_take_new_entries_in_their_last_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("d");
    assert!(dossier(&["init", "--bare", root.to_str().unwrap()]).status.success());
    fs::remove_file(root.join("content/actors.yaml")).unwrap();
    fs::create_dir(root.join("content/actors")).unwrap();
    fs::write(root.join("content/actors/a.yaml"), "# people\n- id: ann\n  name: Ann\n").unwrap();
    fs::write(root.join("content/actors/b.yaml"), "# outlets\n").unwrap();
    let out = run(&["new", "actor", "gazette", "--name", "Gazette", "--kind", "media"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = fs::read_to_string(root.join("content/actors/b.yaml")).unwrap();
    assert_eq!(b, "# outlets\n- id: gazette\n  name: \"Gazette\"\n  kind: media\n");
    let out = run(&["new", "actor", "ann", "--name", "Ann"], &root);
    assert!(stderr(&out).contains("already defined at content/actors/a.yaml:2:7"), "{}", stderr(&out));
    let out = run(&["new", "claim", "c", "--statement", "C.", "--about", "ann", "--about", "gazette"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let (ok, messages) = check(&root);
    assert!(ok, "{messages}");
}

/// The sidecar of `new article` has no `annotations: []` trap: its
/// example, uncommented, is valid YAML and the format, and the only error
/// left is that its placeholder quote is not in the article.
#[test]
fn the_new_sidecars_example_uncommented_fails_only_on_its_quote() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("d");
    assert!(dossier(&["init", root.to_str().unwrap()]).status.success());
    let out = run(&["new", "article", "first-report", "--title", "First report"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let sidecar = root.join("content/articles/first-report.yaml");
    let text = fs::read_to_string(&sidecar).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../schemas/sidecar.schema.json\n"));
    assert_eq!(check(&root), (true, String::new()), "as written, the sidecar is valid");
    let mut started = false;
    let uncommented: String = text
        .lines()
        .map(|line| {
            started |= line == "# annotations:";
            format!("{}\n", if started { line.strip_prefix("# ").unwrap_or(line) } else { line })
        })
        .collect();
    fs::write(&sidecar, uncommented).unwrap();
    let (ok, messages) = check(&root);
    assert!(!ok);
    let errors: Vec<&str> = messages.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors, ["error[quote-not-found]: the quote is not in the article"], "{messages}");
}

/// YAML read as JSON, as editors' YAML language server reads it.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Option<Value>>(text).unwrap().unwrap_or(Value::Null)
}

fn schemas() -> (tempfile::TempDir, impl Fn(&str) -> jsonschema::Validator) {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&["schema", "--output", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().to_owned();
    let load = move |name: &str| {
        let schema: Value = serde_json::from_str(&fs::read_to_string(path.join(name)).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    };
    (dir, load)
}

fn assert_valid(validator: &jsonschema::Validator, path: &Path, value: &Value) {
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
}

#[test]
fn the_schemas_accept_the_valid_fixtures_and_refuse_a_wrong_stance() {
    let (_dir, schema) = schemas();
    let (site, actors, claims, sidecar, front) = (
        schema("site.schema.json"),
        schema("actors.schema.json"),
        schema("claims.schema.json"),
        schema("sidecar.schema.json"),
        schema("front-matter.schema.json"),
    );
    let mut seen = 0;
    for name in ["sample", "provenance", "dated", "styles", "quirks"] {
        let content = fixture(name).join("content");
        for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path.strip_prefix(&content).unwrap().to_string_lossy().replace('\\', "/");
            let Ok(text) = fs::read_to_string(path) else { continue };
            let validator = match rel.as_str() {
                "site.yaml" => &site,
                _ if rel.starts_with("actors") && rel.ends_with(".yaml") => &actors,
                _ if rel.starts_with("claims") && rel.ends_with(".yaml") => &claims,
                _ if rel.starts_with("articles/") && rel.ends_with(".yaml") => &sidecar,
                _ if rel.starts_with("articles/") && rel.ends_with(".md") => {
                    let front_matter = text.split("---\n").nth(1).unwrap();
                    assert_valid(&front, path, &yaml(front_matter));
                    seen += 1;
                    continue;
                }
                _ => continue,
            };
            assert_valid(validator, path, &yaml(&text));
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} files");

    let annotation = "annotations:\n  - id: a\n    quote: \"q\"\n    claim: c\n    stance: {stance}\n";
    assert!(sidecar.is_valid(&yaml(&annotation.replace("{stance}", "disputes"))));
    assert!(!sidecar.is_valid(&yaml(&annotation.replace("{stance}", "refutes"))), "a wrong stance");
    assert!(!sidecar.is_valid(&yaml(&annotation.replace("{stance}", "supports\n    stanse: x"))), "a typo");
    assert!(!sidecar.is_valid(&yaml(&annotation.replace("{stance}", "supports\n    said_on: 2025-13-01"))));
    assert!(!sidecar.is_valid(&yaml(&annotation.replace("claim: c", "claim: Bad_Id").replace("{stance}", "context"))));
    assert!(!actors.is_valid(&yaml("- id: a\n  name: A\n  kind: city\n")), "a wrong kind");
    assert!(claims.is_valid(&yaml("- id: a\n  statement: A\n  verdict: false\n")), "an unquoted false");
    assert!(claims.is_valid(&yaml("# only comments\n")), "an empty registry");
}

/// The repository's `schemas/` are what `dossier schema` writes:
/// `DOSSIER_BLESS=1` rewrites them.
#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let dir = tempfile::tempdir().unwrap();
    assert!(dossier(&["schema", "--output", dir.path().to_str().unwrap()]).status.success());
    let mut names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for name in names {
        let generated = fs::read_to_string(dir.path().join(&name)).unwrap();
        assert_golden(&repo().join("schemas").join(name), &generated);
    }
}
