//! The downloads page, `data/`: every file of the dossier's data the
//! build made (`crate::export`), with its format, what it holds, its size
//! and the licence the data is under.

use serde::Serialize;

use super::touched::{Touched, single};
use super::views::{Head, Views};
use super::{Common, Engine, PageKind};
use crate::export::{self, Download, FORMAT_VERSION};
use crate::routes::Route;
use crate::xref::Xref;

#[derive(Serialize, Debug, Clone)]
pub(crate) struct DataPage {
    #[serde(flatten)]
    pub common: Common,
    /// The version of the files' formats (docs/data.md).
    pub version: u32,
    /// The licence of the data, as `site.yaml` gives it; none when it gives none.
    pub license: Option<String>,
    /// Every file, in the order the build makes them.
    pub files: Vec<DownloadView>,
    /// The formats' documentation (`docs/data.md`) in the dossier's
    /// repository, when `site.yaml` gives `repo_url`.
    pub docs: Option<String>,
}

/// One file under `data/`.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct DownloadView {
    /// Its path from the site root, which names it.
    pub name: String,
    pub href: String,
    /// Its format, in words: "CSV (RFC 4180)".
    pub format: &'static str,
    /// Its media type, for the link's `type`.
    pub media_type: &'static str,
    /// What it holds, in a sentence.
    pub holds: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its size for people: "812 bytes", "12.3 kB", "4.1 MB".
    pub size: String,
    /// A CSV file's columns, in order; empty for other files.
    pub columns: &'static [&'static str],
}

/// The downloads page. Reads: the files under `data/` and their sizes
/// (`Touched::downloads`), and the site's licence (which only an edit of
/// `site.yaml`, which remakes every page, changes).
pub(crate) struct DataKind;

impl PageKind for DataKind {
    type Instance = ();
    const TEMPLATE: &'static str = "data.html";

    fn pages(_: &Xref<'_>) -> Vec<()> {
        vec![()]
    }

    fn route(_: &()) -> Route<'_> {
        Route::Data
    }

    fn build<E: Engine>(views: &Views<'_, E>, _: &()) -> E::Context {
        views.context(Self::TEMPLATE, &views.data())
    }

    fn affected(touched: &Touched<'_>) -> Vec<()> {
        single(touched.downloads)
    }
}

impl<E: Engine> Views<'_, E> {
    fn data(&self) -> DataPage {
        let site = &self.xref.dossier.site;
        let common = self.common(Head {
            description: Some(format!("The data of {} as CSV, JSON and W3C Web Annotations.", site.title)),
            ..Head::new(Route::Data, "Data", "data")
        });
        let files = self.downloads.iter().map(|d| download(d, &common.root)).collect();
        DataPage {
            common,
            version: FORMAT_VERSION,
            license: site.license.clone(),
            files,
            docs: site.repo_url.as_ref().map(|repo| format!("{repo}/blob/HEAD/docs/data.md")),
        }
    }
}

fn download(d: &Download, root: &str) -> DownloadView {
    const CSV: (&str, &str) = ("CSV (RFC 4180)", "text/csv");
    const JSON: (&str, &str) = ("JSON", "application/json");
    const JSON_LD: (&str, &str) = ("JSON-LD (W3C Web Annotation)", "application/ld+json");
    let ((format, media_type), holds) = match d.route {
        Route::EvidenceCsv => (CSV, "Every annotation, one row each: the passage, its claim and stance, who said it and through whom, when, and links to the passage at its source, its archived copy and its highlight here.".to_owned()),
        Route::ClaimsCsv => (CSV, "Every claim, one row each: its statement, verdict, and how many passages support, dispute or give context to it.".to_owned()),
        Route::ActorsCsv => (CSV, "Every actor, one row each: its name, kind, other spellings and affiliation.".to_owned()),
        Route::DossierJson => (JSON, "Everything in one file: the site, actors, claims with their counts, and articles with every field of their annotations, where each passage was matched included.".to_owned()),
        Route::AnnotationCollection => (JSON_LD, "The collection of every annotation as a W3C Web Annotation: how many, and its first and last page.".to_owned()),
        Route::AnnotationPage(n) => (JSON_LD, format!("Page {n} of the collection: the annotations themselves, each with its claim, stance, speaker and the passage it selects.")),
        other => unreachable!("not an export: {other:?}"),
    };
    DownloadView {
        name: d.route.path(),
        href: d.route.href(root),
        format,
        media_type,
        holds,
        bytes: d.bytes,
        size: human_size(d.bytes),
        columns: export::columns(d.route),
    }
}

/// A size in bytes as people read it: decimal units, one decimal place.
fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 3] = ["kB", "MB", "GB"];
    if bytes < 1000 {
        return format!("{bytes} {}", if bytes == 1 { "byte" } else { "bytes" });
    }
    let mut size = bytes as f64 / 1000.0;
    let mut unit = 0;
    while size >= 999.95 && unit + 1 < UNITS.len() {
        size /= 1000.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(1000), "1.0 kB");
        assert_eq!(human_size(12_345), "12.3 kB");
        assert_eq!(human_size(999_960), "1.0 MB");
        assert_eq!(human_size(4_100_000), "4.1 MB");
        assert_eq!(human_size(2_500_000_000), "2.5 GB");
    }
}
