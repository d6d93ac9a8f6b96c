//! Search: the index the build writes under `search/`, read back by a
//! second implementation of what `search-index.js` does (and, where Node
//! is installed, by `search-index.js` itself), and the search page's markup.
//! The second implementation reads queries by the rules of docs/search.md,
//! held with the script's and the index's to one list of texts and their
//! tokens (`fixtures/search-tokens.json`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::support::*;

/// The tokens of `text` by the rules of docs/search.md ("How text is
/// read"), as `search-index.js` reads a query: lowercase, NFD without
/// combining marks, NFC; runs of letters, digits and apostrophes, the
/// apostrophes at the ends and a final `'s` dropped and the others removed;
/// at most 40 characters.
fn tokens(text: &str) -> Vec<String> {
    let apostrophe = |c: char| matches!(c, '\'' | '’' | '‘' | '‚' | '‛' | '′' | 'ʼ');
    let folded: String = text.to_lowercase().nfd().filter(|&c| !is_combining_mark(c)).nfc().collect();
    let folded: String = folded.chars().map(|c| if apostrophe(c) { '\'' } else { c }).collect();
    folded
        .split(|c: char| !(c == '\'' || c.is_alphabetic() || c.is_numeric()))
        .map(|run| run.trim_matches('\''))
        .map(|run| run.strip_suffix("'s").unwrap_or(run))
        .filter(|stem| !stem.is_empty())
        .map(|stem| stem.chars().filter(|&c| c != '\'').take(40).collect())
        .collect()
}

/// Texts and their tokens, which the index, the script and [`tokens`] agree on.
fn token_list() -> Vec<(String, Vec<String>)> {
    serde_json::from_slice(&std::fs::read(repo().join("tests/it/fixtures/search-tokens.json")).unwrap()).unwrap()
}

#[test]
fn the_reader_tokenises_the_list_as_the_index_does() {
    let list = token_list();
    assert!(list.len() >= 5);
    for (text, expected) in &list {
        assert_eq!(&tokens(text), expected, "{text}");
    }
    assert_eq!(tokens(&"x".repeat(100))[0].chars().count(), 40);
    assert!(tokens("  ... — ''  ").is_empty());
}

/// A site built to disk (Node reads it there) and read into memory.
struct Built {
    _dir: tempfile::TempDir,
    path: PathBuf,
    site: Site,
}

fn build_to_disk(root: &Path) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("public");
    let out = dossier(&["build", "--root", root.to_str().unwrap(), "--output", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = Site { files: read_tree(&path) };
    Built { _dir: dir, path, site }
}

fn sample() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build_to_disk(&sample_root()))
}

fn quirks() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build_to_disk(&fixture("quirks")))
}

/// The index as search-index.js reads it (docs/search.md): the same steps, in Rust.
struct Index<'a> {
    files: &'a BTreeMap<String, Vec<u8>>,
    manifest: Value,
}

