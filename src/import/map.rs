//! From an annotation as read to the fields of a sidecar entry, by the
//! dossier's rules: its article found by address, its claim and actors
//! checked to exist, its quote anchored by the checker's own search.

use std::collections::{BTreeMap, HashMap};

use super::json::Placed;
use super::{Incoming, Origin, QuoteSelector, Read};
use crate::anchor::{self, AnchorError, FindOptions, Normalized, Selector};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::Sources;
use crate::markdown;
use crate::model::{Date, Dossier, Form, Id, Stance};
use crate::routes::{Fragment, Route};
use crate::sidecar::{self, characters};
use crate::suggest;

/// Misquotes for which the nearest passage is looked for, as `check` does.
const MAX_NEAREST_SEARCHES: usize = 20;

/// The fields of a sidecar entry, all checked; the id is given apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub claim: Id,
    pub stance: Stance,
    /// Only when it is not the default for `by`.
    pub form: Option<Form>,
    pub by: Option<Id>,
    pub via: Option<Id>,
    pub said_on: Option<Date>,
    pub translation: Option<String>,
    pub note: Option<String>,
}

/// The id an annotation asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Wanted {
    /// Its own, from this site's link to its highlight.
    Own(Id),
    /// One made from another id (`key`): `slug`, else `slug-2`, …
    Derived { slug: String, key: String },
}

/// An annotation ready to append to its article's sidecar.
pub(super) struct Mapped<'a> {
    pub place: Placed<'a>,
    pub article: Id,
    pub wanted: Wanted,
    pub entry: Entry,
}

/// What import looks annotations up in: the dossier, its articles' pages
/// and addresses, its claims' pages, and the text of each article.
pub(super) struct Site<'d> {
    dossier: &'d Dossier,
    sources: &'d Sources,
    /// Each article's page on this site (its folder and its file).
    pages: HashMap<String, &'d Id>,
    /// Each front matter `url`, with the articles that give it.
    urls: BTreeMap<&'d str, Vec<&'d Id>>,
    claims: HashMap<String, &'d Id>,
    texts: BTreeMap<Id, ArticleText>,
    searches: usize,
}

