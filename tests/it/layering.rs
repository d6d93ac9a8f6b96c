//! The library's modules import each other without cycles and only down
//! the layers that ARCHITECTURE.md lists: a module imports modules of its
//! own layer or of the layers before it, never one after.
//!
//! An import is a path the code names from `crate`, `super` or `self`
//! (`use crate::model::Id;`, `super::article::date(…)`), read at the
//! granularity of the module files (`resolve::article`, `view::pages`,
//! `search`, …; inline modules belong to their file). Comments are not
//! code (a rustdoc link is not an import), nor are string literals, nor
//! items and files under `#[cfg(test)]`: tests may import anything. A
//! parent naming its own child (`article::articles(…)` in `resolve`) is
//! how Rust declares modules, not an import, and is not read.

mod scan;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::support::rust_source::module_file;
use scan::scan;

/// Imports being removed on another branch, kept out of the cycle check
/// until it is merged: (importer, imported).
const BEING_REMOVED: [(&str, &str); 1] = [
    // `view::shared` names `view::pages::Views`; the view modules are
    // being restructured so that `shared` no longer does.
    ("view::shared", "view::pages"),
];

/// A module's name as ARCHITECTURE.md and the messages write it: the
/// crate root is `lib`.
fn name(module: &[String]) -> String {
    if module.is_empty() { "lib".to_owned() } else { module.join("::") }
}

/// The import graph of a crate: for each module (by name), the modules
/// it imports and the first place it does, as `file:line`.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// Reads the crate whose root is `root_file` (and whose files are under
/// `src`): its import graph, every file it reads (its modules' and its
/// test modules'), and any module file that is missing.
fn crate_graph(src: &Path, root_file: &Path, graph: &mut Graph, read: &mut BTreeSet<PathBuf>) -> Vec<String> {
    let mut missing = Vec::new();
    let mut files = vec![(Vec::<String>::new(), root_file.to_path_buf())];
    let mut scans = Vec::new();
    while let Some((module, file)) = files.pop() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            missing.push(format!("{} (module `{}`)", file.display(), name(&module)));
            continue;
        };
        read.insert(file.clone());
        let scan = scan(&text, &module);
        read.extend(scan.test_mods.iter().map(|d| module_file(&file, d)));
        for d in &scan.mods {
            files.push((module.iter().cloned().chain([d.name.clone()]).collect(), module_file(&file, d)));
        }
        scans.push((module, file, scan));
    }
    let modules: BTreeSet<&Vec<String>> = scans.iter().map(|(m, _, _)| m).collect();
    for (module, file, scan) in &scans {
        let from = name(module);
        let edges = graph.entry(from.clone()).or_default();
        for r in &scan.refs {
            let target = (0..=r.path.len()).rev().map(|n| &r.path[..n]).find(|p| modules.iter().any(|m| m[..] == **p));
            let to = name(target.unwrap_or_default());
            if to != from {
                let shown = file.strip_prefix(src.parent().unwrap_or(src)).unwrap_or(file);
                edges.entry(to).or_insert_with(|| format!("{}:{}", shown.display(), r.line));
            }
        }
    }
    missing
}

/// The library's import graph, read from `<root>/src/lib.rs` down its
/// modules; fails naming any `.rs` file under `src/` that is neither a
/// module of the library or the binary nor a test module (a file the
/// scan could not place would be a file it did not check).
fn library_graph(root: &Path) -> Graph {
    let src = root.join("src");
    let (mut graph, mut read) = (Graph::new(), BTreeSet::new());
    let mut missing = crate_graph(&src, &src.join("lib.rs"), &mut graph, &mut read);
    if src.join("main.rs").exists() {
        missing.extend(crate_graph(&src, &src.join("main.rs"), &mut Graph::new(), &mut read));
    }
    assert!(missing.is_empty(), "modules declared but not found:\n{}", missing.join("\n"));
    let unread: Vec<String> = walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("src/ is readable").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !read.contains(p))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        unread.is_empty(),
        "source files that no module declares (the scan missed a `mod`?):\n{}",
        unread.join("\n")
    );
    graph
}

/// Every cycle of `graph`, one per set of modules, each the shortest
/// through the first module of its set, with where each import is.
fn cycles(graph: &Graph) -> Vec<String> {
    let removed = |from: &str, to: &str| BEING_REMOVED.contains(&(from, to));
    let (mut seen, mut found) = (BTreeSet::new(), Vec::new());
    for start in graph.keys() {
        // Shortest path from `start` back to itself, breadth first.
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = VecDeque::from([start.as_str()]);
        let mut closing = None;
        'search: while let Some(node) = queue.pop_front() {
            for to in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
                if removed(node, to) {
                    continue;
                }
                if to == start {
                    closing = Some(node);
                    break 'search;
                }
                if !came_from.contains_key(to.as_str()) {
                    came_from.insert(to, node);
                    queue.push_back(to);
                }
            }
        }
        let Some(mut node) = closing else { continue };
        let mut path = vec![start.as_str()];
        while node != start {
            path.push(node);
            node = came_from[node];
        }
        path.push(start);
        path.reverse();
        // `path` is start → … → start, in import order.
        let set: BTreeSet<&str> = path.iter().copied().collect();
        if seen.insert(set) {
            let steps: Vec<String> =
                path.windows(2).map(|w| format!("  {} imports {} ({})", w[0], w[1], graph[w[0]][w[1]])).collect();
            found.push(format!("{}:\n{}", path.join(" → "), steps.join("\n")));
        }
    }
    found
}