impl<'a> Index<'a> {
    fn new(site: &'a Site) -> Index<'a> {
        let manifest = serde_json::from_slice(&site.files["search/index.json"]).unwrap();
        Index { files: &site.files, manifest }
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_slice(self.files.get(&format!("search/{path}")).unwrap_or_else(|| panic!("no {path}")))
            .unwrap()
    }

    fn shards(&self) -> Vec<&str> {
        self.manifest["shards"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
    }

    /// The last shard whose first term is not after `term`, comparing as
    /// JavaScript does (UTF-16 code units).
    fn shard_of(&self, term: &str) -> usize {
        let key: Vec<u16> = term.encode_utf16().collect();
        let shards = self.shards();
        shards.iter().rposition(|first| first.encode_utf16().collect::<Vec<_>>() <= key).unwrap_or(0)
    }

    /// A shard's entries; none when there is no such shard (no terms at all).
    fn entries(&self, shard: usize) -> Vec<Value> {
        if shard >= self.shards().len() {
            return Vec::new();
        }
        self.json(&format!("terms/{shard}.json")).as_array().unwrap().clone()
    }

    fn entry(&self, term: &str) -> Option<Value> {
        self.entries(self.shard_of(term)).into_iter().find(|e| e[0] == term)
    }

    fn postings(&self, term: &str) -> Vec<u32> {
        self.entry(term).map_or_else(Vec::new, |e| decode(e[1].as_str().unwrap()))
    }

    /// The matching documents, in order; `filters` as (name, value).
    fn search(&self, query: &str, filters: &[(&str, &str)]) -> Vec<u32> {
        let tokens = tokens(query);
        let typing = query.chars().last().is_some_and(char::is_alphanumeric);
        let mut lists: Vec<Vec<String>> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some((length, actors)) = self.spelling(&tokens, i) {
                lists.push(actors);
                i += length;
            } else if i == tokens.len() - 1 && typing && tokens[i].chars().count() >= 2 {
                lists.push(self.prefix(&tokens[i]));
                i += 1;
            } else {
                lists.push(vec![tokens[i].clone()]);
                i += 1;
            }
        }
        for (name, value) in filters {
            let name = if *name == "actor" { "by" } else { name };
            lists.push(vec![format!("={name}:{value}")]);
        }
        let mut result: Option<Vec<u32>> = None;
        for list in lists {
            let mut ids: Vec<u32> = list.iter().flat_map(|t| self.postings(t)).collect();
            ids.sort_unstable();
            ids.dedup();
            result = Some(match result {
                None => ids,
                Some(r) => r.into_iter().filter(|id| ids.contains(id)).collect(),
            });
        }
        result.unwrap_or_default()
    }

    /// The longest spelling of an actor, of several words, at tokens[i].
    fn spelling(&self, tokens: &[String], i: usize) -> Option<(usize, Vec<String>)> {
        let entry = self.entry(&tokens[i])?;
        let mut best: Option<(usize, Vec<String>)> = None;
        for phrase in entry.get(2).and_then(Value::as_array).into_iter().flatten() {
            let rest: Vec<&str> = phrase[0].as_str().unwrap().split(' ').collect();
            let matches = rest.iter().enumerate().all(|(k, r)| tokens.get(i + 1 + k).is_some_and(|t| t == r));
            let actor = phrase[1].as_str().unwrap().to_owned();
            match &mut best {
                _ if !matches => {}
                Some((length, actors)) if *length == rest.len() + 1 => actors.push(actor),
                Some((length, _)) if *length > rest.len() + 1 => {}
                _ => best = Some((rest.len() + 1, vec![actor])),
            }
        }
        best
    }

    /// Every term that starts with `p`, if they lie in at most 3 shards.
    fn prefix(&self, p: &str) -> Vec<String> {
        let (first, last) = (self.shard_of(p), self.shard_of(&format!("{p}\u{ffff}")));
        if last - first >= 3 {
            return vec![p.to_owned()];
        }
        let terms: Vec<String> = (first..=last)
            .flat_map(|s| self.entries(s))
            .map(|e| e[0].as_str().unwrap().to_owned())
            .filter(|t| t.starts_with(p))
            .collect();
        if terms.is_empty() { vec![p.to_owned()] } else { terms }
    }

    fn doc(&self, id: u32) -> Value {
        let chunk = self.manifest["chunk"].as_u64().unwrap() as u32;
        self.json(&format!("docs/{}.json", id / chunk))[(id % chunk) as usize].clone()
    }
}

/// A posting list: "~" and a bitmap, or gaps in base 32.
fn decode(s: &str) -> Vec<u32> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let value = |c: char| DIGITS.find(c).unwrap() as u32;
    if let Some(bits) = s.strip_prefix('~') {
        let set =
            |(i, c): (usize, char)| (0..6).filter(move |b| value(c) & (1 << b) != 0).map(move |b| i as u32 * 6 + b);
        return bits.chars().enumerate().flat_map(set).collect();
    }
    let (mut out, mut n, mut next) = (Vec::new(), 0, 0);
    for v in s.chars().map(value) {
        if v >= 32 {
            n = n * 32 + v - 32;
        } else {
            next += n * 32 + v;
            out.push(next);
            next += 1;
            n = 0;
        }
    }
    out
}

fn href(index: &Index<'_>, id: u32) -> String {
    index.doc(id)["u"].as_str().unwrap().to_owned()
}

#[test]
fn every_spelling_of_kupiansk_finds_the_actor_first() {
    let index = Index::new(&sample().site);
    for query in ["Kupyansk", "kupiansk", "Куп’янськ", "Куп'янськ", "купянськ", "КУПЯНСК", "Kupy", "kupyansk "]
    {
        let ids = index.search(query, &[]);
        assert_eq!(href(&index, ids[0]), "actors/kupiansk/", "{query}");
        // And the passages that say Kupiansk, whichever way they spell it.
        assert!(ids.len() > 10, "{query}: {}", ids.len());
    }
    assert_eq!(index.search("Kupyansk", &[]), index.search("Kupiansk", &[]));
    let page = sample().site.html("actors/kupiansk/index.html");
    assert_eq!(page.select(&sel("h1")).next().unwrap().text().collect::<String>().trim(), "Kupiansk");
}