impl<'d> Site<'d> {
    pub(super) fn new(dossier: &'d Dossier, sources: &'d Sources) -> Site<'d> {
        let mut site = Site {
            dossier,
            sources,
            pages: HashMap::new(),
            urls: BTreeMap::new(),
            claims: HashMap::new(),
            texts: BTreeMap::new(),
            searches: 0,
        };
        if let Some(base) = dossier.site.base_url.as_deref() {
            for id in dossier.articles.keys() {
                site.pages.insert(Route::Article(id).url(base), id);
                site.pages.insert(format!("{base}{}", Route::Article(id).file()), id);
            }
            site.claims = dossier.claims.keys().map(|id| (Route::Claim(id).url(base), id)).collect();
        }
        for article in dossier.articles.values() {
            if let Some(url) = article.url.as_deref() {
                site.urls.entry(url.trim()).or_default().push(&article.id);
            }
        }
        site
    }

    /// Maps one annotation, or says every reason it cannot be.
    pub(super) fn map<'a>(&mut self, incoming: Incoming<'a>) -> Result<Mapped<'a>, Vec<Diagnostic>> {
        let Incoming { place, origin, read } = incoming;
        let mut problems = Vec::new();
        let article = self.article(&place, &read).map_err(|d| problems.push(d)).ok();
        let fields = self.fields(&place, &read, &mut problems);
        characters_of(&place, &read, &mut problems);
        let quote = read.quote.as_ref();
        if quote.is_none() {
            let d = Diagnostic::error(Code::ImportUnanchored, "the annotation has no quote", place.at())
                .label("no TextQuoteSelector in its target")
                .help("import anchors annotations by their TextQuoteSelector (`exact`, `prefix`, `suffix`)");
            problems.push(d);
        }
        let (Some(article), Some(fields), Some(quote), true) = (article, fields, quote, problems.is_empty()) else {
            return Err(problems);
        };
        let (quote, prefix, suffix) = self.anchor(article, quote, &place).map_err(|d| vec![d])?;
        let entry = Entry { quote, prefix, suffix, ..fields };
        let wanted = self.wanted(origin, &read, &place);
        Ok(Mapped { place, article: article.clone(), wanted, entry })
    }

    /// The article a page address names: this site's page of it.
    fn page(&self, url: &str) -> Option<&'d Id> {
        let url = url.trim();
        let page = url.split(['#', '?']).next().unwrap_or(url);
        self.pages.get(page).copied()
    }

    fn article(&self, place: &Placed<'_>, read: &Read) -> Result<&'d Id, Diagnostic> {
        if let Some(id) = read.scope.iter().chain(&read.source).find_map(|url| self.page(url)) {
            return Ok(id);
        }
        let Some(source) = read.source.as_deref() else {
            return Err(Diagnostic::error(Code::ImportUnmatchedSource, "the annotation names no page", place.at())
                .label("no `source` in its target")
                .help("import finds an annotation's article by its target's `source`: the article's `url`, or its page on this site"));
        };
        let url = source.trim();
        let toggled = url.strip_suffix('/').map_or_else(|| format!("{url}/"), str::to_owned);
        let found = self.urls.get(url).or_else(|| self.urls.get(toggled.as_str()));
        match found.map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) => {
                let ids: Vec<String> = many.iter().map(|id| format!("`{id}`")).collect();
                Err(Diagnostic::error(
                    Code::ImportUnmatchedSource,
                    format!("{} articles have the address `{}`: {}", many.len(), url.escape_debug(), ids.join(", ")),
                    place.of(source),
                )
                .label("which one is meant cannot be told")
                .help("give the annotation's `scope` (the article's page on this site), or import it into the right article by hand"))
            }
            None => Err(Diagnostic::error(
                Code::ImportUnmatchedSource,
                format!("no article of the dossier is at `{}`", url.escape_debug()),
                place.of(source),
            )
            .label("no article has this address")
            .help("add the article, with this address as the `url` of its front matter (a trailing `/` may differ), then import again")),
        }
    }

    /// Claim, stance, form, speaker, channel and date from the tags (the
    /// claim else from a link to its page), each checked.
    fn fields(&self, place: &Placed<'_>, read: &Read, problems: &mut Vec<Diagnostic>) -> Option<Entry> {
        let tags = tags(place, read, problems);
        let claim = match tags.get("claim") {
            Some((tag, value)) => self.known(place, tag, value, "claim", problems),
            None => match read.links.iter().find_map(|l| self.claims.get(l.trim())) {
                Some(id) => Some((*id).clone()),
                None => {
                    problems.push(missing(place, "claim", "`claim:<claim id>`"));
                    None
                }
            },
        };
        let stance = match tags.get("stance") {
            Some((tag, value)) => {
                keyword(place, tag, value, Code::BadStance, "stance", Stance::parse, Stance::choices(), problems)
            }
            None => {
                problems.push(missing(place, "stance", "`stance:supports`, `stance:disputes` or `stance:context`"));
                None
            }
        };
        let by = tags.get("by").and_then(|(tag, value)| self.known(place, tag, value, "actor", problems));
        let via = tags.get("via").and_then(|(tag, value)| self.known(place, tag, value, "actor", problems));
        let form = tags.get("form").and_then(|(tag, value)| {
            keyword(place, tag, value, Code::BadForm, "form", Form::parse, Form::choices(), problems)
        });
        let said_on = tags.get("said_on").and_then(|(tag, value)| {
            let date = Date::parse(value);
            if date.is_none() {
                let d = Diagnostic::error(
                    Code::BadDate,
                    format!("`{}` is not a date", value.escape_debug()),
                    place.of(tag),
                )
                .label("expected YYYY-MM-DD")
                .help("tag the date as `said_on:2025-12-29`");
                problems.push(d);
            }
            date
        });
        let note = read.note.clone().filter(|n| !n.trim().is_empty());
        let translation = read.translation.clone().filter(|t| !t.trim().is_empty());
        Some(Entry {
            quote: String::new(),
            prefix: None,
            suffix: None,
            claim: claim?,
            stance: stance?,
            form: form.filter(|f| *f != Form::default_for(by.as_ref())),
            by,
            via,
            said_on,
            translation,
            note,
        })
    }

    /// A claim or an actor that the dossier has.
    fn known(
        &self,
        place: &Placed<'_>,
        tag: &str,
        value: &str,
        what: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Id> {
        let (code, known, registry): (_, Vec<&str>, _) = match what {
            "claim" => (Code::UnknownClaim, self.dossier.claims.keys().map(Id::as_str).collect(), "claims.yaml"),
            _ => (Code::UnknownActor, self.dossier.actors.keys().map(Id::as_str).collect(), "actors.yaml"),
        };
        if let Some(id) = Id::parse(value).ok().filter(|id| known.contains(&id.as_str())) {
            return Some(id);
        }
        let help = suggest::did_you_mean(value, known.iter().copied())
            .unwrap_or_else(|| format!("add it to content/{registry}, or change the tag to a {what} the dossier has"));
        let d =
            Diagnostic::error(code, format!("the tag `{}` names an unknown {what}", tag.escape_debug()), place.of(tag))
                .label(format!("no {what} has this id"))
                .help(help);
        problems.push(d);
        None
    }

    /// Makes the article's text as anchoring searches it, once.
    fn prepare(&mut self, article: &Id) {
        let (dossier, sources) = (self.dossier, self.sources);
        self.texts.entry(article.clone()).or_insert_with(|| {
            let path = dossier.articles.get(article).map(|a| a.source_path.as_str());
            let Some(md) = sources.articles.iter().find(|f| Some(f.path.as_str()) == path) else {
                return ArticleText::default();
            };
            let body = sidecar::split_front_matter(&md.path, &md.text).map_or(md.text.as_str(), |p| p.body);
            let clean = markdown::clean_source(body);
            let original = markdown::Parsed::new(&clean).body.text;
            ArticleText { normalized: Normalized::new(&original), original }
        });
    }

    /// The quote, and the fewest words of the selector's prefix or suffix
    /// that pick its passage when it occurs more than once.
    fn anchor(
        &mut self,
        article: &Id,
        quote: &QuoteSelector,
        place: &Placed<'_>,
    ) -> Result<(String, Option<String>, Option<String>), Diagnostic> {
        let nearest = self.searches < MAX_NEAREST_SEARCHES;
        self.prepare(article);
        let ArticleText { original, normalized: text } = &self.texts[article];
        let alone = Selector { quote: &quote.exact, prefix: None, suffix: None };
        let options = FindOptions { nearest: FindOptions::default().nearest.filter(|_| nearest) };
        let unanchored = |message: String| {
            Diagnostic::error(Code::ImportUnanchored, message, place.of(&quote.exact)).label("this quote")
        };
        let total = match anchor::find_with(text, alone, options) {
            Ok(_) => return Ok((words(&quote.exact), None, None)),
            Err(AnchorError::Ambiguous { total, .. }) => total,
            Err(AnchorError::Empty) => {
                return Err(
                    unanchored("the quote is empty".into()).help("the TextQuoteSelector's `exact` must be the passage")
                );
            }
            Err(AnchorError::NotFound { nearest }) => {
                self.searches += 1;
                let d = unanchored(format!("the quote is not in the article `{article}`"));
                return Err(match nearest {
                    Some((range, _)) => d.help(format!(
                        "the article reads “{}”: the article's text must have the passage as quoted (case matters)",
                        words(original.get(range).unwrap_or_default())
                    )),
                    None => d.help("the article's text must have the passage as quoted (case matters): is it the same version of the article?"),
                });
            }
            Err(AnchorError::ContextMismatch { total, .. }) => total,
        };
        let given = Selector { quote: &quote.exact, prefix: quote.prefix.as_deref(), suffix: quote.suffix.as_deref() };
        let chosen = anchor::find_with(text, given, FindOptions { nearest: None })
            .ok()
            .filter(|_| quote.prefix.is_some() || quote.suffix.is_some());
        let picked = chosen.and_then(|found| shortest(text, quote, &found.range));
        picked.map(|(prefix, suffix)| (words(&quote.exact), prefix, suffix)).ok_or_else(|| {
            unanchored(format!("the quote occurs {total} times in the article `{article}`"))
                .help("the selector's `prefix` and `suffix` do not tell which passage is meant: add them, or annotate it by hand with a `prefix` or `suffix` that picks it")
        })
    }

    fn wanted(&self, origin: Origin, read: &Read, place: &Placed<'_>) -> Wanted {
        let key = read.id.clone().unwrap_or_else(|| format!("at {}", place.span.start));
        match origin {
            Origin::Hypothesis => Wanted::Derived { slug: slug(&format!("h-{}", crate::resolve::slugify(&key))), key },
            Origin::W3c => {
                let own = read.id.as_deref().and_then(|id| {
                    let (page, fragment) = id.split_once('#')?;
                    self.page(page)?;
                    highlighted(fragment)
                });
                match own {
                    Some(id) => Wanted::Own(id),
                    None => {
                        let last = key.trim_end_matches('/').rsplit(['/', '#']).next().unwrap_or_default();
                        Wanted::Derived { slug: slug(&crate::resolve::slugify(last)), key }
                    }
                }
            }
        }
    }
}

