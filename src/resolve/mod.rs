//! Resolves raw sources into the typed model: parses every file, checks
//! every rule of the content format, and collects all problems at once.
//!
//! Pure: takes [`Sources`] (text already read), returns the dossier and the
//! diagnostics. A dossier with errors is still returned, as complete as the
//! valid parts allow, so one run reports everything.

mod annotate;
mod article;
mod consistency;
mod memo;
mod registry;
mod session;
pub(crate) mod url;

pub(crate) use session::{Changes, Session};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{self, Code, Diagnostic, Location};
use crate::load::Sources;
use crate::model::{Date, Dossier, Id, Publisher, Site};
use crate::sidecar::{SiteFile, Src, Text, lenient};
use crate::suggest;

/// Resolves everything; diagnostics come sorted by file and line.
pub(crate) fn resolve(sources: &Sources) -> (Dossier, Vec<Diagnostic>) {
    let (mut findings, mut dossier) = shared(sources);
    article::articles(&mut findings, sources, &mut dossier, None);
    let diagnostics = finish(findings, &dossier);
    (dossier, diagnostics)
}

/// The site and the registries: what every article is resolved against.
fn shared(sources: &Sources) -> (Findings, Dossier) {
    let mut findings = Findings::default();
    let site = sources.site.as_ref().map(|f| site(&mut findings, Src::whole(&f.path, &f.text))).unwrap_or_default();
    findings.require_archive = site.require_archive;
    let mut dossier = Dossier { site, ..Dossier::default() };
    registry::actors(&mut findings, &sources.actors, &mut dossier);
    registry::claims(&mut findings, &sources.claims, &mut dossier);
    (findings, dossier)
}

/// What is checked across articles, once they are all resolved.
fn finish(mut findings: Findings, dossier: &Dossier) -> Vec<Diagnostic> {
    registry::warn_unused(&mut findings);
    consistency::warn_inconsistent_actors(&mut findings, dossier);
    diagnostic::sort(&mut findings.diagnostics);
    findings.diagnostics
}

/// What resolution carries along: the diagnostics, and where each id was
/// defined (for "first defined here" notes and located warnings).
#[derive(Clone, Default)]
pub(crate) struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// Shared, so articles can be resolved in parallel, each with its own
    /// [`Findings::fork`]; written only while the registries are read.
    pub actor_defs: Arc<BTreeMap<Id, Location>>,
    pub claim_defs: Arc<BTreeMap<Id, Location>>,
    /// Actors that any field names, for the "unused" warning.
    /// (Sets looked up, never walked: hashed, as merging them is most of
    /// what a preview's resolution of unchanged articles costs.)
    pub used_actors: std::collections::HashSet<Id>,
    /// Claims that any annotation names, anchored or not.
    pub used_claims: std::collections::HashSet<Id>,
    /// Where each anchored annotation is defined, by article: shared, so
    /// that a context kept for later is joined without copying them.
    pub annotation_defs: BTreeMap<Id, Arc<BTreeMap<Id, Location>>>,
    /// `site.yaml`'s `require_archive`: articles with a `url` and no
    /// `archive` are warned about.
    pub require_archive: bool,
}

impl Findings {
    /// A context for resolving one article on its own thread: the same
    /// registries, nothing found yet. [`Findings::join`] merges it back.
    pub(crate) fn fork(&self) -> Findings {
        Findings {
            actor_defs: Arc::clone(&self.actor_defs),
            claim_defs: Arc::clone(&self.claim_defs),
            require_archive: self.require_archive,
            ..Findings::default()
        }
    }

    pub(crate) fn join(&mut self, other: Findings) {
        self.diagnostics.extend(other.diagnostics);
        self.used_actors.extend(other.used_actors);
        self.used_claims.extend(other.used_claims);
        self.annotation_defs.extend(other.annotation_defs);
    }