#[test]
fn a_spelling_of_several_words_finds_every_spelling() {
    let index = Index::new(&sample().site);
    let tregubov = index.search("viktor tregubov", &[]);
    assert_eq!(tregubov, index.search("Viktor Trehubov", &[]));
    // A transliterated surname alone finds the same.
    assert_eq!(tregubov, index.search("Tregubov", &[]));
    assert_eq!(tregubov, index.search("trehubov ", &[]));
    assert_eq!(href(&index, tregubov[0]), "actors/viktor-trehubov/");
    // Passages found by the speaker's name, though they do not say it.
    let quotes: Vec<Value> = tregubov.iter().map(|&id| index.doc(id)).filter(|d| d["k"] == "quote").collect();
    assert!(quotes.len() >= 3, "{quotes:?}");
    assert!(quotes.iter().all(|q| q["m"].as_str().unwrap().starts_with("Viktor Trehubov")), "{quotes:?}");
}

#[test]
fn every_word_of_a_query_must_match_and_nonsense_finds_nothing() {
    let index = Index::new(&sample().site);
    assert!(index.search("xylophone", &[]).is_empty());
    assert!(index.search("kupiansk xylophone", &[]).is_empty());
    let both = index.search("civilians kupyansk ", &[]);
    let civilians = index.search("civilians ", &[]);
    assert!(!both.is_empty() && both.len() < civilians.len(), "{both:?} {civilians:?}");
    assert!(index.search("", &[]).is_empty());
}

