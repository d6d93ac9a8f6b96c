//! The resolved dossier: typed ids and cross-checked records, no I/O.
//!
//! Everything here has passed validation in `resolve`: every id is a slug,
//! every reference points at an existing record, every quote is anchored.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A validated id: `[a-z0-9]+(-[a-z0-9]+)*`, at most 80 characters.
///
/// Ids become path segments and URL fragments, so nothing else may pass.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

/// Why a string is not an [`Id`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdError {
    Empty,
    TooLong,
    BadChar(char),
    BadHyphen,
}

pub(crate) const MAX_ID_LEN: usize = 80;

impl Id {
    pub(crate) fn parse(s: &str) -> Result<Id, IdError> {
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong);
        }
        if let Some(c) = s.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-')) {
            return Err(IdError::BadChar(c));
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(IdError::BadHyphen);
        }
        Ok(Id(s.to_owned()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Maps keyed by id can be looked up by a `&str`: `Id` orders and hashes
/// as its text.
impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("an id cannot be empty"),
            IdError::TooLong => write!(f, "an id has at most {MAX_ID_LEN} characters"),
            IdError::BadChar(c) => write!(f, "`{}` is not allowed in an id", c.escape_debug()),
            IdError::BadHyphen => f.write_str("hyphens may only stand between letters or digits"),
        }
    }
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub(crate) fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Declares a closed set of lowercase keywords read from YAML.
macro_rules! keywords {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum $name { $($variant),+ }

        impl $name {
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant),+];

            pub(crate) fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The accepted values, for hints: "`a`, `b` or `c`".
            pub(crate) fn choices() -> String {
                let all: Vec<String> = Self::ALL.iter().map(|k| format!("`{}`", k.as_str())).collect();
                let (last, rest) = all.split_last().expect("a keyword set is never empty");
                format!("{} or {}", rest.join(", "), last)
            }
        }
    };
}

keywords!(
    /// How a passage relates to a claim.
    Stance { Supports = "supports", Disputes = "disputes", Context = "context" }
);
impl Stance {
    /// Shown with the word, so stance never rests on colour alone.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Stance::Supports => "✓",
            Stance::Disputes => "✗",
            Stance::Context => "◇",
        }
    }
}

keywords!(
    /// What kind of words a passage is: whose voice, and how near to it.
    Form {
        Direct = "direct", Reported = "reported", Headline = "headline", Narration = "narration",
    }
);
impl Form {
    /// The default: the speaker's own words when `by` names one, else the
    /// article's own voice.
    pub(crate) fn default_for(by: Option<&Id>) -> Form {
        if by.is_some() { Form::Direct } else { Form::Narration }
    }

    /// Shown in quotation marks: only a speaker's own words are.
    pub(crate) fn is_quoted(self) -> bool {
        self == Form::Direct
    }
}

