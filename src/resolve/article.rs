//! Articles and their sidecars: front matter, body text, and every
//! annotation anchored to exactly one passage.

use std::collections::BTreeMap;

use super::Cx;
use crate::anchor::{self, AnchorError, Normalized, Pick, Selector};
use crate::diagnostic::{Diagnostic, Location};
use crate::load::{SourceFile, Sources};
use crate::markdown::{self, Body, Highlight};
use crate::model::{Annotation, Article, Date, Dossier, Id, Stance};
use crate::sidecar::{self, FrontMatter, RawAnnotation, Src, Text};

/// `content/articles/x.md` -> `content/articles/x`.
fn stem_path(path: &str) -> &str {
    path.rsplit_once('.').map_or(path, |(stem, _)| stem)
}

pub(super) fn articles(cx: &mut Cx, sources: &Sources, dossier: &mut Dossier) {
    let mut sidecars: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    for s in &sources.sidecars {
        if let Some(first) = sidecars.insert(stem_path(&s.path), s) {
            let d = Diagnostic::error(
                "duplicate-sidecar",
                format!("`{}` has two sidecars", stem_path(&s.path)),
                Location::file(&s.path),
            )
            .note(Location::file(&first.path), "the other sidecar")
            .help("keep one sidecar per article: merge the annotations into one file");
            cx.push(d);
        }
    }
    let mut defined: BTreeMap<Id, String> = BTreeMap::new();
    for md in &sources.articles {
        let sidecar = sidecars.remove(stem_path(&md.path));
        let Some(id) = article_id(cx, &md.path) else { continue };
        if let Some(first) = defined.get(&id) {
            let d = Diagnostic::error(
                "duplicate-id",
                format!("the article id `{id}` is used twice"),
                Location::file(&md.path),
            )
            .note(Location::file(first), "first used here")
            .help("an article's id is its file name; rename one of the files");
            cx.push(d);
            continue;
        }
        defined.insert(id.clone(), md.path.clone());
        if let Some(article) = article(cx, id.clone(), md, sidecar, dossier) {
            dossier.articles.insert(id, article);
        }
    }
    for (stem, orphan) in sidecars {
        let d = Diagnostic::error(
            "orphan-sidecar",
            format!("`{}` has no article", orphan.path),
            Location::file(&orphan.path),
        )
        .help(format!(
            "a sidecar annotates the article beside it: create `{stem}.md`, or rename the sidecar to match its article"
        ));
        cx.push(d);
    }
}

fn article_id(cx: &mut Cx, path: &str) -> Option<Id> {
    let stem = stem_path(path).rsplit('/').next().unwrap_or_default();
    match Id::parse(stem) {
        Ok(id) => Some(id),
        Err(e) => {
            let d = Diagnostic::error(
                "bad-id",
                format!("the file name `{stem}` is not a valid article id"),
                Location::file(path),
            )
            .label(e.to_string())
            .help("an article's id is its file name: use lowercase letters, digits and single hyphens");
            cx.push(d);
            None
        }
    }
}

fn article(cx: &mut Cx, id: Id, md: &SourceFile, sidecar: Option<&SourceFile>, dossier: &Dossier) -> Option<Article> {
    let Some(parts) = sidecar::split_front_matter(&md.path, &md.text) else {
        let d = Diagnostic::error(
            "missing-front-matter",
            "the article has no front matter",
            Location::in_text(&md.path, &md.text, 0..0),
        )
        .help("start the file with a `---` line, `title: \"…\"`, and a closing `---` line");
        cx.push(d);
        return None;
    };
    let front: FrontMatter = parts.front_matter.parse().map_err(|d| cx.push(d)).ok()?;
    let src = parts.front_matter;
    if front.title.value.trim().is_empty() {
        cx.push(
            Diagnostic::error("empty-title", "the article's title is empty", src.at(&front.title))
                .help("give the article a title"),
        );
    }
    let published = front.published.as_ref().and_then(|p| date(cx, src, p));
    let url = front.url.as_ref().map(|u| url(cx, src, u));
    let body = Body::parse(parts.body);
    if body.text.trim().is_empty() {
        let d = Diagnostic::error(
            "empty-article",
            "the article has no text",
            Location::in_text(&md.path, &md.text, parts.body_offset..parts.body_offset),
        )
        .help("paste the article's text below the front matter");
        cx.push(d);
    }
    let mut article = Article {
        id,
        title: front.title.value.clone(),
        outlet: front.outlet.as_ref().and_then(|o| cx.actor_ref(src, o, "outlet")),
        url,
        published,
        author: front.author.clone(),
        language: front.language.as_ref().map(|l| super::language(cx, src, l)),
        body_html: String::new(),
        annotations: Vec::new(),
        source_path: md.path.clone(),
    };
    let text = MdText { path: &md.path, text: &md.text, body_offset: parts.body_offset, body: &body };
    let mut highlights = Vec::new();
    if let Some(sidecar) = sidecar {
        annotations(cx, sidecar, &text, dossier, &mut article, &mut highlights);
    }
    let rendered = markdown::render(parts.body, &highlights);
    for lost in rendered.lost {
        let a = &article.annotations[lost];
        let d = Diagnostic::error(
            "hidden-quote",
            format!("annotation `{}` quotes text the page does not show", a.id),
            Location::file(&md.path),
        )
        .help("the passage sits inside raw HTML that is removed when the article is sanitised; quote visible text");
        cx.push(d);
    }
    article.body_html = rendered.html;
    Some(article)
}