/// The annotation a fragment of this site's article page points at: the
/// one whose highlight's fragment (routes' `Fragment::Highlight`) it is.
fn highlighted(fragment: &str) -> Option<Id> {
    (0..fragment.len())
        .filter(|&i| fragment.is_char_boundary(i))
        .filter_map(|i| Id::parse(&fragment[i..]).ok())
        .find(|id| Fragment::Highlight(id).id() == fragment)
}

/// A slug of at most the length of an id, or `annotation`.
fn slug(s: &str) -> String {
    let cut: String = s.chars().take(crate::model::MAX_ID_LEN).collect();
    let cut = cut.trim_end_matches('-');
    if cut.is_empty() { "annotation".to_owned() } else { cut.to_owned() }
}

/// The tags import reads, by key (`claim`, …): each with the whole tag
/// and its value. A key given twice with different values is reported.
fn tags<'r>(
    place: &Placed<'_>,
    read: &'r Read,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<&'r str, (&'r str, &'r str)> {
    let mut found: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for tag in &read.tags {
        let Some((key, value)) = tag.split_once(':') else { continue };
        let key = key.trim();
        if !matches!(key, "claim" | "stance" | "form" | "by" | "via" | "said_on") {
            continue;
        }
        let value = value.trim();
        match found.get(key) {
            Some((_, first)) if *first != value => {
                let d = Diagnostic::error(
                    Code::ImportUnmapped,
                    format!("the annotation has two `{key}:` tags"),
                    place.of(tag),
                )
                .label(format!("`{first}` is given too"))
                .help(format!("an annotation has one {key}: keep one tag (import it twice, one for each, by hand)"));
                problems.push(d);
            }
            Some(_) => {}
            None => {
                found.insert(key, (tag, value));
            }
        }
    }
    found
}