/// (article, annotation, stance, by) of every annotation, from the sidecars.
fn annotations(root: &Path) -> Vec<(String, String, String, Option<String>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let article = path.file_stem().unwrap().to_string_lossy().into_owned();
            let sidecar: Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for a in sidecar["annotations"].as_array().into_iter().flatten() {
                let field = |k: &str| a[k].as_str().map(str::to_owned);
                out.push((article.clone(), field("id").unwrap(), field("stance").unwrap(), field("by")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn filters_keep_exactly_the_matching_passages() {
    let index = Index::new(&sample().site);
    let all = annotations(&sample_root());
    for stance in ["supports", "disputes", "context"] {
        let found: Vec<String> =
            index.search("", &[("stance", stance)]).into_iter().map(|id| href(&index, id)).collect();
        let want: Vec<String> =
            all.iter().filter(|a| a.2 == stance).map(|a| format!("articles/{}/#a-{}", a.0, a.1)).collect();
        let mut sorted = found.clone();
        sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(sorted, want_sorted, "{stance}");
    }
    let by: Vec<u32> = index.search("", &[("actor", "viktor-trehubov"), ("stance", "supports")]);
    let want = all.iter().filter(|a| a.2 == "supports" && a.3.as_deref() == Some("viktor-trehubov")).count();
    assert_eq!(by.len(), want);
    assert!(want > 0);
    // The outlet filter keeps its articles and the passages in them.
    let index = Index::new(&quirks().site);
    let outlet: Vec<String> =
        index.search("", &[("outlet", "daily-gazette")]).into_iter().map(|id| href(&index, id)).collect();
    assert_eq!(outlet[0], "articles/bridge-report/");
    assert!(outlet[1..].iter().all(|h| h.starts_with("articles/bridge-report/#a-")), "{outlet:?}");
    assert_eq!(outlet.len(), 1 + annotations(&fixture("quirks")).iter().filter(|a| a.0 == "bridge-report").count());
}

#[test]
fn the_sample_index_is_at_most_100_kb_and_every_result_links_to_a_page() {
    let site = &sample().site;
    let index: Vec<(&String, &Vec<u8>)> =
        site.files.iter().filter(|(p, _)| p.starts_with("search/") && p.ends_with(".json")).collect();
    let total: usize = index.iter().map(|(_, b)| b.len()).sum();
    assert!(total <= 100 * 1024, "{total} bytes");
    let docs = Index::new(site).manifest["docs"].as_u64().unwrap() as u32;
    let reader = Index::new(site);
    for id in 0..docs {
        let doc = reader.doc(id);
        let href = doc["u"].as_str().unwrap();
        let (page, fragment) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f)));
        let html = site.html(&format!("{page}index.html"));
        if let Some(f) = fragment {
            assert_eq!(html.select(&sel(&format!("mark[id='{f}']"))).count(), 1, "{href}");
        }
    }
}

#[test]
fn the_search_page_keeps_its_markup_contract() {
    let html = sample().site.html("search/index.html");
    let one = |s: &str| html.select(&sel(s)).count() == 1;
    for s in [
        "form#search-form[role=search][data-root='../'][data-index='../search/']",
        "#search-form input#search-q[type=search][name=q]",
        "#search-form select#search-stance[name=stance]",
        "#search-form select#search-actor[name=actor]",
        "#search-form select#search-outlet[name=outlet]",
        "label[for=search-q]",
        "p#search-status[role=status]",
        "ol#search-results",
        "script[src='../assets/search-index.js']",
        "script[src='../assets/search.js']",
        "nav a[href='../search/'][aria-current=page]",
    ] {
        assert!(one(s), "{s}");
    }
    // Parsed as a browser with scripting does, <noscript> holds text.
    let noscript: String = html.select(&sel("noscript")).flat_map(|n| n.text()).collect();
    for index in ["articles", "claims", "actors"] {
        assert!(noscript.contains(&format!("href=\"../{index}/\"")), "{noscript}");
    }
    let stances: Vec<&str> = html.select(&sel("#search-stance option")).map(|o| attr(&o, "value")).collect();
    assert_eq!(stances, ["", "supports", "disputes", "context"]);
    let speakers: Vec<&str> = html.select(&sel("#search-actor option")).map(|o| attr(&o, "value")).collect();
    assert!(speakers.contains(&"viktor-trehubov") && speakers.contains(&"vitaly-gantsev"), "{speakers:?}");
    // No header form on the search page itself: one search landmark.
    assert_eq!(html.select(&sel("[role=search]")).count(), 1);
    // search.js fetches the index from the folder the page names.
    let form = html.select(&sel("#search-form")).next().unwrap();
    let folder = attr(&form, "data-index").strip_prefix("../").unwrap();
    assert!(sample().site.files.contains_key(&format!("{folder}index.json")), "{folder}");
}

#[test]
fn every_other_page_has_a_search_form_that_reaches_the_search_page() {
    for (path, html) in sample().site.pages().filter(|(p, _)| *p != "search/index.html" && *p != "404.html") {
        let form = html.select(&sel("header form[role=search]")).next().unwrap_or_else(|| panic!("{path}"));
        let depth = path.matches('/').count();
        assert_eq!(attr(&form, "action"), format!("{}search/", "../".repeat(depth)), "{path}");
        assert_eq!(attr(&form, "method"), "get");
        let input = form.select(&sel("input[name=q]")).next().unwrap();
        let id = attr(&input, "id");
        assert_eq!(html.select(&sel(&format!("label[for={id}]"))).count(), 1, "{path}");
    }
}

/// `search-index.js` itself, under Node, over the built files.
fn run_js(site: &Path, input: Value) -> Option<Value> {
    let node = Command::new("node")
        .arg(repo().join("tests/it/run-search.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut node) = node else {
        eprintln!("node is not installed: search-index.js is not run");
        return None;
    };
    let mut input = input;
    input["site"] = json!(site);
    serde_json::to_writer(node.stdin.take().unwrap(), &input).unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn the_script_reads_text_and_finds_what_the_rust_reader_finds() {
    let built = sample();
    let index = Index::new(&built.site);
    let list = token_list();
    let texts: Vec<&str> = list.iter().map(|(text, _)| text.as_str()).collect();
    let queries: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("Kupyansk", vec![]),
        ("Куп'янськ", vec![]),
        ("kupy", vec![]),
        ("viktor tregubov", vec![]),
        ("Viktor Tregubov fight", vec![]),
        ("tregu", vec![]),
        ("civilians ", vec![]),
        ("russian forces", vec![]),
        ("", vec![("stance", "disputes")]),
        ("kupiansk", vec![("actor", "viktor-trehubov"), ("stance", "supports")]),
        ("xylophone", vec![]),
    ];
    let input = json!({
        "texts": texts,
        "queries": queries.iter().map(|(q, f)| json!({"q": q, "filters": f.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>()})).collect::<Vec<_>>(),
    });
    let Some(out) = run_js(&built.path, input) else { return };
    for ((text, expected), tokens) in list.iter().zip(out["tokens"].as_array().unwrap()) {
        assert_eq!(tokens, &json!(expected), "{text}");
    }
    for ((query, filters), result) in queries.iter().zip(out["results"].as_array().unwrap()) {
        let want = index.search(query, filters);
        let ids = if query.is_empty() && filters.is_empty() { json!(null) } else { json!(want) };
        assert_eq!(result["ids"], ids, "{query} {filters:?}");
    }
    assert_eq!(out["results"][0]["hrefs"][0], "actors/kupiansk/");
}

#[test]
fn an_empty_dossier_has_a_search_page_that_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/site.yaml"), "title: Empty\n").unwrap();
    let built = build_to_disk(dir.path());
    let search: Vec<&String> = built.site.files.keys().filter(|p| p.starts_with("search/")).collect();
    assert_eq!(search, ["search/index.html", "search/index.json"]);
    assert!(Index::new(&built.site).search("kupiansk", &[]).is_empty());
    let queries = json!({"queries": [{"q": "kupiansk"}, {"q": "kupi"}, {"q": "", "filters": {"stance": "supports"}}]});
    let Some(out) = run_js(&built.path, queries) else { return };
    for result in out["results"].as_array().unwrap() {
        assert_eq!(result["ids"], json!([]), "{out}");
    }
}