fn date(cx: &mut Cx, src: Src<'_>, value: &Text) -> Option<Date> {
    let date = Date::parse(&value.value);
    if date.is_none() {
        let d = Diagnostic::error("bad-date", format!("`{}` is not a date", value.value), src.at(value))
            .label("expected YYYY-MM-DD")
            .help("write dates as ISO 8601 calendar dates, e.g. `2025-12-29`");
        cx.push(d);
    }
    date
}

fn url(cx: &mut Cx, src: Src<'_>, value: &Text) -> String {
    let v = value.value.trim();
    if !(v.starts_with("https://") || v.starts_with("http://")) || v.contains(char::is_whitespace) {
        let d = Diagnostic::error("bad-url", format!("`{v}` is not a web address"), src.at(value))
            .help("give the article's address starting with `https://`");
        cx.push(d);
    }
    v.to_owned()
}

/// The article's Markdown, to point diagnostics at its lines.
struct MdText<'a> {
    path: &'a str,
    text: &'a str,
    body_offset: usize,
    body: &'a Body,
}

impl MdText<'_> {
    /// The location in the `.md` file of a range of the rendered text.
    fn location(&self, range: std::ops::Range<usize>) -> Location {
        let start = self.body_offset + self.body.source_offset(range.start);
        let end = self.body_offset + self.body.source_offset(range.end.saturating_sub(1)) + 1;
        Location::in_text(self.path, self.text, start..end.max(start))
    }
}

fn annotations(
    cx: &mut Cx,
    file: &SourceFile,
    md: &MdText<'_>,
    dossier: &Dossier,
    article: &mut Article,
    highlights: &mut Vec<Highlight>,
) {
    let (raw, errors) = Src::whole(&file.path, &file.text).parse_sidecar();
    cx.diagnostics.extend(errors);
    let normalized = Normalized::new(&md.body.text);
    let mut seen: BTreeMap<Id, Location> = BTreeMap::new();
    let mut anchored = Vec::new();
    for (src, a) in &raw {
        let src = *src;
        let id = cx.id(src, &a.id, "annotation");
        if let Some(id) = &id {
            if let Some(first) = seen.get(id) {
                let d = Diagnostic::error(
                    "duplicate-id",
                    format!("the annotation id `{id}` is used twice in this sidecar"),
                    src.at(&a.id),
                )
                .label("used again here")
                .note(first.clone(), "first used here")
                .help("annotation ids are anchors in the article's URL: give each a unique id");
                cx.push(d);
                continue;
            }
            seen.insert(id.clone(), src.at(&a.id));
        }
        let claim = cx.claim_ref(src, &a.claim, "claim");
        cx.used_claims.extend(claim.clone());
        let stance = Stance::parse(&a.stance.value);
        if stance.is_none() {
            let d = Diagnostic::error("bad-stance", format!("`{}` is not a stance", a.stance.value), src.at(&a.stance))
                .label("unknown stance")
                .help(format!("a stance is {}", Stance::choices()));
            cx.push(d);
        }
        let by = a.by.as_ref().and_then(|b| cx.actor_ref(src, b, "by"));
        let via = a.via.as_ref().and_then(|v| cx.actor_ref(src, v, "via"));
        let range = anchor(cx, src, a, md, &normalized);
        let (Some(id), Some(claim), Some(stance), Some(range)) = (id, claim, stance, range) else { continue };
        let annotation = Annotation {
            id,
            quote: md.body.text[range.clone()].split_whitespace().collect::<Vec<_>>().join(" "),
            claim,
            stance,
            by,
            via,
            note: a.note.as_deref().map(markdown::render_note),
        };
        cx.annotation_defs.insert((article.id.clone(), annotation.id.clone()), src.at(&a.id));
        anchored.push((range, annotation));
    }
    // Reading order: where each passage starts, then where it ends.
    anchored.sort_by_key(|(r, _)| (r.start, r.end));
    for (range, a) in anchored {
        let statement = dossier.claims.get(&a.claim).map_or("", |c| c.statement.as_str());
        highlights.push(Highlight {
            range,
            key: format!("{}/{}", article.id, a.id),
            anchor: a.id.to_string(),
            stance: a.stance.as_str(),
            label: format!("{} {}", a.stance.symbol(), a.stance.as_str()),
            href: format!("../../claims/{}/", a.claim),
            title: format!("{}: {}", a.stance.as_str(), statement),
        });
        article.annotations.push(a);
    }
}