    /// [`Findings::join`] of a context that is kept for later.
    pub(crate) fn join_kept(&mut self, other: &Findings) {
        self.diagnostics.extend(other.diagnostics.iter().cloned());
        // Most ids are used by many articles: copied only the first time.
        for (mine, theirs) in [(&mut self.used_actors, &other.used_actors), (&mut self.used_claims, &other.used_claims)]
        {
            mine.extend(theirs.iter().filter(|id| !mine.contains(*id)).cloned().collect::<Vec<_>>());
        }
        self.annotation_defs.extend(other.annotation_defs.iter().map(|(k, v)| (k.clone(), Arc::clone(v))));
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Checks that a value is a slug id; reports it if not.
    pub(crate) fn id(&mut self, src: Src<'_>, value: &Text, what: &str) -> Option<Id> {
        match Id::parse(&value.value) {
            Ok(id) => Some(id),
            Err(e) => {
                let suggestion = slugify(&value.value);
                let d = Diagnostic::error(
                    Code::BadId,
                    format!("`{}` is not a valid {what} id", value.value),
                    src.at(value),
                )
                .label(e.to_string())
                .help(format!(
                    "ids are lowercase letters, digits and single hyphens (at most 80 characters){}",
                    if suggestion.is_empty() { String::new() } else { format!(", e.g. `{suggestion}`") }
                ));
                self.push(d);
                None
            }
        }
    }

    /// Resolves a reference to an actor; reports unknown ids with the nearest one.
    pub(crate) fn actor_ref(&mut self, src: Src<'_>, value: &Text, field: &str) -> Option<Id> {
        let id = self.id(src, value, "actor")?;
        if self.actor_defs.contains_key(&id) {
            self.used_actors.insert(id.clone());
            return Some(id);
        }
        let known = self.actor_defs.keys().map(Id::as_str);
        let d = unknown(Code::UnknownActor, "actor", field, &value.value, known.clone(), src.at(value), "actors.yaml");
        self.push(with_rename(d, src, value, known));
        None
    }

    pub(crate) fn claim_ref(&mut self, src: Src<'_>, value: &Text, field: &str) -> Option<Id> {
        let id = self.id(src, value, "claim")?;
        if self.claim_defs.contains_key(&id) {
            return Some(id);
        }
        let known = self.claim_defs.keys().map(Id::as_str);
        let d = unknown(Code::UnknownClaim, "claim", field, &value.value, known.clone(), src.at(value), "claims.yaml");
        self.push(with_rename(d, src, value, known));
        None
    }
}

fn unknown<'a>(
    code: Code,
    what: &str,
    field: &str,
    value: &str,
    known: impl Iterator<Item = &'a str>,
    location: Location,
    registry: &str,
) -> Diagnostic {
    let help = match suggest::did_you_mean(value, known) {
        Some(help) => help,
        None => format!(
            "add {} {what} with `id: {value}` to content/{registry}",
            if what.starts_with('a') { "an" } else { "a" }
        ),
    };
    Diagnostic::error(code, format!("`{field}` names an unknown {what} `{value}`"), location)
        .label(format!("no {what} has this id"))
        .help(help)
}

/// The edit distance within which an unknown id is renamed by `check
/// --fix`, when exactly one known id is that close.
const RENAME_DISTANCE: usize = 2;

/// An unknown id's diagnostic, with the rename to the one known id within
/// [`RENAME_DISTANCE`] as its fix; none when there are several, or the
/// value is not written as it reads (an escape in quotes).
fn with_rename<'a>(d: Diagnostic, src: Src<'_>, value: &Text, known: impl Iterator<Item = &'a str>) -> Diagnostic {
    let mut close = known.filter(|k| strsim::levenshtein(&value.value, k) <= RENAME_DISTANCE);
    let (Some(candidate), None) = (close.next(), close.next()) else { return d };
    let at = d.location.span.clone();
    let written = &src.text[at.clone()];
    let quoted =
        written.len() >= 2 && matches!(written.as_bytes()[0], b'"' | b'\'') && written.ends_with(&written[..1]);
    let (inner, start) = if quoted { (&written[1..written.len() - 1], at.start + 1) } else { (written, at.start) };
    if inner != value.value {
        return d;
    }
    let fix = diagnostic::Fix {
        file: src.file.to_owned(),
        span: start..start + inner.len(),
        replacement: candidate.to_owned(),
        description: format!("renamed `{}` to `{candidate}`", value.value),
    };
    d.fix(fix)
}

/// A slug suggestion for a string that is not one.
pub(crate) fn slugify(s: &str) -> String {
    let lowered: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let slug = lowered.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    slug.chars().take(crate::model::MAX_ID_LEN).collect::<String>().trim_end_matches('-').to_owned()
}

fn site(findings: &mut Findings, src: Src<'_>) -> Site {
    let (raw, errors) = src.parse_lenient::<SiteFile, lenient::SiteFile>();
    findings.diagnostics.extend(errors);
    let Some(raw) = raw else { return Site::default() };
    let theme = match &raw.theme {
        Some(t) => findings.id(src, t, "theme").map_or_else(|| "default".to_owned(), |id| id.as_str().to_owned()),
        None => "default".to_owned(),
    };
    let language = raw.language.as_ref().map(|l| language(findings, src, l)).unwrap_or_else(|| "en".to_owned());
    Site {
        title: raw.title.value,
        description: raw.description,
        base_url: raw.base_url.as_ref().and_then(|u| base_url(findings, src, u)),
        language,
        theme,
        repo_url: raw.repo_url.as_ref().and_then(|u| repo_url(findings, src, u)),
        cname: raw.cname.as_ref().map(|c| cname(findings, src, c)),
        publisher: raw.publisher.as_ref().map(|p| publisher(findings, src, p)),
        license: raw.license.map(|l| l.value),
        require_archive: raw.require_archive.unwrap_or(false),
    }
}

