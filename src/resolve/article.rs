//! Articles: front matter, body text, and the rendered body with every
//! highlight; ids from file names; sidecars paired with their articles.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use rayon::prelude::*;

use super::Findings;
use super::annotate::{self, MdText};
use super::memo::Memo;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::{SourceFile, Sources};
use crate::markdown::{self, Highlight};
use crate::model::{Article, Dossier, Id};
use crate::routes::Fragment;
use crate::sidecar::{self, FrontMatter, Src, lenient};

/// `content/articles/x.md` -> `content/articles/x`.
fn stem_path(path: &str) -> &str {
    path.rsplit_once('.').map_or(path, |(stem, _)| stem)
}

/// The first line of a file: where whole-file problems point.
fn file_start(file: &SourceFile) -> Location {
    Location::in_text(&file.path, &file.text, 0..0)
}

/// Resolves every article into `dossier`. With a memo, an article whose
/// files read as when the memo resolved it is taken from the memo, and the
/// memo keeps what the others give for the next run.
pub(super) fn articles(findings: &mut Findings, sources: &Sources, dossier: &mut Dossier, memo: Option<&mut Memo>) {
    let mut sidecars = pair_sidecars(findings, sources);
    let usable = usable_articles(findings, sources, &mut sidecars);
    resolve_usable(findings, &usable, dossier, memo);
    // An article that could not be read still owns its sidecar.
    for path in &sources.unreadable {
        let sidecar = sidecars.remove(stem_path(path));
        references_only(findings, sidecar);
    }
    for (stem, orphan) in sidecars {
        let d = Diagnostic::error(Code::OrphanSidecar, format!("`{}` has no article", orphan.path), file_start(orphan)).help(
            format!("a sidecar annotates the article beside it: create `{stem}.md`, or rename the sidecar to match its article"),
        );
        findings.push(d);
    }
}

/// Each sidecar by the path of the article it belongs to; a second
/// sidecar of the same article is reported and left out.
fn pair_sidecars<'a>(findings: &mut Findings, sources: &'a Sources) -> BTreeMap<&'a str, &'a SourceFile> {
    let mut sidecars: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    for s in &sources.sidecars {
        match sidecars.entry(stem_path(&s.path)) {
            Entry::Vacant(v) => {
                v.insert(s);
            }
            Entry::Occupied(used) => {
                let message = format!("`{}` has two sidecars", stem_path(&s.path));
                let d = Diagnostic::error(Code::DuplicateSidecar, message, file_start(s))
                    .label("ignored")
                    .note(file_start(used.get()), "this one is used")
                    .help("keep one sidecar per article: merge the annotations into one file");
                findings.push(d);
            }
        }
    }
    sidecars
}

/// An article that can be resolved: its id, its file and its sidecar.
type Usable<'a> = (Id, &'a SourceFile, Option<&'a SourceFile>);

/// The articles with a valid id of their own, each taking its sidecar out
/// of `sidecars`; the sidecars of the others are checked for references only.
fn usable_articles<'a>(
    findings: &mut Findings,
    sources: &'a Sources,
    sidecars: &mut BTreeMap<&'a str, &'a SourceFile>,
) -> Vec<Usable<'a>> {
    let mut defined: BTreeMap<Id, &SourceFile> = BTreeMap::new();
    let mut usable = Vec::new();
    for md in &sources.articles {
        let sidecar = sidecars.remove(stem_path(&md.path));
        let Some(id) = article_id(findings, md) else {
            references_only(findings, sidecar);
            continue;
        };
        if let Some(first) = defined.get(&id) {
            let message = format!("the article id `{id}` is used twice");
            let d = Diagnostic::error(Code::DuplicateId, message, file_start(md))
                .label("used again here")
                .note(file_start(first), "first used here")
                .help("an article's id is its file name, wherever the file is: rename one of the files");
            findings.push(d);
            references_only(findings, sidecar);
            continue;
        }
        defined.insert(id.clone(), md);
        usable.push((id, md, sidecar));
    }
    usable
}

