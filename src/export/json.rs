//! `data/dossier.json`: the whole dossier in one file, for programs. Its
//! types are the format: docs/dossier.schema.json is generated from them
//! (a test holds the two together) and docs/data.md describes each field.
//! Every field is always present, `null` when it has no value; lists are
//! in the model's order (by id; annotations in reading order).

use serde::Serialize;

use super::{FORMAT_VERSION, highlight_url, page_url};
use crate::model::{Actor, Annotation, Article, Claim, Date, Dossier, Id, Matched};
use crate::output::Output;
use crate::routes::Route;
use crate::text_fragment::passage_url;
use crate::xref::Xref;

pub(super) fn files(xref: &Xref<'_>) -> Vec<Output> {
    let mut bytes = serde_json::to_vec(&Export::new(xref)).expect("the export serialises");
    bytes.push(b'\n');
    vec![Output { path: Route::DossierJson.file(), bytes }]
}

/// The dossier: its site, actors, claims and articles with their annotations.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "dossier.json", deny_unknown_fields))]
struct Export {
    /// The format's version (docs/data.md): 1.
    #[cfg_attr(test, schemars(extend("const" = 1)))]
    version: u32,
    site: SiteJson,
    /// By id.
    actors: Vec<ActorJson>,
    /// By id.
    claims: Vec<ClaimJson>,
    /// By id.
    articles: Vec<ArticleJson>,
}

/// The dossier's own settings, from `site.yaml`.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct SiteJson {
    title: String,
    description: Option<String>,
    /// The site's language (a BCP 47 tag): the language of translations.
    language: String,
    /// The site's address; without one, `page_url`s are paths from the site root.
    base_url: Option<String>,
    repo_url: Option<String>,
    /// The licence of the data, as `site.yaml` states it.
    license: Option<String>,
    publisher: Option<PublisherJson>,
}

/// Who publishes the dossier.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct PublisherJson {
    name: String,
    url: Option<String>,
}

/// A person, organisation, outlet or place.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct ActorJson {
    id: String,
    name: String,
    /// Other spellings, as written.
    aliases: Vec<String>,
    /// person, organization, government, military, media, group or place.
    kind: Option<String>,
    role: Option<String>,
    /// The id of the actor it belongs to.
    affiliation: Option<String>,
    /// Its page on the site.
    page_url: String,
}

/// A claim, with its evidence counted.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct ClaimJson {
    id: String,
    statement: String,
    /// Ids of the actors it is about.
    about: Vec<String>,
    tags: Vec<String>,
    /// Ids of the claims it contradicts (both ways).
    contradicts: Vec<String>,
    /// unverified, confirmed, misleading or false.
    verdict: Option<String>,
    /// When the verdict was given: `YYYY-MM-DD`.
    verdict_on: Option<String>,
    /// The verdict's note, Markdown as written.
    verdict_note: Option<String>,
    /// At least one passage of its own supports it and one disputes it.
    contested: bool,
    counts: CountsJson,
    /// Its page on the site.
    page_url: String,
}

/// A claim's passages by stance.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct CountsJson {
    supports: usize,
    disputes: usize,
    context: usize,
    /// Passages that support or dispute the claims it contradicts.
    implied: usize,
}

/// An article, its metadata and its annotations.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct ArticleJson {
    id: String,
    title: String,
    /// The id of the actor that published it.
    outlet: Option<String>,
    author: Option<String>,
    /// `YYYY-MM-DD`.
    published: Option<String>,
    /// Its own language, when it is not the site's.
    language: Option<String>,
    /// The original article's address.
    url: Option<String>,
    /// An archived copy of it.
    archive: Option<String>,
    /// When that copy was made: `YYYY-MM-DD`.
    archived_on: Option<String>,
    /// The Markdown file, from the dossier's root.
    source_path: String,
    /// Its page on the site.
    page_url: String,
    /// In reading order.
    annotations: Vec<AnnotationJson>,
}

/// A passage of an article tied to a claim.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct AnnotationJson {
    id: String,
    /// The quote as the sidecar gives it.
    quote: String,
    /// Where the passage is in the article's text.
    matched: MatchedJson,
    /// The claim's id.
    claim: String,
    /// supports, disputes or context.
    stance: String,
    /// direct, reported, headline or narration.
    form: String,
    /// The actor id the sidecar gives as `by`.
    by: Option<String>,
    /// Who the site shows as the speaker: `by`, else the article's outlet.
    speaker: Option<String>,
    /// The actor id of the channel.
    via: Option<String>,
    /// When it was said: `YYYY-MM-DD`.
    said_on: Option<String>,
    /// The note, Markdown as written.
    note: Option<String>,
    /// The quote in the site's language.
    translation: Option<String>,
    /// The article's `url` with a text fragment that selects the passage.
    source_passage_url: Option<String>,
    /// The highlight on the site.
    page_url: String,
}

/// Where a quote was matched in the article's text (the text readers see;
/// block boundaries are line breaks), in Unicode code points.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(deny_unknown_fields))]
struct MatchedJson {
    /// The passage exactly as the text has it.
    exact: String,
    /// Up to 32 characters just before it.
    prefix: String,
    /// Up to 32 characters just after it.
    suffix: String,
    /// Its first character.
    start: usize,
    /// The character after its last.
    end: usize,
}

