//! Tokenising, spellings, posting lists, and the size of what a first
//! search downloads, on the sample and on a dossier of the largest
//! supported size.

use std::collections::BTreeMap;

use super::encode::{self, DIGITS, SHARD_TARGET};
use super::terms::{Spellings, Terms};
use super::text::{MAX_TOKEN, fold, tokens};
use super::*;
use crate::escape;
use crate::model::{Actor, ActorKind, Annotation, Article, Claim, Date, Id, Site, Stance};

fn t(text: &str) -> Vec<String> {
    tokens(text)
}

#[test]
fn tokens_fold_case_diacritics_and_apostrophes() {
    assert_eq!(t("Kyiv’s troops, now: 30%!"), ["kyiv", "troops", "now", "30"]);
    assert_eq!(t("KUPIANSK Kupyansk"), ["kupiansk", "kupyansk"]);
    assert_eq!(t("Куп’янськ Куп'янськ Купянск"), ["купянськ", "купянськ", "купянск"]);
    assert_eq!(t("Kyïv Zürich ёлка Ñandú"), ["kyiv", "zurich", "елка", "nandu"]);
    assert_eq!(t("‘quoted’ 'the people’s' o'brien don't"), ["quoted", "the", "people", "obrien", "dont"]);
    assert_eq!(t("pro-Kremlin milbloggers—again"), ["pro", "kremlin", "milbloggers", "again"]);
    assert_eq!(t("  ... — ''  "), Vec::<String>::new());
    assert_eq!(t("東京 تحيا"), ["東京", "تحيا"]);
    let long = "x".repeat(100);
    assert_eq!(t(&long)[0].chars().count(), MAX_TOKEN);
}

#[test]
fn fold_is_lowercase_without_marks_in_nfc() {
    assert_eq!(fold("İSTANBUL"), "istanbul");
    assert_eq!(fold("Ḱ"), "k");
    // Hangul decomposes under NFD into letters, not marks, and comes back whole.
    assert_eq!(fold("한국"), "한국");
}