/// Resolves the usable articles into `dossier`, in parallel, taking from
/// the memo those whose files read as when it resolved them.
fn resolve_usable(findings: &mut Findings, usable: &[Usable<'_>], dossier: &mut Dossier, mut memo: Option<&mut Memo>) {
    // Comparing the files with the memo's is most of what a kept article
    // costs: done in parallel, then the articles taken in order.
    let same: Vec<bool> = match memo.as_deref() {
        Some(memo) => usable.par_iter().map(|(id, md, sidecar)| memo.reads_same(id, md, *sidecar)).collect(),
        None => vec![false; usable.len()],
    };
    let kept: Vec<Option<Article>> = usable
        .iter()
        .zip(same)
        .map(|((id, ..), same)| memo.as_deref_mut().filter(|_| same).and_then(|m| m.take(id)))
        .collect();
    // Articles are independent of each other: each is parsed, anchored and
    // rendered on its own thread with its own context, merged in order.
    let resolved: Vec<(Article, Option<Findings>)> = usable
        .par_iter()
        .zip(kept)
        .map(|(&(ref id, md, sidecar), kept)| match kept {
            Some(article) => (article, None),
            None => {
                let mut local = findings.fork();
                (article(&mut local, id.clone(), md, sidecar, dossier), Some(local))
            }
        })
        .collect();
    for (&(_, md, sidecar), (article, local)) in usable.iter().zip(resolved) {
        match (local, memo.as_deref_mut()) {
            (Some(local), None) => findings.join(local),
            (Some(local), Some(memo)) => {
                findings.join_kept(&local);
                memo.keep(&article.id, md, sidecar, local);
            }
            (None, memo) => findings.join_kept(memo.expect("only a memo gives articles back").found(&article.id)),
        }
        dossier.articles.insert(article.id.clone(), article);
    }
    if let Some(memo) = memo {
        memo.forget_all_but(&dossier.articles);
    }
}

/// Checks a sidecar whose article is unusable: its own problems and its
/// references still count, nothing is anchored.
fn references_only(findings: &mut Findings, sidecar: Option<&SourceFile>) {
    if let Some(sidecar) = sidecar {
        annotate::annotations(findings, sidecar, None);
    }
}

fn article_id(findings: &mut Findings, md: &SourceFile) -> Option<Id> {
    let stem = stem_path(&md.path).rsplit('/').next().unwrap_or_default();
    let error = match Id::parse(stem) {
        Ok(id) => return Some(id),
        Err(e) => e,
    };
    let suggestion = super::slugify(stem);
    let d = Diagnostic::error(Code::BadId, format!("the file name `{stem}` is not a valid article id"), file_start(md))
        .label(error.to_string())
        .help(format!(
            "an article's id is its file name: use lowercase letters, digits and single hyphens, e.g. `{suggestion}.md`"
        ));
    findings.push(d);
    None
}

fn article(
    findings: &mut Findings,
    id: Id,
    md: &SourceFile,
    sidecar: Option<&SourceFile>,
    dossier: &Dossier,
) -> Article {
    for file in std::iter::once(md).chain(sidecar) {
        if file.text.contains('\r') && !file.text.contains('\n') {
            let d = Diagnostic::warning(
                Code::CrLineEndings,
                format!("`{}` ends its lines with a carriage return alone", file.path),
                file_start(file),
            )
            .help("save the file with Unix (LF) or Windows (CRLF) line endings: lines ended by CR alone (classic Mac OS) are read as one line");
            findings.push(d);
        }
    }
    let parts = sidecar::split_front_matter(&md.path, &md.text);
    if parts.is_none() {
        let d = Diagnostic::error(Code::MissingFrontMatter, "the article has no front matter", file_start(md))
            .help("start the file with a `---` line, `title: \"…\"`, and a closing `---` line");
        findings.push(d);
    }
    let (body_md, body_offset) = parts.map_or((md.text.as_str(), 0), |p| (p.body, p.body_offset));
    let mut article = match parts {
        Some(parts) => metadata(findings, parts.front_matter, id, md),
        None => Article::untitled(id, md.path.clone()),
    };
    let clean = markdown::clean_source(body_md);
    let markdown::Parsed { events, body } = markdown::Parsed::new(&clean);
    let body = &body;
    if let Some(refused) = body.refused {
        findings.push(refusal(refused, &md.path, &md.text, body_offset));
    } else if body.text.trim().is_empty() {
        findings.push(empty(&clean, |at, len| {
            Location::in_text(&md.path, &md.text, body_offset + at..body_offset + at + len)
        }));
    }
    for image in &body.images_without_alt {
        let here = Location::in_text(&md.path, &md.text, body_offset + image.start..body_offset + image.end);
        let d = Diagnostic::warning(Code::ImageWithoutAlt, "the image has no alt text", here)
            .label("no alt text")
            .help("say what the image shows, for readers who cannot see it: `![a map of Kupiansk](map.png)`, or `alt=\"…\"` in HTML");
        findings.push(d);
    }
    let text = MdText { path: &md.path, text: &md.text, body_offset, body, lines: Default::default() };
    // An article refused for its nesting has no text to anchor in.
    let usable = Some((&text, &article.id)).filter(|_| body.refused.is_none());
    let anchored = sidecar.map(|s| annotate::annotations(findings, s, usable)).unwrap_or_default();
    let highlights: Vec<Highlight> = anchored.iter().map(|a| highlight(&article.id, a, dossier)).collect();
    let rendered = markdown::render_events(events, body, &highlights);
    for lost in rendered.lost {
        let a = &anchored[lost];
        let d = Diagnostic::error(
            Code::HiddenQuote,
            format!("annotation `{}` quotes text the page does not show", a.annotation.id),
            a.quote_at.clone(),
        )
        .label("removed with the raw HTML around it")
        .note(text.location(a.range.clone()), "inside raw HTML that is removed when the article is sanitised")
        .help("quote text readers see: text inside <script>, <style> and similar is never shown");
        findings.push(d);
    }
    article.body_html = rendered.html;
    article.annotations = anchored.into_iter().map(|a| a.annotation).collect();
    article
}

/// The error for an article without rendered text, saying what readers
/// do see of it when that is code, raw HTML or images, which a quote never
/// matches.
fn empty(clean_md: &str, locate: impl Fn(usize, usize) -> Location) -> Diagnostic {
    let seen = markdown::unquotable(clean_md);
    // At the first thing readers see, its first line; else where the body starts.
    let here = match seen.at {
        Some(at) => locate(at, clean_md[at..].find('\n').unwrap_or(clean_md.len() - at)),
        None => locate(0, 0),
    };
    let (message, help) = if seen.code {
        (
            "the article's only text is code, which readers see but cannot quote",
            "write the article's text around the code: code blocks are shown, but quotes never match them",
        )
    } else if seen.html {
        (
            "the article's only text is raw HTML, which readers see but cannot quote",
            "write the text as Markdown (`<div>` and other HTML blocks are shown, but quotes never match their text)",
        )
    } else if seen.images {
        (
            "the article has only images, which readers see but cannot quote",
            "paste the article's text below the front matter; images are shown, but quotes never match them",
        )
    } else {
        ("the article has no text", "paste the article's text below the front matter")
    };
    let d = Diagnostic::error(Code::EmptyArticle, message, here).help(help);
    if seen.at.is_some() { d.label("shown, but cannot be quoted") } else { d }
}

/// The error for an article beyond a limit of [`markdown::Refused`].
fn refusal(refused: markdown::Refused, path: &str, text: &str, body_offset: usize) -> Diagnostic {
    use markdown::Refused;
    let at = body_offset + refused.at();
    let here = Location::in_text(path, text, at..at + 1);
    match refused {
        Refused::Nesting { .. } => {
            let max = markdown::MAX_DEPTH;
            Diagnostic::error(Code::NestingTooDeep, format!("the article nests elements more than {max} deep"), here)
                .label(format!("nested more than {max} deep here"))
                .help(format!(
                    "block quotes, lists, emphasis and HTML elements may nest at most {max} deep: flatten the article"
                ))
        }
        Refused::Lines { lines, .. } => {
            let message = format!("the article has {lines} lines; an article may have at most {}", markdown::MAX_LINES);
            Diagnostic::error(Code::ArticleTooLarge, message, here)
                .label("the first line over the limit")
                .help("split the article, or remove what does not belong in a dossier")
        }
        Refused::Pipes { pipes, .. } => {
            let message = format!(
                "the article has {pipes} `|` (table cells); an article may have at most {}",
                markdown::MAX_PIPES
            );
            Diagnostic::error(Code::ArticleTooLarge, message, here)
                .label("the first `|` over the limit")
                .help("split the table or the article, or link to the data instead of pasting it")
        }
    }
}

fn highlight(article: &Id, a: &annotate::Anchored, dossier: &Dossier) -> Highlight {
    let n = &a.annotation;
    let statement = dossier.claims.get(&n.claim).map_or("", |c| c.statement.as_str());
    Highlight {
        range: a.range.clone(),
        key: format!("{article}/{}", n.id),
        anchor: Fragment::Highlight(&n.id).id(),
        stance: n.stance.as_str(),
        symbol: n.stance.symbol(),
        title: format!("{}: {}", n.stance.as_str(), statement),
    }
}

/// The front matter's fields, checked. Problems are reported and the
/// article still resolves, so its sidecar is checked too.
fn metadata(findings: &mut Findings, src: Src<'_>, id: Id, md: &SourceFile) -> Article {
    let (front, errors) = src.parse_lenient::<FrontMatter, lenient::FrontMatter>();
    findings.diagnostics.extend(errors);
    let Some(front) = front else { return Article::untitled(id, md.path.clone()) };
    if front.title.value.trim().is_empty() {
        let d = Diagnostic::error(Code::EmptyTitle, "the article's title is empty", src.at(&front.title))
            .help("give the article a title");
        findings.push(d);
    }
    warn_unarchived(findings, src, &front);
    Article {
        title: front.title.value.clone(),
        outlet: front.outlet.as_ref().and_then(|o| findings.actor_ref(src, o, "outlet")),
        url: front.url.as_ref().and_then(|u| super::page_url(findings, src, u, "https://example.org/report")),
        archive: front.archive.as_ref().and_then(|u| super::page_url(findings, src, u, ARCHIVE_EXAMPLE)),
        archived_on: front.archived_on.as_ref().and_then(|d| super::date(findings, src, d)),
        published: front.published.as_ref().and_then(|p| super::date(findings, src, p)),
        author: front.author.clone(),
        language: front.language.as_ref().map(|l| super::language(findings, src, l)),
        ..Article::untitled(id, md.path.clone())
    }
}

/// An archived copy's address, as the hints show it.
const ARCHIVE_EXAMPLE: &str = "https://web.archive.org/web/2025/https://example.org/report";

/// With `require_archive`, an article that links its source must link an
/// archived copy too: pages change and disappear.
fn warn_unarchived(findings: &mut Findings, src: Src<'_>, front: &FrontMatter) {
    let Some(url) = front.url.as_ref().filter(|_| findings.require_archive && front.archive.is_none()) else {
        return;
    };
    let d = Diagnostic::warning(Code::MissingArchive, "the article's source has no archived copy", src.at(url))
        .label("no `archive` for this address")
        .help(format!(
            "archive the page (Wayback Machine, archive.today, perma.cc) and give the copy's address in `archive`, e.g. `archive: {ARCHIVE_EXAMPLE}`"
        ));
    findings.push(d);
}