keywords!(
    /// The maintainer's own assessment of a claim.
    Verdict { Unverified = "unverified", Confirmed = "confirmed", Misleading = "misleading", False = "false" }
);
keywords!(
    /// What sort of actor a record describes.
    ActorKind {
        Person = "person", Organization = "organization", Government = "government",
        Military = "military", Media = "media", Group = "group", Place = "place",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Site {
    pub title: String,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub language: String,
    pub theme: String,
    pub repo_url: Option<String>,
    /// Custom domain for GitHub Pages: written to `CNAME`.
    pub cname: Option<String>,
    /// Who publishes the dossier's reviews (ClaimReview's `author`).
    pub publisher: Option<Publisher>,
    /// The licence of the dossier's data, as `data/` states it.
    pub license: Option<String>,
    /// `check` warns about an article with a `url` and no `archive`.
    pub require_archive: bool,
}

/// The organisation or person that publishes the dossier.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Publisher {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Actor {
    pub id: Id,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<ActorKind>,
    pub role: Option<String>,
    pub affiliation: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Claim {
    pub id: Id,
    pub statement: String,
    pub about: Vec<Id>,
    pub tags: Vec<String>,
    /// Symmetric: if A contradicts B, B contradicts A here, whichever file said so.
    pub contradicts: BTreeSet<Id>,
    pub verdict: Option<Verdict>,
    /// Rendered, sanitised HTML.
    pub verdict_note: Option<String>,
    /// The note as written (Markdown), for the exports.
    pub verdict_note_source: Option<String>,
    /// When the verdict was given.
    pub verdict_on: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Article {
    pub id: Id,
    pub title: String,
    pub outlet: Option<Id>,
    pub url: Option<String>,
    /// An archived copy of the original (Wayback Machine, archive.today, …).
    pub archive: Option<String>,
    /// When that copy was made.
    pub archived_on: Option<Date>,
    pub published: Option<Date>,
    pub author: Option<String>,
    /// The article's own `language`, if it overrides the site's.
    pub language: Option<String>,
    /// Rendered, sanitised body with every highlight in place.
    pub body_html: String,
    /// In reading order (by where the quote starts in the text).
    pub annotations: Vec<Annotation>,
    /// The Markdown file, relative to the dossier root (for "edit" links).
    pub source_path: String,
}

impl Article {
    /// An article with nothing but its id and file, to fill in.
    pub(crate) fn untitled(id: Id, source_path: String) -> Article {
        Article {
            id,
            title: String::new(),
            outlet: None,
            url: None,
            archive: None,
            archived_on: None,
            published: None,
            author: None,
            language: None,
            body_html: String::new(),
            annotations: Vec::new(),
            source_path,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Annotation {
    pub id: Id,
    /// The passage as it reads in the article.
    pub quote: String,
    /// Where the passage is in the article's text, as it was matched.
    pub matched: Matched,
    pub claim: Id,
    pub stance: Stance,
    /// Whose voice the words are in.
    pub form: Form,
    /// The quote in the site's language, when the article is in another.
    pub translation: Option<String>,
    pub by: Option<Id>,
    pub via: Option<Id>,
    /// When the statement was made, if the source says and it differs from
    /// the article's date (an interview reported days later).
    pub said_on: Option<Date>,
    /// Rendered, sanitised HTML.
    pub note: Option<String>,
    /// The note as written (Markdown), for the exports.
    pub note_source: Option<String>,
}

/// Where a quote was found in the article's rendered text (the text
/// readers see, which anchoring searches): what the W3C selectors and
/// the link to the passage at its source are made from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Matched {
    /// The passage exactly as the text has it.
    pub exact: String,
    /// Its first character and the one after its last, counted in
    /// Unicode code points from the start of the text.
    pub start: usize,
    pub end: usize,
    /// Up to [`Matched::CONTEXT`] characters of the text just before and
    /// just after it.
    pub prefix: String,
    pub suffix: String,
    /// How many times the quote alone occurs in the text, as written or
    /// in another case (1 when the quote picks one passage without
    /// `prefix` or `suffix`, and no other passage reads the same to a
    /// browser, which matches a link's text fragment ignoring case).
    pub occurrences: usize,
}

impl Matched {
    /// Characters of context kept on each side (as Hypothesis keeps).
    pub(crate) const CONTEXT: usize = 32;

    /// The passage at `range` (bytes) of `text`, with its context.
    pub(crate) fn new(text: &str, range: std::ops::Range<usize>, occurrences: usize) -> Matched {
        let start = text[..range.start].chars().count();
        let exact = text[range.clone()].to_owned();
        let end = start + exact.chars().count();
        let before = &text[..range.start];
        let prefix_at = before.char_indices().rev().nth(Self::CONTEXT - 1).map_or(0, |(i, _)| i);
        let after = &text[range.end..];
        let suffix_end = after.char_indices().nth(Self::CONTEXT).map_or(after.len(), |(i, _)| i);
        Matched {
            exact,
            start,
            end,
            prefix: before[prefix_at..].to_owned(),
            suffix: after[..suffix_end].to_owned(),
            occurrences,
        }
    }
}

/// The whole resolved dossier, in id order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Dossier {
    pub site: Site,
    pub actors: BTreeMap<Id, Actor>,
    pub claims: BTreeMap<Id, Claim>,
    pub articles: BTreeMap<Id, Article>,
}

impl Dossier {
    /// Who makes the statement: `by`, else the article's outlet, else nobody.
    pub(crate) fn speaker<'a>(&'a self, article: &'a Article, annotation: &'a Annotation) -> Option<&'a Id> {
        annotation.by.as_ref().or(article.outlet.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs() {
        assert!(Id::parse("viktor-trehubov").is_ok());
        assert!(Id::parse("a1-2b").is_ok());
        assert_eq!(Id::parse(""), Err(IdError::Empty));
        assert_eq!(Id::parse("Viktor"), Err(IdError::BadChar('V')));
        assert_eq!(Id::parse("../etc"), Err(IdError::BadChar('.')));
        assert_eq!(Id::parse("a--b"), Err(IdError::BadHyphen));
        assert_eq!(Id::parse("-a"), Err(IdError::BadHyphen));
        assert_eq!(Id::parse(&"a".repeat(81)), Err(IdError::TooLong));
        assert!(Id::parse(&"a".repeat(80)).is_ok());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(Date::parse("2025-12-29").unwrap().to_string(), "2025-12-29");
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("25-12-29").is_none());
        assert!(Date::parse("2025-1-029").is_none());
    }

    #[test]
    fn matched_passages_keep_their_context_in_characters() {
        let text = format!("{}«quoted» and {}", "é".repeat(40), "ü".repeat(40));
        let at = text.find('«').unwrap();
        let m = Matched::new(&text, at..at + "«quoted»".len(), 1);
        assert_eq!((m.start, m.end), (40, 48));
        assert_eq!(m.prefix, "é".repeat(32));
        assert_eq!(m.suffix, format!(" and {}", "ü".repeat(27)));
        let short = Matched::new("ab", 1..2, 2);
        assert_eq!((short.prefix.as_str(), short.exact.as_str(), short.suffix.as_str()), ("a", "b", ""));
    }

    #[test]
    fn form_defaults_to_the_speakers_words_only_with_a_speaker() {
        let who = Id::parse("gantsev").unwrap();
        assert_eq!(Form::default_for(Some(&who)), Form::Direct);
        assert_eq!(Form::default_for(None), Form::Narration);
        assert!(Form::Direct.is_quoted() && !Form::Reported.is_quoted());
    }

    #[test]
    fn keyword_choices_read_well() {
        assert_eq!(Stance::choices(), "`supports`, `disputes` or `context`");
        assert_eq!(Verdict::parse("false"), Some(Verdict::False));
    }
}