fn id(id: &Id) -> String {
    id.to_string()
}

fn ids<'a>(ids: impl IntoIterator<Item = &'a Id>) -> Vec<String> {
    ids.into_iter().map(id).collect()
}

fn date(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

impl Export {
    fn new(xref: &Xref<'_>) -> Export {
        let d = xref.dossier;
        let site = &d.site;
        Export {
            version: FORMAT_VERSION,
            site: SiteJson {
                title: site.title.clone(),
                description: site.description.clone(),
                language: site.language.clone(),
                base_url: site.base_url.clone(),
                repo_url: site.repo_url.clone(),
                license: site.license.clone(),
                publisher: site.publisher.as_ref().map(|p| PublisherJson { name: p.name.clone(), url: p.url.clone() }),
            },
            actors: d.actors.values().map(|a| actor(d, a)).collect(),
            claims: d.claims.values().map(|c| claim(xref, c)).collect(),
            articles: d.articles.values().map(|a| article(d, a)).collect(),
        }
    }
}

fn actor(d: &Dossier, a: &Actor) -> ActorJson {
    ActorJson {
        id: id(&a.id),
        name: a.name.clone(),
        aliases: a.aliases.clone(),
        kind: a.kind.map(|k| k.as_str().to_owned()),
        role: a.role.clone(),
        affiliation: a.affiliation.as_ref().map(id),
        page_url: page_url(d, Route::Actor(&a.id)),
    }
}

fn claim(xref: &Xref<'_>, c: &Claim) -> ClaimJson {
    let t = xref.tally(&c.id);
    ClaimJson {
        id: id(&c.id),
        statement: c.statement.clone(),
        about: ids(&c.about),
        tags: c.tags.clone(),
        contradicts: ids(&c.contradicts),
        verdict: c.verdict.map(|v| v.as_str().to_owned()),
        verdict_on: date(c.verdict_on),
        verdict_note: c.verdict_note_source.clone(),
        contested: xref.contested(&c.id),
        counts: CountsJson { supports: t.supports, disputes: t.disputes, context: t.context, implied: t.implied },
        page_url: page_url(xref.dossier, Route::Claim(&c.id)),
    }
}

fn article(d: &Dossier, a: &Article) -> ArticleJson {
    ArticleJson {
        id: id(&a.id),
        title: a.title.clone(),
        outlet: a.outlet.as_ref().map(id),
        author: a.author.clone(),
        published: date(a.published),
        language: a.language.clone(),
        url: a.url.clone(),
        archive: a.archive.clone(),
        archived_on: date(a.archived_on),
        source_path: a.source_path.clone(),
        page_url: page_url(d, Route::Article(&a.id)),
        annotations: a.annotations.iter().map(|n| annotation(d, a, n)).collect(),
    }
}

fn annotation(d: &Dossier, article: &Article, a: &Annotation) -> AnnotationJson {
    AnnotationJson {
        id: id(&a.id),
        quote: a.quote.clone(),
        matched: matched(&a.matched),
        claim: id(&a.claim),
        stance: a.stance.as_str().to_owned(),
        form: a.form.as_str().to_owned(),
        by: a.by.as_ref().map(id),
        speaker: d.speaker(article, a).map(id),
        via: a.via.as_ref().map(id),
        said_on: date(a.said_on),
        note: a.note_source.clone(),
        translation: a.translation.clone(),
        source_passage_url: article.url.as_deref().map(|url| passage_url(url, &a.matched)),
        page_url: highlight_url(d, &article.id, &a.id),
    }
}

fn matched(m: &Matched) -> MatchedJson {
    MatchedJson {
        exact: m.exact.clone(),
        prefix: m.prefix.clone(),
        suffix: m.suffix.clone(),
        start: m.start,
        end: m.end,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// docs/dossier.schema.json is the schema of these types, as generated:
    /// `DOSSIER_BLESS=1` rewrites it after an intended change.
    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let schema = serde_json::to_string_pretty(&schemars::schema_for!(Export)).unwrap() + "\n";
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/dossier.schema.json");
        if std::env::var_os("DOSSIER_BLESS").is_some() {
            std::fs::write(&path, &schema).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema,
            "docs/dossier.schema.json is not the schema of src/export/json.rs: run with DOSSIER_BLESS=1, \
             review the diff, and say in docs/data.md what changed (a change that is not an addition is a \
             new format version)"
        );
    }

    #[test]
    fn the_schema_is_draft_2020_12_and_names_the_version() {
        let schema = serde_json::to_value(schemars::schema_for!(Export)).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }

    #[test]
    fn an_empty_dossier_is_a_version_with_empty_lists() {
        let dossier = Dossier::default();
        let out = files(&Xref::new(&dossier));
        let value: serde_json::Value = serde_json::from_slice(&out[0].bytes).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["articles"], serde_json::json!([]));
        assert_eq!(value["site"]["license"], serde_json::Value::Null);
        assert!(out[0].bytes.ends_with(b"}\n"));
    }
}
