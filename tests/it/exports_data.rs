//! The data under `data/`: the CSV files to the byte (RFC 4180), read back
//! by Python's `csv` module; `dossier.json` valid against its committed
//! JSON Schema; the downloads page listing every file with its real size;
//! the footer's link to it on every page; the same bytes from two builds.

use std::path::Path;
use std::process::Command;

use crate::golden::assert_golden;
use crate::support::{Site, build, fixture, sample_root};

const CSVS: [&str; 3] = ["data/evidence.csv", "data/claims.csv", "data/actors.csv"];

fn exports_fixture() -> Site {
    build(&fixture("exports-data"))
}

fn text<'a>(site: &'a Site, path: &str) -> &'a str {
    std::str::from_utf8(site.files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

/// The golden files keep CR LF as it is: compared byte for byte.
#[test]
fn the_csv_files_are_the_expected_bytes() {
    let site = exports_fixture();
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    for path in CSVS {
        let golden = fixture("exports-data/expected").join(Path::new(path).file_name().unwrap());
        let actual = &site.files[path];
        if bless {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, actual).unwrap();
        }
        let expected = std::fs::read(&golden).unwrap_or_default();
        assert!(
            *actual == expected,
            "{path} is not {}: run with DOSSIER_BLESS=1 and review the diff\n{}",
            golden.display(),
            String::from_utf8_lossy(actual)
        );
    }
}

#[test]
fn the_csv_files_follow_rfc_4180() {
    let site = exports_fixture();
    let evidence = text(&site, "data/evidence.csv");
    assert!(!evidence.starts_with('\u{feff}'), "no byte-order mark");
    assert!(evidence.starts_with(
        "article,annotation,claim,stance,form,speaker,channel,quote,translation,said_on,published,\
         source_url,source_passage_url,archive_url,page_url\r\n"
    ));
    assert!(evidence.ends_with("\r\n"));
    // The note is not in the CSV; the quote with commas and quotes is.
    assert!(evidence.contains(",\"is safe, and open to traffic\","), "{evidence}");
    assert!(evidence.contains(",\"=SUM(1,2) was scrawled on the barrier\","), "a formula is kept as it is");
    assert!(evidence.contains(",Мост закрыт,The bridge is closed,"), "the translation beside the quote");
    assert!(evidence.contains(
        "bridge-reopens,mayor-safe,bridge-is-safe,supports,direct,mayor,radio,\"is safe, and open to traffic\",,\
         2031-02-27,2031-03-01,https://news.example.org/bridge-reopens,"
    ));
    assert!(evidence.contains(",https://archive.example.org/2031/bridge-reopens,https://dossier.example.org/bridge/articles/bridge-reopens/#a-mayor-safe\r\n"));
    // Unattributed, in the article's own voice: no speaker; the outlet speaks otherwise.
    assert!(evidence.contains("bridge-reopens,repairs-cost,repairs-cost,supports,narration,gazette,,"), "{evidence}");
    let actors = text(&site, "data/actors.csv");
    assert!(actors.contains(
        "mayor,Mayor Ana Example,person,\"A. Example|Ana \"\"the builder\"\" Example|Example, Ana\",city-council,"
    ));
    let claims = text(&site, "data/claims.csv");
    assert!(
        claims
            .contains("bridge-is-safe,\"The bridge is safe, and open to traffic.\",misleading,2031-03-10,true,1,1,0,")
    );
    for (path, columns) in [("data/evidence.csv", 15), ("data/claims.csv", 9), ("data/actors.csv", 6)] {
        let body = text(&site, path);
        // No bare LF outside quoted fields: every record ends with CR LF.
        let (mut quoted, mut fields, mut prev) = (false, 1, '\0');
        for c in body.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields += 1,
                '\n' if !quoted => {
                    assert_eq!(prev, '\r', "{path}: a record ends with CR LF");
                    assert_eq!(fields, columns, "{path}: every record has every column");
                    fields = 1;
                }
                _ => {}
            }
            prev = c;
        }
        assert!(!quoted, "{path}: every quote is closed");
    }
}

/// Python's `csv` module reads every file back: the header, then as many
/// fields in every row, the values exactly as the dossier has them.
#[test]
#[ignore = "needs python3; run with --include-ignored (CI does)"]
fn python_reads_the_csv_files_back() {
    let site = exports_fixture();
    let dir = tempfile::tempdir().unwrap();
    for path in CSVS {
        let file = dir.path().join(Path::new(path).file_name().unwrap());
        std::fs::write(&file, &site.files[path]).unwrap();
        let script = "import csv, json, sys\n\
                      with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
                      \x20   rows = list(csv.reader(f, strict=True))\n\
                      print(json.dumps(rows))";
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&file)
            .output()
            .unwrap_or_else(|e| panic!("python3 is needed for this test (apt-get install python3): {e}"));
        assert!(out.status.success(), "{path}: {}", String::from_utf8_lossy(&out.stderr));
        let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
        assert!(rows.len() > 1, "{path}");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{path}: {rows:?}");
        if path == "data/actors.csv" {
            let mayor = rows.iter().find(|r| r[0] == "mayor").unwrap();
            assert_eq!(mayor[3], "A. Example|Ana \"the builder\" Example|Example, Ana");
        }
        if path == "data/claims.csv" {
            let safe = rows.iter().find(|r| r[0] == "bridge-is-safe").unwrap();
            assert_eq!(safe[1], "The bridge is safe, and open to traffic.");
        }
        if path == "data/evidence.csv" {
            let formula = rows.iter().find(|r| r[1] == "formula-on-barrier").unwrap();
            assert_eq!(formula[7], "=SUM(1,2) was scrawled on the barrier");
        }
    }
}