fn missing(place: &Placed<'_>, what: &str, tag: &str) -> Diagnostic {
    Diagnostic::error(Code::ImportUnmapped, format!("the annotation names no {what}"), place.at())
        .label(format!("no {what} here"))
        .help(format!("tag it {tag}; see docs/import.md"))
}

#[allow(clippy::too_many_arguments)]
fn keyword<T>(
    place: &Placed<'_>,
    tag: &str,
    value: &str,
    code: Code,
    what: &str,
    parse: fn(&str) -> Option<T>,
    choices: String,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let parsed = parse(value);
    if parsed.is_none() {
        let d = Diagnostic::error(code, format!("`{}` is not a {what}", value.escape_debug()), place.of(tag))
            .label(format!("unknown {what}"))
            .help(format!("a {what} is {choices}"));
        problems.push(d);
    }
    parsed
}

/// Characters no text of a dossier may hold, in the texts to be written.
fn characters_of(place: &Placed<'_>, read: &Read, problems: &mut Vec<Diagnostic>) {
    let quote = read.quote.as_ref();
    let texts = [
        ("quote", quote.map(|q| &q.exact)),
        ("prefix", quote.and_then(|q| q.prefix.as_ref())),
        ("suffix", quote.and_then(|q| q.suffix.as_ref())),
        ("note", read.note.as_ref()),
        ("translation", read.translation.as_ref()),
    ];
    for (field, text) in texts {
        if let Some((_, c)) = text.and_then(|t| characters::find(t)) {
            problems.push(characters::diagnostic(c, Some(field), None, place.of(text.map_or("", String::as_str))));
        }
    }
}

/// The fewest words of the selector's prefix, else suffix, that pick the
/// passage at `range` (of the original text); both whole if none does.
fn shortest(
    text: &Normalized,
    quote: &QuoteSelector,
    range: &std::ops::Range<usize>,
) -> Option<(Option<String>, Option<String>)> {
    let before: Vec<&str> = quote.prefix.as_deref().unwrap_or_default().split_whitespace().collect();
    let after: Vec<&str> = quote.suffix.as_deref().unwrap_or_default().split_whitespace().collect();
    let picks = |prefix: Option<&str>, suffix: Option<&str>| {
        let selector = Selector { quote: &quote.exact, prefix, suffix };
        anchor::find_with(text, selector, FindOptions { nearest: None }).is_ok_and(|found| found.range == *range)
    };
    for k in 1..=before.len().max(after.len()) {
        if k <= before.len() {
            let prefix = before[before.len() - k..].join(" ");
            if picks(Some(&prefix), None) {
                return Some((Some(prefix), None));
            }
        }
        if k <= after.len() {
            let suffix = after[..k].join(" ");
            if picks(None, Some(&suffix)) {
                return Some((None, Some(suffix)));
            }
        }
    }
    let (prefix, suffix) =
        (Some(before.join(" ")).filter(|p| !p.is_empty()), Some(after.join(" ")).filter(|s| !s.is_empty()));
    picks(prefix.as_deref(), suffix.as_deref()).then_some((prefix, suffix))
}

/// Whitespace collapsed, as readers see it (and as anchoring compares).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An article's rendered text, and the same normalised for anchoring.
#[derive(Default)]
struct ArticleText {
    original: String,
    normalized: Normalized,
}