/// Anchors one quote; reports why not when it cannot.
fn anchor(
    cx: &mut Cx,
    src: Src<'_>,
    a: &RawAnnotation,
    md: &MdText<'_>,
    text: &Normalized,
) -> Option<std::ops::Range<usize>> {
    let selector = Selector { quote: &a.quote.value, prefix: a.prefix.as_deref(), suffix: a.suffix.as_deref() };
    let error = match anchor::find(text, selector) {
        Ok(range) => return Some(range),
        Err(e) => e,
    };
    let here = src.at(&a.quote);
    let d = match error {
        AnchorError::Empty => {
            Diagnostic::error("empty-quote", "the quote is empty", here).help("copy the passage from the article")
        }
        AnchorError::NotFound { nearest } => not_found(here, md, nearest),
        AnchorError::Ambiguous { occurrences, picks } => {
            let message = format!("the quote occurs {} times in the article", occurrences.len());
            let mut d = Diagnostic::error("ambiguous-quote", message, here)
                .label("matches more than one passage")
                .help("add a `prefix` (the words just before) or a `suffix` (the words just after) that picks one");
            for (i, (r, pick)) in occurrences.into_iter().zip(picks).enumerate() {
                let how = match pick {
                    Pick::Prefix(p) => format!(": pick it with `prefix: {}`", yaml_string(&p)),
                    Pick::Suffix(s) => format!(": pick it with `suffix: {}`", yaml_string(&s)),
                    Pick::None => String::new(),
                };
                d = d.note(md.location(r), format!("occurrence {}{how}", i + 1));
            }
            d
        }
        AnchorError::ContextMismatch { occurrences } => {
            let message = "the quote occurs, but never with this prefix/suffix";
            let mut d = Diagnostic::error("quote-context-mismatch", message, here)
                .help("`prefix` must be the text just before the quote and `suffix` the text just after it");
            for r in occurrences {
                let before: String =
                    md.body.text[..r.start].chars().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
                d = d.note(md.location(r), format!("preceded by “{}”", words(&before)));
            }
            d
        }
    };
    cx.push(d);
    None
}

fn not_found(here: Location, md: &MdText<'_>, nearest: Option<(std::ops::Range<usize>, usize)>) -> Diagnostic {
    let d = Diagnostic::error("quote-not-found", "the quote is not in the article", here)
        .label("not found in the article's text");
    match nearest {
        Some((range, edits)) => {
            let passage = words(&md.body.text[range.clone()]);
            let plural = if edits == 1 { "" } else { "s" };
            d.note(md.location(range), format!("the nearest passage, {edits} character{plural} away"))
                .help(format!("the article reads “{passage}”: copy the passage exactly (case matters)"))
        }
        None => d.help(
            "copy the passage from the article exactly; quotes are matched on the text readers see (case matters)",
        ),
    }
}

/// Whitespace collapsed, as readers see it.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML double-quoted string, for a suggestion the author can paste.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