fn validate(site: &Site) -> serde_json::Value {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::repo().join("docs/dossier.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let data: serde_json::Value = serde_json::from_slice(&site.files["data/dossier.json"]).unwrap();
    let errors: Vec<String> = validator.iter_errors(&data).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "dossier.json is not valid against docs/dossier.schema.json: {errors:#?}");
    data
}

#[test]
fn dossier_json_is_valid_against_its_schema() {
    validate(&build(&sample_root()));
    let data = validate(&exports_fixture());
    assert_eq!(data["version"], 1);
    assert_eq!(data["site"]["license"], "CC BY 4.0");
    let reopens = &data["articles"][0];
    assert_eq!(reopens["archive"], "https://archive.example.org/2031/bridge-reopens");
    assert_eq!(reopens["archived_on"], "2031-03-02");
    let mayor = &reopens["annotations"][0];
    assert_eq!(mayor["id"], "mayor-safe");
    assert_eq!(mayor["note"], "Said on the radio, \"live\".\nRepeated the next day, in print.\n");
    assert_eq!(mayor["matched"]["exact"], "is safe, and open to traffic");
    let closed = &data["articles"][1]["annotations"][0];
    assert_eq!(
        (closed["form"].as_str(), closed["translation"].as_str()),
        (Some("headline"), Some("The bridge is closed"))
    );
    assert_eq!(closed["source_passage_url"], serde_json::Value::Null, "no url, no passage link");
    // A field the schema does not know is refused: the schema is strict.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::repo().join("docs/dossier.schema.json")).unwrap(),
    )
    .unwrap();
    let mut extra = data.clone();
    extra["site"]["unknown"] = serde_json::json!(1);
    assert!(!jsonschema::is_valid(&schema, &extra));
}

#[test]
fn the_data_page_lists_every_file_with_its_real_size() {
    for site in [exports_fixture(), build(&sample_root())] {
        let page = site.html("data/index.html");
        let rows = scraper::Selector::parse("tr[data-file]").unwrap();
        let link = scraper::Selector::parse("a").unwrap();
        let size = scraper::Selector::parse("data").unwrap();
        let mut listed = Vec::new();
        for row in page.select(&rows) {
            let name = row.value().attr("data-file").unwrap().to_owned();
            let href = row.select(&link).next().unwrap().value().attr("href").unwrap();
            assert_eq!(href, format!("../{name}"), "each file is linked from the page");
            let bytes: usize = row.select(&size).next().unwrap().value().attr("value").unwrap().parse().unwrap();
            assert_eq!(bytes, site.files[&name].len(), "{name}: its real size");
            listed.push(name);
        }
        let on_disk: Vec<&String> =
            site.files.keys().filter(|p| p.starts_with("data/") && *p != "data/index.html").collect();
        listed.sort();
        assert_eq!(listed.iter().collect::<Vec<_>>(), on_disk, "every file under data/ is listed");
    }
    let site = exports_fixture();
    let page = text(&site, "data/index.html");
    assert!(page.contains("CC BY 4.0"), "the licence");
    let sample = build(&sample_root());
    assert!(text(&sample, "data/index.html").contains("No licence given"));
}

#[test]
fn every_page_links_the_data_page_from_its_footer() {
    let site = exports_fixture();
    let footer = scraper::Selector::parse("footer.site-footer a").unwrap();
    let pages: Vec<&String> = site.files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 10);
    for path in pages {
        let page = site.html(path);
        let links: Vec<String> =
            page.select(&footer).filter_map(|a| a.value().attr("href").map(str::to_owned)).collect();
        let depth = path.matches('/').count();
        let expected = match path.as_str() {
            "404.html" => "/bridge/data/".to_owned(),
            _ => format!("{}data/", "../".repeat(depth)),
        };
        assert!(links.contains(&expected), "{path}: no link to the data page in {links:?}");
    }
}

#[test]
fn two_builds_give_the_same_data() {
    let (a, b) = (exports_fixture(), exports_fixture());
    let data = |s: &Site| {
        s.files.iter().filter(|(p, _)| p.starts_with("data/")).map(|(p, b)| (p.clone(), b.clone())).collect::<Vec<_>>()
    };
    assert_eq!(data(&a), data(&b));
    assert!(data(&a).len() >= 5);
}

#[test]
fn the_data_page_reads_as_expected() {
    let site = exports_fixture();
    let page = site.html("data/index.html");
    let table = scraper::Selector::parse("table.data-table").unwrap();
    let text: String = page.select(&table).next().unwrap().text().collect::<Vec<_>>().join("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_golden(&fixture("exports-data/expected/data-page.txt"), &(text + "\n"));
}
