//! RFC 4180 CSV: `data/evidence.csv` (one row per annotation),
//! `data/claims.csv` and `data/actors.csv` (one row per claim, per actor).
//! UTF-8 without a byte-order mark, CRLF after every record, the header
//! first; a field is quoted when it holds `"`, `,`, CR or LF, its quotes
//! doubled. Values are written as they are, never altered (a value that a
//! spreadsheet would read as a formula stays as it is: docs/data.md says
//! so), so the data reads back exactly. Rows follow the model's ordered
//! maps: the same dossier gives the same bytes.

use super::{highlight_url, page_url};
use crate::model::{Date, Dossier};
use crate::output::Output;
use crate::routes::Route;
use crate::text_fragment::passage_url;
use crate::xref::Xref;

/// The columns of each file, in order: docs/data.md describes each.
pub(crate) const EVIDENCE: [&str; 15] = [
    "article",
    "annotation",
    "claim",
    "stance",
    "form",
    "speaker",
    "channel",
    "quote",
    "translation",
    "said_on",
    "published",
    "source_url",
    "source_passage_url",
    "archive_url",
    "page_url",
];
pub(crate) const CLAIMS: [&str; 9] =
    ["claim", "statement", "verdict", "verdict_on", "contested", "supports", "disputes", "context", "page_url"];
pub(crate) const ACTORS: [&str; 6] = ["actor", "name", "kind", "aliases", "affiliation", "page_url"];

/// What joins an actor's aliases in one field.
const ALIAS_SEPARATOR: &str = "|";

pub(super) fn files(xref: &Xref<'_>) -> Vec<Output> {
    let d = xref.dossier;
    vec![
        Output { path: Route::EvidenceCsv.file(), bytes: evidence(d).into_bytes() },
        Output { path: Route::ClaimsCsv.file(), bytes: claims(xref).into_bytes() },
        Output { path: Route::ActorsCsv.file(), bytes: actors(d).into_bytes() },
    ]
}

/// Articles by id, each one's annotations in reading order.
fn evidence(d: &Dossier) -> String {
    let mut table = Table::new(&EVIDENCE);
    for article in d.articles.values() {
        for a in &article.annotations {
            let passage = article.url.as_deref().map(|url| passage_url(url, &a.matched));
            table.row(&[
                article.id.as_str(),
                a.id.as_str(),
                a.claim.as_str(),
                a.stance.as_str(),
                a.form.as_str(),
                d.speaker(article, a).map_or("", |s| s.as_str()),
                a.via.as_ref().map_or("", |v| v.as_str()),
                &a.quote,
                a.translation.as_deref().unwrap_or(""),
                &date(a.said_on),
                &date(article.published),
                article.url.as_deref().unwrap_or(""),
                passage.as_deref().unwrap_or(""),
                article.archive.as_deref().unwrap_or(""),
                &highlight_url(d, &article.id, &a.id),
            ]);
        }
    }
    table.text
}

/// Claims by id.
fn claims(xref: &Xref<'_>) -> String {
    let mut table = Table::new(&CLAIMS);
    for claim in xref.dossier.claims.values() {
        let t = xref.tally(&claim.id);
        table.row(&[
            claim.id.as_str(),
            &claim.statement,
            claim.verdict.map_or("", |v| v.as_str()),
            &date(claim.verdict_on),
            if xref.contested(&claim.id) { "true" } else { "false" },
            &t.supports.to_string(),
            &t.disputes.to_string(),
            &t.context.to_string(),
            &page_url(xref.dossier, Route::Claim(&claim.id)),
        ]);
    }
    table.text
}

/// Actors by id.
fn actors(d: &Dossier) -> String {
    let mut table = Table::new(&ACTORS);
    for actor in d.actors.values() {
        table.row(&[
            actor.id.as_str(),
            &actor.name,
            actor.kind.map_or("", |k| k.as_str()),
            &actor.aliases.join(ALIAS_SEPARATOR),
            actor.affiliation.as_ref().map_or("", |a| a.as_str()),
            &page_url(d, Route::Actor(&actor.id)),
        ]);
    }
    table.text
}

/// `YYYY-MM-DD`, or nothing.
fn date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A CSV file being written: its header, then rows of as many fields.
struct Table {
    text: String,
    columns: usize,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        let mut table = Table { text: String::new(), columns: header.len() };
        table.row(header);
        table
    }

    fn row(&mut self, fields: &[&str]) {
        assert_eq!(fields.len(), self.columns, "a row has a field for every column");
        for (i, value) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            field(&mut self.text, value);
        }
        self.text.push_str("\r\n");
    }
}

/// One field: as it is, or quoted with its quotes doubled when it holds
/// a quote, a comma or a line break (RFC 4180, 2.6 and 2.7).
fn field(out: &mut String, value: &str) {
    if value.contains(['"', ',', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> String {
        let mut out = String::new();
        field(&mut out, value);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(one("plain text"), "plain text");
        assert_eq!(one(""), "");
        assert_eq!(one("a, b"), "\"a, b\"");
        assert_eq!(one("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(one("two\nlines"), "\"two\nlines\"");
        assert_eq!(one("cr\ronly"), "\"cr\ronly\"");
        assert_eq!(one("=1+2"), "=1+2", "a formula-like value is not altered");
        assert_eq!(one(" spaced "), " spaced ", "spaces are data");
    }

    #[test]
    fn every_record_ends_with_crlf() {
        let mut table = Table::new(&["a", "b"]);
        table.row(&["1", "x\ny"]);
        table.row(&["", ""]);
        assert_eq!(table.text, "a,b\r\n1,\"x\ny\"\r\n,\r\n");
    }

    #[test]
    fn an_empty_dossier_has_headers_only() {
        let dossier = Dossier::default();
        let files = files(&Xref::new(&dossier));
        let texts: Vec<&[u8]> = files.iter().map(|f| f.bytes.as_slice()).collect();
        assert_eq!(texts[0], format!("{}\r\n", EVIDENCE.join(",")).as_bytes());
        assert_eq!(texts[1], format!("{}\r\n", CLAIMS.join(",")).as_bytes());
        assert_eq!(texts[2], format!("{}\r\n", ACTORS.join(",")).as_bytes());
    }
}