/// Reads what `encode::postings` writes, as search-index.js does.
fn decode(s: &str) -> Vec<u32> {
    let value = |c: char| DIGITS.iter().position(|&d| d as char == c).unwrap() as u32;
    if let Some(bits) = s.strip_prefix('~') {
        let mut out = Vec::new();
        for (i, c) in bits.chars().enumerate() {
            out.extend((0..6).filter(|b| value(c) & (1 << b) != 0).map(|b| i as u32 * 6 + b));
        }
        return out;
    }
    let (mut out, mut n, mut next) = (Vec::new(), 0, 0);
    for c in s.chars() {
        let v = value(c);
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

#[test]
fn postings_round_trip_and_never_exceed_a_bitmap() {
    let cases: Vec<Vec<u32>> = vec![
        vec![],
        vec![0],
        vec![31, 32, 33, 1023, 1024, 1_000_000],
        (0..5000).collect(),
        (0..100_000).step_by(3).collect(),
        (0..200).map(|i| i * i * 7).collect(),
    ];
    for ids in cases {
        let s = encode::postings(&ids);
        assert_eq!(decode(&s), ids, "{s}");
        let bound = ids.last().map_or(0, |&l| l as usize / 6 + 2);
        assert!(s.len() <= bound.max(ids.len() * 4), "{} bytes for {} ids", s.len(), ids.len());
    }
    assert_eq!(encode::postings(&[0, 1, 2, 40]), "AAAhF");
    assert!(encode::postings(&(0..600).collect::<Vec<_>>()).starts_with('~'));
}

#[test]
fn shards_are_sorted_cut_by_size_and_keep_every_entry() {
    let entries: Vec<(String, String)> =
        (0..3000).map(|i| (format!("w{i:05}"), format!("[\"w{i:05}\",\"{}\"]", "A".repeat(i % 50)))).collect();
    let shards = encode::shards(entries.iter().map(|(t, j)| (t.as_str(), j.as_str())));
    assert!(shards.len() > 1);
    let mut seen = 0;
    for (first, body) in &shards {
        assert!(body.len() <= SHARD_TARGET, "{}", body.len());
        assert!(body.starts_with(&format!("[[\"{first}\"")));
        seen += body.matches("],[").count() + 1;
    }
    assert_eq!(seen, entries.len());
    assert_eq!(encode::term_order("\u{ffff}", "\u{10000}"), std::cmp::Ordering::Greater, "as JavaScript compares");
}

#[test]
fn json_strings_are_escaped() {
    assert_eq!(escape::json_str("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
}

fn sample() -> Dossier {
    let (dossier, report) = crate::check_dossier(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/sample").as_ref(),
        &crate::progress::Silent,
    )
    .unwrap();
    assert!(!report.has_errors());
    dossier
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

#[test]
fn every_spelling_of_an_actor_finds_it_overlaps_included() {
    let d = sample();
    let mut terms = Terms::default();
    let spellings = Spellings::new(&d, &mut terms);
    let text: Vec<u32> =
        t("troops left Куп’янськ, said Moscow’s chain of command").iter().map(|w| terms.number(w)).collect();
    let mut found = Vec::new();
    spellings.actors_in(&text, &mut found);
    let found: Vec<&str> = found.iter().map(|&n| terms.names[n as usize].as_str()).collect();
    assert_eq!(found, ["@kupiansk", "@kremlin", "@russian-military-command"]);
}

/// The sample's index, file by file.
fn sample_index() -> BTreeMap<String, String> {
    let d = sample();
    let x = Xref::new(&d);
    files(&d, &x).into_iter().map(|o| (o.path, String::from_utf8(o.bytes).unwrap())).collect()
}

#[test]
fn the_sample_index_is_small_deterministic_and_spells_kupiansk_every_way() {
    let index = sample_index();
    assert_eq!(index, sample_index());
    let total: usize = index.values().map(String::len).sum();
    assert!(total <= 100 * 1024, "{total} bytes");
    let terms: String = index.iter().filter(|(p, _)| p.starts_with("search/terms/")).map(|(_, b)| b.as_str()).collect();
    let postings = |term: &str| -> Vec<u32> {
        let entry = terms.split(&format!("[\"{term}\",\"")).nth(1).unwrap_or_else(|| panic!("no {term}"));
        decode(entry.split('"').next().unwrap())
    };
    // Every spelling finds every passage that uses any of them, and the actor.
    let actor = postings("@kupiansk");
    for spelling in ["kupiansk", "kupyansk", "купянськ", "купянск"] {
        assert_eq!(postings(spelling), actor, "{spelling}");
    }
    let first = &index["search/docs/0.json"];
    let position = first.split('\n').position(|line| line.contains("\"u\":\"actors/kupiansk/\"")).unwrap();
    assert!(actor.contains(&(position as u32)), "{actor:?}");
    assert!(actor.len() > 10, "{actor:?}");
    // A spelling of several words is a phrase of its first word.
    assert!(terms.contains("[\"viktor\",\""), "viktor");
    assert!(terms.contains("[\"tregubov\",\"@viktor-trehubov\"]"), "{terms}");
}

/// How big a synthetic dossier is: 10 annotations an article.
#[derive(Clone, Copy)]
struct Size {
    articles: u32,
    claims: u32,
    actors: u32,
}

/// The largest size the project supports.
const FULL: Size = Size { articles: 10_000, claims: 5_000, actors: 2_000 };

/// A debug build indexes the full size too slowly for a unit test (about
/// ten seconds), so the test builds a quarter of it and scales up only
/// what grows with size; docs/search.md has the figures at full size.
const SCALE: u32 = 4;

/// A synthetic dossier: words drawn from a vocabulary of 20,000 with
/// Zipf-like frequencies, so a few words are in nearly every passage and
/// actors' names share their common first words.
fn synthetic(size: Size) -> Dossier {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "mi", "ra", "ne", "to", "sh", "ve", "dru", "pol", "ian", "sk", "ov", "en", "ar", "zo"];
    let vocabulary: Vec<String> =
        (0..20_000u64).map(|i| (0..2 + i % 3).map(|k| SYLLABLES[((i >> (4 * k)) % 16) as usize]).collect()).collect();
    let mut words = |n: u32| -> String {
        let word =
            |u: u64| vocabulary[(20_000f64.powf((u % 1_000_000) as f64 / 1e6) as usize).saturating_sub(1)].as_str();
        (0..n).map(|_| word(next())).collect::<Vec<_>>().join(" ")
    };
    let mut d = Dossier { site: Site { language: "en".into(), ..Site::default() }, ..Dossier::default() };
    for i in 0..size.actors {
        let a = Actor {
            id: id(&format!("actor-{i}")),
            name: words(2),
            aliases: if i % 3 == 0 { vec![words(1), words(2)] } else { Vec::new() },
            kind: Some(ActorKind::Person),
            role: Some(words(5)),
            affiliation: None,
        };
        d.actors.insert(a.id.clone(), a);
    }
    for i in 0..size.claims {
        let c = Claim {
            id: id(&format!("claim-{i}")),
            statement: words(12),
            about: vec![id(&format!("actor-{}", i % size.actors))],
            tags: vec![format!("tag-{}", i % 40)],
            contradicts: Default::default(),
            verdict: None,
            verdict_note: None,
            verdict_note_source: None,
            verdict_on: None,
        };
        d.claims.insert(c.id.clone(), c);
    }
    for i in 0..size.articles {
        let mut a = Article::untitled(id(&format!("article-{i}")), String::new());
        a.title = words(9);
        a.outlet = Some(id(&format!("actor-{}", i % 100)));
        a.published = Date::parse(&format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
        a.annotations = (0..10u32)
            .map(|k| Annotation {
                id: id(&format!("q{k}")),
                quote: words(8 + k % 12),
                claim: id(&format!("claim-{}", (i * 10 + k) % size.claims)),
                stance: Stance::ALL[((i + k) % 3) as usize],
                by: (k % 4 != 0).then(|| id(&format!("actor-{}", (i * 7 + k) % size.actors))),
                via: None,
                note: None,
                note_source: None,
                matched: crate::model::Matched::default(),
                form: crate::model::Form::Direct,
                translation: None,
                said_on: None,
            })
            .collect();
        d.articles.insert(a.id.clone(), a);
    }
    d
}

/// What a first search downloads at most (search-index.js): the manifest; the
/// shards of its two words, up to `MAX_PREFIX_SHARDS` (3) shards of words
/// the last one begins, the shard of a spelling of several words, the
/// shards of three filters; the chunks of its first 20 results. Measured
/// on a quarter of the full size, and scaled: the manifest grows with the
/// index; a shard stays within its target unless one term fills it, whose
/// posting list grows with the documents (never past a bitmap, documents/6
/// bytes) and its spellings with the actors; a chunk does not grow.
#[test]
fn a_first_search_downloads_at_most_a_megabyte_at_the_largest_size() {
    const SHARDS: usize = 2 + 3 + 1 + 3;
    let size = Size { articles: FULL.articles / SCALE, claims: FULL.claims / SCALE, actors: FULL.actors / SCALE };
    let d = synthetic(size);
    let files = files(&d, &Xref::new(&d));
    let scale = SCALE as usize;
    let bitmap_full = ((FULL.articles * 11 + FULL.claims + FULL.actors) / 6 + 2) as usize;
    let mut shard_full = SHARD_TARGET;
    let mut largest_shard = 0;
    let mut largest_chunk = 0;
    let mut manifest = 0;
    for f in &files {
        let n = f.bytes.len();
        if f.path == "search/index.json" {
            manifest = n;
        } else if f.path.starts_with("search/docs/") {
            largest_chunk = largest_chunk.max(n);
        } else if f.path.starts_with("search/terms/") {
            largest_shard = largest_shard.max(n);
            let entries: Vec<serde_json::Value> = serde_json::from_slice(&f.bytes).unwrap();
            assert!(n <= SHARD_TARGET || entries.len() == 1, "{}: {n} bytes", f.path);
            // Any term could be the one that fills a shard at full size.
            for entry in &entries {
                let postings = entry[1].as_str().unwrap().len();
                let rest = entry.to_string().len() - postings;
                shard_full = shard_full.max(bitmap_full + rest * scale);
            }
        }
    }
    let measured = manifest + SHARDS * largest_shard + 20 * largest_chunk;
    let full = manifest * scale + SHARDS * shard_full + 20 * largest_chunk;
    assert!(measured <= full, "{measured} {full}");
    assert!(
        full <= 1024 * 1024,
        "{full} bytes: manifest {manifest} x {scale}, {SHARDS} shards of {shard_full}, 20 chunks of {largest_chunk}"
    );
}

#[test]
fn a_transliterated_word_of_a_name_finds_what_the_other_finds() {
    let mut d = sample();
    let index = |d: &Dossier| -> BTreeMap<String, Vec<u32>> {
        let mut terms = Terms::default();
        let spellings = Spellings::new(d, &mut terms);
        let docs = super::docs::collect(d, &Xref::new(d));
        terms.index(&docs, &spellings);
        terms.names.iter().cloned().zip(terms.postings.iter().cloned()).collect()
    };
    let postings = index(&d);
    assert_eq!(postings["tregubov"], postings["trehubov"]);
    assert_eq!(postings["tregubov"], postings["@viktor-trehubov"]);
    // Words apart are not variants: "troops" is not a spelling of the armed forces.
    assert_ne!(postings["troops"], postings["@russian-armed-forces"]);
    assert_ne!(postings["forces"], postings["@russian-armed-forces"]);
    // Nor are short words, or names that differ in two words.
    let actor = d.actors.get_mut(&id("viktor-trehubov")).unwrap();
    actor.aliases = vec!["Viktor Tregubov Jr".into(), "Vik Trehubov".into()];
    actor.name = "Vic Trehubov".into();
    let postings = index(&d);
    assert_ne!(postings["tregubov"], postings["@viktor-trehubov"]);
}

#[test]
fn an_empty_dossier_has_an_empty_index() {
    let d = Dossier::default();
    let files = files(&d, &Xref::new(&d));
    assert_eq!(files.len(), 1);
    let manifest = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(manifest.contains("\"docs\":0,") && manifest.contains("\"shards\":[]"), "{manifest}");
}

/// `build` makes the index in one pass and `serve` keeps it between
/// builds: both give the same files, to the byte.
#[test]
fn the_one_pass_index_is_the_kept_index() {
    let small = Size { articles: 300, claims: 60, actors: 100 };
    for d in [sample(), synthetic(small)] {
        let x = Xref::new(&d);
        let mut once = Vec::new();
        files_into(&d, &x, &mut |file| {
            once.push(file);
            Ok(())
        })
        .unwrap();
        once.sort_by(|a, b| a.path.cmp(&b.path));
        assert!(once.len() > 3);
        assert!(once == files(&d, &x), "the two indexes differ");
    }
}
