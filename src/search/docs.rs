//! What search can find, in the order results are listed: actors, claims
//! (contested first), articles (newest first), then every annotated
//! passage (by article, newest first, in reading order).

use crate::model::{Article, Dossier, Id, Stance};
use crate::routes::{Fragment, Route};
use crate::xref::Xref;
use rayon::prelude::*;

/// What sort of page a result leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Actor,
    Claim,
    Article,
    Quote,
}

impl Kind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Claim => "claim",
            Kind::Article => "article",
            Kind::Quote => "quote",
        }
    }
}

/// One thing search finds.
#[derive(Debug)]
pub(super) struct Doc<'a> {
    pub kind: Kind,
    /// The result's headline: a name, a statement, a title, a quote.
    pub title: String,
    /// Relative to the site root.
    pub href: String,
    /// One line of plain text under the headline.
    pub meta: String,
    pub stance: Option<Stance>,
    /// The quote's language, when it is not the site's.
    pub lang: Option<&'a str>,
    /// The texts whose words find it, each apart, so that a spelling is
    /// only recognised within one of them.
    pub fields: Vec<&'a str>,
    /// Filter terms: `=stance:<stance>`, `=by:<speaker>`, `=outlet:<outlet>`.
    pub filters: Vec<String>,
}

/// Headlines and meta lines longer than this are cut, so that no chunk of
/// documents grows without bound.
const MAX_TEXT: usize = 240;

/// `s` cut to `MAX_TEXT` characters, with an ellipsis when cut.
fn cut(s: &str) -> String {
    match s.char_indices().nth(MAX_TEXT - 1) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

/// Every document, in result order.
pub(super) fn collect<'a>(dossier: &'a Dossier, xref: &Xref<'a>) -> Vec<Doc<'a>> {
    let mut docs = Vec::new();
    actors(dossier, &mut docs);
    claims(dossier, xref, &mut docs);
    let articles = newest_first(dossier);
    docs.extend(articles.iter().map(|a| article(dossier, a)));
    // Most documents are passages: made in parallel, kept in order.
    let passages: Vec<Vec<Doc<'a>>> = articles.par_iter().map(|a| quotes(dossier, a)).collect();
    docs.extend(passages.into_iter().flatten());
    docs
}

/// The order of article documents, and of their passages after them.
pub(super) fn newest_first(dossier: &Dossier) -> Vec<&Article> {
    let mut articles: Vec<&Article> = dossier.articles.values().collect();
    articles.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    articles
}

fn name<'a>(dossier: &'a Dossier, id: &Id) -> &'a str {
    &dossier.actors[id].name
}

pub(super) fn actors<'a>(dossier: &'a Dossier, docs: &mut Vec<Doc<'a>>) {
    let mut actors: Vec<_> = dossier.actors.values().collect();
    actors.sort_by_cached_key(|a| (a.name.to_lowercase(), &a.id));
    for a in actors {
        let mut meta: Vec<String> = a.kind.map(|k| capitalize(k.as_str())).into_iter().collect();
        meta.extend(a.role.clone());
        if !a.aliases.is_empty() {
            meta.push(format!("also {}", a.aliases.join(", ")));
        }
        let mut fields: Vec<&str> = vec![&a.name];
        fields.extend(a.aliases.iter().map(String::as_str));
        fields.extend(a.role.as_deref());
        fields.extend(a.kind.map(|k| k.as_str()));
        docs.push(Doc {
            kind: Kind::Actor,
            title: cut(&a.name),
            href: Route::Actor(&a.id).path(),
            meta: cut(&meta.join(" · ")),
            stance: None,
            lang: None,
            fields,
            filters: Vec::new(),
        });
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub(super) fn claims<'a>(dossier: &'a Dossier, xref: &Xref<'a>, docs: &mut Vec<Doc<'a>>) {
    let mut claims: Vec<_> = dossier.claims.values().collect();
    claims.sort_by_cached_key(|c| {
        let t = xref.tally(&c.id);
        (!xref.contested(&c.id), std::cmp::Reverse(t.supports + t.disputes + t.context), &c.id)
    });
    for c in claims {
        let t = xref.tally(&c.id);
        let mut meta = vec![format!("{} supporting, {} disputing, {} context", t.supports, t.disputes, t.context)];
        if xref.contested(&c.id) {
            meta.insert(0, "Contested".to_owned());
        }
        if let Some(v) = c.verdict {
            meta.push(format!("verdict: {}", v.as_str()));
        }
        let mut fields: Vec<&str> = vec![&c.statement];
        fields.extend(c.tags.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Claim,
            title: cut(&c.statement),
            href: Route::Claim(&c.id).path(),
            meta: cut(&meta.join(" · ")),
            stance: None,
            lang: None,
            fields,
            filters: Vec::new(),
        });
    }
}

pub(super) fn article<'a>(dossier: &'a Dossier, a: &'a Article) -> Doc<'a> {
    let mut meta: Vec<String> = a.outlet.iter().map(|o| name(dossier, o).to_owned()).collect();
    meta.extend(a.author.clone());
    meta.extend(a.published.map(|d| d.to_string()));
    meta.push(format!("{} annotated passages", a.annotations.len()));
    let mut fields: Vec<&str> = vec![&a.title];
    fields.extend(a.outlet.iter().map(|o| name(dossier, o)));
    fields.extend(a.author.as_deref());
    Doc {
        kind: Kind::Article,
        title: cut(&a.title),
        href: Route::Article(&a.id).path(),
        meta: cut(&meta.join(" · ")),
        stance: None,
        lang: None,
        fields,
        filters: a.outlet.iter().map(|o| format!("=outlet:{o}")).collect(),
    }
}

/// The passages of one article. A passage is found by its words and by
/// its speaker's name.
pub(super) fn quotes<'a>(dossier: &'a Dossier, a: &'a Article) -> Vec<Doc<'a>> {
    let lang = a.language.as_deref().filter(|l| *l != dossier.site.language);
    let mut docs = Vec::with_capacity(a.annotations.len());
    for n in &a.annotations {
        let speaker = dossier.speaker(a, n);
        let mut who = speaker.map_or("Unattributed".to_owned(), |s| name(dossier, s).to_owned());
        if let Some(via) = &n.via {
            who = format!("{who}, via {}", name(dossier, via));
        }
        let claim = &dossier.claims[&n.claim].statement;
        let meta = format!("{who} · on: {} · in: {}", cut(claim), cut(&a.title));
        let mut fields: Vec<&str> = vec![&n.quote];
        fields.extend(speaker.map(|s| name(dossier, s)));
        let mut filters = vec![format!("=stance:{}", n.stance.as_str())];
        filters.extend(speaker.map(|s| format!("=by:{s}")));
        filters.extend(a.outlet.iter().map(|o| format!("=outlet:{o}")));
        docs.push(Doc {
            kind: Kind::Quote,
            title: cut(&n.quote),
            href: Route::Article(&a.id).path_at(Fragment::Highlight(&n.id)),
            meta,
            stance: Some(n.stance),
            lang,
            fields,
            filters,
        });
    }
    docs
}