fn publisher(findings: &mut Findings, src: Src<'_>, raw: &crate::sidecar::RawPublisher) -> Publisher {
    Publisher {
        name: raw.name.value.clone(),
        url: raw.url.as_ref().and_then(|u| page_url(findings, src, u, "https://example.org/about")),
    }
}

/// An address linked to as it is (an article's `url` and `archive`, the
/// publisher's `url`), by the rule of every address (see [`url`]).
pub(super) fn page_url(findings: &mut Findings, src: Src<'_>, value: &Text, example: &str) -> Option<String> {
    match url::check_trimmed(&value.value, url::UrlKind::Page) {
        Ok(url) => Some(url.to_owned()),
        Err(problem) => {
            findings.push(bad_url(src, value, &problem, "a web address", example));
            None
        }
    }
}

/// Where part of a string value stands in the file: `part` (bytes of the
/// value) narrowed to those characters when the value is written as it
/// reads (plain or quoted without escapes), else the whole value.
pub(crate) fn part_of(src: Src<'_>, value: &Text, part: std::ops::Range<usize>) -> Location {
    let whole = src.at(value);
    let written = &src.text[whole.span.clone()];
    let inner = match written.chars().next() {
        Some(q @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(q) => &written[1..written.len() - 1],
        _ => written,
    };
    if inner != value.value || part.end > inner.len() {
        return whole;
    }
    let at = whole.span.start + usize::from(inner.len() < written.len());
    let end = part.end.max(part.start + 1).min(inner.len());
    Location::in_text(src.file, src.text, at + part.start..at + end)
}

/// A located `bad-url` error for `value`, refused for `problem`.
pub(crate) fn bad_url(src: Src<'_>, value: &Text, problem: &url::UrlError, what: &str, example: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadUrl,
        format!("`{}` is not {what}", url::trim_spaces(&value.value).0.escape_debug()),
        part_of(src, value, problem.at.clone()),
    )
    .label(problem.reason.clone())
    .help(format!("give an absolute `https://` address, e.g. `{example}`; see docs/content-format.md"))
}

fn base_url(findings: &mut Findings, src: Src<'_>, value: &Text) -> Option<String> {
    match url::base(&value.value) {
        Ok(url) => Some(url),
        Err(problem) => {
            findings.push(bad_url(src, value, &problem, "a base URL", "https://user.github.io/repo/"));
            None
        }
    }
}

fn repo_url(findings: &mut Findings, src: Src<'_>, value: &Text) -> Option<String> {
    match url::check_trimmed(&value.value, url::UrlKind::Base) {
        Ok(url) => Some(url.to_owned()),
        Err(problem) => {
            findings.push(bad_url(src, value, &problem, "a repository's address", "https://github.com/user/repo"));
            None
        }
    }
}

fn cname(findings: &mut Findings, src: Src<'_>, value: &Text) -> String {
    let (host, lead) = url::trim_spaces(&value.value);
    if let Err(problem) = url::domain(host) {
        let at = part_of(src, value, problem.at.start + lead..problem.at.end + lead);
        let d = Diagnostic::error(Code::BadCname, format!("`{}` is not a domain name", host.escape_debug()), at)
            .label(problem.reason)
            .help("give the bare custom domain, e.g. `dossier.example.org` (no `https://`, no path)");
        findings.push(d);
    }
    host.to_owned()
}

/// A `YYYY-MM-DD` value (`published`, `said_on`); a located error if it is not one.
fn date(findings: &mut Findings, src: Src<'_>, value: &Text) -> Option<Date> {
    let date = Date::parse(&value.value);
    if date.is_none() {
        let d = Diagnostic::error(Code::BadDate, format!("`{}` is not a date", value.value), src.at(value))
            .label("expected YYYY-MM-DD")
            .help("write dates as ISO 8601 calendar dates, e.g. `2025-12-29`");
        findings.push(d);
    }
    date
}

/// A BCP 47 language tag, loosely: letters, digits and hyphens.
pub(crate) fn language(findings: &mut Findings, src: Src<'_>, value: &Text) -> String {
    let ok = !value.value.is_empty()
        && value
            .value
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        let d = Diagnostic::error(Code::BadLanguage, format!("`{}` is not a language tag", value.value), src.at(value))
            .help("use a BCP 47 tag such as `en`, `uk`, `ru` or `en-GB`");
        findings.push(d);
    }
    value.value.clone()
}

#[cfg(test)]
mod tests;