/// The layers ARCHITECTURE.md lists under `## Layers`, first to last: one
/// numbered item each, its modules in backticks before ` — `.
fn layers(architecture: &str) -> Vec<Vec<String>> {
    let section = architecture.split("\n## Layers\n").nth(1).expect("ARCHITECTURE.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| {
            let (number, item) = line.split_once(". ")?;
            number.parse::<usize>().ok()?;
            let modules = item.split(" — ").next().unwrap_or_default();
            let names: Vec<String> = modules.split(", ").map(|m| m.trim_matches('`').to_owned()).collect();
            assert!(
                modules.split(", ").all(|m| m.len() > 2 && m.starts_with('`') && m.ends_with('`')),
                "a layer is modules in backticks, separated by commas, then ` — `: {line}"
            );
            Some(names)
        })
        .collect()
}

/// Every import of a module from a later layer than its own, and every
/// top-level module the layers miss or list twice.
fn upward(graph: &Graph, layers: &[Vec<String>]) -> Vec<String> {
    let top = |module: &str| module.split("::").next().unwrap_or_default().to_owned();
    let mut layer_of = BTreeMap::new();
    let mut found = Vec::new();
    for (n, layer) in layers.iter().enumerate() {
        for m in layer {
            if layer_of.insert(m.clone(), n + 1).is_some() {
                found.push(format!("`{m}` is in two layers"));
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().map(|m| top(m)).collect();
    found.extend(modules.iter().filter(|m| !layer_of.contains_key(*m)).map(|m| format!("`{m}` is in no layer")));
    found.extend(layer_of.keys().filter(|m| !modules.contains(*m)).map(|m| format!("`{m}` is not a module")));
    for (from, edges) in graph {
        for (to, at) in edges {
            let (Some(&a), Some(&b)) = (layer_of.get(&top(from)), layer_of.get(&top(to))) else { continue };
            if b > a {
                found.push(format!("{from} (layer {a}) imports {to} (layer {b}), at {at}"));
            }
        }
    }
    found
}

#[test]
fn src_has_no_import_cycles() {
    let graph = library_graph(Path::new(env!("CARGO_MANIFEST_DIR")));
    let found = cycles(&graph);
    assert!(found.is_empty(), "import cycles between modules:\n{}", found.join("\n"));
}

#[test]
fn src_imports_only_down_the_layers_of_architecture_md() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let found = upward(&library_graph(root), &layers(&architecture));
    assert!(
        found.is_empty(),
        "imports up the layers (ARCHITECTURE.md, `## Layers`: import from your own layer or one before it):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_name_each_cycle_and_each_import_up_the_layers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("made");
        std::fs::write(path, text).expect("written");
    };
    write("src/lib.rs", "pub mod low;\npub mod high;\nmod resolve;\n#[cfg(test)]\nmod tests;\n");
    write("src/low.rs", "//! [`crate::high`] is a doc link.\nuse crate::high::Thing;\n");
    write("src/high.rs", "pub struct Thing;\nfn f() { crate::low::g() }\n");
    write("src/tests.rs", "use crate::resolve::b::x;\n");
    write("src/resolve/mod.rs", "mod a;\nmod b;\npub struct Cx;\n");
    write("src/resolve/a.rs", "use super::Cx;\nuse super::b::x;\n");
    write("src/resolve/b.rs", "use crate::low;\n\nfn y() { super::a::z() }\n");
    let graph = library_graph(dir.path());
    assert_eq!(
        cycles(&graph),
        [
            "high → low → high:\n  high imports low (src/high.rs:2)\n  low imports high (src/low.rs:2)",
            "resolve::a → resolve::b → resolve::a:\n  resolve::a imports resolve::b (src/resolve/a.rs:2)\n  \
             resolve::b imports resolve::a (src/resolve/b.rs:3)",
        ]
    );
    let architecture =
        "# A\n\n## Layers\n\n1. `low`, `lib` — the first\n2. `resolve` — then\n3. `high` — last\n\n## Next\n";
    assert_eq!(upward(&graph, &layers(architecture)), ["low (layer 1) imports high (layer 3), at src/low.rs:2"]);
    write("src/stray.rs", "");
    let stray = std::panic::catch_unwind(|| library_graph(dir.path())).expect_err("a file no module declares");
    assert!(format!("{:?}", stray.downcast_ref::<String>()).contains("stray.rs"));
}
